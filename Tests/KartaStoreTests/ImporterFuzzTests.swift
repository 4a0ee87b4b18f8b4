import Foundation
import KartaCore
import KartaStore
import KartaTesting
import Testing

/// Mutation fuzzing of the importer: thousands of damaged versions of the four regions'
/// roadmap files. Each must be either read or refused with errors that name a line inside
/// the file — never a crash, never a hang; what is read must store and load back whole.
@Suite struct ImporterFuzzTests {
    static let fixtures = ["pskov/roadmap-2021.yaml", "krasnodar/roadmap-2020-2021.yaml", "shakhty/roadmap-2022.yaml",
                           "spb/roadmap-2021.yaml"]
    static let scalars = ["", "~", "[]", "{}", "[1, [2, {a: b}]]", "-1", "99999999999999999999999", "2021-13-45",
                          "\"\\u0000\"", "&anchor x", "*nope", "!!binary aGVsbG8=", "yes", ".nan", "\"\u{202E}rtl\"",
                          "|", ">-", "'unterminated", "{a: 1, a: 2}", "\u{FEFF}bom", "\t"]

    static func mutate(_ lines: [String], _ random: inout SeededGenerator) -> [String] {
        var lines = lines
        guard !lines.isEmpty else { return ["x"] }
        let index = Int.random(in: 0..<lines.count, using: &random)
        switch Int.random(in: 0..<9, using: &random) {
        case 0: lines.remove(at: index)
        case 1: lines.insert(lines[Int.random(in: 0..<lines.count, using: &random)], at: index)
        case 2: lines.swapAt(index, Int.random(in: 0..<lines.count, using: &random))
        case 3:  // replace a value with a hostile scalar
            if let colon = lines[index].firstIndex(of: ":") {
                lines[index] = String(lines[index][...colon]) + " " + scalars.randomElement(using: &random)!
            }
        case 4: lines[index] = String(repeating: " ", count: Int.random(in: 0...6, using: &random))
            + lines[index].trimmingCharacters(in: .whitespaces)
        case 5: lines = Array(lines.prefix(index))  // truncated
        case 6:  // random characters inside a line
            var scalars = Array(lines[index].unicodeScalars)
            let position = Int.random(in: 0...scalars.count, using: &random)
            let junk = (0..<Int.random(in: 1...4, using: &random)).map { _ in
                Unicode.Scalar(UInt8.random(in: 0...127, using: &random))
            }
            scalars.insert(contentsOf: junk, at: position)
            lines[index] = String(String.UnicodeScalarView(scalars))
        case 7:  // an unknown key
            lines.insert(String(repeating: " ", count: Int.random(in: 0...4, using: &random)) + "unknown_\(index): 1", at: index)
        default:  // a duplicated block
            let end = min(lines.count, index + Int.random(in: 1...12, using: &random))
            lines.insert(contentsOf: lines[index..<end], at: end)
        }
        return lines
    }

    @Test func damagedRoadmapsAreReadOrRefusedCleanly() throws {
        let directory = try TemporaryDirectory()
        let database = try KartaDatabase(path: directory.path("fuzz.sqlite"))
        var random = SeededGenerator(seed: 500)
        var read = 0
        var refused = 0
        let texts = try Self.fixtures.map { try String(contentsOfFile: PackagePaths.path("regions/" + $0), encoding: .utf8) }
        for round in 0..<3000 {
            var lines = texts[round % texts.count].components(separatedBy: "\n")
            for _ in 0..<Int.random(in: 1...4, using: &random) { lines = Self.mutate(lines, &random) }
            let text = lines.joined(separator: "\n")
            var roadmap: Roadmap
            do {
                roadmap = try RoadmapFile.decode(text, file: "fuzz.yaml")
            } catch {
                refused += 1
                #expect(!error.errors.isEmpty)
                for problem in error.errors {
                    #expect(!problem.message.isEmpty)
                    if let line = problem.line { #expect((1...lines.count + 1).contains(line), "\(problem)") }
                }
                continue
            }
            read += 1
            let problems = roadmap.problems(roles: [], stages: [])
            if read % 10 == 0 {
                roadmap.id = "fuzz-\(round)"
                do {
                    try database.save(roadmap)
                    let loaded = try database.roadmap(id: roadmap.id)?.allActivities ?? []
                    let difference = zip(loaded, roadmap.allActivities).first { $0 != $1 }
                    #expect(loaded == roadmap.allActivities, "stored and loaded differ: \(String(describing: difference))")
                } catch {
                    // Only a roadmap the checks refuse (duplicate numbers) may fail to store,
                    // and then nothing of it is stored.
                    #expect(problems.contains { $0.message.contains("duplicate activity key") }, "\(error)")
                    #expect(try database.roadmap(id: roadmap.id) == nil)
                }
            }
        }
        #expect(read + refused == 3000)
        #expect(read > 100 && refused > 1000, "read \(read), refused \(refused): the mutations should do both")
        #expect(try database.integrityCheck() == "ok")
    }
}
