/// Where an activity stands: the id of one of the statuses its region's workflow declares
/// (``Workflow``). The five statuses of the standard workflow have names here; a region
/// may declare others («на проверке», «на доработке»).
public struct Status: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    /// The status id as stored and typed (`in_progress`).
    public var rawValue: String

    /// A status with this id.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// A status with this id.
    public init(_ id: String) { self.rawValue = id }

    /// The id.
    public var description: String { rawValue }

    /// Planned and not started.
    public static let planned = Status("planned")
    /// Started, not finished (or continuing «постоянно»).
    public static let inProgress = Status("in_progress")
    /// Carried out.
    public static let done = Status("done")
    /// Moved to a later date.
    public static let postponed = Status("postponed")
    /// Will not take place.
    public static let cancelled = Status("cancelled")
}
