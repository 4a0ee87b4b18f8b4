import ArgumentParser
import Foundation
import KartaCore
import KartaHost
import KartaStore

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a synthetic but realistic data set: roadmaps of many municipalities for the four region forms.",
        discussion: """
            Municipality i uses the form of region i mod 4 (Pskov, Krasnodar, Shakhty, St. Petersburg): \
            its fixture's letterhead, signatures and stages, with ACTIVITIES generated activities of \
            realistic Russian text, timing phrases of every kind, statuses, fact dates, report text and \
            evidence. The same seed gives the same files.
            """)

    @Option(help: ArgumentHelp("Number of municipalities (roadmaps), 1 to 100000.", valueName: "n"), transform: OptionValue.integer(1...100_000))
    var municipalities: Int

    @Option(help: ArgumentHelp("Activities per roadmap, 1 to 10000.", valueName: "m"), transform: OptionValue.integer(1...10_000))
    var activities: Int

    @Option(help: ArgumentHelp("Random seed.", valueName: "s"))
    var seed: UInt64 = 500

    @Option(name: .shortAndLong, help: ArgumentHelp("Folder to write <plugin>/<id>.yaml into.", valueName: "dir"))
    var output: String

    @Option(help: ArgumentHelp("Folder of region fixtures used as templates.", valueName: "dir"))
    var regions: String = "regions"

    func run() throws {
        let started = Date()
        let files = try DataSet.write(municipalities: municipalities, activities: activities, seed: seed,
                                      templates: regions, output: output)
        print(String(format: "generate: %d roadmaps × %d activities written to %@/ in %.2f s",
                     files.count, activities, output, Date().timeIntervalSince(started)))
    }
}

/// The synthetic data set of `karta generate` and `karta bench`.
enum DataSet {
    /// The fixture roadmaps used as templates, one per region form, in plugin order.
    static func templates(in regions: String) throws -> [Roadmap] {
        let files = Fixtures.roadmapFiles(in: regions)
        var seen: Set<String> = []
        var result: [Roadmap] = []
        for file in files {
            let text = try String(contentsOfFile: file, encoding: .utf8)
            let roadmap = try RoadmapFile.decode(text, file: file)
            if seen.insert(roadmap.plugin).inserted { result.append(roadmap) }
        }
        guard !result.isEmpty else { throw CLIError("no roadmap fixtures under \(regions)/ to use as templates") }
        return result
    }

    /// Writes the data set; returns the files written, in order.
    static func write(municipalities: Int, activities: Int, seed: UInt64, templates folder: String,
                      output: String) throws -> [String] {
        let templates = try templates(in: folder)
        var random = SeededGenerator(seed: seed)
        var files: [String] = []
        for index in 0..<municipalities {
            let roadmap = make(index: index, of: templates.count, template: templates[index % templates.count], activities: activities,
                               random: &random)
            let path = "\(output)/\(roadmap.plugin)/\(roadmap.id).yaml"
            try writeFile(Array(RoadmapFile.encode(roadmap).utf8), to: path)
            files.append(path)
        }
        return files
    }

    /// Roadmap `index` of the data set, made from `template`, one of `forms` region forms taken in turn.
    static func make(index: Int, of forms: Int = 4, template: Roadmap, activities count: Int, random: inout SeededGenerator) -> Roadmap {
        var roadmap = template
        roadmap.id = "\(template.plugin)-gen-\(index + 1)"
        roadmap.municipality = municipality(index / max(forms, 1), region: template.regionCode, besides: template.municipality)
        let stages = template.allActivities.compactMap(\.stage).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let roles = template.allActivities.flatMap(\.roles).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        // Project levels as the template prints them (St. Petersburg checks every activity has one);
        // taken in turn, not at random, so other regions' data stay as they were.
        let levels = template.allActivities.compactMap(\.level).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let year = template.period.year(forMonth: 3)
        var perStage: [String: Int] = [:]
        roadmap.activities = (0..<count).map { position in
            let stage = stages.isEmpty ? nil : stages[position * stages.count / count]
            let number: String
            if let stage {
                perStage[stage, default: 0] += 1
                number = "\(stage).\(perStage[stage]!)"
            } else {
                number = "\(position + 1)"
            }
            var made = activity(number: number, stage: stage, roles: roles, year: year, random: &random)
            made.level = levels.isEmpty ? nil : levels[position % levels.count]
            return made
        }
        return roadmap
    }

    static func activity(number: String, stage: String?, roles: [String], year: Int, random: inout SeededGenerator) -> Activity {
        let chosenRoles = roles.isEmpty ? [] : Array(Set((0..<Int.random(in: 1...2, using: &random)).map { _ in
            roles.randomElement(using: &random)!
        })).sorted()
        let title = "\(actions.randomElement(using: &random)!) \(subjects.randomElement(using: &random)!)"
        let description = "\(purposes.randomElement(using: &random)!); \(formats.randomElement(using: &random)!)"
        let timing = timings.randomElement(using: &random)!.replacingOccurrences(of: "YYYY", with: String(year))
        let roll = Int.random(in: 0..<100, using: &random)
        let status: Status = roll < 45 ? .done : roll < 65 ? .inProgress : roll < 90 ? .planned : roll < 95 ? .postponed : .cancelled
        var fact: String?
        var report: String?
        var evidence: [Evidence] = []
        if status == .done {
            fact = String(format: "%02d.%02d.%04d", Int.random(in: 1...28, using: &random), Int.random(in: 1...12, using: &random), year)
            report = reports.randomElement(using: &random)!
            if Int.random(in: 0..<10, using: &random) < 8 {
                evidence.append(Int.random(in: 0..<2, using: &random) == 0
                    ? Evidence(url: "https://edu.example.ru/500plus/\(number)/\(Int.random(in: 100...999, using: &random))")
                    : Evidence(title: "Приказ управления образования от \(fact!) № \(Int.random(in: 10...900, using: &random))"))
            }
        }
        return Activity(
            key: number, number: number, stage: stage, title: title, description: description, schedule: Schedule(timing),
            fact: fact, responsible: responsible.randomElement(using: &random)!, roles: chosenRoles,
            audience: audiences.randomElement(using: &random)!, status: status, report: report, evidence: evidence)
    }

    /// The `n`-th generated municipality of a region: one of the region's own (a roll-up prints
    /// them under the region's code), other than the template's; past the end of the list the
    /// names come round again numbered («Остров (2)»). A region without a list gets
    /// «Муниципалитет N».
    static func municipality(_ n: Int, region: Int, besides template: String) -> String {
        let names = (municipalities[region] ?? []).filter { $0 != template }
        guard !names.isEmpty else { return "Муниципалитет \(n + 1)" }
        return names[n % names.count] + (n >= names.count ? " (\(n / names.count + 1))" : "")
    }

    /// Municipalities by region code: Pskov's towns and districts, Kuban's cities and
    /// districts, the Rostov oblast's cities (Shakhty's region), St. Petersburg's districts.
    static let municipalities: [Int: [String]] = [
        60: ["Великие Луки", "Остров", "Опочка", "Новоржев", "Порхов", "Дно", "Невель", "Себеж", "Гдов", "Печоры",
             "Псковский район", "Локнянский район", "Бежаницкий район", "Пушкиногорский район", "Струго-Красненский округ"],
        23: ["Армавир", "Ейск", "Туапсе", "Анапа", "Кропоткин", "Тихорецк", "Геленджик", "Новороссийск", "Сочи", "Горячий Ключ",
             "Славянский район", "Лабинский район", "Белореченский район", "Усть-Лабинский район", "Кореновский район"],
        61: ["г. Азов", "г. Батайск", "г. Новочеркасск", "г. Таганрог", "г. Волгодонск", "г. Каменск-Шахтинский", "г. Гуково",
             "г. Новошахтинск", "г. Донецк", "г. Зверево", "Сальский район", "Белокалитвинский район", "Миллеровский район",
             "Зерноградский район", "Аксайский район"],
        78: ["Адмиралтейский район", "Василеостровский район", "Выборгский район", "Калининский район", "Кировский район",
             "Колпинский район", "Красногвардейский район", "Красносельский район", "Кронштадтский район", "Курортный район",
             "Московский район", "Невский район", "Петроградский район", "Петродворцовый район", "Приморский район",
             "Пушкинский район", "Фрунзенский район", "Центральный район"],
    ]
    static let actions = ["Проведение", "Организация", "Разработка и утверждение", "Мониторинг реализации", "Анализ результатов",
                          "Методическое сопровождение", "Участие педагогов в", "Подготовка и проведение"]
    static let subjects = [
        "семинара для заместителей директоров по учебно-воспитательной работе школ с низкими образовательными результатами",
        "антирисковых программ общеобразовательных организаций, участвующих в проекте «500+»",
        "курсов повышения квалификации учителей математики и русского языка",
        "индивидуальных консультаций кураторов по заполнению электронной дорожной карты в ИС МЭДК",
        "родительского собрания «Роль семьи в повышении качества образования»",
        "диагностики профессиональных дефицитов педагогических работников",
        "муниципального методического объединения по вопросам объективности оценивания",
        "взаимопосещений уроков в рамках сетевого взаимодействия школ-партнеров",
    ]
    static let purposes = ["Цель: повышение качества образования в школах с низкими результатами",
                           "Цель: адресная методическая помощь и устранение выявленных рисков",
                           "Результат: составлены планы работы, проведен анализ, выработаны рекомендации",
                           "Показатель: доля педагогов, прошедших обучение, не менее 80%"]
    static let formats = ["место проведения — МБОУ СОШ № 3, формат очный", "формат дистанционный (вебинар)",
                          "на базе муниципального методического центра", "в режиме видеоконференцсвязи"]
    /// Timing phrases of every kind the schedule reader knows (YYYY is the period's first year).
    static let timings = ["15.03.YYYY", "20.04.YYYY, 18.05.YYYY", "03-15 февраля", "Март-май YYYY", "Октябрь- ноябр YYYY",
                          "До 31.03.YYYY", "до 2 ноября YYYY года", "С 26.02.YYYY Постоянно до завершения проекта",
                          "В течение года", "в течении года", "еженедельно", "1 раз в четверть", "1 раз в месяц (сентябрь-декабрь)",
                          "По графику ИРО", "По графику школы", "декабрь", "январь", "Не реже 1 раза в 3-4 недели"]
    static let responsible = ["УО, МК", "МК, кураторы", "Руководители ОО", "ИМЦ, ОО", "Департамент образования", "кураторы ШНОР/ШССУ"]
    static let audiences = ["Участники проекта", "Руководители и заместители руководителей ОО", "Учителя-предметники",
                            "Кураторы, школьные координаторы", "Родители обучающихся"]
    static let reports = ["Мероприятие проведено, приняли участие 24 педагога, материалы размещены на сайте",
                          "Проведено в полном объеме, составлен протокол, рекомендации направлены в ОО",
                          "Выполнено; по итогам внесены изменения в дорожные карты школ"]
}
