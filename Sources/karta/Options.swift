import ArgumentParser
import Foundation

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

    var searchPath: [String] { directories + ["plugins"] }
}

/// A failure the CLI reports in one or more lines and exits non-zero.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
