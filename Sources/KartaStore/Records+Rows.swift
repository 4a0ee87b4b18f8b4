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

/// A JSON array of strings, read without Foundation's decoder for the usual small lists.
private func stringList(_ row: Row, _ column: String) throws -> [String] {
    guard let text: String = row[column], text != "[]", !text.isEmpty else { return [] }
    return try jsonDecoder.decode([String].self, from: Data(text.utf8))
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
