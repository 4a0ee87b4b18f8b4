import ArgumentParser
import Foundation
import KartaCore
import KartaPlugins
import KartaStore

struct Mark: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Record what was done about an activity: take a transition of the region's workflow, set the fact date and report text, add evidence.",
        discussion: """
            Acting as a role of the region (--as, its abbreviation or id). The move is a transition \
            id of the region's workflow (accept, return) or a status it leads to from here (done); \
            the role must be one of the transition's, the fields it requires (fact date, report \
            text, evidence, comment) must be given, and its guards and every rule of the plugin \
            must accept the change. Without a move, fact date, report text and evidence need the \
            report permission. A refusal names the transition, the rule and what is missing, \
            exits 1 and changes nothing. Every changed field is appended to the history (karta history).
            """)

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var plugins: PluginOptions

    @Argument(help: "Roadmap id.")
    var roadmap: String

    @Argument(help: ArgumentHelp("Activity number (key), e.g. 3 or 12.4.", valueName: "number"))
    var activity: String

    @Argument(help: ArgumentHelp("A transition id or a status id of the region's workflow (omit to keep the status; karta plugins --workflow lists them).",
                                 valueName: "move"))
    var move: String?

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

    @Option(name: [.customLong("comment"), .customLong("reason")],
            help: ArgumentHelp("A comment: why (kept in the history; a return for rework needs one).", valueName: "text"))
    var comment: String?

    func validate() throws {
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
        let change = ActivityChange(
            move: move, fact: try fact.map { try FactDate.normalize($0) }, report: report,
            evidence: evidence.map { Evidence(parsing: $0.trimmingCharacters(in: .whitespaces)) },
            reason: comment, actor: Actor(role: role, name: by ?? Person.current))
        let entries = try db.change(roadmap: roadmap, activity: activity, change) { roadmap, before, change in
            try plugin.resolve(change, roadmap: roadmap, before: before)
        }
        let workflow = plugin.workflow
        for entry in entries {
            let shown = { (value: String?) in entry.field == "status" ? value.map { workflow.label(of: Status($0)) } : value }
            print("\(roadmap) \(activity): \(entry.field) \(HistoryLine.value(shown(entry.oldValue))) → \(HistoryLine.value(shown(entry.newValue))) (\(entry.actor))")
        }
    }
}

/// Who is at the terminal: `$KARTA_USER`, else `$USER`.
enum Person {
    static var current: String? {
        ProcessInfo.processInfo.environment["KARTA_USER"] ?? ProcessInfo.processInfo.environment["USER"]
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

    @Flag(help: "Only amendments: changes to the plan after its approval.")
    var amendments = false

    @Option(name: .customLong("since-submission"),
            help: ArgumentHelp("Only what changed after this reporting stage was submitted.", valueName: "stage"))
    var sinceSubmission: String?

    @Flag(help: "Print JSON.")
    var json = false

    func run() throws {
        let db = try KartaDatabase(path: database.path)
        var since: Date?
        if let stage = sinceSubmission {
            guard let submission = try db.submissions(roadmap: roadmap).first(where: { $0.stage == stage }) else {
                throw CLIError("\(roadmap): stage '\(stage)' is not submitted (karta submissions \(roadmap))")
            }
            since = submission.at
        }
        let entries = try db.history(roadmap: roadmap, activity: activity, since: since, amendments: amendments)
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

    /// `2026-11-23T10:00:00Z  3  status  review → done  МК (Иванова И.И.)  [accept]  — comment`;
    /// an amendment of an approved plan is marked `[поправка]`.
    static func format(_ entry: HistoryEntry) -> String {
        let time = ISO8601DateFormatter().string(from: entry.at)
        var line = "\(time)  \(entry.activityKey.isEmpty ? "*" : entry.activityKey)  \(entry.field)  "
            + "\(value(entry.oldValue)) → \(value(entry.newValue))  \(entry.actor)"
        if let transition = entry.transition { line += "  [\(transition)]" }
        if entry.amendment { line += "  [поправка]" }
        if let reason = entry.reason { line += "  — \(reason)" }
        return line
    }
}

/// Fact dates as the documents print them.
enum FactDate {
    /// One day typed as `DD.MM.YYYY` or `YYYY-MM-DD`.
    static func day(_ text: String, option: String) throws -> CalendarDate {
        let normalized = try normalize(text, option: option)
        guard !normalized.contains(","), let day = CalendarDate(iso: normalized.split(separator: ".").reversed().joined(separator: "-")) else {
            throw ValidationError("\(option): '\(text)' is not one date (DD.MM.YYYY or YYYY-MM-DD)")
        }
        return day
    }

    /// `14.05.2021`, `2021-05-14`, or several separated by commas → `14.05.2021, 20.05.2021`;
    /// an impossible or unreadable date is an error naming it.
    static func normalize(_ text: String, option: String = "--fact") throws -> String {
        let parts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !parts.isEmpty else { throw ValidationError("\(option): empty") }
        return try parts.map { part -> String in
            var pieces = part.split(separator: ".").map(String.init)
            if pieces.count != 3 { pieces = part.split(separator: "-").map(String.init).reversed() }
            guard pieces.count == 3, pieces[0].count <= 2, pieces[1].count <= 2, pieces[2].count == 4,
                  let day = Int(pieces[0]), let month = Int(pieces[1]), let year = Int(pieces[2]),
                  let date = CalendarDate(year: year, month: month, day: day) else {
                throw ValidationError("\(option): '\(part)' is not a date (DD.MM.YYYY or YYYY-MM-DD)")
            }
            return String(format: "%02d.%02d.%04d", date.day, date.month, date.year)
        }.joined(separator: ", ")
    }
}
