import Foundation
public import KartaPlugins

extension PluginTypes {
    /// The name of LuaLS's configuration file, which an editor reads from the folder it opens.
    public static let configFile = ".luarc.json"

    /// What Karta sets in `.luarc.json` (LuaLS's documented keys, luals.github.io/wiki/settings):
    /// Lua 5.4; the annotation folder as a library; the libraries the sandbox leaves out
    /// (`io`, `os`, `debug`, `coroutine`, and `package`, whose `require` the annotations
    /// declare as the sandbox's) turned off; no third-party presets (spec files use
    /// `describe` and `it`, which LuaLS would otherwise take for busted's).
    static var settings: [String: Any] { [
        "$schema": "https://raw.githubusercontent.com/LuaLS/vscode-lua/master/setting/schema.json",
        "runtime.version": "Lua 5.4",
        "runtime.builtin": ["io": "disable", "os": "disable", "debug": "disable", "coroutine": "disable", "package": "disable"],
        "workspace.library": [folder],
        "workspace.checkThirdParty": false,
    ] }

    /// Writes the annotation files into `directory/types/` and `directory/.luarc.json`, all
    /// of them or none. The annotation files are Karta's and are replaced, and files of an
    /// older Karta that this one no longer writes are removed; an existing `.luarc.json`
    /// keeps every setting of its own, with Karta's set (its library list gains `types`).
    ///
    /// - Returns: the paths written.
    public static func write(into directory: String) throws(HostError) -> [String] {
        let configPath = (directory as NSString).appendingPathComponent(configFile)
        let existing = FileManager.default.contents(atPath: configPath).map { [UInt8]($0) }
        let config = try configuration(merging: existing, path: configPath)
        do {
            let output = try OutputFiles(directory: directory)
            for file in files { try output.add(Array(file.text.utf8), as: "\(folder)/\(file.name)") }
            try output.add(config, as: configFile)
            let written = try output.commit()
            removeStale(in: (directory as NSString).appendingPathComponent(folder))
            return written
        } catch let error as HostError {
            throw error
        } catch {
            throw HostError("\(directory): \(error)")
        }
    }

    /// `.luarc.json` with Karta's settings, over those of `existing` when there is one.
    static func configuration(merging existing: [UInt8]?, path: String) throws(HostError) -> [UInt8] {
        var config: [String: Any] = [:]
        if let existing {
            guard let object = try? JSONSerialization.jsonObject(with: Data(existing)) as? [String: Any] else {
                throw HostError("\(path): not a JSON object, so Karta cannot add its settings to it; fix it, or remove it to have it written anew")
            }
            config = object
        }
        for (key, value) in settings {
            switch (config[key], value) {
            case (let mine as [String: Any], let karta as [String: Any]):
                config[key] = mine.merging(karta) { _, new in new }
            case (let mine as [Any], let karta as [String]):
                let strings = mine.compactMap { $0 as? String }
                config[key] = mine + karta.filter { !strings.contains($0) }
            default:
                config[key] = value
            }
        }
        do {
            let data = try JSONSerialization.data(withJSONObject: config, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            return Array(data) + [10]
        } catch {
            throw HostError("\(path): \(error.localizedDescription)")
        }
    }

    /// Removes annotation files an older Karta wrote that this one does not (a renamed file
    /// would declare its classes twice); files of anyone else are left alone.
    private static func removeStale(in folder: String) {
        let current = Set(files.map(\.name))
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where name.hasSuffix(".lua") && !current.contains(name) {
            let path = (folder as NSString).appendingPathComponent(name)
            guard let text = try? String(contentsOfFile: path, encoding: .utf8), text.hasPrefix("---@meta"),
                  text.contains("Written by `karta plugin types`") else { continue }
            try? FileManager.default.removeItem(atPath: path)
        }
    }
}
