import ArgumentParser
import Foundation
import KartaCore
import KartaPlugins
import KartaStore

struct Mark: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Record what was done about an activity: move it to another status, set the fact date and report text, add evidence.",
        discussion: """
            Acting as a role of the region (--as, its abbreviation or id). The role must hold the \
            permission the change needs (plan: planned, postponed, cancelled; report: everything \
            else) and every rule of the region's plugin must accept the change; a refusal names the \
            rule and the plugin, exits 1 and changes nothing. Every changed field is appended to the \
            history (karta history).
            """)

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var plugins: PluginOptions

    @Argument(help: "Roadmap id.")
    var roadmap: String

    @Argument(help: ArgumentHelp("Activity number (key), e.g. 3 or 12.4.", valueName: "number"))
    var activity: String

    @Argument(help: ArgumentHelp("New status: \(Status.allCases.map(\.rawValue).joined(separator: ", ")) (omit to keep it).",
                                 valueName: "status"))
    var status: String?

    @Option(name: .customLong("as"), help: ArgumentHelp("The role acting (abbreviation or id, e.g. МК).", valueName: "role"))
    var role: String

    @Option(help: ArgumentHelp("The person acting (default: $KARTA_USER, else $USER).", valueName: "name"))
    var by: String?

    @Option(help: ArgumentHelp("Fact date(s): DD.MM.YYYY or YYYY-MM-DD, several separated by commas.", valueName: "date"))
    var fact: String?

    @Option(help: ArgumentHelp("Report text: what was done.", valueName: "text"))
    var report: String?

    @Option(help: ArgumentHelp("Evidence to add: a link or a document reference («Приказ … от 14.05.2021 № 560»); repeatable.",
                               valueName: "text"))
    var evidence: [String] = []

    @Option(help: ArgumentHelp("Why (kept in the history).", valueName: "text"))
    var reason: String?

    func validate() throws {
        if let status, Status(rawValue: status.replacingOccurrences(of: "-", with: "_")) == nil {
            throw ValidationError("unknown status '\(status)' (expected one of: \(Status.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        if let fact { _ = try FactDate.normalize(fact) }
        if evidence.contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            throw ValidationError("--evidence: empty text")
        }
    }

    func run() throws {
        let db = try KartaDatabase(path: database.path)
        guard let stored = try db.roadmap(id: roadmap) else { throw CLIError("no roadmap '\(roadmap)' in \(db.path)") }
        var workspace = Workspace(pluginDirectories: plugins.searchPath, limits: try plugins.limits())
        let plugin = try workspace.plugin(stored.plugin)
        let name = by ?? ProcessInfo.processInfo.environment["KARTA_USER"] ?? ProcessInfo.processInfo.environment["USER"]
        let change = ActivityChange(
            status: status.flatMap { Status(rawValue: $0.replacingOccurrences(of: "-", with: "_")) },
            fact: try fact.map(FactDate.normalize), report: report,
            evidence: evidence.map { Evidence(parsing: $0.trimmingCharacters(in: .whitespaces)) },
            reason: reason, actor: Actor(role: role, name: name))
        let entries = try db.change(roadmap: roadmap, activity: activity, change) { roadmap, before, after in
            try plugin.check(change, roadmap: roadmap, before: before, after: after)
        }
        for entry in entries {
            print("\(roadmap) \(activity): \(entry.field) \(HistoryLine.value(entry.oldValue)) → \(HistoryLine.value(entry.newValue)) (\(entry.actor))")
        }
    }
}

struct History: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Every recorded change of a roadmap, or of one activity and its sub-activities, oldest first.")

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "Roadmap id.")
    var roadmap: String

    @Argument(help: ArgumentHelp("Activity number (key).", valueName: "number"))
    var activity: String?

    @Flag(help: "Print JSON.")
    var json = false

    func run() throws {
        let db = try KartaDatabase(path: database.path)
        let entries = try db.history(roadmap: roadmap, activity: activity)
        if entries.isEmpty, try db.roadmap(id: roadmap) == nil {
            throw CLIError("no roadmap '\(roadmap)' in \(db.path) and no history of it")
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            encoder.dateEncodingStrategy = .iso8601
            print(String(decoding: try encoder.encode(entries), as: UTF8.self))
            return
        }
        for entry in entries { print(HistoryLine.format(entry)) }
    }
}

/// How history entries print.
enum HistoryLine {
    static func value(_ text: String?) -> String {
        guard let text else { return "—" }
        let line = text.replacingOccurrences(of: "\n", with: " ⏎ ")
        return line.count > 80 ? String(line.prefix(79)) + "…" : line
    }

    /// `2026-11-23T10:00:00Z  3  status  planned → done  МК (Иванова И.И.)  — reason`.
    static func format(_ entry: HistoryEntry) -> String {
        let time = ISO8601DateFormatter().string(from: entry.at)
        var line = "\(time)  \(entry.activityKey.isEmpty ? "*" : entry.activityKey)  \(entry.field)  "
            + "\(value(entry.oldValue)) → \(value(entry.newValue))  \(entry.actor)"
        if let reason = entry.reason { line += "  — \(reason)" }
        return line
    }
}

/// Fact dates as the documents print them.
enum FactDate {
    /// `14.05.2021`, `2021-05-14`, or several separated by commas → `14.05.2021, 20.05.2021`;
    /// an impossible or unreadable date is an error naming it.
    static func normalize(_ text: String) throws -> String {
        let parts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !parts.isEmpty else { throw ValidationError("--fact: empty") }
        return try parts.map { part -> String in
            var pieces = part.split(separator: ".").map(String.init)
            if pieces.count != 3 { pieces = part.split(separator: "-").map(String.init).reversed() }
            guard pieces.count == 3, pieces[0].count <= 2, pieces[1].count <= 2, pieces[2].count == 4,
                  let day = Int(pieces[0]), let month = Int(pieces[1]), let year = Int(pieces[2]),
                  let date = CalendarDate(year: year, month: month, day: day) else {
                throw ValidationError("--fact: '\(part)' is not a date (DD.MM.YYYY or YYYY-MM-DD)")
            }
            return String(format: "%02d.%02d.%04d", date.day, date.month, date.year)
        }.joined(separator: ", ")
    }
}
