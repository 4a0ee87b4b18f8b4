@testable import KartaCore

/// A timing phrase and what it must mean, for the parser's table-driven tests.
struct ScheduleExample: Sendable, CustomStringConvertible {
    /// The phrase as written.
    let text: String
    /// The period of the roadmap it comes from.
    let period: Period
    let kind: ScheduleInterpretation.Kind
    /// `YYYY-MM-DD` or nil.
    let start: String?
    /// `YYYY-MM-DD` or nil.
    let end: String?
    /// Every date of `.dates`; for `.date` the start, for other kinds none, when not given.
    let dates: [String]?
    let recurrence: String?
    /// Where the phrase comes from: a region's roadmap, its seed document, the seeds README or a robustness case.
    let source: String
    /// The school calendar it is read with: the default unless the row says otherwise.
    let calendar: SchoolCalendar

    var description: String { "[\(source)] \(text.debugDescription) in \(period)" }

    /// What differs between `got` and this example; nil when nothing does.
    func mismatch(_ got: ScheduleInterpretation) -> String? {
        let expectedDates = dates ?? (kind == .date ? start.map { [$0] } ?? [] : [])
        var problems: [String] = []
        if got.kind != kind { problems.append("kind \(got.kind.rawValue), expected \(kind.rawValue)") }
        let gotStart = got.start?.description
        let gotEnd = got.end?.description
        if gotStart != start { problems.append("start \(gotStart ?? "nil"), expected \(start ?? "nil")") }
        if gotEnd != end { problems.append("end \(gotEnd ?? "nil"), expected \(end ?? "nil")") }
        let gotDates = got.dates.map(\.description)
        if gotDates != expectedDates { problems.append("dates \(gotDates), expected \(expectedDates)") }
        if got.recurrence != recurrence {
            problems.append("recurrence \(got.recurrence ?? "nil"), expected \(recurrence ?? "nil")")
        }
        return problems.isEmpty ? nil : problems.joined(separator: "; ")
    }
}

/// Every timing phrase of the four regions (their roadmaps, seed documents and the seeds README),
/// then robustness cases.
enum ScheduleExamples {
    static let all: [ScheduleExample] = krasnodar + pskov + shakhty + spb + readme + robustness + common + declared

    private static func row(
        _ source: String, _ period: String, _ text: String, _ kind: ScheduleInterpretation.Kind,
        _ start: String?, _ end: String?, dates: [String]? = nil, recurrence: String? = nil,
        calendar: SchoolCalendar = .default
    ) -> ScheduleExample {
        guard let parsed = Period(period) else { preconditionFailure("bad period \(period)") }
        return ScheduleExample(
            text: text, period: parsed, kind: kind, start: start, end: end, dates: dates, recurrence: recurrence,
            source: source, calendar: calendar
        )
    }

    /// regions/krasnodar/roadmap-2020-2021.yaml (a school year) and its seed document.
    static let krasnodar: [ScheduleExample] = [
        row("krasnodar", "2020-2021", "22 сентября 2020 года", .date, "2020-09-22", "2020-09-22"),
        row("krasnodar", "2020-2021", "До 2 ноября 2020 года", .deadline, nil, "2020-11-02"),
        row("krasnodar", "2020-2021", "2 декабря 2020 года", .date, "2020-12-02", "2020-12-02"),
        row("krasnodar", "2020-2021", "До 20 октября 2020 года", .deadline, nil, "2020-10-20"),
        row("krasnodar", "2020-2021", "Февраль 2021 года", .monthRange, "2021-02-01", "2021-02-28"),
        row("krasnodar", "2020-2021", "Январь 2021 года", .monthRange, "2021-01-01", "2021-01-31"),
        row("krasnodar", "2020-2021", "Март 2021 года", .monthRange, "2021-03-01", "2021-03-31"),
        row("krasnodar", "2020-2021", "Октябрь 2020 года", .monthRange, "2020-10-01", "2020-10-31"),
        row("krasnodar", "2020-2021", "Ноябрь 2020 года", .monthRange, "2020-11-01", "2020-11-30"),
        row("krasnodar", "2020-2021", "Декабрь 2020 года", .monthRange, "2020-12-01", "2020-12-31"),
        row("krasnodar", "2020-2021", "В течение учебного года", .wholePeriod, "2020-09-01", "2021-08-31"),
        // The form's fill-in instruction printed in the date column of the seed document.
        row("krasnodar seed", "2020-2021", "Или плановая дата мероприятия", .unknown, nil, nil),
    ]

    /// regions/pskov/roadmap-2021.yaml and its seed document.
    static let pskov: [ScheduleExample] = [
        row("pskov", "2021", "26.02.2021", .date, "2021-02-26", "2021-02-26"),
        row("pskov", "2021", "22.02.2021", .date, "2021-02-22", "2021-02-22"),
        row("pskov", "2021", "10.02.2021", .date, "2021-02-10", "2021-02-10"),
        row("pskov", "2021", "С 26.02.2021\nПостоянно до завершения проекта", .from, "2021-02-26", nil),
        row("pskov", "2021", "26.02.2021/ 05.03.2021", .dates, "2021-02-26", "2021-03-05",
            dates: ["2021-02-26", "2021-03-05"]),
        row("pskov", "2021", "03.032021", .date, "2021-03-03", "2021-03-03"),
        row("pskov", "2021", "Март-май 2021", .monthRange, "2021-03-01", "2021-05-31"),
        row("pskov", "2021", "До 31.032021", .deadline, nil, "2021-03-31"),
        row("pskov", "2021", "До 30.042021", .deadline, nil, "2021-04-30"),
        row("pskov", "2021", "С 15.03 по 20.12.2021", .range, "2021-03-15", "2021-12-20"),
        row("pskov", "2021", "Февраль-декабрь 2021", .monthRange, "2021-02-01", "2021-12-31"),
        row("pskov", "2021", "25.10- 28.102021", .range, "2021-10-25", "2021-10-28"),
        row("pskov", "2021", "28.102021", .date, "2021-10-28", "2021-10-28"),
        row("pskov", "2021", "Мероприятие состоится в ноябре 2021", .monthRange, "2021-11-01", "2021-11-30"),
        row("pskov", "2021", "Мероприятие состоится в декабре  2021", .monthRange, "2021-12-01", "2021-12-31"),
        row("pskov", "2021", "дек 2021", .monthRange, "2021-12-01", "2021-12-31"),
        row("pskov", "2021", "Постоянно до завершения проекта", .wholePeriod, "2021-01-01", "2021-12-31"),
        row("pskov", "2021", "Октябрь- ноябр 2021", .monthRange, "2021-10-01", "2021-11-30"),
        row("pskov", "2021", "с 15.03 по 20.12.2021", .range, "2021-03-15", "2021-12-20"),
        row("pskov", "2021", "28.06.2021\n15.11.2021", .dates, "2021-06-28", "2021-11-15",
            dates: ["2021-06-28", "2021-11-15"]),
        row("pskov", "2021", "30.052021", .date, "2021-05-30", "2021-05-30"),
        row("pskov", "2021", "01.11.2021\n1.12.2021", .dates, "2021-11-01", "2021-12-01",
            dates: ["2021-11-01", "2021-12-01"]),
        row("pskov", "2021", "20.12.2021", .date, "2021-12-20", "2021-12-20"),
        // In the seed document: a cell of activities 14 and 15, and activity 12's cell broken over two lines.
        row("pskov seed", "2021", "до завершения проекта", .wholePeriod, "2021-01-01", "2021-12-31"),
        row("pskov seed", "2021", "Мероприятие состоится в ноябре \n2021", .monthRange, "2021-11-01", "2021-11-30"),
    ]

    /// regions/shakhty/roadmap-2022.yaml and its seed document.
    static let shakhty: [ScheduleExample] = [
        row("shakhty", "2022", "Август-ноябрь 2022", .monthRange, "2022-08-01", "2022-11-30"),
        row("shakhty", "2022", "Ноябрь 2022", .monthRange, "2022-11-01", "2022-11-30"),
        row("shakhty", "2022", "Декабрь 2022", .monthRange, "2022-12-01", "2022-12-31"),
        row("shakhty", "2022", "Август-декабрь 2022", .monthRange, "2022-08-01", "2022-12-31"),
        row("shakhty", "2022", "Июнь- Август 2022", .monthRange, "2022-06-01", "2022-08-31"),
        row("shakhty", "2022", "Март-декабрь 2022 г.", .monthRange, "2022-03-01", "2022-12-31"),
        row("shakhty", "2022", "Сентябрь 2022", .monthRange, "2022-09-01", "2022-09-30"),
        row("shakhty", "2022", "Октябрь-декабрь 2022", .monthRange, "2022-10-01", "2022-12-31"),
        row("shakhty", "2022", "Май-сентябрь 2022", .monthRange, "2022-05-01", "2022-09-30"),
        row("shakhty", "2022", "Ноябрь-декабрь 2022", .monthRange, "2022-11-01", "2022-12-31"),
        row("shakhty", "2022", "Июнь-июль 2022", .monthRange, "2022-06-01", "2022-07-31"),
        // In the seed document: activity 3.11's cell broken over two lines, and dates in the preface and report.
        row("shakhty seed", "2022", "Август-ноябрь\n2022", .monthRange, "2022-08-01", "2022-11-30"),
        row("shakhty seed", "2022", "в срок до 01.08.2022", .deadline, nil, "2022-08-01"),
        row("shakhty seed", "2022", "20 октября 2022 года", .date, "2022-10-20", "2022-10-20"),
        row("shakhty seed", "2022", "Проведение семинара запланировано на 16.12.2022", .date,
            "2022-12-16", "2022-12-16"),
    ]

    /// regions/spb/roadmap-2021.yaml (a calendar year) and its seed document.
    static let spb: [ScheduleExample] = [
        row("spb", "2021", "январь", .monthRange, "2021-01-01", "2021-01-31"),
        row("spb", "2021", "февраль", .monthRange, "2021-02-01", "2021-02-28"),
        row("spb", "2021", "В течение года", .wholePeriod, "2021-01-01", "2021-12-31"),
        row("spb", "2021", "Февраль-март", .monthRange, "2021-02-01", "2021-03-31"),
        row("spb", "2021", "Март", .monthRange, "2021-03-01", "2021-03-31"),
        row("spb", "2021", "апрель", .monthRange, "2021-04-01", "2021-04-30"),
        row("spb", "2021", "май", .monthRange, "2021-05-01", "2021-05-31"),
        row("spb", "2021", "Июнь-август", .monthRange, "2021-06-01", "2021-08-31"),
        row("spb", "2021", "сентябрь", .monthRange, "2021-09-01", "2021-09-30"),
        row("spb", "2021", "октябрь", .monthRange, "2021-10-01", "2021-10-31"),
        row("spb", "2021", "декабрь", .monthRange, "2021-12-01", "2021-12-31"),
        row("spb", "2021", "Март-апрель", .monthRange, "2021-03-01", "2021-04-30"),
        row("spb", "2021", "Сентябрь, октябрь", .monthRange, "2021-09-01", "2021-10-31"),
        row("spb", "2021", "Февраль - декабрь", .monthRange, "2021-02-01", "2021-12-31"),
        row("spb", "2021", "Февраль - ноябрь", .monthRange, "2021-02-01", "2021-11-30"),
        row("spb", "2021", "Февраль-ноябрь", .monthRange, "2021-02-01", "2021-11-30"),
        row("spb", "2021", "Апрель", .monthRange, "2021-04-01", "2021-04-30"),
        row("spb", "2021", "Май", .monthRange, "2021-05-01", "2021-05-31"),
        // A school year named in a calendar-year plan: read as the plan's whole period.
        row("spb", "2021", "В течение учебного года", .wholePeriod, "2021-01-01", "2021-12-31"),
        row("spb", "2021", "Январь", .monthRange, "2021-01-01", "2021-01-31"),
        row("spb", "2021", "В течение года (еженедельно)", .recurring, "2021-01-01", "2021-12-31",
            recurrence: "weekly"),
        row("spb", "2021", "Январь-февраль", .monthRange, "2021-01-01", "2021-02-28"),
        row("spb", "2021", "Февраль-апрель", .monthRange, "2021-02-01", "2021-04-30"),
        row("spb", "2021", "Октябрь-ноябрь", .monthRange, "2021-10-01", "2021-11-30"),
        row("spb", "2021", "Апрель-май", .monthRange, "2021-04-01", "2021-05-31"),
        row("spb", "2021", "июнь", .monthRange, "2021-06-01", "2021-06-30"),
        row("spb", "2021", "март", .monthRange, "2021-03-01", "2021-03-31"),
        // In the seed document's order text.
        row("spb seed", "2021", "В срок до 15.03.2021", .deadline, nil, "2021-03-15"),
        row("spb seed", "2021", "срок: постоянно", .wholePeriod, "2021-01-01", "2021-12-31"),
    ]

    /// The phrase list of the seeds README, where it spells a phrase differently from the roadmaps
    /// (the other phrases of the list are rows above).
    static let readme: [ScheduleExample] = [
        row("readme (pskov)", "2021", "С 26.02.2021 Постоянно до завершения проекта", .from, "2021-02-26", nil),
        row("readme (pskov)", "2021", "28.06.2021 15.11.2021", .dates, "2021-06-28", "2021-11-15",
            dates: ["2021-06-28", "2021-11-15"]),
    ]

    /// The shapes the parser must read, and spellings it must survive.
    static let robustness: [ScheduleExample] = [
        // date
        row("robustness", "2021", "15.03.2021", .date, "2021-03-15", "2021-03-15"),
        row("robustness", "2021", "15 марта 2021 г.", .date, "2021-03-15", "2021-03-15"),
        row("robustness", "2020-2021", "15 марта", .date, "2021-03-15", "2021-03-15"),
        row("robustness", "2020-2021", "15 октября", .date, "2020-10-15", "2020-10-15"),
        row("robustness", "2020-2021", "15.03", .date, "2021-03-15", "2021-03-15"),
        row("robustness", "2021", "15.03.21", .date, "2021-03-15", "2021-03-15"),
        row("robustness", "2021", "15032021", .date, "2021-03-15", "2021-03-15"),
        row("robustness", "2021", "15\u{00A0}марта\u{00A0}2021\u{00A0}г.", .date, "2021-03-15", "2021-03-15"),
        row("robustness", "2021", "«15» марта 2021 года.", .date, "2021-03-15", "2021-03-15"),
        row("robustness", "2021", "1-го марта", .date, "2021-03-01", "2021-03-01"),
        row("robustness", "2020", "29.02.2020", .date, "2020-02-29", "2020-02-29"),
        // dates
        row("robustness", "2021", "15.03.2021, 20.04.2021", .dates, "2021-03-15", "2021-04-20",
            dates: ["2021-03-15", "2021-04-20"]),
        row("robustness", "2021", "10 и 24 февраля", .dates, "2021-02-10", "2021-02-24",
            dates: ["2021-02-10", "2021-02-24"]),
        row("robustness", "2021", "1, 8, 15 марта", .dates, "2021-03-01", "2021-03-15",
            dates: ["2021-03-01", "2021-03-08", "2021-03-15"]),
        row("robustness", "2021", "15 марта 2021 г. и 20 апреля", .dates, "2021-03-15", "2021-04-20",
            dates: ["2021-03-15", "2021-04-20"]),
        // range
        row("robustness", "2021", "03-15 февраля", .range, "2021-02-03", "2021-02-15"),
        row("robustness", "2021", "20-30 мая", .range, "2021-05-20", "2021-05-30"),
        row("robustness", "2021", "20–30 мая", .range, "2021-05-20", "2021-05-30"),
        row("robustness", "2021", "с 1 по 10 марта", .range, "2021-03-01", "2021-03-10"),
        row("robustness", "2021", "01.02.2021-15.02.2021", .range, "2021-02-01", "2021-02-15"),
        row("robustness", "2021", "28 февраля - 5 марта", .range, "2021-02-28", "2021-03-05"),
        row("robustness", "2021", "с 15 марта по 20 апреля 2021 года", .range, "2021-03-15", "2021-04-20"),
        row("robustness", "2021", "с 1 марта до 10 апреля", .range, "2021-03-01", "2021-04-10"),
        row("robustness", "2020-2021", "01.09.2020 - 31.05.2021", .range, "2020-09-01", "2021-05-31"),
        row("robustness", "2021", "в конце марта", .range, "2021-03-21", "2021-03-31"),
        row("robustness", "2021", "первая декада марта", .range, "2021-03-01", "2021-03-10"),
        row("robustness", "2021", "с 20 марта по 10 марта", .unknown, nil, nil),
        // month_range
        row("robustness", "2021", "январь", .monthRange, "2021-01-01", "2021-01-31"),
        row("robustness", "2021", "в январе", .monthRange, "2021-01-01", "2021-01-31"),
        row("robustness", "2021", "МАРТ-МАЙ 2021", .monthRange, "2021-03-01", "2021-05-31"),
        row("robustness", "2021", "Март—май 2021", .monthRange, "2021-03-01", "2021-05-31"),
        row("robustness", "2021", "Март – май 2021 г.", .monthRange, "2021-03-01", "2021-05-31"),
        row("robustness", "2021", "Март 2021.", .monthRange, "2021-03-01", "2021-03-31"),
        row("robustness", "2021", "Мaрт 2021", .monthRange, "2021-03-01", "2021-03-31"),
        row("robustness", "2021", "Март-май-июнь", .monthRange, "2021-03-01", "2021-06-30"),
        row("robustness", "2021", "сентябрь, октябрь", .monthRange, "2021-09-01", "2021-10-31"),
        row("robustness", "2021", "янв. 2021", .monthRange, "2021-01-01", "2021-01-31"),
        row("robustness", "2021", "сент.-окт. 2021", .monthRange, "2021-09-01", "2021-10-31"),
        row("robustness", "2021", "нояб 2021", .monthRange, "2021-11-01", "2021-11-30"),
        row("robustness", "2021", "фев-март", .monthRange, "2021-02-01", "2021-03-31"),
        row("robustness", "2021", "в январе-феврале 2021", .monthRange, "2021-01-01", "2021-02-28"),
        row("robustness", "2020-2021", "сентябрь-май", .monthRange, "2020-09-01", "2021-05-31"),
        row("robustness", "2020-2021", "Сентябрь-май 2021", .monthRange, "2020-09-01", "2021-05-31"),
        row("robustness", "2020-2021", "январь-март", .monthRange, "2021-01-01", "2021-03-31"),
        row("robustness", "2020-2021", "декабрь 2020 - январь 2021", .monthRange, "2020-12-01", "2021-01-31"),
        row("robustness", "2020-2021", "октябрь-ноябрь 2020, февраль 2021", .monthRange, "2020-10-01", "2021-02-28"),
        row("robustness", "2021", "03.2021", .monthRange, "2021-03-01", "2021-03-31"),
        row("robustness", "2021", "I квартал", .monthRange, "2021-01-01", "2021-03-31"),
        row("robustness", "2020-2021", "I квартал", .monthRange, "2021-01-01", "2021-03-31"),
        row("robustness", "2020-2021", "IV квартал 2020 г.", .monthRange, "2020-10-01", "2020-12-31"),
        row("robustness", "2021", "2-й квартал", .monthRange, "2021-04-01", "2021-06-30"),
        row("robustness", "2021", "в третьем квартале 2021 года", .monthRange, "2021-07-01", "2021-09-30"),
        row("robustness", "2021", "1 полугодие", .monthRange, "2021-01-01", "2021-06-30"),
        row("robustness", "2020-2021", "1 полугодие", .monthRange, "2020-09-01", "2020-12-31"),
        row("robustness", "2020-2021", "II полугодие", .monthRange, "2021-01-01", "2021-05-31"),
        row("robustness", "2020-2021", "1 четверть", .monthRange, "2020-09-01", "2020-10-31"),
        row("robustness", "2021", "1-2 квартал", .monthRange, "2021-01-01", "2021-06-30"),
        row("robustness", "2020-2021", "I-II полугодие", .monthRange, "2020-09-01", "2021-05-31"),
        row("robustness", "2020-2021", "2 триместр", .monthRange, "2020-12-01", "2021-02-28"),
        row("robustness", "2020-2021", "январь, ноябрь", .monthRange, "2020-11-01", "2021-01-31"),
        row("robustness", "2021", "декабрь-январь", .monthRange, "2021-12-01", "2022-01-31"),
        row("robustness", "2021", "сентябрь-май", .monthRange, "2021-09-01", "2022-05-31"),
        row("robustness", "2021", "в течение марта", .monthRange, "2021-03-01", "2021-03-31"),
        row("robustness", "2021", "2021 год", .wholePeriod, "2021-01-01", "2021-12-31"),
        row("robustness", "2021", "в течение 2021 года", .wholePeriod, "2021-01-01", "2021-12-31"),
        row("robustness", "2021", "2020-2021 гг.", .monthRange, "2020-01-01", "2021-12-31"),
        row("robustness", "2020-2021", "в течение 2020-2021 учебного года", .wholePeriod, "2020-09-01", "2021-08-31"),
        // deadline
        row("robustness", "2021", "До 31.03.2021", .deadline, nil, "2021-03-31"),
        row("robustness", "2020-2021", "до 2 ноября 2020 года", .deadline, nil, "2020-11-02"),
        row("robustness", "2021", "не позднее 10.09.2021", .deadline, nil, "2021-09-10"),
        row("robustness", "2021", "до31.03.2021", .deadline, nil, "2021-03-31"),
        row("robustness", "2021", "до 31.032021", .deadline, nil, "2021-03-31"),
        row("robustness", "2021", "до 31.03.2021 г.", .deadline, nil, "2021-03-31"),
        row("robustness", "2021", "до конца марта", .deadline, nil, "2021-03-31"),
        row("robustness", "2021", "до марта", .deadline, nil, "2021-03-01"),
        row("robustness", "2020-2021", "до конца года", .deadline, nil, "2021-08-31"),
        row("robustness", "2021", "к 15 марта", .deadline, nil, "2021-03-15"),
        row("robustness", "2021", "До конца 2021 года", .deadline, nil, "2021-12-31"),
        row("robustness", "2021", "по 20.12.2021", .deadline, nil, "2021-12-20"),
        // from
        row("robustness", "2021", "С 26.02.2021 Постоянно до завершения проекта", .from, "2021-02-26", nil),
        row("robustness", "2020-2021", "с сентября", .from, "2020-09-01", nil),
        row("robustness", "2021", "начиная с 01.09.2021", .from, "2021-09-01", nil),
        row("robustness", "2020-2021", "c 01.09", .from, "2020-09-01", nil),  // a Latin «c»
        // whole_period
        row("robustness", "2021", "в течении года", .wholePeriod, "2021-01-01", "2021-12-31"),
        row("robustness", "2020-2021", "в течение всего периода", .wholePeriod, "2020-09-01", "2021-08-31"),
        row("robustness", "2021", "постоянно", .wholePeriod, "2021-01-01", "2021-12-31"),
        row("robustness", "2021", "Постоянно.", .wholePeriod, "2021-01-01", "2021-12-31"),
        row("robustness", "2021", "в течение 2 недель", .unknown, nil, nil),
        // recurring
        row("robustness", "2021", "еженедельно", .recurring, "2021-01-01", "2021-12-31", recurrence: "weekly"),
        row("robustness", "2021", "Каждую неделю", .recurring, "2021-01-01", "2021-12-31", recurrence: "weekly"),
        row("robustness", "2020-2021", "1 раз в четверть", .recurring, "2020-09-01", "2021-08-31",
            recurrence: "quarterly"),
        row("robustness", "2020-2021", "1 раз в месяц (сентябрь-декабрь)", .recurring, "2020-09-01", "2020-12-31",
            recurrence: "monthly"),
        row("robustness", "2021", "Не реже 1 раза в 3-4 недели", .recurring, "2021-01-01", "2021-12-31",
            recurrence: "every 3-4 weeks"),
        row("robustness", "2021", "ежемесячно", .recurring, "2021-01-01", "2021-12-31", recurrence: "monthly"),
        row("robustness", "2021", "по понедельникам", .recurring, "2021-01-01", "2021-12-31",
            recurrence: "every Monday"),
        row("robustness", "2021", "каждый вторник и четверг", .recurring, "2021-01-01", "2021-12-31",
            recurrence: "every Tuesday and Thursday"),
        row("robustness", "2021", "2 раза в месяц", .recurring, "2021-01-01", "2021-12-31",
            recurrence: "2 times a month"),
        row("robustness", "2021", "раз в 2 недели", .recurring, "2021-01-01", "2021-12-31",
            recurrence: "every 2 weeks"),
        row("robustness", "2021", "ежеквартально", .recurring, "2021-01-01", "2021-12-31", recurrence: "quarterly"),
        row("robustness", "2021", "по мере необходимости", .recurring, "2021-01-01", "2021-12-31",
            recurrence: "as needed"),
        row("robustness", "2021", "ежемесячно с 15 марта", .recurring, "2021-03-15", "2021-12-31",
            recurrence: "monthly"),
        row("robustness", "2021", "еженедельно по понедельникам", .recurring, "2021-01-01", "2021-12-31",
            recurrence: "every Monday"),
        row("robustness", "2021", "дважды в год", .recurring, "2021-01-01", "2021-12-31",
            recurrence: "2 times a year"),
        row("robustness", "2021", "по запросу ОО", .recurring, "2021-01-01", "2021-12-31",
            recurrence: "on request"),
        row("robustness", "2020-2021", "в конце каждой четверти", .recurring, "2020-09-01", "2021-08-31",
            recurrence: "quarterly"),
        // external
        row("robustness", "2021", "По графику ИРО", .external, nil, nil),
        row("robustness", "2021", "По графику школы", .external, nil, nil),
        row("robustness", "2021", "в соответствии с графиком ФИОКО", .external, nil, nil),
        row("robustness", "2021", "по плану ОО", .external, nil, nil),
        row("robustness", "2021", "согласно плану-графику РЦОКО", .external, nil, nil),
        row("robustness", "2021", "по графику, март", .external, nil, nil),
        // unknown
        row("robustness", "2021", "", .unknown, nil, nil),
        row("robustness", "2021", " \n ", .unknown, nil, nil),
        row("robustness", "2021", "2 этап", .unknown, nil, nil),
        row("robustness", "2021", "по мере сил и возможностей школы", .unknown, nil, nil),
        row("robustness", "2021", "31.02.2021", .unknown, nil, nil),
        row("robustness", "2021", "29.02.2021", .unknown, nil, nil),
        row("robustness", "2021", "15.13.2021", .unknown, nil, nil),
        row("robustness", "2021", "до 31.02.2021", .unknown, nil, nil),
        row("robustness", "2021", "abc", .unknown, nil, nil),
        row("robustness", "2021", "в течение месяца", .unknown, nil, nil),
        row("robustness", "2021", "15.03.202", .unknown, nil, nil),
    ]

    /// What municipal roadmaps commonly write beyond the four regions' phrases (issue 19): parts of a month,
    /// halves of a year, abbreviations, school-year landmarks read with the default school calendar
    /// (`SchoolCalendar.default`), and «when needed».
    static let common: [ScheduleExample] = [
        // Weeks of a month: week N is days 7N-6 to 7N; the last week is the month's last seven days.
        row("common", "2023", "1-я неделя марта", .range, "2023-03-01", "2023-03-07"),
        row("common", "2022-2023", "первая неделя сентября", .range, "2022-09-01", "2022-09-07"),
        row("common", "2023", "последняя неделя апреля", .range, "2023-04-24", "2023-04-30"),
        row("common", "2024", "последняя неделя февраля", .range, "2024-02-23", "2024-02-29"),
        row("common", "2022-2023", "2 неделя мая 2023", .range, "2023-05-08", "2023-05-14"),
        row("common", "2023", "4-я неделя ноября", .range, "2023-11-22", "2023-11-28"),
        row("common", "2023", "в течение 2 недель", .unknown, nil, nil),  // a duration, no month: not a week of one
        // Decades: days 1-10, 11-20, 21 to the end; the last decade is the third.
        row("common", "2023", "1 декада мая", .range, "2023-05-01", "2023-05-10"),
        row("common", "2022-2023", "вторая декада октября", .range, "2022-10-11", "2022-10-20"),
        row("common", "2022-2023", "III декада декабря", .range, "2022-12-21", "2022-12-31"),
        row("common", "2023", "последняя декада июня", .range, "2023-06-21", "2023-06-30"),
        // Halves of a month: days 1-15 and 16 to the end.
        row("common", "2023", "первая половина апреля", .range, "2023-04-01", "2023-04-15"),
        row("common", "2023", "вторая половина апреля", .range, "2023-04-16", "2023-04-30"),
        row("common", "2024", "во второй половине февраля", .range, "2024-02-16", "2024-02-29"),
        // Halves of a year: January-June and July-December in a calendar year; in a school year (no year
        // written) its halves as schools count them, September-December and January-May (the summer is in
        // neither), as «II полугодие» already was. A written year names a calendar half-year, even in a school year.
        row("common", "2023", "первая половина года", .monthRange, "2023-01-01", "2023-06-30"),
        row("common", "2022-2023", "первая половина года", .monthRange, "2022-09-01", "2022-12-31"),
        row("common", "2023", "первая половина учебного года", .monthRange, "2023-09-01", "2023-12-31"),
        row("common", "2023", "во втором полугодии", .monthRange, "2023-07-01", "2023-12-31"),
        row("common", "2022-2023", "во втором полугодии", .monthRange, "2023-01-01", "2023-05-31"),
        row("common", "2023", "II полугодие", .monthRange, "2023-07-01", "2023-12-31"),
        row("common", "2023", "2 полугодие 2023 года", .monthRange, "2023-07-01", "2023-12-31"),
        row("common", "2022-2023", "2 полугодие 2023 года", .monthRange, "2023-07-01", "2023-12-31"),
        // Abbreviated quarters and half-years, read as «IV квартал», «1 полугодие».
        row("common", "2023", "IV кв.", .monthRange, "2023-10-01", "2023-12-31"),
        row("common", "2022-2023", "I кв. 2023", .monthRange, "2023-01-01", "2023-03-31"),
        row("common", "2022-2023", "4 кв.", .monthRange, "2022-10-01", "2022-12-31"),
        row("common", "2023", "II пол.", .monthRange, "2023-07-01", "2023-12-31"),
        row("common", "2023", "1 пол. 2023 г.", .monthRange, "2023-01-01", "2023-06-30"),
        // School-year landmarks, from the default school calendar: the start is 1-15 September of the school
        // year (of the year itself in a calendar-year roadmap), the end the last two weeks of May.
        row("common", "2022-2023", "начало учебного года", .range, "2022-09-01", "2022-09-15"),
        row("common", "2023", "начало учебного года", .range, "2023-09-01", "2023-09-15"),
        row("common", "2022-2023", "с начала учебного года", .from, "2022-09-01", nil),
        row("common", "2022-2023", "до начала учебного года", .deadline, nil, "2022-09-01"),
        row("common", "2023", "к началу учебного года", .deadline, nil, "2023-09-01"),
        row("common", "2022-2023", "в конце учебного года", .range, "2023-05-18", "2023-05-31"),
        row("common", "2023", "конец учебного года", .range, "2023-05-18", "2023-05-31"),
        // «до конца учебного года» stays what it was: by the end of the roadmap's period.
        row("common", "2022-2023", "до конца учебного года", .deadline, nil, "2023-08-31"),
        // Holidays: autumn 28.10-05.11, winter 29.12-08.01, spring 23-31.03, summer 01.06-31.08, placed by
        // their first month like a month named alone (winter holidays of a calendar year start in it).
        row("common", "2022-2023", "осенние каникулы", .range, "2022-10-28", "2022-11-05"),
        row("common", "2022-2023", "в период осенних каникул", .range, "2022-10-28", "2022-11-05"),
        row("common", "2022-2023", "зимние каникулы", .range, "2022-12-29", "2023-01-08"),
        row("common", "2023", "зимние каникулы", .range, "2023-12-29", "2024-01-08"),
        row("common", "2022-2023", "весенние каникулы", .range, "2023-03-23", "2023-03-31"),
        row("common", "2022-2023", "летние каникулы", .range, "2023-06-01", "2023-08-31"),
        row("common", "2023", "летние каникулы 2023 г.", .range, "2023-06-01", "2023-08-31"),
        // Holidays not said which: every holiday of the period.
        row("common", "2022-2023", "каникулы", .recurring, "2022-09-01", "2023-08-31", recurrence: "school holidays"),
        row("common", "2023", "в каникулы", .recurring, "2023-01-01", "2023-12-31", recurrence: "school holidays"),
        // What follows «кроме» is left out, not named: the repetition runs over the whole period.
        row("common", "2022-2023", "ежемесячно (кроме летних каникул)", .recurring, "2022-09-01", "2023-08-31",
            recurrence: "monthly"),
        row("common", "2022-2023", "ежемесячно, за исключением каникул", .recurring, "2022-09-01", "2023-08-31",
            recurrence: "monthly"),
        // School quarters keep their whole months (the robustness rows fix «1 четверть» as September-October);
        // the end of a quarter not said which is each of them.
        row("common", "2022-2023", "1 четверть", .monthRange, "2022-09-01", "2022-10-31"),
        row("common", "2022-2023", "в течение I четверти", .monthRange, "2022-09-01", "2022-10-31"),
        row("common", "2022-2023", "по окончании I четверти", .deadline, nil, "2022-10-31"),
        row("common", "2022-2023", "по окончании четверти", .recurring, "2022-09-01", "2023-08-31",
            recurrence: "quarterly"),
        // When needed, on request.
        row("common", "2023", "по мере необходимости", .recurring, "2023-01-01", "2023-12-31", recurrence: "as needed"),
        row("common", "2023", "по необходимости", .recurring, "2023-01-01", "2023-12-31", recurrence: "as needed"),
        row("common", "2023", "при необходимости", .recurring, "2023-01-01", "2023-12-31", recurrence: "as needed"),
        row("common", "2023", "в случае необходимости", .recurring, "2023-01-01", "2023-12-31",
            recurrence: "as needed"),
        row("common", "2023", "по запросу", .recurring, "2023-01-01", "2023-12-31", recurrence: "on request"),
        row("common", "2023", "по запросам ОО", .recurring, "2023-01-01", "2023-12-31", recurrence: "on request"),
        row("common", "2023", "по требованию", .recurring, "2023-01-01", "2023-12-31", recurrence: "on request"),
        // «необходимо» is not «when needed».
        row("common", "2023", "необходимо до 15.03.2023", .deadline, nil, "2023-03-15"),
    ]
}

extension ScheduleExamples {
    /// A region's declared school calendar (issue 19), the example of docs/plugin-authoring.md: landmarks that
    /// differ from the default's, and the four quarters.
    static let regional = SchoolCalendar(
        landmarks: [
            .yearStart: span("09-01", "09-15"), .yearEnd: span("05-19", "05-31"),
            .autumnHolidays: span("10-26", "11-03"), .winterHolidays: span("12-29", "01-11"),
            .springHolidays: span("03-23", "03-31"), .summerHolidays: span("06-01", "08-31"),
        ],
        quarters: [span("09-01", "10-25"), span("11-04", "12-28"), span("01-12", "03-22"), span("04-01", "05-31")])

    /// Only the autumn holidays declared: the other landmarks keep the default's days, the quarters their months.
    static let autumnOnly = SchoolCalendar(landmarks: [.autumnHolidays: span("10-30", "11-07")])

    /// A second quarter that runs over the new year: no region of ours declares one, but a declaration may.
    static let overNewYear = SchoolCalendar(
        quarters: [span("09-01", "10-27"), span("11-06", "01-09"), span("01-20", "03-22"), span("04-01", "05-31")])

    private static func span(_ start: String, _ end: String) -> SchoolCalendar.Span {
        guard let first = MonthDay(start), let last = MonthDay(end) else { preconditionFailure("bad span \(start) \(end)") }
        return SchoolCalendar.Span(first, last)
    }

    /// Phrases read with a calendar a plugin declares (`school_calendar`): its landmarks and quarters, placed in
    /// the period as the default's landmarks are.
    static let declared: [ScheduleExample] = [
        // Landmarks take the declared days; everything else of the phrase reads as before.
        row("calendar", "2022-2023", "осенние каникулы", .range, "2022-10-26", "2022-11-03", calendar: regional),
        row("calendar", "2022-2023", "зимние каникулы", .range, "2022-12-29", "2023-01-11", calendar: regional),
        row("calendar", "2023", "зимние каникулы", .range, "2023-12-29", "2024-01-11", calendar: regional),
        row("calendar", "2022-2023", "в конце учебного года", .range, "2023-05-19", "2023-05-31", calendar: regional),
        // «до начала учебного года» is by the declared first day, as it is by 1 September with the default.
        row("calendar", "2022-2023", "до начала учебного года", .deadline, nil, "2022-09-01", calendar: regional),
        row("calendar", "2022-2023", "каникулы", .recurring, "2022-09-01", "2023-08-31", recurrence: "school holidays",
            calendar: regional),
        // Declared quarters are days, not whole months: a range, not a month range. In a school year the first two
        // are in its first calendar year and the third, after the new year, in its second (by its first month,
        // as «январь» of 2022-2023 is January 2023).
        row("calendar", "2022-2023", "1 четверть", .range, "2022-09-01", "2022-10-25", calendar: regional),
        row("calendar", "2022-2023", "2-я четверть", .range, "2022-11-04", "2022-12-28", calendar: regional),
        row("calendar", "2022-2023", "за 2 четверть", .range, "2022-11-04", "2022-12-28", calendar: regional),
        row("calendar", "2022-2023", "3 четверть", .range, "2023-01-12", "2023-03-22", calendar: regional),
        row("calendar", "2022-2023", "IV четв.", .range, "2023-04-01", "2023-05-31", calendar: regional),
        row("calendar", "2022-2023", "в течение III четверти", .range, "2023-01-12", "2023-03-22", calendar: regional),
        row("calendar", "2022-2023", "по окончании I четверти", .deadline, nil, "2022-10-25", calendar: regional),
        row("calendar", "2022-2023", "до конца 2 четверти", .deadline, nil, "2022-12-28", calendar: regional),
        // Ranges of quarters run from the first day of the first to the last day of the last.
        row("calendar", "2022-2023", "1-2 четверть", .range, "2022-09-01", "2022-12-28", calendar: regional),
        row("calendar", "2022-2023", "II-III четверти", .range, "2022-11-04", "2023-03-22", calendar: regional),
        // A written year is the year the quarter starts in, as it is for a month.
        row("calendar", "2022-2023", "3 четверть 2023 г.", .range, "2023-01-12", "2023-03-22", calendar: regional),
        // In a calendar year each quarter falls in it by its first month: the first in its autumn, the third in its
        // winter; a run of quarters follows its start («2-3 четверть» of 2023 ends in March 2024, as «декабрь-январь»).
        row("calendar", "2023", "1 четверть", .range, "2023-09-01", "2023-10-25", calendar: regional),
        row("calendar", "2023", "3 четверть", .range, "2023-01-12", "2023-03-22", calendar: regional),
        row("calendar", "2023", "2-3 четверть", .range, "2023-11-04", "2024-03-22", calendar: regional),
        // Repetitions by quarter and other parts of a year do not change.
        row("calendar", "2022-2023", "1 раз в четверть", .recurring, "2022-09-01", "2023-08-31", recurrence: "quarterly",
            calendar: regional),
        row("calendar", "2022-2023", "по окончании четверти", .recurring, "2022-09-01", "2023-08-31",
            recurrence: "quarterly", calendar: regional),
        row("calendar", "2022-2023", "I полугодие", .monthRange, "2022-09-01", "2022-12-31", calendar: regional),
        // A partial declaration: the landmark declared, the default for the rest, quarters as whole months.
        row("calendar", "2022-2023", "осенние каникулы", .range, "2022-10-30", "2022-11-07", calendar: autumnOnly),
        row("calendar", "2022-2023", "зимние каникулы", .range, "2022-12-29", "2023-01-08", calendar: autumnOnly),
        row("calendar", "2022-2023", "1 четверть", .monthRange, "2022-09-01", "2022-10-31", calendar: autumnOnly),
        // Without declared quarters «IV четв.» is the fourth quarter's months, as «IV четверть» is.
        row("calendar", "2022-2023", "IV четв.", .monthRange, "2023-04-01", "2023-05-31"),
        // A quarter over the new year is placed like the winter holidays: by its first month, its end in the next year.
        row("calendar", "2022-2023", "2 четверть", .range, "2022-11-06", "2023-01-09", calendar: overNewYear),
        row("calendar", "2023", "2 четверть", .range, "2023-11-06", "2024-01-09", calendar: overNewYear),
        row("calendar", "2023", "по окончании 2 четверти", .deadline, nil, "2024-01-09", calendar: overNewYear),
    ]

    /// `count` deterministic pseudo-random phrases made of the pieces timing phrases are built from,
    /// to check that the parser neither crashes nor returns a run that ends before it starts.
    static func noise(count: Int) -> [String] {
        let pieces = [
            "до", "с", "по", "и", "в течение", "года", "учебного", "г.", "марта", "Февраль", "ноябр", "дек",
            "сент.", "I", "II", "квартал", "полугодие", "четверть", "декада", "конца", "раз", "в", "недели",
            "еженедельно", "по графику", "-", "–", ",", ".", "/", "(", ")", "«", "»", " ", "\n", "\u{00A0}",
            "0", "1", "12", "15", "29", "31", "032021", "2020", "2021", "21", "99", "9999999999", "с.", "ё", "c",
        ]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return Int(state % UInt64(pieces.count))
        }
        return (0..<count).map { index in
            (0..<(1 + index % 9)).map { _ in pieces[next()] }.joined(separator: index % 3 == 0 ? "" : " ")
        }
    }
}
