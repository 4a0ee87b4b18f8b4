import Foundation
internal import GRDB
import KartaCore

// Rows are read by hand rather than through Decodable: GRDB's Codable decoding and a new
// JSONDecoder per JSON column cost more than the query itself (see docs/performance.md).

/// One JSON decoder for every JSON column read.
private let jsonDecoder = JSONDecoder()

/// A JSON column's value; an empty or missing column reads as `empty`.
private func json<T: Decodable>(_ row: Row, _ column: String, empty: T) throws -> T {
    guard let text: String = row[column], !text.isEmpty else { return empty }
    return try jsonDecoder.decode(T.self, from: Data(text.utf8))
}

/// A JSON array of strings (`["uo","mk"]`). Read by a small scanner, since these short
/// lists are in every activity row and Foundation's decoder costs more than the query;
/// anything the scanner does not expect goes to the decoder.
private func stringList(_ row: Row, _ column: String) throws -> [String] {
    guard let text: String = row[column], text != "[]", !text.isEmpty else { return [] }
    return try JSONStringList.parse(text) ?? jsonDecoder.decode([String].self, from: Data(text.utf8))
}

/// Scans a JSON array of strings; nil for anything else (left to `JSONDecoder`).
enum JSONStringList {
    static func parse(_ text: String) -> [String]? {
        var bytes = Array(text.utf8)[...]
        func skipSpace() { while let byte = bytes.first, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { bytes.removeFirst() } }
        skipSpace()
        guard bytes.popFirst() == UInt8(ascii: "[") else { return nil }
        var result: [String] = []
        skipSpace()
        if bytes.first == UInt8(ascii: "]") {
            bytes.removeFirst()
            skipSpace()
            return bytes.isEmpty ? result : nil
        }
        while true {
            skipSpace()
            guard bytes.popFirst() == UInt8(ascii: "\"") else { return nil }
            var item: [UInt8] = []
            while true {
                guard let byte = bytes.popFirst() else { return nil }
                if byte == UInt8(ascii: "\"") { break }
                if byte == UInt8(ascii: "\\") {
                    guard let escaped = bytes.popFirst() else { return nil }
                    switch escaped {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): item.append(escaped)
                    case UInt8(ascii: "n"): item.append(0x0A)
                    case UInt8(ascii: "t"): item.append(0x09)
                    case UInt8(ascii: "r"): item.append(0x0D)
                    default: return nil  // \u, \b, \f: the decoder handles them
                    }
                } else {
                    item.append(byte)
                }
            }
            guard let string = String(validating: item, as: UTF8.self) else { return nil }
            result.append(string)
            skipSpace()
            switch bytes.popFirst() {
            case UInt8(ascii: ","): continue
            case UInt8(ascii: "]"):
                skipSpace()
                return bytes.isEmpty ? result : nil
            default: return nil
            }
        }
    }
}

extension RoadmapRecord {
    init(row: Row) throws {
        self.init(
            id: row["id"], plugin: row["plugin"], regionCode: row["region_code"], municipality: row["municipality"],
            period: row["period"], title: row["title"], subtitle: row["subtitle"], goal: row["goal"],
            tasks: try stringList(row, "tasks"), approval: try json(row, "approval", empty: nil),
            blocks: try json(row, "blocks", empty: [:]), signatures: try json(row, "signatures", empty: []),
            extra: try json(row, "extra", empty: [:]))
    }
}

extension ActivityRecord {
    init(row: Row) throws {
        let extraText: String? = row["extra"]
        self.init(
            roadmapId: row["roadmap_id"], key: row["key"], position: row["position"], parentKey: row["parent_key"],
            number: row["number"], stage: row["stage"], title: row["title"], description: row["description"],
            timing: row["timing"], fact: row["fact"], responsible: row["responsible"], roles: try stringList(row, "roles"),
            audience: row["audience"], level: row["level"], indicator: row["indicator"], status: row["status"],
            report: row["report"], extra: extraText == "{}" ? [:] : try json(row, "extra", empty: [:]))
    }
}

extension EvidenceRecord {
    init(row: Row) throws {
        self.init(roadmapId: row["roadmap_id"], activityKey: row["activity_key"], position: row["position"],
                  title: row["title"], url: row["url"])
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

/// `["a","b"]` for a list of strings, without Foundation's encoder for the common cases.
private func stringListText(_ list: [String]) throws -> String {
    list.isEmpty ? "[]" : try jsonText(list)
}

extension RoadmapRecord {
    func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["plugin"] = plugin
        container["region_code"] = regionCode
        container["municipality"] = municipality
        container["period"] = period
        container["title"] = title
        container["subtitle"] = subtitle
        container["goal"] = goal
        container["tasks"] = try stringListText(tasks)
        container["approval"] = try approval.map(jsonText)
        container["blocks"] = blocks.isEmpty ? "{}" : try jsonText(blocks)
        container["signatures"] = signatures.isEmpty ? "[]" : try jsonText(signatures)
        container["extra"] = extra.isEmpty ? "{}" : try jsonText(extra)
    }
}

extension ActivityRecord {
    func encode(to container: inout PersistenceContainer) throws {
        container["roadmap_id"] = roadmapId
        container["key"] = key
        container["position"] = position
        container["parent_key"] = parentKey
        container["number"] = number
        container["stage"] = stage
        container["title"] = title
        container["description"] = description
        container["timing"] = timing
        container["fact"] = fact
        container["responsible"] = responsible
        container["roles"] = try stringListText(roles)
        container["audience"] = audience
        container["level"] = level
        container["indicator"] = indicator
        container["status"] = status
        container["report"] = report
        container["extra"] = extra.isEmpty ? "{}" : try jsonText(extra)
    }
}

extension EvidenceRecord {
    func encode(to container: inout PersistenceContainer) throws {
        container["roadmap_id"] = roadmapId
        container["activity_key"] = activityKey
        container["position"] = position
        container["title"] = title
        container["url"] = url
    }
}
