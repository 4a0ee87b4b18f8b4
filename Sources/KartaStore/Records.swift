import Foundation
internal import GRDB
import KartaCore

/// A record whose Swift properties (`regionCode`) are snake_case columns (`region_code`).
protocol SnakeCaseRecord: Codable, FetchableRecord, PersistableRecord {}

extension SnakeCaseRecord {
    static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy { .convertFromSnakeCase }
    static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy { .convertToSnakeCase }
}

/// A row of `roadmap`: the roadmap's own fields; text blocks and signatures as JSON.
struct RoadmapRecord: FetchableRecord {
    static let databaseTableName = "roadmap"

    var id: String
    var plugin: String
    var regionCode: Int
    var municipality: String
    var period: String
    var title: String
    var subtitle: String?
    var goal: String?
    var tasks: [String]
    var approval: Approval?
    var blocks: [String: String]
    var signatures: [Signature]
    var extra: [String: String]
}

/// A row of `activity`: one activity or sub-activity, in document order.
struct ActivityRecord: FetchableRecord {
    static let databaseTableName = "activity"

    var roadmapId: String
    var key: String
    var position: Int
    var parentKey: String?
    var number: String
    var stage: String?
    var title: String
    var description: String?
    var timing: String?
    var fact: String?
    var responsible: String?
    var roles: [String]
    var audience: String?
    var level: String?
    var indicator: String?
    var status: String
    var report: String?
    var extra: [String: String]
}

/// A row of `evidence`: one link or document reference of an activity.
struct EvidenceRecord: FetchableRecord {
    static let databaseTableName = "evidence"

    var roadmapId: String
    var activityKey: String
    var position: Int
    var title: String?
    var url: String?
    var file: String? = nil
}

/// A row of `history`: one change of one field.
struct HistoryRecord: SnakeCaseRecord {
    static let databaseTableName = "history"

    var id: Int64?
    var roadmapId: String
    var activityKey: String
    var at: Date
    var actorRole: String
    var actorName: String?
    var field: String
    var oldValue: String?
    var newValue: String?
    var reason: String?
    var transition: String? = nil
    var amendment: Bool = false
}
