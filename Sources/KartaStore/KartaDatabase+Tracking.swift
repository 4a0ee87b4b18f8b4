public import Foundation
internal import GRDB
public import KartaCore

extension KartaDatabase {
    /// Applies a change to one activity in one transaction: loads the roadmap, lets `resolve`
    /// turn the change asked for into the change to make (the region's workflow picks the
    /// transition and may refuse; it sees the roadmap and the activity before), updates the
    /// activity and appends one history entry per changed field. A refusal, or a change that
    /// changes nothing, leaves the database as it was.
    ///
    /// - Returns: the history entries written.
    @discardableResult
    ///
    /// - Parameter files: uploaded files the change's evidence cites, stored in the same
    ///   transaction (content-addressed: a file stored before is kept once).
    public func change(
        roadmap roadmapID: String, activity key: String, _ change: ActivityChange, files: [EvidenceFile] = [],
        at date: Date = Date(), resolve: (Roadmap, Activity, ActivityChange) throws -> ActivityChange
    ) throws -> [HistoryEntry] {
        try writeTransaction { db in
            guard let roadmap = try Self.loadRoadmap(db, id: roadmapID) else { throw StoreError.noRoadmap(id: roadmapID) }
            guard let before = roadmap.activity(key: key) else {
                throw StoreError.noActivity(roadmap: roadmapID, key: key)
            }
            let resolved = try resolve(roadmap, before, change)
            let after = before.applying(resolved)
            let differences = before.trackedDifferences(to: after)
            guard !differences.isEmpty else { throw StoreError.nothingToChange(roadmap: roadmapID, key: key) }

            for file in files {
                try db.execute(
                    sql: "INSERT OR IGNORE INTO evidence_file (sha256, media_type, size, bytes, created_at) VALUES (?, ?, ?, ?, ?)",
                    arguments: [file.sha256, file.mediaType, file.bytes.count, Data(file.bytes), date])
            }
            try db.execute(
                sql: "UPDATE activity SET status = ?, fact = ?, report = ? WHERE roadmap_id = ? AND key = ?",
                arguments: [after.status.rawValue, after.fact, after.report, roadmapID, key])
            for (index, evidence) in after.evidence.enumerated() where index >= before.evidence.count {
                try EvidenceRecord(roadmapId: roadmapID, activityKey: key, position: index + 1,
                                   title: evidence.title, url: evidence.url, file: evidence.file).insert(db)
            }
            return try differences.map { difference in
                try Self.record(HistoryRecord(
                    roadmapId: roadmapID, activityKey: key, at: date, actorRole: resolved.actor.role,
                    actorName: resolved.actor.name, field: difference.field, oldValue: difference.old,
                    newValue: difference.new, reason: resolved.reason, transition: resolved.transition), db)
            }
        }
    }

    /// Changes the plan of one activity (title, timing, responsible) in one transaction, after
    /// `check` accepts it (it sees the roadmap and the activity before). On an approved
    /// roadmap every changed field is recorded as an amendment.
    ///
    /// - Returns: the history entries written.
    @discardableResult
    public func amend(
        roadmap roadmapID: String, activity key: String, _ change: PlanChange, at date: Date = Date(),
        check: (Roadmap, Activity) throws -> Void
    ) throws -> [HistoryEntry] {
        try writeTransaction { db in
            guard let roadmap = try Self.loadRoadmap(db, id: roadmapID) else { throw StoreError.noRoadmap(id: roadmapID) }
            guard let before = roadmap.activity(key: key) else { throw StoreError.noActivity(roadmap: roadmapID, key: key) }
            let differences = change.differences(from: before)
            guard !differences.isEmpty else { throw StoreError.nothingToChange(roadmap: roadmapID, key: key) }
            try check(roadmap, before)
            for difference in differences {
                // The column names are fixed here, never taken from input.
                let column = ["title": "title", "timing": "timing", "responsible": "responsible"][difference.field]!
                try db.execute(sql: "UPDATE activity SET \(column) = ? WHERE roadmap_id = ? AND key = ?",
                               arguments: [difference.new, roadmapID, key])
            }
            return try differences.map { difference in
                try Self.record(HistoryRecord(
                    roadmapId: roadmapID, activityKey: key, at: date, actorRole: change.actor.role,
                    actorName: change.actor.name, field: difference.field, oldValue: difference.old,
                    newValue: difference.new, reason: change.reason, amendment: roadmap.isApproved), db)
            }
        }
    }

    /// Records the approval of a roadmap (the order's issuer, number and date) after `check`
    /// accepts it, with who and when in the history.
    @discardableResult
    public func approve(
        roadmap roadmapID: String, _ approval: Approval, actor: Actor, reason: String? = nil, at date: Date = Date(),
        check: (Roadmap) throws -> Void
    ) throws -> HistoryEntry {
        try writeTransaction { db in
            guard let roadmap = try Self.loadRoadmap(db, id: roadmapID) else { throw StoreError.noRoadmap(id: roadmapID) }
            try check(roadmap)
            try db.execute(sql: "UPDATE roadmap SET approval = ? WHERE id = ?",
                           arguments: [String(decoding: try JSONEncoder().encode(approval), as: UTF8.self), roadmapID])
            return try Self.record(HistoryRecord(
                roadmapId: roadmapID, activityKey: "", at: date, actorRole: actor.role, actorName: actor.name,
                field: "approval", oldValue: roadmap.approval.flatMap(\.printed), newValue: approval.printed, reason: reason), db)
        }
    }

    private static func record(_ record: HistoryRecord, _ db: Database) throws -> HistoryEntry {
        var record = record
        try record.insert(db)
        record.id = db.lastInsertedRowID
        return record.entry
    }

    /// The history of a roadmap (or of one activity and its sub-activities), oldest first.
    ///
    /// - Parameters:
    ///   - since: only entries recorded after this moment.
    ///   - amendments: only amendments of an approved plan.
    public func history(roadmap roadmapID: String, activity key: String? = nil, since: Date? = nil,
                        amendments: Bool = false) throws(StoreError) -> [HistoryEntry] {
        try read { db in
            var request = HistoryRecord.filter(Column("roadmap_id") == roadmapID)
            if let key {
                // The key and its sub-activities' keys (`key.` and more), compared as text: a
                // key is never a pattern, so `_`, `%`, `*` and `\` mean themselves.
                let prefix = key + "."
                request = request.filter(sql: "activity_key = ? OR substr(activity_key, 1, length(?)) = ?",
                                         arguments: [key, prefix, prefix])
            }
            if let since { request = request.filter(Column("at") > since) }
            if amendments { request = request.filter(Column("amendment") == true) }
            return try request.order(Column("id")).fetchAll(db).map(\.entry)
        }
    }
}

extension HistoryRecord {
    var entry: HistoryEntry {
        HistoryEntry(id: id ?? 0, roadmapID: roadmapId, activityKey: activityKey, at: at,
                     actor: Actor(role: actorRole, name: actorName), field: field,
                     oldValue: oldValue, newValue: newValue, reason: reason, transition: transition, amendment: amendment)
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
