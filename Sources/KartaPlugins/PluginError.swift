public import KartaLua
import KartaCore

/// A problem in a plugin's declarations, keyed by path (`roles[3].abbr: missing`).
public struct ManifestProblem: Sendable, Hashable, CustomStringConvertible {
    /// Path of the field in the table `plugin.lua` returns; 1-based list indices.
    public var path: String
    /// What is wrong.
    public var message: String

    /// Creates a problem.
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    /// `path: message`.
    public var description: String { path.isEmpty ? message : "\(path): \(message)" }
}

/// A plugin failed: it did not load, its declarations are wrong, its code raised an
/// error, or what it returned is not what the host accepts.
public struct PluginError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Sendable, Equatable {
        /// `plugin.lua` is missing or unreadable, or a `require`d file is.
        case missing
        /// Lua code failed to compile or raised an error (including limits hit).
        case lua(LuaError.Kind)
        /// The declarations returned by `plugin.lua` are invalid.
        case manifest([ManifestProblem])
        /// A report function returned something that is not a valid report document.
        case output([ManifestProblem])
        /// The plugin has no such report format, or the roadmap belongs to another plugin.
        case usage
    }

    /// The plugin's id (its folder name).
    public var plugin: String
    /// What went wrong.
    public var kind: Kind
    /// The file concerned, if known.
    public var file: String?
    /// The line in ``file``, if known.
    public var line: Int?
    /// The message (for manifest and output errors, a summary; the problems are in ``kind``).
    public var message: String
    /// Lua's traceback, if any.
    public var traceback: String?

    /// Creates an error.
    public init(plugin: String, kind: Kind, file: String? = nil, line: Int? = nil, message: String, traceback: String? = nil) {
        self.plugin = plugin
        self.kind = kind
        self.file = file
        self.line = line
        self.message = message
        self.traceback = traceback
    }

    /// Wraps a Lua error raised by the plugin's code.
    init(plugin: String, _ error: LuaError) {
        self.init(plugin: plugin, kind: .lua(error.kind), file: error.file, line: error.line, message: error.message,
                  traceback: error.traceback)
    }

    /// `plugin 'pskov': plugins/pskov/plugin.lua:12: message`, with one line per manifest problem.
    ///
    /// What the plugin wrote (its id, the message, the problems' paths and values) is
    /// escaped for a terminal (``TerminalText``): it stays on its line and moves no cursor.
    /// The message is capped at ``TerminalText/messageBytes``, the list at
    /// ``TerminalText/problemCount`` problems.
    public var description: String {
        var location = ""
        if let file {
            location = TerminalText.escaped(file)
            if let line { location += ":\(line)" }
            location += ": "
        }
        var text = "plugin '\(TerminalText.plugin(plugin))': \(location)\(TerminalText.plugin(message))"
        switch kind {
        case .manifest(let problems), .output(let problems):
            for line in TerminalText.problemLines(problems, indent: "  ") {
                text += "\n" + line
            }
        default:
            break
        }
        return text
    }
}

/// Problems found while decoding plugin declarations or output.
struct ProblemList: Error {
    var problems: [ManifestProblem]
    init(_ problems: [ManifestProblem]) { self.problems = problems }
}
