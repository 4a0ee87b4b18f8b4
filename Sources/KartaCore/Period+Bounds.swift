extension Period {
    /// The first day: 1 January, or 1 September of the start year of a school year.
    public var start: CalendarDate {
        switch self {
        case .year(let year): CalendarDate(unchecked: year, 1, 1)
        case .schoolYear(let startYear): CalendarDate(unchecked: startYear, 9, 1)
        }
    }

    /// The last day: 31 December, or 31 August of the year after the start year of a school year.
    public var end: CalendarDate {
        switch self {
        case .year(let year): CalendarDate(unchecked: year, 12, 31)
        case .schoolYear(let startYear): CalendarDate(unchecked: startYear + 1, 8, 31)
        }
    }

    /// The calendar year in which `month` (1...12) falls within the period: for a school year,
    /// September to December are in the start year and January to August in the next one.
    public func year(forMonth month: Int) -> Int {
        switch self {
        case .year(let year): year
        case .schoolYear(let startYear): month >= 9 ? startYear : startYear + 1
        }
    }

    /// Whether `date` is within the period, bounds included.
    public func contains(_ date: CalendarDate) -> Bool {
        start <= date && date <= end
    }
}
