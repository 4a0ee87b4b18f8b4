/// Reads the Russian timing phrases of roadmaps («До 31.032021», «Март-май 2021», «В течение учебного года»,
/// «1 раз в четверть», «По графику ИРО») within the roadmap's period.
///
/// A year the phrase writes wins; a two-digit year is in the 2000s; otherwise the year comes from the period
/// («март» in 2020-2021 is March 2021, «сентябрь-май» is September 2020 to May 2021). A phrase it cannot read,
/// or a day that does not exist («31.02.2021»), is `.unknown`: it never guesses.
///
/// The parser is a small tokenizer and recognizer, cheap enough to run for every activity of every roadmap.
public struct ScheduleParser: Sendable {
    /// The period of the roadmap the phrases come from.
    public let period: Period
    /// The school calendar that landmarks («осенние каникулы») and school quarters («2 четверть») are read with.
    public let calendar: SchoolCalendar
    private let phrases: [String: ScheduleInterpretation]

    /// Creates a parser for phrases of a roadmap of `period`.
    ///
    /// - Parameters:
    ///   - phrases: a plugin's own phrases and what they mean, checked before the built-in reading.
    ///     They are matched after normalisation: case, «ё», kinds of dashes and spaces and trailing
    ///     punctuation do not matter.
    ///   - calendar: the region's school calendar; the host's default when the plugin declares none.
    public init(period: Period, phrases: [String: ScheduleInterpretation] = [:], calendar: SchoolCalendar = .default) {
        self.period = period
        self.calendar = calendar
        var normalised: [String: ScheduleInterpretation] = [:]
        for (phrase, interpretation) in phrases {
            normalised[ScheduleTokenizer.key(ScheduleTokenizer.tokens(phrase))] = interpretation
        }
        self.phrases = normalised
    }

    /// What `text` means; `.unknown` when it cannot be read.
    public func parse(_ text: String) -> ScheduleInterpretation {
        let tokens = ScheduleTokenizer.tokens(text)
        if !phrases.isEmpty, let known = phrases[ScheduleTokenizer.key(tokens)] {
            return known
        }
        guard !tokens.isEmpty else { return .unknown }
        return interpret(ScheduleReader.read(tokens, in: period, calendar: calendar))
    }

    private func interpret(_ reading: ScheduleReading) -> ScheduleInterpretation {
        if reading.external { return .external }
        guard let spans = ScheduleAtom.resolve(reading.atoms, links: reading.links, in: period) else { return .unknown }
        let atoms = reading.atoms

        if let recurrence = reading.recurrence {
            var start = period.start
            var end = period.end
            if let first = atoms.first, let span = spans.first, let last = spans.last {
                switch first.marker {
                case .from:
                    start = span.start
                    if spans.count > 1 { end = last.end }
                case .until, .untilEnd:
                    end = deadline(first, span, last)
                case nil:
                    (start, end) = bounds(spans, reading.links)
                }
            }
            guard start <= end else { return .unknown }
            return ScheduleInterpretation(kind: .recurring, start: start, end: end, recurrence: recurrence)
        }

        guard let first = atoms.first, let span = spans.first, let last = spans.last else {
            if reading.wholePeriod {
                return ScheduleInterpretation(kind: .wholePeriod, start: period.start, end: period.end)
            }
            if reading.untilPeriodEnd {
                return ScheduleInterpretation(kind: .deadline, end: period.end)
            }
            return .unknown
        }

        switch first.marker {
        case .from:
            if spans.count == 1 {
                return ScheduleInterpretation(kind: .from, start: span.start)
            }
            return stretch(atoms, start: span.start, end: last.end)
        case .until, .untilEnd:
            return ScheduleInterpretation(kind: .deadline, end: deadline(first, span, last))
        case nil:
            break
        }

        if spans.count == 1 {
            switch first.shape {
            case .day:
                return ScheduleInterpretation(kind: .date, start: span.start, end: span.end, dates: [span.start])
            case .months:
                let whole = first.isYear && span.start == period.start && span.end == period.end
                let kind: ScheduleInterpretation.Kind = whole ? .wholePeriod : .monthRange
                return ScheduleInterpretation(kind: kind, start: span.start, end: span.end)
            case .part:
                return ScheduleInterpretation(kind: .range, start: span.start, end: span.end)
            }
        }
        if atoms.allSatisfy({ $0.shape == .day }), !(spans.count == 2 && reading.links == [.range]) {
            let dates = Array(Set(spans.map(\.start))).sorted()
            return ScheduleInterpretation(kind: .dates, start: dates.first, end: dates.last, dates: dates)
        }
        let (start, end) = bounds(spans, reading.links)
        return stretch(atoms, start: start, end: end)
    }

    /// A run from `start` to `end`: of whole months when every stretch is whole months, of days otherwise.
    private func stretch(_ atoms: [ScheduleAtom], start: CalendarDate, end: CalendarDate) -> ScheduleInterpretation {
        guard start <= end else { return .unknown }
        let kind: ScheduleInterpretation.Kind = atoms.allSatisfy { $0.shape == .months } ? .monthRange : .range
        return ScheduleInterpretation(kind: kind, start: start, end: end)
    }

    /// Where a run of stretches starts and ends: written order when any are joined by a dash
    /// («сентябрь-май»), the earliest and latest day of a list otherwise («май, март»).
    private func bounds(
        _ spans: [(start: CalendarDate, end: CalendarDate)], _ links: [ScheduleLink]
    ) -> (CalendarDate, CalendarDate) {
        if links.contains(.range), let first = spans.first, let last = spans.last {
            return (first.start, last.end)
        }
        let starts = spans.map(\.start)
        let ends = spans.map(\.end)
        return (starts.min() ?? period.start, ends.max() ?? period.end)
    }

    /// The deadline of «до …»: the day itself («до 31.03.2021»), the end of a month after «до конца»,
    /// and the first day of a month or year named alone («до марта» is by 1 March).
    private func deadline(
        _ first: ScheduleAtom, _ span: (start: CalendarDate, end: CalendarDate),
        _ last: (start: CalendarDate, end: CalendarDate)
    ) -> CalendarDate {
        if first.marker == .until, first.shape == .months, span.start == last.start {
            return span.start
        }
        return last.end
    }
}
