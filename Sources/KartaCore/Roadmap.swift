/// A municipality's roadmap (дорожная карта, план-график) for one period, with the text
/// blocks its document prints around the table.
public struct Roadmap: Sendable, Hashable, Codable {
    /// Unique id (`pskov-2021`).
    public var id: String
    /// Id of the region plugin that prints it.
    public var plugin: String
    /// The region code.
    public var regionCode: Int
    /// The municipality as printed.
    public var municipality: String
    /// Calendar year or school year.
    public var period: Period
    /// The document's title as printed.
    public var title: String
    /// Line(s) under the title, as printed.
    public var subtitle: String?
    /// The goal line, without «Цель:».
    public var goal: String?
    /// The roadmap's tasks.
    public var tasks: [String]
    /// The order that approved the roadmap.
    public var approval: Approval?
    /// Named text blocks printed around the table (`letterhead`, `order`, `preface`, `glossary`).
    public var blocks: [String: String]
    /// Approval and signature blocks in document order.
    public var signatures: [Signature]
    /// Region-specific values.
    public var extra: [String: String]
    /// Top-level activities in document order (sub-activities inside them).
    public var activities: [Activity]

    /// Creates a roadmap.
    public init(
        id: String, plugin: String, regionCode: Int, municipality: String, period: Period, title: String,
        subtitle: String? = nil, goal: String? = nil, tasks: [String] = [], approval: Approval? = nil,
        blocks: [String: String] = [:], signatures: [Signature] = [], extra: [String: String] = [:],
        activities: [Activity] = []
    ) {
        self.id = id
        self.plugin = plugin
        self.regionCode = regionCode
        self.municipality = municipality
        self.period = period
        self.title = title
        self.subtitle = subtitle
        self.goal = goal
        self.tasks = tasks
        self.approval = approval
        self.blocks = blocks
        self.signatures = signatures
        self.extra = extra
        self.activities = activities
    }

    /// Every activity and sub-activity, in document order.
    public var allActivities: [Activity] { activities.flatMap(\.flattened) }
}

/// The order that approved a roadmap: who, number and date.
public struct Approval: Sendable, Hashable, Codable {
    /// The issuing body as printed.
    public var by: String?
    /// The order number as printed (`34/1`).
    public var number: String?
    /// The date, `YYYY-MM-DD`.
    public var date: String?

    /// Creates an approval.
    public init(by: String? = nil, number: String? = nil, date: String? = nil) {
        self.by = by
        self.number = number
        self.date = date
    }
}
