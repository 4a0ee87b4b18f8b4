import Foundation

/// An error raised by Lua code or by the host while running it, with where it happened.
public struct LuaError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of failure it was.
    public enum Kind: String, Sendable {
        /// The chunk did not compile.
        case syntax
        /// A runtime error raised by Lua code or by a host function it called.
        case runtime
        /// The state ran out of memory or hit its memory cap.
        case memory
        /// The instruction budget or the time limit was exceeded.
        case limit
        /// The error handler itself failed.
        case handler
        /// A value could not be converted between Lua and Swift.
        case conversion
    }

    /// What kind of failure it was.
    public var kind: Kind
    /// The message without location prefix.
    public var message: String
    /// The chunk (file) where the error was raised, if known: `plugins/pskov/plugin.lua`.
    public var file: String?
    /// The line in ``file``, if known.
    public var line: Int?
    /// Lua's stack traceback, if any.
    public var traceback: String?

    /// Creates an error.
    public init(kind: Kind, message: String, file: String? = nil, line: Int? = nil, traceback: String? = nil) {
        self.kind = kind
        self.message = message
        self.file = file
        self.line = line
        self.traceback = traceback
    }

    /// `file:line: message`, or the message alone when the location is unknown.
    public var description: String {
        switch (file, line) {
        case let (file?, line?): "\(file):\(line): \(message)"
        case let (file?, nil): "\(file): \(message)"
        default: message
        }
    }
}

extension LuaError {
    /// Splits Lua's `"chunk:line: message\nstack traceback:..."` into its parts.
    ///
    /// When the message carries no location (an error object that is not a string, or
    /// `error(msg, 0)`), the first Lua frame of the traceback whose chunk is a file gives it.
    ///
    /// A message longer than ``LuaState/maxMessageBytes`` is cut there, with a note of how
    /// much was left out: a plugin's `error(string.rep("x", 12 << 20))` costs the host 4 KiB.
    static func parse(kind: Kind, raw: String) -> LuaError {
        var message = raw
        var traceback: String?
        if let range = raw.range(of: "\nstack traceback:\n", options: .backwards) {
            message = String(raw[..<range.lowerBound])
            traceback = String(raw[range.upperBound...]).cappedUTF8(LuaState.maxMessageBytes)
        }
        message = message.cappedUTF8(LuaState.maxMessageBytes)
        if let (file, line, rest) = splitLocation(message) {
            return LuaError(kind: kind, message: rest, file: file, line: line, traceback: traceback)
        }
        if let traceback {
            for frame in traceback.split(separator: "\n") {
                let trimmed = frame.trimmingPrefix("\t")
                if trimmed.hasPrefix("[C]") { continue }
                if let (file, line, _) = splitLocation(String(trimmed)), !file.hasPrefix("[string") {
                    return LuaError(kind: kind, message: message, file: file, line: line, traceback: traceback)
                }
            }
        }
        return LuaError(kind: kind, message: message, traceback: traceback)
    }

    /// `"a/b.lua:12: text"` → `("a/b.lua", 12, "text")`.
    private static func splitLocation(_ text: String) -> (String, Int, String)? {
        let firstLine = text.prefix { $0 != "\n" }
        var searchStart = firstLine.startIndex
        while let colon = firstLine[searchStart...].firstIndex(of: ":") {
            let afterColon = firstLine.index(after: colon)
            let digits = firstLine[afterColon...].prefix { $0.isASCII && $0.isNumber }
            if !digits.isEmpty, digits.endIndex < firstLine.endIndex, firstLine[digits.endIndex] == ":",
               let line = Int(digits), colon > firstLine.startIndex {
                let file = String(firstLine[..<colon])
                var rest = text[text.index(after: digits.endIndex)...]
                if rest.first == " " { rest = rest.dropFirst() }
                return (file, line, String(rest))
            }
            searchStart = afterColon
        }
        return nil
    }
}

extension String {
    /// The text cut to at most `limit` bytes of UTF-8 at a scalar boundary, with a note of
    /// how many bytes were left out, `… (N more bytes)` as the CLI writes it; the text itself when it fits.
    public func cappedUTF8(_ limit: Int) -> String {
        let count = utf8.count
        guard count > limit else { return self }
        var end = utf8.index(utf8.startIndex, offsetBy: max(limit, 0))
        while end > utf8.startIndex, UTF8.isContinuation(utf8[end]) { end = utf8.index(before: end) }
        let kept = self[..<end]
        return "\(kept)… (\(count - kept.utf8.count) more bytes)"
    }
}
