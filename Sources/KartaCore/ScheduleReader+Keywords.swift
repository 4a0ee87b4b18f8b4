/// The keywords of the whole phrase: someone else's schedule, the whole period, the end of
/// the period, and repetitions («1 раз в месяц», «еженедельно», «по понедельникам»).
extension ScheduleReader {
    mutating func readKeywords() {
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

    mutating func readKeyword(_ word: ScheduleWord, at index: Int) {
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
            } else if next?.part == .schoolQuarter || next?.part == .quarter {
                setRecurrence("quarterly")  // «по окончании четверти»: of each of them
            }
        case .when:
            if next?.stem == .need { setRecurrence("as needed") }  // «при необходимости», «в случае необходимости»
        case .times:
            if let description = repetition(at: index) { setRecurrence(description) }
        case .to:
            if next?.keyword == .measure, self.word(index + 2)?.stem == .need {
                setRecurrence("as needed")
            } else if next?.stem == .need {
                setRecurrence("as needed")  // «по необходимости»
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
            case .holidays where self.word(index - 1)?.holidays == nil && keyword(index - 1) != .except:
                setRecurrence("school holidays")  // «в каникулы»: which holidays is not said
            case .every:
                if let unit = next?.unit { setRecurrence(unit.adverb) }
            default:
                break
            }
        }
    }

    /// The first repetition named wins (weekdays override it).
    mutating func setRecurrence(_ description: String) {
        if reading.recurrence == nil { reading.recurrence = description }
    }

    /// «1 раз в месяц», «2 раза в неделю», «не реже 1 раза в 3-4 недели», «дважды в год».
    func repetition(at index: Int) -> String? {
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
