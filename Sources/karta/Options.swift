import ArgumentParser
import Foundation
import KartaHost
import KartaLua
import KartaPlugins
import KartaStore

/// Where the database is: `--db`, else `KARTA_DB`, else `./karta.sqlite`; a `postgres://`
/// URL means a PostgreSQL database.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "SQLite database file or postgres://USER@HOST:PORT/DB URL (default: $KARTA_DB or ./karta.sqlite).", valueName: "path|url"))
    var db: String?

    var path: String {
        db ?? ProcessInfo.processInfo.environment["KARTA_DB"].flatMap { $0.isEmpty ? nil : $0 } ?? "karta.sqlite"
    }

    /// Opens the database as the command needs it: `.readOnly` for a command that only reads,
    /// `.readWrite` for one that records, `.create` for one that makes or migrates the file.
    func open(_ mode: KartaDatabase.OpenMode) throws -> any RoadmapStore {
        try StoreLocation(path).open(mode)
    }
}

/// Where plugins are: `plugins/` plus any `--plugins DIR`.
struct PluginOptions: ParsableArguments {
    @Option(name: .customLong("plugins"), help: ArgumentHelp("Another folder of plugins, searched before ./plugins (repeatable).", valueName: "dir"))
    var directories: [String] = []

    @Option(name: .customLong("lua-memory"), help: ArgumentHelp(
        "Memory cap of each plugin's Lua state in MiB, 1 to 65536 (default: $KARTA_LUA_MEMORY or 64).", valueName: "MiB"),
        transform: Self.memory)
    var memory: Int?

    @Option(name: .customLong("lua-instructions"), help: ArgumentHelp(
        "Lua instructions one plugin call may run, 1 to 10^12 (default: $KARTA_LUA_INSTRUCTIONS or 200000000).", valueName: "n"),
        transform: Self.instructions)
    var instructions: Int64?

    @Option(name: .customLong("lua-seconds"), help: ArgumentHelp(
        "Seconds one plugin call may take, 0.001 to 3600 (default: $KARTA_LUA_SECONDS or 5).", valueName: "s"),
        transform: Self.seconds)
    var seconds: Double?

    static let memory = OptionValue.integer(1...65536)
    static let instructions = OptionValue.integer(Int64(1)...1_000_000_000_000)
    static let seconds = OptionValue.number(0.001...3600)

    var searchPath: [String] { directories + ["plugins"] }

    /// The environment's limits are checked with the options, so that a bad value is refused
    /// before anything runs.
    func validate() throws {
        _ = try limits()
    }

    /// The host over these plugin folders and limits, each plugin in a worker process.
    func workspace() throws -> Workspace {
        Workspace(pluginDirectories: searchPath, limits: try limits(), isolation: Workspace.workers)
    }

    /// The limits for plugin code: options, else environment, else the defaults.
    func limits() throws -> LuaLimits {
        var limits = LuaLimits.pluginDefaults
        if let megabytes = try memory ?? OptionValue.environment("KARTA_LUA_MEMORY", Self.memory) { limits.memoryBytes = megabytes << 20 }
        if let count = try instructions ?? OptionValue.environment("KARTA_LUA_INSTRUCTIONS", Self.instructions) { limits.instructions = count }
        if let seconds = try seconds ?? OptionValue.environment("KARTA_LUA_SECONDS", Self.seconds) { limits.seconds = seconds }
        return limits
    }
}

/// A failure the CLI reports in one or more lines and exits non-zero.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension Workspace {
    /// Each plugin in a worker process of this very executable (`karta lua-worker`).
    static var workers: PluginIsolation { .process(command: [currentExecutable(), LuaWorker.configuration.commandName ?? "lua-worker"]) }
}

/// Writes bytes to a file, creating folders; the file appears whole or not at all.
func writeFile(_ bytes: [UInt8], to path: String) throws {
    let url = URL(fileURLWithPath: path)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(bytes).write(to: url, options: .atomic)
}
