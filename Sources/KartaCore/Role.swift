/// A role declared by a region's plugin: who may do what, and how the documents print it.
public struct Role: Sendable, Hashable, Codable {
    /// Identifier used in data and commands (`mk`, `uo`).
    public var id: String
    /// Abbreviation as printed («МК», «УО», «ИМЦ»).
    public var abbreviation: String
    /// Full name as the document introduces it («муниципальный координатор»).
    public var name: String
    /// What holders of the role may do (`plan`, `report`, `approve`, ...).
    public var permissions: Set<Permission>

    /// Creates a role.
    public init(id: String, abbreviation: String, name: String, permissions: Set<Permission> = []) {
        self.id = id
        self.abbreviation = abbreviation
        self.name = name
        self.permissions = permissions
    }
}

/// Something a role may be allowed to do with a roadmap.
public enum Permission: String, Sendable, Hashable, Codable, CaseIterable {
    /// Create and change the plan: activities, timing, responsible parties.
    case plan
    /// Record execution: status, fact dates, report text, evidence.
    case report
    /// Approve the roadmap or a report.
    case approve
    /// Read everything, change nothing.
    case view
}
