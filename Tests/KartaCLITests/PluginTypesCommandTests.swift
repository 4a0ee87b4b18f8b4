import Foundation
import KartaTesting
import Testing

/// `karta plugin types` and the types `karta plugin new` gives a new plugin.
@Suite struct PluginTypesCommandTests {
    static let files = ["karta.lua", "manifest.lua", "roadmap.lua", "document.lua", "spec.lua"]

    @Test func typesAreWrittenWhereAsked() throws {
        let directory = try TemporaryDirectory()
        let run = try KartaProcess.run(["plugin", "types", "--output", "editor"], in: directory.path)
        #expect(run.status == 0, "\(run.output)")
        #expect(run.stdout.hasPrefix("wrote LuaLS annotations of Karta "), "\(run.output)")
        for name in Self.files.map({ "types/\($0)" }) + [".luarc.json"] {
            #expect(run.stdout.contains("  editor/\(name)\n"), "\(name): \(run.output)")
            #expect(FileManager.default.fileExists(atPath: directory.path("editor/\(name)")), "\(name)")
        }
        // By default, into the current folder.
        let here = try KartaProcess.run(["plugin", "types"], in: directory.path)
        #expect(here.status == 0 && here.stdout.contains("  types/karta.lua\n"), "\(here.output)")
        #expect(FileManager.default.fileExists(atPath: directory.path(".luarc.json")))
        let file = try KartaProcess.run(["plugin", "types", "--output", ".luarc.json"], in: directory.path)
        #expect(file.status != 0 && file.stderr.contains("is a file, not a folder"), "\(file.output)")
    }

    /// A new plugin comes with its types and says it is a `karta.Manifest`; it still passes
    /// its own check and test.
    @Test func aNewPluginHasItsTypes() throws {
        let directory = try TemporaryDirectory()
        let new = try KartaProcess.run(["plugin", "new", "enskaya", "--region-code", "98", "--region-name", "Энская область", "--period", "2024"],
                                       in: directory.path)
        #expect(new.status == 0, "\(new.output)")
        for name in Self.files.map({ "types/\($0)" }) + [".luarc.json"] {
            #expect(new.stdout.contains("  plugins/enskaya/\(name)\n"), "\(name): \(new.output)")
            #expect(FileManager.default.fileExists(atPath: directory.path("plugins/enskaya/\(name)")), "\(name)")
        }
        let lua = try String(contentsOfFile: directory.path("plugins/enskaya/plugin.lua"), encoding: .utf8)
        #expect(lua.contains("---@type karta.Manifest\n---@diagnostic disable-next-line: missing-fields\nlocal M = {\n"), "\(lua.prefix(600))")
        #expect(try KartaProcess.run(["plugin", "check", "plugins/enskaya"], in: directory.path).status == 0)
        let test = try KartaProcess.run(["plugin", "test", "enskaya"], in: directory.path)
        #expect(test.status == 0 && test.stdout.contains("goldens: 10 passed, 0 failed"), "\(test.output)")
    }
}
