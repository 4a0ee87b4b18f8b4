import Foundation
import KartaTesting
import Testing

/// Region workflows end to end through the real binary and a real SQLite file: Shakhty's
/// review cycle, a frozen submission, an approved plan and its amendments.
@Suite struct WorkflowTests {
    let directory: TemporaryDirectory
    let db: String

    init() throws {
        directory = try TemporaryDirectory()
        db = directory.path("karta.sqlite")
        let run = try karta(["import", PackagePaths.path("regions/shakhty/roadmap-2022.yaml")])
        #expect(run.status == 0, "\(run.output)")
    }

    func karta(_ arguments: [String]) throws -> KartaRun {
        try KartaProcess.run(arguments, environment: ["KARTA_DB": db, "KARTA_USER": "Стаценко Н.В."])
    }

    func history(_ key: String? = nil, _ options: [String] = []) throws -> [String] {
        let run = try karta(["history", "shakhty-2022"] + (key.map { [$0] } ?? []) + options)
        #expect(run.status == 0, "\(run.output)")
        return run.stdout.split(separator: "\n").map(String.init)
    }

    /// `karta due --as ROLE` on a day in December 2022: one line per activity, tab-separated.
    func due(_ role: String) throws -> [[String]] {
        let run = try karta(["due", "shakhty-2022", "--as", role, "--as-of", "2022-12-10"])
        #expect(run.status == 0, "\(run.output)")
        return run.stdout.split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }.filter { $0.count > 2 }
    }

    func status(of key: String) throws -> String {
        let run = try karta(["show", "shakhty-2022"])
        let line = run.stdout.split(separator: "\n").first { $0.hasPrefix("\(key).\t") || $0.hasPrefix("\(key)\t") }
        return line.map { String($0.split(separator: "\t")[1]) } ?? "?"
    }

    @Test func shakhtyReviewCycle() throws {
        // 1.4 «Подведение итогов» is planned: it waits for the coordinator, not the department.
        #expect(try due("mk").contains { $0[1] == "1.4" && $0[2] == "запланировано" && $0[4].contains("сдать на проверку (report)") })
        #expect(try !due("department").contains { $0[1] == "1.4" })

        // Reporting needs report text and evidence (the text is in the data already).
        var before = try history()
        var run = try karta(["mark", "shakhty-2022", "1.4", "report", "--as", "mk", "--report", "Итоги подведены на совещании"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("refused by rule 'requires' of transition 'report' of plugin 'shakhty'"), "\(run.output)")
        #expect(run.stderr.contains("подтверждающий документ или ссылка"))
        #expect(try history() == before)

        // The coordinator reports → «на проверке»; now it waits for the department.
        run = try karta(["mark", "shakhty-2022", "1.4", "report", "--as", "mk", "--report", "Итоги подведены на совещании",
                         "--evidence", "Протокол совещания от 20.12.2022 № 5"])
        #expect(run.status == 0, "\(run.output)")
        #expect(try status(of: "1.4") == "review")
        var lines = try history("1.4")
        #expect(lines.count == 3, "\(lines)")
        #expect(lines[0].contains("1.4  status  planned → review  mk (Стаценко Н.В.)  [report]"))
        #expect(try due("department").contains { $0[1] == "1.4" && $0[2] == "на проверке" && $0[4] == "принять (accept), вернуть на доработку (return)" })
        #expect(try !due("mk").contains { $0[1] == "1.4" })

        // A curator may not review; the department may not return without a comment. Both
        // are refused by name and store nothing.
        before = try history()
        run = try karta(["mark", "shakhty-2022", "1.4", "accept", "--as", "кураторы"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("refused by rule 'roles' of transition 'accept' of plugin 'shakhty': роль «кураторы» не может выполнить переход «принять»"),
                "\(run.output)")
        run = try karta(["mark", "shakhty-2022", "1.4", "return", "--as", "department"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("refused by rule 'requires' of transition 'return' of plugin 'shakhty': для перехода «вернуть на доработку» укажите: комментарий"),
                "\(run.output)")
        #expect(try history() == before)
        #expect(try status(of: "1.4") == "review")

        // Returned with a comment → «на доработке»: it waits for the coordinator again.
        run = try karta(["mark", "shakhty-2022", "1.4", "return", "--as", "department", "--by", "Ткаченко В.А.",
                         "--comment", "Нет подписей в протоколе"])
        #expect(run.status == 0, "\(run.output)")
        lines = try history("1.4")
        #expect(lines.count == 4)
        #expect(lines[3].contains("status  review → returned  department (Ткаченко В.А.)  [return]  — Нет подписей в протоколе"))
        #expect(try due("mk").contains { $0[1] == "1.4" && $0[2] == "на доработке" })
        #expect(try !due("department").contains { $0[1] == "1.4" })
        // «выполнено» is not reachable from here.
        run = try karta(["mark", "shakhty-2022", "1.4", "done", "--as", "department"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("из статуса «на доработке» нет перехода в «выполнено»"), "\(run.output)")

        // Reported again with the signed protocol, then accepted → «выполнено».
        run = try karta(["mark", "shakhty-2022", "1.4", "report", "--as", "mk",
                         "--evidence", "https://shakhty-edu.ru/500plus/protokol-5-podpisan.pdf"])
        #expect(run.status == 0, "\(run.output)")
        #expect(try due("department").contains { $0[1] == "1.4" })
        run = try karta(["mark", "shakhty-2022", "1.4", "accept", "--as", "department", "--by", "Ткаченко В.А."])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.stdout.contains("status на проверке → выполнено"))
        #expect(try status(of: "1.4") == "done")
        lines = try history("1.4")
        #expect(lines.count == 7, "\(lines)")
        #expect(lines[4].contains("status  returned → review  mk (Стаценко Н.В.)  [report]"))
        #expect(lines[6].contains("status  review → done  department (Ткаченко В.А.)  [accept]"))
        #expect(try !due("department").contains { $0[1] == "1.4" })
        #expect(try !due("mk").contains { $0[1] == "1.4" })

        // The history as JSON carries the transition of every entry.
        run = try karta(["history", "shakhty-2022", "1.4", "--json"])
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        #expect(entries.compactMap { $0["transition"] as? String } == ["report", "report", "report", "return", "report", "report", "accept"])
    }

    @Test func submittedStageIsFrozenByteForByte() throws {
        let formats = ["md", "csv", "html", "docx", "xlsx", "json"]
        // The report for stage 2 as it is now, written before anything is submitted.
        for format in formats {
            let run = try karta(["report", "shakhty-2022", "--stage", "2", "--format", format, "-o", directory.path("now.\(format)")])
            #expect(run.status == 0, "\(run.output)")
        }
        var run = try karta(["submit", "shakhty-2022", "--stage", "2", "--as", "mk"])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.stdout.contains("submitted stage 2 («Второй этап»), 6 files"))
        // A stage is submitted once; only the roles that report may submit.
        run = try karta(["submit", "shakhty-2022", "--stage", "2", "--as", "mk"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("stage '2' was submitted on"))
        run = try karta(["submit", "shakhty-2022", "--stage", "1", "--as", "Рабочая группа"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("не может сдавать отчет"), "\(run.output)")

        // The data changes after the submission.
        run = try karta(["mark", "shakhty-2022", "2.2", "report", "--as", "mk", "--report", "Семинар проведен 16.12.2022",
                         "--evidence", "https://shakhty-edu.ru/500plus/seminar.pdf"])
        #expect(run.status == 0, "\(run.output)")
        let changed = try karta(["report", "shakhty-2022", "--stage", "2", "--format", "md"])
        #expect(changed.stdout.contains("Семинар проведен 16.12.2022"))

        // The frozen files come back byte for byte, in every format.
        for format in formats {
            let path = directory.path("frozen.\(format)")
            run = try karta(["report", "shakhty-2022", "--submitted", "2", "--format", format, "-o", path])
            #expect(run.status == 0, "\(run.output)")
            let frozen = try Data(contentsOf: URL(fileURLWithPath: path))
            let then = try Data(contentsOf: URL(fileURLWithPath: directory.path("now.\(format)")))
            #expect(frozen == then, "\(format) differs from the report at submission")
            #expect(!frozen.isEmpty)
        }
        let frozenMarkdown = try String(contentsOfFile: directory.path("frozen.md"), encoding: .utf8)
        #expect(!frozenMarkdown.contains("Семинар проведен 16.12.2022"))
        #expect(frozenMarkdown.contains("Второй этап"))

        // What changed after the submission is listed.
        run = try karta(["submissions", "shakhty-2022"])
        #expect(run.stdout.contains("2\tВторой этап\t"), "\(run.output)")
        #expect(run.stdout.contains("mk (Стаценко Н.В.)\t3 changes since"), "\(run.output)")
        let since = try history(nil, ["--since-submission", "2"])
        #expect(since.count == 3 && since.allSatisfy { $0.contains("  2.2  ") }, "\(since)")

        // A stage that was not submitted is an error that names it.
        run = try karta(["report", "shakhty-2022", "--submitted", "1"])
        #expect(run.status != 0)
        #expect(run.stderr.contains("stage '1' is not submitted (submitted: 2)"))
    }

    @Test func approvedPlanChangesOnlyByAmendment() throws {
        // Before approval the plan changes with the plan permission, as a plain change.
        var run = try karta(["amend", "shakhty-2022", "1.4", "--as", "mk", "--title", "Подведение итогов реализации Проекта 500+"])
        #expect(run.status == 0, "\(run.output)")
        #expect(!run.stdout.contains("[поправка]"))

        // Approval needs the approve permission, and fills the approval block.
        run = try karta(["approve", "shakhty-2022", "--as", "mk", "--order", "279", "--date", "01.07.2022"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("не может утверждать дорожную карту (нужно право approve)"), "\(run.output)")
        run = try karta(["approve", "shakhty-2022", "--as", "department", "--by", "Ткаченко В.А.", "--order", "279", "--date", "2022-07-01"])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.stdout.contains("approved, приказ № 279 от 01.07.2022"))
        let report = try karta(["report", "shakhty-2022"])
        #expect(report.stdout.contains("В.А. Ткаченко  \nприказ № 279 от 01.07.2022"), "\(report.stdout.prefix(800))")
        #expect(try history().last?.contains("*  approval  — → приказ № 279 от 01.07.2022  department (Ткаченко В.А.)") == true)

        // Now: without the plan permission, or without a reason, refused; nothing stored.
        let before = try history()
        run = try karta(["amend", "shakhty-2022", "1.4", "--as", "кураторы", "--timing", "Январь 2023", "--reason", "перенос"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("refused by rule 'roles' of plugin 'shakhty': роль «кураторы» не может менять план"), "\(run.output)")
        run = try karta(["amend", "shakhty-2022", "1.4", "--as", "mk", "--timing", "Январь 2023"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("refused by rule 'amendment' of plugin 'shakhty': план утвержден (приказ № 279 от 01.07.2022)"), "\(run.output)")
        #expect(try history() == before)
        // Replacing the approved roadmap by a new import is refused too.
        run = try karta(["import", "--replace", PackagePaths.path("regions/shakhty/roadmap-2022.yaml")])
        #expect(run.status == 1)
        #expect(run.stderr.contains("is approved (приказ № 279 от 01.07.2022): its plan changes only by amendment"), "\(run.output)")
        #expect(try history() == before)

        // With both, the change is stored and listed as an amendment.
        run = try karta(["amend", "shakhty-2022", "1.4", "--as", "mk", "--timing", "Январь 2023", "--responsible", "Стаценко Н.В.",
                         "--reason", "итоги подводятся после каникул"])
        #expect(run.status == 0, "\(run.output)")
        let amendments = try history(nil, ["--amendments"])
        #expect(amendments.count == 2, "\(amendments)")
        #expect(amendments[0].contains("1.4  timing  Декабрь 2022 → Январь 2023  mk (Стаценко Н.В.)  [поправка]  — итоги подводятся после каникул"))
        #expect(amendments[1].contains("1.4  responsible  "))
        let shown = try karta(["report", "shakhty-2022"])
        #expect(shown.stdout.contains("Январь 2023"))
    }

    /// A guard or a `validate` that never ends is stopped at its limit, the command fails
    /// naming the plugin, and nothing is stored.
    @Test func aGuardOrValidateThatNeverEndsStoresNothing() throws {
        let plugins = try TemporaryDirectory()
        try plugins.write("stuck/plugin.lua", """
            local M = { id = "stuck", version = "1", api = 1, region = { code = 99, name = "Тест" } }
            M.roles = { { id = "mk", abbr = "МК", name = "МК", can = { "report" } } }
            M.reports = { { id = "r", title = "R", build = function() return { blocks = {} } end } }
            M.workflow = {
              statuses = { { id = "planned", label = "запланировано", class = "not_started" },
                           { id = "done", label = "выполнено", class = "finished" } },
              transitions = { { id = "finish", label = "выполнить", from = "planned", to = "done", roles = { "mk" },
                                guards = { { id = "forever", text = "никогда", check = function() while true do end end } } } },
            }
            function M.validate(roadmap)
              if roadmap.extra.stall == "yes" then while true do end end
              return {}
            end
            return M
            """ + "\n")
        func roadmap(_ id: String, stall: Bool) throws -> String {
            let path = plugins.path("\(id).yaml")
            try plugins.write("\(id).yaml", """
                karta: 1
                id: \(id)
                plugin: stuck
                region: 99
                municipality: Тест
                period: "2021"
                title: Тест
                extra: { stall: "\(stall ? "yes" : "no")" }
                activities:
                  - number: "1"
                    title: Первое
                    timing: март
                """ + "\n")
            return path
        }
        let options = ["--plugins", plugins.path(""), "--lua-instructions", "2000000"]
        var run = try karta(["import", try roadmap("calm-2021", stall: false)] + options)
        #expect(run.status == 0, "\(run.output)")
        let before = try karta(["history", "calm-2021"]).stdout

        run = try karta(["mark", "calm-2021", "1", "finish", "--as", "МК"] + options)
        #expect(run.status != 0 && !run.signaled && run.status != 124, "\(run.output)")
        #expect(run.stderr.contains("plugin 'stuck'") && run.stderr.contains("instruction budget exceeded"), "\(run.output)")
        #expect(try karta(["history", "calm-2021"]).stdout == before)
        #expect(try karta(["show", "calm-2021"]).stdout.contains("1\tplanned\t"))

        run = try karta(["import", try roadmap("stalled-2021", stall: true)] + options)
        #expect(run.status != 0 && !run.signaled && run.status != 124, "\(run.output)")
        #expect(run.stderr.contains("plugin 'stuck'") && run.stderr.contains("instruction budget exceeded"), "\(run.output)")
        let listed = try karta(["roadmaps"]).stdout
        #expect(listed.contains("calm-2021") && !listed.contains("stalled-2021"), "\(listed)")
    }
}
