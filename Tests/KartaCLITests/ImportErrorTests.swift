import Foundation
import KartaStore
import KartaTesting
import Testing

/// A bad roadmap file: how to make it from Pskov's fixture, and what the error must say.
struct BadImport: Sendable, CustomTestStringConvertible {
    let name: String
    let make: @Sendable (String) -> Data
    /// Fragments of the error; the first is its beginning (`file:line:column: path`).
    let expected: [String]
    var testDescription: String { name }

    static func text(_ name: String, _ expected: [String], _ edit: @escaping @Sendable (String) -> String) -> BadImport {
        BadImport(name: name, make: { Data(edit($0).utf8) }, expected: expected)
    }
}

extension String {
    /// The text with the first occurrence of `old` replaced.
    func replacingFirst(_ old: String, with new: String) -> String {
        guard let range = range(of: old) else { return self }
        return replacingCharacters(in: range, with: new)
    }
}

let badImports: [BadImport] = [
    .text("unknown field", ["bad.yaml:3:1: colour: unknown field"]) { $0.replacingFirst("id: pskov-bad", with: "id: pskov-bad\ncolour: red") },
    .text("unknown activity field", ["bad.yaml:23:5: activities[0].colour: unknown field"]) {
        $0.replacingFirst("    title: \"Назначен", with: "    colour: red\n    title: \"Назначен")
    },
    .text("duplicate activity numbers", ["bad.yaml:42:5: activities[2]: duplicate activity key '2'"]) {
        $0.replacingFirst(#"number: "3""#, with: #"number: "2""#)
    },
    .text("unknown role", ["bad.yaml:27:13: activities[0].roles[0]: unknown role 'wizard'"]) {
        $0.replacingFirst("roles: [uo]", with: "roles: [wizard]")
    },
    .text("unknown stage", ["bad.yaml:23:12: activities[0].stage: unknown stage '9'"]) {
        $0.replacingFirst("  - number: \"1\"\n", with: "  - number: \"1\"\n    stage: \"9\"\n")
    },
    .text("impossible approval date", ["bad.yaml:12:", "approval.date: expected a date YYYY-MM-DD, found '2021-02-30'"]) {
        $0.replacingFirst("date: 2021-02-26", with: "date: 2021-02-30")
    },
    .text("wrong type", ["bad.yaml:25:13: activities[0].timing: expected a string"]) {
        $0.replacingFirst("    timing: \"26.02.2021\"", with: "    timing: [1, 2]")
    },
    .text("unknown status", ["bad.yaml:29:13: activities[0].status: unknown status 'finished'"]) { $0.replacingFirst("status: done", with: "status: finished") },
    .text("another region", ["bad.yaml: region: 61 does not match plugin 'pskov'"]) { $0.replacingFirst("region: 60", with: "region: 61") },
    .text("unknown plugin", ["no plugin 'narnia'"]) { $0.replacingFirst("plugin: pskov", with: "plugin: narnia") },
    .text("control character", ["bad.yaml:36:18: activities[1].responsible: control character U+0001 is not allowed"]) {
        $0.replacingFirst(#"responsible: "УО""#, with: #"responsible: "У\x01О""#)
    },
    .text("truncated", ["bad.yaml:", "invalid YAML"]) { String($0.prefix(3000)) },
    .text("empty", ["bad.yaml:1: empty file"]) { _ in "" },
    .text("a JSON file", ["bad.yaml:1:1: plugin: missing"]) { _ in #"{"karta": 1, "id": "x"}"# },
    .text("a list instead of a roadmap", ["bad.yaml:1:1: expected a mapping"]) { _ in "- 1\n- 2\n" },
    .text("another data format version", ["bad.yaml:1:8: karta: unsupported format version 7"]) { $0.replacingFirst("karta: 1", with: "karta: 7") },
    BadImport(name: "a binary file", make: { _ in Data([0x50, 0x4B, 0x03, 0x04, 0xFF, 0xFE, 0x00, 0x81]) }, expected: ["bad.yaml: not UTF-8 text"]),
    BadImport(name: "a huge file", make: { _ in Data(repeating: 0x23, count: 33 << 20) }, expected: ["bad.yaml: 34603008 bytes; a roadmap file may hold at most 32 MiB"]),
]

@Suite struct ImportErrorTests {
    @Test(arguments: badImports)
    func badFileIsRefusedAndNothingChanges(_ bad: BadImport) throws {
        let directory = try TemporaryDirectory()
        let db = directory.path("karta.sqlite")
        #expect(try KartaProcess.run(["import", PackagePaths.path("regions/pskov/roadmap-2021.yaml"), "--db", db]).status == 0)
        let fixture = try String(contentsOfFile: PackagePaths.path("regions/pskov/roadmap-2021.yaml"), encoding: .utf8)
            .replacingFirst("id: pskov-2021", with: "id: pskov-bad")
        try bad.make(fixture).write(to: URL(fileURLWithPath: directory.path("bad.yaml")))
        let database = try KartaDatabase(path: db)
        let before = (try database.roadmaps(), try database.history(roadmap: "pskov-2021").count)

        let run = try KartaProcess.run(["import", "bad.yaml", "--db", db, "--plugins", PackagePaths.path("plugins")],
                                      in: directory.path(""))
        #expect(run.status != 0)
        #expect(!run.signaled)
        #expect(run.stderr.hasPrefix("Error: " + bad.expected[0]), "\(run.stderr)")
        for fragment in bad.expected.dropFirst() { #expect(run.stderr.contains(fragment), "\(run.stderr)") }
        #expect(try database.roadmaps() == before.0)
        #expect(try database.history(roadmap: "pskov-2021").count == before.1)
        #expect(try database.roadmap(id: "pskov-bad") == nil)
    }

    @Test func oneBadFileAmongGoodOnesStoresNone() throws {
        let directory = try TemporaryDirectory()
        let db = directory.path("karta.sqlite")
        try directory.write("bad.yaml", "karta: 1\nid: x\n")
        let run = try KartaProcess.run(["import", PackagePaths.path("regions/spb/roadmap-2021.yaml"), directory.path("bad.yaml"), "--db", db])
        #expect(run.status != 0)
        #expect(try KartaDatabase(path: db).roadmaps().isEmpty)
    }
}
