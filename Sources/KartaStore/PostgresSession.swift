import Foundation
internal import Logging
internal import NIOCore
internal import NIOPosix
internal import PostgresNIO

/// Where a PostgreSQL database is: `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE`, with
/// an optional `?host=/socket/dir` for a unix socket instead of TCP.
struct PostgresAddress: Sendable, Equatable {
    var user: String
    var password: String?
    var host: String
    var port: Int
    var database: String
    /// A folder holding the server's unix socket (`.s.PGSQL.PORT`), used instead of TCP.
    var socketFolder: String?

    /// Parses a `postgres://` or `postgresql://` URL; nil when `text` is not one.
    init?(url text: String) {
        guard text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") else { return nil }
        guard let components = URLComponents(string: text), let host = components.host, let user = components.user,
              !user.isEmpty else { return nil }
        self.user = user
        password = components.password
        self.host = host
        port = components.port ?? 5432
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        database = path.isEmpty ? user : path
        socketFolder = components.queryItems?.first { $0.name == "host" }?.value.flatMap { $0.hasPrefix("/") ? $0 : nil }
    }

    /// True when `text` means PostgreSQL (and is not a file path).
    static func isURL(_ text: String) -> Bool { text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") }

    /// The URL without the password, for messages.
    var display: String { "postgres://\(user)@\(host):\(port)/\(database)" + (socketFolder.map { "?host=\($0)" } ?? "") }

    func configuration(readOnly: Bool) -> PostgresConnection.Configuration {
        var configuration = socketFolder.map {
            PostgresConnection.Configuration(unixSocketPath: "\($0)/.s.PGSQL.\(port)", username: user, password: password, database: database)
        } ?? PostgresConnection.Configuration(host: host, port: port, username: user, password: password, database: database, tls: .disable)
        configuration.options.connectTimeout = .seconds(5)
        // Times are stored as text in UTC (as on SQLite); the session's own clock is UTC too.
        configuration.options.additionalStartupParameters = [("TimeZone", "UTC"), ("application_name", "karta")]
            + (readOnly ? [("default_transaction_read_only", "on")] : [])
        return configuration
    }
}

/// A value bound to a PostgreSQL statement.
enum PostgresValue {
    case text(String)
    case integer(Int)
    case boolean(Bool)
    case bytes([UInt8])
    case null

    init(_ value: ColumnValue) {
        switch value {
        case .text(let text): self = .text(text)
        case .integer(let number): self = .integer(number)
        case .null: self = .null
        }
    }

    init(_ text: String?) { self = text.map(PostgresValue.text) ?? .null }
    init(_ date: Date) { self = PostgresValue(ColumnValue(date)) }
}

extension HistoryRecord {
    /// The values of ``columns`` as PostgreSQL takes them (`amendment` a boolean).
    var postgresValues: [PostgresValue] {
        [.text(roadmapId), .text(activityKey), PostgresValue(at), .text(actorRole), PostgresValue(actorName), .text(field),
         PostgresValue(oldValue), PostgresValue(newValue), PostgresValue(reason), PostgresValue(transition), .boolean(amendment)]
    }
}

/// A row read back, by column position, as the shared record readers want it.
struct PostgresColumns: ColumnReading {
    let row: PostgresRandomAccessRow

    init(_ row: PostgresRow) { self.row = row.makeRandomAccess() }

    func text(_ column: Int) throws -> String? { try row[column].decode(String?.self) }
    func integer(_ column: Int) throws -> Int? { try row[column].decode(Int?.self) }
    func boolean(_ column: Int) throws -> Bool { try row[column].decode(Bool.self) }
    func bytes(_ column: Int) throws -> [UInt8] {
        guard let buffer = try row[column].decode(ByteBuffer?.self) else { return [] }
        return Array(buffer.readableBytesView)
    }
}

/// One connection to the server, used by one transaction at a time. Every call blocks its
/// thread until the server answers (the store's API is synchronous, as SQLite's is); the
/// connection's own work runs on ``PostgresSession/group``, never on the caller's thread.
final class PostgresSession: @unchecked Sendable {
    /// The event loops of every PostgreSQL connection of the process: their own threads, so
    /// that a caller on any other event loop (the web server's) may wait for an answer.
    static let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    private static let logger = Logger(label: "karta.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    let connection: PostgresConnection
    let address: PostgresAddress

    /// The statement waiting for its answer, failed when the connection closes: PostgresNIO
    /// does not always fail a statement written just as the server closes the connection (seen
    /// with `pg_ctl restart`), and a caller must never wait for an answer that cannot come.
    private let lock = NSLock()
    private var inFlight: EventLoopPromise<PostgresQueryResult>?

    private init(connection: PostgresConnection, address: PostgresAddress) {
        self.connection = connection
        self.address = address
        connection.closeFuture.whenComplete { [weak self] _ in
            guard let self else { return }
            self.lock.withLock { self.inFlight }?.fail(PostgresClosed())
        }
    }

    /// Connects, retrying for a few seconds while the server is not there yet or starting up
    /// (a restart), then failing with ``StoreError/unavailable(location:reason:)``.
    static func connect(_ address: PostgresAddress, readOnly: Bool, patience: TimeInterval = 8) throws(StoreError) -> PostgresSession {
        let deadline = Date().addingTimeInterval(patience)
        var pause = 0.05
        while true {
            do {
                let connection = try PostgresConnection.connect(
                    on: group.next(), configuration: address.configuration(readOnly: readOnly), id: 0, logger: logger).wait()
                return PostgresSession(connection: connection, address: address)
            } catch {
                let failure = PostgresFailure(error)
                guard failure.isConnectionLost, Date().addingTimeInterval(pause) < deadline else {
                    throw failure.storeError(address, during: "connecting")
                }
                Thread.sleep(forTimeInterval: pause)
                pause = min(pause * 2, 0.5)
            }
        }
    }

    var isClosed: Bool { connection.isClosed }

    func close() { try? connection.close().wait() }

    /// Runs one statement (`?` placeholders, numbered here) and returns its rows.
    @discardableResult
    func rows(_ sql: String, _ values: [PostgresValue] = []) throws -> [PostgresColumns] {
        try run(sql, values, numbered: false).rows.map(PostgresColumns.init)
    }

    /// Runs one statement and returns how many rows it changed; `numbered`: the SQL has
    /// PostgreSQL's `$1` placeholders already.
    @discardableResult
    func execute(_ sql: String, _ values: [PostgresValue] = [], numbered: Bool = false) throws -> Int {
        try run(sql, values, numbered: numbered).metadata.rows ?? 0
    }

    private func run(_ sql: String, _ values: [PostgresValue], numbered: Bool) throws -> PostgresQueryResult {
        var binds = PostgresBindings(capacity: values.count)
        for value in values {
            switch value {
            case .text(let text): binds.append(text)
            case .integer(let number): binds.append(number)
            case .boolean(let flag): binds.append(flag)
            case .bytes(let bytes): binds.append(ByteBuffer(bytes: bytes))
            case .null: binds.appendNull()
            }
        }
        let text = numbered ? sql : Self.numbered(sql)
        return try answer(connection.query(PostgresQuery(unsafeSQL: text, binds: binds), logger: Self.logger))
    }

    /// How long one statement may go unanswered before the connection is given up: far above
    /// any statement of Karta's, so that only a connection that went silent (a server gone
    /// without closing it) reaches it.
    static let silence: TimeAmount = .seconds(120)

    /// Waits for `future`; fails when the connection closes first, or when ``silence`` passes
    /// (then the connection is closed).
    private func answer(_ future: EventLoopFuture<PostgresQueryResult>) throws -> PostgresQueryResult {
        let promise = future.eventLoop.makePromise(of: PostgresQueryResult.self)
        lock.withLock { inFlight = promise }
        defer { lock.withLock { inFlight = nil } }
        future.cascade(to: promise)
        if connection.isClosed { promise.fail(PostgresClosed()) }
        let connection = connection
        let timer = future.eventLoop.scheduleTask(in: Self.silence) {
            promise.fail(PostgresSilence())
            let _: EventLoopFuture<Void> = connection.close()
        }
        defer { timer.cancel() }
        return try promise.futureResult.wait()
    }

    /// `?` placeholders (as SQLite's statements are written) as PostgreSQL's `$1`, `$2`, …;
    /// Karta's SQL has no `?` inside a literal.
    static func numbered(_ sql: String) -> String {
        guard sql.contains("?") else { return sql }
        var out = ""
        out.reserveCapacity(sql.utf8.count + 16)
        var count = 0
        for character in sql {
            if character == "?" {
                count += 1
                out += "$\(count)"
            } else {
                out.append(character)
            }
        }
        return out
    }
}

/// The connection closed before the statement's answer came.
struct PostgresClosed: Error, CustomStringConvertible {
    var description: String { "the server closed the connection" }
}

/// The server did not answer a statement within ``PostgresSession/silence``.
struct PostgresSilence: Error, CustomStringConvertible {
    var description: String { "no answer from the server for \(PostgresSession.silence.nanoseconds / 1_000_000_000) s" }
}

/// What went wrong in a call to PostgreSQL, classified for the store's errors.
struct PostgresFailure {
    let error: any Error

    init(_ error: any Error) { self.error = error }

    private var psql: PSQLError? { error as? PSQLError }

    /// The server's SQLSTATE, when the server answered with an error.
    var sqlState: String? { psql?.serverInfo?[.sqlState] }

    /// True when the connection itself failed: refused, cut, closed by a restart.
    var isConnectionLost: Bool {
        guard let psql else { return error is ChannelError || error is IOError || error is PostgresSilence || error is PostgresClosed }
        switch psql.code {
        case .connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown: return true
        case .server:
            // 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now, 08*: connection exceptions.
            return sqlState.map { $0.hasPrefix("57P") || $0.hasPrefix("08") } ?? false
        default: return false
        }
    }

    /// The server's own message, or a plain description of the failure.
    var message: String {
        if let info = psql?.serverInfo {
            return [info[.message], info[.detail].map { "(\($0))" }].compactMap { $0 }.joined(separator: " ")
        }
        if let psql {
            if let underlying = psql.underlying { return "\(underlying)" }
            return "\(psql.code)"
        }
        return "\(error)"
    }

    func storeError(_ address: PostgresAddress, during: String) -> StoreError {
        if let store = error as? StoreError { return store }
        if isConnectionLost {
            return .unavailable(location: address.display, reason: "\(message) (while \(during))")
        }
        return .database("PostgreSQL \(address.display): \(message)" + (sqlState.map { " [SQLSTATE \($0)]" } ?? ""))
    }
}
