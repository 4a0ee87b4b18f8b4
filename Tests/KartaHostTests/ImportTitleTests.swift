@testable import KartaHost
import Testing

/// How header titles are matched and guessed, table-driven.
@Suite struct ImportTitleTests {
    /// Pairs of titles that must match, and pairs that must not.
    static let same: [(String, String)] = [
        ("Мероприятия, запланирован-ные в муниципальной дорожной карте", "Мероприятия, запланированные в муниципальной дорожной карте"),
        ("Мероприятия, запланирован-\nные", "мероприятия, запланированные"),
        ("Ответствен\u{AD}ные исполнители", "Ответственные  исполнители"),
        ("Дата проведения\n(план/факт", "Дата проведения (план/факт)"),
        ("№ п/п", "№п/п"),
        ("Целевая аудито-рия", "ЦЕЛЕВАЯ АУДИТОРИЯ:"),
        ("Отчётная информация", "Отчетная информация"),
        ("«Сроки»", "Сроки."),
    ]
    static let different: [(String, String)] = [
        ("Сроки", "Сроки исполнения"),
        ("Дата проведения", "Дата выполнения"),
        ("№", "№ п/п"),
    ]

    @Test func titlesMatchAsTheirKeys() {
        for (a, b) in Self.same { #expect(OfficeTableLayout.key(a) == OfficeTableLayout.key(b), "«\(a)» ~ «\(b)»") }
        for (a, b) in Self.different { #expect(OfficeTableLayout.key(a) != OfficeTableLayout.key(b), "«\(a)» ≁ «\(b)»") }
    }

    /// The field `plugin new` gives a column by its title; nil when none fits (then `extra_<n>`).
    static let guesses: [(String, String?)] = [
        ("№ п/п", "number"), ("Наименование мероприятия", "title"), ("Описание действий", "title"),
        ("Краткое описание мероприятия", "description"), ("Сроки\nисполнения", "timing"), ("Дата проведения\n(план/факт", "timing"),
        ("Дата выполнения", "fact"), ("Ответствен\u{AD}ные исполнители", "responsible"), ("Целевая аудитория", "audience"),
        ("Уровень проекта", "level"), ("Ожидаемый результат", "indicator"), ("Муниципальный показатель реализации", "indicator"),
        ("Отчетная информация\nВторой этап", "report"), ("Статус", "status"),
        ("Форма отчетности / подтверждающие документы", "evidence"),
        ("Ссылка на размещение документов, подтверждающих проведение мероприятия", "evidence"),
        ("Код региона", nil), ("Примечание", nil),
    ]

    @Test func columnsAreGuessedFromRussianTitles() {
        for (title, field) in Self.guesses { #expect(PluginScaffold.guessField(title) == field, "«\(title)»") }
    }

    @Test func rolesComeFromTheResponsibleColumn() {
        let roles = PluginScaffold.roles(in: ["Управление образования (далее – УО)", "УО, ММС", "УО; кураторы", "ММС\nОО"])
        #expect(roles.map(\.abbreviation) == ["УО", "ММС", "кураторы", "ОО"])
        #expect(roles.first?.name == "Управление образования")
    }
}
