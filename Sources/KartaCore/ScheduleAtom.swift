/// A word before a date that changes what the date means.
enum ScheduleMarker: Sendable, Equatable {
    /// «с», «начиная с», «не ранее»: the date starts something.
    case from
    /// «до», «по», «не позднее», «к»: the date ends something.
    case until
    /// «до конца»: the end of the named month or year ends something.
    case untilEnd
}

/// How two stretches named in a row are joined.
enum ScheduleLink: Sendable, Equatable {
    /// A dash, «по», «до»: from the first to the second.
    case range
    /// A comma, «и», a slash or nothing: one and the other.
    case list
}

/// A stretch of the calendar named by a phrase, before its year is known:
/// one day («15.03»), whole months («март», «I квартал», «2021 год») or part of a month («первая декада марта»).
struct ScheduleAtom: Sendable, Equatable {
    /// What kind of stretch it is.
    enum Shape: Sendable, Equatable {
        /// A single day.
        case day
        /// Whole months, from the first day of the first to the last day of the last.
        case months
        /// Some days of one month, or days of the school calendar («осенние каникулы», a declared «2 четверть»).
        case part
    }

    var shape: Shape
    var startMonth: Int
    var startDay: Int
    var endMonth: Int
    /// The last day; nil for the last day of `endMonth`.
    var endDay: Int?
    /// When set, the first day is this many days before the last, which depends on the year
    /// («последняя неделя февраля»); `startDay` is then ignored.
    var daysBeforeEnd: Int?
    /// How many calendar years later the end is than the start (1 for a school year, September to August).
    var endYearOffset = 0
    /// The year of the start, when the phrase writes it.
    var year: Int?
    /// A whole calendar or school year («2021 год», «2020-2021 учебный год»).
    var isYear = false
    /// The marker written before it.
    var marker: ScheduleMarker?

    /// One day.
    static func day(_ day: Int, _ month: Int, year: Int?) -> ScheduleAtom {
        ScheduleAtom(shape: .day, startMonth: month, startDay: day, endMonth: month, endDay: day, year: year)
    }

    /// Whole months `first` to `last`; `last` before `first` means the next calendar year.
    static func months(_ first: Int, _ last: Int, year: Int?) -> ScheduleAtom {
        ScheduleAtom(
            shape: .months, startMonth: first, startDay: 1, endMonth: last, endDay: nil,
            endYearOffset: last < first ? 1 : 0, year: year
        )
    }

    /// Days `first` to `last` (nil: to the end) of `month`.
    static func part(_ month: Int, _ first: Int, _ last: Int?, year: Int?) -> ScheduleAtom {
        ScheduleAtom(shape: .part, startMonth: month, startDay: first, endMonth: month, endDay: last, year: year)
    }

    /// The last `count` days of `month`.
    static func lastDays(_ count: Int, of month: Int, year: Int?) -> ScheduleAtom {
        var atom = part(month, 1, nil, year: year)
        atom.daysBeforeEnd = count - 1
        return atom
    }

    /// Days of the school calendar (a landmark, a quarter); an end earlier in the year is in the next year.
    static func span(_ span: SchoolCalendar.Span, year: Int?) -> ScheduleAtom {
        ScheduleAtom(
            shape: .part, startMonth: span.start.month, startDay: span.start.day, endMonth: span.end.month,
            endDay: span.end.day, endYearOffset: span.crossesNewYear ? 1 : 0, year: year
        )
    }

    /// Gives every stretch its year and returns their first and last days; nil when a day does not exist
    /// («31.02.2021») or a run ends before it starts.
    ///
    /// A written year wins. The others follow the written ones in reading order: a stretch before
    /// a written one is in the same year, or the year before when its month comes later («Сентябрь-май 2021»
    /// → September 2020); a stretch after one is in the same year, or the next when its month comes earlier.
    /// When no year is written each stretch takes its year from the period («январь, ноябрь» in 2020-2021 →
    /// January 2021 and November 2020), except that the end of a run follows its start («декабрь-январь» in
    /// 2021 → December 2021 to January 2022).
    static func resolve(
        _ atoms: [ScheduleAtom], links: [ScheduleLink], in period: Period
    ) -> [(start: CalendarDate, end: CalendarDate)]? {
        guard !atoms.isEmpty else { return [] }
        var years = atoms.map(\.year)
        if let anchor = years.firstIndex(where: { $0 != nil }) {
            var index = anchor
            while index > 0 {
                index -= 1
                let next = atoms[index + 1]
                let endYear = (years[index + 1] ?? 0) - (atoms[index].endMonth > next.startMonth ? 1 : 0)
                years[index] = endYear - atoms[index].endYearOffset
            }
            for index in atoms.indices where index > anchor && years[index] == nil {
                years[index] = yearAfter(atoms[index - 1], in: years[index - 1] ?? 0, atoms[index])
            }
        } else {
            for index in atoms.indices {
                if index > 0, index - 1 < links.count, links[index - 1] == .range {
                    years[index] = yearAfter(atoms[index - 1], in: years[index - 1] ?? 0, atoms[index])
                } else {
                    years[index] = period.year(forMonth: atoms[index].startMonth)
                }
            }
        }
        var spans: [(start: CalendarDate, end: CalendarDate)] = []
        spans.reserveCapacity(atoms.count)
        for (atom, year) in zip(atoms, years) {
            let startYear = year ?? 0
            let endYear = startYear + atom.endYearOffset
            let endDay = atom.endDay ?? CalendarDate.lastDayOfMonth(year: endYear, month: atom.endMonth)
            let startDay = atom.daysBeforeEnd.map { endDay - $0 } ?? atom.startDay
            guard let start = CalendarDate(year: startYear, month: atom.startMonth, day: startDay),
                  let end = CalendarDate(year: endYear, month: atom.endMonth, day: endDay),
                  start <= end else { return nil }
            spans.append((start, end))
        }
        return spans
    }

    /// The year of `atom` read after `previous`, which starts in `previousYear`: the same year as the end of
    /// `previous`, or the next when its month comes earlier.
    private static func yearAfter(_ previous: ScheduleAtom, in previousYear: Int, _ atom: ScheduleAtom) -> Int {
        previousYear + previous.endYearOffset + (atom.startMonth < previous.endMonth ? 1 : 0)
    }
}
