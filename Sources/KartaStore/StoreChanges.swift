import Foundation
import KartaCore

/// What a change to an activity will write, decided the same way on both engines from the
/// roadmap as the transaction read it.
struct PlannedChange {
    var resolved: ActivityChange
    var before: Activity
    var after: Activity
    var differences: [(field: String, old: String?, new: String?)]

    /// Lets `resolve` pick the change (it may refuse); a change that changes nothing is refused.
    init(roadmap: Roadmap?, id: String, key: String, change: ActivityChange,
         resolve: (Roadmap, Activity, ActivityChange) throws -> ActivityChange) throws {
        guard let roadmap else { throw StoreError.noRoadmap(id: id) }
        guard let before = roadmap.activity(key: key) else { throw StoreError.noActivity(roadmap: id, key: key) }
        resolved = try resolve(roadmap, before, change)
        self.before = before
        after = before.applying(resolved)
        differences = before.trackedDifferences(to: after)
        guard !differences.isEmpty else { throw StoreError.nothingToChange(roadmap: id, key: key) }
    }

    /// One history record per changed field (ids left to the database).
    func records(roadmap id: String, key: String, at date: Date) -> [HistoryRecord] {
        differences.map { difference in
            HistoryRecord(roadmapId: id, activityKey: key, at: date, actorRole: resolved.actor.role,
                          actorName: resolved.actor.name, field: difference.field, oldValue: difference.old,
                          newValue: difference.new, reason: resolved.reason, transition: resolved.transition)
        }
    }

    /// Evidence the change adds, after what the activity had.
    func addedEvidence(roadmap id: String, key: String) -> [EvidenceRecord] {
        after.evidence.enumerated().filter { $0.offset >= before.evidence.count }.map { index, evidence in
            EvidenceRecord(roadmapId: id, activityKey: key, position: index + 1, title: evidence.title, url: evidence.url,
                           file: evidence.file)
        }
    }
}

/// What an amendment of an activity's plan will write, decided alike on both engines.
struct PlannedAmendment {
    var roadmap: Roadmap
    var differences: [(field: String, old: String?, new: String?)]

    /// Checks the amendment (`check` may refuse); one that changes nothing is refused.
    init(roadmap: Roadmap?, id: String, key: String, change: PlanChange, check: (Roadmap, Activity) throws -> Void) throws {
        guard let roadmap else { throw StoreError.noRoadmap(id: id) }
        guard let before = roadmap.activity(key: key) else { throw StoreError.noActivity(roadmap: id, key: key) }
        differences = change.differences(from: before)
        guard !differences.isEmpty else { throw StoreError.nothingToChange(roadmap: id, key: key) }
        try check(roadmap, before)
        self.roadmap = roadmap
    }

    /// The column each changed field is stored in: fixed here, never taken from input.
    static func column(_ field: String) -> String {
        ["title": "title", "timing": "timing", "responsible": "responsible"][field]!
    }

    func records(key: String, change: PlanChange, at date: Date) -> [HistoryRecord] {
        differences.map { difference in
            HistoryRecord(roadmapId: roadmap.id, activityKey: key, at: date, actorRole: change.actor.role,
                          actorName: change.actor.name, field: difference.field, oldValue: difference.old,
                          newValue: difference.new, reason: change.reason, amendment: roadmap.isApproved)
        }
    }
}

extension Approval {
    /// The approval as its column holds it (JSON).
    var columnText: String { String(decoding: (try? JSONEncoder().encode(self)) ?? Data("{}".utf8), as: UTF8.self) }

    /// The approval read from its column, nil when absent or not readable.
    init?(columnText: String?) {
        guard let text = columnText, let stored = try? JSONDecoder().decode(Approval.self, from: Data(text.utf8)) else { return nil }
        self = stored
    }
}

extension HistoryRecord {
    /// The record of the approval of a roadmap.
    static func approval(_ approval: Approval, of roadmap: Roadmap, actor: Actor, reason: String?, at date: Date) -> HistoryRecord {
        HistoryRecord(roadmapId: roadmap.id, activityKey: "", at: date, actorRole: actor.role, actorName: actor.name,
                      field: "approval", oldValue: roadmap.approval.flatMap(\.printed), newValue: approval.printed, reason: reason)
    }

    /// The record of a roadmap imported (or replaced) whole.
    static func imported(_ roadmap: Roadmap, replaced: Bool, actor: Actor, at date: Date) -> HistoryRecord {
        HistoryRecord(roadmapId: roadmap.id, activityKey: "", at: date, actorRole: actor.role, actorName: actor.name,
                      field: "roadmap", oldValue: nil,
                      newValue: "\(replaced ? "replaced" : "imported"): \(roadmap.allActivities.count) activities", reason: nil)
    }
}

extension Submission {
    /// The submissions of a copy that a store holding `stored` lacks. A submitted report never
    /// changes: one the store holds already is kept when it is the same, refused when not.
    static func missing(_ incoming: [Submission], from stored: [Submission]) throws -> [Submission] {
        try incoming.filter { submission in
            guard let same = stored.first(where: { $0.stage == submission.stage }) else { return true }
            guard same == submission else {
                throw StoreError.alreadySubmitted(roadmap: same.roadmapID, stage: same.stage, at: same.at, by: same.actor.description)
            }
            return false
        }
    }
}
