import Foundation
import KartaTesting
import Testing

/// Issue 19, the plugin author's kit: `karta plugin doctor [ID]` lists what it finds about
/// each plugin as OK, WARNING or ERROR with what to do, and exits non-zero exactly when there
/// is an ERROR. The four regions come out clean; each deliberately broken case below gives
/// its level, its check, a place and a helpful message.
@Suite struct PluginDoctorTests {
    /// What `karta plugin doctor --json` prints.
    struct Output: Decodable {
        struct Diagnosis: Decodable {
            var plugin: String
            var directory: String
            var findings: [Finding]
        }
        struct Finding: Decodable {
            var level: String
            var check: String
            var message: String
            var advice: String?
            var file: String?
            var line: Int?
            var column: Int?
        }
        var plugins: [Diagnosis]
        var errors: Int
        var warnings: Int

        /// The findings of one check at one level.
        func findings(_ level: String, _ check: String) -> [Finding] {
            plugins.flatMap(\.findings).filter { $0.level == level && $0.check == check }
        }
    }

    /// A folder with the repository's plugin and fixtures of `region`, changed by `change`.
    static func region(_ region: String, change: (TemporaryDirectory) throws -> Void = { _ in }) throws -> TemporaryDirectory {
        let folder = try TemporaryDirectory()
        for name in ["plugins", "regions"] {
            try FileManager.default.createDirectory(atPath: folder.path(name), withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: PackagePaths.path("\(name)/\(region)"), toPath: folder.path("\(name)/\(region)"))
        }
        try change(folder)
        return folder
    }

    /// Replaces the first occurrence of `old` in a file of the folder.
    static func edit(_ folder: TemporaryDirectory, _ file: String, replacing old: String, with new: String) throws {
        let text = try String(contentsOfFile: folder.path(file), encoding: .utf8)
        let range = try #require(text.range(of: old), "\(file) has no \(old)")
        try folder.write(file, text.replacingCharacters(in: range, with: new))
    }

    /// Runs the doctor in `folder` twice, as text and as JSON: both agree on the exit status,
    /// which is non-zero exactly when there is an ERROR.
    static func doctor(_ arguments: [String] = [], in folder: String, environment: [String: String] = [:]) throws -> (text: KartaRun, json: Output) {
        let text = try KartaProcess.run(["plugin", "doctor"] + arguments, in: folder, environment: environment)
        let json = try KartaProcess.run(["plugin", "doctor", "--json"] + arguments, in: folder, environment: environment)
        #expect(!text.signaled && !json.signaled, "\(text.output)")
        let output = try JSONDecoder().decode(Output.self, from: Data(json.stdout.utf8))
        #expect(text.status == json.status)
        #expect(text.status == (output.errors > 0 ? 1 : 0), "\(text.output)")
        #expect(text.stdout.hasSuffix("\(output.errors) error\(output.errors == 1 ? "" : "s"), \(output.warnings) warning\(output.warnings == 1 ? "" : "s")\n"),
                "\(text.stdout)")
        return (text, output)
    }

    @Test func theFourRegionsAreClean() throws {
        let (text, output) = try Self.doctor(in: PackagePaths.root.path)
        #expect(text.status == 0, "\(text.output)")
        #expect(text.stdout.hasSuffix("doctor: 4 plugins, 0 errors, 0 warnings\n"), "\(text.stdout)")
        #expect(output.plugins.map(\.plugin) == ["krasnodar", "pskov", "shakhty", "spb"])
        let checks = ["api", "fixtures", "goldens", "roles", "stages", "timing", "workflow", "specs", "luacheck"]
        for diagnosis in output.plugins {
            #expect(diagnosis.findings.map(\.check) == checks, "\(diagnosis.plugin)")
            #expect(diagnosis.findings.allSatisfy { $0.level == "OK" }, "\(diagnosis.plugin): \(diagnosis.findings)")
        }
        #expect(text.stdout.contains("shakhty (plugins/shakhty)\n  OK      api: version 1, the one this Karta provides\n"), "\(text.stdout)")
        #expect(text.stdout.contains("  OK      workflow: all 7 transitions of the declared workflow are exercised: 7 by specs\n"), "\(text.stdout)")
        // One plugin by id.
        let one = try KartaProcess.run(["plugin", "doctor", "pskov"], in: PackagePaths.root.path)
        #expect(one.status == 0 && one.stdout.hasPrefix("pskov (plugins/pskov)\n") && one.stdout.hasSuffix("doctor: 1 plugin, 0 errors, 0 warnings\n"),
                "\(one.output)")
        let unknown = try KartaProcess.run(["plugin", "doctor", "tver"], in: PackagePaths.root.path)
        #expect(unknown.status != 0 && unknown.stderr.contains("no plugin 'tver'"), "\(unknown.output)")
    }

    @Test func aWrongAPIVersionIsAnError() throws {
        let folder = try Self.region("pskov") { try Self.edit($0, "plugins/pskov/plugin.lua", replacing: "  api = 1,", with: "  api = 2,") }
        let (text, output) = try Self.doctor(in: folder.path)
        #expect(text.status == 1)
        let api = try #require(output.findings("ERROR", "api").first, "\(text.stdout)")
        #expect(api.message == "plugin needs host API version 2; this Karta provides version 1")
        #expect(api.file == "plugins/pskov/plugin.lua" && api.line == 9)
        #expect(api.advice?.contains("api = 1") ?? false)
        #expect(text.stdout.contains("  ERROR   api: plugins/pskov/plugin.lua:9: plugin needs host API version 2; this Karta provides version 1\n"
            + "            write `api = 1` in plugin.lua"), "\(text.stdout)")
    }

    @Test func aPluginWithoutFixturesIsAnError() throws {
        let folder = try Self.region("pskov") { folder in
            try FileManager.default.removeItem(atPath: folder.path("regions/pskov"))
            try FileManager.default.removeItem(atPath: folder.path("plugins/pskov/spec"))
        }
        let (text, output) = try Self.doctor(in: folder.path)
        #expect(text.status == 1)
        let fixtures = output.findings("ERROR", "fixtures")
        #expect(fixtures.count == 1)
        #expect(fixtures.first?.message.hasPrefix("no roadmap in regions/pskov/") ?? false, "\(fixtures)")
        #expect(fixtures.first?.advice?.contains("karta import FILE.docx --plugin pskov --to-yaml") ?? false, "\(fixtures)")
        // Nothing to read, so no finding about roles, stages, timing or goldens; no spec either.
        let checks = output.plugins[0].findings.map(\.check).reduce(into: [String]()) { if $0.last != $1 { $0.append($1) } }
        #expect(checks == ["api", "fixtures", "stages", "workflow", "specs", "luacheck"], "\(output.plugins[0].findings)")
        #expect(output.findings("WARNING", "specs").first?.message == "no spec files in plugins/pskov/spec/")
    }

    @Test func missingAndStaleGoldensAreErrorsAndOrphansWarnings() throws {
        let folder = try Self.region("pskov") { folder in
            try FileManager.default.removeItem(atPath: folder.path("regions/pskov/expected/pskov-2021.execution.csv"))
            try Self.edit(folder, "regions/pskov/expected/pskov-2021.execution.md", replacing: "Назначен", with: "Назначена")
            try folder.write("regions/pskov/expected/pskov-2020.execution.md", "old\n")
        }
        let (text, output) = try Self.doctor(in: folder.path)
        #expect(text.status == 1)
        let errors = output.findings("ERROR", "goldens")
        #expect(errors.map(\.message) == [
            "report 'execution' of pskov-2021 has no golden in csv",
            "report 'execution' of pskov-2021 no longer renders as its golden in md",
        ], "\(text.stdout)")
        #expect(errors.map(\.file) == ["regions/pskov/expected/pskov-2021.execution.csv", "regions/pskov/expected/pskov-2021.execution.md"])
        #expect(errors[0].advice == "render them with karta plugin test pskov --update, and review them before committing")
        #expect(errors[1].advice?.hasPrefix("see the difference with karta plugin test pskov;") ?? false)
        let orphan = output.findings("WARNING", "goldens")
        #expect(orphan.map(\.message) == ["no fixture and report renders pskov-2020.execution.md any more"])
        #expect(output.errors == 2 && output.warnings == 1)
    }

    @Test func anUnusedRoleAndStageAreWarnings() throws {
        let folder = try Self.region("shakhty") { folder in
            try Self.edit(folder, "plugins/shakhty/plugin.lua", replacing: "  { id = \"working_group\"",
                          with: "  { id = \"inspector\", abbr = \"Инспектор\", name = \"Инспектор\", can = { \"view\" } },\n  { id = \"working_group\"")
            try Self.edit(folder, "plugins/shakhty/plugin.lua", replacing: "  { id = \"4\", number = \"4.\"",
                          with: "  { id = \"5\", number = \"5.\", title = \"Прочие мероприятия\" },\n  { id = \"4\", number = \"4.\"")
        }
        let (text, output) = try Self.doctor(in: folder.path)
        #expect(text.status == 0, "warnings only: \(text.output)")
        let role = try #require(output.findings("WARNING", "roles").first, "\(text.stdout)")
        #expect(role.message == "role 'inspector' («Инспектор») is named by no fixture activity and acts in no spec")
        #expect(role.file == "plugins/shakhty/plugin.lua" && role.line == 23)
        #expect(role.advice?.contains("spec.move(roadmap, key, move, { as = \"inspector\" })") ?? false)
        let stage = try #require(output.findings("WARNING", "stages").first, "\(text.stdout)")
        #expect(stage.message == "stage '5' («Прочие мероприятия») is named by no fixture activity")
        #expect(stage.line == 32)
        #expect(stage.advice?.contains("(stage: \"5\")") ?? false)
        #expect(output.errors == 0 && output.warnings == 2)
    }

    @Test func aTimingPhraseNotUnderstoodIsAWarningWithTheEntryToDeclare() throws {
        let folder = try Self.region("shakhty") { folder in
            try Self.edit(folder, "regions/shakhty/roadmap-2022.yaml", replacing: "timing: Август-ноябрь 2022", with: "timing: по готовности отчетов")
        }
        // The phrase prints in the report: its goldens are recorded again first.
        let update = try KartaProcess.run(["plugin", "test", "shakhty", "--update"], in: folder.path)
        #expect(update.status == 0, "\(update.output)")
        let (text, output) = try Self.doctor(in: folder.path)
        #expect(text.status == 0, "\(text.output)")
        let timing = output.findings("WARNING", "timing")
        #expect(timing.count == 1, "\(text.stdout)")
        #expect(timing.first?.message == "activity 1.1: the host does not understand the timing «по готовности отчетов», so it is never overdue")
        #expect(timing.first?.file == "regions/shakhty/roadmap-2022.yaml" && timing.first?.line == 54 && timing.first?.column == 13)
        #expect(timing.first?.advice?.contains(#"schedules = { ["по готовности отчетов"] = { kind = "external" } }"#) ?? false, "\(timing)")
        #expect(timing.first?.advice?.contains("plugins/shakhty/plugin.lua") ?? false)
        // Declared as the advice says, the phrase is understood.
        try Self.edit(folder, "plugins/shakhty/plugin.lua", replacing: "M.reporting = {",
                      with: "M.schedules = { [\"по готовности отчетов\"] = { kind = \"external\" } }\n\nM.reporting = {")
        let (fixed, after) = try Self.doctor(in: folder.path)
        #expect(fixed.status == 0 && after.warnings == 0, "\(fixed.stdout)")
    }

    @Test func anUnexercisedTransitionIsAWarning() throws {
        // A declared workflow: a transition of Shakhty's that no spec takes.
        let shakhty = try Self.region("shakhty") { folder in
            try Self.edit(folder, "plugins/shakhty/plugin.lua", replacing: "    { id = \"replan\"",
                          with: "    { id = \"reopen\", label = \"открыть заново\", from = \"done\", to = \"in_progress\", roles = { \"department\" } },\n    { id = \"replan\"")
        }
        let (text, output) = try Self.doctor(in: shakhty.path)
        #expect(text.status == 0, "\(text.output)")
        let workflow = output.findings("WARNING", "workflow")
        #expect(workflow.map(\.message) == ["transition 'reopen' (done → in_progress) is exercised by no spec and no fixture"], "\(text.stdout)")
        // The line of the added transition, found in the edited file.
        let lines = try String(contentsOfFile: shakhty.path("plugins/shakhty/plugin.lua"), encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let added = (lines.firstIndex { $0.contains("id = \"reopen\"") } ?? -2) + 1
        #expect(workflow.first?.file == "plugins/shakhty/plugin.lua" && workflow.first?.line == added, "\(workflow), line \(added)")
        #expect(workflow.first?.advice?.contains(#"spec.move(roadmap, key, "reopen", { as = "department", … })"#) ?? false)

        // The standard workflow: without Pskov's workflow spec, the moves its fixture shows
        // (in progress, done) still count; the other three do not. A guard called directly counts.
        let pskov = try Self.region("pskov") { try FileManager.default.removeItem(atPath: $0.path("plugins/pskov/spec/workflow_spec.lua")) }
        let standard = try Self.doctor(in: pskov.path).json
        #expect(standard.findings("WARNING", "workflow").map(\.message) == [
            "transition 'planned' (any → planned) of the standard workflow is exercised by no spec and no fixture",
            "transition 'postponed' (any → postponed) of the standard workflow is exercised by no spec and no fixture",
            "transition 'cancelled' (any → cancelled) of the standard workflow is exercised by no spec and no fixture",
        ])
        #expect(standard.findings("WARNING", "workflow").allSatisfy { $0.file == nil })
    }

    @Test func luacheckWarningsAreWarningsWithTheirPlace() throws {
        let folder = try Self.region("pskov") { folder in
            try Self.edit(folder, "plugins/pskov/plugin.lua", replacing: "local text = karta.text\n",
                          with: "local text = karta.text\nlocal unused = karta.text.jion\ncounter = 0\n")
            try folder.write("plugins/pskov/spec/extra_spec.lua", """
                it("sees the spec's globals", function()
                  assert.truthy(spec.plugin.rules[1])
                  leaked = true
                end)

                """)
        }
        let (text, output) = try Self.doctor(in: folder.path)
        #expect(text.status == 0, "\(text.output)")
        let lint = output.findings("WARNING", "luacheck")
        #expect(lint.map(\.message) == [
            "(W211) unused variable 'unused'",
            "(W143) accessing undefined field 'text.jion' of global 'karta'",
            "(W111) setting non-standard global variable 'counter'",
            "(W111) setting non-standard global variable 'leaked'",
        ], "\(text.stdout)")
        #expect(lint.map { "\($0.file ?? ""):\($0.line ?? 0):\($0.column ?? 0)" } == [
            "plugins/pskov/plugin.lua:5:7", "plugins/pskov/plugin.lua:5:16", "plugins/pskov/plugin.lua:6:1",
            "plugins/pskov/spec/extra_spec.lua:3:3",
        ])
        #expect(lint.first?.advice == "see W211 in https://luacheck.readthedocs.io/en/stable/warnings.html")
        #expect(text.stdout.contains("  WARNING luacheck: plugins/pskov/plugin.lua:5:7: (W211) unused variable 'unused'\n"), "\(text.stdout)")
    }

    @Test func withoutLuacheckOneWarningSaysToInstallIt() throws {
        let bin = try TemporaryDirectory()
        let (text, output) = try Self.doctor(["pskov"], in: PackagePaths.root.path, environment: ["PATH": bin.path])
        #expect(text.status == 0, "\(text.output)")
        #expect(output.findings("WARNING", "luacheck").map(\.message) == ["luacheck is not installed, so the plugin's Lua was not linted"])
        #expect(output.findings("WARNING", "luacheck").first?.advice?.contains("apt-get install lua-check") ?? false)
        #expect(output.warnings == 1 && output.errors == 0)
    }
}
