internal import Foundation
internal import GRDBSQLite

/// What a path holds before Karta opens it: nothing, or Karta's database (of which schema,
/// and whether only `karta demo` wrote to it). Anything else — a folder, an empty file, text,
/// another application's SQLite database — is refused by ``inspect(_:)`` with
/// ``StoreError/notKarta(path:reason:)``.
///
/// Looking changes no byte: the header is read as bytes (SQLite's magic and
/// `PRAGMA application_id`), and the schema through a read-only SQLite connection that is
/// `immutable` unless the database is open elsewhere (its `-wal` and `-shm` files exist), so
/// that not even a `-shm` file appears beside a file that is not Karta's. Should that look
/// fail on a file whose header says Karta's (another process checkpointing under it), it is
/// read again as SQLite shares the file, waiting for locks.
public struct DatabaseFile: Sendable, Equatable {
    /// What the path holds.
    public enum Content: Sendable, Equatable {
        /// No file at all.
        case missing
        /// Karta's database, with this schema.
        case karta(Schema)
    }

    /// A Karta database's schema against the migrations this program knows.
    public enum Schema: Sendable, Equatable {
        /// Every migration this program knows is applied, and no other.
        case current
        /// Made by an older Karta: these migrations are not applied yet.
        case older(pending: [String])
        /// Made by a newer Karta: these applied migrations are unknown here.
        case newer(unknown: [String])
    }

    /// The path looked at.
    public let path: String
    /// What it holds.
    public let content: Content
    /// What the database holds besides the demo's own imports, in words («2 history
    /// entries not made by karta demo», «1 submission», «1 account», «nothing imported by karta
    /// demo»); empty when it holds only what `karta demo` stored and nothing recorded since.
    public let beyondDemo: [String]

    /// True when the database holds only what `karta demo` stored (its imports) and nothing
    /// recorded since: no other history entry, no submission, no account, no evidence file.
    public var holdsOnlyDemo: Bool { content != .missing && beyondDemo.isEmpty }

    /// Whether the path holds nothing, or a database that `karta demo` made and nothing
    /// changed since, which a new demo may replace.
    public var isReplaceable: Bool { content == .missing || (content == .karta(.current) && holdsOnlyDemo) }

    /// Looks at `path` without changing it.
    ///
    /// - Throws: ``StoreError/notKarta(path:reason:)`` when the path holds something other
    ///   than Karta's database.
    public static func inspect(_ path: String) throws(StoreError) -> DatabaseFile {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            return DatabaseFile(path: path, content: .missing, beyondDemo: [])
        }
        if isFolder.boolValue { throw .notKarta(path: path, reason: "it is a folder") }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .notKarta(path: path, reason: "it cannot be read")
        }
        let header = [UInt8]((try? handle.read(upToCount: 100)) ?? Data())
        try? handle.close()
        if header.isEmpty { throw .notKarta(path: path, reason: "the file is empty") }
        guard header.count == 100, header.starts(with: Array("SQLite format 3\0".utf8)) else {
            throw .notKarta(path: path, reason: "it is not an SQLite database")
        }
        let applicationID = header[68..<72].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        guard applicationID == 0 || applicationID == KartaDatabase.applicationID else {
            throw .notKarta(path: path, reason: String(format: "it is another application's SQLite database (application id 0x%08X)", applicationID))
        }
        let schema: SchemaReader
        do throws(StoreError) {
            schema = try SchemaReader(path: path, shared: false)
        } catch {
            guard applicationID == KartaDatabase.applicationID else { throw error }
            schema = try SchemaReader(path: path, shared: true)
        }
        defer { schema.close() }
        var applied: [String] = []
        if schema.tables.contains("grdb_migrations") { applied = try schema.strings("SELECT identifier FROM grdb_migrations") }
        guard applicationID == KartaDatabase.applicationID || applied.contains(Migrations.first) else {
            throw .notKarta(path: path, reason: "it is an SQLite database without Karta's tables")
        }
        let known = Migrations.migrator.migrations
        let unknown = applied.filter { !known.contains($0) }
        let pending = known.filter { !applied.contains($0) }
        let content: Content = .karta(!unknown.isEmpty ? .newer(unknown: unknown) : !pending.isEmpty ? .older(pending: pending) : .current)
        return DatabaseFile(path: path, content: content, beyondDemo: try schema.beyondDemo())
    }
}

extension DatabaseFile {
    /// What a Karta database holds besides what `karta demo` stored, in words (see
    /// ``beyondDemo``), on either engine: `count` runs a `SELECT COUNT(*)` and `tables` are
    /// the tables the schema has.
    static func beyondDemo(tables: Set<String>, count: (String) throws(StoreError) -> Int) throws(StoreError) -> [String] {
        guard tables.contains("history") else { return ["no history"] }
        let demo = "actor_role = '\(KartaDatabase.demoActor.role)' AND field = 'roadmap' AND activity_key = ''"
        var found: [String] = []
        if try count("SELECT COUNT(*) FROM history WHERE \(demo)") == 0 { found.append("nothing imported by karta demo (another command made it)") }
        let others = try count("SELECT COUNT(*) FROM history WHERE NOT (\(demo))")
        if others > 0 { found.append("\(others) history \(others == 1 ? "entry" : "entries") not made by karta demo") }
        for (table, name) in [("submission", "submission"), ("account", "account"), ("evidence_file", "evidence file")] where tables.contains(table) {
            let rows = try count("SELECT COUNT(*) FROM \(table)")
            if rows > 0 { found.append("\(rows) \(name)\(rows == 1 ? "" : "s")") }
        }
        return found
    }
}

/// A read-only look at an SQLite file's schema through SQLite's C API, creating no file.
private struct SchemaReader {
    let path: String
    let connection: OpaquePointer
    let tables: Set<String>

    /// - Parameter shared: read as SQLite shares the file, else `immutable` unless its `-wal`
    ///   and `-shm` exist (it is, or was, open elsewhere).
    init(path: String, shared: Bool) throws(StoreError) {
        self.path = path
        let fileManager = FileManager.default
        let inUse = fileManager.fileExists(atPath: path + "-wal") && fileManager.fileExists(atPath: path + "-shm")
        let uri = URL(fileURLWithPath: path).absoluteString + (shared || inUse ? "?mode=ro" : "?immutable=1")
        var connection: OpaquePointer?
        let code = sqlite3_open_v2(uri, &connection, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, nil)
        guard code == SQLITE_OK, let connection else {
            let message = connection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) } ?? "code \(code)"
            sqlite3_close(connection)
            throw .notKarta(path: path, reason: "it cannot be opened as an SQLite database: \(message)")
        }
        self.connection = connection
        // Other processes may hold the file (a writer's checkpoint, the last one closing).
        sqlite3_busy_timeout(connection, 10_000)
        do {
            tables = Set(try Self.strings("SELECT name FROM sqlite_master WHERE type = 'table'", connection, path))
        } catch {
            sqlite3_close(connection)
            // Only SQLite's own verdict on the bytes makes it not a database; anything else
            // (busy, no memory, an I/O error) is a failure to look.
            guard error.code == SQLITE_NOTADB || error.code == SQLITE_CORRUPT else {
                throw .cannotOpen(path: path, reason: error.reason)
            }
            throw .notKarta(path: path, reason: "it is not an SQLite database (\(error.reason))")
        }
    }

    func close() { sqlite3_close(connection) }

    func strings(_ sql: String) throws(StoreError) -> [String] {
        do { return try Self.strings(sql, connection, path) } catch { throw .cannotOpen(path: path, reason: error.reason) }
    }

    func count(_ sql: String) throws(StoreError) -> Int {
        let value = try strings(sql).first
        return value.flatMap { Int($0) } ?? 0
    }

    /// What is in the history besides the demo's imports, and in the tables that hold work
    /// recorded by people.
    func beyondDemo() throws(StoreError) -> [String] {
        try DatabaseFile.beyondDemo(tables: tables, count: count)
    }

    struct Failure: Error {
        var code: Int32
        var reason: String
    }

    private static func strings(_ sql: String, _ connection: OpaquePointer, _ path: String) throws(Failure) -> [String] {
        var statement: OpaquePointer?
        defer { sqlite3_finalize(statement) }
        let prepared = sqlite3_prepare_v2(connection, sql, -1, &statement, nil)
        guard prepared == SQLITE_OK else {
            throw Failure(code: prepared & 0xFF, reason: String(cString: sqlite3_errmsg(connection)))
        }
        var result: [String] = []
        while true {
            let code = sqlite3_step(statement)
            if code == SQLITE_DONE { return result }
            guard code == SQLITE_ROW else { throw Failure(code: code & 0xFF, reason: String(cString: sqlite3_errmsg(connection))) }
            result.append(sqlite3_column_text(statement, 0).map { String(cString: $0) } ?? "")
        }
    }
}
