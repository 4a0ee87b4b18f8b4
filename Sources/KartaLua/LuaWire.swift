import CLua

/// The byte form of Lua values that crosses the boundary to a plugin worker process.
///
/// A value is a short program for a stack machine, the same steps ``LuaStackWriter`` takes on
/// a state's stack: push a scalar, begin a table, store into it, end it. The worker replays
/// the steps onto its stack (``LuaStackWriter/push(wire:cache:)``); the host reads results
/// back into ``LuaValue`` trees (``LuaWireReader``). Numbers are little-endian.
enum LuaWireOp: UInt8 {
    case `nil` = 0, `false`, `true`
    /// 8 bytes.
    case integer, number
    /// 4-byte length, then the bytes.
    case string
    /// 4-byte sequence size, 4-byte field count: a new table.
    case table
    /// The table on top is complete.
    case end
    /// Stack `table, key, value`: `table[key] = value`.
    case set
    /// 8-byte position; stack `table, value`: `table[position] = value`.
    case setIndex
    /// 4-byte registry reference of a function held by the worker's state.
    case function
    /// The value the last ``cache`` step kept (the worker keeps the roadmap it was last given).
    case cached
    /// Keep the next value (at the top level) for later ``cached`` steps, as its bytes.
    case cache
}

/// Writes Lua values as ``LuaWireOp`` steps.
public final class LuaWireWriter: LuaTableBuilder {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8] = []

    /// Creates an empty writer.
    public init() {
        bytes.reserveCapacity(4096)
    }

    // MARK: Scalars and framing

    /// Appends a raw byte (for message framing around values).
    public func byte(_ value: UInt8) { bytes.append(value) }

    /// Appends a raw 32-bit number (for message framing around values).
    public func uint32(_ value: UInt32) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// Appends a raw 64-bit number.
    public func int64(_ value: Int64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// Appends a length and the UTF-8 bytes of `text` (for message framing).
    public func text(_ text: String) {
        var text = text
        text.withUTF8 { buffer in
            uint32(UInt32(buffer.count))
            bytes.append(contentsOf: buffer)
        }
    }

    private func op(_ op: LuaWireOp) { bytes.append(op.rawValue) }

    // MARK: Values

    /// Writes the value the worker last cached in place of a fresh copy.
    public func pushCached() { op(.cached) }

    /// Marks the value written next to be kept by the worker for ``pushCached()``.
    public func cacheNext() { op(.cache) }

    /// Writes a ``LuaValue``; functions are written as their registry reference.
    public func push(_ value: LuaValue) throws(LuaError) {
        switch value {
        case .nil: op(.nil)
        case .boolean(let flag): op(flag ? .true : .false)
        case .integer(let number):
            op(.integer)
            int64(number)
        case .number(let number):
            op(.number)
            withUnsafeBytes(of: number.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
        case .string(let text):
            push(text)
        case .function(let function):
            op(.function)
            uint32(UInt32(bitPattern: function.reference))
        case .table(let table):
            op(.table)
            uint32(UInt32(clamping: table.sequence.count))
            uint32(UInt32(clamping: table.fields.count + table.otherEntries.count))
            for (offset, item) in table.sequence.enumerated() {
                try push(item)
                index(offset + 1)
            }
            for (key, item) in table.fields {
                push(key)
                try push(item)
                op(.set)
            }
            for entry in table.otherEntries {
                try push(entry.key)
                try push(entry.value)
                op(.set)
            }
            op(.end)
        }
    }

    /// Writes a string.
    public func push(_ text: String) {
        op(.string)
        self.text(text)
    }

    /// Writes a table filled by `fill`.
    public func pushTable(sequence: Int, fields: Int, _ fill: (LuaWireWriter) throws(LuaError) -> Void) throws(LuaError) {
        op(.table)
        uint32(UInt32(clamping: sequence))
        uint32(UInt32(clamping: fields))
        try fill(self)
        op(.end)
    }

    /// Writes a list of strings.
    public func pushList(_ items: [String]) {
        op(.table)
        uint32(UInt32(clamping: items.count))
        uint32(0)
        for (offset, item) in items.enumerated() {
            push(item)
            index(offset + 1)
        }
        op(.end)
    }

    /// Writes a table of string keys to strings.
    public func pushMap(_ map: [String: String]) {
        op(.table)
        uint32(0)
        uint32(UInt32(clamping: map.count))
        for (key, value) in map {
            push(key)
            push(value)
            op(.set)
        }
        op(.end)
    }

    /// `t[key] = text`; nothing when `text` is nil.
    public func set(_ key: StaticString, _ text: String?) {
        guard let text else { return }
        push(key)
        push(text)
        op(.set)
    }

    /// `t[key] = number`.
    public func set(_ key: StaticString, _ number: Int) {
        push(key)
        op(.integer)
        int64(Int64(number))
        op(.set)
    }

    /// `t[key] = <the value written by push>`.
    public func set(_ key: StaticString, _ push: (LuaWireWriter) throws(LuaError) -> Void) throws(LuaError) {
        self.push(key)
        try push(self)
        op(.set)
    }

    /// `t[position] = <the value written by push>`.
    public func set(_ position: Int, _ push: (LuaWireWriter) throws(LuaError) -> Void) throws(LuaError) {
        try push(self)
        index(position)
    }

    private func push(_ key: StaticString) {
        op(.string)
        uint32(UInt32(key.utf8CodeUnitCount))
        bytes.append(contentsOf: UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
    }

    private func index(_ position: Int) {
        op(.setIndex)
        int64(Int64(position))
    }
}

/// Reads what a ``LuaWireWriter`` wrote: framing numbers and strings, and values as
/// ``LuaValue`` trees. Every read is bounds-checked: malformed bytes throw, never crash.
public struct LuaWireReader {
    private let bytes: [UInt8]
    /// The read position.
    public private(set) var offset: Int
    /// Functions read are stamped with this state identity (the worker's, on the host).
    public var functionOwner: UInt64 = 0

    /// Reads `bytes` from `offset`.
    public init(_ bytes: [UInt8], offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    /// True when every byte was read.
    public var atEnd: Bool { offset >= bytes.count }

    /// The bytes from `start` to the read position.
    func bytes(from start: Int) -> [UInt8] { Array(bytes[start..<offset]) }

    private static func malformed(_ what: String) -> LuaError {
        LuaError(kind: .conversion, message: "malformed message from the plugin worker: \(what)")
    }

    /// Reads one raw byte.
    public mutating func byte() throws(LuaError) -> UInt8 {
        guard offset < bytes.count else { throw Self.malformed("truncated") }
        defer { offset += 1 }
        return bytes[offset]
    }

    /// Reads a raw 32-bit number.
    public mutating func uint32() throws(LuaError) -> UInt32 {
        guard offset + 4 <= bytes.count else { throw Self.malformed("truncated") }
        var value: UInt32 = 0
        for shift in 0..<4 { value |= UInt32(bytes[offset + shift]) << (8 * UInt32(shift)) }
        offset += 4
        return value
    }

    /// Reads a raw 64-bit number.
    public mutating func int64() throws(LuaError) -> Int64 {
        guard offset + 8 <= bytes.count else { throw Self.malformed("truncated") }
        var value: UInt64 = 0
        for shift in 0..<8 { value |= UInt64(bytes[offset + shift]) << (8 * UInt64(shift)) }
        offset += 8
        return Int64(bitPattern: value)
    }

    /// Reads a length-prefixed string. The worker checked that it is UTF-8 (Lua strings that
    /// are not are refused there); should bytes arrive that are not, they are repaired here
    /// (U+FFFD), never trusted — and without the generic validator, which costs a type
    /// metadata lookup per string.
    public mutating func text() throws(LuaError) -> String {
        let count = Int(try uint32())
        guard offset + count <= bytes.count else { throw Self.malformed("truncated string") }
        defer { offset += count }
        return bytes.withUnsafeBufferPointer { buffer in
            String(decoding: UnsafeBufferPointer(rebasing: buffer[offset..<offset + count]), as: UTF8.self)
        }
    }

    /// Calls `body` with the bytes of a length-prefixed string, not made into a Swift string.
    mutating func withText<T>(_ body: (UnsafeBufferPointer<UInt8>) -> T) throws(LuaError) -> T {
        let count = Int(try uint32())
        guard offset + count <= bytes.count else { throw Self.malformed("truncated string") }
        defer { offset += count }
        return bytes.withUnsafeBufferPointer { buffer in body(UnsafeBufferPointer(rebasing: buffer[offset..<offset + count])) }
    }

    /// Reads one value.
    public mutating func value() throws(LuaError) -> LuaValue {
        // Tables under construction, innermost last; values waiting to be stored.
        enum Slot { case value(LuaValue), table(LuaTable) }
        var stack: [Slot] = []
        func popValue() throws(LuaError) -> LuaValue {
            guard case .value(let value)? = stack.popLast() else { throw Self.malformed("a value is missing") }
            return value
        }
        func popTable() throws(LuaError) -> LuaTable {
            guard case .table(let table)? = stack.popLast() else { throw Self.malformed("no table to store into") }
            return table
        }
        while true {
            guard let op = LuaWireOp(rawValue: try byte()) else { throw Self.malformed("unknown step") }
            switch op {
            case .nil: stack.append(.value(.nil))
            case .false: stack.append(.value(.boolean(false)))
            case .true: stack.append(.value(.boolean(true)))
            case .integer: stack.append(.value(.integer(try int64())))
            case .number: stack.append(.value(.number(Double(bitPattern: UInt64(bitPattern: try int64())))))
            case .string: stack.append(.value(.string(try text())))
            case .function:
                stack.append(.value(.function(LuaFunctionRef(reference: Int32(bitPattern: try uint32()), stateID: functionOwner))))
            case .table:
                let sequence = Int(try uint32())
                let fields = Int(try uint32())
                var table = LuaTable()
                table.sequence.reserveCapacity(min(sequence, 1 << 16))
                table.fields.reserveCapacity(min(fields, 1 << 16))
                stack.append(.table(table))
            case .setIndex:
                let position = try int64()
                let value = try popValue()
                var table = try popTable()
                if position == Int64(table.sequence.count) + 1 {
                    table.sequence.append(value)
                } else {
                    table.otherEntries.append(LuaEntry(key: .integer(position), value: value))
                }
                stack.append(.table(table))
            case .set:
                let value = try popValue()
                let key = try popValue()
                var table = try popTable()
                if case .string(let name) = key {
                    table.fields[name] = value
                } else {
                    table.otherEntries.append(LuaEntry(key: key, value: value))
                }
                stack.append(.table(table))
            case .end:
                stack.append(.value(.table(try popTable())))
            case .cached, .cache:
                throw Self.malformed("a cache step in a result")
            }
            if stack.count == 1, case .value(let value) = stack[0] { return value }
        }
    }
}

/// The value a plugin worker keeps between calls (the roadmap it was last given), as the
/// bytes that wrote it: each call replays them into the state it runs in, which may be a
/// fresh one (plugin calls do not share a state).
public final class LuaWireCache {
    var bytes: [UInt8] = []
    var holds = false

    /// An empty cache.
    public init() {}
}

extension LuaStackWriter {
    /// Replays values written by a ``LuaWireWriter`` onto the stack: exactly `count` values
    /// are pushed, read from `reader`. Tables are made read-only as they end when the writer
    /// is read-only. Functions cannot be sent this way.
    public func push(wire reader: inout LuaWireReader, count: Int, cache: LuaWireCache) throws(LuaError) {
        let L = state.L
        let base = lua_gettop(L)
        func malformed(_ what: String) -> LuaError {
            LuaError(kind: .conversion, message: "malformed call from the host: \(what)")
        }
        // Open tables, to check that stores go into one; where the value to cache starts.
        var openTables = 0
        var cacheStart: (offset: Int, top: Int32)?
        while lua_gettop(L) - base < Int32(count) || openTables > 0 {
            guard lua_checkstack(L, 4) != 0 else { throw LuaError(kind: .memory, message: "Lua stack overflow") }
            guard let op = LuaWireOp(rawValue: try reader.byte()) else { throw malformed("unknown step") }
            switch op {
            case .nil: lua_pushnil(L)
            case .false: lua_pushboolean(L, 0)
            case .true: lua_pushboolean(L, 1)
            case .integer: lua_pushinteger(L, try reader.int64())
            case .number: lua_pushnumber(L, Double(bitPattern: UInt64(bitPattern: try reader.int64())))
            case .string:
                // The host's own strings: straight into Lua, no Swift string in between.
                try reader.withText { bytes in
                    bytes.withMemoryRebound(to: CChar.self) { chars in _ = lua_pushlstring(L, chars.baseAddress, chars.count) }
                }
            case .table:
                let sequence = try reader.uint32()
                let fields = try reader.uint32()
                lua_createtable(L, Int32(clamping: min(sequence, 1 << 20)), Int32(clamping: min(fields, 1 << 20)))
                openTables += 1
            case .end:
                guard openTables > 0, lua_type(L, -1) == LUA_TTABLE else { throw malformed("end without a table") }
                openTables -= 1
                if readOnly { karta_proxy_top(L) }
            case .set:
                guard lua_gettop(L) - base >= 3, lua_type(L, -3) == LUA_TTABLE, lua_type(L, -2) != LUA_TNIL else {
                    throw malformed("store without a table")
                }
                lua_rawset(L, -3)
            case .setIndex:
                let position = try reader.int64()
                guard lua_gettop(L) - base >= 2, lua_type(L, -2) == LUA_TTABLE else { throw malformed("store without a table") }
                lua_rawseti(L, -2, position)
            case .cached:
                guard openTables == 0, cache.holds else { throw malformed("nothing cached") }
                var replay = LuaWireReader(cache.bytes)
                try push(wire: &replay, count: 1, cache: LuaWireCache())
            case .cache:
                guard openTables == 0, cacheStart == nil else { throw malformed("cache inside a value") }
                cacheStart = (reader.offset, lua_gettop(L))
            case .function:
                throw malformed("a function in the arguments")
            }
            if let start = cacheStart, openTables == 0, lua_gettop(L) > start.top {
                cache.bytes = reader.bytes(from: start.offset)
                cache.holds = true
                cacheStart = nil
            }
        }
        guard lua_gettop(L) - base == Int32(count) else { throw malformed("\(lua_gettop(L) - base) values for \(count)") }
    }
}
