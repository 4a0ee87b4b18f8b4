import Foundation
import KartaTesting
import Testing

/// Item 3 of issue 22: activity numbers and roadmap ids are matched as they are written —
/// `_`, `%`, `*`, `\`, `?` and `[` mean themselves in `history`, `mark`, `show`, `report`
/// and `status`, never a pattern.
@Suite(.serialized) struct LiteralIdentifierTests {
    /// Activity numbers that a LIKE or GLOB would confuse, each also a key.
    static let numbers = ["1", "1.1", "1_1", "1x1", "1x1.2", "1%", "1%1", "%", "_", "1*", "1[1]", "1?", #"1\"#, #"1\1"#, "A1.1"]

    /// One database for every test of the suite (none of them changes it): the roadmap
    /// imported and one change recorded per activity.
    static let fixture = Result { () throws -> TemporaryDirectory in
        let directory = try TemporaryDirectory()
        let db = directory.path("karta.sqlite")
        let activities: String = numbers.map { (number: String) -> String in
            let quoted = number.replacingOccurrences(of: #"\"#, with: #"\\"#)
            return "  - number: \"\(quoted)\"\n    title: \"Мероприятие \(quoted)\"\n    roles: [mk]\n"
        }.joined()
        let file = try directory.write("lit.yaml", """
            karta: 1
            id: lit-2021
            plugin: pskov
            region: 60
            municipality: Псков
            period: 2021
            title: Отчет
            activities:
            \(activities)
            """)
        let run = try KartaProcess.run(["import", file, "--db", db])
        #expect(run.status == 0, "\(run.output)")
        // One change per activity, its report text naming the number.
        for number in numbers {
            let mark = try KartaProcess.run(["mark", "lit-2021", number, "--as", "МК", "--report", "отчет [\(number)]", "--db", db])
            #expect(mark.status == 0, "\(number): \(mark.output)")
        }
        return directory
    }

    let db: String

    init() throws {
        db = try Self.fixture.get().path("karta.sqlite")
    }

    func karta(_ arguments: [String]) throws -> KartaRun {
        try KartaProcess.run(arguments, environment: ["KARTA_DB": db])
    }

    /// The activity keys `history lit-2021 NUMBER --json` lists.
    func historyKeys(_ number: String) throws -> [String] {
        let run = try karta(["history", "lit-2021", number, "--json"])
        #expect(run.status == 0, "\(run.output)")
        let entries = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]] ?? []
        return entries.compactMap { $0["activityKey"] as? String ?? $0["activity_key"] as? String }
    }

    @Test(arguments: [
        ("1", ["1", "1.1"]),   // the activity and the keys below it (`1.` and more)
        ("1_1", ["1_1"]), ("1%", ["1%"]), ("%", ["%"]), ("_", ["_"]), ("1*", ["1*"]), ("1[1]", ["1[1]"]),
        ("1?", ["1?"]), (#"1\"#, [#"1\"#]), (#"1\1"#, [#"1\1"#]), ("1x1", ["1x1", "1x1.2"]),
        ("a1", []), ("A1", ["A1.1"]),   // LIKE would ignore case
        ("%%", []), ("1_", []), ("*", []), ("1.%", []), ("1?1", []), (#"\"#, []),
    ])
    func historyMatchesTheNumberAsWritten(_ number: String, _ expected: [String]) throws {
        #expect(try historyKeys(number) == expected)
    }

    @Test func markChangesOnlyTheActivityNamed() throws {
        for pattern in ["1_", "%1", "1.%", "*", "1?1"] {
            let run = try karta(["mark", "lit-2021", pattern, "--as", "МК", "--report", "не должно записаться"])
            #expect(run.status == 1, "\(pattern): \(run.output)")
            #expect(run.stderr.contains("has no activity '\(pattern)'"), "\(pattern): \(run.stderr)")
        }
        // An empty number is not «every roadmap-level entry» (they are stored under the empty key).
        let empty = try karta(["history", "lit-2021", ""])
        #expect(empty.status == 64 && empty.stderr.contains("activity number"), "\(empty.output)")
        let all = try karta(["history", "lit-2021"])
        #expect(!all.stdout.contains("не должно записаться"))
        let show = try karta(["show", "lit-2021"])
        #expect(show.status == 0)
        // Each activity's report is still its own.
        let json = try karta(["history", "lit-2021", "--json"])
        let entries = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]] ?? []
        for entry in entries where (entry["field"] as? String) == "report" {
            let key = entry["activityKey"] as? String ?? entry["activity_key"] as? String ?? ""
            #expect(entry["newValue"] as? String ?? entry["new_value"] as? String == "отчет [\(key)]")
        }
    }

    @Test(arguments: ["lit_2021", "lit%", "%", "lit-202_", "lit-*", "*", #"lit\-2021"#, "LIT-2021"])
    func roadmapIdsAreNotPatterns(_ id: String) throws {
        for command in [["show", id], ["report", id], ["history", id], ["status", id], ["submissions", id],
                        ["mark", id, "1", "--as", "МК", "--report", "x"]] {
            let run = try karta(command)
            #expect(run.status == 1, "\(command): \(run.output)")
            #expect(run.stderr.contains("'\(id)'"), "\(command): \(run.stderr)")
        }
    }
}
