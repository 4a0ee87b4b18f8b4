import CLua

extension LuaState {
    /// Copies the value at a stack index into Swift, with raw access (no metamethods),
    /// a nesting cap, cycle detection, and the caps of `budget` on values and bytes, checked
    /// before each value is copied.
    ///
    /// - Parameter path: where the value sits, for error messages (`result[1].roles[3]`).
    func value(at index: Int32, path: String, budget: inout LuaCopyBudget) throws(LuaError) -> LuaValue {
        // The tables being copied, outermost first: at most maxDepth, so a list (searched
        // from the end) costs less than hashing every table in and out of a set.
        var onPath: [UnsafeRawPointer] = []
        onPath.reserveCapacity(16)
        var where_ = LuaPath(root: path)
        return try value(at: lua_absindex(L, index), path: &where_, depth: 0, onPath: &onPath, budget: &budget)
    }

    private func value(
        at index: Int32, path: inout LuaPath, depth: Int, onPath: inout [UnsafeRawPointer], budget: inout LuaCopyBudget
    ) throws(LuaError) -> LuaValue {
        budget.values -= 1
        budget.bytes -= LuaCopyBudget.valueOverhead
        guard budget.values >= 0 else {
            throw conversionError(path, "too many values (more than \(budget.maxValues))")
        }
        guard budget.bytes >= 0 else { throw tooLarge(path, budget) }
        switch lua_type(L, index) {
        case LUA_TNIL, LUA_TNONE:
            return .nil
        case LUA_TBOOLEAN:
            return .boolean(lua_toboolean(L, index) != 0)
        case LUA_TNUMBER:
            if karta_isinteger(L, index) != 0 { return .integer(karta_tointeger(L, index)) }
            return .number(karta_tonumber(L, index))
        case LUA_TSTRING:
            var length = 0
            guard let chars = karta_tolstring(L, index, &length) else { return .string("") }
            budget.bytes -= length
            guard budget.bytes >= 0 else { throw tooLarge(path, budget) }
            guard let string = swiftString(chars, length: length) else {
                throw conversionError(path, "string is not valid UTF-8")
            }
            return .string(string)
        case LUA_TFUNCTION:
            guard case .reference = budget.functions else { return .function(.placeholder) }
            lua_pushvalue(L, index)
            return hostAllocating { .function(LuaFunctionRef(reference: karta_ref(L), stateID: id)) }
        case LUA_TTABLE:
            return try table(at: index, path: &path, depth: depth, onPath: &onPath, budget: &budget)
        default:
            let typeName = String(cString: lua_typename(L, lua_type(L, index)))
            throw conversionError(path, "a \(typeName) value cannot be passed to the host")
        }
    }

    private func table(
        at index: Int32, path: inout LuaPath, depth: Int, onPath: inout [UnsafeRawPointer], budget: inout LuaCopyBudget
    ) throws(LuaError) -> LuaValue {
        guard depth < maxDepth else {
            throw conversionError(path, "tables nested deeper than \(maxDepth) levels")
        }
        guard let identity = lua_topointer(L, index) else { return .table(LuaTable()) }
        guard !onPath.contains(identity) else {
            throw conversionError(path, "table contains itself (a cycle)")
        }
        onPath.append(identity)
        defer { onPath.removeLast() }
        guard lua_checkstack(L, 4) != 0 else {
            throw conversionError(path, "Lua stack overflow")
        }
        var table = LuaTable()
        let count = lua_rawlen(L, index)
        if count > 0 {
            guard count <= UInt64(max(budget.values, 0)) else {
                throw conversionError(path, "too many values (more than \(budget.maxValues))")
            }
            table.sequence.reserveCapacity(Int(count))
            for position in 1...Int64(count) {
                lua_rawgeti(L, index, position)
                defer { karta_pop(L, 1) }
                path.parts.append(.index(position))
                defer { path.parts.removeLast() }
                table.sequence.append(try value(at: lua_gettop(L), path: &path, depth: depth + 1, onPath: &onPath, budget: &budget))
            }
        }
        lua_pushnil(L)
        while lua_next(L, index) != 0 {
            let keyIndex = lua_gettop(L) - 1
            let valueIndex = lua_gettop(L)
            if lua_type(L, keyIndex) == LUA_TNUMBER, karta_isinteger(L, keyIndex) != 0 {
                let key = karta_tointeger(L, keyIndex)
                if key >= 1 && UInt64(key) <= count {
                    karta_pop(L, 1)
                    continue
                }
            }
            do throws(LuaError) {
                if lua_type(L, keyIndex) == LUA_TSTRING {
                    let name = try value(at: keyIndex, path: &path, depth: depth + 1, onPath: &onPath, budget: &budget).stringValue ?? ""
                    path.parts.append(.field(name))
                    defer { path.parts.removeLast() }
                    table.fields[name] = try value(at: valueIndex, path: &path, depth: depth + 1, onPath: &onPath, budget: &budget)
                } else {
                    path.parts.append(.key)
                    let key = try value(at: keyIndex, path: &path, depth: depth + 1, onPath: &onPath, budget: &budget)
                    path.parts[path.parts.count - 1] = .keyed(describe(key))
                    defer { path.parts.removeLast() }
                    let entry = try value(at: valueIndex, path: &path, depth: depth + 1, onPath: &onPath, budget: &budget)
                    table.otherEntries.append(LuaEntry(key: key, value: entry))
                }
            } catch {
                karta_pop(L, 2)
                throw error
            }
            karta_pop(L, 1)
        }
        return .table(table)
    }

    /// Pushes a Swift value onto the stack. Call inside ``hostAllocating(_:)``.
    func push(_ value: LuaValue, depth: Int = 0) throws(LuaError) {
        guard depth < maxDepth else {
            throw LuaError(kind: .conversion, message: "value nested deeper than \(maxDepth) levels")
        }
        guard lua_checkstack(L, 3) != 0 else {
            throw LuaError(kind: .memory, message: "Lua stack overflow")
        }
        switch value {
        case .nil:
            lua_pushnil(L)
        case .boolean(let flag):
            lua_pushboolean(L, flag ? 1 : 0)
        case .integer(let number):
            lua_pushinteger(L, number)
        case .number(let number):
            lua_pushnumber(L, number)
        case .string(let string):
            var string = string
            string.withUTF8 { buffer in
                buffer.withMemoryRebound(to: CChar.self) { chars in
                    _ = lua_pushlstring(L, chars.baseAddress, chars.count)
                }
            }
        case .function(let function):
            guard function.stateID == id else {
                throw LuaError(kind: .conversion, message: "function belongs to another Lua state")
            }
            karta_getref(L, function.reference)
        case .table(let table):
            lua_createtable(L, Int32(clamping: table.sequence.count), Int32(clamping: table.fields.count))
            let tableIndex = lua_gettop(L)
            for (offset, element) in table.sequence.enumerated() {
                try push(element, depth: depth + 1)
                lua_rawseti(L, tableIndex, Int64(offset + 1))
            }
            for (key, element) in table.fields.sorted(by: { $0.key < $1.key }) {
                try push(.string(key), depth: depth + 1)
                try push(element, depth: depth + 1)
                lua_rawset(L, tableIndex)
            }
            for entry in table.otherEntries {
                switch entry.key {
                case .nil:
                    throw LuaError(kind: .conversion, message: "a table key cannot be nil")
                case .number(let number) where number.isNaN:
                    throw LuaError(kind: .conversion, message: "a table key cannot be NaN")
                default:
                    try push(entry.key, depth: depth + 1)
                    try push(entry.value, depth: depth + 1)
                    lua_rawset(L, tableIndex)
                }
            }
        }
    }

    /// Lua's bytes as a Swift string, nil unless valid UTF-8. Lua ends every string with a
    /// NUL; without one inside, the C-string initialiser validates in half the time of
    /// the generic `String(validating:as:)`, which looks up type metadata on each call.
    private func swiftString(_ chars: UnsafePointer<CChar>, length: Int) -> String? {
        if strlen(chars) == length { return String(validatingCString: chars) }
        let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(chars).assumingMemoryBound(to: UInt8.self), count: length)
        return String(validating: bytes, as: UTF8.self)
    }

    private func conversionError(_ path: LuaPath, _ message: String) -> LuaError {
        let text = path.text
        return LuaError(kind: .conversion, message: text.isEmpty ? message : "\(text): \(message)")
    }

    private func tooLarge(_ path: LuaPath, _ budget: LuaCopyBudget) -> LuaError {
        conversionError(path, "more than \(byteSizeText(budget.maxBytes)) would leave Lua "
            + "(every string is counted at full size each time it is referenced)")
    }

    private func describe(_ key: LuaValue) -> String {
        switch key {
        case .integer(let n): String(n)
        case .number(let n): String(n)
        case .boolean(let b): String(b)
        default: key.typeName
        }
    }
}

/// Where a value being copied sits; made into text (`result[1].roles[3]`) only for an
/// error message, since building it for every value cost more than the copy.
struct LuaPath {
    enum Part {
        case index(Int64)
        case field(String)
        /// A key that is neither a string nor in the sequence (while it is being copied).
        case key
        /// The value at such a key, described.
        case keyed(String)
    }

    var root: String
    var parts: [Part] = []

    var text: String {
        var text = root
        for part in parts {
            switch part {
            case .index(let position): text += "[\(position)]"
            case .field(let name): text = text.isEmpty ? name : "\(text).\(name)"
            case .key: text += "[key]"
            case .keyed(let key): text += "[\(key)]"
            }
        }
        return text
    }
}
