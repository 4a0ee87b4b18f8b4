/// An activity (мероприятие) of a roadmap, with its plan and its tracked execution.
public struct Activity: Sendable, Hashable, Codable {
    /// Stable key within the roadmap, used by commands (`12`, `2.3.13`, `12.3`).
    public var key: String
    /// The number as printed (`1`, `1.1.`, `2.3.13`); empty for unnumbered sub-activities.
    public var number: String
    /// The stage (section, sub-section, phase) it belongs to, declared by the plugin.
    public var stage: String?
    /// The activity as printed.
    public var title: String
    /// Short description: goal, result, place, format.
    public var description: String?
    /// Planned timing, with the phrase kept verbatim.
    public var schedule: Schedule?
    /// Fact date(s) as printed, when given apart from the plan.
    public var fact: String?
    /// Responsible parties as printed («УО, МК», «Петрова Т.А.»).
    public var responsible: String?
    /// Ids of the plugin's roles among the responsible parties.
    public var roles: [String]
    /// Target audience as printed.
    public var audience: String?
    /// Project level as printed (ФП — federal, РП — regional).
    public var level: String?
    /// Expected result or indicator of implementation.
    public var indicator: String?
    /// Where the activity stands.
    public var status: Status
    /// Report text: what was done.
    public var report: String?
    /// Links and document references, in order.
    public var evidence: [Evidence]
    /// Region-specific values, by name.
    public var extra: [String: String]
    /// Sub-activities, printed under this one.
    public var children: [Activity]

    /// Creates an activity.
    public init(
        key: String, number: String, stage: String? = nil, title: String, description: String? = nil,
        schedule: Schedule? = nil, fact: String? = nil, responsible: String? = nil, roles: [String] = [],
        audience: String? = nil, level: String? = nil, indicator: String? = nil, status: Status = .planned,
        report: String? = nil, evidence: [Evidence] = [], extra: [String: String] = [:], children: [Activity] = []
    ) {
        self.key = key
        self.number = number
        self.stage = stage
        self.title = title
        self.description = description
        self.schedule = schedule
        self.fact = fact
        self.responsible = responsible
        self.roles = roles
        self.audience = audience
        self.level = level
        self.indicator = indicator
        self.status = status
        self.report = report
        self.evidence = evidence
        self.extra = extra
        self.children = children
    }

    /// This activity and all its sub-activities, depth first, in document order.
    public var flattened: [Activity] {
        [self] + children.flatMap(\.flattened)
    }
}
