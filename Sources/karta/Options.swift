import ArgumentParser
import Foundation
import KartaHost
import KartaLua
import KartaPlugins

/// Where the database is: `--db`, else `KARTA_DB`, else `./karta.sqlite`.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("SQLite database file (default: $KARTA_DB or ./karta.sqlite).", valueName: "path"))
    var db: String?

    var path: String {
        db ?? ProcessInfo.processInfo.environment["KARTA_DB"].flatMap { $0.isEmpty ? nil : $0 } ?? "karta.sqlite"
    }
}

/// Where plugins are: `plugins/` plus any `--plugins DIR`.
struct PluginOptions: ParsableArguments {
    @Option(name: .customLong("plugins"), help: ArgumentHelp("Another folder of plugins, searched before ./plugins (repeatable).", valueName: "dir"))
    var directories: [String] = []

    @Option(name: .customLong("lua-memory"), help: ArgumentHelp(
        "Memory cap of each plugin's Lua state in MiB (default: $KARTA_LUA_MEMORY or 64).", valueName: "MiB"))
    var memory: Int?

    @Option(name: .customLong("lua-instructions"), help: ArgumentHelp(
        "Lua instructions one plugin call may run (default: $KARTA_LUA_INSTRUCTIONS or 200000000).", valueName: "n"))
    var instructions: Int64?

    @Option(name: .customLong("lua-seconds"), help: ArgumentHelp(
        "Seconds one plugin call may take (default: $KARTA_LUA_SECONDS or 5).", valueName: "s"))
    var seconds: Double?

    var searchPath: [String] { directories + ["plugins"] }

    /// The host over these plugin folders and limits, each plugin in a worker process.
    func workspace() throws -> Workspace {
        Workspace(pluginDirectories: searchPath, limits: try limits(), isolation: Workspace.workers)
    }

    /// The limits for plugin code: options, else environment, else the defaults.
    func limits() throws -> LuaLimits {
        let environment = ProcessInfo.processInfo.environment
        func value<T: LosslessStringConvertible & Comparable & Numeric>(_ option: T?, _ variable: String, _ name: String) throws -> T? {
            if let option {
                guard option > 0 else { throw CLIError("--\(name) must be positive") }
                return option
            }
            guard let text = environment[variable], !text.isEmpty else { return nil }
            guard let parsed = T(text), parsed > 0 else { throw CLIError("$\(variable): '\(text)' is not a positive number") }
            return parsed
        }
        var limits = LuaLimits.pluginDefaults
        if let megabytes = try value(memory, "KARTA_LUA_MEMORY", "lua-memory") { limits.memoryBytes = megabytes << 20 }
        if let count = try value(instructions, "KARTA_LUA_INSTRUCTIONS", "lua-instructions") { limits.instructions = count }
        if let seconds = try value(seconds, "KARTA_LUA_SECONDS", "lua-seconds") { limits.seconds = seconds }
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
