public import Foundation

/// Who makes a change: a role of the region, as its abbreviation or id (`МК`), and,
/// when known, the person.
public struct Actor: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The role's abbreviation or id, as given.
    public var role: String
    /// The person, when given.
    public var name: String?

    /// Creates an actor.
    public init(role: String, name: String? = nil) {
        self.role = role
        self.name = name
    }

    /// `МК (Иванова И.И.)` or `МК`.
    public var description: String { name.map { "\(role) (\($0))" } ?? role }
}

/// A change to what was done about an activity: a move of the region's workflow, the fact
/// date, report text and evidence. Fields left nil stay as they are; evidence is appended,
/// never replaced.
public struct ActivityChange: Sendable, Hashable {
    /// The move asked for, as typed: a transition id (`accept`) or a status id (`done`);
    /// the plugin resolves it into ``transition`` and ``status``.
    public var move: String?
    /// The transition taken, once resolved.
    public var transition: String?
    /// The new status, once resolved.
    public var status: Status?
    /// The fact date or dates, as they should print (`14.05.2021`).
    public var fact: String?
    /// The report text.
    public var report: String?
    /// Evidence to add.
    public var evidence: [Evidence]
    /// The actor's comment: why («вернуть: нет протокола»).
    public var reason: String?
    /// Who.
    public var actor: Actor

    /// Creates a change.
    public init(move: String? = nil, transition: String? = nil, status: Status? = nil, fact: String? = nil,
                report: String? = nil, evidence: [Evidence] = [], reason: String? = nil, actor: Actor) {
        self.move = move
        self.transition = transition
        self.status = status
        self.fact = fact
        self.report = report
        self.evidence = evidence
        self.reason = reason
        self.actor = actor
    }
}

extension Activity {
    /// The activity as it is after the change.
    public func applying(_ change: ActivityChange) -> Activity {
        var after = self
        if let status = change.status { after.status = status }
        if let fact = change.fact { after.fact = fact }
        if let report = change.report { after.report = report }
        after.evidence += change.evidence.filter { !evidence.contains($0) }
        return after
    }

    /// The tracked fields that differ in `other`: `(field, old, new)` for status, fact,
    /// report and evidence (each added item separately), in that order.
    public func trackedDifferences(to other: Activity) -> [(field: String, old: String?, new: String?)] {
        var result: [(field: String, old: String?, new: String?)] = []
        if status != other.status { result.append(("status", status.rawValue, other.status.rawValue)) }
        if fact != other.fact { result.append(("fact", fact, other.fact)) }
        if report != other.report { result.append(("report", report, other.report)) }
        for item in other.evidence where !evidence.contains(item) { result.append(("evidence", nil, item.printed)) }
        return result
    }

    /// The activity with this key, here or among the sub-activities.
    public func find(key: String) -> Activity? {
        flattened.first { $0.key == key }
    }
}

extension Roadmap {
    /// The activity with this key (`12.3`), at any depth.
    public func activity(key: String) -> Activity? {
        for activity in activities {
            if let found = activity.find(key: key) { return found }
        }
        return nil
    }
}

/// One recorded change of one field of one activity: who, when, from what to what, and why.
public struct HistoryEntry: Sendable, Hashable, Codable {
    /// Sequence number in the database (increasing with time).
    public var id: Int64
    /// The roadmap.
    public var roadmapID: String
    /// The activity's key; empty for a change to the whole roadmap (an import).
    public var activityKey: String
    /// When, in UTC.
    public var at: Date
    /// Who.
    public var actor: Actor
    /// `status`, `fact`, `report`, `evidence`; `title`, `timing`, `responsible` for a plan
    /// change; `roadmap` for an import; `approval` for an approval.
    public var field: String
    /// The value before; nil when there was none.
    public var oldValue: String?
    /// The value after.
    public var newValue: String?
    /// Why: the actor's comment.
    public var reason: String?
    /// The workflow transition that changed the status (`accept`).
    public var transition: String?
    /// Whether this is a change to an approved plan (a recorded amendment).
    public var amendment: Bool

    /// Creates an entry.
    public init(id: Int64 = 0, roadmapID: String, activityKey: String, at: Date, actor: Actor, field: String,
                oldValue: String?, newValue: String?, reason: String?, transition: String? = nil, amendment: Bool = false) {
        self.transition = transition
        self.amendment = amendment
        self.id = id
        self.roadmapID = roadmapID
        self.activityKey = activityKey
        self.at = at
        self.actor = actor
        self.field = field
        self.oldValue = oldValue
        self.newValue = newValue
        self.reason = reason
    }
}
