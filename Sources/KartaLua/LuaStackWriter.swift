import CLua

/// Pushes host data straight onto a state's stack, without building a ``LuaValue`` tree
/// first: the fast way to hand a large record (a roadmap) to Lua.
///
/// Obtain one from ``LuaState/call(_:readOnly:arguments:push:)`` or
/// ``LuaState/copy(_:)``; each `push…` leaves one value on the stack, and the `set…` and
/// `append…` methods store into the table on top of the stack. Tables are fresh, so every
/// store is raw (no metamethods run).
public struct LuaStackWriter {
    let state: LuaState
    /// Whether tables are made read-only proxies as they are completed.
    let readOnly: Bool
    private var L: OpaquePointer { state.L }

    init(state: LuaState, readOnly: Bool) {
        self.state = state
        self.readOnly = readOnly
    }

    /// Pushes a ``LuaValue``.
    public func push(_ value: LuaValue) throws(LuaError) {
        try state.push(value)
    }

    /// Pushes a string.
    public func push(_ text: String) {
        var text = text
        text.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                _ = lua_pushlstring(L, chars.baseAddress, chars.count)
            }
        }
    }

    /// Pushes a new table sized for `sequence` items and `fields` named fields, and lets
    /// `fill` store into it.
    public func pushTable(sequence: Int, fields: Int, _ fill: (LuaStackWriter) throws(LuaError) -> Void) throws(LuaError) {
        guard lua_checkstack(L, 4) != 0 else { throw LuaError(kind: .memory, message: "Lua stack overflow") }
        lua_createtable(L, Int32(clamping: sequence), Int32(clamping: fields))
        try fill(self)
        if readOnly { karta_proxy_top(L) }
    }

    /// Pushes a list of strings.
    public func pushList(_ items: [String]) {
        lua_createtable(L, Int32(clamping: items.count), 0)
        for (offset, item) in items.enumerated() {
            push(item)
            lua_rawseti(L, -2, Int64(offset + 1))
        }
        if readOnly { karta_proxy_top(L) }
    }

    /// Pushes a table of string keys to strings.
    public func pushMap(_ map: [String: String]) {
        lua_createtable(L, 0, Int32(clamping: map.count))
        for (key, value) in map {
            push(key)
            push(value)
            lua_rawset(L, -3)
        }
        if readOnly { karta_proxy_top(L) }
    }

    /// `t[key] = text` on the table on top of the stack; nothing when `text` is nil.
    public func set(_ key: StaticString, _ text: String?) {
        guard let text else { return }
        push(text)
        store(key)
    }

    /// `t[key] = number` on the table on top of the stack.
    public func set(_ key: StaticString, _ number: Int) {
        lua_pushinteger(L, lua_Integer(number))
        store(key)
    }

    /// `t[key] = <the value pushed by push>` on the table on top of the stack.
    public func set(_ key: StaticString, _ push: (LuaStackWriter) throws(LuaError) -> Void) throws(LuaError) {
        try push(self)
        store(key)
    }

    /// `t[position] = <the value pushed by push>` on the table on top of the stack.
    public func set(_ position: Int, _ push: (LuaStackWriter) throws(LuaError) -> Void) throws(LuaError) {
        try push(self)
        lua_rawseti(L, -2, Int64(position))
    }

    private func store(_ key: StaticString) {
        // String literals are NUL-terminated; the table is fresh, so the store is raw.
        UnsafeRawPointer(key.utf8Start).withMemoryRebound(to: CChar.self, capacity: key.utf8CodeUnitCount + 1) { name in
            lua_setfield(L, -2, name)
        }
    }
}
