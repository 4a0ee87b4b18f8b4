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
    typealias Group = (atoms: [ScheduleAtom], links: [ScheduleLink], next: Int)

    let tokens: [ScheduleToken]
    let period: Period
    /// The days of landmarks and quarters of the school year.
    let calendar: SchoolCalendar
    var reading = ScheduleReading()
    var pendingMarker: ScheduleMarker?
    var pendingLink: ScheduleLink?

    private init(tokens: [ScheduleToken], period: Period, calendar: SchoolCalendar) {
        self.tokens = tokens
        self.period = period
        self.calendar = calendar
    }

    /// Reads a tokenised phrase of a roadmap of `period`, with the landmarks and quarters of `calendar`.
    static func read(_ tokens: [ScheduleToken], in period: Period, calendar: SchoolCalendar = .default) -> ScheduleReading {
        var reader = ScheduleReader(tokens: tokens, period: period, calendar: calendar)
        reader.readStretches()
        reader.readKeywords()
        return reader.reading
    }

    // MARK: Tokens

    func word(_ index: Int) -> ScheduleWord? {
        guard index >= 0, index < tokens.count, case .word(let word) = tokens[index] else { return nil }
        return word
    }

    func keyword(_ index: Int) -> ScheduleKeyword? {
        word(index)?.keyword
    }

    func number(_ index: Int) -> (value: Int, digits: Int)? {
        guard index >= 0, index < tokens.count, case .number(let value, let digits) = tokens[index] else { return nil }
        return (value, digits)
    }

    func isMark(_ index: Int, _ mark: Character) -> Bool {
        guard index >= 0, index < tokens.count, case .mark(let found) = tokens[index] else { return false }
        return found == mark
    }

    func month(_ index: Int) -> Int? {
        word(index)?.month
    }

    // MARK: Stretches

    mutating func readStretches() {
        var index = 0
        while index < tokens.count {
            if keyword(index) == .except { break }  // «ежемесячно, кроме летних каникул»
            if let group = numericDate(index) ?? daysOfMonth(index) ?? countedPart(index) ?? schoolLandmark(index)
                ?? monthStretch(index) ?? yearStretch(index) {
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

    mutating func append(_ group: Group) {
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

    mutating func note(_ mark: Character) {
        switch mark {
        case "-": pendingLink = .range
        case ",", ";", "/", "+", "&": pendingLink = pendingLink ?? .list
        default: break
        }
    }

    mutating func note(_ word: ScheduleWord) {
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
}
