public import Foundation
public import KartaCore

// Text is ordered with COLLATE "C" (by bytes, as SQLite orders it), whatever the
// database's locale: lists and reports come out in the same order on both engines.

extension PostgresStore {
    public func integrityCheck() throws(StoreError) -> String {
        try transaction(readOnly: true) { session in
            var problems: [String] = []
            let checks = [
                ("sub-activities whose parent is missing",
                 "SELECT COUNT(*) FROM activity a WHERE a.parent_key IS NOT NULL AND NOT EXISTS (SELECT 1 FROM activity p WHERE p.roadmap_id = a.roadmap_id AND p.key = a.parent_key)"),
                ("evidence citing a file that is not stored",
                 "SELECT COUNT(*) FROM evidence e WHERE e.file IS NOT NULL AND NOT EXISTS (SELECT 1 FROM evidence_file f WHERE f.sha256 = e.file)"),
                ("evidence files whose size differs from their bytes",
                 "SELECT COUNT(*) FROM evidence_file WHERE size <> octet_length(bytes)"),
            ]
            for (name, sql) in checks {
                let count = try session.rows(sql).first?.number(0) ?? 0
                if count > 0 { problems.append("\(count) \(name)") }
            }
            return problems.isEmpty ? "ok" : problems.joined(separator: "\n")
        }
    }

    public func appliedMigrations() throws(StoreError) -> [String] {
        try read { session in
            try session.rows("SELECT name FROM karta_migration ORDER BY applied_at, name").map { try $0.string(0) }
        }
    }

    public func save(replace: Bool, actor: Actor, at date: Date, from next: () throws -> Roadmap?) throws {
        try transactionPassingErrors { session in
            var batch = PostgresBatch(session: session)
            var saved: Set<String> = []
            while let roadmap = try next() {
                // A roadmap of this very save is in the batch: write it before looking.
                if saved.contains(roadmap.id) { try batch.flush() }
                saved.insert(roadmap.id)
                let stored = try session.rows("SELECT approval FROM roadmap WHERE id = ? FOR UPDATE", [.text(roadmap.id)]).first
                if let stored {
                    guard replace else { throw StoreError.roadmapExists(id: roadmap.id) }
                    if let order = Approval(columnText: try stored.text(0))?.printed {
                        throw StoreError.approved(id: roadmap.id, order: order)
                    }
                    try session.execute("DELETE FROM roadmap WHERE id = ?", [.text(roadmap.id)])
                }
                let record = HistoryRecord.imported(roadmap, replaced: stored != nil, actor: actor, at: date)
                try batch.add(.history, record.postgresValues)
                try KartaDatabase.forEachRow(of: roadmap) { table, values in
                    try batch.add(PostgresBatch.Table(table), values.map(PostgresValue.init))
                }
            }
            try batch.flush()
        }
    }

    public func roadmap(id: String) throws(StoreError) -> Roadmap? {
        try transaction(readOnly: true) { session in try Self.loadRoadmap(session, id: id) }
    }

    public func forEachRoadmap(ids: [String]?, _ body: (Roadmap) throws -> Void) throws {
        try transactionPassingErrors(readOnly: true) { session in
            let ids = try ids ?? session.rows("SELECT id FROM roadmap ORDER BY region_code, id COLLATE \"C\"").map { try $0.string(0) }
            for id in ids {
                if let roadmap = try Self.loadRoadmap(session, id: id) { try body(roadmap) }
            }
        }
    }

    static func loadRoadmap(_ session: PostgresSession, id: String) throws -> Roadmap? {
        guard let row = try session.rows("SELECT \(RoadmapRecord.selection) FROM roadmap WHERE id = ?", [.text(id)]).first else {
            return nil
        }
        let activities = try session.rows("SELECT \(ActivityRecord.selection) FROM activity WHERE roadmap_id = ?", [.text(id)])
            .map { try ActivityRecord(columns: $0) }
        let evidence = try session.rows("SELECT \(EvidenceRecord.selection) FROM evidence WHERE roadmap_id = ?", [.text(id)])
            .map { try EvidenceRecord(columns: $0) }
        return try RoadmapRecord(columns: row).roadmap(activities: activities, evidence: evidence)
    }

    public func roadmapHeaders(plugin: String) throws(StoreError) -> [(id: String, plugin: String, municipality: String)] {
        try read { session in
            try session.rows("SELECT id, plugin, municipality FROM roadmap WHERE plugin = ? ORDER BY id COLLATE \"C\"", [.text(plugin)])
                .map { (try $0.string(0), try $0.string(1), try $0.string(2)) }
        }
    }

    public func roadmaps() throws(StoreError) -> [RoadmapSummary] {
        try read { session in
            try session.rows("""
                SELECT r.id, r.plugin, r.region_code, r.municipality, r.period, r.title,
                       (SELECT COUNT(*) FROM activity a WHERE a.roadmap_id = r.id AND a.parent_key IS NULL) AS activities,
                       (SELECT COUNT(*) FROM activity a WHERE a.roadmap_id = r.id AND a.status = 'done') AS done
                FROM roadmap r ORDER BY r.region_code, r.id COLLATE "C"
                """).map { row in
                RoadmapSummary(
                    id: try row.string(0), plugin: try row.string(1), regionCode: try row.number(2), municipality: try row.string(3),
                    period: try row.string(4), title: try row.string(5), activityCount: try row.number(6), doneCount: try row.number(7))
            }
        }
    }
}

/// Rows written many to a statement (`INSERT … VALUES (…), (…), …`): one round trip for
/// hundreds of rows instead of one each. Tables are written in the order foreign keys need
/// (roadmap, activity, evidence, history).
struct PostgresBatch {
    enum Table: Int, CaseIterable {
        case roadmap, activity, evidence, history

        init(_ table: KartaDatabase.StoredTable) {
            switch table {
            case .roadmap: self = .roadmap
            case .activity: self = .activity
            case .evidence: self = .evidence
            }
        }

        var name: String { ["roadmap", "activity", "evidence", "history"][rawValue] }

        var columns: String {
            switch self {
            case .roadmap: RoadmapRecord.selection
            case .activity: ActivityRecord.selection
            case .evidence: EvidenceRecord.selection
            case .history: HistoryRecord.columns
            }
        }
    }

    /// Bound values per statement, well under PostgreSQL's 65,535.
    static let valuesPerStatement = 20_000

    let session: PostgresSession
    private var rows: [[[PostgresValue]]] = Array(repeating: [], count: Table.allCases.count)
    private var pending = 0

    init(session: PostgresSession) { self.session = session }

    mutating func add(_ table: Table, _ values: [PostgresValue]) throws {
        rows[table.rawValue].append(values)
        pending += values.count
        if pending >= Self.valuesPerStatement { try flush() }
    }

    mutating func flush() throws {
        for table in Table.allCases where !rows[table.rawValue].isEmpty {
            let width = rows[table.rawValue][0].count
            let perStatement = max(1, Self.valuesPerStatement / width)
            var start = 0
            let all = rows[table.rawValue]
            while start < all.count {
                let chunk = all[start..<min(start + perStatement, all.count)]
                var number = 0
                let tuples = chunk.map { row in
                    "(" + row.map { _ in
                        number += 1
                        return "$\(number)"
                    }.joined(separator: ",") + ")"
                }
                try session.execute("INSERT INTO \(table.name) (\(table.columns)) VALUES \(tuples.joined(separator: ","))",
                                    chunk.flatMap { $0 }, numbered: true)
                start += perStatement
            }
            rows[table.rawValue] = []
        }
        pending = 0
    }
}
