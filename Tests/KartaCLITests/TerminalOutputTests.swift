import Foundation
import KartaTesting
import Testing

/// What a plugin says reaches the terminal escaped and bounded: its log, its errors, its
/// declared names; a huge message or problem list prints in a glance.
@Suite struct TerminalOutputTests {
    /// A plugin folder `plugins/noisy` whose report runs `build` and whose region is named
    /// `regionName`, and a roadmap for it.
    func setUp(build: String, regionName: String = #""Тест""#, load: String = "") throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        try directory.writeOneActivityRoadmap(plugin: "noisy", id: "noisy")
        _ = try directory.write("plugins/noisy/plugin.lua", """
            local M = { id = "noisy", version = "1", api = 1, region = { code = 99, name = \(regionName) } }
            \(load)
            M.roles = { { id = "mk", abbr = "МК", name = "МК", can = { "report" } } }
            M.reports = { { id = "r", title = "R", build = function(roadmap)
              \(build)
            end } }
            return M
            """ + "\n")
        return directory
    }

    func run(_ directory: TemporaryDirectory, _ arguments: [String]) throws -> KartaRun {
        try KartaProcess.run(arguments + ["--plugins", directory.path("plugins")], in: directory.path(""))
    }

    /// No control character (other than the host's line feeds and tabs) and no bidi control.
    func isClean(_ text: String) -> Bool {
        !text.unicodeScalars.contains { scalar in
            switch scalar.value {
            case 0x0A, 0x09: false
            case 0x00...0x1F, 0x7F...0x9F, 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
            default: false
            }
        }
    }

    static let attacks = [
        (#""\27[2J\27]0;owned\7""#, #"\e[2J\e]0;owned\u{7}"#),
        (#""line\rhidden""#, #"line\rhidden"#),
        (#""one\n[pskov] forged line""#, #"one\n[pskov] forged line"#),
        (#""\u{9B}31m red \u{202E}desrever""#, #"\u{9B}31m red \u{202E}desrever"#),
        (#""\8""#, #"\u{8}"#),
    ]

    @Test(arguments: attacks)
    func pluginLogIsEscaped(_ attack: (lua: String, shown: String)) throws {
        let directory = try setUp(build: "karta.log(\(attack.lua)); print(\(attack.lua)); return { blocks = {} }")
        let result = try run(directory, ["plugin", "test", "noisy", "--regions", directory.path("regions")])
        #expect(isClean(result.output), "\(result.output.debugDescription)")
        #expect(result.stderr.contains("[noisy] \(attack.shown)\n"), "\(result.stderr.debugDescription)")
    }

    @Test(arguments: attacks)
    func pluginErrorIsEscaped(_ attack: (lua: String, shown: String)) throws {
        let directory = try setUp(build: "error(\(attack.lua))")
        let result = try run(directory, ["plugin", "test", "noisy", "--regions", directory.path("regions")])
        #expect(result.status == 1)
        #expect(isClean(result.output), "\(result.output.debugDescription)")
        #expect(result.stderr.contains(attack.shown), "\(result.stderr.debugDescription)")
    }

    /// Declarations are text a plugin hands the host: control characters in them are refused
    /// at load (``StoredText``), with the field's path, and the refusal itself prints clean. A
    /// line feed is allowed (column titles break lines) and shown escaped in a listing.
    @Test(arguments: attacks)
    func declaredNamesWithControlsAreRefused(_ attack: (lua: String, shown: String)) throws {
        let directory = try setUp(build: "return { blocks = {} }", regionName: attack.lua)
        let result = try run(directory, ["plugins", "--workflow"])
        #expect(isClean(result.output), "\(result.output.debugDescription)")
        if attack.shown == #"one\n[pskov] forged line"# {
            #expect(result.stdout.contains("region 99 \(attack.shown)\t"), "\(result.stdout.debugDescription)")
            return
        }
        #expect(result.status != 0)
        #expect(isClean(result.output), "\(result.output.debugDescription)")
        #expect(result.stdout.contains("noisy\tFAILED"), "\(result.stdout.debugDescription)")
        #expect(result.output.contains("region.name: control character U+"), "\(result.output.debugDescription)")
    }

    @Test func loadErrorIsEscapedInCheck() throws {
        let directory = try setUp(build: "return { blocks = {} }", load: #"error("\27[31mred")"#)
        let result = try run(directory, ["plugin", "check"])
        #expect(result.status == 1)
        #expect(isClean(result.output), "\(result.output.debugDescription)")
        #expect(result.stdout.contains(#"\e[31mred"#), "\(result.stdout)")
    }

    /// A 12 MiB error message: 4 KiB of it and the count of the rest, from `plugin test` and
    /// from the CLI's error exit (a plugin that fails to load during `import`).
    @Test func hugeErrorIsCapped() throws {
        let directory = try setUp(build: #"error(string.rep("x", 12 * 1024 * 1024))"#)
        // Generous limits: a 12 MiB message takes a debug build a second or two to pass on.
        let viaTest = try run(directory, ["plugin", "test", "noisy", "--regions", directory.path("regions"), "--lua-seconds", "60"])
        #expect(viaTest.status == 1)
        #expect(viaTest.stderr.utf8.count < 20_000, "\(viaTest.stderr.utf8.count) bytes")
        #expect(viaTest.stderr.contains("more bytes)"), "\(viaTest.stderr.prefix(300))")
        let loading = try setUp(build: "return { blocks = {} }", load: #"error(string.rep("\27x", 6 * 1024 * 1024))"#)
        let viaExit = try run(loading, ["import", loading.path("regions/noisy/roadmap.yaml"), "--db", loading.path("k.sqlite"),
                                        "--lua-seconds", "60"])
        #expect(viaExit.status == 1)
        #expect(viaExit.stderr.hasPrefix("Error: plugin 'noisy'"), "\(viaExit.stderr.prefix(300))")
        #expect(viaExit.stderr.utf8.count < 40_000, "\(viaExit.stderr.utf8.count) bytes")
        #expect(viaExit.stderr.contains(#"\ex\ex"#))
        #expect(isClean(viaExit.stderr))
    }

    /// 100,000 rows whose cell is a table: 50 problems and the count of the rest. (Rows
    /// with one cell too many are said once per table, `AuthorMistakeTests`.)
    @Test func longProblemListIsCapped() throws {
        let directory = try setUp(build: """
            local rows = {}
              for i = 1, 100000 do rows[i] = { {} } end
              return { blocks = { { kind = "table", columns = { { id = "a", title = "A" } }, rows = rows } } }
            """)
        let result = try run(directory, ["plugin", "test", "noisy", "--regions", directory.path("regions"),
                                         "--lua-memory", "512", "--lua-seconds", "30"])
        #expect(result.status == 1)
        #expect(result.stderr.split(separator: "\n").count < 60, "\(result.stderr.prefix(500))")
        #expect(result.stderr.contains("… and 99950 more problems"), "\(result.stderr.suffix(300))")
    }

    /// Ten strings of 60 KB, each a letter under a pile of accents (one character each): the
    /// log stops at 64 KiB of bytes, not of characters. (One call may carry at most 64 KiB.)
    @Test func logCapCountsBytes() throws {
        let directory = try setUp(build: """
            local accents = "a" .. string.rep("\\u{301}", 30000)
              for i = 1, 10 do karta.log(accents) end
              return { blocks = {} }
            """)
        let result = try run(directory, ["plugin", "test", "noisy", "--regions", directory.path("regions"), "--lua-memory", "256"])
        #expect(result.stderr.utf8.count < 80 * 1024, "\(result.stderr.utf8.count) bytes")
        #expect(result.stderr.contains("(log truncated at 65536 bytes)"))
    }
}
