@testable import KartaCore
import Foundation
import Testing

extension ScheduleExample: CustomTestStringConvertible {
    var testDescription: String { description }
}

@Suite struct ScheduleParserTests {
    /// Every timing phrase of the four regions, and the robustness cases (see `ScheduleExamples`).
    @Test(arguments: ScheduleExamples.all)
    func readsPhrase(_ example: ScheduleExample) {
        let got = ScheduleParser(period: example.period, calendar: example.calendar).parse(example.text)
        #expect(example.mismatch(got) == nil, "\(example)")
    }

    @Test func defaultCalendarHasEveryLandmarkAndNoQuarters() throws {
        #expect(SchoolCalendar.default == SchoolCalendar())
        #expect(SchoolCalendar.default.quarters.isEmpty)
        #expect(SchoolCalendar.default.landmarks.count == SchoolCalendar.Landmark.allCases.count)
        #expect(SchoolCalendar.default[.winterHolidays].description == "12-29 – 01-08")
        #expect(SchoolCalendar.default[.winterHolidays].crossesNewYear)
        #expect(ScheduleParser(period: .year(2021)).calendar == .default)
        let declared = ScheduleExamples.autumnOnly
        #expect(declared[.autumnHolidays].description == "10-30 – 11-07")
        #expect(declared[.summerHolidays] == SchoolCalendar.default[.summerHolidays])
        #expect(declared.quarter(1) == nil && ScheduleExamples.regional.quarter(4)?.description == "04-01 – 05-31")
    }

    @Test func tableHasEveryKindAndRegion() {
        let kinds = Set(ScheduleExamples.all.map(\.kind))
        #expect(kinds == Set(ScheduleInterpretation.Kind.allCases))
        for region in ["krasnodar", "pskov", "shakhty", "spb"] {
            #expect(ScheduleExamples.all.contains { $0.source == region }, "\(region)")
        }
    }

    @Test func pluginPhrasesComeFirstAfterNormalisation() throws {
        let deadline = try #require(CalendarDate(iso: "2021-05-31"))
        let meaning = ScheduleInterpretation(kind: .deadline, end: deadline)
        let parser = ScheduleParser(period: .year(2021), phrases: ["По итогам  ВПР": meaning, "Март": .external])
        #expect(parser.parse("по итогам впр.") == meaning)
        #expect(parser.parse("МАРТ") == .external)
        #expect(parser.parse("март 2021").kind == .monthRange)
    }

    @Test func scheduleReadsItselfInAPeriod() {
        let interpretation = Schedule("Сентябрь-май").interpretation(in: .schoolYear(startYear: 2020))
        #expect(interpretation.kind == .monthRange)
        #expect(interpretation.start?.description == "2020-09-01")
        #expect(interpretation.end?.description == "2021-05-31")
    }

    @Test func interpretationCodesAsPlainValues() throws {
        let interpretation = ScheduleParser(period: .year(2021)).parse("Март-май 2021")
        let data = try JSONEncoder().encode(interpretation)
        let json = String(decoding: data, as: UTF8.self)
        #expect(json.contains("\"month_range\""))
        #expect(json.contains("\"2021-03-01\""))
        #expect(try JSONDecoder().decode(ScheduleInterpretation.self, from: data) == interpretation)
    }

    @Test func noiseNeverCrashesNorRunsBackwards() {
        let calendars = [SchoolCalendar.default, ScheduleExamples.regional, ScheduleExamples.overNewYear]
        let readers = [Period.year(2021), .schoolYear(startYear: 2020)].flatMap { period in calendars.map { (period, $0) } }
        for (period, calendar) in readers {
            let parser = ScheduleParser(period: period, calendar: calendar)
            for text in ScheduleExamples.noise(count: 5_000) {
                let got = parser.parse(text)
                if let start = got.start, let end = got.end {
                    #expect(start <= end, "\(text.debugDescription)")
                }
                #expect(got.dates == got.dates.sorted(), "\(text.debugDescription)")
            }
        }
    }
}

@Suite struct CalendarDateTests {
    @Test(arguments: [
        (2021, 2, 29, false), (2020, 2, 29, true), (1900, 2, 29, false), (2000, 2, 29, true),
        (2021, 4, 31, false), (2021, 12, 31, true), (2021, 13, 1, false), (2021, 0, 1, false), (2021, 1, 0, false),
    ])
    func validatesDays(year: Int, month: Int, day: Int, exists: Bool) {
        #expect((CalendarDate(year: year, month: month, day: day) != nil) == exists)
    }

    @Test func readsAndPrintsISO() throws {
        let date = try #require(CalendarDate(iso: "2021-03-05"))
        #expect(date == CalendarDate(year: 2021, month: 3, day: 5))
        #expect(date.description == "2021-03-05")
        for bad in ["2021-3-05", "2021-02-30", "05.03.2021", "2021-03-05T00:00", "", "abcd-ef-gh"] {
            #expect(CalendarDate(iso: bad) == nil, "\(bad)")
        }
    }

    @Test func codesAsISOString() throws {
        let date = try #require(CalendarDate(iso: "2020-02-29"))
        let data = try JSONEncoder().encode([date])
        #expect(String(decoding: data, as: UTF8.self) == "[\"2020-02-29\"]")
        #expect(try JSONDecoder().decode([CalendarDate].self, from: data) == [date])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([CalendarDate].self, from: Data("[\"2021-02-29\"]".utf8))
        }
    }

    @Test func countsDays() throws {
        let first = try #require(CalendarDate(iso: "2021-03-01"))
        let later = try #require(CalendarDate(iso: "2021-03-15"))
        #expect(later.days(from: first) == 14)
        #expect(first.days(from: later) == -14)
        #expect(first.adding(days: 14) == later)
        #expect(first.adding(days: -1) == CalendarDate(iso: "2021-02-28"))
        #expect(CalendarDate(iso: "2020-02-28")?.adding(days: 1) == CalendarDate(iso: "2020-02-29"))
        #expect(CalendarDate(iso: "2020-12-31")?.adding(days: 1) == CalendarDate(iso: "2021-01-01"))
        #expect(CalendarDate(iso: "2021-01-01")?.days(from: CalendarDate(iso: "2020-01-01") ?? first) == 366)
    }

    @Test func ordersAndKnowsMonthLengths() throws {
        #expect(try #require(CalendarDate(iso: "2020-12-31")) < #require(CalendarDate(iso: "2021-01-01")))
        #expect(CalendarDate.lastDayOfMonth(year: 2021, month: 2) == 28)
        #expect(CalendarDate.lastDayOfMonth(year: 2024, month: 2) == 29)
        #expect(CalendarDate.lastDayOfMonth(year: 2021, month: 9) == 30)
        #expect(CalendarDate.lastDayOfMonth(year: 2021, month: 13) == 0)
        #expect((2000...2200).contains(CalendarDate.today().year))
    }
}

@Suite struct PeriodBoundsTests {
    @Test(arguments: [
        (Period.year(2021), "2021-01-01", "2021-12-31"),
        (Period.schoolYear(startYear: 2020), "2020-09-01", "2021-08-31"),
        (Period.schoolYear(startYear: 2023), "2023-09-01", "2024-08-31"),
    ])
    func bounds(period: Period, start: String, end: String) {
        #expect(period.start.description == start)
        #expect(period.end.description == end)
    }

    @Test func yearOfAMonth() {
        let school = Period.schoolYear(startYear: 2020)
        #expect(school.year(forMonth: 9) == 2020)
        #expect(school.year(forMonth: 12) == 2020)
        #expect(school.year(forMonth: 1) == 2021)
        #expect(school.year(forMonth: 8) == 2021)
        #expect(Period.year(2021).year(forMonth: 9) == 2021)
        #expect(school.contains(CalendarDate(year: 2021, month: 8, day: 31) ?? school.start))
        #expect(!school.contains(CalendarDate(year: 2021, month: 9, day: 1) ?? school.start))
    }
}
