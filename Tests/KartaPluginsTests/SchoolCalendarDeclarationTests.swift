import KartaCore
import KartaPlugins
import Testing

/// A plugin's `school_calendar`: the days its timing phrases' landmarks and quarters are read with, and what
/// `karta plugin check` says about a bad one, keyed by path.
@Suite struct SchoolCalendarDeclarationTests {
    static let declared = validPlugin.replacingOccurrences(of: "\nreturn M", with: """

        M.school_calendar = {
          year_start = { "09-01", "09-15" }, year_end = { "05-19", "05-31" },
          autumn_holidays = { "10-26", "11-03" }, winter_holidays = { "12-29", "01-11" },
          spring_holidays = { "03-23", "03-31" }, summer_holidays = { "06-01", "08-31" },
          quarters = { { "09-01", "10-25" }, { "11-04", "12-28" }, { "01-12", "03-22" }, { "04-01", "05-31" } },
        }
        return M
        """)

    /// The calendar as a plugin: `body` is what `M.school_calendar` holds.
    static func plugin(_ body: String) -> String {
        validPlugin.replacingOccurrences(of: "\nreturn M", with: "\nM.school_calendar = \(body)\nreturn M")
    }

    @Test func theParserReadsWithTheDeclaredCalendar() throws {
        let (directory, location) = try makePlugin(Self.declared)
        defer { _ = directory }
        let plugin = try Plugin.load(location)
        #expect(plugin.manifest.schoolCalendar.quarters.map(\.description)
            == ["09-01 – 10-25", "11-04 – 12-28", "01-12 – 03-22", "04-01 – 05-31"])
        let parser = plugin.scheduleParser(period: .schoolYear(startYear: 2022))
        #expect(parser.calendar == plugin.manifest.schoolCalendar)
        let third = parser.parse("3 четверть")
        #expect(third.kind == .range)
        #expect(third.start?.description == "2023-01-12" && third.end?.description == "2023-03-22")
        #expect(parser.parse("зимние каникулы").end?.description == "2023-01-11")
        #expect(parser.parse("по окончании I четверти").end?.description == "2022-10-25")
    }

    @Test func aPartialCalendarKeepsTheDefaultForTheRest() throws {
        let (directory, location) = try makePlugin(Self.plugin(#"{ autumn_holidays = { "10-30", "11-07" } }"#))
        defer { _ = directory }
        let calendar = try Plugin.load(location).manifest.schoolCalendar
        #expect(calendar[.autumnHolidays].description == "10-30 – 11-07")
        #expect(calendar[.winterHolidays] == SchoolCalendar.default[.winterHolidays])
        #expect(calendar.quarters.isEmpty)
    }

    @Test func withoutOneTheDefaultCalendar() throws {
        let (directory, location) = try makePlugin(validPlugin)
        defer { _ = directory }
        let plugin = try Plugin.load(location)
        #expect(plugin.manifest.schoolCalendar == .default)
        #expect(plugin.scheduleParser(period: .schoolYear(startYear: 2022)).parse("1 четверть").kind == .monthRange)
    }

    @Test func badDaysAndSpansNameTheirPaths() throws {
        let lines = try manifestProblems(Self.plugin("""
            {
              year_start = { "09-01" },
              autumn_holidays = { "10-26", "11-31" },
              spring_holidays = { "03-31", "03-23" },
              summer_holidays = "06-01",
              winter_holiday = { "12-29", "01-11" },
              year_end = { "05-19", 31 },
              quarters = { { "09-01", "10-25" }, { "13-45", "12-28" }, { "01-12", "02-29" }, { "04-01", "05-31" } },
            }
            """)).lines
        for expected in [
            #"school_calendar.year_start: expected two days, the first and the last: { "MM-DD", "MM-DD" }; found 1"#,
            "school_calendar.autumn_holidays[2]: '11-31' is not a day of every year (month 11 has 30 days)",
            "school_calendar.spring_holidays: ends (03-23) before it starts (03-31); only the winter holidays run over the new year",
            "school_calendar.summer_holidays: expected a list, found string",
            "school_calendar.year_end[2]: expected a string, found number",
            "school_calendar.quarters[2][1]: '13-45' is not a month-day MM-DD",
            "school_calendar.quarters[3][2]: '02-29' is not a day of every year (month 02 has 28 days)",
        ] {
            #expect(lines.contains(expected), "\(expected)\n\(lines)")
        }
        #expect(lines.contains { $0.hasPrefix("school_calendar.winter_holiday: unknown field, did you mean 'winter_holidays'?") },
                "\(lines)")
    }

    @Test(arguments: [
        (#"{ { "09-01", "10-25" }, { "11-04", "12-28" }, { "01-12", "03-22" } }"#,
         "school_calendar.quarters: expected the four quarters in order, found 3"),
        (#"{ { "09-01", "10-25" }, { "10-20", "12-28" }, { "01-12", "03-22" }, { "04-01", "05-31" } }"#,
         "school_calendar.quarters[2]: starts 10-20, before quarter 1 ends (10-25): quarters follow one another without overlapping"),
        (#"{ { "09-01", "10-25" }, { "01-12", "03-22" }, { "11-04", "12-28" }, { "04-01", "05-31" } }"#,
         "school_calendar.quarters[3]: starts 11-04, before quarter 2 ends (03-22): quarters follow one another without overlapping"),
        (#"{ { "09-01", "10-25" }, { "11-04", "12-28" }, { "01-12", "03-22" }, { "04-01", "09-05" } }"#,
         "school_calendar.quarters[4]: 04-01 – 09-05 runs past August: a quarter lies within one school year (September to August)"),
        (#"{ first = { "09-01", "10-25" } }"#,
         "school_calendar.quarters: expected a list (a table with keys 1, 2, 3, ...), found other keys"),
    ])
    func badQuartersAreRefused(quarters: String, expected: String) throws {
        let lines = try manifestProblems(Self.plugin("{ quarters = \(quarters) }")).lines
        #expect(lines.contains(expected), "\(lines)")
    }

    @Test func aCalendarThatIsNoTableIsRefused() throws {
        let lines = try manifestProblems(Self.plugin(#""school_year""#)).lines
        #expect(lines == ["school_calendar: expected a table, found string"])
    }
}
