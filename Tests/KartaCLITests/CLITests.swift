import Foundation
import KartaStore
import KartaTesting
import Testing

@Suite(.serialized) struct CLITests {
    @Test func importReportAndListFromARealDatabase() throws {
        let directory = try TemporaryDirectory()
        let db = directory.path("k.sqlite")
        let imported = try KartaProcess.run(["import", "--db", db, "regions/pskov/roadmap-2021.yaml"])
        #expect(imported.status == 0, "\(imported.output)")
        #expect(imported.stdout.contains("imported pskov-2021: 18 activities"))
        let list = try KartaProcess.run(["roadmaps"], environment: ["KARTA_DB": db])
        #expect(list.stdout.contains("pskov-2021"))
        let report = try KartaProcess.run(["report", "pskov-2021", "--db", db, "--format", "md"])
        #expect(report.status == 0)
        let golden = try String(contentsOfFile: PackagePaths.path("regions/pskov/expected/pskov-2021.execution.md"), encoding: .utf8)
        #expect(report.stdout == golden)
        let csv = try KartaProcess.run(["report", "pskov-2021", "--db", db, "--format", "csv", "--csv-profile", "excel-ru",
                                        "--output", directory.path("r.csv")])
        #expect(csv.status == 0)
        let bytes = try Data(contentsOf: directory.url.appendingPathComponent("r.csv"))
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(String(decoding: bytes.dropFirst(3), as: UTF8.self).hasPrefix("№;"))
    }

    @Test func aFolderImportsEveryRoadmapBelowIt() throws {
        let directory = try TemporaryDirectory()
        for fixture in ["pskov/roadmap-2021.yaml", "spb/roadmap-2021.yaml"] {
            try directory.write("data/\(fixture)", try String(contentsOfFile: PackagePaths.path("regions/" + fixture), encoding: .utf8))
        }
        try directory.write("data/notes.txt", "not a roadmap")
        let db = directory.path("k.sqlite")
        let imported = try KartaProcess.run(["import", "--db", db, directory.path("data")])
        #expect(imported.status == 0, "\(imported.output)")
        #expect(imported.stdout.split(separator: "\n").count == 2, "\(imported.stdout)")
        let missing = try KartaProcess.run(["import", "--db", db, directory.path("data/pskov/none.yaml")])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("data/pskov/none.yaml: no such file"), "\(missing.stderr)")
        try directory.write("empty/readme.txt", "")
        let noRoadmaps = try KartaProcess.run(["import", "--db", db, directory.path("empty")])
        #expect(noRoadmaps.stderr.contains("no roadmap files (*.yaml) in this folder"), "\(noRoadmaps.stderr)")
    }

    @Test func malformedImportNamesFileAndLineAndLeavesTheDatabaseAsItWas() throws {
        let directory = try TemporaryDirectory()
        let db = directory.path("k.sqlite")
        #expect(try KartaProcess.run(["import", "--db", db, "regions/pskov/roadmap-2021.yaml"]).status == 0)
        // What is stored, read back: import stores each file while parsing the next in one
        // transaction, so a later bad file must roll back the good ones before it.
        func stored() throws -> [String] {
            let database = try KartaDatabase(path: db)
            return try database.roadmaps().flatMap { summary in
                ["\(summary)", "\(try database.roadmap(id: summary.id).map { "\($0)" } ?? "")",
                 "\(try database.history(roadmap: summary.id))"]
            }
        }
        let before = try stored()
        let bad = try directory.write("bad.yaml", "karta: 1\nid: bad-2021\nplugin: pskov\nactivities:\n  - title: [oops\n")
        let good = try directory.write("good.yaml", try String(contentsOfFile: PackagePaths.path("regions/pskov/roadmap-2021.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "id: pskov-2021", with: "id: another-2021"))
        let run = try KartaProcess.run(["import", "--db", db, good, bad])
        #expect(run.status != 0)
        #expect(run.stderr.contains(bad + ":"), "\(run.stderr)")
        #expect(run.stderr.contains("invalid YAML"), "\(run.stderr)")
        #expect(try stored() == before)
        #expect(before.count == 3)
        let wrongField = try directory.write("wrong.yaml", try String(contentsOfFile: PackagePaths.path("regions/pskov/roadmap-2021.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "id: pskov-2021", with: "id: other-2021")
            .replacingOccurrences(of: "roles: [uo]", with: "roles: [nobody]"))
        let unknownRole = try KartaProcess.run(["import", "--db", db, wrongField])
        #expect(unknownRole.status != 0)
        #expect(unknownRole.stderr.contains("unknown role 'nobody'"))
        let list = try KartaProcess.run(["roadmaps", "--db", db])
        #expect(list.stdout.split(separator: "\n").count == 1)
    }

    @Test func brokenPluginMakesReportFailWithFileAndLine() throws {
        let directory = try TemporaryDirectory()
        let db = directory.path("k.sqlite")
        #expect(try KartaProcess.run(["import", "--db", db, "regions/pskov/roadmap-2021.yaml"]).status == 0)
        let original = try String(contentsOfFile: PackagePaths.path("plugins/pskov/plugin.lua"), encoding: .utf8)
        let broken = original.replacingOccurrences(of: "local function build_execution(roadmap)\n",
                                                   with: "local function build_execution(roadmap)\n  local n = nil + 1\n")
        try directory.write("plugins/pskov/plugin.lua", broken)
        let line = broken.components(separatedBy: "\n").firstIndex { $0.contains("nil + 1") }! + 1
        let run = try KartaProcess.run(["report", "pskov-2021", "--db", db, "--plugins", directory.path("plugins")])
        #expect(run.status != 0)
        #expect(run.stderr.contains("plugin 'pskov'"))
        #expect(run.stderr.contains("plugins/pskov/plugin.lua:\(line):"), "\(run.stderr)")
        #expect(run.stdout.isEmpty)
    }

    @Test func badManifestNamesTheFieldPath() throws {
        let directory = try TemporaryDirectory()
        let original = try String(contentsOfFile: PackagePaths.path("plugins/pskov/plugin.lua"), encoding: .utf8)
        try directory.write("plugins/pskov/plugin.lua", original.replacingOccurrences(of: #"abbr = "КОПО", "#, with: ""))
        let check = try KartaProcess.run(["plugin", "check", directory.path("plugins/pskov")])
        #expect(check.status != 0)
        #expect(check.stdout.contains("roles[4].abbr: missing"), "\(check.output)")
        let plugins = try KartaProcess.run(["plugins", "--plugins", directory.path("plugins")])
        #expect(plugins.stdout.contains("FAILED"))
    }

    @Test func demoWritesEveryReportOfEveryRegion() throws {
        let directory = try TemporaryDirectory()
        let out = directory.path("out")
        let run = try KartaProcess.run(["demo", "--output", out])
        #expect(run.status == 0, "\(run.output)")
        let pskov = try FileManager.default.contentsOfDirectory(atPath: out + "/pskov").sorted()
        let formats = ["csv", "docx", "html", "md", "xlsx"]
        #expect(pskov.filter { $0.hasPrefix("pskov-2021.") } == formats.map { "pskov-2021.execution.\($0)" })
        // The region's summary over the fixture and its other municipalities.
        #expect(pskov.filter { $0.hasPrefix("pskov.region.") } == formats.map { "pskov.region.summary.\($0)" })
        #expect(pskov.contains { $0.hasPrefix("pskov-gen-") }, "\(pskov)")
        #expect(FileManager.default.fileExists(atPath: out + "/karta.sqlite"))
        for region in ["krasnodar", "pskov", "shakhty", "spb"] {
            let files = try FileManager.default.contentsOfDirectory(atPath: out + "/" + region)
            for format in ["md", "csv", "html", "docx", "xlsx"] {
                #expect(files.contains { $0.hasSuffix("." + format) }, "\(region): \(files)")
            }
        }
        // A second run starts from a fresh database and gives byte-identical files.
        let names = ["md", "html", "docx", "xlsx"].flatMap { [out + "/pskov/pskov-2021.execution." + $0, out + "/pskov/pskov.region.summary." + $0] }
        let first = try names.map { try Data(contentsOf: URL(fileURLWithPath: $0)) }
        #expect(try KartaProcess.run(["demo", "--output", out]).status == 0)
        #expect(try names.map { try Data(contentsOf: URL(fileURLWithPath: $0)) } == first)
    }

    @Test func pluginsListsTheFourRegions() throws {
        let run = try KartaProcess.run(["plugins"])
        #expect(run.status == 0, "\(run.output)")
        for line in ["krasnodar\tregion 23", "pskov\tregion 60", "shakhty\tregion 61", "spb\tregion 78"] {
            #expect(run.stdout.contains(line), "\(run.stdout)")
        }
        #expect(run.stdout.contains("reports: plan, execution"))
    }

    @Test func pluginTestPassesAndFailsWithADiffWhenAnExpectedFileIsEditedByHand() throws {
        #expect(try KartaProcess.run(["plugin", "test"]).stdout.contains(", 0 failed"))
        let directory = try TemporaryDirectory()
        let regions = directory.path("regions")
        try FileManager.default.createDirectory(atPath: regions, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: PackagePaths.path("regions/shakhty"), toPath: regions + "/shakhty")
        let expected = regions + "/shakhty/expected/shakhty-2022.execution.md"
        let text = try String(contentsOfFile: expected, encoding: .utf8)
        try text.replacingOccurrences(of: "Дата реализации", with: "Дата реализации (правка)")
            .write(toFile: expected, atomically: true, encoding: .utf8)
        let run = try KartaProcess.run(["plugin", "test", "shakhty", "--regions", regions])
        #expect(run.status != 0)
        #expect(run.stdout.contains("FAIL \(expected)"))
        #expect(run.stdout.contains("expected: | № п/п | Описание действий | Дата реализации (правка) |"), "\(run.stdout)")
        #expect(run.stdout.contains("actual:   | № п/п | Описание действий | Дата реализации |"))
        #expect(run.stdout.contains("9 passed, 1 failed"))  // the region summary's 5 pass
        // --update restores it.
        #expect(try KartaProcess.run(["plugin", "test", "shakhty", "--regions", regions, "--update"]).status == 0)
        #expect(try String(contentsOfFile: expected, encoding: .utf8) == text)
    }

    @Test func pluginTestComparesOfficeFilesByContent() throws {
        let directory = try TemporaryDirectory()
        let regions = directory.path("regions")
        let plugins = directory.path("plugins")
        try FileManager.default.createDirectory(atPath: regions, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: plugins, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: PackagePaths.path("regions/pskov"), toPath: regions + "/pskov")
        try FileManager.default.copyItem(atPath: PackagePaths.path("plugins/pskov"), toPath: plugins + "/pskov")
        // A column title changed in the plugin shows up in the DOCX and XLSX as a content diff.
        let source = plugins + "/pskov/plugin.lua"
        let lua = try String(contentsOfFile: source, encoding: .utf8)
        try lua.replacingOccurrences(of: "title = \"Ответственные\"", with: "title = \"Исполнители\"")
            .write(toFile: source, atomically: true, encoding: .utf8)
        let run = try KartaProcess.run(["plugin", "test", "pskov", "--regions", regions, "--plugins", plugins])
        #expect(run.status != 0)
        #expect(run.stdout.contains("FAIL \(regions)/pskov/expected/pskov-2021.execution.docx"), "\(run.stdout)")
        #expect(run.stdout.contains("row 1 (header): № |"), "\(run.stdout)")
        #expect(run.stdout.contains("| Исполнители |"))
        #expect(run.stdout.contains("FAIL \(regions)/pskov/expected/pskov-2021.execution.xlsx"))
        #expect(run.stdout.contains("=Исполнители |"))
        #expect(run.stdout.contains("goldens: 5 passed, 5 failed"))  // the region summary has no such column
    }

    @Test func reportRefusesBinaryOnATerminalButWritesFiles() throws {
        let directory = try TemporaryDirectory()
        let db = directory.path("karta.sqlite")
        #expect(try KartaProcess.run(["demo", "--output", directory.path("out"), "--db", db, "--formats", "md"]).status == 0)
        let file = directory.path("r.docx")
        let run = try KartaProcess.run(["report", "pskov-2021", "--db", db, "--format", "docx", "--output", file])
        #expect(run.status == 0, "\(run.output)")
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: file)))
        #expect(bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]))
        let unknown = try KartaProcess.run(["report", "pskov-2021", "--db", db, "--format", "pdf"])
        #expect(unknown.status != 0)
        #expect(unknown.output.contains("unknown format 'pdf'"))
    }
}
