/// The figures of one roadmap that a region report counts: activities by status class,
/// what is overdue, done without evidence, waiting for review, and progress per stage, on
/// a day. Every activity and sub-activity counts once, as in ``RoadmapStatus``; activities
/// that will not take place (class `not_done`) are counted apart and left out of `planned`.
public struct RoadmapFigures: Sendable, Hashable, Codable {
    /// The roadmap's id.
    public var roadmap: String
    /// Its municipality.
    public var municipality: String
    /// Activities counted: every class but `not_done`.
    public var planned: Int
    /// Activities of class `finished`.
    public var done: Int
    /// Activities of class `in_progress`.
    public var inProgress: Int
    /// Activities of class `not_started`.
    public var notStarted: Int
    /// Activities of class `postponed`.
    public var postponed: Int
    /// Activities of class `not_done` (cancelled), outside `planned`.
    public var cancelled: Int
    /// Not started or under way, and the planned end is before the day.
    public var overdue: Int
    /// Finished with no evidence recorded.
    public var doneWithoutEvidence: Int
    /// Activities in a status that waits for review (``Workflow/reviewStatuses``); nil when
    /// the region's workflow has no such status.
    public var review: Int?
    /// Done and planned per stage, in the plugin's stage order.
    public var stages: [RoadmapStatus.Progress]

    /// The figures of a roadmap on a day.
    ///
    /// - Parameters:
    ///   - stages: the plugin's stages, for titles and order.
    ///   - workflow: the region's statuses, whose classes say what each activity counts as.
    ///   - parser: reads the timing phrases (with the plugin's own phrases).
    public init(roadmap: Roadmap, stages: [Stage], workflow: Workflow, asOf: CalendarDate, parser: ScheduleParser) {
        let status = RoadmapStatus(roadmap: roadmap, stages: stages, workflow: workflow, asOf: asOf, parser: parser)
        self.roadmap = roadmap.id
        municipality = roadmap.municipality
        planned = status.total
        done = status.done
        overdue = status.overdue.count
        doneWithoutEvidence = status.doneWithoutEvidence.count
        self.stages = status.stages
        var counts: [StatusClass: Int] = [:]
        let waiting = workflow.reviewStatuses
        var inReview = 0
        for activity in roadmap.allActivities {
            counts[workflow.kind(of: activity.status), default: 0] += 1
            if waiting.contains(activity.status) { inReview += 1 }
        }
        inProgress = counts[.inProgress] ?? 0
        notStarted = counts[.notStarted] ?? 0
        postponed = counts[.postponed] ?? 0
        cancelled = counts[.notDone] ?? 0
        review = waiting.isEmpty ? nil : inReview
    }

    private enum CodingKeys: String, CodingKey {
        case roadmap, municipality, planned, done, inProgress = "in_progress", notStarted = "not_started", postponed, cancelled
        case overdue, doneWithoutEvidence = "done_without_evidence", review, stages
    }
}

extension Workflow {
    /// The statuses in which an activity waits for review: of class `in_progress`, with a
    /// `due` transition to a `finished` status that only roles take which take none of the
    /// transitions leading into the status (Shakhty's «на проверке»: the doers report, the
    /// department accepts). Empty for the standard workflow, where whoever starts also finishes.
    public var reviewStatuses: Set<Status> {
        var result: Set<Status> = []
        for status in statuses where status.kind == .inProgress {
            let finishing = transitions(from: status.id).filter { $0.due && kind(of: $0.to) == .finished }
            guard !finishing.isEmpty else { continue }
            let leadingIn = transitions.filter { $0.to == status.id }
            let doers = Set(leadingIn.flatMap(\.roles))
            let reviewers = Set(finishing.flatMap(\.roles))
            if !leadingIn.isEmpty, reviewers.isDisjoint(with: doers) { result.insert(status.id) }
        }
        return result
    }
}
