public import KartaCore
import KartaLua

/// A change refused by the region: its roles (`roles`), its workflow (`workflow`: no such
/// move from here), a transition's required fields (`requires`), an approved plan
/// (`amendment`), or one of the plugin's own rules and guards. Nothing is stored.
public struct RuleRefusal: Error, Sendable, CustomStringConvertible {
    /// The plugin whose rule refused.
    public var plugin: String
    /// The rule's id.
    public var rule: String
    /// The transition asked for, when there is one.
    public var transition: String?
    /// Why, in the region's words (Russian, naming fields, never command-line flags).
    public var message: String

    /// Creates a refusal.
    public init(plugin: String, rule: String, transition: String? = nil, message: String) {
        self.plugin = plugin
        self.rule = rule
        self.transition = transition
        self.message = message
    }

    /// `refused by rule 'requires' of transition 'return' of plugin 'shakhty': …`.
    public var description: String {
        "refused by rule '\(rule)' of \(transition.map { "transition '\($0)' of " } ?? "")plugin '\(plugin)': \(message)"
    }
}

/// A change the workflow allows, before the region's guards and rules have run.
struct WorkflowMove {
    /// The change to store: ``ActivityChange/transition`` and ``ActivityChange/status`` filled.
    var resolved: ActivityChange
    /// The transition taken; nil for a change of fields alone.
    var taken: Transition?
    /// The acting role.
    var role: Role
    /// The activity as it is after the change.
    var after: Activity
    /// The `change` table guards and rules receive.
    var change: LuaValue
}

extension Plugin {
    /// The region's statuses and transitions.
    public var workflow: Workflow { manifest.workflow.workflow }

    /// The role declared with this abbreviation or id (letter case ignored).
    public func role(_ name: String) -> Role? {
        let wanted = name.lowercased()
        return manifest.roles.first { $0.abbreviation.lowercased() == wanted || $0.id.lowercased() == wanted }
    }

    /// The acting role, which must be declared and hold one of `permissions` (any, when empty).
    public func actingRole(_ actor: Actor, needs permissions: [Permission] = [], toDo what: String = "") throws -> Role {
        guard let role = role(actor.role) else {
            let known = manifest.roles.map(\.abbreviation).joined(separator: ", ")
            throw RuleRefusal(plugin: manifest.id, rule: "roles", message: "в регионе нет роли «\(actor.role)» (роли: \(known))")
        }
        guard permissions.isEmpty || !role.permissions.isDisjoint(with: permissions) else {
            let needed = permissions.map(\.rawValue).joined(separator: " или ")
            throw RuleRefusal(plugin: manifest.id, rule: "roles",
                              message: "роль «\(role.abbreviation)» не может \(what) (нужно право \(needed))")
        }
        return role
    }

    /// Turns the change asked for into the change to make, or refuses it. The move (a
    /// transition id, or a status the workflow leads to from here) must start from the
    /// activity's status, the role must be one of the transition's, its required fields must
    /// be filled, and its guards and the plugin's rules must accept. A change of fields alone
    /// needs the `report` permission. Throws ``RuleRefusal``, or ``PluginError`` when a guard's
    /// code fails.
    public func resolve(_ change: ActivityChange, roadmap: Roadmap, before: Activity) throws -> ActivityChange {
        let move = try move(change, before: before)
        let labels = workflow.labels
        let guards = move.taken.map { manifest.workflow.guards[$0.id] ?? [] } ?? []
        for (rule, transition) in guards.map({ ($0, move.taken?.id) }) + manifest.rules.map({ ($0, nil as String?) }) {
            let result = try invoke(rule.check, [.value(move.change), .activity(move.after, labels: labels), .roadmap(roadmap, context())], results: 2)
            switch result.first ?? .nil {
            case .nil, .boolean(true):
                continue
            case .boolean(false):
                let message: String = if case .string(let text)? = result.dropFirst().first { text } else { rule.text }
                throw RuleRefusal(plugin: manifest.id, rule: rule.id, transition: transition ?? move.taken?.id, message: message)
            case .string(let message):
                throw RuleRefusal(plugin: manifest.id, rule: rule.id, transition: transition ?? move.taken?.id, message: message)
            case let other:
                throw PluginError(plugin: manifest.id, kind: .usage, file: location.entry,
                                  message: "rule '\(rule.id)' returned \(Self.shown(other)); a rule's check returns true "
                                      + "(or nothing) to accept, and false with a message, or a message alone, to refuse")
            }
        }
        return move.resolved
    }

    /// The host's half of ``resolve(_:roadmap:before:)``, without running any Lua: the role,
    /// the transition the move names from the activity's status, and the required fields.
    /// Throws ``RuleRefusal``. Plugin specs (`spec.move`) take a move through this very code.
    func move(_ change: ActivityChange, before: Activity) throws -> WorkflowMove {
        let role = try actingRole(change.actor)
        var resolved = change
        let move = (change.move ?? change.status?.rawValue)?.replacingOccurrences(of: "-", with: "_")
        var taken: Transition?
        if let move, move != before.status.rawValue || workflow.transitions(from: before.status).contains(where: { $0.id == move }) {
            taken = try transition(move, from: before.status, role: role)
        }
        resolved.status = taken?.to
        resolved.transition = taken?.id
        if taken == nil {
            _ = try actingRole(change.actor, needs: [.report, .approve], toDo: "вносить сведения о выполнении")
        }
        let after = before.applying(resolved)
        if let taken {
            let missing = Workflow.missing(taken, after: after, comment: change.reason)
            if !missing.isEmpty {
                throw RuleRefusal(plugin: manifest.id, rule: "requires", transition: taken.id,
                                  message: "для перехода «\(taken.label)» укажите: \(missing.map(\.russian).joined(separator: ", "))")
            }
        }
        let changeValue = LuaValue.table(LuaTable(fields: [
            "key": .string(after.key), "number": .string(after.number),
            "from": .string(before.status.rawValue), "to": .string(after.status.rawValue),
            "transition": taken.map { .string($0.id) } ?? .nil,
            "fact": after.fact.map(LuaValue.string) ?? .nil, "report": after.report.map(LuaValue.string) ?? .nil,
            "evidence": .table(LuaTable(sequence: after.evidence.map { .string($0.printed) })),
            "added_evidence": .table(LuaTable(sequence: change.evidence.map { .string($0.printed) })),
            "role": .string(role.id), "role_abbr": .string(role.abbreviation),
            "actor": change.actor.name.map(LuaValue.string) ?? .nil, "reason": change.reason.map(LuaValue.string) ?? .nil,
            "comment": change.reason.map(LuaValue.string) ?? .nil,
        ]))
        return WorkflowMove(resolved: resolved, taken: taken, role: role, after: after, change: changeValue)
    }

    /// The transition a move names from `status` that `role` may take.
    private func transition(_ move: String, from status: Status, role: Role) throws -> Transition {
        let here = workflow.transitions(from: status)
        let possible = here.isEmpty ? "отсюда переходов нет"
            : "отсюда возможны: " + here.map { "\($0.label) (\($0.id) → \(workflow.label(of: $0.to)))" }.joined(separator: ", ")
        let current = workflow.label(of: status)
        var candidates: [Transition]
        if let named = here.first(where: { $0.id == move }) {
            candidates = [named]
        } else if let named = workflow.transitions.first(where: { $0.id == move }) {
            throw RuleRefusal(plugin: manifest.id, rule: "workflow", transition: named.id,
                              message: "переход «\(named.label)» невозможен из статуса «\(current)»; \(possible)")
        } else if workflow.status(Status(move)) != nil {
            candidates = here.filter { $0.to == Status(move) }
            if candidates.isEmpty {
                throw RuleRefusal(plugin: manifest.id, rule: "workflow",
                                  message: "из статуса «\(current)» нет перехода в «\(workflow.label(of: Status(move)))»; \(possible)")
            }
        } else {
            throw RuleRefusal(plugin: manifest.id, rule: "workflow", message:
                "нет статуса или перехода '\(move)' (статусы: \(workflow.statuses.map(\.id.rawValue).joined(separator: ", ")); "
                + "переходы: \(workflow.transitions.map(\.id).joined(separator: ", ")))")
        }
        if let allowed = candidates.first(where: { $0.roles.contains(role.id) }) { return allowed }
        let first = candidates[0]
        let who = first.roles.compactMap { id in manifest.roles.first { $0.id == id }?.abbreviation }
        throw RuleRefusal(plugin: manifest.id, rule: "roles", transition: first.id, message:
            "роль «\(role.abbreviation)» не может выполнить переход «\(first.label)» (→ \(workflow.label(of: first.to))); "
            + "его выполняют: \(who.isEmpty ? "никто" : who.joined(separator: ", "))")
    }

    /// Checks a change to the plan: the role must hold `plan` (or `approve`), and once the
    /// roadmap is approved the change is an amendment and needs a reason.
    public func checkPlanChange(_ change: PlanChange, roadmap: Roadmap) throws {
        _ = try actingRole(change.actor, needs: [.plan, .approve], toDo: "менять план")
        if roadmap.isApproved, change.reason?.allSatisfy(\.isWhitespace) ?? true {
            throw RuleRefusal(plugin: manifest.id, rule: "amendment", message:
                "план утвержден (\(roadmap.approval?.printed ?? "приказ")): изменение плана вносится как поправка, укажите причину")
        }
    }

    /// The reporting stage with this id; without an id, the only one, else the one whose
    /// days hold `today`, else the last one that has ended.
    public func reportingPeriod(_ id: String?, roadmap: Roadmap, today: CalendarDate) throws(PluginError) -> ReportingPeriod {
        let periods = manifest.reporting
        let known = periods.map { "\($0.id) (\($0.title))" }.joined(separator: ", ")
        if let id {
            guard let period = periods.first(where: { $0.id == id }) else {
                throw PluginError(plugin: manifest.id, kind: .usage, message: "no reporting stage '\(id)' (this region reports by: \(known))")
            }
            return period
        }
        if periods.count == 1 { return periods[0] }
        let dated = periods.compactMap { period in period.dates(in: roadmap.period).map { (period, $0) } }
        if let current = dated.first(where: { $0.1.start <= today && today <= $0.1.end }) { return current.0 }
        if let ended = dated.last(where: { $0.1.end < today }) { return ended.0 }
        throw PluginError(plugin: manifest.id, kind: .usage, message: "name the reporting stage (this region reports by: \(known))")
    }

    /// Problems of a roadmap against this plugin: roles, stages and statuses it declares,
    /// then the plugin's own `validate(roadmap)`, whose problems are keyed by activity and
    /// field like the host's. Throws ``PluginError`` when `validate` fails or answers badly.
    public func problems(in roadmap: Roadmap) throws(PluginError) -> [RoadmapProblem] {
        var problems = roadmap.problems(roles: manifest.roles, stages: manifest.stages, statuses: workflow.statuses.map(\.id))
        guard let validate = manifest.validate else { return problems }
        let answer = try invoke(validate, [.roadmap(roadmap, context())], results: 1).first ?? .nil
        var paths: [String: String] = [:]
        func walk(_ activities: [Activity], _ prefix: String) {
            for (index, activity) in activities.enumerated() {
                let path = "\(prefix)activities[\(index)]"
                if paths[activity.key] == nil { paths[activity.key] = path }
                walk(activity.children, path + ".")
            }
        }
        walk(roadmap.activities, "")
        func bad(_ message: String) -> PluginError {
            PluginError(plugin: manifest.id, kind: .usage, file: location.entry, message: "validate: \(message)")
        }
        guard case .table(let list) = answer else {
            if answer == .nil { return problems }
            throw bad("returned \(answer.typeName); expected a list of { key = , field = , message = }")
        }
        for (index, item) in list.sequence.enumerated() {
            guard case .table(let entry) = item, case .string(let message)? = entry.fields["message"] else {
                throw bad("problem \(index + 1): expected { key = \"3\", field = \"level\", message = \"…\" }")
            }
            var path = ""
            switch entry.fields["key"] {
            case nil, .nil?: break
            case .string(let key)?:
                guard let found = paths[key] else { throw bad("problem \(index + 1): no activity '\(key)'") }
                path = found
            case let other?: throw bad("problem \(index + 1): key is \(other.typeName); expected an activity's key as a string")
            }
            switch entry.fields["field"] {
            case nil, .nil?: break
            case .string(let field)?: path += path.isEmpty ? field : ".\(field)"
            case let other?: throw bad("problem \(index + 1): field is \(other.typeName); expected a field name as a string")
            }
            problems.append(RoadmapProblem(path: path, message: message))
        }
        return problems
    }
}

extension Plugin {
    /// A schedule reader for a roadmap period that knows the plugin's own phrases and school calendar.
    public func scheduleParser(period: Period) -> ScheduleParser { manifest.scheduleParser(period: period) }
}

extension PluginManifest {
    /// A schedule reader for a roadmap period that knows the plugin's own phrases and school calendar.
    public func scheduleParser(period: Period) -> ScheduleParser {
        ScheduleParser(period: period, phrases: schedules, calendar: schoolCalendar)
    }
}

extension Plugin {
    /// The Lua source of the table a report function receives for this roadmap, for running
    /// the same report code in a plain `lua5.4` interpreter (benchmarks, debugging).
    public static func luaSource(of roadmap: Roadmap) throws -> String {
        try LuaState().copy { w throws(LuaError) in try w.push(roadmap, RoadmapContext(labels: Workflow.standard(roles: []).labels)) }.luaSource
    }

    /// The Lua half of the `karta` API, which runs before `plugin.lua`; it takes the `karta`
    /// table and a module loader.
    public static var preludeSource: String { kartaPrelude }

    /// A value a plugin returned, as a message shows it: `a number (1)`, `a table`.
    static func shown(_ value: LuaValue) -> String {
        switch value {
        case .integer(let number): "a number (\(number))"
        case .number(let number): "a number (\(number))"
        case .table: "a table"
        case .function: "a function"
        default: value.typeName
        }
    }
}
