public import Foundation
internal import GRDB
public import KartaCore

/// Karta's database: a SQLite file in WAL mode, migrated on open.
///
/// Every public method is one transaction: a roadmap is saved whole or not at all.
public final class KartaDatabase: Sendable {
    private let pool: DatabasePool
    /// The file the database lives in.
    public let path: String

    /// Opens (creating if needed) the database at `path` and applies pending migrations.
    public init(path: String) throws(StoreError) {
        self.path = path
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.foreignKeysEnabled = true
        do {
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            pool = try DatabasePool(path: path, configuration: configuration)
            try Migrations.migrator.migrate(pool)
        } catch {
            throw StoreError.cannotOpen(path: path, reason: "\(error)")
        }
    }

    /// SQLite's own check of the file: `ok`, or what is damaged.
    public func integrityCheck() throws(StoreError) -> String {
        try read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "\n") }
    }

    /// Names of the migrations applied, in order.
    public func appliedMigrations() throws(StoreError) -> [String] {
        try read { db in try Migrations.migrator.appliedMigrations(db) }
    }

    /// Stores a whole roadmap in one transaction.
    ///
    /// - Parameter replace: replace a stored roadmap with the same id; when false, an
    ///   existing id is an error and nothing changes.
    ///   - actor: who imports; the import is recorded in the roadmap's history.
    public func save(_ roadmap: Roadmap, replace: Bool = false, actor: Actor = Actor(role: "import"),
                     at date: Date = Date()) throws(StoreError) {
        try save([roadmap], replace: replace, actor: actor, at: date)
    }

    /// Stores several roadmaps in one transaction: all of them, or none.
    public func save(_ roadmaps: [Roadmap], replace: Bool = false, actor: Actor = Actor(role: "import"),
                     at date: Date = Date()) throws(StoreError) {
        var remaining = roadmaps.makeIterator()
        do {
            try save(replace: replace, actor: actor, at: date) { remaining.next() }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.database("\(error)")
        }
    }

    /// Stores roadmaps in one transaction as `next` hands them over, until it returns nil: all
    /// of them, or none when `next` or the database throws. Lets a caller store one roadmap
    /// while it is still reading the next; `next`'s own errors pass through unchanged.
    public func save(replace: Bool = false, actor: Actor = Actor(role: "import"), at date: Date = Date(),
                     from next: () throws -> Roadmap?) throws {
        let stamp = ColumnValue(date)
        try writeTransaction { db in
            while let roadmap = try next() { try Self.insert(roadmap, replace: replace, actor: actor, at: date, stamp: stamp, db) }
        }
    }

    private static func insert(_ roadmap: Roadmap, replace: Bool, actor: Actor, at date: Date, stamp: ColumnValue, _ db: Database) throws {
        var event = "imported"
        let exists = try db.cachedStatement(sql: "SELECT 1 FROM roadmap WHERE id = ?")
        if try Row.fetchOne(exists, arguments: [roadmap.id]) != nil {
            guard replace else { throw StoreError.roadmapExists(id: roadmap.id) }
            let approval = try String.fetchOne(db, sql: "SELECT approval FROM roadmap WHERE id = ?", arguments: [roadmap.id])
            if let approval, let stored = try? JSONDecoder().decode(Approval.self, from: Data(approval.utf8)),
               let order = stored.printed {
                throw StoreError.approved(id: roadmap.id, order: order)
            }
            _ = try RoadmapRecord.deleteOne(db, key: roadmap.id)
            event = "replaced"
        }
        try db.cachedStatement(sql: HistoryRecord.insertSQL).insert(HistoryRecord(
            roadmapId: roadmap.id, activityKey: "", at: date, actorRole: actor.role, actorName: actor.name,
            field: "roadmap", oldValue: nil, newValue: "\(event): \(roadmap.allActivities.count) activities",
            reason: nil
        ).insertValues(stamp: stamp))
        let statements = try StoredTable.allCases.map { try db.cachedStatement(sql: $0.insertSQL) }
        try forEachRow(of: roadmap) { table, values in try statements[table.rawValue].insert(values) }
    }

    /// The tables a roadmap is stored in, in the order of `allCases`.
    enum StoredTable: Int, CaseIterable {
        case roadmap, activity, evidence

        /// The table's prepared INSERT, values in the order of its record's `insertValues()`.
        var insertSQL: String {
            switch self {
            case .roadmap: RoadmapRecord.insertSQL
            case .activity: ActivityRecord.insertSQL
            case .evidence: EvidenceRecord.insertSQL
            }
        }
    }

    /// The rows that store a roadmap, in the order `save` writes them: the roadmap's, then
    /// each activity's in document order (`position` counting from 1), followed by its
    /// evidence.
    static func forEachRow(of roadmap: Roadmap, _ body: (StoredTable, [ColumnValue]) throws -> Void) throws {
        try body(.roadmap, RoadmapRecord(roadmap).insertValues())
        var position = 0
        func add(_ activity: Activity, parent: String?) throws {
            position += 1
            try body(.activity, ActivityRecord(activity, roadmapID: roadmap.id, position: position, parent: parent).insertValues())
            for (index, evidence) in activity.evidence.enumerated() {
                try body(.evidence, EvidenceRecord(
                    roadmapId: roadmap.id, activityKey: activity.key, position: index + 1,
                    title: evidence.title, url: evidence.url, file: evidence.file
                ).insertValues())
            }
            for child in activity.children { try add(child, parent: activity.key) }
        }
        for activity in roadmap.activities { try add(activity, parent: nil) }
    }

    /// Loads a whole roadmap, or nil when no roadmap has this id.
    public func roadmap(id: String) throws(StoreError) -> Roadmap? {
        try read { db in try Self.loadRoadmap(db, id: id) }
    }

    /// Loads the roadmaps with these ids (nil: every stored roadmap, ordered like
    /// ``roadmaps()``), in this order, one at a time in one read transaction, handing each
    /// to `body` (ids not stored are skipped). For many roadmaps (status of a region, every
    /// report): one transaction instead of one per roadmap, and only one roadmap in memory
    /// at a time. `body`'s own errors pass through unchanged.
    public func forEachRoadmap(ids: [String]? = nil, _ body: (Roadmap) throws -> Void) throws {
        try readTransaction { db in
            let ids = try ids ?? String.fetchAll(db, sql: "SELECT id FROM roadmap ORDER BY region_code, id")
            for id in ids {
                if let roadmap = try Self.loadRoadmap(db, id: id) { try body(roadmap) }
            }
        }
    }

    static func loadRoadmap(_ db: Database, id: String) throws -> Roadmap? {
        // Cached prepared statements: building and authorising the SQL each time cost
        // as much as running it (docs/performance.md). Activities come in key order and
        // are put in document order in Swift, which costs less than SQLite's sort.
        let roadmapStatement = try db.cachedStatement(sql: "SELECT \(RoadmapRecord.selection) FROM roadmap WHERE id = ?")
        guard let record = try RoadmapRecord.fetchOne(roadmapStatement, arguments: [id]) else { return nil }
        let activityStatement = try db.cachedStatement(sql: "SELECT \(ActivityRecord.selection) FROM activity WHERE roadmap_id = ?")
        let activities = try ActivityRecord.fetchAll(activityStatement, arguments: [id])
        let evidenceStatement = try db.cachedStatement(
            sql: "SELECT \(EvidenceRecord.selection) FROM evidence WHERE roadmap_id = ? ORDER BY activity_key, position")
        let evidence = try EvidenceRecord.fetchAll(evidenceStatement, arguments: [id])
        return try record.roadmap(activities: activities, evidence: evidence)
    }

    /// Id, plugin and municipality of every stored roadmap of one plugin, by id: what a
    /// scope is checked against, without counting anything.
    public func roadmapHeaders(plugin: String) throws(StoreError) -> [(id: String, plugin: String, municipality: String)] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT id, plugin, municipality FROM roadmap WHERE plugin = ? ORDER BY id", arguments: [plugin])
                .map { ($0["id"], $0["plugin"], $0["municipality"]) }
        }
    }

    /// Every stored roadmap, ordered by region code and id.
    public func roadmaps() throws(StoreError) -> [RoadmapSummary] {
        try read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT r.id, r.plugin, r.region_code, r.municipality, r.period, r.title,
                       (SELECT COUNT(*) FROM activity a WHERE a.roadmap_id = r.id AND a.parent_key IS NULL) AS activities,
                       (SELECT COUNT(*) FROM activity a WHERE a.roadmap_id = r.id AND a.status = 'done') AS done
                FROM roadmap r ORDER BY r.region_code, r.id
                """)
            return rows.map { row in
                RoadmapSummary(
                    id: row["id"], plugin: row["plugin"], regionCode: row["region_code"], municipality: row["municipality"],
                    period: row["period"], title: row["title"], activityCount: row["activities"], doneCount: row["done"])
            }
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try pool.read(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.database("\(error)")
        }
    }

    /// A write transaction whose body may throw errors of its own (a refusal), which pass
    /// through unchanged; database failures become `StoreError`.
    func writeTransaction<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.write(body)
        } catch let error as DatabaseError {
            throw StoreError.database("\(error)")
        }
    }

    /// A read transaction whose body may throw errors of its own, which pass through
    /// unchanged; database failures become `StoreError`.
    func readTransaction<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.read(body)
        } catch let error as DatabaseError {
            throw StoreError.database("\(error)")
        }
    }
}

/// One line of the roadmap list.
public struct RoadmapSummary: Sendable, Hashable {
    /// Roadmap id.
    public var id: String
    /// Plugin id.
    public var plugin: String
    /// Region code.
    public var regionCode: Int
    /// Municipality as printed.
    public var municipality: String
    /// Period as text (`2021`, `2020-2021`).
    public var period: String
    /// Title as printed.
    public var title: String
    /// Number of top-level activities.
    public var activityCount: Int
    /// Number of activities and sub-activities marked done.
    public var doneCount: Int
}

/// A failure of the store.
public enum StoreError: Error, Sendable, CustomStringConvertible {
    /// The database file could not be opened or migrated.
    case cannotOpen(path: String, reason: String)
    /// A roadmap with this id is already stored.
    case roadmapExists(id: String)
    /// The stored data does not decode (a newer or damaged database).
    case corrupt(String)
    /// SQLite reported an error.
    case database(String)
    /// No roadmap has this id.
    case noRoadmap(id: String)
    /// The roadmap has no activity with this key.
    case noActivity(roadmap: String, key: String)
    /// The change would leave the activity as it is.
    case nothingToChange(roadmap: String, key: String)
    /// The roadmap is approved: its plan changes only by amendment, never by replacing it.
    case approved(id: String, order: String)
    /// This reporting stage was submitted already; a submission never changes.
    case alreadySubmitted(roadmap: String, stage: String, at: Date, by: String)
    /// An account with this login exists.
    case accountExists(login: String)
    /// No account has this login.
    case noAccount(login: String)

    /// A sentence for the user.
    public var description: String {
        switch self {
        case let .cannotOpen(path, reason): "cannot open database \(path): \(reason)"
        case let .roadmapExists(id): "roadmap '\(id)' is already stored (use --replace to replace it)"
        case let .corrupt(message): "stored data is damaged: \(message)"
        case let .database(message): "database error: \(message)"
        case let .noRoadmap(id): "no roadmap '\(id)' is stored"
        case let .noActivity(roadmap, key): "roadmap '\(roadmap)' has no activity '\(key)'"
        case let .nothingToChange(roadmap, key): "\(roadmap) \(key): nothing to change (the activity already is so)"
        case let .approved(id, order):
            "roadmap '\(id)' is approved (\(order)): its plan changes only by amendment, activity by activity, never by replacing the roadmap"
        case let .accountExists(login): "an account '\(login)' exists already"
        case let .noAccount(login): "no account '\(login)'"
        case let .alreadySubmitted(roadmap, stage, at, by):
            "\(roadmap): stage '\(stage)' was submitted on \(ISO8601DateFormatter().string(from: at)) by \(by); a submitted report never changes"
        }
    }
}
