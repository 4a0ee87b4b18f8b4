/// The planned timing of an activity.
///
/// The original phrase («До 31.032021», «Март-май 2021») is always kept verbatim for
/// printing; understanding it (kind, start and end dates) is added on top of it.
public struct Schedule: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The phrase exactly as the document printed it.
    public var text: String

    /// Creates a schedule from the phrase as printed.
    public init(_ text: String) {
        self.text = text
    }

    /// The phrase as printed.
    public var description: String { text }
}
