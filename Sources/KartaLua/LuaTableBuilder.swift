/// Something host data can be written into as Lua tables: a state's stack
/// (``LuaStackWriter``) or the bytes sent to a plugin worker (``LuaWireWriter``).
///
/// Host records describe their Lua shape once, against this protocol; each `push…` makes one
/// value, and the `set…` methods store into the table being filled.
public protocol LuaTableBuilder {
    /// Makes a ``LuaValue``.
    func push(_ value: LuaValue) throws(LuaError)
    /// Makes a string.
    func push(_ text: String)
    /// Makes a table sized for `sequence` items and `fields` named fields, filled by `fill`.
    func pushTable(sequence: Int, fields: Int, _ fill: (Self) throws(LuaError) -> Void) throws(LuaError)
    /// Makes a list of strings.
    func pushList(_ items: [String])
    /// Makes a table of string keys to strings.
    func pushMap(_ map: [String: String])
    /// `t[key] = text` on the table being filled; nothing when `text` is nil.
    func set(_ key: StaticString, _ text: String?)
    /// `t[key] = number` on the table being filled.
    func set(_ key: StaticString, _ number: Int)
    /// `t[key] = <the value made by push>` on the table being filled.
    func set(_ key: StaticString, _ push: (Self) throws(LuaError) -> Void) throws(LuaError)
    /// `t[position] = <the value made by push>` on the table being filled.
    func set(_ position: Int, _ push: (Self) throws(LuaError) -> Void) throws(LuaError)
}

extension LuaTableBuilder {
    /// Makes a table filled by `fill`, sized for `fields` named fields.
    public func pushTable(fields: Int, _ fill: (Self) throws(LuaError) -> Void) throws(LuaError) {
        try pushTable(sequence: 0, fields: fields, fill)
    }

    /// Makes a table filled by `fill`, sized for `sequence` items.
    public func pushTable(sequence: Int, _ fill: (Self) throws(LuaError) -> Void) throws(LuaError) {
        try pushTable(sequence: sequence, fields: 0, fill)
    }
}

extension LuaStackWriter: LuaTableBuilder {}
