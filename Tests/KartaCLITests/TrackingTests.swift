import Foundation
import KartaTesting
import Testing

/// The execution-tracking story end to end, through the real binary and a real SQLite file:
/// import, move activities through their statuses as different roles, meet region rules,
/// and read `karta status --as-of` and `karta history` after each step.
@Suite struct TrackingTests {
    let directory: TemporaryDirectory
    let db: String

    init() throws {
        directory = try TemporaryDirectory()
        db = directory.path("karta.sqlite")
        let files = ["regions/spb/roadmap-2021.yaml", "regions/shakhty/roadmap-2022.yaml", "regions/pskov/roadmap-2021.yaml"]
        let run = try karta(["import"] + files.map(PackagePaths.path))
        #expect(run.status == 0, "\(run.output)")
    }

    func karta(_ arguments: [String]) throws -> KartaRun {
        try KartaProcess.run(arguments, environment: ["KARTA_DB": db, "KARTA_USER": "Тестова Т.Т."])
    }

    /// `karta status ID --as-of DAY --json`, decoded.
    func status(_ roadmap: String, asOf day: String) throws -> [String: Any] {
        let run = try karta(["status", roadmap, "--as-of", day, "--json"])
        #expect(run.status == 0, "\(run.output)")
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let roadmaps = try #require(object?["roadmaps"] as? [[String: Any]])
        #expect(object?["as_of"] as? String == day)
        return try #require(roadmaps.first)
    }

    func historyLines(_ roadmap: String, _ key: String? = nil) throws -> [String] {
        let run = try karta(["history", roadmap] + (key.map { [$0] } ?? []))
        #expect(run.status == 0, "\(run.output)")
        return run.stdout.split(separator: "\n").map(String.init)
    }

    @Test func movingActivitiesThroughTheirStatuses() throws {
        // St. Petersburg 2021 on 15 February: nothing done; January items overdue; March
        // items start within 14 days; the weekly webinars are recurring, never overdue.
        var spb = try status("spb-vo-2021", asOf: "2021-02-15")
        #expect(spb["done"] as? Int == 0)
        #expect(spb["total"] as? Int == 54)
        var overdue = try #require(spb["overdue"] as? [String])
        #expect(overdue.contains("1.1") && overdue.contains("3.1"))
        #expect(!overdue.contains("1.10"))
        #expect((spb["starting_soon"] as? [String])?.contains("1.10") == true)
        let recurring = try #require(spb["recurring"] as? [String])
        #expect(recurring.contains("2.3.13"))
        #expect(Set(recurring).isDisjoint(with: overdue))
        let stages = try #require(spb["stages"] as? [[String: Any]])
        #expect(stages.first?["title"] as? String == "Организационные мероприятия")
        #expect(stages.first?["total"] as? Int == 16)

        // The district's methodical centre starts 1.1, a school finishes it with evidence.
        var run = try karta(["mark", "spb-vo-2021", "1.1", "in_progress", "--as", "ИМЦ", "--reason", "начали отбор"])
        #expect(run.status == 0, "\(run.output)")
        run = try karta(["mark", "spb-vo-2021", "1.1", "done", "--as", "ОО", "--fact", "2021-02-10",
                         "--report", "Отобраны 4 школы", "--evidence", "Приказ ИМЦ от 10.02.2021 № 12"])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.stdout.contains("status выполняется → выполнено (ОО (Тестова Т.Т.))"))
        spb = try status("spb-vo-2021", asOf: "2021-02-15")
        #expect(spb["done"] as? Int == 1)
        overdue = try #require(spb["overdue"] as? [String])
        #expect(!overdue.contains("1.1"))
        #expect((spb["done_without_evidence"] as? [String]) == [])
        let history = try historyLines("spb-vo-2021", "1.1")
        #expect(history.count == 5, "\(history)")
        #expect(history[0].contains("1.1  status  planned → in_progress  ИМЦ (Тестова Т.Т.)  [in_progress]  — начали отбор"))
        #expect(history[1].contains("status  in_progress → done  ОО"))
        #expect(history[2].contains("fact  — → 10.02.2021"))
        #expect(history[3].contains("report  — → Отобраны 4 школы"))
        #expect(history[4].contains("evidence  — → Приказ ИМЦ от 10.02.2021 № 12"))

        // Done without evidence is allowed in St. Petersburg, and listed.
        run = try karta(["mark", "spb-vo-2021", "1.2", "done", "--as", "ИМЦ", "--fact", "12.02.2021"])
        #expect(run.status == 0, "\(run.output)")
        spb = try status("spb-vo-2021", asOf: "2021-02-15")
        #expect((spb["done_without_evidence"] as? [String]) == ["1.2"])
        #expect(spb["done"] as? Int == 2)

        // A school may not cancel: in the standard workflow `cancelled` is for roles with the
        // plan permission. Nothing changes.
        let before = try historyLines("spb-vo-2021")
        run = try karta(["mark", "spb-vo-2021", "1.3", "cancelled", "--as", "ОО"])
        #expect(run.status != 0)
        #expect(run.stderr.contains("refused by rule 'roles' of transition 'cancelled' of plugin 'spb': роль «ОО» не может выполнить переход «отменить»"),
                "\(run.output)")
        #expect(try historyLines("spb-vo-2021") == before)
        // The district administration may; cancelled activities leave the totals.
        run = try karta(["mark", "spb-vo-2021", "1.3", "cancelled", "--as", "АР", "--reason", "объединено с 1.2"])
        #expect(run.status == 0, "\(run.output)")
        spb = try status("spb-vo-2021", asOf: "2021-02-15")
        #expect(spb["total"] as? Int == 53)
        #expect((spb["cancelled"] as? [String]) == ["1.3"])
        #expect((spb["overdue"] as? [String])?.contains("1.3") == false)

        // An unknown role is refused by name.
        run = try karta(["mark", "spb-vo-2021", "1.4", "done", "--as", "министр"])
        #expect(run.status != 0)
        #expect(run.stderr.contains("в регионе нет роли «министр»"))
    }

    @Test func regionRulesRefuseAndChangeNothing() throws {
        // Shakhty: nothing is «done» before the department has checked it.
        let history = try historyLines("shakhty-2022")
        var run = try karta(["mark", "shakhty-2022", "1.4", "done", "--as", "кураторы", "--fact", "20.12.2022"])
        #expect(run.status != 0)
        #expect(run.stderr.contains("refused by rule 'workflow' of plugin 'shakhty': из статуса «запланировано» нет перехода в «выполнено»"),
                "\(run.output)")
        #expect(try historyLines("shakhty-2022") == history)
        // «Декабрь 2022» is not late before the month is out.
        #expect(try status("shakhty-2022", asOf: "2022-12-25")["overdue"] as? [String] == [])
        var shakhty = try status("shakhty-2022", asOf: "2023-01-10")
        #expect(shakhty["overdue"] as? [String] == ["1.4", "2.2"])
        run = try karta(["mark", "shakhty-2022", "1.4", "report", "--as", "кураторы", "--fact", "20.12.2022",
                         "--evidence", "https://shakhty-edu.ru/500plus/itogi.pdf"])
        #expect(run.status == 0, "\(run.output)")
        // Reported and waiting for review is not finished yet.
        #expect(try status("shakhty-2022", asOf: "2023-01-10")["overdue"] as? [String] == ["1.4", "2.2"])
        run = try karta(["mark", "shakhty-2022", "1.4", "accept", "--as", "department"])
        #expect(run.status == 0, "\(run.output)")
        shakhty = try status("shakhty-2022", asOf: "2023-01-10")
        #expect(shakhty["overdue"] as? [String] == ["2.2"])

        // Pskov: «done» needs the fact date.
        run = try karta(["mark", "pskov-2021", "12.5", "done", "--as", "МК"])
        #expect(run.status != 0)
        #expect(run.stderr.contains("refused by rule 'done-needs-fact-date' of transition 'done' of plugin 'pskov'"), "\(run.output)")
        run = try karta(["mark", "pskov-2021", "12.5", "done", "--as", "МК", "--fact", "18.11.2021"])
        #expect(run.status == 0, "\(run.output)")
        #expect(try historyLines("pskov-2021", "12").contains { $0.contains("12.5  status  planned → done  МК") })
        // In the standard workflow what is done waits for nobody; what is planned waits for МК.
        let due = try karta(["due", "pskov-2021", "--as", "МК", "--as-of", "2021-11-20"])
        #expect(due.status == 0, "\(due.output)")
        let keys = due.stdout.split(separator: "\n").map { $0.split(separator: "\t").dropFirst().first.map(String.init) ?? "" }
        #expect(!keys.contains("12.5") && keys.contains("12.6"), "\(due.stdout)")
        #expect(!due.stdout.contains("\tвыполнено\t"))

        // A change that changes nothing, and a date that does not exist, are errors.
        run = try karta(["mark", "pskov-2021", "12.5", "done", "--as", "МК"])
        #expect(run.status != 0)
        #expect(run.stderr.contains("nothing to change"))
        run = try karta(["mark", "pskov-2021", "12.6", "done", "--as", "МК", "--fact", "31.11.2021"])
        #expect(run.status != 0)
        #expect(run.stderr.contains("'31.11.2021' is not a date"))
    }

    @Test func reportsShowTheTrackedState() throws {
        let run = try karta(["mark", "spb-vo-2021", "1.1", "done", "--as", "ИМЦ", "--fact", "2021-01-28",
                             "--report", "Отобраны школы", "--evidence", "https://imc.spb.ru/500/otbor"])
        #expect(run.status == 0, "\(run.output)")
        let report = try karta(["report", "spb-vo-2021", "--report", "execution", "--format", "md"])
        #expect(report.status == 0, "\(report.output)")
        let row = try #require(report.stdout.split(separator: "\n").first { $0.hasPrefix("| 1.1 |") })
        #expect(row.contains("выполнено"))
        #expect(row.contains("28.01.2021"))
        #expect(row.contains("Отобраны школы"))
        #expect(row.contains("https://imc.spb.ru/500/otbor"))
    }

    @Test func statusAllCoversEveryRoadmap() throws {
        let run = try karta(["status", "--all", "--as-of", "2021-06-01", "--json"])
        #expect(run.status == 0, "\(run.output)")
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let ids = (object?["roadmaps"] as? [[String: Any]])?.compactMap { $0["roadmap"] as? String }
        #expect(ids == ["pskov-2021", "shakhty-2022", "spb-vo-2021"])
        let byRegion = try karta(["status", "--region", "61", "--as-of", "2021-06-01"])
        #expect(byRegion.status == 0)
        #expect(byRegion.stdout.hasPrefix("shakhty-2022 — г. Шахты, 2022; on 2021-06-01: 21 of 23 done"), "\(byRegion.stdout)")
        let none = try karta(["status", "--as-of", "2021-06-01"])
        #expect(none.status != 0)
    }

    @Test func scheduleParsePrintsJSON() throws {
        let run = try karta(["schedule", "parse", "До 31.032021", "--year", "2021", "--json"])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.stdout == #"{"end":"2021-03-31","kind":"deadline","recurrence":null,"start":null,"text":"До 31.032021"}"# + "\n")
        let school = try karta(["schedule", "parse", "1 раз в месяц (сентябрь-декабрь)", "--school-year", "2020", "--json"])
        #expect(school.stdout.contains(#""kind":"recurring","recurrence":"monthly","start":"2020-09-01""#), "\(school.stdout)")
        #expect(try karta(["schedule", "parse", "март"]).status != 0)
    }

    @Test func scheduleParseReadsWithAPluginsCalendar() throws {
        let folder = try TemporaryDirectory()
        try folder.write("demo/plugin.lua", """
            local M = { id = "demo", version = "1.0.0", api = 1, region = { code = 60, name = "Псковская область" } }
            M.roles = { { id = "mk", abbr = "МК", name = "Муниципальный координатор" } }
            M.reports = { { id = "r", title = "Отчет", build = function() return { blocks = {} } end } }
            M.school_calendar = {
              winter_holidays = { "12-29", "01-11" },
              quarters = { { "09-01", "10-25" }, { "11-04", "12-28" }, { "01-12", "03-22" }, { "04-01", "05-31" } },
            }
            return M
            """)
        let plugin = ["--school-year", "2022", "--plugins", folder.path, "--plugin", "demo", "--json"]
        let quarter = try karta(["schedule", "parse", "3 четверть"] + plugin)
        #expect(quarter.stdout == #"{"end":"2023-03-22","kind":"range","recurrence":null,"start":"2023-01-12","text":"3 четверть"}"# + "\n",
                "\(quarter.output)")
        let holidays = try karta(["schedule", "parse", "зимние каникулы"] + plugin)
        #expect(holidays.stdout.contains(#""end":"2023-01-11""#), "\(holidays.output)")
        // Without --plugin, the default calendar: the quarter's whole months.
        let plain = try karta(["schedule", "parse", "3 четверть", "--school-year", "2022", "--json"])
        #expect(plain.stdout.contains(#""end":"2023-03-31","kind":"month_range""#), "\(plain.output)")
        #expect(try karta(["schedule", "parse", "март", "--year", "2022", "--plugin", "nowhere"]).status != 0)
    }
}
