/// Where a roadmap stands on a day: progress per stage, what is late, what lacks proof,
/// what starts soon. Every activity and sub-activity counts once; activities that will not take place (class `not_done`) are left
/// out of the totals and listed apart.
public struct RoadmapStatus: Sendable, Hashable, Codable {
    /// Done and total of a stage (or of the whole roadmap).
    public struct Progress: Sendable, Hashable, Codable {
        /// Stage id; empty for activities without a stage.
        public var id: String
        /// Stage title as the region prints it.
        public var title: String
        /// Activities done.
        public var done: Int
        /// Activities counted (not cancelled).
        public var total: Int
    }

    /// The roadmap's id.
    public var roadmap: String
    /// The plugin (region form).
    public var plugin: String
    /// Region code.
    public var region: Int
    /// Municipality.
    public var municipality: String
    /// Period (`2021`, `2020-2021`).
    public var period: String
    /// The day the status is for.
    public var asOf: CalendarDate
    /// Activities done.
    public var done: Int
    /// Activities counted (not cancelled).
    public var total: Int
    /// Progress per stage, in the plugin's stage order.
    public var stages: [Progress]
    /// Not started or under way, and the planned end is before `asOf`.
    public var overdue: [String]
    /// Finished, with no evidence recorded.
    public var doneWithoutEvidence: [String]
    /// Not started, starting within the next 14 days (`asOf` included).
    public var startingSoon: [String]
    /// Recurring activities: never overdue, reported as such.
    public var recurring: [String]
    /// On someone else's schedule («По графику ИРО»): never overdue, reported as such.
    public var external: [String]
    /// Timing phrases not understood (or no timing): listed for a person to read.
    public var unknownSchedule: [String]
    /// Postponed activities (class `postponed`).
    public var postponed: [String]
    /// Activities that will not take place (class `not_done`).
    public var cancelled: [String]

    /// How many days ahead count as «starting soon».
    public static let soonDays = 14

    /// The status of a roadmap on a day.
    ///
    /// - Parameters:
    ///   - stages: the plugin's stages, for titles and order.
    ///   - workflow: the region's statuses, whose classes say what is done, postponed or dropped.
    ///   - parser: reads the timing phrases (with the plugin's own phrases).
    public init(roadmap: Roadmap, stages: [Stage], workflow: Workflow, asOf: CalendarDate, parser: ScheduleParser) {
        self.roadmap = roadmap.id
        plugin = roadmap.plugin
        region = roadmap.regionCode
        municipality = roadmap.municipality
        period = roadmap.period.description
        self.asOf = asOf
        (done, total) = (0, 0)
        (overdue, doneWithoutEvidence, startingSoon, recurring, external) = ([], [], [], [], [])
        (unknownSchedule, postponed, cancelled) = ([], [], [])
        self.stages = []

        var progress: [String: Progress] = [:]
        var order = stages.map(\.id)
        let titles = Dictionary(stages.map { ($0.id, $0.title) }, uniquingKeysWith: { first, _ in first })
        let soon = asOf.adding(days: Self.soonDays)

        func visit(_ activity: Activity, inheritedStage: String?) {
            let stage = activity.stage ?? inheritedStage
            defer { for child in activity.children { visit(child, inheritedStage: stage) } }
            let key = activity.key
            let kind = workflow.kind(of: activity.status)
            if kind == .notDone {
                cancelled.append(key)
                return
            }
            let stageID = stage ?? ""
            if progress[stageID] == nil {
                progress[stageID] = Progress(id: stageID, title: titles[stageID] ?? (stageID.isEmpty ? "без этапа" : stageID), done: 0, total: 0)
                if !order.contains(stageID) { order.append(stageID) }
            }
            progress[stageID]!.total += 1
            total += 1
            if kind == .finished {
                progress[stageID]!.done += 1
                done += 1
                if activity.evidence.isEmpty { doneWithoutEvidence.append(key) }
                return
            }
            if kind == .postponed { postponed.append(key) }
            // A heading activity without timing of its own takes it from its sub-activities.
            if activity.schedule == nil, !activity.children.isEmpty { return }
            let reading = activity.schedule.map { parser.parse($0.text) } ?? .unknown
            switch reading.kind {
            case .recurring: recurring.append(key)
            case .external: external.append(key)
            case .unknown: unknownSchedule.append(key)
            default:
                guard kind != .postponed else { break }
                if let end = reading.end, end < asOf { overdue.append(key) }
                if kind == .notStarted, let start = reading.start, asOf <= start, start <= soon {
                    startingSoon.append(key)
                }
            }
        }
        for activity in roadmap.activities { visit(activity, inheritedStage: nil) }
        self.stages = order.compactMap { progress[$0] }
    }

    private enum CodingKeys: String, CodingKey {
        case roadmap, plugin, region, municipality, period, asOf = "as_of", done, total, stages, overdue
        case doneWithoutEvidence = "done_without_evidence", startingSoon = "starting_soon", recurring, external
        case unknownSchedule = "unknown_schedule", postponed, cancelled
    }
}
