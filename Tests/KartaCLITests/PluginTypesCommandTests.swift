import Foundation
import KartaTesting
import Testing

/// `karta plugin types`.
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
}
