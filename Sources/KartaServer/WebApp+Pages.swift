import Foundation
import Hummingbird
import HummingbirdAuth
import KartaCore
import KartaHost
import KartaPlugins
import KartaReports
import KartaStore

/// The pages: dashboard, roadmap, timeline, activity.
extension WebApp {
    // MARK: Pages

    func dashboard(_ request: Request, _ context: WebContext) async throws -> Response {
        guard let account = context.identity else { return Self.seeOther("/login") }
        let today = CalendarDate.today()
        var roadmaps: [[String: Any]] = []
        let visible = try db.roadmapHeaders(plugin: account.plugin).filter {
            Access.canSee(account, plugin: $0.plugin, roadmap: $0.id, municipality: $0.municipality)
        }
        for header in visible {
            guard let roadmap = try db.roadmap(id: header.id) else { continue }
            let manifest = try await plugins.manifest(roadmap.plugin)
            let (status, due) = Self.standing(roadmap, manifest, role: account.role, today: today)
            let submissions = try db.submissions(roadmap: roadmap.id).map { "\($0.stageTitle) (\(Self.day($0.at)))" }
            roadmaps.append([
                "id": roadmap.id, "municipality": roadmap.municipality, "period": roadmap.period.description,
                "title": roadmap.title, "done": status.done, "total": status.total,
                "percent": status.total == 0 ? 0 : status.done * 100 / status.total,
                "stages": status.stages.map { ["title": $0.title, "done": $0.done, "total": $0.total] },
                "overdue": status.overdue.count, "withoutEvidence": status.doneWithoutEvidence.count,
                "due": due.count, "submissions": submissions.joined(separator: ", "),
                "hasSubmissions": !submissions.isEmpty,
            ])
        }
        return try page("dashboard", [
            "title": "Мои дорожные карты", "account": try await accountView(account, context), "roadmaps": roadmaps,
            "empty": roadmaps.isEmpty, "today": today.printed,
        ])
    }

    func roadmapPage(_ request: Request, _ context: WebContext) async throws -> Response {
        let (account, roadmap) = try visibleRoadmap(context)
        let manifest = try await plugins.manifest(roadmap.plugin)
        let workflow = manifest.workflow.workflow
        let today = CalendarDate.today()
        let (status, due) = Self.standing(roadmap, manifest, role: account.role, today: today)
        let overdue = Set(status.overdue)
        let mine = Set(due.map(\.key))
        let filter = request.uri.queryParameters.get("filter") ?? ""
        var groups: [[String: Any]] = []
        var current: (title: String, rows: [ActivityRow])?
        let titles = Dictionary(manifest.stages.map { ($0.id, ($0.number + " " + $0.title).trimmingCharacters(in: .whitespaces)) },
                                uniquingKeysWith: { first, _ in first })
        func visit(_ activity: Activity, stage: String?, depth: Int) {
            let stage = activity.stage ?? stage
            let title = stage.flatMap { titles[$0] } ?? ""
            let shown = filter == "overdue" ? overdue.contains(activity.key) : filter == "mine" ? mine.contains(activity.key) : true
            if shown {
                if current?.title != title {
                    if let current { groups.append(["title": current.title, "rows": ActivityRow.html(current.rows, roadmap: roadmap.id)]) }
                    current = (title, [])
                }
                current?.rows.append(ActivityRow(
                    key: activity.key, number: activity.number.isEmpty ? activity.key : activity.number,
                    title: activity.title, timing: activity.schedule?.text ?? "", status: workflow.label(of: activity.status),
                    evidence: activity.evidence.map { Self.evidenceView($0, roadmap: roadmap.id) },
                    overdue: overdue.contains(activity.key), mine: mine.contains(activity.key), sub: depth > 0))
            }
            for child in activity.children { visit(child, stage: stage, depth: depth + 1) }
        }
        for activity in roadmap.activities { visit(activity, stage: nil, depth: 0) }
        if let current { groups.append(["title": current.title, "rows": ActivityRow.html(current.rows, roadmap: roadmap.id)]) }
        let role = manifest.roles.first { $0.id == account.role }
        let permissions = role?.permissions ?? []
        let stored = try db.submissions(roadmap: roadmap.id)
        let submissions = stored.map { submission in
            [
                "stage": submission.stageTitle, "at": Self.moment(submission.at),
                "who": submission.actor.name.map { "\($0) (\(roleName(submission.actor.role, manifest)))" } ?? roleName(submission.actor.role, manifest),
                "files": submission.files.map { file in
                    ["href": "/roadmaps/\(Self.path(roadmap.id))/submitted/\(Self.path(submission.stage))/\(file.report).\(file.format)",
                     "label": file.format.uppercased()]
                },
            ] as [String: Any]
        }
        let submitted = Set(stored.map(\.stage))
        let stages = manifest.reporting.filter { !submitted.contains($0.id) }.map { ["id": $0.id, "title": $0.title] }
        let reports = manifest.reports.flatMap { report in
            OutputFormat.documents.map { ["href": "/roadmaps/\(roadmap.id)/report/\(report.id).\($0.rawValue)",
                                          "label": "\(report.title) (\($0.rawValue.uppercased()))"] }
        }
        return try page("roadmap", [
            "title": roadmap.title, "account": try await accountView(account, context), "id": roadmap.id,
            "municipality": roadmap.municipality, "period": roadmap.period.description, "groups": groups,
            "done": status.done, "total": status.total, "filter": filter, "reports": reports,
            "filterAll": filter.isEmpty, "filterOverdue": filter == "overdue", "filterMine": filter == "mine",
            "submissions": submissions, "hasSubmissions": !submissions.isEmpty,
            "canSubmit": !permissions.isDisjoint(with: [.report, .approve]) && !stages.isEmpty, "stages": stages,
            "canApprove": permissions.contains(.approve), "approval": roadmap.approval?.printed as Any,
            "csrf": context.sessions.session?.csrf ?? "", "notice": request.uri.queryParameters.get("notice").flatMap(Self.notices.index(forKey:)).map { Self.notices[$0].value } as Any,
        ])
    }

    func timelinePage(_ request: Request, _ context: WebContext) async throws -> Response {
        let (account, roadmap) = try visibleRoadmap(context)
        let manifest = try await plugins.manifest(roadmap.plugin)
        let workflow = manifest.workflow.workflow
        let today = CalendarDate.today()
        let parser = manifest.scheduleParser(period: roadmap.period)
        let overdue = Set(Self.standing(roadmap, manifest, role: account.role, today: today).status.overdue)
        let rows = roadmap.allActivities.filter { $0.schedule != nil || $0.children.isEmpty }.map { activity in
            Timeline.Row(number: activity.number.isEmpty ? activity.key : activity.number, title: activity.title,
                         timing: activity.schedule?.text ?? "", reading: activity.schedule.map { parser.parse($0.text) } ?? parser.parse(""),
                         kind: workflow.kind(of: activity.status), overdue: overdue.contains(activity.key))
        }
        return try page("timeline", [
            "title": "График: \(roadmap.municipality), \(roadmap.period)", "account": try await accountView(account, context),
            "id": roadmap.id, "municipality": roadmap.municipality, "period": roadmap.period.description,
            "svg": RawHTML(html: Timeline(period: roadmap.period, rows: rows, today: today).svg),
        ])
    }

    func activityPage(_ request: Request, _ context: WebContext, refusal: String?) async throws -> Response {
        let (account, roadmap) = try visibleRoadmap(context)
        let key = try context.parameters.require("key")
        guard let activity = roadmap.activity(key: key) else { throw WebError.notFound }
        let manifest = try await plugins.manifest(roadmap.plugin)
        let workflow = manifest.workflow.workflow
        let forms = workflow.transitions(from: activity.status).filter { $0.roles.contains(account.role) }.map { transition in
            [
                "id": transition.id, "label": transition.label, "to": workflow.label(of: transition.to),
                "needsFact": transition.requires.contains(.fact), "needsReport": transition.requires.contains(.report),
                "needsEvidence": transition.requires.contains(.evidence), "needsComment": transition.requires.contains(.comment),
            ] as [String: Any]
        }
        let history = try db.history(roadmap: roadmap.id, activity: key).filter { $0.activityKey == key }.map { entry in
            let (old, new) = workflow.shown(entry)
            return [
                "at": Self.moment(entry.at), "field": Self.fieldNames[entry.field] ?? entry.field,
                "old": old ?? "—", "new": new ?? "—",
                "actor": entry.actor.name.map { "\($0) (\(roleName(entry.actor.role, manifest)))" } ?? roleName(entry.actor.role, manifest),
                "comment": entry.reason as Any,
            ] as [String: Any]
        }
        let session = context.sessions.session
        return try page("activity", [
            "title": "\(activity.number.isEmpty ? activity.key : activity.number) \(activity.title)",
            "account": try await accountView(account, context), "roadmapId": roadmap.id, "roadmapTitle": roadmap.title,
            "key": activity.key, "number": activity.number, "activityTitle": activity.title,
            "timing": activity.schedule?.text ?? "—", "responsible": activity.responsible ?? "—",
            "status": workflow.label(of: activity.status), "fact": activity.fact ?? "—", "report": activity.report ?? "—",
            "indicator": activity.indicator as Any,
            "evidence": activity.evidence.map { Self.evidenceView($0, roadmap: roadmap.id) },
            "forms": forms, "hasForms": !forms.isEmpty, "history": history, "csrf": session?.csrf ?? "",
            "refusal": refusal as Any,
        ], status: refusal == nil ? .ok : .unprocessableContent)
    }

    /// Where a roadmap stands today in its region's terms, and what waits for a role.
    static func standing(_ roadmap: Roadmap, _ manifest: PluginManifest, role: String, today: CalendarDate)
        -> (status: RoadmapStatus, due: [DueItem]) {
        let workflow = manifest.workflow.workflow
        let parser = manifest.scheduleParser(period: roadmap.period)
        return (RoadmapStatus(roadmap: roadmap, stages: manifest.stages, workflow: workflow, asOf: today, parser: parser),
                workflow.due(for: role, in: roadmap, asOf: today, parser: parser))
    }
}
