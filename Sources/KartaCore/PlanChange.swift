import Foundation

/// A change to the plan of one activity: its title, timing or responsible parties. Once a
/// roadmap is approved such a change is an amendment: it needs the `plan` permission and a
/// reason, and the history marks it.
public struct PlanChange: Sendable, Hashable {
    /// The new title.
    public var title: String?
    /// The new timing phrase, kept verbatim.
    public var timing: String?
    /// The new responsible parties as printed.
    public var responsible: String?
    /// Why.
    public var reason: String?
    /// Who.
    public var actor: Actor

    /// Creates a plan change.
    public init(title: String? = nil, timing: String? = nil, responsible: String? = nil, reason: String? = nil, actor: Actor) {
        self.title = title
        self.timing = timing
        self.responsible = responsible
        self.reason = reason
        self.actor = actor
    }

    /// The plan fields that differ: `(field, old, new)` for title, timing and responsible.
    public func differences(from activity: Activity) -> [(field: String, old: String?, new: String?)] {
        var result: [(field: String, old: String?, new: String?)] = []
        if let title, title != activity.title { result.append(("title", activity.title, title)) }
        if let timing, timing != activity.schedule?.text { result.append(("timing", activity.schedule?.text, timing)) }
        if let responsible, responsible != activity.responsible { result.append(("responsible", activity.responsible, responsible)) }
        return result
    }
}

extension Roadmap {
    /// Whether an approval (an order's number or date) is recorded: the plan then changes
    /// only by amendment.
    public var isApproved: Bool { approval?.number != nil || approval?.date != nil }
}

extension Approval {
    /// `приказ № 34/1 от 26.02.2021`, as the documents print an order; nil when neither the
    /// number nor the date is known.
    public var printed: String? {
        guard number != nil || date != nil else { return nil }
        var text = "приказ"
        if let number { text += " № \(number)" }
        if let date, let day = CalendarDate(iso: date) {
            text += " от " + String(format: "%02d.%02d.%04d", day.day, day.month, day.year)
        } else if let date {
            text += " от \(date)"
        }
        return text
    }
}
