/// The Russian words of timing phrases: months, weekdays, ordinals, parts of a year, units of repetition
/// and function words. Words are compared by UTF-8 bytes: token words and the literals here are both
/// composed lower-case text, so this is exact and avoids Unicode-aware string comparison.
enum ScheduleLexicon {
    /// Classifies a token word (lower-cased, «ё» read as «е»).
    static func classify(_ text: String) -> ScheduleWord {
        let key = WordKey(text)
        if var known = exactWords[key] {
            known.text = text
            return known
        }
        if let cyrillic = cyrillicLookAlike(key.bytes), let known = exactWords[WordKey(cyrillic)] {
            return known  // «c 01.09» typed with a Latin «c»
        }
        return classify(text, key.bytes, exact: false)
    }

    /// A Latin word made only of letters that look Cyrillic («c», «co», «k»), spelled in Cyrillic.
    private static func cyrillicLookAlike(_ bytes: [UInt8]) -> String? {
        guard bytes.count <= 2 else { return nil }
        var text = ""
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "c"): text += "с"
            case UInt8(ascii: "o"): text += "о"
            case UInt8(ascii: "k"): text += "к"
            case UInt8(ascii: "b"): text += "в"
            case UInt8(ascii: "y"): text += "у"
            default: return nil
            }
        }
        return text
    }

    /// Every word any exact table knows, classified in full once.
    private static let exactWords: [WordKey: ScheduleWord] = {
        let tables: [Set<[UInt8]>] = [
            Set(keywords.keys), Set(monthWords.keys), Set(weekdayWords.keys), Set(romans.keys), Set(counts.keys),
            yearWords, ordinalSuffixes, schoolQuarterWords, Set(unitWords.keys), Set(partWords.keys),
        ]
        var words: [WordKey: ScheduleWord] = [:]
        for bytes in tables.reduce(into: Set<[UInt8]>(), { $0.formUnion($1) }) {
            let text = String(decoding: bytes, as: UTF8.self)
            words[WordKey(text)] = classify(text, bytes, exact: true)
        }
        return words
    }()

    private static func classify(_ text: String, _ bytes: [UInt8], exact: Bool) -> ScheduleWord {
        var word = ScheduleWord(text)
        if exact {
            word.keyword = keywords[bytes]
            word.month = monthWords[bytes]
            word.weekday = weekdayWords[bytes]
            word.ordinal = romans[bytes]
            word.count = counts[bytes]
            word.isYearWord = yearWords.contains(bytes)
            word.isOrdinalSuffix = ordinalSuffixes.contains(bytes)
            if schoolQuarterWords.contains(bytes) { word.part = .schoolQuarter }
            word.part = word.part ?? partWords[bytes]
            word.unit = unitWords[bytes]
        }
        word.stem = stems.first { bytes.starts(with: $0.0) }?.1
        word.month = word.month ?? monthByStem(bytes)
        word.weekday = word.weekday ?? weekdayStems.first { bytes.starts(with: $0.0) }?.1
        word.ordinal = word.ordinal ?? ordinal(bytes)
        word.part = word.part ?? partStems.first { bytes.starts(with: $0.0) }?.1
        word.unit = word.unit ?? unit(bytes, part: word.part)
        word.adverb = adverbStems.first { bytes.starts(with: $0.0) }?.1
        word.holidays = seasonStems.first { bytes.starts(with: $0.0) }?.1
        return word
    }

    /// A word's UTF-8 bytes as a dictionary key, hashed in one go.
    private struct WordKey: Hashable {
        let bytes: [UInt8]

        init(_ text: String) {
            bytes = Array(text.utf8)
        }

        func hash(into hasher: inout Hasher) {
            bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
        }
    }

    /// Whether `bytes` after `offset` is one of `endings`.
    private static func ends(_ bytes: [UInt8], after offset: Int, with endings: [[UInt8]]) -> Bool {
        let rest = bytes[offset...]
        return endings.contains { $0.elementsEqual(rest) }
    }

    private static func table<Value>(_ pairs: [(String, Value)]) -> [[UInt8]: Value] {
        Dictionary(pairs.map { (Array($0.0.utf8), $0.1) }, uniquingKeysWith: { first, _ in first })
    }

    private static func stemTable<Value>(_ pairs: [(String, Value)]) -> [([UInt8], Value)] {
        pairs.map { (Array($0.0.utf8), $0.1) }
    }

    private static func set(_ words: [String]) -> Set<[UInt8]> {
        Set(words.map { Array($0.utf8) })
    }

    private static func list(_ words: [String]) -> [[UInt8]] {
        words.map { Array($0.utf8) }
    }

    private static let keywords: [[UInt8]: ScheduleKeyword] = table([
        ("с", .from), ("со", .from), ("после", .from), ("ранее", .notBefore), ("раньше", .notBefore),
        ("до", .until), ("по", .to), ("к", .by), ("ко", .by), ("позднее", .notLater), ("позже", .notLater),
        ("и", .and), ("или", .and),
        ("конец", .end), ("конца", .end), ("концу", .end), ("конце", .end),
        ("окончания", .completion), ("окончание", .completion), ("окончании", .completion),
        ("завершения", .completion), ("завершение", .completion), ("завершении", .completion),
        ("начало", .beginning), ("начале", .beginning), ("начала", .beginning), ("началу", .beginning),
        ("середина", .middle), ("середине", .middle), ("середины", .middle), ("середину", .middle),
        ("в", .into), ("во", .into), ("раз", .times), ("раза", .times),
        ("плану", .external), ("планом", .external), ("согласно", .external), ("соответствии", .external),
        ("согласованию", .external),
        ("постоянно", .permanently), ("непрерывно", .permanently),
        ("течение", .during), ("течении", .during), ("протяжении", .during),
        ("весь", .whole), ("всего", .whole), ("всей", .whole),
        ("мере", .measure), ("реализации", .implementation), ("при", .when), ("случае", .when),
        ("кроме", .except), ("исключением", .except),
        ("на", .filler), ("срок", .filler), ("сроки", .filler), ("не", .filler), ("начиная", .filler),
        ("числа", .filler),
    ])

    private static let stems: [([UInt8], ScheduleStem)] = stemTable([
        ("уч", .school), ("год", .year), ("период", .period), ("срок", .term), ("проект", .project),
        ("календарн", .calendar), ("отчетн", .reporting), ("необходим", .need), ("потребн", .need),
        ("запрос", .request), ("заявк", .request), ("требовани", .request), ("график", .timetable),
        ("расписани", .timetable), ("установленн", .established), ("круглогодичн", .yearRound), ("кажд", .every),
        ("недел", .duration), ("месяц", .duration), ("дн", .duration), ("час", .duration), ("сут", .duration),
        ("минут", .duration), ("каникул", .holidays), ("половин", .halfNoun), ("последн", .last),
    ])

    // MARK: Months

    /// The month a word names in any grammatical case («январь», «января», «январе») or with its ending
    /// lost («ноябр»); abbreviations («янв», «сент», «нояб») are exact words.
    private static func monthByStem(_ bytes: [UInt8]) -> Int? {
        for (stem, month) in monthStems where bytes.starts(with: stem) {
            return ends(bytes, after: stem.count, with: monthEndings) ? month : nil
        }
        return nil
    }

    /// Whole words: abbreviations and the short forms of «май».
    private static let monthWords: [[UInt8]: Int] = table([
        ("янв", 1), ("фев", 2), ("февр", 2), ("мар", 3), ("апр", 4),
        ("май", 5), ("мая", 5), ("мае", 5), ("маю", 5), ("маем", 5),
        ("июн", 6), ("июл", 7), ("авг", 8), ("сен", 9), ("сент", 9), ("окт", 10), ("ноя", 11), ("нояб", 11),
        ("дек", 12),
    ])

    /// Stems followed by a case ending.
    private static let monthStems: [([UInt8], Int)] = stemTable([
        ("январ", 1), ("феврал", 2), ("март", 3), ("апрел", 4), ("июн", 6), ("июл", 7),
        ("август", 8), ("сентябр", 9), ("октябр", 10), ("ноябр", 11), ("декабр", 12),
    ])

    /// Case endings after a month stem; the empty one keeps typos like «ноябр».
    private static let monthEndings = list(["", "ь", "я", "е", "ю", "ем", "ом", "а", "у"])

    // MARK: Weekdays

    private static let weekdayWords: [[UInt8]: String] = table([
        ("среда", "Wednesday"), ("среду", "Wednesday"), ("средам", "Wednesday"), ("среды", "Wednesday"),
        ("средой", "Wednesday"),
    ])

    private static let weekdayStems: [([UInt8], String)] = stemTable([
        ("понедельник", "Monday"), ("вторник", "Tuesday"), ("четверг", "Thursday"),
        ("пятниц", "Friday"), ("суббот", "Saturday"), ("воскресень", "Sunday"),
    ])

    /// Weekdays in calendar order, for printing several of them.
    static let weekdayOrder = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    // MARK: Ordinals and counts

    /// Roman numerals I...IV written in Latin letters.
    private static let romans: [[UInt8]: Int] = table([("i", 1), ("ii", 2), ("iii", 3), ("iv", 4)])

    /// Ordinal words 1...4 in any gender and case («первый», «второе», «третьем», «четвертая»).
    private static func ordinal(_ bytes: [UInt8]) -> Int? {
        for (stem, value, endings) in ordinalStems where bytes.starts(with: stem) {
            return ends(bytes, after: stem.count, with: endings) ? value : nil
        }
        return nil
    }

    private static let adjectiveEndings = list(["ый", "ой", "ая", "ое", "ого", "ом", "ую", "ые", "ых", "ым"])
    private static let ordinalStems: [([UInt8], Int, [[UInt8]])] = [
        (Array("перв".utf8), 1, adjectiveEndings), (Array("втор".utf8), 2, adjectiveEndings),
        (Array("трет".utf8), 3, list(["ий", "ья", "ье", "ьего", "ьем", "ьей", "ью", "ьи", "ьих"])),
        (Array("четверт".utf8), 4, adjectiveEndings),
    ]

    private static let ordinalSuffixes = set(["й", "я", "е", "ое", "ый", "ая", "го", "ого", "м", "ом", "ой", "ий", "ю"])

    private static let counts: [[UInt8]: Int] = table([
        ("один", 1), ("одного", 1), ("одна", 1), ("однажды", 1), ("два", 2), ("две", 2), ("дважды", 2),
        ("три", 3), ("трижды", 3), ("четыре", 4),
    ])

    private static let yearWords = set(["г", "гг", "год", "года", "году", "годы", "годов", "годах"])

    // MARK: Parts of a year

    /// A named part of a year or month, counted by an ordinal: «I квартал», «1 полугодие», «2 четверть».
    enum Part: Sendable, Equatable {
        /// A calendar quarter.
        case quarter
        /// A half of the year: of the school year in a school-year roadmap.
        case half
        /// A school quarter (четверть).
        case schoolQuarter
        /// A school trimester.
        case trimester
        /// Ten days of a month (декада).
        case decade
        /// Seven days of a month (неделя): only with a month after it.
        case week
    }

    private static let schoolQuarterWords = set(["четверть", "четверти", "четвертью", "четвертей"])
    private static let partStems: [([UInt8], Part)] = stemTable([
        ("квартал", .quarter), ("полугоди", .half), ("половин", .half), ("триместр", .trimester), ("декад", .decade),
        ("недел", .week),
    ])

    /// Abbreviations of parts, exact words: «кв.», «пол.», «четв.» (a school quarter: the documents abbreviate
    /// no weekday so).
    private static let partWords: [[UInt8]: Part] = table([
        ("кв", .quarter), ("пол", .half), ("полуг", .half), ("четв", .schoolQuarter),
    ])

    // MARK: Repetition

    /// A unit of time a repetition is counted in.
    enum Unit: Sendable, Equatable {
        case day, week, month, quarter, halfYear, year, trimester

        /// «weekly».
        var adverb: String {
            switch self {
            case .day: "daily"
            case .week: "weekly"
            case .month: "monthly"
            case .quarter: "quarterly"
            case .halfYear: "every half-year"
            case .year: "yearly"
            case .trimester: "every trimester"
            }
        }

        /// «week».
        var singular: String {
            switch self {
            case .day: "day"
            case .week: "week"
            case .month: "month"
            case .quarter: "quarter"
            case .halfYear: "half-year"
            case .year: "year"
            case .trimester: "trimester"
            }
        }

        /// «weeks».
        var plural: String { singular + "s" }
    }

    /// The unit a word names after «раз в», «каждый»: «неделю», «месяц», «четверть», «год».
    private static func unit(_ bytes: [UInt8], part: Part?) -> Unit? {
        switch part {
        case .quarter, .schoolQuarter: return .quarter
        case .half: return .halfYear
        case .trimester: return .trimester
        case .week: return .week
        case .decade, nil: break
        }
        return unitStems.first { bytes.starts(with: $0.0) }?.1
    }

    private static let unitStems: [([UInt8], Unit)] = stemTable([("недел", .week), ("месяц", .month)])
    private static let unitWords: [[UInt8]: Unit] = table([
        ("год", .year), ("года", .year), ("году", .year), ("годы", .year), ("лет", .year),
        ("день", .day), ("дня", .day), ("дней", .day), ("сутки", .day), ("суток", .day),
    ])

    /// Season adjectives naming school holidays: «осенние», «зимних», «весенние», «летние».
    private static let seasonStems: [([UInt8], SchoolCalendar.Landmark)] = stemTable([
        ("осенн", .autumnHolidays), ("зимн", .winterHolidays), ("весенн", .springHolidays), ("летн", .summerHolidays),
    ])

    private static let adverbStems: [([UInt8], String)] = stemTable([
        ("ежедневн", "daily"), ("еженедельн", "weekly"), ("ежемесячн", "monthly"),
        ("ежеквартальн", "quarterly"), ("ежегодн", "yearly"), ("регулярн", "regularly"),
        ("систематическ", "regularly"),
    ])
}
