import ArgumentParser
import Foundation
import KartaHost
import KartaPlugins

struct PluginTypesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "types",
        abstract: "Write LuaLS annotations of the plugin API (types/*.lua) and a .luarc.json that points LuaLS at them, for an editor's completion and checks.")

    @Option(help: ArgumentHelp("The folder to write into: the one your editor opens, a plugin's folder or the repository (default: the current folder).",
                               valueName: "dir"))
    var output = "."

    func validate() throws {
        var folder: ObjCBool = false
        if FileManager.default.fileExists(atPath: output, isDirectory: &folder), !folder.boolValue {
            throw ValidationError("--output: \(output) is a file, not a folder")
        }
    }

    func run() throws {
        let written = try PluginTypes.write(into: output)
        print("wrote LuaLS annotations of Karta \(kartaVersion) (host API \(kartaHostAPIVersion)):")
        for path in written { print("  \(path.hasPrefix("./") ? String(path.dropFirst(2)) : path)") }
    }
}
