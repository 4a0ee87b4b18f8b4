import Foundation
import KartaHost
import KartaPlugins
import KartaTesting
import Testing

/// `karta plugin types` writes the annotation files and a `.luarc.json` beside them, keeps an
/// author's own settings, and writes nothing when it cannot.
@Suite struct PluginTypesFilesTests {
    func config(_ path: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func aFolderGetsTheTypesAndALuarcPointingAtThem() throws {
        let directory = try TemporaryDirectory()
        let written = try PluginTypes.write(into: directory.path)
        #expect(Set(written) == Set(["karta.lua", "manifest.lua", "roadmap.lua", "document.lua", "spec.lua"].map { directory.path("types/\($0)") }
            + [directory.path(".luarc.json")]))
        #expect(try String(contentsOfFile: directory.path("types/manifest.lua"), encoding: .utf8).contains("---@class karta.Manifest\n"))
        let luarc = try config(directory.path(".luarc.json"))
        #expect(luarc["$schema"] as? String == "https://raw.githubusercontent.com/LuaLS/vscode-lua/master/setting/schema.json")
        #expect(luarc["runtime.version"] as? String == "Lua 5.4")
        #expect(luarc["workspace.library"] as? [String] == ["types"])
        #expect(luarc["workspace.checkThirdParty"] as? Bool == false)
        #expect(luarc["runtime.builtin"] as? [String: String] == ["io": "disable", "os": "disable", "debug": "disable", "coroutine": "disable", "package": "disable"])
        // Written again, the same bytes: nothing accumulates.
        let first = FolderSnapshot(directory.path).files
        _ = try PluginTypes.write(into: directory.path)
        #expect(FolderSnapshot(directory.path).files == first)
    }

    @Test func anAuthorsOwnSettingsAreKept() throws {
        let directory = try TemporaryDirectory()
        _ = try directory.write(".luarc.json", """
            {"workspace.library": ["../shared", "types"], "runtime.version": "Lua 5.3", "runtime.builtin": {"utf8": "enable", "io": "enable"},
             "diagnostics.globals": ["vim"]}
            """)
        _ = try PluginTypes.write(into: directory.path)
        let luarc = try config(directory.path(".luarc.json"))
        #expect(luarc["workspace.library"] as? [String] == ["../shared", "types"])
        #expect(luarc["runtime.version"] as? String == "Lua 5.4")
        #expect(luarc["diagnostics.globals"] as? [String] == ["vim"])
        #expect((luarc["runtime.builtin"] as? [String: String])?["utf8"] == "enable")
        #expect((luarc["runtime.builtin"] as? [String: String])?["io"] == "disable", "the sandbox has no io")
    }

    @Test func aLuarcThatIsNotJSONStopsEverything() throws {
        let directory = try TemporaryDirectory()
        _ = try directory.write(".luarc.json", "{ // comments are not JSON\n}")
        #expect(throws: HostError.self) { try PluginTypes.write(into: directory.path) }
        #expect(!FileManager.default.fileExists(atPath: directory.path("types")))
        #expect(FolderSnapshot(directory.path).files.keys.sorted() == [".luarc.json"])
    }

    /// A file an older Karta wrote and this one does not is removed; an author's own file stays.
    @Test func staleFilesOfKartaGoAndOthersStay() throws {
        let directory = try TemporaryDirectory()
        _ = try directory.write("types/old.lua", "---@meta _\n-- Written by `karta plugin types`: do not edit\n---@class karta.Old\n")
        _ = try directory.write("types/mine.lua", "---@meta _\n---@class my.Helper\n")
        _ = try PluginTypes.write(into: directory.path)
        #expect(!FileManager.default.fileExists(atPath: directory.path("types/old.lua")))
        #expect(FileManager.default.fileExists(atPath: directory.path("types/mine.lua")))
    }
}
