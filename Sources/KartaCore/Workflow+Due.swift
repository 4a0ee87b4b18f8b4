/// An activity waiting for a role: what it may do with it, and by when.
public struct DueItem: Sendable, Hashable {
    /// The activity's key.
    public var key: String
    /// The activity's title as printed.
    public var title: String
    /// Its status.
    public var status: Status
    /// The moves the role may take from here.
    public var transitions: [Transition]
    /// The planned end, when the timing gives one.
    public var end: CalendarDate?
    /// Not finished and the planned end has passed.
    public var overdue: Bool
}

extension Workflow {
    /// The activities waiting for a role on a day: those not started or under way whose
    /// status has a transition the role may take that is marked `due`, overdue first, then by
    /// planned end. With `within`,
    /// only what is overdue, already started, or starts within that many days.
    public func due(for role: String, in roadmap: Roadmap, asOf: CalendarDate, within: Int? = nil,
                    parser: ScheduleParser) -> [DueItem] {
        var items: [DueItem] = []
        let horizon = within.map { asOf.adding(days: $0) }
        for activity in roadmap.allActivities {
            // A heading without timing of its own is done through its sub-activities.
            if activity.schedule == nil, !activity.children.isEmpty { continue }
            // Only what is not finished, postponed or dropped waits for anyone.
            let kind = kind(of: activity.status)
            guard kind == .notStarted || kind == .inProgress else { continue }
            let moves = transitions(from: activity.status).filter { $0.due && $0.roles.contains(role) }
            guard !moves.isEmpty else { continue }
            let reading = activity.schedule.map { parser.parse($0.text) }
            let dated = reading.map { $0.kind != .recurring && $0.kind != .external && $0.kind != .unknown } ?? false
            let end = dated ? reading?.end : nil
            let overdue = (kind == .notStarted || kind == .inProgress) && end.map { $0 < asOf } ?? false
            if let horizon, !overdue, kind == .notStarted, let start = dated ? reading?.start ?? end : nil, start > horizon {
                continue
            }
            items.append(DueItem(key: activity.key, title: activity.title, status: activity.status, transitions: moves,
                                 end: end, overdue: overdue))
        }
        let far = CalendarDate(year: 9999, month: 12, day: 31)!
        return items.enumerated().sorted { left, right in
            if left.element.overdue != right.element.overdue { return left.element.overdue }
            let (a, b) = (left.element.end ?? far, right.element.end ?? far)
            return a != b ? a < b : left.offset < right.offset
        }.map(\.element)
    }
}

extension CalendarDate {
    /// `DD.MM.YYYY`, as the documents print a day.
    public var printed: String {
        let parts = description.split(separator: "-")
        return parts.count == 3 ? "\(parts[2]).\(parts[1]).\(parts[0])" : description
    }
}
