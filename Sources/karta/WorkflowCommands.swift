import ArgumentParser
import Foundation
import KartaCore
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
        _ = try FactDate.day(date, option: "--date")
    }

    func run() throws {
        let db = try KartaDatabase(path: database.path)
        guard let stored = try db.roadmap(id: roadmap) else { throw CLIError("no roadmap '\(roadmap)' in \(db.path)") }
        var workspace = Workspace(pluginDirectories: plugins.searchPath, limits: try plugins.limits())
        let plugin = try workspace.plugin(stored.plugin)
        let actor = Actor(role: role, name: by ?? Person.current)
        let approver = try plugin.actingRole(actor, needs: [.approve], toDo: "утверждать дорожную карту")
        let approval = Approval(by: issuer ?? approver.name, number: order.trimmingCharacters(in: .whitespaces),
                                date: try FactDate.day(date, option: "--date").description)
        let entry = try db.approve(roadmap: roadmap, approval, actor: actor) { _ in }
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
        let db = try KartaDatabase(path: database.path)
        guard let stored = try db.roadmap(id: roadmap) else { throw CLIError("no roadmap '\(roadmap)' in \(db.path)") }
        var workspace = Workspace(pluginDirectories: plugins.searchPath, limits: try plugins.limits())
        let plugin = try workspace.plugin(stored.plugin)
        let change = PlanChange(title: title, timing: timing, responsible: responsible, reason: reason,
                                actor: Actor(role: role, name: by ?? Person.current))
        let entries = try db.amend(roadmap: roadmap, activity: activity, change) { roadmap, _ in
            try plugin.checkPlanChange(change, roadmap: roadmap)
        }
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
        let db = try KartaDatabase(path: database.path)
        guard let stored = try db.roadmap(id: roadmap) else { throw CLIError("no roadmap '\(roadmap)' in \(db.path)") }
        var workspace = Workspace(pluginDirectories: plugins.searchPath, limits: try plugins.limits())
        let plugin = try workspace.plugin(stored.plugin)
        let actor = Actor(role: role, name: by ?? Person.current)
        _ = try plugin.actingRole(actor, needs: [.report, .approve], toDo: "сдавать отчет")
        let period = try plugin.reportingPeriod(stage, roadmap: stored, today: .today())
        var files: [SubmittedFile] = []
        for report in plugin.manifest.reports {
            let document = try plugin.render(report: report.id, roadmap: stored, reporting: period)
            for format in OutputFormat.documents + [.json] {
                files.append(SubmittedFile(report: report.id, format: format.rawValue, bytes: try format.render(document)))
            }
        }
        let submission = Submission(roadmapID: roadmap, stage: period.id, stageTitle: period.title, at: Date(), actor: actor, files: files)
        try db.submit(submission)
        if let output {
            for file in files {
                try writeFile(file.bytes, to: (output as NSString).appendingPathComponent("\(roadmap)-\(period.id)-\(file.report).\(file.format)"))
            }
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
        let db = try KartaDatabase(path: database.path)
        let list = try db.submissions(roadmap: roadmap)
        if list.isEmpty {
            if try db.roadmap(id: roadmap) == nil { throw CLIError("no roadmap '\(roadmap)' in \(db.path)") }
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

    @Option(help: ArgumentHelp("Only what is due within this many days.", valueName: "days"))
    var within: Int?

    @Option(name: .customLong("as-of"), help: ArgumentHelp("The day (YYYY-MM-DD; default: today).", valueName: "date"))
    var asOf: String?

    func validate() throws {
        if let within, within < 0 { throw ValidationError("--within: a number of days, 0 or more") }
        if let asOf, CalendarDate(iso: asOf) == nil { throw ValidationError("--as-of: '\(asOf)' is not a date YYYY-MM-DD") }
    }

    func run() throws {
        let day = asOf.flatMap(CalendarDate.init(iso:)) ?? .today()
        let db = try KartaDatabase(path: database.path)
        var workspace = Workspace(pluginDirectories: plugins.searchPath, limits: try plugins.limits())
        let ids = try roadmap.map { [$0] } ?? db.roadmaps().map(\.id)
        var matched = false
        var count = 0
        try db.forEachRoadmap(ids: ids) { stored in
            let plugin = try workspace.plugin(stored.plugin)
            guard let role = plugin.role(role) else {
                if roadmap != nil { _ = try plugin.actingRole(Actor(role: self.role)) }
                return
            }
            matched = true
            let items = plugin.workflow.due(for: role.id, in: stored, asOf: day, within: within,
                                            parser: plugin.scheduleParser(period: stored.period))
            for item in items {
                count += 1
                let moves = item.transitions.map { "\($0.label) (\($0.id))" }.joined(separator: ", ")
                let when = item.end.map { " до \($0.printed)" } ?? ""
                let title = item.title.split(separator: "\n").first.map(String.init) ?? ""
                print("\(stored.id)\t\(item.key)\t\(plugin.workflow.label(of: item.status))\t\(item.overdue ? "ПРОСРОЧЕНО" + when : (when.isEmpty ? "—" : String(when.dropFirst())))\t\(moves)\t\(title)")
            }
        }
        if roadmap == nil, !matched { throw CLIError("no stored roadmap's region has a role '\(role)'") }
        if count == 0 { print("nothing waits for \(role)\(within.map { " within \($0) days" } ?? "")") }
    }
}
