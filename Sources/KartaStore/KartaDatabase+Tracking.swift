public import Foundation
internal import GRDB
public import KartaCore

extension KartaDatabase {
    /// Applies a change to one activity in one transaction: loads the roadmap, lets `check`
    /// refuse the change (region rules; it sees the roadmap, the activity before and after),
    /// updates the activity and appends one history entry per changed field. A refusal, or
    /// a change that changes nothing, leaves the database as it was.
    ///
    /// - Returns: the history entries written.
    @discardableResult
    public func change(
        roadmap roadmapID: String, activity key: String, _ change: ActivityChange, at date: Date = Date(),
        check: (Roadmap, Activity, Activity) throws -> Void
    ) throws -> [HistoryEntry] {
        try writeTransaction { db in
            guard let roadmap = try Self.loadRoadmap(db, id: roadmapID) else { throw StoreError.noRoadmap(id: roadmapID) }
            guard let before = roadmap.activity(key: key) else {
                throw StoreError.noActivity(roadmap: roadmapID, key: key)
            }
            let after = before.applying(change)
            let differences = before.trackedDifferences(to: after)
            guard !differences.isEmpty else { throw StoreError.nothingToChange(roadmap: roadmapID, key: key) }
            try check(roadmap, before, after)

            try db.execute(
                sql: "UPDATE activity SET status = ?, fact = ?, report = ? WHERE roadmap_id = ? AND key = ?",
                arguments: [after.status.rawValue, after.fact, after.report, roadmapID, key])
            for (index, evidence) in after.evidence.enumerated() where index >= before.evidence.count {
                try EvidenceRecord(roadmapId: roadmapID, activityKey: key, position: index + 1,
                                   title: evidence.title, url: evidence.url).insert(db)
            }
            return try differences.map { difference in
                var record = HistoryRecord(
                    roadmapId: roadmapID, activityKey: key, at: date, actorRole: change.actor.role,
                    actorName: change.actor.name, field: difference.field, oldValue: difference.old,
                    newValue: difference.new, reason: change.reason)
                try record.insert(db)
                record.id = db.lastInsertedRowID
                return record.entry
            }
        }
    }

    /// The history of a roadmap (or of one activity and its sub-activities), oldest first.
    public func history(roadmap roadmapID: String, activity key: String? = nil) throws(StoreError) -> [HistoryEntry] {
        try read { db in
            var request = HistoryRecord.filter(Column("roadmap_id") == roadmapID)
            if let key {
                request = request.filter(Column("activity_key") == key || Column("activity_key").like("\(key).%"))
            }
            return try request.order(Column("id")).fetchAll(db).map(\.entry)
        }
    }
}

extension HistoryRecord {
    var entry: HistoryEntry {
        HistoryEntry(id: id ?? 0, roadmapID: roadmapId, activityKey: activityKey, at: at,
                     actor: Actor(role: actorRole, name: actorName), field: field,
                     oldValue: oldValue, newValue: newValue, reason: reason)
    }
}

extension KartaDatabase {
    /// The storage limit for benchmarks: the rows `save` would write for these roadmaps,
    /// inserted by three prepared statements in one transaction, with every value computed
    /// beforehand. Roadmaps with these ids must not be stored yet.
    ///
    /// - Returns: the seconds the transaction took (the values are computed before it).
    public func insertPlainly(_ roadmaps: [Roadmap]) throws -> Double {
        var rows: [StoredTable: [[ColumnValue]]] = [:]
        for roadmap in roadmaps {
            try Self.forEachRow(of: roadmap) { table, values in rows[table, default: []].append(values) }
        }
        let started = DispatchTime.now().uptimeNanoseconds
        try writeTransaction { db in
            for table in StoredTable.allCases {
                let insert = try db.makeStatement(sql: table.insertSQL)
                for row in rows[table] ?? [] { try insert.insert(row) }
            }
        }
        return Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
    }
}
