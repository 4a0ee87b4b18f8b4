public import Foundation
public import KartaCore
internal import GRDB

extension PostgresStore {
    /// Locks the roadmap's row for the rest of the transaction: changes of one roadmap wait
    /// for each other, so each reads what the one before wrote and no update is lost.
    private static func lockedRoadmap(_ session: PostgresSession, id: String) throws -> Roadmap? {
        guard try !session.rows("SELECT 1 FROM roadmap WHERE id = ? FOR UPDATE", [.text(id)]).isEmpty else { return nil }
        return try loadRoadmap(session, id: id)
    }

    @discardableResult
    public func change(roadmap roadmapID: String, activity key: String, _ change: ActivityChange, files: [EvidenceFile],
                       at date: Date, resolve: (Roadmap, Activity, ActivityChange) throws -> ActivityChange) throws -> [HistoryEntry] {
        try transactionPassingErrors { session in
            let plan = try PlannedChange(roadmap: try Self.lockedRoadmap(session, id: roadmapID), id: roadmapID, key: key,
                                         change: change, resolve: resolve)
            for file in files { try Self.store(file, at: date, session) }
            try session.execute("UPDATE activity SET status = ?, fact = ?, report = ? WHERE roadmap_id = ? AND key = ?",
                                [.text(plan.after.status.rawValue), PostgresValue(plan.after.fact), PostgresValue(plan.after.report),
                                 .text(roadmapID), .text(key)])
            for evidence in plan.addedEvidence(roadmap: roadmapID, key: key) {
                try session.execute("INSERT INTO evidence (\(EvidenceRecord.selection)) VALUES (?, ?, ?, ?, ?, ?)",
                                    evidence.insertValues().map(PostgresValue.init))
            }
            return try plan.records(roadmap: roadmapID, key: key, at: date).map { try Self.record($0, session) }
        }
    }

    @discardableResult
    public func amend(roadmap roadmapID: String, activity key: String, _ change: PlanChange, at date: Date,
                      check: (Roadmap, Activity) throws -> Void) throws -> [HistoryEntry] {
        try transactionPassingErrors { session in
            let plan = try PlannedAmendment(roadmap: try Self.lockedRoadmap(session, id: roadmapID), id: roadmapID, key: key,
                                            change: change, check: check)
            for difference in plan.differences {
                try session.execute("UPDATE activity SET \(PlannedAmendment.column(difference.field)) = ? WHERE roadmap_id = ? AND key = ?",
                                    [PostgresValue(difference.new), .text(roadmapID), .text(key)])
            }
            return try plan.records(key: key, change: change, at: date).map { try Self.record($0, session) }
        }
    }

    @discardableResult
    public func approve(roadmap roadmapID: String, _ approval: Approval, actor: Actor, reason: String?, at date: Date,
                        check: (Roadmap) throws -> Void) throws -> HistoryEntry {
        try transactionPassingErrors { session in
            guard let roadmap = try Self.lockedRoadmap(session, id: roadmapID) else { throw StoreError.noRoadmap(id: roadmapID) }
            try check(roadmap)
            try session.execute("UPDATE roadmap SET approval = ? WHERE id = ?", [.text(approval.columnText), .text(roadmapID)])
            return try Self.record(.approval(approval, of: roadmap, actor: actor, reason: reason, at: date), session)
        }
    }

    static func record(_ record: HistoryRecord, _ session: PostgresSession) throws -> HistoryEntry {
        var record = record
        let placeholders = Array(repeating: "?", count: record.postgresValues.count).joined(separator: ", ")
        record.id = try session.rows("INSERT INTO history (\(HistoryRecord.columns)) VALUES (\(placeholders)) RETURNING id",
                                     record.postgresValues).first.map { Int64(try $0.number(0)) }
        return record.entry
    }

    static func store(_ file: EvidenceFile, at date: Date, _ session: PostgresSession) throws {
        try session.execute(
            "INSERT INTO evidence_file (sha256, media_type, size, bytes, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING",
            [.text(file.sha256), .text(file.mediaType), .integer(file.bytes.count), .bytes(file.bytes), PostgresValue(date)])
    }

    public func history(roadmap roadmapID: String, activity key: String?, since: Date?,
                        amendments: Bool) throws(StoreError) -> [HistoryEntry] {
        try read { session in
            var sql = "SELECT id, \(HistoryRecord.columns) FROM history WHERE roadmap_id = ?"
            var values: [PostgresValue] = [.text(roadmapID)]
            if let key {
                // The key and its sub-activities' keys, compared as text, never as a pattern.
                sql += " AND (activity_key = ? OR substr(activity_key, 1, length(?)) = ?)"
                values += [.text(key), .text(key + "."), .text(key + ".")]
            }
            if let since {
                sql += " AND at > ?"
                values.append(PostgresValue(since))
            }
            if amendments { sql += " AND amendment" }
            return try session.rows(sql + " ORDER BY id", values).map { try Self.historyEntry($0) }
        }
    }

    /// An entry from `SELECT id, <HistoryRecord.columns>`.
    static func historyEntry(_ row: PostgresColumns) throws -> HistoryEntry {
        HistoryRecord(
            id: Int64(try row.number(0)), roadmapId: try row.string(1), activityKey: try row.string(2), at: try storedDate(row.string(3)),
            actorRole: try row.string(4), actorName: try row.text(5), field: try row.string(6), oldValue: try row.text(7),
            newValue: try row.text(8), reason: try row.text(9), transition: try row.text(10), amendment: try row.boolean(11)
        ).entry
    }
}

/// A time as both engines store it (`YYYY-MM-DD HH:MM:SS.SSS`, UTC).
func storedDate(_ text: String) throws -> Date {
    guard let date = Date.fromDatabaseValue(text.databaseValue) else { throw StoreError.corrupt("time '\(text)'") }
    return date
}
