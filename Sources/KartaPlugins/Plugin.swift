import Foundation
public import KartaCore
public import KartaLua
public import KartaReports

/// A loaded region plugin: its own sandboxed Lua state and its validated declarations.
///
/// Not thread-safe: load one per thread or task when rendering in parallel.
public final class Plugin {
    /// Where it was loaded from.
    public let location: PluginLocation
    /// Its validated declarations.
    public let manifest: PluginManifest
    /// Messages the plugin logged with `karta.log` or `print`.
    public var log: [String] { logBox.lines }
    let state: LuaState
    private let logBox: LogBox

    private init(location: PluginLocation, manifest: PluginManifest, state: LuaState, logBox: LogBox) {
        self.location = location
        self.manifest = manifest
        self.state = state
        self.logBox = logBox
    }

    /// Loads a plugin: runs `plugin.lua` in a fresh sandbox and validates what it returns
    /// before any of its functions is called.
    public static func load(_ location: PluginLocation, limits: LuaLimits = .pluginDefaults) throws(PluginError) -> Plugin {
        let id = location.id
        let source: String
        do {
            source = try String(contentsOfFile: location.entry, encoding: .utf8)
        } catch {
            throw PluginError(plugin: id, kind: .missing, file: location.entry, message: "cannot read plugin.lua: \(error.localizedDescription)")
        }
        let logBox = LogBox()
        let state: LuaState
        let returned: [LuaValue]
        do throws(LuaError) {
            state = try LuaState(limits: limits)
            state.label = "plugin '\(id)'"
            let log = state.makeFunction(name: "karta.log") { arguments in
                logBox.append(plugin: id, arguments.map(describe).joined(separator: "\t"))
                return []
            }
            // The state owns its functions; they must not own it back.
            let loader = state.makeFunction(name: "require") { [unowned state] arguments throws in
                [try loadModule(arguments.first ?? .nil, location: location, state: state)]
            }
            let karta = LuaValue.table(LuaTable(fields: [
                "api_version": .integer(Int64(kartaHostAPIVersion)), "version": .string(kartaVersion),
                "plugin_id": .string(id), "log": log,
            ]))
            _ = try state.run(kartaPrelude, chunkName: "karta/prelude.lua", arguments: [karta, loader])
            try state.setGlobal("print", log)
            returned = try state.run(source, chunkName: location.entry)
        } catch {
            throw PluginError(plugin: id, error)
        }
        switch PluginManifest.decode(returned.first ?? .nil, folder: id) {
        case .success(let manifest):
            return Plugin(location: location, manifest: manifest, state: state, logBox: logBox)
        case .failure(let list):
            throw PluginError(plugin: id, kind: .manifest(list.problems), file: location.entry, message: "invalid declarations")
        }
    }

    /// The report format with this id, if the plugin declares it.
    public func report(_ id: String) -> ReportFormatDeclaration? {
        manifest.reports.first { $0.id == id }
    }

    /// Problems of a roadmap against this plugin's roles and stages.
    public func problems(in roadmap: Roadmap) -> [RoadmapProblem] {
        roadmap.problems(roles: manifest.roles, stages: manifest.stages)
    }

    /// Builds a report document: calls the format's `build(roadmap)` and validates what it returns.
    public func render(report id: String, roadmap: Roadmap) throws(PluginError) -> ReportDocument {
        guard let format = report(id) else {
            let known = manifest.reports.map(\.id).joined(separator: ", ")
            throw PluginError(plugin: manifest.id, kind: .usage, message: "no report format '\(id)' (this plugin has: \(known))")
        }
        guard roadmap.plugin == manifest.id else {
            throw PluginError(plugin: manifest.id, kind: .usage, message: "roadmap '\(roadmap.id)' belongs to plugin '\(roadmap.plugin)'")
        }
        let result: [LuaValue]
        do {
            // Host data arrives read-only (docs/security.md).
            result = try state.call(format.build, readOnly: true, arguments: 1) { w throws(LuaError) in try w.push(roadmap) }
        } catch {
            throw PluginError(plugin: manifest.id, error)
        }
        switch ReportDocument.decode(result.first ?? .nil, defaultTitle: format.title, orientation: format.orientation) {
        case .success(let document):
            return document
        case .failure(let list):
            throw PluginError(
                plugin: manifest.id, kind: .output(list.problems), file: location.entry,
                message: "report '\(id)' returned an invalid document")
        }
    }

    /// Resolves `require(name)` inside the plugin's folder and compiles the file as text.
    private static func loadModule(_ name: LuaValue, location: PluginLocation, state: LuaState) throws -> LuaValue {
        guard case .string(let name) = name else { throw LuaRaise("require: module name must be a string") }
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        guard !parts.isEmpty, parts.allSatisfy({ part in
            !part.isEmpty && part.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 65 && $0 <= 90) || ($0 >= 48 && $0 <= 57) || $0 == 95 }
        }) else {
            throw LuaRaise("require: invalid module name '\(name)' (letters, digits and _ separated by dots; modules come from the plugin's own folder)")
        }
        let relative = parts.joined(separator: "/") + ".lua"
        let path = (location.directory as NSString).appendingPathComponent(relative)
        let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        let root = URL(fileURLWithPath: location.directory).resolvingSymlinksInPath().path
        guard resolved.hasPrefix(root + "/") else {
            throw LuaRaise("require: module '\(name)' resolves outside the plugin's folder")
        }
        guard let source = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw LuaRaise("require: module '\(name)' not found (looked for \(path))")
        }
        return .function(try state.load(source, chunkName: path))
    }

    private static func describe(_ value: LuaValue) -> String {
        switch value {
        case .nil: "nil"
        case .boolean(let flag): String(flag)
        case .integer(let number): String(number)
        case .number(let number): String(number)
        case .string(let text): text
        case .table: "table"
        case .function: "function"
        }
    }
}

/// Collects a plugin's log lines, capped so a chatty plugin cannot flood the host.
final class LogBox {
    private(set) var lines: [String] = []
    private var bytes = 0
    static let capBytes = 64 * 1024

    func append(plugin: String, _ line: String) {
        guard bytes < LogBox.capBytes else { return }
        let text = String(line.prefix(LogBox.capBytes - bytes))
        bytes += text.utf8.count
        lines.append(text)
        if bytes >= LogBox.capBytes { lines.append("(log truncated at \(LogBox.capBytes) bytes)") }
        FileHandle.standardError.write(Data("[\(plugin)] \(text)\n".utf8))
    }
}
