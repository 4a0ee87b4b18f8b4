import Foundation
public import KartaCore
public import KartaPlugins
public import KartaReports
public import KartaStore

/// The workflow's operations on a database, each one transaction: the region's plugin
/// decides (roles, transitions, required fields, guards), the store records. A refusal is a
/// ``RuleRefusal`` and stores nothing.
extension Workspace {
    /// The stored roadmap with this id and its plugin.
    public mutating func stored(_ id: String, in db: any RoadmapStore) throws -> (roadmap: Roadmap, plugin: Plugin) {
        guard let roadmap = try db.roadmap(id: id) else { throw HostError("no roadmap '\(id)' in \(db.location)") }
        return (roadmap, try plugin(roadmap.plugin))
    }

    /// Records a change to an activity: the plugin resolves the move into a transition (or
    /// refuses), the store applies it and appends the history. Every text field is checked
    /// first (``ActivityChange/checkedText()``): a control character is a ``TextFieldError``
    /// and nothing is stored.
    ///
    /// - Returns: the history entries written, and the workflow (for status labels).
    ///
    /// - Parameter uploads: files given as evidence, checked by content and stored with the
    ///   change in one transaction.
    public mutating func mark(_ change: ActivityChange, roadmap id: String, activity key: String, uploads: [EvidenceUpload] = [],
                              in db: any RoadmapStore) throws -> (entries: [HistoryEntry], workflow: Workflow) {
        let plugin = try stored(id, in: db).plugin
        let accepted = try uploads.map { try $0.accepted() }
        var change = change
        change.evidence += accepted.map(\.evidence)
        change = try change.checkedText()
        let entries = try db.change(roadmap: id, activity: key, change, files: accepted.map(\.file)) { roadmap, before, change in
            try plugin.resolve(change, roadmap: roadmap, before: before)
        }
        return (entries, plugin.workflow)
    }

    /// Changes the plan of an activity; on an approved roadmap, as an amendment with a reason.
    public mutating func amend(_ change: PlanChange, roadmap id: String, activity key: String,
                               in db: any RoadmapStore) throws -> [HistoryEntry] {
        let plugin = try stored(id, in: db).plugin
        let change = try change.checkedText()
        return try db.amend(roadmap: id, activity: key, change) { roadmap, _ in
            try plugin.checkPlanChange(change, roadmap: roadmap)
        }
    }

    /// Records the approval of a roadmap by an order; the role must hold `approve`.
    ///
    /// - Parameter issuer: the issuing body as printed; default: the role's full name.
    public mutating func approve(roadmap id: String, actor: Actor, order: String, date: CalendarDate, issuer: String?,
                                 in db: any RoadmapStore) throws -> HistoryEntry {
        let plugin = try stored(id, in: db).plugin
        let actor = try actor.checkedText()
        let order = try TextFieldError.check(order, field: "номер приказа")
        let issuer = try TextFieldError.check(issuer, field: "кем утверждено")
        let role = try plugin.actingRole(actor, needs: [.approve], toDo: "утверждать дорожную карту")
        let approval = Approval(by: issuer ?? role.name, number: order, date: date.description)
        return try db.approve(roadmap: id, approval, actor: actor) { _ in }
    }

    /// Submits a roadmap's report for a reporting stage: every report of its plugin in every
    /// output format, and the document as JSON, rendered now and stored immutable. The role
    /// must hold `report` or `approve`; a stage is submitted once.
    ///
    /// - Parameter stage: the stage's id; nil for the plugin's choice on `today`.
    public mutating func submit(roadmap id: String, stage: String?, actor: Actor, today: CalendarDate,
                                in db: any RoadmapStore) throws -> Submission {
        let (roadmap, plugin) = try stored(id, in: db)
        let actor = try actor.checkedText()
        _ = try plugin.actingRole(actor, needs: [.report, .approve], toDo: "сдавать отчет")
        let period = try plugin.reportingPeriod(stage, roadmap: roadmap, today: today)
        var files: [SubmittedFile] = []
        for report in plugin.manifest.reports {
            let document = try plugin.render(report: report.id, roadmap: roadmap, reporting: period)
            for format in OutputFormat.documents + [.json] {
                files.append(SubmittedFile(report: report.id, format: format.rawValue, bytes: try format.render(document)))
            }
        }
        let submission = Submission(roadmapID: id, stage: period.id, stageTitle: period.title, at: Date(), actor: actor, files: files)
        try db.submit(submission)
        return submission
    }

    /// The bytes frozen when `stage` was submitted, for one report (default: the plugin's
    /// first at the time) and output format.
    public static func submitted(roadmap id: String, stage: String, report: String?, format: OutputFormat,
                                 in db: any RoadmapStore) throws -> [UInt8] {
        guard let submission = try db.submission(roadmap: id, stage: stage) else {
            let stages = try db.submissions(roadmap: id).map(\.stage)
            throw HostError("\(id): stage '\(stage)' is not submitted (submitted: \(stages.isEmpty ? "none" : stages.joined(separator: ", ")))")
        }
        let wanted = report ?? submission.files.first?.report
        guard let file = submission.files.first(where: { $0.report == wanted && $0.format == format.rawValue }) else {
            let reports = submission.files.map(\.report).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            throw HostError("\(id): the submission of stage '\(stage)' holds no \(format.rawValue) of report '\(wanted ?? "?")' "
                            + "(reports: \(reports.joined(separator: ", ")))")
        }
        return file.bytes
    }

    /// What waits for a role: for each roadmap (default: every stored one) whose region has
    /// the role, the activities where the role may take a `due` transition.
    ///
    /// - Parameter role: a role's abbreviation or id; a roadmap named whose region lacks it is
    ///   refused, other regions without it are skipped.
    public mutating func due(role: String, roadmaps ids: [String]?, asOf: CalendarDate, within: Int?,
                             in db: any RoadmapStore) throws -> [(roadmap: Roadmap, plugin: Plugin, items: [DueItem])] {
        var result: [(roadmap: Roadmap, plugin: Plugin, items: [DueItem])] = []
        var matched = false
        var seen: Set<String> = []
        try db.forEachRoadmap(ids: ids) { roadmap in
            seen.insert(roadmap.id)
            let plugin = try plugin(roadmap.plugin)
            guard let found = plugin.role(role) else {
                if ids != nil { _ = try plugin.actingRole(Actor(role: role)) }
                return
            }
            matched = true
            let items = plugin.workflow.due(for: found.id, in: roadmap, asOf: asOf, within: within,
                                            parser: plugin.scheduleParser(period: roadmap.period))
            result.append((roadmap, plugin, items))
        }
        if let missing = ids?.first(where: { !seen.contains($0) }) { throw HostError("no roadmap '\(missing)' in \(db.location)") }
        if ids == nil, !matched { throw HostError("no stored roadmap's region has a role '\(role)'") }
        return result
    }
}
