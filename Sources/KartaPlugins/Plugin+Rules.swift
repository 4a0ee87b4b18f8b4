public import KartaCore
import KartaLua

/// A change to an activity refused by a rule: the host's role rule (`roles`) or one of the
/// plugin's own rules.
public struct RuleRefusal: Error, Sendable, CustomStringConvertible {
    /// The plugin whose rule refused.
    public var plugin: String
    /// The rule's id.
    public var rule: String
    /// Why, in the rule's words.
    public var message: String

    /// `refused by rule 'done-needs-evidence' of plugin 'shakhty': …`.
    public var description: String { "refused by rule '\(rule)' of plugin '\(plugin)': \(message)" }
}

extension Plugin {
    /// The role declared with this abbreviation or id (letter case ignored).
    public func role(_ name: String) -> Role? {
        let wanted = name.lowercased()
        return manifest.roles.first { $0.abbreviation.lowercased() == wanted || $0.id.lowercased() == wanted }
    }

    /// The permission a change needs: `plan` to plan, postpone or cancel; `report` for
    /// anything else (start, finish, fact date, report text, evidence).
    public static func permissionNeeded(from before: Activity, to after: Activity) -> Permission {
        if before.status != after.status, [.planned, .postponed, .cancelled].contains(after.status) { return .plan }
        return .report
    }

    /// Checks a change before it is stored: the acting role must be declared by the plugin
    /// and hold the permission the change needs (or `approve`), then every plugin rule must
    /// accept it. Throws ``RuleRefusal``, or ``PluginError`` when a rule's code fails.
    public func check(_ change: ActivityChange, roadmap: Roadmap, before: Activity, after: Activity) throws {
        guard let role = role(change.actor.role) else {
            let known = manifest.roles.map(\.abbreviation).joined(separator: ", ")
            throw RuleRefusal(plugin: manifest.id, rule: "roles",
                              message: "no role '\(change.actor.role)' in this region (roles: \(known))")
        }
        let needed = Self.permissionNeeded(from: before, to: after)
        guard role.permissions.contains(needed) || role.permissions.contains(.approve) else {
            let held = role.permissions.map(\.rawValue).sorted().joined(separator: ", ")
            throw RuleRefusal(plugin: manifest.id, rule: "roles",
                              message: "role \(role.abbreviation) may not \(needed.rawValue) (it may: \(held.isEmpty ? "nothing" : held))")
        }
        let changeValue = LuaValue.table(LuaTable(fields: [
            "key": .string(after.key), "number": .string(after.number),
            "from": .string(before.status.rawValue), "to": .string(after.status.rawValue),
            "fact": after.fact.map(LuaValue.string) ?? .nil, "report": after.report.map(LuaValue.string) ?? .nil,
            "evidence": .table(LuaTable(sequence: after.evidence.map { .string($0.printed) })),
            "added_evidence": .table(LuaTable(sequence: change.evidence.map { .string($0.printed) })),
            "role": .string(role.id), "role_abbr": .string(role.abbreviation),
            "actor": change.actor.name.map(LuaValue.string) ?? .nil, "reason": change.reason.map(LuaValue.string) ?? .nil,
        ]))
        for rule in manifest.rules {
            let result = try invoke(rule.check, [.value(changeValue), .activity(after), .roadmap(roadmap)])
            switch result.first ?? .nil {
            case .nil, .boolean(true):
                continue
            case .boolean(false):
                let message: String = if case .string(let text)? = result.dropFirst().first { text } else { rule.text }
                throw RuleRefusal(plugin: manifest.id, rule: rule.id, message: message)
            case .string(let message):
                throw RuleRefusal(plugin: manifest.id, rule: rule.id, message: message)
            case let other:
                throw PluginError(plugin: manifest.id, kind: .usage, file: location.entry,
                                  message: "rule '\(rule.id)' returned \(other.typeName); expected true, nil, false or false and a message")
            }
        }
    }
}

extension Plugin {
    /// A schedule reader for a roadmap period that knows the plugin's own phrases.
    public func scheduleParser(period: Period) -> ScheduleParser {
        ScheduleParser(period: period, phrases: manifest.schedules)
    }
}

extension Plugin {
    /// The Lua source of the table a report function receives for this roadmap, for running
    /// the same report code in a plain `lua5.4` interpreter (benchmarks, debugging).
    public static func luaSource(of roadmap: Roadmap) throws -> String {
        try LuaState().copy { w throws(LuaError) in try w.push(roadmap) }.luaSource
    }

    /// The Lua half of the `karta` API, which runs before `plugin.lua`; it takes the `karta`
    /// table and a module loader.
    public static var preludeSource: String { kartaPrelude }
}
