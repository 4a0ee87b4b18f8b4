import ArgumentParser
import Foundation
import KartaCore
import KartaHost
import KartaPlugins
import KartaStore

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Where roadmaps stand on a day: progress per stage, overdue, done without evidence, starting within 14 days.",
        discussion: """
            Overdue: planned or in progress, and the planned end (read from the timing phrase) is \
            before the day. Recurring activities and those on someone else's schedule are listed as \
            such and never counted overdue; phrases Karta cannot read are listed for a person to check.
            """)

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var plugins: PluginOptions

    @Argument(help: "Roadmap id (or use --region / --all).")
    var roadmap: String?

    @Option(help: ArgumentHelp("Every roadmap of a region: its code (60) or plugin id (pskov).", valueName: "code"))
    var region: String?

    @Flag(help: "Every stored roadmap.")
    var all = false

    @Option(name: .customLong("as-of"), help: ArgumentHelp("The day (YYYY-MM-DD, 1900–2100; default: today).", valueName: "date"),
            transform: OptionValue.day)
    var asOf: CalendarDate?

    @Flag(help: "Print JSON: activities listed by number.")
    var json = false

    func validate() throws {
        let chosen = [roadmap != nil, region != nil, all].filter { $0 }.count
        guard chosen == 1 else { throw ValidationError("name one roadmap, or --region CODE, or --all") }
    }

    func run() throws {
        let day = asOf ?? CalendarDate.today()
        let db = try database.open(.readOnly)
        var ids: [String]
        if let roadmap {
            ids = [roadmap]
        } else {
            let summaries = try db.roadmaps()
            ids = summaries.filter { summary in
                guard let region else { return true }
                return String(summary.regionCode) == region || summary.plugin == region
            }.map(\.id)
            if ids.isEmpty { throw CLIError(region.map { "no roadmaps of region '\($0)' in \(db.location)" } ?? "no roadmaps in \(db.location)") }
        }
        var workspace = try plugins.workspace()
        var statuses: [RoadmapStatus] = []
        var texts: [String] = []
        var found: Set<String> = []
        // A plugin that fails to load is reported once and its roadmaps left out; every other
        // roadmap is still shown, and the command fails at the end.
        var failed: [String: String] = [:]
        try db.forEachRoadmap(ids: ids) { stored in
            found.insert(stored.id)
            if failed[stored.plugin] != nil { return }
            let plugin: Plugin
            do {
                plugin = try workspace.plugin(stored.plugin)
            } catch {
                failed[stored.plugin] = "\(error)"
                FileHandle.standardError.write(Data("karta: \(error)\n".utf8))
                return
            }
            let status = RoadmapStatus(roadmap: stored, stages: plugin.manifest.stages, workflow: plugin.workflow, asOf: day,
                                       parser: plugin.scheduleParser(period: stored.period))
            statuses.append(status)
            if !json { texts.append(StatusText.format(status, roadmap: stored)) }
        }
        if let missing = ids.first(where: { !found.contains($0) }) {
            throw CLIError("no roadmap '\(missing)' in \(db.location)")
        }
        if json {
            struct Output: Encodable {
                let asOf: CalendarDate
                let roadmaps: [RoadmapStatus]
                enum CodingKeys: String, CodingKey { case asOf = "as_of", roadmaps }
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(Output(asOf: day, roadmaps: statuses)), as: UTF8.self))
        } else {
            print(texts.joined(separator: "\n\n"))
        }
        if !failed.isEmpty {
            throw CLIError("status: plugin(s) \(failed.keys.sorted().joined(separator: ", ")) failed to load (above); their roadmaps are left out")
        }
    }
}

/// The text form of a status.
enum StatusText {
    static func format(_ status: RoadmapStatus, roadmap: Roadmap) -> String {
        var lines = ["\(status.roadmap) — \(status.municipality), \(status.period); on \(status.asOf): \(status.done) of \(status.total) done"]
        for stage in status.stages {
            lines.append("  \(stage.done)/\(stage.total)  \(stage.title)")
        }
        func list(_ title: String, _ keys: [String], detail: (Activity) -> String = { _ in "" }) {
            guard !keys.isEmpty else { return }
            lines.append("\(title) (\(keys.count)):")
            for key in keys {
                guard let activity = roadmap.activity(key: key) else { continue }
                let name = activity.title.split(separator: "\n").first.map(String.init) ?? ""
                let short = name.count > 70 ? String(name.prefix(69)) + "…" : name
                lines.append("  \(key)  \(short)\(detail(activity))")
            }
        }
        let timing: (Activity) -> String = { activity in activity.schedule.map { "  [\($0.text.replacingOccurrences(of: "\n", with: " "))]" } ?? "" }
        list("overdue", status.overdue, detail: timing)
        list("done without evidence", status.doneWithoutEvidence)
        list("starting within \(RoadmapStatus.soonDays) days", status.startingSoon, detail: timing)
        list("recurring", status.recurring, detail: timing)
        list("on another's schedule", status.external, detail: timing)
        list("timing not understood", status.unknownSchedule, detail: timing)
        list("postponed", status.postponed)
        list("cancelled", status.cancelled)
        return lines.joined(separator: "\n")
    }
}
