extension Schedule {
    /// Reads the phrase within a roadmap's period with the built-in vocabulary
    /// (use a ``ScheduleParser`` to add a plugin's own phrases or to parse many phrases).
    public func interpretation(in period: Period) -> ScheduleInterpretation {
        ScheduleParser(period: period).parse(text)
    }
}
