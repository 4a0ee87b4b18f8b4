import Foundation
public import KartaCore
public import KartaLua
public import KartaReports

/// A loaded region plugin: its validated declarations, and the sandboxed Lua state that
/// runs its code, in this process or in a worker process of its own (``PluginIsolation``).
///
/// Not thread-safe: load one per thread or task when rendering in parallel.
public final class Plugin {
    /// Where it was loaded from.
    public let location: PluginLocation
    /// Its validated declarations.
    public let manifest: PluginManifest
    /// Messages the plugin logged with `karta.log` or `print`.
    public var log: [String] { logBox.lines }
    private let engine: Engine
    private let logBox: LogBox

    /// Where the plugin's Lua states live.
    private enum Engine {
        case local(PluginStates)
        case worker(PluginWorker)
    }

    private init(location: PluginLocation, manifest: PluginManifest, engine: Engine, logBox: LogBox) {
        self.location = location
        self.manifest = manifest
        self.engine = engine
        self.logBox = logBox
    }

    /// Loads a plugin: runs `plugin.lua` in a fresh sandbox and validates what it returns
    /// before any of its functions is called.
    public static func load(
        _ location: PluginLocation, limits: LuaLimits = .pluginDefaults, isolation: PluginIsolation = .inProcess,
        states: PluginStatePolicy = .perCall
    ) throws(PluginError) -> Plugin {
        try load([location], limits: limits, isolation: isolation, states: states)[0].get()
    }

    /// Loads several plugins; in worker processes they load side by side, so one plugin that
    /// stalls costs the others nothing. One result per location, in order.
    public static func load(
        _ locations: [PluginLocation], limits: LuaLimits = .pluginDefaults, isolation: PluginIsolation = .inProcess,
        states: PluginStatePolicy = .perCall
    ) -> [Result<Plugin, PluginError>] {
        switch isolation {
        case .inProcess:
            return locations.map { location in
                Result { () throws(PluginError) in
                    let logBox = LogBox(echo: true)
                    let states = try PluginStates(location, limits: limits, policy: states, logBox: logBox)
                    return try finish(location, returned: states.declarations, engine: .local(states), logBox: logBox)
                }
            }
        case .process(let command):
            let workers = locations.map { location in
                let logBox = LogBox(echo: true)
                let worker = PluginWorker(command: command, location: location, limits: limits, states: states) { logBox.append(plugin: location.id, $0) }
                return (worker, logBox, Result { () throws(PluginError) in try worker.start() })
            }
            return zip(locations, workers).map { location, started in
                let (worker, logBox, spawned) = started
                return Result { () throws(PluginError) in
                    try spawned.get()
                    return try finish(location, returned: try worker.finishLoad(), engine: .worker(worker), logBox: logBox)
                }
            }
        }
    }

    /// What running `plugin.lua` gave: the state and what the file returned.
    struct Started {
        var state: LuaState
        var returned: LuaValue
    }

    /// Runs `plugin.lua` in a fresh sandbox of this process (the in-process engine, and the
    /// worker's side of a worker process).
    ///
    /// - Parameter quiet: drop what the plugin logs while loading (it is loaded again for
    ///   each call, and logged the first time).
    /// - Parameter chunks: compiled chunks and file texts shared by the plugin's states.
    static func start(
        _ location: PluginLocation, limits: LuaLimits, logBox: LogBox, quiet: Bool, chunks: LuaChunkCache
    ) throws(PluginError) -> Started {
        let id = location.id
        let source: String
        do {
            source = try chunks.text(of: location.entry) { try String(contentsOfFile: location.entry, encoding: .utf8) }
        } catch {
            throw PluginError(plugin: id, kind: .missing, file: location.entry, message: "cannot read plugin.lua: \(error.localizedDescription)")
        }
        let loading = LoadPhase(quiet: quiet)
        do throws(LuaError) {
            let state = try LuaState(limits: limits)
            state.label = "plugin '\(id)'"
            state.chunkCache = chunks
            // Only what a log line shows is copied: a table prints as `table`.
            let log = state.makeFunction(name: "karta.log", arguments: .scalars(maxBytes: LogBox.capBytes)) { arguments in
                if !loading.quiet { logBox.append(plugin: id, [arguments.map(describe).joined(separator: "\t")]) }
                return []
            }
            // The state owns its functions; they must not own it back.
            let loader = state.makeFunction(name: "require") { [unowned state] arguments throws in
                [try loadModule(arguments.first ?? .nil, location: location, state: state, chunks: chunks)]
            }
            let karta = LuaValue.table(LuaTable(fields: [
                "api_version": .integer(Int64(kartaHostAPIVersion)), "version": .string(kartaVersion),
                "plugin_id": .string(id), "log": log,
            ]))
            _ = try state.run(kartaPrelude, chunkName: "karta/prelude.lua", arguments: [karta, loader])
            try state.setGlobal("print", log)
            let returned = try state.run(source, chunkName: location.entry)
            loading.quiet = false
            return Started(state: state, returned: returned.first ?? .nil)
        } catch {
            throw PluginError(plugin: id, error)
        }
    }

    /// Checks what `plugin.lua` returned and makes the plugin.
    private static func finish(_ location: PluginLocation, returned: LuaValue, engine: Engine, logBox: LogBox) throws(PluginError) -> Plugin {
        switch PluginManifest.decode(returned, folder: location.id) {
        case .success(let manifest):
            return Plugin(location: location, manifest: manifest, engine: engine, logBox: logBox)
        case .failure(let list):
            throw PluginError(plugin: location.id, kind: .manifest(list.problems), file: location.entry, message: "invalid declarations")
        }
    }

    /// Calls one of the plugin's functions with host data, read-only, under its limits, in
    /// the state the plugin had right after loading (``PluginStates``).
    ///
    /// - Parameter results: how many results the host reads; the rest are never copied.
    ///
    /// - Parameter outputBytes: the most the call's results may hold once copied out of Lua
    ///   (``LuaState/maxOutputBytes``; a region report's is larger, ``regionOutputBytes(roadmaps:)``).
    func invoke(_ function: LuaFunctionRef, _ arguments: [PluginArgument], results: Int,
                outputBytes: Int = LuaState.defaultMaxOutputBytes) throws(PluginError) -> [LuaValue] {
        do throws(LuaError) {
            switch engine {
            case .local(let states):
                guard function.stateID == states.firstID else {
                    throw LuaError(kind: .runtime, message: "function belongs to another Lua state")
                }
                return try states.call(function.reference, results: results, arguments: arguments.count, outputBytes: outputBytes) { w throws(LuaError) in
                    for argument in arguments { try argument.write(into: w) }
                }
            case .worker(let worker):
                return try worker.call(function, arguments, results: results, outputBytes: outputBytes)
            }
        } catch {
            throw PluginError(plugin: manifest.id, error)
        }
    }

    /// CPU seconds the plugin's worker process has used, or nil in process (for the benchmark).
    public var workerCPUSeconds: Double? {
        if case .worker(let worker) = engine { return worker.cpuSeconds }
        return nil
    }

    /// The report format over a roadmap with this id, if the plugin declares it.
    public func report(_ id: String) -> ReportFormatDeclaration? {
        manifest.reports.first { $0.id == id }
    }

    /// The region report format with this id, if the plugin declares it.
    public func regionReport(_ id: String) -> ReportFormatDeclaration? {
        manifest.regionReports.first { $0.id == id }
    }

    /// What a function of this plugin sees beside a roadmap: status labels, reporting stage.
    func context(reporting: ReportingPeriod? = nil) -> RoadmapContext {
        RoadmapContext(labels: manifest.workflow.workflow.labels, reporting: reporting)
    }

    /// Builds a report document: calls the format's `build(roadmap)` and validates what it returns.
    ///
    /// - Parameter reporting: the reporting stage the report is for (`roadmap.reporting`).
    public func render(report id: String, roadmap: Roadmap, reporting: ReportingPeriod? = nil) throws(PluginError) -> ReportDocument {
        guard let format = report(id) else {
            let known = manifest.reports.map(\.id).joined(separator: ", ")
            let region = regionReport(id) == nil ? "" : "; '\(id)' is a report over the region: karta rollup \(manifest.id) --report \(id)"
            throw PluginError(plugin: manifest.id, kind: .usage, message: "no report format '\(id)' (this plugin has: \(known))\(region)")
        }
        guard roadmap.plugin == manifest.id else {
            throw PluginError(plugin: manifest.id, kind: .usage, message: "roadmap '\(roadmap.id)' belongs to plugin '\(roadmap.plugin)'")
        }
        // Host data arrives read-only (docs/security.md).
        let result = try invoke(format.build, [.roadmap(roadmap, context(reporting: reporting))], results: 1)
        switch ReportDocument.decode(result.first ?? .nil, defaultTitle: format.title, orientation: format.orientation) {
        case .success(let document):
            return document
        case .failure(let list):
            throw PluginError(
                plugin: manifest.id, kind: .output(list.problems), file: location.entry,
                message: "report '\(id)' returned an invalid document")
        }
    }

    /// Builds a region report: calls the format's `build(roadmaps, figures, context)` with
    /// every roadmap given (read-only, each as a report over one roadmap receives it, in the
    /// order given) and the figures of each, and validates what it returns.
    ///
    /// - Parameters:
    ///   - figures: one per roadmap, in the same order (`figures[i]` is of `roadmaps[i]`).
    ///   - context: what the report is for: the day, the period.
    public func renderRegion(report id: String, roadmaps: [Roadmap], figures: [RoadmapFigures],
                             context: RegionReportContext) throws(PluginError) -> ReportDocument {
        guard let format = regionReport(id) else {
            let known = manifest.regionReports.map(\.id).joined(separator: ", ")
            throw PluginError(plugin: manifest.id, kind: .usage,
                              message: "no region report '\(id)' (this plugin has: \(known.isEmpty ? "none" : known))")
        }
        guard roadmaps.count == figures.count else {
            throw PluginError(plugin: manifest.id, kind: .usage, message: "\(roadmaps.count) roadmaps but \(figures.count) figures")
        }
        if let stray = roadmaps.first(where: { $0.plugin != manifest.id }) {
            throw PluginError(plugin: manifest.id, kind: .usage, message: "roadmap '\(stray.id)' belongs to plugin '\(stray.plugin)'")
        }
        let arguments: [PluginArgument] = [
            .roadmaps(roadmaps, self.context()), .value(figures.luaValue), .value(context.luaValue(region: manifest.region, count: roadmaps.count)),
        ]
        let result = try invoke(format.build, arguments, results: 1, outputBytes: Self.regionOutputBytes(roadmaps: roadmaps.count))
        switch ReportDocument.decode(result.first ?? .nil, defaultTitle: format.title, orientation: format.orientation) {
        case .success(let document):
            return document
        case .failure(let list):
            throw PluginError(
                plugin: manifest.id, kind: .output(list.problems), file: location.entry,
                message: "region report '\(id)' returned an invalid document")
        }
    }

    /// Resolves `require(name)` inside the plugin's folder and compiles the file as text.
    private static func loadModule(_ name: LuaValue, location: PluginLocation, state: LuaState, chunks: LuaChunkCache) throws -> LuaValue {
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
        guard let source = try? chunks.text(of: path, read: { try String(contentsOfFile: path, encoding: .utf8) }) else {
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

/// Whether a state is still running `plugin.lua` again, when its log is not wanted twice.
final class LoadPhase {
    var quiet: Bool
    init(quiet: Bool) { self.quiet = quiet }
}

/// Collects a plugin's log lines, capped so a chatty plugin cannot flood the host: at most
/// ``capBytes`` bytes of UTF-8 in all (counted in bytes, so that characters of many code
/// points cost what they weigh), cut at a character boundary. Echoed lines reach standard
/// error escaped (``TerminalText``): a plugin's line stays one line and moves no cursor.
final class LogBox {
    private(set) var lines: [String] = []
    private var bytes = 0
    /// Whether lines are also written to standard error as they come (the host's side).
    private let echo: Bool
    /// Lines not yet taken by ``takeNew()`` (a worker sends them with its next answer).
    private var unsent: [String] = []
    static let capBytes = 64 * 1024

    init(echo: Bool) { self.echo = echo }

    /// The line that ends a log cut at the cap; a worker sends it too, so the host knows.
    static let truncated = "(log truncated at \(capBytes) bytes)"

    func append(plugin: String, _ newLines: [String]) {
        for line in newLines {
            guard bytes < LogBox.capBytes else { return }
            let text = line == LogBox.truncated ? "" : TerminalText.cut(line, bytes: LogBox.capBytes - bytes)
            var echoed = ""
            if !text.isEmpty || line.isEmpty {
                bytes += text.utf8.count
                lines.append(text)
                unsent.append(text)
                echoed = "[\(TerminalText.escaped(plugin))] \(TerminalText.escaped(text))\n"
            }
            if bytes >= LogBox.capBytes || text.utf8.count < line.utf8.count {
                bytes = LogBox.capBytes
                lines.append(LogBox.truncated)
                unsent.append(LogBox.truncated)
                echoed += "[\(TerminalText.escaped(plugin))] \(LogBox.truncated)\n"
            }
            if echo, !echoed.isEmpty { FileHandle.standardError.write(Data(echoed.utf8)) }
        }
    }

    /// The lines logged since the last call.
    func takeNew() -> [String] {
        defer { unsent.removeAll() }
        return unsent
    }
}

/// A value a plugin function receives: host data written straight into Lua or onto the wire.
enum PluginArgument {
    case value(LuaValue)
    case roadmap(Roadmap, RoadmapContext)
    /// Several roadmaps as one list (a region report's `roadmaps`).
    case roadmaps([Roadmap], RoadmapContext)
    case activity(Activity, labels: [String: String])

    /// A roadmap argument as the worker keeps it between calls.
    struct Cached: Equatable {
        var roadmap: Roadmap
        var context: RoadmapContext
    }

    func write<B: LuaTableBuilder>(into builder: B) throws(LuaError) {
        switch self {
        case .value(let value): try builder.push(value)
        case .roadmap(let roadmap, let context): try builder.push(roadmap, context)
        case .roadmaps(let roadmaps, let context):
            try builder.pushTable(sequence: roadmaps.count) { list throws(LuaError) in
                for (offset, roadmap) in roadmaps.enumerated() {
                    try list.set(offset + 1) { w throws(LuaError) in try w.push(roadmap, context) }
                }
            }
        case .activity(let activity, let labels): try builder.push(activity, labels: labels)
        }
    }
}

extension Plugin {
    /// The most a region report's document may hold once copied out of Lua: a report over one
    /// roadmap may hold ``LuaState/defaultMaxOutputBytes`` (8 MiB), a region's 32 KiB more per
    /// roadmap past 256 of them (Krasnodar's consolidated report over 500 municipalities of 30
    /// activities is about 10 MiB), and never more than 48 MiB, so that the answer of a worker
    /// stays within its frame (``WorkerChannel/maxAnswerBytes``, 64 MiB).
    public static func regionOutputBytes(roadmaps: Int) -> Int {
        min(48 << 20, max(LuaState.defaultMaxOutputBytes, roadmaps * (32 << 10)))
    }
}
