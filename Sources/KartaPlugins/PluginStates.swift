import KartaLua

/// The Lua states of one plugin, one per call: each call runs in the state the plugin had
/// right after loading, so nothing a call leaves behind — in globals, upvalues, module
/// tables or metatables — reaches the next call (one municipality's data in another's
/// report). Used by both engines: in this process, and inside a plugin worker.
///
/// A new state runs the prelude and `plugin.lua` again. Its functions are found by where they
/// sit in what `plugin.lua` returned (`reports[2].build`), since registry references may be
/// numbered differently; a `plugin.lua` that returns other declarations the second time is
/// refused. What the plugin logs while loading again is not logged twice.
final class PluginStates {
    let location: PluginLocation
    let limits: LuaLimits
    let logBox: LogBox
    /// What `plugin.lua` returned the first time, functions as handed to the host.
    let declarations: LuaValue
    /// Where each of the first load's functions sits.
    private let firstPaths: FunctionPaths
    /// The first state's identity: the host's references carry it.
    let firstID: UInt64
    /// The declarations without functions, to compare later loads with.
    private let shape: LuaValue
    /// The state the next call runs in, and where its functions sit.
    private(set) var state: LuaState
    private var paths: FunctionPaths
    /// Whether ``state`` has run a call since it was loaded.
    private var used = false
    /// How many states were made after the first (for tests and the benchmark).
    private(set) var renewals = 0
    /// Whether calls get fresh states.
    let policy: PluginStatePolicy
    /// The plugin's files and compiled chunks, shared by its states.
    private let chunks = LuaChunkCache()

    /// Loads the plugin in its first state.
    init(_ location: PluginLocation, limits: LuaLimits, policy: PluginStatePolicy, logBox: LogBox) throws(PluginError) {
        self.location = location
        self.limits = limits
        self.policy = policy
        self.logBox = logBox
        let started = try Plugin.start(location, limits: limits, logBox: logBox, quiet: false, chunks: chunks)
        state = started.state
        declarations = started.returned
        firstPaths = FunctionPaths(started.returned)
        paths = firstPaths
        firstID = started.state.id
        shape = started.returned.withoutFunctions
    }

    /// Loads the plugin into a new state unless the current one is still unused.
    func renewIfUsed() throws(LuaError) {
        guard used, policy == .perCall else { return }
        let started: Plugin.Started
        do {
            started = try Plugin.start(location, limits: limits, logBox: logBox, quiet: true, chunks: chunks)
        } catch {
            let kind: LuaError.Kind = if case .lua(let kind) = error.kind { kind } else { .runtime }
            throw LuaError(kind: kind, message: error.message, file: error.file, line: error.line, traceback: error.traceback)
        }
        guard started.returned.withoutFunctions == shape else {
            throw LuaError(kind: .runtime, message: "plugin.lua returned other declarations when it was loaded again for a new call; "
                + "its declarations must not depend on anything but its own files", file: location.entry)
        }
        state = started.state
        paths = FunctionPaths(started.returned)
        used = false
        renewals += 1
    }

    /// Calls the function the first load handed out as `reference`, in an unused state.
    func call(
        _ reference: Int32, results: Int, arguments: Int, outputBytes: Int = LuaState.defaultMaxOutputBytes,
        push: (LuaStackWriter) throws(LuaError) -> Void
    ) throws(LuaError) -> [LuaValue] {
        try renewIfUsed()
        guard let path = firstPaths.byReference[reference], let current = paths.byPath[path] else {
            throw LuaError(kind: .runtime, message: "no such function of the plugin")
        }
        used = true
        state.maxOutputBytes = outputBytes
        defer { state.maxOutputBytes = LuaState.defaultMaxOutputBytes }
        return try state.call(state.function(reference: current), readOnly: true, arguments: arguments,
                              results: results, functions: .placeholder, push: push)
    }
}

/// Where each function sits in a plugin's declarations: `reports[2].build`, `rules[1].check`.
struct FunctionPaths {
    private(set) var byReference: [Int32: String] = [:]
    private(set) var byPath: [String: Int32] = [:]

    init(_ declarations: LuaValue) { walk(declarations, "") }

    private mutating func walk(_ value: LuaValue, _ path: String) {
        switch value {
        case .function(let function):
            byReference[function.reference] = path
            byPath[path] = function.reference
        case .table(let table):
            for (offset, item) in table.sequence.enumerated() { walk(item, "\(path)[\(offset + 1)]") }
            for (key, item) in table.fields { walk(item, "\(path).\(key)") }
            for entry in table.otherEntries {
                switch entry.key {
                case .integer(let key): walk(entry.value, "\(path)[\(key)]")
                case .number(let key): walk(entry.value, "\(path)[\(key)]")
                case .boolean(let key): walk(entry.value, "\(path)[\(key)]")
                default: break
                }
            }
        default:
            break
        }
    }
}

extension LuaValue {
    /// The value with every function replaced by ``LuaFunctionRef/placeholder``.
    var withoutFunctions: LuaValue {
        switch self {
        case .function: .function(.placeholder)
        case .table(var table):
            {
                table.sequence = table.sequence.map(\.withoutFunctions)
                table.fields = table.fields.mapValues(\.withoutFunctions)
                table.otherEntries = table.otherEntries
                    .map { LuaEntry(key: $0.key.withoutFunctions, value: $0.value.withoutFunctions) }
                    .sorted { String(describing: $0.key) < String(describing: $1.key) }
                return .table(table)
            }()
        default: self
        }
    }
}
