import ArgumentParser
import Foundation
import KartaCore
import KartaHost
import KartaPlugins
import KartaReports
import KartaStore

struct Approve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Record the approval of a roadmap by an order: who, the order's number and date. The plan then changes only by amendment.",
        discussion: "The role (--as) must hold the approve permission. The approval fills the approval block («УТВЕРЖДАЮ») the region prints.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var plugins: PluginOptions

    @Argument(help: "Roadmap id.")
    var roadmap: String

    @Option(name: .customLong("as"), help: ArgumentHelp("The role approving (abbreviation or id).", valueName: "role"))
    var role: String

    @Option(help: ArgumentHelp("The person (default: $KARTA_USER, else $USER).", valueName: "name"))
    var by: String?

    @Option(help: ArgumentHelp("The order's number as printed (34/1).", valueName: "number"))
    var order: String

    @Option(help: ArgumentHelp("The order's date: DD.MM.YYYY or YYYY-MM-DD.", valueName: "date"))
    var date: String

    @Option(help: ArgumentHelp("The issuing body as printed (default: the role's full name).", valueName: "text"))
    var issuer: String?

    func validate() throws {
        if order.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--order: empty") }
        _ = try FactDate.day(date, field: "--date")
    }

    func run() throws {
        let db = try database.open(.readWrite)
        var workspace = try plugins.workspace()
        let entry = try workspace.approve(roadmap: roadmap, actor: Actor(role: role, name: by ?? Person.current),
                                          order: order.trimmingCharacters(in: .whitespaces),
                                          date: try FactDate.day(date, field: "--date"), issuer: issuer, in: db)
        print("\(roadmap): approved, \(entry.newValue ?? "") (\(entry.actor))")
    }
}

struct Amend: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Change the plan of an activity: its title, timing or responsible parties.",
        discussion: """
            The role (--as) must hold the plan permission. Once the roadmap is approved (karta approve) \
            the change is an amendment: it needs a reason (--reason) and is listed by karta history --amendments.
            """)

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var plugins: PluginOptions

    @Argument(help: "Roadmap id.")
    var roadmap: String

    @Argument(help: ArgumentHelp("Activity number (key).", valueName: "number"))
    var activity: String

    @Option(name: .customLong("as"), help: ArgumentHelp("The role acting (abbreviation or id).", valueName: "role"))
    var role: String

    @Option(help: ArgumentHelp("The person (default: $KARTA_USER, else $USER).", valueName: "name"))
    var by: String?

    @Option(help: ArgumentHelp("The new title.", valueName: "text"))
    var title: String?

    @Option(help: ArgumentHelp("The new timing, as it should print («Август-ноябрь 2022»).", valueName: "text"))
    var timing: String?

    @Option(help: ArgumentHelp("The new responsible parties, as they should print.", valueName: "text"))
    var responsible: String?

    @Option(help: ArgumentHelp("Why (required once the roadmap is approved).", valueName: "text"))
    var reason: String?

    func validate() throws {
        if title == nil, timing == nil, responsible == nil { throw ValidationError("give --title, --timing or --responsible") }
        for (name, value) in [("--title", title), ("--timing", timing), ("--responsible", responsible)] {
            if let value, value.allSatisfy(\.isWhitespace) { throw ValidationError("\(name): empty") }
        }
    }

    func run() throws {
        let db = try database.open(.readWrite)
        var workspace = try plugins.workspace()
        let change = PlanChange(title: title, timing: timing, responsible: responsible, reason: reason,
                                actor: Actor(role: role, name: by ?? Person.current))
        let entries = try workspace.amend(change, roadmap: roadmap, activity: activity, in: db)
        for entry in entries {
            print("\(roadmap) \(activity): \(entry.field) \(HistoryLine.value(entry.oldValue)) → \(HistoryLine.value(entry.newValue)) (\(entry.actor))"
                  + (entry.amendment ? " [поправка]" : ""))
        }
    }
}

struct Submit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Submit a roadmap's report for a reporting stage: every report of the region in every format is frozen, with who and when.",
        discussion: """
            The stage defaults to the only one, else the one that holds today, else the last that \
            has ended. A stage is submitted once; karta report --submitted STAGE gives the files back \
            byte for byte, whatever changes later. The role (--as) must hold report or approve.
            """)

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var plugins: PluginOptions

    @Argument(help: "Roadmap id.")
    var roadmap: String

    @Option(help: ArgumentHelp("The reporting stage's id (2).", valueName: "stage"))
    var stage: String?

    @Option(name: .customLong("as"), help: ArgumentHelp("The role submitting (abbreviation or id).", valueName: "role"))
    var role: String

    @Option(help: ArgumentHelp("The person (default: $KARTA_USER, else $USER).", valueName: "name"))
    var by: String?

    @Option(name: .shortAndLong, help: ArgumentHelp("Also write the frozen files to this folder.", valueName: "dir"))
    var output: String?

    func run() throws {
        let db = try database.open(.readWrite)
        var workspace = try plugins.workspace()
        let actor = Actor(role: role, name: by ?? Person.current)
        let submission = try workspace.submit(roadmap: roadmap, stage: stage, actor: actor, today: .today(), in: db)
        let (files, period) = (submission.files, (id: submission.stage, title: submission.stageTitle))
        if let output {
            // The stage's files appear together.
            let written = try OutputFiles(directory: output)
            for file in files { try written.add(file.bytes, as: "\(roadmap)-\(period.id)-\(file.report).\(file.format)") }
            try written.commit()
        }
        let size = files.reduce(0) { $0 + $1.bytes.count }
        print("\(roadmap): submitted stage \(period.id) («\(period.title)»), \(files.count) files, \(size) bytes (\(actor))")
    }
}

struct Submissions: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List a roadmap's submitted reports: stage, when, who, files, and how many changes were recorded since.")

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "Roadmap id.")
    var roadmap: String

    func run() throws {
        let db = try database.open(.readOnly)
        let list = try db.submissions(roadmap: roadmap)
        if list.isEmpty {
            if try db.roadmap(id: roadmap) == nil { throw CLIError("no roadmap '\(roadmap)' in \(db.location)") }
            print("\(roadmap): nothing submitted (karta submit \(roadmap) --as ROLE)")
            return
        }
        for submission in list {
            let changes = try db.history(roadmap: roadmap, since: submission.at).count
            let formats = submission.files.map { "\($0.report).\($0.format)" }.joined(separator: ", ")
            print("\(submission.stage)\t\(submission.stageTitle)\t\(ISO8601DateFormatter().string(from: submission.at))\t\(submission.actor)\t"
                  + "\(changes) changes since\t\(formats)")
        }
    }
}

struct Due: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "What a role must do next: the activities waiting for it (to report, to review), overdue ones first.",
        discussion: """
            An activity waits for a role when the region's workflow lets the role take a transition \
            from its status (transitions marked due). With --within DAYS only what is overdue, under \
            way or starts within that many days is listed.
            """)

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var plugins: PluginOptions

    @Argument(help: "Roadmap id (default: every stored roadmap whose region has the role).")
    var roadmap: String?

    @Option(name: .customLong("as"), help: ArgumentHelp("The role (abbreviation or id).", valueName: "role"))
    var role: String

    @Option(help: ArgumentHelp("Only what is due within this many days (0 to 3660).", valueName: "days"),
            transform: OptionValue.integer(0...3660))
    var within: Int?

    @Option(name: .customLong("as-of"), help: ArgumentHelp("The day (YYYY-MM-DD, 1900–2100; default: today).", valueName: "date"),
            transform: OptionValue.day)
    var asOf: CalendarDate?

    func run() throws {
        let day = asOf ?? .today()
        let db = try database.open(.readOnly)
        var workspace = try plugins.workspace()
        var count = 0
        for (stored, plugin, items) in try workspace.due(role: role, roadmaps: roadmap.map { [$0] }, asOf: day, within: within, in: db) {
            for item in items {
                count += 1
                let moves = item.transitions.map { "\($0.label) (\($0.id))" }.joined(separator: ", ")
                let when = item.end.map { "до \($0.printed)" }
                let title = item.title.split(separator: "\n").first.map(String.init) ?? ""
                let timing = item.overdue ? "ПРОСРОЧЕНО" + (when.map { " " + $0 } ?? "") : when ?? "—"
                print("\(stored.id)\t\(item.key)\t\(plugin.workflow.label(of: item.status))\t\(timing)\t\(moves)\t\(title)")
            }
        }
        if count == 0 { print("nothing waits for \(role)\(within.map { " within \($0) days" } ?? "")") }
    }
}
