/// Parts of a month («первая декада марта», «последняя неделя апреля», «вторая половина мая») and the
/// landmarks of the school year («начало учебного года», «осенние каникулы»), read with the reader's school
/// calendar (`SchoolCalendar.default` unless the plugin declares its own).
extension ScheduleReader {
    /// The `ordinal`-th part of the month named at `index`, or the last one when `fromEnd`:
    /// - a week: days 1–7, 8–14, 15–21, 22–28; the last week is the last seven days of the month
    ///   (so a fifth week, days 29–31, is never named by a number);
    /// - a decade: days 1–10, 11–20, 21 to the end; the last decade is the third;
    /// - a half: days 1–15, 16 to the end; the last half is the second.
    func partOfMonth(_ part: ScheduleLexicon.Part, _ ordinal: Int, fromEnd: Bool, monthAt index: Int) -> Group? {
        guard let month = month(index) else { return nil }
        var next = index + 1
        if isMark(next, ".") { next += 1 }
        let year = readYear(next)
        next = year?.next ?? next
        let atom: ScheduleAtom
        switch part {
        case .week:
            if fromEnd {
                atom = .lastDays(7, of: month, year: year?.value)
            } else {
                atom = .part(month, ordinal * 7 - 6, ordinal * 7, year: year?.value)
            }
        case .decade:
            let ordinal = fromEnd ? 3 : ordinal
            guard ordinal <= 3 else { return nil }
            atom = .part(month, ordinal * 10 - 9, ordinal == 3 ? nil : ordinal * 10, year: year?.value)
        case .half:
            let ordinal = fromEnd ? 2 : ordinal
            guard ordinal <= 2 else { return nil }
            atom = .part(month, ordinal == 1 ? 1 : 16, ordinal == 1 ? 15 : nil, year: year?.value)
        case .quarter, .schoolQuarter, .trimester:
            return nil
        }
        return ([atom], [], next)
    }

    /// A landmark of the school year: `начало учебного года`, `в конце учебного года`, `осенние каникулы`,
    /// `зимних каникул 2023 г.`. «до начала учебного года» is by its first day, 1 September;
    /// «до конца учебного года» is not a landmark: it ends with the period.
    func schoolLandmark(_ index: Int) -> Group? {
        guard let word = word(index) else { return nil }
        let landmark: SchoolCalendar.Landmark
        var next = index + 1
        if let holidays = word.holidays, self.word(next)?.stem == .holidays {
            landmark = holidays
            next += 1
        } else if let keyword = word.keyword, [.beginning, .end].contains(keyword),
                  self.word(next)?.stem == .school {
            if keyword == .end, pendingMarker == .until || pendingMarker == .untilEnd { return nil }
            landmark = keyword == .beginning ? .yearStart : .yearEnd
            next = skipYearWords(next + (isMark(next + 1, ".") ? 2 : 1))
        } else {
            return nil
        }
        let span = calendar[landmark]
        let year = readYear(next)
        let atom: ScheduleAtom
        if landmark == .yearStart, pendingMarker == .until {
            atom = .day(span.start.day, span.start.month, year: year?.value)
        } else {
            atom = .span(span, year: year?.value)
        }
        return ([atom], [], year?.next ?? next)
    }
}
