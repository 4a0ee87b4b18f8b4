import KartaCore
import KartaLua

extension PluginManifest {
    /// The keys of `school_calendar` that name a landmark, in the order the docs list them.
    static let schoolLandmarkKeys: [(key: String, landmark: SchoolCalendar.Landmark)] = [
        ("year_start", .yearStart), ("year_end", .yearEnd), ("autumn_holidays", .autumnHolidays),
        ("winter_holidays", .winterHolidays), ("spring_holidays", .springHolidays),
        ("summer_holidays", .summerHolidays),
    ]

    /// `school_calendar = { autumn_holidays = { "10-26", "11-03" }, quarters = { { "09-01", "10-25" }, … } }`:
    /// the days of the school year's landmarks and of its four quarters, `MM-DD`, the same every year. Every key
    /// may be left out and keeps the default's days (`SchoolCalendar.default`; no quarters).
    ///
    /// Judgement calls: only the winter holidays may run over the new year (`{ "12-29", "01-11" }`); any other
    /// landmark whose end comes before its start is a slip, not a stretch of eleven months. Quarters are four,
    /// in order within one school year (September to August), each after the one before ends; a quarter may run
    /// over the new year, and they are not checked against the holidays.
    static func decodeSchoolCalendar(_ value: LuaValue, reader: inout LuaReader) -> SchoolCalendar {
        guard value != .nil, let table = reader.table(value, "school_calendar", shape: .schoolCalendar) else { return .default }
        var landmarks: [SchoolCalendar.Landmark: SchoolCalendar.Span] = [:]
        for (key, landmark) in schoolLandmarkKeys where table[key] != .nil {
            let path = "school_calendar.\(key)"
            guard let span = schoolSpan(table[key], path, reader: &reader) else { continue }
            if span.crossesNewYear, landmark != .winterHolidays {
                reader.fail(path, "ends (\(span.end)) before it starts (\(span.start)); only the winter holidays run over the new year")
                continue
            }
            landmarks[landmark] = span
        }
        return SchoolCalendar(landmarks: landmarks, quarters: schoolQuarters(table["quarters"], reader: &reader))
    }

    /// `quarters = { { "09-01", "10-25" }, { "11-04", "12-28" }, { "01-12", "03-22" }, { "04-01", "05-31" } }`.
    private static func schoolQuarters(_ value: LuaValue, reader: inout LuaReader) -> [SchoolCalendar.Span] {
        guard value != .nil else { return [] }
        let path = "school_calendar.quarters"
        let known = reader.problems.count
        let items = reader.list(value, path)
        guard case .table = value, reader.problems.count == known else { return [] }
        if items.count != 4 {
            reader.fail(path, "expected the four quarters in order, found \(items.count)")
        }
        var quarters: [SchoolCalendar.Span] = []
        for (index, item) in items.enumerated() {
            if let span = schoolSpan(item, "\(path)[\(index + 1)]", reader: &reader) { quarters.append(span) }
        }
        guard items.count == 4, quarters.count == 4 else { return [] }
        // Days counted from 1 September, so that a school year's days are in order.
        func place(_ day: MonthDay) -> Int { (day.month + 3) % 12 * 31 + day.day }
        var fine = true
        for (index, quarter) in quarters.enumerated() {
            if place(quarter.end) < place(quarter.start) {
                reader.fail("\(path)[\(index + 1)]", "\(quarter) runs past August: a quarter lies within one school year (September to August)")
                fine = false
            } else if index > 0, place(quarter.start) <= place(quarters[index - 1].end) {
                reader.fail("\(path)[\(index + 1)]",
                            "starts \(quarter.start), before quarter \(index) ends (\(quarters[index - 1].end)): quarters follow one another without overlapping")
                fine = false
            }
        }
        return fine ? quarters : []
    }

    /// `{ "10-26", "11-03" }`: a first and a last day, `MM-DD`, of every year.
    private static func schoolSpan(_ value: LuaValue, _ path: String, reader: inout LuaReader) -> SchoolCalendar.Span? {
        let known = reader.problems.count
        let items = reader.list(value, path)
        guard case .table = value, reader.problems.count == known else { return nil }
        guard items.count == 2 else {
            reader.fail(path, "expected two days, the first and the last: { \"MM-DD\", \"MM-DD\" }; found \(items.count)")
            return nil
        }
        var days: [MonthDay] = []
        for (index, item) in items.enumerated() {
            let dayPath = "\(path)[\(index + 1)]"
            guard let text = reader.string(item, dayPath) else { continue }
            if let day = schoolDay(text, dayPath, reader: &reader) { days.append(day) }
        }
        guard days.count == 2 else { return nil }
        return SchoolCalendar.Span(days[0], days[1])
    }

    /// `MM-DD` naming a day every year has: not `13-45`, not `04-31`, not `02-29`.
    private static func schoolDay(_ text: String, _ path: String, reader: inout LuaReader) -> MonthDay? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.utf8.count == 2 && $0.utf8.allSatisfy { (48...57).contains($0) } }),
              let month = Int(parts[0]), let day = Int(parts[1]), (1...12).contains(month), (1...31).contains(day) else {
            reader.fail(path, "'\(text)' is not a month-day MM-DD")
            return nil
        }
        guard let found = MonthDay(month: month, day: day), text != "02-29" else {
            let days = CalendarDate.lastDayOfMonth(year: 2001, month: month)
            reader.fail(path, "'\(text)' is not a day of every year (month \(parts[0]) has \(days) days)")
            return nil
        }
        return found
    }
}
