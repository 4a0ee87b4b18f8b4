public import Foundation
internal import GRDB
public import KartaCore

/// Karta's database: a SQLite file in WAL mode.
///
/// How it is opened (``OpenMode``) decides what may happen to the file: a command that only
/// reads never creates, migrates or writes it; only a command that creates a database makes
/// a new file or migrates an older Karta database; and a file that is not Karta's database,
/// or one of a newer schema, is refused in every mode without a byte changed
/// (``DatabaseFile``).
///
/// Every public method is one transaction: a roadmap is saved whole or not at all.
public final class KartaDatabase: RoadmapStore {
    private let pool: DatabasePool
    /// The file the database lives in.
    public let path: String

    /// The file's path.
    public var location: String { path }

    /// What opening a database may do to its file.
    public enum OpenMode: Sendable {
        /// Read only: the file must exist and be Karta's database of the current schema; a
        /// write fails.
        case readOnly
        /// Read and record: the file must exist and be Karta's database of the current schema.
        case readWrite
        /// Create the file when there is none, or migrate Karta's database of an older schema.
        case create
    }

    /// `PRAGMA application_id` of Karta's databases ("KART"), in bytes 68-71 of the file.
    public static let applicationID: UInt32 = 0x4B41_5254

    /// The actor `karta demo` imports as: a database whose history holds only its imports may
    /// be replaced by the next demo (``DatabaseFile/holdsOnlyDemo``).
    public static let demoActor = Actor(role: "demo")

    /// Opens the database at `path` as `mode` allows (see ``OpenMode``).
    ///
    /// - Throws: ``StoreError/noDatabase(path:)`` for a missing file when reading or
    ///   recording, ``StoreError/notKarta(path:reason:)`` for any file that is not Karta's
    ///   database, ``StoreError/newerSchema(path:unknown:)`` and
    ///   ``StoreError/olderSchema(path:pending:)`` for a schema this mode cannot use.
    public init(path: String, mode: OpenMode = .create) throws(StoreError) {
        self.path = path
        switch (try DatabaseFile.inspect(path).content, mode) {
        case (.missing, .readOnly), (.missing, .readWrite):
            throw .noDatabase(path: path)
        case (.karta(.newer(let unknown)), _):
            throw .newerSchema(path: path, unknown: unknown)
        case (.karta(.older(let pending)), .readOnly), (.karta(.older(let pending)), .readWrite):
            throw .olderSchema(path: path, pending: pending)
        case (.missing, .create), (.karta, _):
            break
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.foreignKeysEnabled = true
        configuration.readonly = mode == .readOnly
        do {
            if mode == .create {
                let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            }
            pool = try DatabasePool(path: path, configuration: configuration)
            if mode == .create { try Migrations.migrator.migrate(pool) }
        } catch {
            throw StoreError.cannotOpen(path: path, reason: "\(error)")
        }
    }

    /// A new database at `path` for `karta demo`, replacing what is there only when it is
    /// ``DatabaseFile/isReplaceable`` (nothing, or a database the demo made and nothing
    /// changed since) or when `force` is set. A folder is never replaced.
    ///
    /// - Throws: ``StoreError/wouldDestroy(path:reason:)`` when the file holds anything
    ///   else, and the file is left as it was.
    public static func replacingDemo(path: String, force: Bool) throws(StoreError) -> KartaDatabase {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw .notKarta(path: path, reason: "it is a folder")
        }
        if !force {
            let file: DatabaseFile
            do throws(StoreError) {
                file = try DatabaseFile.inspect(path)
            } catch {
                guard case .notKarta(_, let reason) = error else { throw error }
                throw .wouldDestroy(path: path, reason: reason)
            }
            guard file.isReplaceable else {
                let holds = file.beyondDemo.isEmpty ? "a schema this program does not make" : file.beyondDemo.joined(separator: ", ")
                throw .wouldDestroy(path: path, reason: "it is a Karta database with \(holds)")
            }
        }
        for file in ["", "-wal", "-shm", "-journal"].map({ path + $0 }) {
            // attributesOfItem does not follow a symbolic link: a link is removed, not its target.
            guard (try? FileManager.default.attributesOfItem(atPath: file)) != nil else { continue }
            do {
                try FileManager.default.removeItem(atPath: file)
            } catch {
                throw .cannotOpen(path: file, reason: "cannot remove it: \(error.localizedDescription)")
            }
        }
        return try KartaDatabase(path: path, mode: .create)
    }

    /// SQLite's own check of the file: `ok`, or what is damaged.
    public func integrityCheck() throws(StoreError) -> String {
        try read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "\n") }
    }

    /// Names of the migrations applied, in order.
    public func appliedMigrations() throws(StoreError) -> [String] {
        try read { db in try Migrations.migrator.appliedMigrations(db) }
    }

    /// Stores roadmaps in one transaction as `next` hands them over, until it returns nil: all
    /// of them, or none when `next` or the database throws. Lets a caller store one roadmap
    /// while it is still reading the next; `next`'s own errors pass through unchanged.
    public func save(replace: Bool, actor: Actor, at date: Date, from next: () throws -> Roadmap?) throws {
        let stamp = ColumnValue(date)
        try writeTransaction { db in
            while let roadmap = try next() { try Self.insert(roadmap, replace: replace, actor: actor, at: date, stamp: stamp, db) }
        }
    }

    private static func insert(_ roadmap: Roadmap, replace: Bool, actor: Actor, at date: Date, stamp: ColumnValue, _ db: Database) throws {
        var replaced = false
        let exists = try db.cachedStatement(sql: "SELECT 1 FROM roadmap WHERE id = ?")
        if try Row.fetchOne(exists, arguments: [roadmap.id]) != nil {
            guard replace else { throw StoreError.roadmapExists(id: roadmap.id) }
            let approval = try String.fetchOne(db, sql: "SELECT approval FROM roadmap WHERE id = ?", arguments: [roadmap.id])
            if let order = Approval(columnText: approval)?.printed {
                throw StoreError.approved(id: roadmap.id, order: order)
            }
            _ = try RoadmapRecord.deleteOne(db, key: roadmap.id)
            replaced = true
        }
        try db.cachedStatement(sql: HistoryRecord.insertSQL)
            .insert(HistoryRecord.imported(roadmap, replaced: replaced, actor: actor, at: date).insertValues(stamp: stamp))
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
    public func forEachRoadmap(ids: [String]?, _ body: (Roadmap) throws -> Void) throws {
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
    /// No file at this path, and the command only reads or records.
    case noDatabase(path: String)
    /// The file is not Karta's database (a folder, empty, text, another application's).
    case notKarta(path: String, reason: String)
    /// Karta's database of a newer schema than this program knows.
    case newerSchema(path: String, unknown: [String])
    /// Karta's database of an older schema, not migrated yet.
    case olderSchema(path: String, pending: [String])
    /// Creating a database here would destroy what the file holds.
    case wouldDestroy(path: String, reason: String)
    /// A roadmap with this id is already stored.
    case roadmapExists(id: String)
    /// The stored data does not decode (a newer or damaged database).
    case corrupt(String)
    /// The engine reported an error.
    case database(String)
    /// The database server cannot be reached or went away (PostgreSQL restarting): nothing
    /// of the failed call was committed unless said otherwise, and the next call connects again.
    case unavailable(location: String, reason: String)
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
        case let .noDatabase(path): "\(path): no such database (a command that only reads or records never creates one)"
        case let .notKarta(path, reason): "\(path) is not a Karta database: \(reason); it was left as it is"
        case let .newerSchema(path, unknown):
            "\(path) was written by a newer Karta (its schema has \(unknown.map { "'\($0)'" }.joined(separator: ", ")), unknown to this version); it was left as it is"
        case let .olderSchema(path, pending):
            "\(path) was written by an older Karta and is not migrated yet (\(pending.count) migration(s) pending: \(pending.joined(separator: ", "))); migrate it with a command that creates databases (karta init)"
        case let .wouldDestroy(path, reason):
            "\(path) would be replaced, but it holds data not made by this command: \(reason); it was left as it is"
        case let .roadmapExists(id): "roadmap '\(id)' is already stored (use --replace to replace it)"
        case let .corrupt(message): "stored data is damaged: \(message)"
        case let .database(message): "database error: \(message)"
        case let .unavailable(location, reason):
            "the database server \(location) is not answering: \(reason)"
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
