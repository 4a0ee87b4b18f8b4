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
    ///
    /// - Parameter files: uploaded files the change's evidence cites, stored in the same
    ///   transaction (content-addressed: a file stored before is kept once).
    @discardableResult
    public func change(
        roadmap roadmapID: String, activity key: String, _ change: ActivityChange, files: [EvidenceFile],
        at date: Date, resolve: (Roadmap, Activity, ActivityChange) throws -> ActivityChange
    ) throws -> [HistoryEntry] {
        try writeTransaction { db in
            let plan = try PlannedChange(roadmap: try Self.loadRoadmap(db, id: roadmapID), id: roadmapID, key: key,
                                         change: change, resolve: resolve)
            for file in files { try Self.store(file, at: date, db) }
            try db.execute(
                sql: "UPDATE activity SET status = ?, fact = ?, report = ? WHERE roadmap_id = ? AND key = ?",
                arguments: [plan.after.status.rawValue, plan.after.fact, plan.after.report, roadmapID, key])
            for evidence in plan.addedEvidence(roadmap: roadmapID, key: key) { try evidence.insert(db) }
            return try plan.records(roadmap: roadmapID, key: key, at: date).map { try Self.record($0, db) }
        }
    }

    /// Changes the plan of one activity (title, timing, responsible) in one transaction, after
    /// `check` accepts it (it sees the roadmap and the activity before). On an approved
    /// roadmap every changed field is recorded as an amendment.
    ///
    /// - Returns: the history entries written.
    @discardableResult
    public func amend(
        roadmap roadmapID: String, activity key: String, _ change: PlanChange, at date: Date,
        check: (Roadmap, Activity) throws -> Void
    ) throws -> [HistoryEntry] {
        try writeTransaction { db in
            let plan = try PlannedAmendment(roadmap: try Self.loadRoadmap(db, id: roadmapID), id: roadmapID, key: key,
                                            change: change, check: check)
            for difference in plan.differences {
                try db.execute(sql: "UPDATE activity SET \(PlannedAmendment.column(difference.field)) = ? WHERE roadmap_id = ? AND key = ?",
                               arguments: [difference.new, roadmapID, key])
            }
            return try plan.records(key: key, change: change, at: date).map { try Self.record($0, db) }
        }
    }

    /// Records the approval of a roadmap (the order's issuer, number and date) after `check`
    /// accepts it, with who and when in the history.
    @discardableResult
    public func approve(
        roadmap roadmapID: String, _ approval: Approval, actor: Actor, reason: String?, at date: Date,
        check: (Roadmap) throws -> Void
    ) throws -> HistoryEntry {
        try writeTransaction { db in
            guard let roadmap = try Self.loadRoadmap(db, id: roadmapID) else { throw StoreError.noRoadmap(id: roadmapID) }
            try check(roadmap)
            try db.execute(sql: "UPDATE roadmap SET approval = ? WHERE id = ?", arguments: [approval.columnText, roadmapID])
            return try Self.record(.approval(approval, of: roadmap, actor: actor, reason: reason, at: date), db)
        }
    }

    /// Stores an uploaded file once, whichever activities cite it (content-addressed).
    static func store(_ file: EvidenceFile, at date: Date, _ db: Database) throws {
        try db.execute(
            sql: "INSERT OR IGNORE INTO evidence_file (sha256, media_type, size, bytes, created_at) VALUES (?, ?, ?, ?, ?)",
            arguments: [file.sha256, file.mediaType, file.bytes.count, Data(file.bytes), date])
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
    public func history(roadmap roadmapID: String, activity key: String?, since: Date?,
                        amendments: Bool) throws(StoreError) -> [HistoryEntry] {
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
