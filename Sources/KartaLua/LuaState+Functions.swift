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

/// Keeps a Swift function alive and reachable from the C trampoline.
final class SwiftFunctionBox {
    let function: LuaSwiftFunction
    let name: String
    unowned let state: LuaState

    init(function: @escaping LuaSwiftFunction, name: String, state: LuaState) {
        self.function = function
        self.name = name
        self.state = state
    }
}

extension LuaState {
    /// Makes a Swift function callable from Lua and returns it as a Lua function value,
    /// ready to be stored in a table or a global.
    ///
    /// The function never raises a Lua error across a Swift frame: it returns to the C
    /// trampoline, which raises after Swift has returned.
    public func makeFunction(name: String, _ function: @escaping LuaSwiftFunction) -> LuaValue {
        let box = SwiftFunctionBox(function: function, name: name, state: self)
        functionBoxes.append(box)
        return hostAllocating {
            karta_push_swift_function(L, Unmanaged.passUnretained(box).toOpaque())
            return .function(LuaFunctionRef(reference: karta_ref(L), stateID: id))
        }
    }

    /// Registers a Swift function as a global.
    public func register(global name: String, _ function: @escaping LuaSwiftFunction) throws(LuaError) {
        try setGlobal(name, makeFunction(name: name, function))
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
        var budget = maxValues
        do {
            // Only the host's own copying is exempt from the memory cap: if the function calls
            // back into Lua, that Lua code runs under the cap like any other.
            let arguments = try hostAllocating { () throws(LuaError) in
                try (0..<count).map { offset throws(LuaError) in
                    try value(at: offset + 1, path: "\(box.name) argument #\(offset + 1)", budget: &budget)
                }
            }
            let results = try box.function(arguments)
            guard lua_checkstack(L, Int32(results.count) + 4) != 0 else {
                throw LuaError(kind: .memory, message: "Lua stack overflow")
            }
            try hostAllocating { () throws(LuaError) in
                for result in results { try push(result) }
            }
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

/// The Swift side of `karta_trampoline`, installed in every state's context.
let luaDispatchSwiftFunction: karta_dispatch_fn = { _, box in
    guard let box else { return -1 }
    let function = Unmanaged<SwiftFunctionBox>.fromOpaque(box).takeUnretainedValue()
    return function.state.invoke(function)
}
