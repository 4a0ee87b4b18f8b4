import Foundation

/// Where a plugin lives: a folder holding `plugin.lua`.
public struct PluginLocation: Sendable, Hashable {
    /// The folder name, which is the plugin id.
    public var id: String
    /// The folder, as found (relative paths stay relative, so messages read `plugins/pskov/plugin.lua`).
    public var directory: String

    /// Creates a location.
    public init(id: String, directory: String) {
        self.id = id
        self.directory = directory
    }

    /// The plugin's entry file.
    public var entry: String { (directory as NSString).appendingPathComponent("plugin.lua") }

    /// Finds plugins: every sub-folder holding `plugin.lua` in each directory, sorted by id.
    /// When two directories hold a plugin with the same id, the first directory wins.
    public static func discover(in directories: [String]) -> [PluginLocation] {
        var found: [String: PluginLocation] = [:]
        let manager = FileManager.default
        for directory in directories {
            guard let names = try? manager.contentsOfDirectory(atPath: directory) else { continue }
            for name in names.sorted() where found[name] == nil {
                let folder = (directory as NSString).appendingPathComponent(name)
                if manager.fileExists(atPath: (folder as NSString).appendingPathComponent("plugin.lua")) {
                    found[name] = PluginLocation(id: name, directory: folder)
                }
            }
        }
        return found.values.sorted { $0.id < $1.id }
    }
}
