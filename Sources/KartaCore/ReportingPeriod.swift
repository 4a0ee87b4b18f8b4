/// A reporting stage a region declares within a roadmap's period («Второй этап»: July to
/// December), given by month and day so that it applies to every year.
public struct ReportingPeriod: Sendable, Hashable, Codable {
    /// Id typed on the command line (`2`).
    public var id: String
    /// The stage as the region prints it («Второй этап»).
    public var title: String
    /// First day: month and day.
    public var start: MonthDay
    /// Last day: month and day.
    public var end: MonthDay

    /// Creates a reporting period.
    public init(id: String, title: String, start: MonthDay, end: MonthDay) {
        self.id = id
        self.title = title
        self.start = start
        self.end = end
    }

    /// The first and last day within a roadmap's period: for a school year a month from
    /// September on falls in its first year, the others in its second.
    public func dates(in period: Period) -> (start: CalendarDate, end: CalendarDate)? {
        guard let first = CalendarDate(year: period.year(forMonth: start.month), month: start.month, day: start.day),
              let last = CalendarDate(year: period.year(forMonth: end.month), month: end.month, day: end.day) else { return nil }
        return (first, last)
    }

    /// The whole period as one stage: what a region that declares none reports by.
    public static func whole(schoolYear: Bool) -> ReportingPeriod {
        schoolYear
            ? ReportingPeriod(id: "year", title: "учебный год", start: MonthDay(month: 9, day: 1)!, end: MonthDay(month: 8, day: 31)!)
            : ReportingPeriod(id: "year", title: "календарный год", start: MonthDay(month: 1, day: 1)!, end: MonthDay(month: 12, day: 31)!)
    }
}

/// A day of the year without the year (`07-01`).
public struct MonthDay: Sendable, Hashable, Codable, CustomStringConvertible {
    /// 1–12.
    public var month: Int
    /// 1–31, possible in that month of a leap year.
    public var day: Int

    /// Nil when no year has this day.
    public init?(month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= CalendarDate.lastDayOfMonth(year: 2000, month: month) else { return nil }
        self.month = month
        self.day = day
    }

    /// Reads `MM-DD`.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 }), let month = Int(parts[0]), let day = Int(parts[1]) else { return nil }
        self.init(month: month, day: day)
    }

    /// `MM-DD`.
    public var description: String {
        (month < 10 ? "0" : "") + String(month) + "-" + (day < 10 ? "0" : "") + String(day)
    }
}
