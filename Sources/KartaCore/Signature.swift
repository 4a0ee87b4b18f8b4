/// An approval («УТВЕРЖДАЮ») or signature («Согласовано:») block of a document.
public struct Signature: Sendable, Hashable, Codable {
    /// Where the block stands and what it means.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// Above the title, right-aligned: «УТВЕРЖДАЮ».
        case approval
        /// Below the table: position on the left, name on the right.
        case signature
    }

    /// Approval or signature.
    public var kind: Kind
    /// The word printed first («УТВЕРЖДАЮ», «Согласовано:»), if any.
    public var label: String?
    /// Position and organisation as printed, line breaks kept.
    public var position: String
    /// The signer's name as printed.
    public var name: String
    /// The date line, if printed.
    public var date: String?

    /// Creates a block.
    public init(kind: Kind, label: String? = nil, position: String, name: String, date: String? = nil) {
        self.kind = kind
        self.label = label
        self.position = position
        self.name = name
        self.date = date
    }
}
