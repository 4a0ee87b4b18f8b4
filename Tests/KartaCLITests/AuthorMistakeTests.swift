import Foundation
import KartaTesting
import Testing

/// Issue 19: a plugin author's most common mistakes, each made on purpose in a copy of the
/// Pskov plugin and its fixture, must get a message that says where the mistake is and what
/// to write instead, and a non-zero exit.
@Suite struct AuthorMistakeTests {
    /// A folder with the repository's Pskov plugin and fixture, one edit made to `file`.
    static func pskov(editing file: String, _ old: String, _ new: String) throws -> TemporaryDirectory {
        let folder = try TemporaryDirectory()
        for name in ["plugins", "regions"] {
            try FileManager.default.createDirectory(atPath: folder.path(name), withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: PackagePaths.path("\(name)/pskov"), toPath: folder.path("\(name)/pskov"))
        }
        let path = folder.path(file)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        guard let range = text.range(of: old) else {
            Issue.record("\(file) no longer holds \(old.debugDescription): the mistake was not made")
            return folder
        }
        try text.replacingCharacters(in: range, with: new).write(toFile: path, atomically: true, encoding: .utf8)
        return folder
    }

    static let fixture = "regions/pskov/roadmap-2021.yaml"

    @Test func aMisspeltManifestFieldNamesTheFieldMeant() throws {
        let folder = try Self.pskov(editing: "plugins/pskov/plugin.lua", "  calendar = \"year\",", "  calender = \"year\",")
        let run = try KartaProcess.run(["plugin", "check", "plugins/pskov"], in: folder.path)
        #expect(run.status == 1, "\(run.output)")
        #expect(run.output.contains("plugins/pskov/plugin.lua: invalid declarations"), "\(run.output)")
        #expect(run.output.contains("calender: unknown field, did you mean 'calendar'? (expected one of: id,"), "\(run.output)")
    }

    @Test func aMisspeltEnumValueNamesTheValueMeant() throws {
        let folder = try Self.pskov(editing: "plugins/pskov/plugin.lua", "\"plan\", \"report\", \"approve\" }",
                                    "\"plan\", \"reprot\", \"approve\" }")
        let run = try KartaProcess.run(["plugin", "check", "plugins/pskov"], in: folder.path)
        #expect(run.status == 1, "\(run.output)")
        #expect(run.output.contains("roles[1].can[2]: expected one of "), "\(run.output)")
        #expect(run.output.contains("found 'reprot', did you mean 'report'?"), "\(run.output)")
    }

    @Test func aMisspeltDataFieldGivesFileLineAndTheFieldMeant() throws {
        let folder = try Self.pskov(editing: Self.fixture, "    responsible: ", "    responsibel: ")
        let db = folder.path("karta.sqlite")
        let run = try KartaProcess.run(["import", Self.fixture, "--db", db], in: folder.path)
        #expect(run.status == 1, "\(run.output)")
        #expect(run.stderr.contains("\(Self.fixture):26:5: activities[0].responsibel: unknown field, did you mean 'responsible'?"),
                "\(run.output)")
        let stored = try KartaProcess.run(["roadmaps", "--db", db], in: folder.path)
        #expect(!stored.stdout.contains("pskov-2021"), "a refused import stores nothing: \(stored.output)")
    }

    @Test func aMisspeltDocumentFieldNamesTheReportAndTheFieldMeant() throws {
        let folder = try Self.pskov(editing: "plugins/pskov/plugin.lua", "roadmap.municipality, blocks = blocks }",
                                    "roadmap.municipality, blokcs = blocks }")
        let run = try KartaProcess.run(["plugin", "test", "pskov"], in: folder.path)
        #expect(run.status == 1, "\(run.output)")
        #expect(run.output.contains("report 'execution' returned an invalid document"), "\(run.output)")
        #expect(run.output.contains("blokcs: unknown field, did you mean 'blocks'? (expected one of: title, orientation, blocks)"),
                "\(run.output)")
    }

    /// One cell too many in the row function: every row is wrong the same way, and the
    /// message says it once, with the columns the row should fill and the cell left over.
    @Test func aRowWithMoreCellsThanColumnsIsSaidOnceWithTheColumns() throws {
        let folder = try Self.pskov(editing: "plugins/pskov/plugin.lua", "    report.evidence(activity),\n",
                                    "    report.evidence(activity),\n    activity.status,\n")
        let run = try KartaProcess.run(["plugin", "test", "pskov"], in: folder.path)
        #expect(run.status == 1, "\(run.output)")
        let lines = run.stderr.split(separator: "\n").filter { $0.contains("cells") }
        #expect(lines.count == 2, "\(run.stderr)")
        #expect(run.stderr.contains("blocks[3].rows[1].cells: 8 cells for 7 columns: a row has one cell per column (1 «№», "), "\(run.stderr)")
        #expect(run.stderr.contains("7 «Ссылка на размещение документ…»); the row begins «1», the cells past the last column: «done»"),
                "\(run.stderr)")
        #expect(run.stderr.contains("blocks[3].rows: 26 more row(s) have more cells than the 7 columns (blocks[3].rows[2].cells,"),
                "\(run.stderr)")
    }

    @Test func aRoleUsedInDataButNotDeclaredListsTheDeclaredOnes() throws {
        let folder = try Self.pskov(editing: Self.fixture, "roles: [uo]", "roles: [uo, umo]")
        let run = try KartaProcess.run(["import", Self.fixture, "--db", folder.path("karta.sqlite")], in: folder.path)
        #expect(run.status == 1, "\(run.output)")
        #expect(run.stderr.contains("\(Self.fixture):27:17: activities[0].roles[1]: unknown role 'umo', did you mean 'uo'? "
                                    + "(plugin 'pskov' declares: curator, kopo, mk, oo, poipkro, rk, uo)"), "\(run.stderr)")
        // The usual slip: the abbreviation the document prints, where the data wants the id.
        let byAbbreviation = try Self.pskov(editing: Self.fixture, "roles: [uo]", "roles: [УО]")
        let again = try KartaProcess.run(["plugin", "test", "pskov"], in: byAbbreviation.path)
        #expect(again.status == 1, "\(again.output)")
        #expect(again.stderr.contains("activities[0].roles[0]: unknown role 'УО', did you mean 'uo'? (roles are written by id; «УО» is its abbreviation)"),
                "\(again.stderr)")
    }

    /// A rule's check that returns a number: the refusal is a plugin error naming the rule,
    /// what it returned and what a rule returns; nothing is recorded.
    @Test func aRuleThatReturnsAWrongTypeSaysWhatARuleReturns() throws {
        let folder = try Self.pskov(editing: "plugins/pskov/plugin.lua", "      return true\n    end,", "      return 1\n    end,")
        let db = folder.path("karta.sqlite")
        let imported = try KartaProcess.run(["import", Self.fixture, "--db", db], in: folder.path)
        #expect(imported.status == 0, "\(imported.output)")
        let history = ["history", "pskov-2021", "--db", db]
        let before = try KartaProcess.run(history, in: folder.path)
        let run = try KartaProcess.run(["mark", "pskov-2021", "17", "--as", "МК", "--fact", "2021-12-01", "--db", db], in: folder.path)
        #expect(run.status == 1, "\(run.output)")
        #expect(run.stderr.contains("plugin 'pskov': plugins/pskov/plugin.lua: rule 'done-needs-fact-date' returned a number (1); "
                                    + "a rule's check returns true (or nothing) to accept, and false with a message, or a message alone, to refuse"),
                "\(run.stderr)")
        let after = try KartaProcess.run(history, in: folder.path)
        #expect(after.status == 0 && after.stdout == before.stdout, "a refused change records nothing: \(after.output)")
    }

    /// A timing phrase the host does not read: the doctor names the file, line, activity and
    /// phrase, says what follows (never overdue) and writes the `schedules` entry to add; the
    /// entry, added, makes the warning go.
    @Test func aTimingPhraseNotUnderstoodGetsTheScheduleEntryToDeclare() throws {
        let folder = try Self.pskov(editing: Self.fixture, "timing: \"26.02.2021\"", "timing: \"к августовскому совещанию\"")
        let run = try KartaProcess.run(["plugin", "doctor", "pskov"], in: folder.path)
        // The fixture now prints another timing, so its golden is stale: that is the ERROR.
        #expect(run.status == 1, "\(run.output)")
        #expect(run.stdout.contains("doctor: 1 plugin, 1 error, 1 warning"), "\(run.stdout)")
        #expect(run.stdout.contains("WARNING timing: \(Self.fixture):25:13: activity 1: the host does not understand the timing "
                                    + "«к августовскому совещанию», so it is never overdue"), "\(run.stdout)")
        #expect(run.stdout.contains("declare how to read it in plugins/pskov/plugin.lua, e.g. schedules = { "
                                    + "[\"к августовскому совещанию\"] = { kind = \"external\" } }"), "\(run.stdout)")
        // Declared as the doctor says, the phrase is understood.
        let plugin = folder.path("plugins/pskov/plugin.lua")
        let text = try String(contentsOfFile: plugin, encoding: .utf8)
        try text.replacingOccurrences(of: "M.stages = {}", with: "M.stages = {}\nM.schedules = { [\"к августовскому совещанию\"] = { kind = \"external\" } }")
            .write(toFile: plugin, atomically: true, encoding: .utf8)
        let again = try KartaProcess.run(["plugin", "doctor", "pskov"], in: folder.path)
        #expect(again.stdout.contains("OK      timing: all "), "\(again.stdout)")
        #expect(!again.stdout.contains("WARNING timing"), "\(again.stdout)")
    }
}
