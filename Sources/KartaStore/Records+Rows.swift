import Foundation
internal import GRDB
import KartaCore

// Rows are read by hand rather than through Decodable: GRDB's Codable decoding and a new
// JSONDecoder per JSON column cost more than the query itself (see docs/performance.md).

/// One JSON decoder for every JSON column read.
private let jsonDecoder = JSONDecoder()

/// A row as a store's engine hands it over, read by column position: GRDB's `Row` for
/// SQLite, a PostgreSQL row for ``PostgresStore``. The record readers below serve both.
protocol ColumnReading {
    /// The text in this column, or nil for NULL.
    func text(_ column: Int) throws -> String?
    /// The integer in this column, or nil for NULL.
    func integer(_ column: Int) throws -> Int?
}

extension ColumnReading {
    /// Text that must not be NULL.
    func string(_ column: Int) throws -> String {
        guard let value = try text(column) else { throw StoreError.corrupt("column \(column + 1) is NULL") }
        return value
    }

    /// An integer that must not be NULL.
    func number(_ column: Int) throws -> Int {
        guard let value = try integer(column) else { throw StoreError.corrupt("column \(column + 1) is NULL") }
        return value
    }
}

extension Row: ColumnReading {
    func text(_ column: Int) -> String? { self[column] }
    func integer(_ column: Int) -> Int? { self[column] }
}

/// A JSON column's value; an empty or missing column reads as `empty`.
private func json<T: Decodable>(_ row: some ColumnReading, _ column: Int, empty: T) throws -> T {
    guard let text = try row.text(column), !text.isEmpty else { return empty }
    return try jsonDecoder.decode(T.self, from: Data(text.utf8))
}

/// A JSON array of strings (`["uo","mk"]`). Read by a small scanner, since these short
/// lists are in every activity row and Foundation's decoder costs more than the query;
/// anything the scanner does not expect goes to the decoder.
private func stringList(_ row: some ColumnReading, _ column: Int) throws -> [String] {
    guard let text = try row.text(column), text != "[]", !text.isEmpty else { return [] }
    return try JSONStringList.parse(text) ?? jsonDecoder.decode([String].self, from: Data(text.utf8))
}

/// Scans JSON arrays of strings and objects of strings; nil for anything else (left to
/// `JSONDecoder`, which handles every case but costs more than the query for these short
/// columns).
enum JSONStringList {
    /// `["a","b"]` → `["a", "b"]`.
    static func parse(_ text: String) -> [String]? {
        var scanner = Scanner(text)
        guard let list = scanner.list({ $0.string() }), scanner.atEnd else { return nil }
        return list
    }

    /// `[{"k":"v"},…]` → a list of string maps (a repeated key is left to the decoder).
    static func parseMapList(_ text: String) -> [[String: String]]? {
        var scanner = Scanner(text)
        guard let list = scanner.list({ $0.map() }), scanner.atEnd else { return nil }
        return list
    }

    /// `{"k":"v"}` → `["k": "v"]` (a repeated key is left to the decoder).
    static func parseMap(_ text: String) -> [String: String]? {
        var scanner = Scanner(text)
        guard let map = scanner.map(), scanner.atEnd else { return nil }
        return map
    }

    private struct Scanner {
        let bytes: [UInt8]
        var index = 0

        init(_ text: String) { bytes = Array(text.utf8) }

        var atEnd: Bool {
            mutating get {
                skipSpace()
                return index == bytes.count
            }
        }

        mutating func skipSpace() {
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 {
                index += 1
            }
        }

        mutating func take(_ byte: UInt8) -> Bool {
            skipSpace()
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        /// `[item, …]`, each item read by `readItem`.
        mutating func list<Item>(_ readItem: (inout Scanner) -> Item?) -> [Item]? {
            guard take(UInt8(ascii: "[")) else { return nil }
            var result: [Item] = []
            if take(UInt8(ascii: "]")) { return result }
            repeat {
                guard let item = readItem(&self) else { return nil }
                result.append(item)
            } while take(UInt8(ascii: ","))
            return take(UInt8(ascii: "]")) ? result : nil
        }

        mutating func map() -> [String: String]? {
            guard take(UInt8(ascii: "{")) else { return nil }
            var result: [String: String] = [:]
            if take(UInt8(ascii: "}")) { return result }
            repeat {
                guard let key = string(), result[key] == nil, take(UInt8(ascii: ":")), let value = string() else { return nil }
                result[key] = value
            } while take(UInt8(ascii: ","))
            return take(UInt8(ascii: "}")) ? result : nil
        }

        mutating func string() -> String? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            // Runs of plain bytes are copied whole; a string without escapes is one slice.
            var unescaped: [UInt8] = []
            var run = index
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    defer { index += 1 }
                    // No escape seen: nothing was copied yet (an escape always adds a byte).
                    if unescaped.isEmpty { return String(validating: bytes[run..<index], as: UTF8.self) }
                    unescaped.append(contentsOf: bytes[run..<index])
                    return String(validating: unescaped, as: UTF8.self)
                }
                if byte < 0x20 { return nil }
                guard byte == UInt8(ascii: "\\") else {
                    index += 1
                    continue
                }
                unescaped.append(contentsOf: bytes[run..<index])
                index += 1
                guard index < bytes.count else { return nil }
                let escaped = bytes[index]
                index += 1
                switch escaped {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): unescaped.append(escaped)
                case UInt8(ascii: "n"): unescaped.append(0x0A)
                case UInt8(ascii: "t"): unescaped.append(0x09)
                case UInt8(ascii: "r"): unescaped.append(0x0D)
                default: return nil  // \u, \b, \f: the decoder handles them
                }
                run = index
            }
            return nil
        }
    }
}

/// Signatures, as `save` writes them (a list of objects of strings, absent fields left
/// out); anything else goes to the decoder.
private func signatureList(_ row: some ColumnReading, _ column: Int) throws -> [Signature] {
    guard let text = try row.text(column), text != "[]", !text.isEmpty else { return [] }
    if let maps = JSONStringList.parseMapList(text) {
        let read = maps.compactMap { map -> Signature? in
            guard map.keys.allSatisfy(["kind", "label", "position", "name", "date"].contains),
                  let kind = map["kind"].flatMap(Signature.Kind.init), let position = map["position"], let name = map["name"]
            else { return nil }
            return Signature(kind: kind, label: map["label"], position: position, name: name, date: map["date"])
        }
        if read.count == maps.count { return read }
    }
    return try jsonDecoder.decode([Signature].self, from: Data(text.utf8))
}

/// A JSON object of strings; an empty or missing column reads as empty.
private func stringMap(_ row: some ColumnReading, _ column: Int) throws -> [String: String] {
    guard let text = try row.text(column), text != "{}", !text.isEmpty else { return [:] }
    return try JSONStringList.parseMap(text) ?? jsonDecoder.decode([String: String].self, from: Data(text.utf8))
}

// Columns are read by position, in the order of each record's `selection`: looking a
// column up by name compares names one by one, eighteen times per activity row.

extension RoadmapRecord {
    /// The columns ``init(row:)`` reads, in order: `SELECT \(selection) FROM roadmap`.
    static let selection = "id, plugin, region_code, municipality, period, title, subtitle, goal, tasks, approval, blocks, signatures, extra"

    init(row: Row) throws { try self.init(columns: row) }

    init(columns row: some ColumnReading) throws {
        self.init(
            id: try row.string(0), plugin: try row.string(1), regionCode: try row.number(2), municipality: try row.string(3),
            period: try row.string(4), title: try row.string(5), subtitle: try row.text(6), goal: try row.text(7),
            tasks: try stringList(row, 8), approval: try json(row, 9, empty: nil),
            blocks: try stringMap(row, 10), signatures: try signatureList(row, 11),
            extra: try stringMap(row, 12))
    }
}

extension ActivityRecord {
    /// The columns ``init(row:)`` reads, in order: `SELECT \(selection) FROM activity`.
    static let selection = """
        roadmap_id, key, position, parent_key, number, stage, title, description, timing, fact, responsible, roles, \
        audience, level, indicator, status, report, extra
        """

    init(row: Row) throws { try self.init(columns: row) }

    init(columns row: some ColumnReading) throws {
        self.init(
            roadmapId: try row.string(0), key: try row.string(1), position: try row.number(2), parentKey: try row.text(3),
            number: try row.string(4), stage: try row.text(5), title: try row.string(6), description: try row.text(7),
            timing: try row.text(8), fact: try row.text(9), responsible: try row.text(10), roles: try stringList(row, 11),
            audience: try row.text(12), level: try row.text(13), indicator: try row.text(14), status: try row.string(15),
            report: try row.text(16), extra: try stringMap(row, 17))
    }
}

extension EvidenceRecord {
    /// The columns ``init(row:)`` reads, in order: `SELECT \(selection) FROM evidence`.
    static let selection = "roadmap_id, activity_key, position, title, url, file"

    init(row: Row) throws { try self.init(columns: row) }

    init(columns row: some ColumnReading) throws {
        self.init(roadmapId: try row.string(0), activityKey: try row.string(1), position: try row.number(2),
                  title: try row.text(3), url: try row.text(4), file: try row.text(5))
    }
}

// Rows are written by hand too, for the same reason.

/// One JSON encoder for every JSON column written; sorted keys keep the bytes stable.
private let jsonEncoder: JSONEncoder = {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return encoder
}()

private func jsonText<T: Encodable>(_ value: T) throws -> String {
    String(decoding: try jsonEncoder.encode(value), as: UTF8.self)
}

/// `["a","b"]` for a list of strings, without Foundation's encoder (role lists are in
/// every activity row); `JSONStringList` and `JSONDecoder` both read it back.
func stringListText(_ list: [String]) -> String {
    guard !list.isEmpty else { return "[]" }
    var out: [UInt8] = [UInt8(ascii: "[")]
    for (index, item) in list.enumerated() {
        if index > 0 { out.append(UInt8(ascii: ",")) }
        appendJSONString(item, to: &out)
    }
    out.append(UInt8(ascii: "]"))
    return String(decoding: out, as: UTF8.self)
}

/// `{"a":"b"}` for a map of strings, keys sorted so the bytes are stable; read back like
/// ``stringListText(_:)``.
func stringMapText(_ map: [String: String]) -> String {
    guard !map.isEmpty else { return "{}" }
    var out: [UInt8] = [UInt8(ascii: "{")]
    for (index, key) in map.keys.sorted().enumerated() {
        if index > 0 { out.append(UInt8(ascii: ",")) }
        appendJSONString(key, to: &out)
        out.append(UInt8(ascii: ":"))
        appendJSONString(map[key]!, to: &out)
    }
    out.append(UInt8(ascii: "}"))
    return String(decoding: out, as: UTF8.self)
}

/// A JSON string literal: quotes, backslash escapes, control characters as `\u00XX`. Runs
/// of bytes that need no escape are copied whole.
private func appendJSONString(_ text: String, to out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    var text = text
    text.withUTF8 { bytes in
        var run = 0
        for (index, byte) in bytes.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
            out.append(contentsOf: bytes[run..<index])
            run = index + 1
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), byte])
            case 0x0A: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x09: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x0D: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            default:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
            }
        }
        out.append(contentsOf: bytes[run...])
    }
    out.append(UInt8(ascii: "\""))
}

// Rows are stored through prepared statements with their values in `selection` order:
// GRDB's record insert builds a dictionary of columns per row, and saving 60,000
// activities spent most of its time there (docs/performance.md). GRDB's own `insert`
// (used for the odd single row) reads the same values through `encode(to:)`.

/// A record written as its values in the order of its `selection` columns.
protocol ColumnRecord: PersistableRecord {
    /// The columns, comma-separated, in the order of ``insertValues()``.
    static var selection: String { get }
    /// `INSERT INTO <table> (selection) VALUES (…)`, made once per type with `insertStatement`.
    static var insertSQL: String { get }
    /// The row's values, in the order of ``selection``.
    func insertValues() throws -> [ColumnValue]
}

extension ColumnRecord {
    func encode(to container: inout PersistenceContainer) throws {
        let columns = Self.selection.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        for (column, value) in zip(columns, try insertValues()) { container[column] = value.databaseValue }
    }
}

extension RoadmapRecord: ColumnRecord {
    static let insertSQL = insertStatement(databaseTableName, selection)

    func insertValues() throws -> [ColumnValue] {
        [.text(id), .text(plugin), .integer(regionCode), .text(municipality), .text(period), .text(title),
         ColumnValue(subtitle), ColumnValue(goal), .text(stringListText(tasks)), ColumnValue(try approval.map(jsonText)),
         .text(stringMapText(blocks)), .text(signatures.isEmpty ? "[]" : try jsonText(signatures)), .text(stringMapText(extra))]
    }
}

extension ActivityRecord: ColumnRecord {
    static let insertSQL = insertStatement(databaseTableName, selection)

    func insertValues() -> [ColumnValue] {
        [.text(roadmapId), .text(key), .integer(position), ColumnValue(parentKey), .text(number), ColumnValue(stage),
         .text(title), ColumnValue(description), ColumnValue(timing), ColumnValue(fact), ColumnValue(responsible),
         .text(stringListText(roles)), ColumnValue(audience), ColumnValue(level), ColumnValue(indicator), .text(status),
         ColumnValue(report), .text(stringMapText(extra))]
    }
}

extension EvidenceRecord: ColumnRecord {
    static let insertSQL = insertStatement(databaseTableName, selection)

    func insertValues() -> [ColumnValue] {
        [.text(roadmapId), .text(activityKey), .integer(position), ColumnValue(title), ColumnValue(url), ColumnValue(file)]
    }
}

extension HistoryRecord {
    /// `INSERT INTO history (…) VALUES (…)`; the id is left to SQLite.
    static let insertSQL = insertStatement("history", columns)

    /// The columns ``insertValues(stamp:)`` gives, in order.
    static let columns = "roadmap_id, activity_key, at, actor_role, actor_name, field, old_value, new_value, reason, transition, amendment"

    /// The values of ``insertSQL``; `stamp` is ``at`` as `ColumnValue(at)`, passed in so that
    /// a save of many roadmaps formats the date once.
    func insertValues(stamp: ColumnValue) -> [ColumnValue] {
        [.text(roadmapId), .text(activityKey), stamp, .text(actorRole), ColumnValue(actorName), .text(field),
         ColumnValue(oldValue), ColumnValue(newValue), ColumnValue(reason), ColumnValue(transition), .integer(amendment ? 1 : 0)]
    }
}

extension ColumnValue {
    /// A date as GRDB stores it (`YYYY-MM-DD HH:MM:SS.SSS`, UTC).
    init(_ date: Date) {
        self = ColumnValue(String.fromDatabaseValue(date.databaseValue))
    }
}

private func insertStatement(_ table: String, _ selection: String) -> String {
    let count = selection.split(separator: ",").count
    return "INSERT INTO \(table) (\(selection)) VALUES (\(Array(repeating: "?", count: count).joined(separator: ", ")))"
}
