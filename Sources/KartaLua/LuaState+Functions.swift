import CLua

/// A Swift function callable from Lua: it receives the arguments as values and returns
/// the results; a thrown error becomes a Lua error at the caller's file and line.
public typealias LuaSwiftFunction = (_ arguments: [LuaValue]) throws -> [LuaValue]

/// An error a Swift function throws to raise a Lua error with exactly this message.
public struct LuaRaise: Error, CustomStringConvertible {
    /// The message Lua code will see.
    public var description: String
    /// Creates the error.
    public init(_ message: String) { description = message }
}

/// What a Swift function callable from Lua receives of its arguments.
public enum LuaArguments: Sendable {
    /// Copies of the values, tables included, under the state's caps on values and bytes;
    /// functions arrive as ``LuaFunctionRef/placeholder``.
    case values
    /// Only what a message needs: strings, numbers and booleans, at most `maxBytes` bytes of
    /// text in all (more is an error that names the function); a table arrives empty and a
    /// function as a placeholder, neither copied. For `karta.log`, which prints `table` for
    /// a table.
    case scalars(maxBytes: Int)
}

/// Keeps a Swift function alive and reachable from the C trampoline.
final class SwiftFunctionBox {
    let function: LuaSwiftFunction
    let name: String
    let arguments: LuaArguments
    unowned let state: LuaState

    init(function: @escaping LuaSwiftFunction, name: String, arguments: LuaArguments, state: LuaState) {
        self.function = function
        self.name = name
        self.arguments = arguments
        self.state = state
    }
}

extension LuaState {
    /// Makes a Swift function callable from Lua and returns it as a Lua function value,
    /// ready to be stored in a table or a global.
    ///
    /// The function never raises a Lua error across a Swift frame: it returns to the C
    /// trampoline, which raises after Swift has returned. Time spent in it counts against
    /// the call's deadline: past it, the call ends with the time limit as Lua code would.
    /// Functions among its results are handed to Lua and their references released.
    ///
    /// - Parameter arguments: what the function receives of its arguments.
    public func makeFunction(name: String, arguments: LuaArguments = .values, _ function: @escaping LuaSwiftFunction) -> LuaValue {
        let box = SwiftFunctionBox(function: function, name: name, arguments: arguments, state: self)
        functionBoxes.append(box)
        return hostAllocating {
            karta_push_swift_function(L, Unmanaged.passUnretained(box).toOpaque())
            return .function(LuaFunctionRef(reference: karta_ref(L), stateID: id))
        }
    }

    /// Registers a Swift function as a global.
    public func register(global name: String, arguments: LuaArguments = .values, _ function: @escaping LuaSwiftFunction) throws(LuaError) {
        try setGlobal(name, makeFunction(name: name, arguments: arguments, function))
    }

    /// Where Lua code called from: `plugins/pskov/plugin.lua:12`, or nil for C callers.
    func callerLocation() -> String? {
        var record = lua_Debug()
        guard lua_getstack(L, 1, &record) != 0, lua_getinfo(L, "Sl", &record) != 0, record.currentline > 0 else {
            return nil
        }
        let source = withUnsafeBytes(of: &record.short_src) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        return "\(source):\(record.currentline)"
    }

    /// Runs a boxed Swift function for the trampoline; returns results pushed or -1 with a message pushed.
    func invoke(_ box: SwiftFunctionBox) -> Int32 {
        let count = lua_gettop(L)
        do {
            // Only the host's own copying is exempt from the memory cap: if the function calls
            // back into Lua, that Lua code runs under the cap like any other.
            let arguments = try hostAllocating { () throws(LuaError) in
                try copyArguments(count, for: box)
            }
            let results = try box.function(arguments)
            guard lua_checkstack(L, Int32(results.count) + 4) != 0 else {
                throw LuaError(kind: .memory, message: "Lua stack overflow")
            }
            try hostAllocating { () throws(LuaError) in
                for result in results { try push(result) }
            }
            // Lua holds the functions now; the host keeps no reference to them.
            for case .function(let function) in results { release(function) }
            return Int32(results.count)
        } catch {
            lua_settop(L, count)
            // A Lua error from a nested load or call already carries its own file and line.
            let location = (error as? LuaError)?.file == nil ? callerLocation().map { "\($0): " } ?? "" : ""
            var text = location + String(describing: error)
            hostAllocating {
                text.withUTF8 { buffer in
                    buffer.withMemoryRebound(to: CChar.self) { chars in
                        _ = lua_pushlstring(L, chars.baseAddress, chars.count)
                    }
                }
            }
            return -1
        }
    }
}

extension LuaState {
    /// The arguments of a call to `box`, copied as its ``LuaArguments`` say.
    fileprivate func copyArguments(_ count: Int32, for box: SwiftFunctionBox) throws(LuaError) -> [LuaValue] {
        switch box.arguments {
        case .values:
            var budget = LuaCopyBudget(values: maxValues, bytes: maxOutputBytes, functions: .placeholder)
            return try (0..<count).map { offset throws(LuaError) in
                try value(at: offset + 1, path: "\(box.name) argument #\(offset + 1)", budget: &budget)
            }
        case .scalars(let maxBytes):
            // Measured before anything is copied: a call with a million arguments that all
            // reference one 16 MiB string costs a million length reads.
            var total = Int(count) * 8
            for index in stride(from: 1, through: count, by: 1) where lua_type(L, index) == LUA_TSTRING {
                var length = 0
                _ = karta_tolstring(L, index, &length)
                total += length
            }
            guard total <= maxBytes else {
                throw LuaError(kind: .runtime, message: "\(box.name): more than \(byteSizeText(maxBytes)) in one call "
                    + "(\(count) arguments, about \(total) bytes); log less")
            }
            return (0..<count).map { offset in
                let index = offset + 1
                switch lua_type(L, index) {
                case LUA_TBOOLEAN: return .boolean(lua_toboolean(L, index) != 0)
                case LUA_TNUMBER:
                    return karta_isinteger(L, index) != 0 ? .integer(karta_tointeger(L, index)) : .number(karta_tonumber(L, index))
                case LUA_TSTRING:
                    var length = 0
                    guard let chars = karta_tolstring(L, index, &length) else { return .string("") }
                    let bytes = UnsafeRawPointer(chars).assumingMemoryBound(to: UInt8.self)
                    return .string(String(decoding: UnsafeBufferPointer(start: bytes, count: length), as: UTF8.self))
                case LUA_TTABLE: return .table(LuaTable())
                case LUA_TFUNCTION: return .function(.placeholder)
                default: return .nil
                }
            }
        }
    }
}

/// The Swift side of `karta_trampoline`, installed in every state's context.
let luaDispatchSwiftFunction: karta_dispatch_fn = { _, box in
    guard let box else { return -1 }
    let function = Unmanaged<SwiftFunctionBox>.fromOpaque(box).takeUnretainedValue()
    return function.state.invoke(function)
}
