/// An uploaded evidence file: its bytes, their SHA-256 (hex) and the type read from them.
public struct EvidenceFile: Sendable, Hashable {
    /// SHA-256 of the bytes, lowercase hex: the file's address.
    public var sha256: String
    /// The media type its content shows (`application/pdf`).
    public var mediaType: String
    /// The bytes.
    public var bytes: [UInt8]

    /// Creates a file.
    public init(sha256: String, mediaType: String, bytes: [UInt8]) {
        self.sha256 = sha256
        self.mediaType = mediaType
        self.bytes = bytes
    }
}
