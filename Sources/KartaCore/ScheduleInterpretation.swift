/// What a timing phrase («До 31.032021», «Март-май 2021», «еженедельно») tells a coordinator:
/// its kind and, when the phrase names them, the first and last day it covers.
public struct ScheduleInterpretation: Sendable, Hashable, Codable {
    /// The shape of a timing phrase.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// One day: «15.03.2021», «15 марта».
        case date
        /// Several separate days: «15.03.2021, 20.04.2021», «10 и 24 февраля».
        case dates
        /// A run of days: «03-15 февраля», «с 1 по 10 марта», «01.02.2021-15.02.2021».
        case range
        /// Whole months: «январь», «Февраль-декабрь 2021», «Сентябрь, октябрь», «I квартал».
        case monthRange = "month_range"
        /// Done by a day, no start given: «До 31.03.2021», «не позднее 10.09.2021».
        case deadline
        /// Open-ended from a day: «С 26.02.2021 Постоянно до завершения проекта», «с сентября».
        case from
        /// The whole roadmap period: «В течение учебного года», «постоянно».
        case wholePeriod = "whole_period"
        /// Repeats: «еженедельно», «1 раз в четверть», «по понедельникам».
        case recurring
        /// Set by someone else's schedule: «По графику ИРО», «по плану ОО».
        case external
        /// Not understood.
        case unknown
    }

    /// The shape of the phrase.
    public var kind: Kind
    /// The first day covered; nil for deadlines, external and unknown phrases.
    public var start: CalendarDate?
    /// The last day covered (the deadline for `.deadline`); nil for open-ended, external and unknown phrases.
    public var end: CalendarDate?
    /// Every day named, ascending: all of them for `.dates`, the one day for `.date`, empty otherwise.
    public var dates: [CalendarDate]
    /// A short English description of the repetition for `.recurring` («weekly», «every 3-4 weeks»); nil otherwise.
    public var recurrence: String?

    /// Creates an interpretation.
    public init(
        kind: Kind, start: CalendarDate? = nil, end: CalendarDate? = nil, dates: [CalendarDate] = [],
        recurrence: String? = nil
    ) {
        self.kind = kind
        self.start = start
        self.end = end
        self.dates = dates
        self.recurrence = recurrence
    }

    /// A phrase that was not understood.
    public static let unknown = ScheduleInterpretation(kind: .unknown)

    /// A phrase that defers to someone else's schedule.
    public static let external = ScheduleInterpretation(kind: .external)
}
