import KartaCore

/// A problem in a data file, located by file, line, column and field path.
public struct DataFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file as the user named it.
    public var file: String
    /// 1-based line, if known.
    public var line: Int?
    /// 1-based column, if known.
    public var column: Int?
    /// Path of the field (`activities[3].evidence[0]`), empty for the document itself.
    public var path: String
    /// What is wrong.
    public var message: String

    /// Creates an error.
    public init(file: String, line: Int? = nil, column: Int? = nil, path: String = "", message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.path = path
        self.message = message
    }

    /// `file:line:column: path: message`.
    public var description: String {
        var location = file
        if let line { location += ":\(line)" }
        if let column { location += ":\(column)" }
        return path.isEmpty ? "\(location): \(message)" : "\(location): \(path): \(message)"
    }
}

/// Every problem found in one data file; nothing of the file was stored.
public struct DataFileErrors: Error, Sendable, CustomStringConvertible {
    /// The problems, in file order.
    public var errors: [DataFileError]

    /// Creates the collection.
    public init(_ errors: [DataFileError]) { self.errors = errors }

    /// One problem per line: the first ``TerminalText/problemCount``, each capped and
    /// escaped (they quote the file's text), then how many more there are.
    public var description: String { TerminalText.problemLines(errors).joined(separator: "\n") }
}
