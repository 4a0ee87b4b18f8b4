import Foundation
internal import GRDB
import KartaCore

extension KartaDatabase {
    public func bundleIDs() throws(StoreError) -> [String] {
        try read { db in
            try String.fetchAll(db, sql: "SELECT id FROM roadmap UNION SELECT roadmap_id FROM history UNION SELECT roadmap_id FROM submission ORDER BY 1")
        }
    }

    public func bundle(roadmap roadmapID: String) throws(StoreError) -> RoadmapBundle {
        try read { db in
            let history = try HistoryRecord.filter(Column("roadmap_id") == roadmapID).order(Column("id")).fetchAll(db).map(\.entry)
            let files = try Row.fetchAll(db, sql: """
                SELECT sha256, media_type, bytes FROM evidence_file
                WHERE sha256 IN (SELECT file FROM evidence WHERE roadmap_id = ? AND file IS NOT NULL) ORDER BY sha256
                """, arguments: [roadmapID]).map { row in
                EvidenceFile(sha256: row["sha256"], mediaType: row["media_type"], bytes: [UInt8](row["bytes"] as Data))
            }
            return RoadmapBundle(id: roadmapID, roadmap: try Self.loadRoadmap(db, id: roadmapID), history: history,
                                 submissions: try Self.submissions(db, roadmap: roadmapID, files: true), files: files)
        }
    }

    public func storedAccounts() throws(StoreError) -> [StoredAccount] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM account ORDER BY login").map { row in
                StoredAccount(account: try Self.account(row), passwordHash: row["password_hash"], createdAt: row["created_at"])
            }
        }
    }

    public func restore(bundles: [RoadmapBundle], accounts: [StoredAccount], replace: Bool) throws {
        try writeTransaction { db in
            let statements = try StoredTable.allCases.map { try db.cachedStatement(sql: $0.insertSQL) }
            let history = try db.cachedStatement(sql: HistoryRecord.insertSQL)
            for bundle in bundles {
                let id = bundle.id
                let held = try Int.fetchOne(db, sql: """
                    SELECT (SELECT COUNT(*) FROM roadmap WHERE id = ?1) + (SELECT COUNT(*) FROM history WHERE roadmap_id = ?1)
                    """, arguments: [id]) ?? 0
                if held > 0 {
                    guard replace else { throw StoreError.roadmapExists(id: id) }
                    try db.execute(sql: "DELETE FROM roadmap WHERE id = ?", arguments: [id])
                    try db.execute(sql: "DELETE FROM history WHERE roadmap_id = ?", arguments: [id])
                }
                if let roadmap = bundle.roadmap {
                    try Self.forEachRow(of: roadmap) { table, values in try statements[table.rawValue].insert(values) }
                }
                for entry in bundle.history {
                    try history.insert(HistoryRecord(entry).insertValues(stamp: ColumnValue(entry.at)))
                }
                for submission in try Submission.missing(bundle.submissions, from: try Self.submissions(db, roadmap: id, files: true)) {
                    try Self.insert(submission, db)
                }
                for file in bundle.files { try Self.store(file, at: bundle.history.last?.at ?? Date(), db) }
            }
            for stored in accounts {
                if try Row.fetchOne(db, sql: "SELECT 1 FROM account WHERE login = ?", arguments: [stored.account.login]) != nil {
                    guard replace else { throw StoreError.accountExists(login: stored.account.login) }
                    try db.execute(sql: "DELETE FROM account WHERE login = ?", arguments: [stored.account.login])
                }
                try Self.insert(stored.account, passwordHash: stored.passwordHash, at: stored.createdAt, db)
            }
        }
    }
}

extension HistoryRecord {
    /// The record of an entry read back, for a copy (the id is left to the database).
    init(_ entry: HistoryEntry) {
        self.init(id: nil, roadmapId: entry.roadmapID, activityKey: entry.activityKey, at: entry.at, actorRole: entry.actor.role,
                  actorName: entry.actor.name, field: entry.field, oldValue: entry.oldValue, newValue: entry.newValue,
                  reason: entry.reason, transition: entry.transition, amendment: entry.amendment)
    }
}
