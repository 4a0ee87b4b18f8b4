internal import GRDB
import KartaCore

/// A row of `roadmap`: the roadmap's own fields; text blocks and signatures as JSON.
struct RoadmapRecord: Codable, FetchableRecord, PersistableRecord {
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

    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase
}

/// A row of `activity`: one activity or sub-activity, in document order.
struct ActivityRecord: Codable, FetchableRecord, PersistableRecord {
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

    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase
}

/// A row of `evidence`: one link or document reference of an activity.
struct EvidenceRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "evidence"

    var roadmapId: String
    var activityKey: String
    var position: Int
    var title: String?
    var url: String?

    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase
}
