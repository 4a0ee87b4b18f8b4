/// Big roadmap files for storage tests: one Pskov roadmap with many activities of
/// realistic length.
public enum LargeRoadmap {
    /// The YAML text of a Pskov roadmap `id` with `activities` top-level activities.
    public static func yaml(id: String, activities: Int) -> String {
        var text = """
            karta: 1
            id: \(id)
            plugin: pskov
            region: 60
            municipality: Псков
            period: "2021"
            title: Отчет по реализации плана-графика мероприятий (нагрузочный)
            activities:

            """
        text.reserveCapacity(activities * 420)
        for index in 1...max(1, activities) {
            text += """
                  - number: "\(index)"
                    title: "Организовано методическое сопровождение проекта 500+, мероприятие № \(index)"
                    description: "Методическое сопровождение проекта осуществляется кураторами с привлечением ресурсов методических служб всех ОО муниципалитета"
                    timing: "Март-май 2021"
                    responsible: "УО, МК"
                    roles: [mk, uo]
                    audience: "Участники проекта"
                    status: planned

                """
        }
        return text
    }
}
