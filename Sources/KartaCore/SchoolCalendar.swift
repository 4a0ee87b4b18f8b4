/// The school year a region's schools keep, by month and day and the same every year: the days of its landmarks
/// («начало учебного года», «осенние каникулы») and, when the region declares them, of its four quarters.
///
/// A ``ScheduleParser`` reads a landmark named without dates with it, and «2 четверть» with its quarters when it
/// has them. A region's order on the school year fixes these days; ``default`` is the host's judgement of a
/// typical Russian school year for a region that declares none.
public struct SchoolCalendar: Sendable, Hashable {
    /// A stretch of the school year a phrase may name without giving its dates.
    public enum Landmark: Sendable, Hashable, CaseIterable {
        /// «начало учебного года».
        case yearStart
        /// «конец учебного года», «в конце учебного года» (not «до конца учебного года», which is the period's end).
        case yearEnd
        /// «осенние каникулы».
        case autumnHolidays
        /// «зимние каникулы»: they run over the new year.
        case winterHolidays
        /// «весенние каникулы».
        case springHolidays
        /// «летние каникулы».
        case summerHolidays
    }

    /// The first and last day of a stretch; an `end` earlier in the year than `start` is in the next year.
    public struct Span: Sendable, Hashable, CustomStringConvertible {
        /// The first day.
        public var start: MonthDay
        /// The last day: in the next year when it comes before `start` in the year.
        public var end: MonthDay

        /// A stretch from `start` to `end`.
        public init(_ start: MonthDay, _ end: MonthDay) {
            self.start = start
            self.end = end
        }

        /// Whether it runs over the new year («29 декабря – 8 января»).
        public var crossesNewYear: Bool { (end.month, end.day) < (start.month, start.day) }

        /// `12-29 – 01-08`.
        public var description: String { "\(start) – \(end)" }
    }

    /// The days of every landmark: those declared, the default's for the others.
    public private(set) var landmarks: [Landmark: Span]
    /// The school quarters in order, first to fourth; empty when not declared, and then «N четверть» reads as
    /// whole months (September–October, November–December, January–March, April–May).
    public var quarters: [Span]

    /// A calendar with the days of `landmarks` given and those of ``default`` for the others.
    ///
    /// - Parameter quarters: the four school quarters in order, or none.
    public init(landmarks: [Landmark: Span] = [:], quarters: [Span] = []) {
        self.landmarks = Self.defaultLandmarks.merging(landmarks) { _, declared in declared }
        self.quarters = quarters
    }

    /// The days of `landmark`.
    public subscript(landmark: Landmark) -> Span {
        landmarks[landmark] ?? Self.defaultLandmarks[landmark]!
    }

    /// The `ordinal`-th school quarter (1–4), when the calendar declares quarters.
    public func quarter(_ ordinal: Int) -> Span? {
        quarters.indices.contains(ordinal - 1) ? quarters[ordinal - 1] : nil
    }

    /// The host's school calendar, for a region that declares none: no quarters, and landmarks on typical dates
    /// of the Russian school calendar. The dates are judgement calls:
    ///
    /// | landmark | days |
    /// |---|---|
    /// | start of the school year | 1–15 September |
    /// | end of the school year | 18–31 May (its last two weeks) |
    /// | autumn holidays | 28 October – 5 November |
    /// | winter holidays | 29 December – 8 January |
    /// | spring holidays | 23–31 March |
    /// | summer holidays | 1 June – 31 August |
    ///
    /// Each is placed in the roadmap's period by its first month, as a month named alone is: in a school year
    /// 2020-2021 the winter holidays are 29.12.2020–08.01.2021, in a calendar year 2021 they are
    /// 29.12.2021–08.01.2022 (those that start in it).
    public static let `default` = SchoolCalendar()

    private static let defaultLandmarks: [Landmark: Span] = [
        .yearStart: span(9, 1, 9, 15),
        .yearEnd: span(5, 18, 5, 31),
        .autumnHolidays: span(10, 28, 11, 5),
        .winterHolidays: span(12, 29, 1, 8),
        .springHolidays: span(3, 23, 3, 31),
        .summerHolidays: span(6, 1, 8, 31),
    ]

    private static func span(_ startMonth: Int, _ startDay: Int, _ endMonth: Int, _ endDay: Int) -> Span {
        Span(MonthDay(month: startMonth, day: startDay)!, MonthDay(month: endMonth, day: endDay)!)
    }
}
