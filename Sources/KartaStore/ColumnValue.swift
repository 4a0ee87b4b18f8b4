internal import GRDB
internal import GRDBSQLite

/// A column value as `save` writes it: text, an integer or NULL.
enum ColumnValue {
    case text(String)
    case integer(Int)
    case null

    /// Text, or NULL for nil.
    init(_ text: String?) {
        self = text.map(ColumnValue.text) ?? .null
    }

    /// The same value for GRDB's own record methods (`encode(to:)`).
    var databaseValue: DatabaseValue {
        switch self {
        case .text(let text): text.databaseValue
        case .integer(let number): number.databaseValue
        case .null: .null
        }
    }
}

/// SQLite copies bound text before `sqlite3_bind_text` returns.
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

extension Statement {
    /// Runs this statement once (an INSERT) with `values` bound in order through SQLite's C
    /// API, then resets it.
    ///
    /// GRDB's `execute(arguments:)` boxes every value as an existential and binds text as a
    /// C string (measuring its length again); saving 60,000 activities spent a third of its
    /// time there. The statement's own GRDB bookkeeping (transaction observers, regions) is
    /// skipped: the store registers no observers.
    func insert(_ values: [ColumnValue]) throws {
        let statement = sqliteStatement
        defer { sqlite3_reset(statement) }
        for (index, value) in values.enumerated() {
            let position = Int32(index + 1)
            let code: Int32
            switch value {
            case .text(var text):
                code = text.withUTF8 { bytes in
                    guard let start = bytes.baseAddress, !bytes.isEmpty else {
                        return sqlite3_bind_text(statement, position, "", 0, transient)
                    }
                    return start.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                        sqlite3_bind_text(statement, position, $0, Int32(bytes.count), transient)
                    }
                }
            case .integer(let number):
                code = sqlite3_bind_int64(statement, position, Int64(number))
            case .null:
                code = sqlite3_bind_null(statement, position)
            }
            guard code == SQLITE_OK else { throw failure(code) }
        }
        let code = sqlite3_step(statement)
        guard code == SQLITE_DONE else { throw failure(code) }
    }

    private func failure(_ code: Int32) -> DatabaseError {
        let message = sqlite3_db_handle(sqliteStatement).flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
        return DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: sql)
    }
}
