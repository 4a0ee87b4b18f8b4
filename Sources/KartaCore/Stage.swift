/// A stage of a roadmap, declared by the region's plugin: a section («1. Организационные
/// мероприятия»), a sub-section (2.3), or a phase in time («Организационный этап (январь-май)»).
public struct Stage: Sendable, Hashable, Codable {
    /// Identifier used by activities (`1`, `2.3`, `organisational`).
    public var id: String
    /// The number as printed before the title (`1.`, `2.3`), possibly empty.
    public var number: String
    /// The title as printed.
    public var title: String
    /// The enclosing stage, for sub-sections.
    public var parent: String?

    /// Creates a stage.
    public init(id: String, number: String, title: String, parent: String? = nil) {
        self.id = id
        self.number = number
        self.title = title
        self.parent = parent
    }
}
