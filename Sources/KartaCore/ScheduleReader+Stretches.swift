/// The stretches of the calendar a phrase names: numeric dates, days of a month, counted
/// parts of a year («I квартал»), months and month ranges, years.
extension ScheduleReader {
    /// `15.03.2021`, `15.03.21`, `15.03`, `31.032021` (a dot missing), `31032021`, `03.2021` (a month).
    func numericDate(_ index: Int) -> Group? {
        guard let first = number(index) else { return nil }
        if first.digits == 8 {
            let year = first.value % 10_000
            guard (1900...2999).contains(year) else { return nil }
            return ([.day(first.value / 1_000_000, first.value / 10_000 % 100, year: year)], [], index + 1)
        }
        guard first.digits <= 2, isMark(index + 1, "."), let second = number(index + 2) else { return nil }
        switch second.digits {
        case 1, 2:
            if isMark(index + 3, "."), let third = number(index + 4) {
                switch third.digits {
                case 4: return ([.day(first.value, second.value, year: third.value)], [], index + 5)
                case 2: return ([.day(first.value, second.value, year: 2000 + third.value)], [], index + 5)
                default: return nil
                }
            }
            guard (1...31).contains(first.value), (1...12).contains(second.value) else { return nil }
            let year = readYear(index + 3)
            return ([.day(first.value, second.value, year: year?.value)], [], year?.next ?? index + 3)
        case 4:
            guard (1...12).contains(first.value), (1900...2999).contains(second.value) else { return nil }
            return ([.months(first.value, first.value, year: second.value)], [], skipYearWords(index + 3))
        case 5, 6:
            let year = second.value % 10_000
            guard (1900...2999).contains(year) else { return nil }
            return ([.day(first.value, second.value / 10_000, year: year)], [], index + 3)
        default:
            return nil
        }
    }

    /// Days followed by a month: `15 марта 2021 г.`, `10 и 24 февраля`, `03-15 февраля`, `с 1 по 10 марта`.
    func daysOfMonth(_ index: Int) -> Group? {
        guard let first = number(index), first.digits <= 2, (1...31).contains(first.value) else { return nil }
        var days = [first.value]
        var links: [ScheduleLink] = []
        var next = index + 1
        while true {
            if isMark(next, "-"), let suffix = word(next + 1), suffix.isOrdinalSuffix {
                next += 2  // «1-го марта»
            } else if isMark(next, "»") || isMark(next, "\"") || isMark(next, "”") {
                next += 1  // «15» марта
            }
            if let month = month(next) {
                next += 1
                if isMark(next, ".") { next += 1 }
                let year = readYear(next)
                return (days.map { .day($0, month, year: year?.value) }, links, year?.next ?? next)
            }
            let link: ScheduleLink
            if isMark(next, "-") || keyword(next) == .to || keyword(next) == .until {
                link = .range
            } else if isMark(next, ",") || isMark(next, ";") || keyword(next) == .and {
                link = .list
            } else {
                return nil
            }
            guard let day = number(next + 1), day.digits <= 2, (1...31).contains(day.value) else { return nil }
            days.append(day.value)
            links.append(link)
            next += 2
        }
    }

    /// An ordinal and a part of a year: `I квартал`, `1 полугодие`, `2-я четверть`, `IV кв.`, `1 пол. 2023 г.`,
    /// `первая половина года`; or of a month (see `partOfMonth`): `первая декада марта`, `1-я неделя марта`.
    /// A school quarter has the days the calendar declares for it, else the whole months of `months(of:)`.
    func countedPart(_ index: Int) -> Group? {
        var ordinal: Int?
        var next = index + 1
        let fromEnd = word(index)?.stem == .last
        if let written = number(index), written.digits == 1, (1...4).contains(written.value) {
            ordinal = written.value
            if isMark(next, "-"), let suffix = word(next + 1), suffix.isOrdinalSuffix {
                next += 2
            } else if let suffix = word(next), suffix.isOrdinalSuffix {
                next += 1
            }
        } else {
            ordinal = fromEnd ? 1 : word(index)?.ordinal
        }
        var lastOrdinal: Int?
        if isMark(next, "-") {
            // «1-2 квартал», «I-II полугодие»
            if let written = number(next + 1), written.digits == 1, (1...4).contains(written.value) {
                lastOrdinal = written.value
            } else {
                lastOrdinal = word(next + 1)?.ordinal
            }
            if lastOrdinal != nil { next += 2 }
        }
        guard let ordinal, let part = word(next)?.part else { return nil }
        if keyword(index - 1) == .into, keyword(index - 2) == .times {
            return nil  // «раз в 2 четверти» counts a repetition
        }
        let halfNoun = word(next)?.stem == .halfNoun
        next += 1
        if isMark(next, ".") { next += 1 }  // «кв.», «пол.»
        if [.decade, .week].contains(part) || (part == .half && month(next) != nil) {
            guard lastOrdinal == nil else { return nil }
            return partOfMonth(part, ordinal, fromEnd: fromEnd, monthAt: next)
        }
        if halfNoun, word(next)?.isYearWord != true, word(next)?.stem != .school {
            return nil  // «половина» of neither a month nor a year
        }
        guard !fromEnd else { return nil }
        var school = false
        if word(next)?.stem == .school {
            school = true
            next = skipYearWords(next + (isMark(next + 1, ".") ? 2 : 1))
        }
        let year = readYear(next)
        next = year?.next ?? skipYearWords(next)
        var atoms: [ScheduleAtom] = []
        for ordinal in [ordinal, lastOrdinal].compactMap(\.self) {
            if part == .schoolQuarter, let quarter = calendar.quarter(ordinal) {
                atoms.append(.span(quarter, year: year?.value))  // a declared quarter: its days, placed like holidays
                continue
            }
            guard let months = months(of: part, ordinal, year: year?.value, school: school) else { return nil }
            atoms.append(.months(months.0, months.1, year: year?.value))
        }
        return (atoms, atoms.count > 1 ? [.range] : [], next)
    }

    /// The first and last months of the `ordinal`-th `part` of a year.
    func months(of part: ScheduleLexicon.Part, _ ordinal: Int, year: Int?, school: Bool) -> (Int, Int)? {
        let months: (Int, Int)
        switch part {
        case .quarter:
            months = (ordinal * 3 - 2, ordinal * 3)
        case .half:
            guard ordinal <= 2 else { return nil }
            let schoolHalf: Bool
            if case .schoolYear = period { schoolHalf = year == nil } else { schoolHalf = school }
            months = schoolHalf ? (ordinal == 1 ? (9, 12) : (1, 5)) : (ordinal == 1 ? (1, 6) : (7, 12))
        case .schoolQuarter:
            months = [(9, 10), (11, 12), (1, 3), (4, 5)][ordinal - 1]
        case .trimester:
            guard ordinal <= 3 else { return nil }
            months = [(9, 11), (12, 2), (3, 5)][ordinal - 1]
        case .decade, .week:
            return nil
        }
        return months
    }

    /// A month, maybe with a year or a part: `март`, `Февраль 2021 года`, `дек. 2021`, `в конце марта`.
    func monthStretch(_ index: Int) -> Group? {
        var next = index
        var days: (first: Int, last: Int?)?
        var marker: ScheduleMarker?
        switch keyword(index) {
        case .beginning, .middle, .end:
            guard month(index + 1) != nil else { return nil }
            switch keyword(index) {
            case .beginning: days = (1, 10)
            case .middle: days = (11, 20)
            default:
                if pendingMarker == .until || pendingMarker == .untilEnd {
                    marker = .untilEnd  // «до конца марта»: by the end of the month
                } else {
                    days = (21, nil)
                }
            }
            next += 1
        default:
            break
        }
        guard let month = month(next) else { return nil }
        next += 1
        if isMark(next, ".") { next += 1 }
        let year = readYear(next)
        var atom = days.map { ScheduleAtom.part(month, $0.first, $0.last, year: year?.value) }
            ?? .months(month, month, year: year?.value)
        atom.marker = marker
        return ([atom], [], year?.next ?? next)
    }

    /// A year or years: `2021 год`, `2020-2021 учебный год`, `2021-2022 гг.`.
    func yearStretch(_ index: Int) -> Group? {
        guard let first = number(index), first.digits == 4, (1900...2999).contains(first.value) else { return nil }
        var next = index + 1
        var last = first.value
        if isMark(next, "-") || isMark(next, "/"), let second = number(next + 1),
           second.digits == 2 || second.digits == 4 {
            let value = second.digits == 2 ? first.value / 100 * 100 + second.value : second.value
            if value > first.value, value - first.value <= 10 {
                last = value
                next += 2
            }
        }
        next = skipYearWords(next)
        var school = false
        if word(next)?.stem == .school {
            school = true
            next = skipYearWords(next + (isMark(next + 1, ".") ? 2 : 1))
        }
        var schoolPeriod = false
        if case .schoolYear = period { schoolPeriod = true }
        var atom: ScheduleAtom
        if (school && last <= first.value + 1) || (schoolPeriod && last == first.value + 1) {
            atom = .months(9, 8, year: first.value)
        } else {
            atom = .months(1, 12, year: first.value)
            atom.endYearOffset = last - first.value
        }
        atom.isYear = true
        return ([atom], [], next)
    }

    /// A year after a month or a date: `2021`, `2021 г.`, `2020 года`, `21 г.`.
    func readYear(_ index: Int) -> (value: Int, next: Int)? {
        guard let written = number(index) else { return nil }
        if written.digits == 4, (1900...2999).contains(written.value) {
            return (written.value, skipYearWords(index + 1))
        }
        if written.digits == 2, word(index + 1)?.isYearWord == true {
            return (2000 + written.value, skipYearWords(index + 1))
        }
        return nil
    }

    func skipYearWords(_ index: Int) -> Int {
        var next = index
        while word(next)?.isYearWord == true {
            next += 1
            if isMark(next, ".") { next += 1 }
        }
        return next
    }
}
