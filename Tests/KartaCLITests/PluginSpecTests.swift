import Foundation
import KartaTesting
import Testing

/// Issue 19, Lua specs: `karta plugin test` runs `plugins/<id>/spec/*_spec.lua` after the
/// goldens, one `FAIL file:line: …` line per failure, a `specs:` summary, and a non-zero
/// exit when one fails.
@Suite struct PluginSpecTests {
    /// A folder with the repository's Pskov plugin and fixture, and one more spec file.
    static func pskov(withSpec code: String) throws -> TemporaryDirectory {
        let folder = try TemporaryDirectory()
        for name in ["plugins", "regions"] {
            try FileManager.default.createDirectory(atPath: folder.path(name), withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: PackagePaths.path("\(name)/pskov"), toPath: folder.path("\(name)/pskov"))
        }
        _ = try folder.write("plugins/pskov/spec/extra_spec.lua", code)
        return folder
    }

    static let failing = """
        describe("on purpose", function()
          it("fails", function()
            assert.equal(1 + 0, 2)
          end)
          it("passes", function() assert.truthy(true) end)
        end)

        """

    @Test func everyRegionsSpecsPass() throws {
        let run = try KartaProcess.run(["plugin", "test"], in: PackagePaths.root.path)
        #expect(run.status == 0, "\(run.output)")
        #expect(run.stdout.contains("goldens: 50 passed, 0 failed"), "\(run.stdout)")
        #expect(!run.stdout.contains("FAIL"), "\(run.stdout)")
        #expect(run.stdout.contains("specs: 37 passed, 0 failed"), "\(run.stdout)")
        for (id, count) in [("krasnodar", 7), ("pskov", 12), ("shakhty", 11), ("spb", 7)] {
            #expect(FileManager.default.fileExists(atPath: PackagePaths.path("plugins/\(id)/spec")), "\(id)")
            let one = try KartaProcess.run(["plugin", "test", id], in: PackagePaths.root.path)
            #expect(one.status == 0 && one.stdout.contains("specs: \(count) passed, 0 failed"), "\(id): \(one.output)")
        }
    }

    @Test func aFailingSpecPrintsItsFileAndLineAndFails() throws {
        let folder = try Self.pskov(withSpec: Self.failing)
        let run = try KartaProcess.run(["plugin", "test", "pskov"], in: folder.path)
        #expect(run.status == 1, "\(run.output)")
        #expect(run.stdout.contains("goldens: 10 passed, 0 failed"), "\(run.stdout)")
        #expect(run.stdout.contains("FAIL plugins/pskov/spec/extra_spec.lua:3: on purpose fails: expected 2, got 1\n"), "\(run.stdout)")
        #expect(run.stdout.hasSuffix("specs: 13 passed, 1 failed\n"), "\(run.stdout)")
        // A long absolute path, which Lua shortens in its messages, is printed whole.
        let absolute = try KartaProcess.run(["plugin", "test", "pskov", "--plugins", folder.path("plugins"),
                                             "--regions", folder.path("regions")])
        #expect(absolute.status == 1)
        #expect(absolute.stdout.contains("FAIL \(folder.path("plugins/pskov/spec/extra_spec.lua")):3: on purpose fails"), "\(absolute.stdout)")
    }

    @Test func aSpecThatLoopsForeverIsStoppedAtTheLimit() throws {
        let folder = try Self.pskov(withSpec: """
            it("loops", function()
              while true do end
            end)

            """)
        let started = Date()
        let run = try KartaProcess.run(["plugin", "test", "pskov", "--lua-seconds", "1"], in: folder.path, timeout: 30)
        #expect(Date().timeIntervalSince(started) < 15)
        #expect(!run.timedOut && !run.signaled)
        #expect(run.status == 1, "\(run.output)")
        let failures = run.stdout.split(separator: "\n").filter { $0.hasPrefix("FAIL") }
        #expect(failures.count == 1, "\(run.stdout)")
        #expect(failures.first?.hasPrefix("FAIL plugins/pskov/spec/extra_spec.lua") ?? false, "\(run.stdout)")
        #expect(run.stdout.contains("specs: 12 passed, 1 failed"), "\(run.stdout)")
    }

    @Test func specsSeeFixturesAndTheSandbox() throws {
        let folder = try Self.pskov(withSpec: """
            it("reads a fixture", function()
              local roadmap = spec.fixture("roadmap-2021")
              assert.equal(roadmap.plugin, "pskov")
              assert.truthy(#roadmap.activities > 0)
            end)
            it("has no io", function() assert.equal(io, nil) end)
            it("refuses a fixture outside the region", function()
              assert.error(function() spec.fixture("../spb/roadmap-2021") end, "fixture")
            end)

            """)
        let run = try KartaProcess.run(["plugin", "test", "pskov"], in: folder.path)
        #expect(run.status == 0, "\(run.output)")
        #expect(run.stdout.contains("specs: 15 passed, 0 failed"), "\(run.stdout)")
    }

    @Test func specMoveTakesAMoveAsKartaMarkDoesAndSaysWhatIsWrong() throws {
        let folder = try Self.pskov(withSpec: """
            local function master_class(r) return r.activities[12].activities[5] end
            it("changes nothing when a rule refuses", function()
              local r = spec.fixture("roadmap-2021")
              local ok, message, rule = spec.move(r, "12.5", "done", { as = "mk" })
              assert.equal({ ok, rule }, { false, "done-needs-fact-date" })
              assert.truthy(message:find("дату факта", 1, true))
              assert.equal(master_class(r).status, "planned")
            end)
            it("adds evidence and keeps what was there", function()
              local r = spec.fixture("roadmap-2021")
              assert.truthy(spec.move(r, "12.5", nil, { as = "mk", evidence = "https://example.org/a", report = "проведен" }))
              assert.equal(master_class(r).evidence[1].text, "https://example.org/a")
              assert.equal({ master_class(r).status, master_class(r).report }, { "planned", "проведен" })
            end)
            it("needs the acting role", function()
              assert.error(function() spec.move(spec.fixture("roadmap-2021"), "12.5", "done", {}) end, "name the acting role")
            end)
            it("names an activity the roadmap does not have", function()
              assert.error(function() spec.move(spec.fixture("roadmap-2021"), "99", "done", { as = "mk" }) end, "no activity '99'")
            end)

            """)
        let run = try KartaProcess.run(["plugin", "test", "pskov"], in: folder.path)
        #expect(run.status == 0, "\(run.output)")
        #expect(run.stdout.contains("specs: 16 passed, 0 failed"), "\(run.stdout)")
    }
}
