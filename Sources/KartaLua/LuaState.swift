import CLua

/// The one owner of a sandboxed Lua 5.4 state.
///
/// A state is not thread-safe and must stay on one thread (or one task) at a time; make one
/// state per worker instead of sharing. It opens only `base`, `string`, `table`, `math` and
/// `utf8`; `dofile`, `loadfile`, `require`, `collectgarbage` and `string.dump` are removed
/// and `load` accepts text chunks only. Every call runs under a message handler, so an error
/// comes back as a ``LuaError`` with file, line and traceback, and under the state's
/// ``LuaLimits``.
public final class LuaState {
    /// The raw state, for the conversion and function helpers of this module.
    let L: OpaquePointer
    /// The C context shared with the allocator and the limit hook.
    let context: UnsafeMutablePointer<karta_ctx>
    /// Identity of this state, stamped into every ``LuaFunctionRef`` it hands out.
    public let id: UInt64
    /// Swift functions registered with this state, kept alive as long as it is.
    var functionBoxes: [SwiftFunctionBox] = []
    /// Nesting of protected calls (a Swift function may call back into Lua).
    var callDepth = 0
    /// Largest table nesting the converters accept.
    public var maxDepth = 64
    /// Largest number of values one conversion may copy out of Lua.
    public var maxValues = 2_000_000
    /// Largest size of what one conversion may copy out of Lua, in bytes: the text of every
    /// string each time it is referenced, plus ``LuaCopyBudget/valueOverhead`` per value.
    public var maxOutputBytes = LuaState.defaultMaxOutputBytes
    /// The default of ``maxOutputBytes``: 8 MiB, a hundred times a region's roll-up of sixty
    /// municipalities, and a bound on what rendering five formats of it costs (docs/security.md).
    public static let defaultMaxOutputBytes = 8 << 20
    /// Largest error message kept from Lua, in bytes (the traceback is capped alike).
    public static let maxMessageBytes = 4 << 10
    /// What the state runs, for messages that name it (`plugin 'pskov'`).
    public var label = "Lua"
    /// Where ``load(_:chunkName:)`` keeps and finds compiled chunks, if anywhere.
    public var chunkCache: LuaChunkCache?

    /// The limits applied to each call; changing them takes effect at the next call.
    public var limits: LuaLimits {
        didSet { applyMemoryLimit() }
    }

    nonisolated(unsafe) private static var nextID: UInt64 = 1
    private static let idLock = Mutex()

    /// Creates a sandboxed state with the given limits.
    public init(limits: LuaLimits = .pluginDefaults) throws(LuaError) {
        context = .allocate(capacity: 1)
        context.initialize(to: karta_ctx())
        context.pointee.dispatch = luaDispatchSwiftFunction
        guard let state = karta_newstate(context) else {
            context.deallocate()
            throw LuaError(kind: .memory, message: "could not create a Lua state")
        }
        L = state
        id = LuaState.idLock.withLock {
            defer { LuaState.nextID += 1 }
            return LuaState.nextID
        }
        self.limits = limits
        let status = karta_open_sandbox(L)
        if status != LUA_OK {
            let message = popString() ?? "unknown error"
            lua_close(L)
            context.deallocate()
            throw LuaError(kind: .runtime, message: "could not open the Lua sandbox: \(message)")
        }
        karta_install_limit_hook(L)
        applyMemoryLimit()
    }

    deinit {
        lua_close(L)
        context.deallocate()
    }

    /// Bytes currently held by the state.
    public var memoryUsed: Int { Int(context.pointee.memory_used) }

    /// Highest number of bytes the state has held.
    public var memoryPeak: Int { Int(context.pointee.memory_peak) }

    /// VM instructions run by the last top-level call (counted in steps of 1,000).
    public var instructionsUsed: Int64 { context.pointee.instructions }

    private func applyMemoryLimit() {
        context.pointee.memory_limit = limits.memoryBytes.map { size_t(max($0, 0)) } ?? 0
    }

    // MARK: Loading and calling

    /// Compiles a text chunk and returns it as a function; binary chunks are refused.
    ///
    /// - Parameters:
    ///   - source: the Lua source text.
    ///   - chunkName: the file name that errors and tracebacks will show, e.g. `plugins/pskov/plugin.lua`.
    ///
    /// With a ``chunkCache``, a chunk compiled before from the same text is loaded from its
    /// bytecode instead of being parsed again.
    public func load(_ source: String, chunkName: String) throws(LuaError) -> LuaFunctionRef {
        if let bytecode = chunkCache?.bytecode(chunkName, source: source) {
            let status = bytecode.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { chars in
                    hostAllocating { karta_load_compiled(L, chars.baseAddress, chars.count, "@" + chunkName) }
                }
            }
            if status == LUA_OK { return hostAllocating { LuaFunctionRef(reference: karta_ref(L), stateID: id) } }
            karta_pop(L, 1)
        }
        var text = source
        let status = text.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                hostAllocating { karta_load_text(L, chars.baseAddress, chars.count, "@" + chunkName) }
            }
        }
        guard status == LUA_OK else {
            let raw = popString() ?? "unknown error"
            let kind: LuaError.Kind = status == LUA_ERRMEM ? .memory : .syntax
            throw LuaError.parse(kind: kind, raw: raw)
        }
        if let chunkCache, let bytecode = hostAllocating({ dumpTop() }) {
            chunkCache.keep(chunkName, source: source, bytecode: bytecode)
        }
        return hostAllocating { LuaFunctionRef(reference: karta_ref(L), stateID: id) }
    }

    /// Loads and runs a chunk, returning what it returns.
    public func run(_ source: String, chunkName: String, arguments: [LuaValue] = []) throws(LuaError) -> [LuaValue] {
        let function = try load(source, chunkName: chunkName)
        defer { release(function) }
        return try call(function, arguments)
    }

    /// Calls a function of this state under the message handler and the limits.
    ///
    /// - Parameters:
    ///   - readOnly: give the arguments to Lua as read-only proxies (tables inside them
    ///     included): writes, `rawset` and `setmetatable` on them fail.
    ///   - results: how many results the host reads; the rest are never copied.
    ///   - functions: how functions in the results are handed over.
    public func call(
        _ function: LuaFunctionRef, _ arguments: [LuaValue] = [], readOnly: Bool = false,
        results: Int = .max, functions: LuaFunctionCopy = .reference
    ) throws(LuaError) -> [LuaValue] {
        try call(function, readOnly: readOnly, arguments: arguments.count, results: results, functions: functions) { writer throws(LuaError) in
            for argument in arguments { try writer.push(argument) }
        }
    }

    /// Calls a function with `arguments` values that `push` places on the stack, one per
    /// argument, without building ``LuaValue`` trees.
    ///
    /// What the function returns is copied under one ``LuaCopyBudget`` of ``maxValues`` and
    /// ``maxOutputBytes``: a result larger than that fails the call with a conversion error
    /// before the host has copied it.
    public func call(
        _ function: LuaFunctionRef, readOnly: Bool = false, arguments: Int,
        results wanted: Int = .max, functions: LuaFunctionCopy = .reference,
        push: (LuaStackWriter) throws(LuaError) -> Void
    ) throws(LuaError) -> [LuaValue] {
        guard function.stateID == id else {
            throw LuaError(kind: .runtime, message: "function belongs to another Lua state")
        }
        let base = lua_gettop(L)
        guard lua_checkstack(L, Int32(arguments) + 8) != 0 else {
            throw LuaError(kind: .memory, message: "Lua stack overflow")
        }
        do throws(LuaError) {
            try hostAllocating { () throws(LuaError) in
                karta_getref(L, function.reference)
                try push(LuaStackWriter(state: self, readOnly: readOnly))
                guard lua_gettop(L) == base + 1 + Int32(arguments) else {
                    throw LuaError(kind: .conversion, message: "host pushed \(lua_gettop(L) - base - 1) arguments, expected \(arguments)")
                }
                if readOnly, karta_freeze_top(L, Int32(arguments)) != LUA_OK {
                    throw LuaError(kind: .memory, message: "could not make host data read-only: \(popString() ?? "")")
                }
            }
        } catch {
            lua_settop(L, base)
            throw error
        }
        if callDepth == 0 {
            karta_reset_trip(context)
            context.pointee.deadline = limits.seconds.map { karta_monotonic_seconds() + $0 } ?? 0
            context.pointee.instruction_limit = limits.instructions ?? 0
            if let seconds = limits.seconds {
                LuaWatchdog.shared.arm(id, label: label, deadline: context.pointee.deadline, seconds: seconds, state: L)
            }
        }
        callDepth += 1
        let status = karta_pcall(L, Int32(arguments), LUA_MULTRET)
        callDepth -= 1
        if callDepth == 0 {
            context.pointee.deadline = 0
            context.pointee.instruction_limit = 0
            if limits.seconds != nil { LuaWatchdog.shared.disarm(id) }
        }
        guard status == LUA_OK else {
            defer { lua_settop(L, base) }
            if context.pointee.tripped != 0 {
                // A limit was hit: its own message, whatever error object reached the top.
                karta_push_trip_message(L)
                let kind: LuaError.Kind = context.pointee.tripped == KARTA_TRIP_MEMORY ? .memory : .limit
                throw LuaError.parse(kind: kind, raw: popString() ?? "")
            }
            throw classify(status: status, raw: popString() ?? "(error object is not a string)")
        }
        defer { lua_settop(L, base) }
        var results: [LuaValue] = []
        let top = lua_gettop(L)
        if top > base, wanted > 0 {
            var budget = LuaCopyBudget(values: maxValues, bytes: maxOutputBytes, functions: functions)
            for index in (base + 1)...min(top, base + Int32(clamping: wanted)) {
                results.append(try value(at: index, path: "result[\(index - base)]", budget: &budget))
            }
        }
        return results
    }

    /// The value `push` places on the stack, copied back into Swift (as a report function
    /// would see it, but writable): for tests and for writing host data as Lua source.
    public func copy(_ push: (LuaStackWriter) throws(LuaError) -> Void) throws(LuaError) -> LuaValue {
        let base = lua_gettop(L)
        defer { lua_settop(L, base) }
        try hostAllocating { () throws(LuaError) in try push(LuaStackWriter(state: self, readOnly: false)) }
        guard lua_gettop(L) == base + 1 else {
            throw LuaError(kind: .conversion, message: "host pushed \(lua_gettop(L) - base) values, expected 1")
        }
        var budget = LuaCopyBudget(values: maxValues, bytes: maxOutputBytes)
        return try value(at: -1, path: "", budget: &budget)
    }

    /// The function held under a registry reference that this state handed out earlier
    /// (as ``LuaFunctionRef/reference``), for a worker that gets references back from its host.
    /// Calling a reference that holds no function fails like calling any non-function.
    public func function(reference: Int32) -> LuaFunctionRef {
        LuaFunctionRef(reference: reference, stateID: id)
    }

    /// A fresh identity, never used by a state of this process: for functions held by a
    /// state in another process (a plugin worker), so that no local state calls them.
    public static func reserveIdentity() -> UInt64 {
        idLock.withLock {
            defer { nextID += 1 }
            return nextID
        }
    }

    /// Lets Lua collect a function the host no longer needs.
    public func release(_ function: LuaFunctionRef) {
        guard function.stateID == id else { return }
        karta_unref(L, function.reference)
    }

    /// Sets a global variable of the state's environment.
    public func setGlobal(_ name: String, _ value: LuaValue) throws(LuaError) {
        try hostAllocating { () throws(LuaError) in
            try push(value)
            lua_setglobal(L, name)
        }
    }

    // MARK: Internals

    /// Runs `body` with the memory cap lifted: host pushes never fail mid-way.
    func hostAllocating<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        context.pointee.host_allocating += 1
        defer { context.pointee.host_allocating -= 1 }
        return try body()
    }

    /// Pops the string on top of the stack (if it is one).
    func popString() -> String? {
        defer { karta_pop(L, 1) }
        guard lua_type(L, -1) == LUA_TSTRING else { return nil }
        var length = 0
        guard let chars = karta_tolstring(L, -1, &length) else { return nil }
        let bytes = UnsafeRawBufferPointer(start: chars, count: length)
        return String(decoding: bytes, as: UTF8.self)
    }

    private func classify(status: Int32, raw: String) -> LuaError {
        if status == LUA_ERRMEM || context.pointee.memory_refused != 0 {
            let cap = limits.memoryBytes.map { " (limit \($0) bytes)" } ?? ""
            var error = LuaError.parse(kind: .memory, raw: raw)
            error.message = "memory limit exceeded\(cap): \(error.message)"
            return error
        }
        if status == LUA_ERRERR {
            return LuaError.parse(kind: .handler, raw: raw)
        }
        return LuaError.parse(kind: .runtime, raw: raw)
    }
}
