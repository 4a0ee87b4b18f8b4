/// A failure of the host's composition: a file that cannot be read, a roadmap or plugin
/// that does not exist, a roadmap its plugin does not accept. One or more lines for a
/// person to read, naming the file, line or field.
public struct HostError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public var description: String

    /// Creates an error.
    public init(_ description: String) { self.description = description }
}
