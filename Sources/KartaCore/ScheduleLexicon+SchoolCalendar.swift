/// The default Russian school calendar that school-year landmarks («начало учебного года», «осенние каникулы»)
/// are read with.
extension ScheduleLexicon {
    /// A stretch of the school year a phrase may name without giving its dates.
    enum SchoolLandmark: Sendable, Hashable, CaseIterable {
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

    /// A day of the year without its year.
    struct MonthDay: Sendable, Hashable {
        var month: Int
        var day: Int
    }

    /// The first and last day of a landmark; when `end` comes before `start` in the year, it is in the next year.
    typealias SchoolSpan = (start: MonthDay, end: MonthDay)

    /// The default school calendar, one table so that a plugin can later declare its own and override it
    /// (a region's order on the school year fixes its holidays; nothing here is read from a plugin yet).
    ///
    /// The dates are judgement calls: typical dates of the Russian school calendar, the same every year.
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
    static let defaultSchoolCalendar: [SchoolLandmark: SchoolSpan] = [
        .yearStart: (MonthDay(month: 9, day: 1), MonthDay(month: 9, day: 15)),
        .yearEnd: (MonthDay(month: 5, day: 18), MonthDay(month: 5, day: 31)),
        .autumnHolidays: (MonthDay(month: 10, day: 28), MonthDay(month: 11, day: 5)),
        .winterHolidays: (MonthDay(month: 12, day: 29), MonthDay(month: 1, day: 8)),
        .springHolidays: (MonthDay(month: 3, day: 23), MonthDay(month: 3, day: 31)),
        .summerHolidays: (MonthDay(month: 6, day: 1), MonthDay(month: 8, day: 31)),
    ]
}
