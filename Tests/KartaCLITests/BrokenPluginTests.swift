import Foundation
import KartaTesting
import Testing

/// Item 5 of issue 22: one plugin that fails to load hides nothing else. With the
/// repository's plugins and regions copied into a folder and one plugin broken, `plugins`,
/// `plugin test`, `demo` and `status --all` report that plugin (on standard error, under
/// 1 MiB), still do every other region's work byte for byte as a clean run does, end within
/// 12 s, and exit non-zero (below 124, not by a signal).
@Suite(.serialized) struct BrokenPluginTests {
    static let broken = "spb"
    static let others = ["krasnodar", "pskov", "shakhty"]
    static let limits = ["--lua-seconds", "2"]

    static let variants: [(name: String, code: String)] = [
        ("syntax error", "local M = {\n  id = \"spb\",\n  version = \n}\nreturn M oops("),
        ("error() at load", "error(\"broken on purpose at load\")\nreturn {}"),
        ("endless loop at load", "local n = 0\nwhile true do n = n + 1 end\nreturn {}"),
        ("returns nothing", "return nil"),
    ]

    /// Runs a command in `folder` and checks what every run must hold.
    static func run(_ arguments: [String], in folder: String, broken: Bool) throws -> KartaRun {
        let started = Date()
        let run = try KartaProcess.run(arguments, in: folder, timeout: 30)
        let seconds = Date().timeIntervalSince(started)
        #expect(seconds < 12, "\(arguments): \(seconds) s")
        #expect(!run.signaled && !run.timedOut, "\(arguments): \(run.output)")
        if broken {
            #expect(run.status != 0 && run.status < 124, "\(arguments): exit \(run.status): \(run.output)")
            #expect(run.output.contains("'\(Self.broken)'") || run.output.contains("\(Self.broken)\tFAILED") || run.output.contains("plugins/\(Self.broken)"),
                    "\(arguments): \(run.output)")
            #expect(run.stderr.utf8.count < 1 << 20)
        } else {
            #expect(run.status == 0, "\(arguments): \(run.output)")
        }
        return run
    }

    /// The status blocks of roadmaps that are not the broken plugin's.
    static func otherBlocks(_ text: String) -> [String] {
        text.components(separatedBy: "\n\n").filter { !$0.hasPrefix("spb-") }.map { $0.trimmingCharacters(in: .newlines) }
    }

    @Test func oneBrokenPluginHidesNothingElse() throws {
        let folder = try TemporaryDirectory()
        for name in ["plugins", "regions"] {
            try FileManager.default.copyItem(atPath: PackagePaths.path(name), toPath: folder.path(name))
        }
        let formats = ["--formats", "md,csv,html,json"]
        // A clean run of each command.
        let plugins = try Self.run(["plugins"] + Self.limits, in: folder.path, broken: false)
        let goldens = try Self.run(["plugin", "test"] + Self.limits, in: folder.path, broken: false)
        let goldensOfBroken = try Self.run(["plugin", "test", Self.broken] + Self.limits, in: folder.path, broken: false)
        _ = try Self.run(["demo", "--output", "clean"] + formats + Self.limits, in: folder.path, broken: false)
        let db = folder.path("clean/karta.sqlite")
        let status = try Self.run(["status", "--all", "--as-of", "2021-06-01", "--db", db] + Self.limits, in: folder.path, broken: false)
        func passed(_ run: KartaRun) -> Int {
            Int(run.stdout.split(separator: "\n").last { $0.hasPrefix("goldens: ") }?.split(separator: " ")[1] ?? "") ?? -1
        }

        let pluginFile = folder.path("plugins/\(Self.broken)/plugin.lua")
        let original = try Data(contentsOf: URL(fileURLWithPath: pluginFile))
        for (name, code) in Self.variants {
            try Data(code.utf8).write(to: URL(fileURLWithPath: pluginFile))
            defer { try? original.write(to: URL(fileURLWithPath: pluginFile)) }

            let listed = try Self.run(["plugins"] + Self.limits, in: folder.path, broken: true)
            let keep = { (line: Substring) in !line.hasPrefix(Self.broken) && !line.hasPrefix("\t") }
            #expect(listed.stdout.split(separator: "\n").filter(keep) == plugins.stdout.split(separator: "\n").filter(keep), "\(name)")

            let tested = try Self.run(["plugin", "test"] + Self.limits, in: folder.path, broken: true)
            #expect(passed(tested) == passed(goldens) - passed(goldensOfBroken), "\(name): \(tested.stdout)")
            let failures = tested.stdout.split(separator: "\n").filter { $0.hasPrefix("FAIL") }
            #expect(failures.count == 1 && failures.allSatisfy { $0.contains(Self.broken) }, "\(name): \(failures)")

            let out = "broken-\(name.filter(\.isLetter))"
            _ = try Self.run(["demo", "--output", out] + formats + Self.limits, in: folder.path, broken: true)
            for region in Self.others {
                #expect(FolderSnapshot(folder.path("\(out)/\(region)")) == FolderSnapshot(folder.path("clean/\(region)")), "\(name): \(region)")
                #expect(!FolderSnapshot(folder.path("\(out)/\(region)")).files.isEmpty)
            }
            #expect(!FileManager.default.fileExists(atPath: folder.path("\(out)/\(Self.broken)")), "\(name)")

            let standing = try Self.run(["status", "--all", "--as-of", "2021-06-01", "--db", db] + Self.limits, in: folder.path, broken: true)
            #expect(Self.otherBlocks(standing.stdout) == Self.otherBlocks(status.stdout), "\(name): \(standing.stdout)")
            #expect(Self.otherBlocks(status.stdout).count == 9)  // three regions, three municipalities each
        }
    }

    /// A roadmap whose second report fails after the first rendered: none of its files is
    /// replaced (they appear together or not at all), the other regions' are written.
    @Test func aReportThatFailsLeavesItsRoadmapsFilesAsTheyWere() throws {
        let folder = try TemporaryDirectory()
        for name in ["plugins", "regions"] {
            try FileManager.default.copyItem(atPath: PackagePaths.path(name), toPath: folder.path(name))
        }
        let demo = ["demo", "--output", "out", "--formats", "md,csv,json"] + Self.limits
        _ = try Self.run(demo, in: folder.path, broken: false)
        let before = FolderSnapshot(folder.path("out/\(Self.broken)"))
        // Three roadmaps × two reports, and the region summary, × three formats.
        #expect(before.files.count == 21, "\(before)")

        // The plan renders (with a new title, so that a rewritten file would differ); the
        // execution report, rendered after it, fails.
        let pluginFile = folder.path("plugins/\(Self.broken)/plugin.lua")
        let code = try String(contentsOfFile: pluginFile, encoding: .utf8)
        let ending = "\nreturn M\n"
        #expect(code.hasSuffix(ending))
        try (String(code.dropLast(ending.count)) + """

            local plan = M.reports[1].build
            M.reports[1].build = function(roadmap)
              local document = plan(roadmap)
              document.title = "Новый заголовок"
              return document
            end
            M.reports[2].build = function() error("broken execution report") end
            return M

            """).write(toFile: pluginFile, atomically: true, encoding: .utf8)
        let run = try Self.run(demo, in: folder.path, broken: true)
        #expect(run.stderr.contains("broken execution report"), "\(run.stderr)")
        #expect(FolderSnapshot(folder.path("out/\(Self.broken)")) == before)
        let staged = try FileManager.default.contentsOfDirectory(atPath: folder.path("out")).filter { $0.hasPrefix(".karta-partial") }
        #expect(staged.isEmpty, "\(staged)")
        for region in Self.others {
            // Three roadmaps' reports and the region reports (Krasnodar's two), × three formats.
            #expect(FolderSnapshot(folder.path("out/\(region)")).files.count == (region == "krasnodar" ? 15 : 12), "\(region)")
        }
    }

    /// Plugins that load but whose report calls attack the host (issue 22: output bombs, the
    /// host's side of the boundary, messages, layouts): `demo` and `plugin test` report the
    /// plugin, end within 12 s with exit 1–123 and under 1 MiB of standard error, and write
    /// every other region's files byte for byte as a clean run does.
    static let bombs: [(name: String, build: String)] = [
        ("150 paragraphs of one 16 MiB string",
         #"local s = string.rep("я", 8 << 20) local b = {} for i = 1, 150 do b[i] = { kind = "paragraph", text = s } end return { blocks = b }"#),
        ("a 2-cell row listed 600,000 times",
         #"local r = { "а", "б" } local rows = {} for i = 1, 600000 do rows[i] = r end return { blocks = { { kind = "table", columns = { { id = "a", title = "A" }, { id = "b", title = "B" } }, rows = rows } } }"#),
        ("karta.log of a table, endlessly", "local t = {} while true do karta.log(t) end"),
        ("a 12 MiB error message", #"error(string.rep("\27[2J", 3 << 20))"#),
        ("column widths whose sum is infinite",
         #"return { blocks = { { kind = "table", columns = { { id = "a", title = "A", width = 1e308 }, { id = "b", title = "B", width = 1e308 } }, rows = {} } } }"#),
    ]

    @Test func oneBombingPluginHidesNothingElse() throws {
        let folder = try TemporaryDirectory()
        for name in ["plugins", "regions"] {
            try FileManager.default.copyItem(atPath: PackagePaths.path(name), toPath: folder.path(name))
        }
        let formats = ["--formats", "md,csv,html,docx,xlsx,json"]
        _ = try Self.run(["demo", "--output", "clean"] + formats + Self.limits, in: folder.path, broken: false)
        let pluginFile = folder.path("plugins/\(Self.broken)/plugin.lua")
        let code = try String(contentsOfFile: pluginFile, encoding: .utf8)
        let ending = "\nreturn M\n"
        #expect(code.hasSuffix(ending))
        for (name, build) in Self.bombs {
            try (String(code.dropLast(ending.count)) + """

                for _, report in ipairs(M.reports) do
                  report.build = function(roadmap)
                    \(build)
                  end
                end
                return M

                """).write(toFile: pluginFile, atomically: true, encoding: .utf8)
            let out = "bomb-\(name.filter(\.isLetter))"
            let demo = try Self.run(["demo", "--output", out] + formats + Self.limits, in: folder.path, broken: true)
            #expect(demo.stderr.contains("plugin '\(Self.broken)'"), "\(name): \(demo.stderr.prefix(500))")
            for region in Self.others {
                #expect(FolderSnapshot(folder.path("\(out)/\(region)")) == FolderSnapshot(folder.path("clean/\(region)")), "\(name): \(region)")
            }
            #expect(!FileManager.default.fileExists(atPath: folder.path("\(out)/\(Self.broken)")), "\(name)")
            let tested = try Self.run(["plugin", "test"] + Self.limits, in: folder.path, broken: true)
            let failures = tested.stdout.split(separator: "\n").filter { $0.hasPrefix("FAIL") }
            #expect(!failures.isEmpty && failures.allSatisfy { $0.contains(Self.broken) }, "\(name): \(failures)")
        }
    }
}
