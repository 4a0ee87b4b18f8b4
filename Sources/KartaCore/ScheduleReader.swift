/// What a phrase says, before its stretches are given years and turned into dates.
struct ScheduleReading: Sendable {
    /// The stretches of the calendar named, in reading order.
    var atoms: [ScheduleAtom] = []
    /// `links[k]` joins `atoms[k]` and `atoms[k + 1]`.
    var links: [ScheduleLink] = []
    /// Defers to someone else's schedule («по графику», «в соответствии с планом»).
    var external = false
    /// Names the whole period («в течение года», «постоянно», «до завершения проекта»).
    var wholePeriod = false
    /// Ends with the period («до конца года», «до конца учебного года»).
    var untilPeriodEnd = false
    /// The repetition named, described in English.
    var recurrence: String?
}

/// Reads tokens left to right: first the stretches of the calendar (dates, months, parts of a year, years)
/// with the markers and links between them, then the keywords of the whole phrase.
struct ScheduleReader {
    private typealias Group = (atoms: [ScheduleAtom], links: [ScheduleLink], next: Int)

    private let tokens: [ScheduleToken]
    private let period: Period
    private var reading = ScheduleReading()
    private var pendingMarker: ScheduleMarker?
    private var pendingLink: ScheduleLink?

    private init(tokens: [ScheduleToken], period: Period) {
        self.tokens = tokens
        self.period = period
    }

    /// Reads a tokenised phrase of a roadmap of `period`.
    static func read(_ tokens: [ScheduleToken], in period: Period) -> ScheduleReading {
        var reader = ScheduleReader(tokens: tokens, period: period)
        reader.readStretches()
        reader.readKeywords()
        return reader.reading
    }

    // MARK: Tokens

    private func word(_ index: Int) -> ScheduleWord? {
        guard index >= 0, index < tokens.count, case .word(let word) = tokens[index] else { return nil }
        return word
    }

    private func keyword(_ index: Int) -> ScheduleKeyword? {
        word(index)?.keyword
    }

    private func number(_ index: Int) -> (value: Int, digits: Int)? {
        guard index >= 0, index < tokens.count, case .number(let value, let digits) = tokens[index] else { return nil }
        return (value, digits)
    }

    private func isMark(_ index: Int, _ mark: Character) -> Bool {
        guard index >= 0, index < tokens.count, case .mark(let found) = tokens[index] else { return false }
        return found == mark
    }

    private func month(_ index: Int) -> Int? {
        word(index)?.month
    }

    // MARK: Stretches

    private mutating func readStretches() {
        var index = 0
        while index < tokens.count {
            if let group = numericDate(index) ?? daysOfMonth(index) ?? countedPart(index) ?? monthStretch(index)
                ?? yearStretch(index) {
                append(group)
                index = group.next
                continue
            }
            switch tokens[index] {
            case .mark(let mark): note(mark)
            case .word(let word): note(word)
            case .number: pendingMarker = nil
            }
            index += 1
        }
    }

    private mutating func append(_ group: Group) {
        var atoms = group.atoms
        if atoms[0].marker == nil {
            atoms[0].marker = pendingMarker
        }
        if !reading.atoms.isEmpty {
            reading.links.append(pendingLink ?? .list)
        }
        reading.atoms += atoms
        reading.links += group.links
        pendingMarker = nil
        pendingLink = nil
    }

    private mutating func note(_ mark: Character) {
        switch mark {
        case "-": pendingLink = .range
        case ",", ";", "/", "+", "&": pendingLink = pendingLink ?? .list
        default: break
        }
    }

    private mutating func note(_ word: ScheduleWord) {
        switch word.keyword {
        case .from, .notBefore:
            pendingMarker = .from
        case .until, .to, .by:
            if !reading.atoms.isEmpty { pendingLink = .range }
            pendingMarker = .until
        case .notLater:
            pendingMarker = .until
        case .and:
            pendingLink = pendingLink ?? .list
        case .end, .completion:
            if pendingMarker == .until { pendingMarker = .untilEnd }
        case .into, .during, .filler:
            break
        default:
            if !word.isYearWord { pendingMarker = nil }
        }
    }

    /// `15.03.2021`, `15.03.21`, `15.03`, `31.032021` (a dot missing), `31032021`, `03.2021` (a month).
    private func numericDate(_ index: Int) -> Group? {
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
    private func daysOfMonth(_ index: Int) -> Group? {
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

    /// An ordinal and a part of a year: `I квартал`, `1 полугодие`, `2-я четверть`, `первая декада марта`.
    private func countedPart(_ index: Int) -> Group? {
        var ordinal: Int?
        var next = index + 1
        if let written = number(index), written.digits == 1, (1...4).contains(written.value) {
            ordinal = written.value
            if isMark(next, "-"), let suffix = word(next + 1), suffix.isOrdinalSuffix {
                next += 2
            } else if let suffix = word(next), suffix.isOrdinalSuffix {
                next += 1
            }
        } else {
            ordinal = word(index)?.ordinal
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
        next += 1
        if part == .decade {
            guard ordinal <= 3, lastOrdinal == nil, let month = month(next) else { return nil }
            next += 1
            if isMark(next, ".") { next += 1 }
            let year = readYear(next)
            let atom = ScheduleAtom.part(month, ordinal * 10 - 9, ordinal == 3 ? nil : ordinal * 10, year: year?.value)
            return ([atom], [], year?.next ?? next)
        }
        var school = false
        if word(next)?.stem == .school {
            school = true
            next = skipYearWords(next + (isMark(next + 1, ".") ? 2 : 1))
        }
        let year = readYear(next)
        next = year?.next ?? skipYearWords(next)
        var atoms: [ScheduleAtom] = []
        for ordinal in [ordinal, lastOrdinal].compactMap(\.self) {
            guard let months = months(of: part, ordinal, year: year?.value, school: school) else { return nil }
            atoms.append(.months(months.0, months.1, year: year?.value))
        }
        return (atoms, atoms.count > 1 ? [.range] : [], next)
    }

    /// The first and last months of the `ordinal`-th `part` of a year.
    private func months(of part: ScheduleLexicon.Part, _ ordinal: Int, year: Int?, school: Bool) -> (Int, Int)? {
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
        case .decade:
            return nil
        }
        return months
    }

    /// A month, maybe with a year or a part: `март`, `Февраль 2021 года`, `дек. 2021`, `в конце марта`.
    private func monthStretch(_ index: Int) -> Group? {
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
    private func yearStretch(_ index: Int) -> Group? {
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
    private func readYear(_ index: Int) -> (value: Int, next: Int)? {
        guard let written = number(index) else { return nil }
        if written.digits == 4, (1900...2999).contains(written.value) {
            return (written.value, skipYearWords(index + 1))
        }
        if written.digits == 2, word(index + 1)?.isYearWord == true {
            return (2000 + written.value, skipYearWords(index + 1))
        }
        return nil
    }

    private func skipYearWords(_ index: Int) -> Int {
        var next = index
        while word(next)?.isYearWord == true {
            next += 1
            if isMark(next, ".") { next += 1 }
        }
        return next
    }

    // MARK: Keywords

    private mutating func readKeywords() {
        var weekdays: Set<String> = []
        var weekdayContext = false
        for index in tokens.indices {
            guard let word = word(index) else { continue }
            if let weekday = word.weekday {
                weekdays.insert(weekday)
                if keyword(index - 1) == .to || self.word(index - 1)?.stem == .every { weekdayContext = true }
            }
            readKeyword(word, at: index)
        }
        if weekdayContext {
            let names = ScheduleLexicon.weekdayOrder.filter(weekdays.contains)
            let list = names.count == 1
                ? names[0] : names.dropLast().joined(separator: ", ") + " and " + (names.last ?? "")
            reading.recurrence = "every " + list
        }
    }

    private mutating func readKeyword(_ word: ScheduleWord, at index: Int) {
        let next = self.word(index + 1)
        switch word.keyword {
        case .external:
            reading.external = true
        case .permanently:
            reading.wholePeriod = true
        case .during:
            if let count = number(index + 1), count.digits <= 3 { break }  // «в течение 2 недель»
            if next?.stem == .duration { break }
            reading.wholePeriod = true
        case .whole:
            if [.period, .year, .term, .project].contains(next?.stem) { reading.wholePeriod = true }
        case .end, .completion:
            if next?.stem == .project || next?.keyword == .implementation {
                reading.wholePeriod = true
            } else if [.year, .period, .school, .calendar, .reporting].contains(next?.stem) {
                reading.untilPeriodEnd = true
            }
        case .times:
            if let description = repetition(at: index) { setRecurrence(description) }
        case .to:
            if next?.keyword == .measure, self.word(index + 2)?.stem == .need {
                setRecurrence("as needed")
            } else if next?.stem == .request {
                setRecurrence("on request")
            }
        default:
            if let adverb = word.adverb {
                setRecurrence(adverb)
            } else if word.count != nil, next?.keyword == .into {
                if let description = repetition(at: index) { setRecurrence(description) }  // «дважды в год»
            }
            switch word.stem {
            case .timetable:
                reading.external = true
            case .established where next?.stem == .term:
                reading.external = true
            case .yearRound:
                reading.wholePeriod = true
            case .every:
                if let unit = next?.unit { setRecurrence(unit.adverb) }
            default:
                break
            }
        }
    }

    /// The first repetition named wins (weekdays override it).
    private mutating func setRecurrence(_ description: String) {
        if reading.recurrence == nil { reading.recurrence = description }
    }

    /// «1 раз в месяц», «2 раза в неделю», «не реже 1 раза в 3-4 недели», «дважды в год».
    private func repetition(at index: Int) -> String? {
        var next = index + 1
        guard keyword(next) == .into else { return nil }
        next += 1
        var every: String?
        if let count = number(next), count.digits <= 2 {
            every = String(count.value)
            next += 1
            if isMark(next, "-"), let upper = number(next + 1), upper.digits <= 2 {
                every = "\(count.value)-\(upper.value)"
                next += 2
            }
        }
        guard let unit = word(next)?.unit else { return nil }
        let times = word(index)?.count ?? number(index - 1)?.value ?? word(index - 1)?.count ?? 1
        let interval = every.flatMap { $0 == "1" ? nil : "every \($0) \(unit.plural)" }
        switch (times, interval) {
        case (...1, nil): return unit.adverb
        case (...1, let interval?): return interval
        case (_, nil): return "\(times) times a \(unit.singular)"
        case (_, let interval?): return "\(times) times \(interval)"
        }
    }
}
