import Foundation
public import KartaCore
public import KartaLua
public import KartaPlugins
public import KartaReports
import KartaStore

/// The composition of the library layers — plugins, store, reports — that the CLI and a
/// server both call: plugins loaded once, roadmap files read and checked against their
/// plugin, reports built, and the workflow's operations on a database
/// (`Workspace+Workflow.swift`). Errors are ``HostError``s, ``RuleRefusal``s, or the
/// layers' own errors, all plain sentences.
public struct Workspace {
    /// Folders searched for plugins, first match wins.
    public let pluginDirectories: [String]
    /// Limits of every plugin call.
    public let limits: LuaLimits
    /// Where plugin code runs.
    public let isolation: PluginIsolation
    /// Whether plugin calls get fresh states (always, but for the benchmark's comparison).
    public var states = PluginStatePolicy.perCall
    /// Larger roadmap files are refused before they are read (a roadmap has tens of activities).
    public static let maxRoadmapFileBytes = 32 << 20
    private var cache: [String: Plugin] = [:]

    /// Creates a workspace; plugins load on first use.
    public init(pluginDirectories: [String], limits: LuaLimits = .pluginDefaults, isolation: PluginIsolation) {
        self.pluginDirectories = pluginDirectories
        self.limits = limits
        self.isolation = isolation
    }

    /// Every plugin found, loaded or failed (side by side, each in its own worker).
    public func allPlugins() -> [(location: PluginLocation, result: Result<Plugin, PluginError>)] {
        let locations = PluginLocation.discover(in: pluginDirectories)
        return Array(zip(locations, Plugin.load(locations, limits: limits, isolation: isolation, states: states)))
    }

    /// The plugin with this id, loaded once.
    public mutating func plugin(_ id: String) throws -> Plugin {
        if let plugin = cache[id] { return plugin }
        let locations = PluginLocation.discover(in: pluginDirectories)
        guard let location = locations.first(where: { $0.id == id }) else {
            let known = locations.map(\.id).joined(separator: ", ")
            throw HostError("no plugin '\(id)' in \(pluginDirectories.joined(separator: ", ")) (found: \(known.isEmpty ? "none" : known))")
        }
        let plugin = try Plugin.load(location, limits: limits, isolation: isolation, states: states)
        cache[id] = plugin
        return plugin
    }

    /// Reads and checks a roadmap file against its plugin; nothing is stored.
    public mutating func readRoadmap(file: String) throws -> Roadmap {
        try readRoadmaps(files: [file])[0]
    }

    /// Reads and checks roadmap files, parsing them on all cores; the first problem (in
    /// file order) is thrown. Nothing is stored.
    public mutating func readRoadmaps(files: [String]) throws -> [Roadmap] {
        let parsed = Self.parse(files)
        defer { parsed.stop() }
        var roadmaps: [Roadmap] = []
        while let roadmap = try nextRoadmap(from: parsed) { roadmaps.append(roadmap) }
        return roadmaps
    }

    /// Starts reading and decoding `files` on all cores (no plugin involved).
    public static func parse(_ files: [String]) -> ParsedRoadmapFiles {
        ParsedRoadmapFiles(files: files, parse: parse(file:))
    }

    /// The next roadmap of `files`, checked against its plugin; nil after the last.
    public mutating func nextRoadmap(from files: ParsedRoadmapFiles) throws -> Roadmap? {
        guard let (file, text, roadmap) = try files.next() else { return nil }
        try check(roadmap, text: text, file: file)
        return roadmap
    }

    /// Reads and decodes one file (no plugin involved, so it can run on any thread).
    @Sendable private static func parse(file: String) throws -> (text: String, roadmap: Roadmap) {
        let text: String
        guard FileManager.default.fileExists(atPath: file) else { throw HostError("\(file): no such file") }
        do {
            let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
            if size > maxRoadmapFileBytes {
                throw HostError("\(file): \(size) bytes; a roadmap file may hold at most \(maxRoadmapFileBytes >> 20) MiB")
            }
            let data = try Data(contentsOf: URL(fileURLWithPath: file))
            guard let decoded = String(data: data, encoding: .utf8) else {
                throw HostError("\(file): not UTF-8 text")
            }
            text = decoded
        } catch let error as HostError {
            throw error
        } catch {
            throw HostError("\(file): cannot read: \(error.localizedDescription)")
        }
        return (text, try RoadmapFile.decode(text, file: file))
    }

    /// The roadmap against its plugin: the region, the roles and stages it names.
    private mutating func check(_ roadmap: Roadmap, text: String, file: String) throws {
        // Found only when there is a problem to place: finding them reads the whole text again.
        var locations: [String: (line: Int, column: Int)]?
        try check(roadmap, file: file) { path in
            let found = locations ?? RoadmapFile.locations(in: text)
            locations = found
            guard let at = RoadmapFile.location(of: path, in: found) else { return file }
            return "\(file):\(at.line):\(at.column)"
        }
    }

    /// The roadmap against its plugin; `place` gives the prefix naming where a field path
    /// is in the file (`file:12:5`, `file.docx: table 1, row 7`).
    mutating func check(_ roadmap: Roadmap, file: String, place: (String) -> String) throws {
        let plugin = try plugin(roadmap.plugin)
        if roadmap.regionCode != plugin.manifest.region.code {
            throw HostError("\(file): region: \(roadmap.regionCode) does not match plugin '\(plugin.manifest.id)' (region \(plugin.manifest.region.code))")
        }
        let problems = try plugin.problems(in: roadmap)
        if !problems.isEmpty {
            // The first problems with their places (``TerminalText/problemLines(_:indent:)``
            // counts the rest): a plugin's checks may report thousands.
            let located = problems.prefix(TerminalText.problemCount).map { problem in "\(place(problem.path)): \(problem)" }
            var lines = TerminalText.problemLines(located)
            if problems.count > located.count {
                let more = problems.count - located.count
                lines.append("… and \(more) more problem\(more == 1 ? "" : "s")")
            }
            throw HostError(lines.joined(separator: "\n"))
        }
    }

    /// Builds one report document of a roadmap (default: the plugin's first report format);
    /// render it to as many output formats as needed.
    public mutating func document(roadmap: Roadmap, report: String?, reporting: ReportingPeriod? = nil) throws -> (reportID: String, document: ReportDocument) {
        let plugin = try plugin(roadmap.plugin)
        guard let reportID = report ?? plugin.manifest.reports.first?.id else {
            throw HostError("plugin '\(plugin.manifest.id)' declares no report format")
        }
        return (reportID, try plugin.render(report: reportID, roadmap: roadmap, reporting: reporting))
    }
}
