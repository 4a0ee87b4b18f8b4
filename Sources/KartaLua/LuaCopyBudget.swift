/// What one copy of values out of Lua may cost the host, counted before anything is copied.
///
/// Every value counts one against ``values`` and ``valueOverhead`` bytes against ``bytes``;
/// every string counts its full length each time it is reached, so a table of 150 references
/// to one 16 MiB string costs 2.4 GB here, as it would in a document, and is refused long
/// before the host copies it (docs/security.md, "The host's side of the plugin boundary").
public struct LuaCopyBudget: Sendable {
    /// Values still allowed.
    public var values: Int
    /// Bytes still allowed.
    public var bytes: Int
    /// The caps this budget started from, for messages.
    public let maxValues: Int
    /// The byte cap this budget started from, for messages.
    public let maxBytes: Int
    /// How functions reached by the copy are handed to the host.
    public var functions: LuaFunctionCopy

    /// Bytes counted for each value besides its text: about what the host's copy of it costs.
    public static let valueOverhead = 16

    /// A budget of `values` values and `bytes` bytes.
    public init(values: Int, bytes: Int, functions: LuaFunctionCopy = .reference) {
        self.values = values
        self.bytes = bytes
        maxValues = values
        maxBytes = bytes
        self.functions = functions
    }
}

/// How a copy out of Lua hands over the functions it meets.
public enum LuaFunctionCopy: Sendable {
    /// As registry references the host can call later (what `plugin.lua` returns at load).
    case reference
    /// As a placeholder that names the type but holds no reference and cannot be called:
    /// for values the host only reads (documents, verdicts, log arguments), so that a plugin
    /// cannot pin millions of references outside its memory cap.
    case placeholder
}

extension LuaFunctionRef {
    /// The function a ``LuaFunctionCopy/placeholder`` copy stands in for: it belongs to no state.
    public static let placeholder = LuaFunctionRef(reference: -2, stateID: 0)
}

/// `16 MiB`, `64 KiB`, `512 bytes`.
public func byteSizeText(_ bytes: Int) -> String {
    if bytes >= 1 << 20, bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
    if bytes >= 1 << 10, bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
    return "\(bytes) bytes"
}
