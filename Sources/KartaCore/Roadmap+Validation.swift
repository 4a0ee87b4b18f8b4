import Foundation

/// A problem found in a roadmap, keyed by the path of the field (`activities[3].roles[0]`).
public struct RoadmapProblem: Sendable, Hashable, CustomStringConvertible {
    /// Path of the field, as in the data file.
    public var path: String
    /// What is wrong.
    public var message: String

    /// Creates a problem.
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    /// `path: message`, or the message alone for the whole roadmap.
    public var description: String { path.isEmpty ? message : "\(path): \(message)" }
}

extension Roadmap {
    /// Checks the roadmap against the declarations of its region's plugin: roles, stages
    /// and statuses it references must exist, activity keys must be unique.
    ///
    /// - Parameter statuses: the statuses of the region's workflow; nil to skip that check.
    /// - Returns: every problem found, in document order; empty when the roadmap is sound.
    public func problems(roles: [Role], stages: [Stage], statuses: [Status]? = nil) -> [RoadmapProblem] {
        var problems: [RoadmapProblem] = []
        let roleIDs = Set(roles.map(\.id))
        let stageIDs = Set(stages.map(\.id))
        var seenKeys: [String: String] = [:]

        func check(_ activity: Activity, path: String) {
            if let previous = seenKeys[activity.key] {
                problems.append(RoadmapProblem(
                    path: path, message: "duplicate activity key '\(activity.key)' (first used at \(previous))"))
            } else {
                seenKeys[activity.key] = path
            }
            if activity.title.unicodeScalars.allSatisfy(\.properties.isWhitespace) {
                problems.append(RoadmapProblem(path: "\(path).title", message: "empty"))
            }
            if let stage = activity.stage, !stageIDs.contains(stage) {
                let known = stageIDs.sorted().joined(separator: ", ")
                problems.append(RoadmapProblem(
                    path: "\(path).stage",
                    message: "unknown stage '\(stage)'\(NearestName.suggestion(for: stage, in: stages.map(\.id))) (plugin '\(plugin)' declares: \(known.isEmpty ? "none" : known))"))
            }
            if let statuses, !statuses.contains(activity.status) {
                problems.append(RoadmapProblem(
                    path: "\(path).status",
                    message: "unknown status '\(activity.status)'\(NearestName.suggestion(for: activity.status.rawValue, in: statuses.map(\.rawValue))) (plugin '\(plugin)' declares: \(statuses.map(\.rawValue).joined(separator: ", ")))"))
            }
            for (index, role) in activity.roles.enumerated() where !roleIDs.contains(role) {
                problems.append(RoadmapProblem(
                    path: "\(path).roles[\(index)]",
                    message: "unknown role '\(role)'\(Self.roleHint(role, roles: roles)) (plugin '\(plugin)' declares: \(roleIDs.sorted().joined(separator: ", ")))"))
            }
            for (index, child) in activity.children.enumerated() {
                check(child, path: "\(path).activities[\(index)]")
            }
        }
        for (index, activity) in activities.enumerated() {
            check(activity, path: "activities[\(index)]")
        }
        return problems
    }

    /// ", did you mean 'uo'?" for a role written by its abbreviation or name («УО») or
    /// misspelt; "" when nothing is close.
    static func roleHint(_ written: String, roles: [Role]) -> String {
        let folded = written.lowercased().trimmingCharacters(in: .whitespaces)
        if let role = roles.first(where: { $0.abbreviation.lowercased() == folded || $0.name.lowercased() == folded }) {
            return ", did you mean '\(role.id)'? (roles are written by id; «\(role.abbreviation)» is its abbreviation)"
        }
        return NearestName.suggestion(for: written, in: roles.map(\.id))
    }
}
