/// A Lua value copied out of (or to be pushed into) a Lua state.
///
/// Tables are copied whole with raw access (no metamethods run); functions stay in the
/// state and are represented by a ``LuaFunctionRef`` that only that state can call.
public enum LuaValue: Sendable, Equatable {
    /// `nil`.
    case `nil`
    /// `true` or `false`.
    case boolean(Bool)
    /// An integer subtype number.
    case integer(Int64)
    /// A float subtype number (may be NaN or infinite: validate before use).
    case number(Double)
    /// A string; Karta accepts valid UTF-8 only.
    case string(String)
    /// A table copied out of Lua.
    case table(LuaTable)
    /// A function kept alive in the state's registry.
    case function(LuaFunctionRef)

    /// The Lua type name of the value, as `type()` would print it.
    public var typeName: String {
        switch self {
        case .nil: "nil"
        case .boolean: "boolean"
        case .integer, .number: "number"
        case .string: "string"
        case .table: "table"
        case .function: "function"
        }
    }

    /// The string, if the value is one.
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The table, if the value is one.
    public var tableValue: LuaTable? {
        if case .table(let t) = self { return t }
        return nil
    }
}

extension LuaValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral {
    /// A string value.
    public init(stringLiteral value: String) { self = .string(value) }
    /// An integer value.
    public init(integerLiteral value: Int64) { self = .integer(value) }
    /// A boolean value.
    public init(booleanLiteral value: Bool) { self = .boolean(value) }
}

/// A Lua table as plain data: its sequence part `1...n`, its string keys, and any other keys.
public struct LuaTable: Sendable, Equatable {
    /// Values at keys `1...n`, where `n` is the table's border (`#t` without metamethods).
    public var sequence: [LuaValue]
    /// Values at string keys.
    public var fields: [String: LuaValue]
    /// Entries with keys that are neither in the sequence nor strings (floats, booleans, sparse integers, tables).
    public var otherEntries: [LuaEntry]

    /// Creates a table from its parts.
    public init(sequence: [LuaValue] = [], fields: [String: LuaValue] = [:], otherEntries: [LuaEntry] = []) {
        self.sequence = sequence
        self.fields = fields
        self.otherEntries = otherEntries
    }

    /// The value at a string key, or `.nil`.
    public subscript(key: String) -> LuaValue {
        get { fields[key] ?? .nil }
        set { fields[key] = newValue == .nil ? nil : newValue }
    }

    /// True when the table has no entries at all.
    public var isEmpty: Bool { sequence.isEmpty && fields.isEmpty && otherEntries.isEmpty }
}

/// One key/value pair of a table whose key is not a string or a sequence index.
public struct LuaEntry: Sendable, Equatable {
    /// The key.
    public var key: LuaValue
    /// The value.
    public var value: LuaValue

    /// Creates an entry.
    public init(key: LuaValue, value: LuaValue) {
        self.key = key
        self.value = value
    }
}

/// A Lua function held in the registry of the state that produced it.
///
/// Only the owning ``LuaState`` can call it; the reference stays valid while that state lives.
public struct LuaFunctionRef: Sendable, Equatable {
    /// The registry reference (`luaL_ref`).
    public let reference: Int32
    /// Identity of the owning state, to refuse calls through another state.
    public let stateID: UInt64
}
