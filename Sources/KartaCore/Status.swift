/// Where an activity stands.
public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
    /// Planned and not started.
    case planned
    /// Started, not finished (or continuing «постоянно»).
    case inProgress = "in_progress"
    /// Carried out.
    case done
    /// Moved to a later date.
    case postponed
    /// Will not take place.
    case cancelled

    /// The Russian word for the status, as a report may print it.
    public var russian: String {
        switch self {
        case .planned: "запланировано"
        case .inProgress: "выполняется"
        case .done: "выполнено"
        case .postponed: "перенесено"
        case .cancelled: "отменено"
        }
    }
}
