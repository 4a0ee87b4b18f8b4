public import KartaCore
import KartaLua

/// A region's workflow as its plugin declares it: the statuses and transitions, and the Lua
/// guards of each transition.
public struct WorkflowDeclaration: Sendable {
    /// Statuses and transitions; ``Workflow/standard(roles:)`` when the plugin declares none.
    public var workflow: Workflow
    /// Whether the plugin declared it (rather than getting the standard one).
    public var declared: Bool
    /// Guards by transition id, checked in order before the transition is taken.
    public var guards: [String: [RuleDeclaration]]
}

extension PluginManifest {
    /// `workflow = { statuses = { { id, label, class } }, transitions = { { id, label, from, to, roles, requires, guards, due } } }`.
    /// Every problem is keyed by path: undeclared statuses or roles, statuses no transition
    /// reaches, roles that may act but take no transition, guards that are not functions.
    static func decodeWorkflow(_ value: LuaValue, roles: [Role], reader: inout LuaReader) -> WorkflowDeclaration {
        guard value != .nil else {
            return WorkflowDeclaration(workflow: .standard(roles: roles), declared: false, guards: [:])
        }
        guard let table = reader.table(value, "workflow", shape: .workflow) else {
            return WorkflowDeclaration(workflow: .standard(roles: roles), declared: false, guards: [:])
        }
        var statuses: [WorkflowStatus] = []
        var statusPaths: [Status: String] = [:]
        for (index, item) in reader.list(table["statuses"], "workflow.statuses", required: true).enumerated() {
            let path = "workflow.statuses[\(index + 1)]"
            guard let fields = reader.table(item, path, shape: .status) else { continue }
            let id = reader.string(fields["id"], "\(path).id", required: true)
            let label = reader.string(fields["label"], "\(path).label", required: true)
            let kind = reader.oneOf(fields["class"], "\(path).class", StatusClass.self)
            if fields["class"] == .nil { reader.fail("\(path).class", "required (one of: \(StatusClass.allCases.map(\.rawValue).joined(separator: ", ")))") }
            guard let id else { continue }
            if !isIdentifier(id) { reader.fail("\(path).id", "'\(id)' is not an identifier (1–64 of a-z, 0-9, _)") }
            if let first = statusPaths[Status(id)] { reader.fail("\(path).id", "duplicate status id '\(id)' (first at \(first))") }
            statusPaths[Status(id)] = path
            if let label, let kind { statuses.append(WorkflowStatus(id: Status(id), label: label, kind: kind)) }
        }
        if table["statuses"] != .nil, statusPaths[.planned] == nil {
            reader.fail("workflow.statuses", "declare 'planned': an activity imported without a status starts there")
        }
        let known = statusPaths.keys.map(\.rawValue).sorted().joined(separator: ", ")
        let roleIDs = Set(roles.map(\.id))

        var transitions: [Transition] = []
        var guards: [String: [RuleDeclaration]] = [:]
        var transitionPaths: [String: String] = [:]
        func status(_ value: LuaValue, _ path: String) -> Status? {
            guard let id = reader.string(value, path, required: true) else { return nil }
            guard statusPaths[Status(id)] != nil else {
                reader.fail(path, "unknown status '\(id)' (the workflow declares: \(known))")
                return nil
            }
            return Status(id)
        }
        for (index, item) in reader.list(table["transitions"], "workflow.transitions", required: true).enumerated() {
            let path = "workflow.transitions[\(index + 1)]"
            guard let fields = reader.table(item, path, shape: .transition) else { continue }
            let id = reader.string(fields["id"], "\(path).id", required: true)
            let label = reader.string(fields["label"], "\(path).label", required: true)
            var from: [Status] = []
            if case .string = fields["from"] {
                from = status(fields["from"], "\(path).from").map { [$0] } ?? []
            } else {
                for (position, entry) in reader.list(fields["from"], "\(path).from").enumerated() {
                    if let found = status(entry, "\(path).from[\(position + 1)]") { from.append(found) }
                }
            }
            let to = status(fields["to"], "\(path).to")
            var transitionRoles: [String] = []
            let roleList = reader.list(fields["roles"], "\(path).roles", required: true)
            if roleList.isEmpty, fields["roles"] != .nil { reader.fail("\(path).roles", "name at least one role") }
            for (position, entry) in roleList.enumerated() {
                guard let role = reader.string(entry, "\(path).roles[\(position + 1)]") else { continue }
                if roleIDs.contains(role) {
                    transitionRoles.append(role)
                } else {
                    reader.fail("\(path).roles[\(position + 1)]", "unknown role '\(role)' (roles: \(roleIDs.sorted().joined(separator: ", ")))")
                }
            }
            var requires: [Requirement] = []
            for (position, entry) in reader.list(fields["requires"], "\(path).requires").enumerated() {
                if let requirement = reader.oneOf(entry, "\(path).requires[\(position + 1)]", Requirement.self) {
                    requires.append(requirement)
                }
            }
            let transitionGuards = decodeRules(fields["guards"], path: "\(path).guards", reader: &reader)
            let due = fields["due"] == .nil ? nil : reader.boolean(fields["due"], "\(path).due")
            guard let id else { continue }
            if !isIdentifier(id) { reader.fail("\(path).id", "'\(id)' is not an identifier (1–64 of a-z, 0-9, _)") }
            if let first = transitionPaths[id] { reader.fail("\(path).id", "duplicate transition id '\(id)' (first at \(first))") }
            transitionPaths[id] = path
            guard let label, let to else { continue }
            let kind = statuses.first { $0.id == to }?.kind
            transitions.append(Transition(
                id: id, label: label, from: from, to: to, roles: transitionRoles, requires: requires,
                due: due ?? (kind == .inProgress || kind == .finished)))
            guards[id] = transitionGuards
        }

        // A status no transition leads to is dead, unless activities start there.
        let reached = Set(transitions.map(\.to))
        for status in statuses where status.id != .planned && !reached.contains(status.id) {
            reader.fail("\(statusPaths[status.id]!).id", "status '\(status.id)' cannot be reached: no transition leads to it")
        }
        // A role that may plan or report must have something to do in the workflow.
        let acting = Set(transitions.flatMap(\.roles))
        if table["transitions"] != .nil {
            for (index, role) in roles.enumerated() where !acting.contains(role.id) && !role.permissions.subtracting([.view]).isEmpty {
                let can = role.permissions.map(\.rawValue).sorted().joined(separator: ", ")
                reader.fail("roles[\(index + 1)]", "role '\(role.id)' may \(can) but takes no transition of the workflow (give it one, or leave it only 'view')")
            }
        }
        return WorkflowDeclaration(workflow: Workflow(statuses: statuses, transitions: transitions), declared: true, guards: guards)
    }

    /// `reporting = { { id = "2", title = "Второй этап", start = "07-01", ["end"] = "12-31" } }`; the
    /// whole period when the plugin declares none.
    static func decodeReporting(_ value: LuaValue, calendar: CalendarKind?, reader: inout LuaReader) -> [ReportingPeriod] {
        guard value != .nil else { return [.whole(schoolYear: calendar == .schoolYear)] }
        var periods: [ReportingPeriod] = []
        var seen: [String: String] = [:]
        let items = reader.list(value, "reporting")
        if items.isEmpty { reader.fail("reporting", "declare at least one reporting period, or leave `reporting` out for the whole period") }
        for (index, item) in items.enumerated() {
            let path = "reporting[\(index + 1)]"
            guard let fields = reader.table(item, path, shape: .reportingStage) else { continue }
            let id = reader.string(fields["id"], "\(path).id", required: true)
            let title = reader.string(fields["title"], "\(path).title", required: true)
            func day(_ key: String) -> MonthDay? {
                guard let text = reader.string(fields[key], "\(path).\(key)", required: true) else { return nil }
                guard let day = MonthDay(text), text != "02-29" else {
                    reader.fail("\(path).\(key)", "'\(text)' is not a day of every year (MM-DD)")
                    return nil
                }
                return day
            }
            let start = day("start")
            let end = day("end")
            if let id {
                if let first = seen[id] { reader.fail("\(path).id", "duplicate reporting period '\(id)' (first at \(first))") }
                seen[id] = path
            }
            if let id, let title, let start, let end {
                periods.append(ReportingPeriod(id: id, title: title, start: start, end: end))
            }
        }
        return periods
    }
}
