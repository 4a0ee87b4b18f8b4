import ArgumentParser
import Foundation
import KartaCore
import KartaHost
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
        if let fact { _ = try FactDate.normalize(fact, field: "--fact") }
        if evidence.contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            throw ValidationError("--evidence: empty text")
        }
    }

    func run() throws {
        let db = try database.open(.readWrite)
        var workspace = try plugins.workspace()
        let change = ActivityChange(
            move: move, fact: try fact.map { try FactDate.normalize($0, field: "--fact") }, report: report,
            evidence: evidence.map { Evidence(parsing: $0.trimmingCharacters(in: .whitespaces)) },
            reason: comment, actor: Actor(role: role, name: by ?? Person.current))
        let (entries, workflow) = try workspace.mark(change, roadmap: roadmap, activity: activity, in: db)
        for entry in entries {
            let (old, new) = workflow.shown(entry)
            print("\(roadmap) \(activity): \(entry.field) \(HistoryLine.value(old)) → \(HistoryLine.value(new)) (\(entry.actor))")
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

    func validate() throws {
        if activity?.isEmpty == true { throw ValidationError("the activity number is empty") }
    }

    func run() throws {
        let db = try database.open(.readOnly)
        var since: Date?
        if let stage = sinceSubmission {
            guard let submission = try db.submissions(roadmap: roadmap).first(where: { $0.stage == stage }) else {
                throw CLIError("\(roadmap): stage '\(stage)' is not submitted (karta submissions \(roadmap))")
            }
            since = submission.at
        }
        let entries = try db.history(roadmap: roadmap, activity: activity, since: since, amendments: amendments)
        if entries.isEmpty, try db.roadmap(id: roadmap) == nil {
            throw CLIError("no roadmap '\(roadmap)' in \(db.location) and no history of it")
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
