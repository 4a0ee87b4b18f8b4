import Foundation
import KartaCore
internal import PostgresNIO

/// Karta's data in a region's shared PostgreSQL database, through PostgresNIO: the same
/// operations as ``KartaDatabase``, for every `karta serve` and CLI of a region at once.
///
/// Each method is one transaction on one connection taken from a small pool. Changes to a
/// roadmap lock its row first (`SELECT … FOR UPDATE`), so that concurrent changes of one
/// roadmap run one after another and none is lost. When the server goes away (a restart),
/// the failed call ends with ``StoreError/unavailable(location:reason:)`` and the next one
/// connects again, waiting a few seconds for the server to come back.
public final class PostgresStore: RoadmapStore, @unchecked Sendable {
    let address: PostgresAddress
    private let readOnly: Bool
    private let lock = NSLock()
    private var idle: [PostgresSession] = []

    /// The URL without its password.
    public var location: String { address.display }

    /// Opens the database at `url` as `mode` allows: `.create` applies the migrations not
    /// applied yet (under an advisory lock, so that two processes never migrate at once);
    /// `.readOnly` and `.readWrite` require Karta's schema, current.
    ///
    /// - Throws: ``StoreError/noDatabase(path:)`` when the database has no Karta schema and
    ///   the mode does not create one, ``StoreError/notKarta(path:reason:)`` when it holds
    ///   tables of Karta's names that Karta did not make, schema errors as for SQLite, and
    ///   ``StoreError/unavailable(location:reason:)`` when the server cannot be reached.
    public init(url: String, mode: KartaDatabase.OpenMode) throws(StoreError) {
        guard let address = PostgresAddress(url: url) else {
            throw .cannotOpen(path: url, reason: "not a PostgreSQL URL (postgres://USER@HOST:PORT/DATABASE)")
        }
        self.address = address
        readOnly = mode == .readOnly
        let applied = try transaction { session in try Self.appliedNames(session) }
        let known = PostgresMigrations.names
        guard let applied else {
            guard mode == .create else { throw StoreError.noDatabase(path: address.display) }
            try migrate()
            return
        }
        let unknown = applied.filter { !known.contains($0) }
        if !unknown.isEmpty { throw .newerSchema(path: address.display, unknown: unknown) }
        let pending = known.filter { !applied.contains($0) }
        if !pending.isEmpty {
            guard mode == .create else { throw .olderSchema(path: address.display, pending: pending) }
            try migrate()
        }
    }

    deinit {
        for session in idle { session.close() }
    }

    /// The names applied, or nil when the database has no Karta schema at all.
    ///
    /// - Throws: ``StoreError/notKarta(path:reason:)`` when Karta's tables are there
    ///   without Karta's record of migrations.
    private static func appliedNames(_ session: PostgresSession) throws -> [String]? {
        let present = try session.rows(
            "SELECT table_name::text FROM information_schema.tables WHERE table_schema = current_schema() AND table_name::text = ANY(string_to_array(?, ','))",
            [.text((PostgresMigrations.tables + ["karta_migration"]).joined(separator: ","))]
        ).map { try $0.string(0) }
        guard present.contains("karta_migration") else {
            if let other = present.first {
                throw StoreError.notKarta(path: session.address.display,
                                          reason: "its schema has a table '\(other)' that Karta did not make")
            }
            return nil
        }
        return try session.rows("SELECT name FROM karta_migration ORDER BY applied_at, name").map { try $0.string(0) }
    }

    private func migrate() throws(StoreError) {
        try transaction { session in
            // One migrating process at a time; the others find the work done.
            try session.execute("SELECT pg_advisory_xact_lock(?)", [.integer(Int(KartaDatabase.applicationID))])
            try session.execute(PostgresMigrations.table)
            let applied = Set(try session.rows("SELECT name FROM karta_migration").map { try $0.string(0) })
            for (index, migration) in PostgresMigrations.all.enumerated() where !applied.contains(migration.name) {
                for statement in migration.statements { try session.execute(statement) }
                // The order is kept in the stamp: applied_at sorts like the list.
                try session.execute("INSERT INTO karta_migration (name, applied_at) VALUES (?, ?)",
                                    [.text(migration.name), .text(Self.stamp(Date(), order: index))])
            }
        }
    }

    private static func stamp(_ date: Date, order: Int) -> String {
        guard case .text(let text) = ColumnValue(date) else { return "" }
        return "\(text) #\(String(format: "%03d", order))"
    }

    /// A store for `karta demo`: Karta's schema, emptied first when it is
    /// ``DatabaseFile/isReplaceable`` (holds only what an earlier demo stored) or when
    /// `force` is set; anything else is refused and left as it is.
    public static func replacingDemo(url: String, force: Bool) throws(StoreError) -> PostgresStore {
        let store = try PostgresStore(url: url, mode: .create)
        try store.transaction { session in
            // A schema with no row at all (just made, or by `karta init`) holds nothing to lose.
            let rows = try session.rows("SELECT " + PostgresMigrations.tables.map { "(SELECT COUNT(*) FROM \($0))" }.joined(separator: " + "))
            if !force, try rows.first?.number(0) != 0 {
                let beyond = try DatabaseFile.beyondDemo(tables: Set(PostgresMigrations.tables)) { sql throws(StoreError) in
                    do { return try session.rows(sql).first?.number(0) ?? 0 } catch { throw PostgresFailure(error).storeError(store.address, during: "reading") }
                }
                guard beyond.isEmpty else {
                    throw StoreError.wouldDestroy(path: store.location, reason: "it is a Karta database with \(beyond.joined(separator: ", "))")
                }
            }
            // TRUNCATE fires no row trigger: submissions go too, as the file does on SQLite.
            try session.execute("TRUNCATE \(PostgresMigrations.tables.joined(separator: ", ")) RESTART IDENTITY")
        }
        return store
    }

    // MARK: Transactions

    /// Runs `body` in one transaction on a pooled connection: committed when it returns,
    /// rolled back when it throws. Errors of `body` pass through unchanged; the engine's
    /// become ``StoreError``. A connection found closed when the transaction begins is
    /// replaced and the transaction begun again (nothing was sent yet).
    func transaction<T>(readOnly: Bool = false, _ body: (PostgresSession) throws -> T) throws(StoreError) -> T {
        do {
            return try transactionPassingErrors(readOnly: readOnly, body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw .database("\(error)")
        }
    }

    /// A read of one statement, which PostgreSQL runs as a transaction of its own: without
    /// BEGIN and COMMIT, two round trips fewer. A pooled connection found closed is replaced
    /// and the read made again (reading twice changes nothing).
    func read<T>(_ body: (PostgresSession) throws -> T) throws(StoreError) -> T {
        var fresh = false
        while true {
            let session = try checkOut(fresh: fresh)
            do {
                let result = try body(session)
                checkIn(session)
                return result
            } catch {
                session.close()
                let failure = PostgresFailure(error)
                guard failure.isConnectionLost, !fresh else { throw failure.storeError(address, during: "reading") }
                fresh = true
            }
        }
    }

    /// ``transaction(readOnly:_:)`` whose body's own errors (a refusal) pass through unchanged.
    func transactionPassingErrors<T>(readOnly: Bool = false, _ body: (PostgresSession) throws -> T) throws -> T {
        var session = try checkOut()
        let begin = readOnly ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN"
        do {
            try session.execute(begin)
        } catch {
            session.close()
            guard PostgresFailure(error).isConnectionLost else { throw PostgresFailure(error).storeError(address, during: "beginning") }
            session = try checkOut(fresh: true)
            do { try session.execute(begin) } catch {
                session.close()
                throw PostgresFailure(error).storeError(address, during: "beginning a transaction")
            }
        }
        let result: T
        do {
            result = try body(session)
        } catch {
            let failure = PostgresFailure(error)
            // A connection the server closed while the body ran (a restart while a plugin
            // decided) fails whatever the body threw: it was rolled back by the server.
            if failure.isConnectionLost || session.isClosed {
                session.close()
                throw StoreError.unavailable(location: address.display,
                                             reason: "\(failure.message); the transaction was rolled back, nothing of it was stored")
            }
            if error is PSQLError || error is PostgresDecodingError {
                // The engine's error: the connection is not reused; closing it rolls back.
                session.close()
            } else {
                do {
                    try session.execute("ROLLBACK")
                    checkIn(session)
                } catch {
                    session.close()
                }
            }
            // The engine's errors become the store's; the body's own (a refusal) pass through.
            if error is PSQLError || error is PostgresDecodingError { throw failure.storeError(address, during: "writing") }
            throw error
        }
        do {
            try session.execute("COMMIT")
        } catch {
            session.close()
            let failure = PostgresFailure(error)
            if failure.isConnectionLost {
                throw StoreError.unavailable(
                    location: address.display,
                    reason: "\(failure.message), while committing: the server may or may not have stored it — look at the history before repeating it")
            }
            throw failure.storeError(address, during: "committing")
        }
        checkIn(session)
        return result
    }

    private func checkOut(fresh: Bool = false) throws(StoreError) -> PostgresSession {
        if !fresh {
            while let session = lock.withLock({ idle.popLast() }) {
                if !session.isClosed { return session }
            }
        }
        return try PostgresSession.connect(address, readOnly: readOnly)
    }

    private func checkIn(_ session: PostgresSession) {
        guard !session.isClosed else { return }
        let kept = lock.withLock { () -> Bool in
            guard idle.count < 8 else { return false }
            idle.append(session)
            return true
        }
        if !kept { session.close() }
    }
}
