import Foundation
import KartaCore
import KartaLua

/// A plugin's Lua state in a process of its own, seen from the host (``PluginIsolation/process(command:)``).
///
/// The host starts the worker, sends it the plugin to load and then one call at a time, and
/// waits for each answer until the call's deadline plus ``hostGrace``. A call stuck in a C
/// function is ended by the worker's own watchdog a tenth of a second past the deadline (it
/// answers with the plugin's line, then exits); a worker that does not answer at all is
/// killed. Either way the host reports the limit and starts a fresh worker for the next call.
/// The worker keeps the roadmap it was last given, so calls on the same roadmap send it once.
public final class PluginWorker {
    /// Seconds past a call's deadline before the host kills a worker that has not answered.
    static let hostGrace = 0.5
    /// Seconds past a call's deadline before the worker's watchdog ends a call stuck in C (Lua
    /// code is stopped by the hook within microseconds of the deadline).
    static let workerGrace = 0.1

    let command: [String]
    let location: PluginLocation
    let limits: LuaLimits
    /// Whether each call gets a fresh state.
    let states: PluginStatePolicy
    /// The identity stamped on the worker's functions, so that no local state calls them.
    let identity = LuaState.reserveIdentity()
    private let onLog: ([String]) -> Void
    private var pid: pid_t = 0
    private var channel: WorkerChannel?
    /// When the current request was sent.
    private var sentAt = 0.0
    /// What `plugin.lua` returned the first time, and where its functions sit: a restarted
    /// worker must return the same, and its functions are found by those places.
    private var declarations: (shape: LuaValue, paths: FunctionPaths)?
    /// Where the running worker's functions sit.
    private var paths: FunctionPaths?
    /// The roadmap the worker holds from the last call.
    private var cachedRoadmap: PluginArgument.Cached?

    init(command: [String], location: PluginLocation, limits: LuaLimits, states: PluginStatePolicy, onLog: @escaping ([String]) -> Void) {
        self.command = command
        self.location = location
        self.limits = limits
        self.states = states
        self.onLog = onLog
    }

    deinit { stop() }

    // MARK: Starting and stopping

    /// Starts the worker process and asks it to load the plugin; ``finishLoad()`` waits.
    func start() throws(PluginError) {
        guard let executable = command.first else {
            throw PluginError(plugin: location.id, kind: .usage, message: "no command for the plugin worker")
        }
        var sockets: [Int32] = [-1, -1]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &sockets) == 0 else {
            throw PluginError(plugin: location.id, kind: .usage, message: "cannot start the plugin worker: \(String(cString: strerror(errno)))")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, sockets[1], 3)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv: [UnsafeMutablePointer<CChar>?] = command.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var child = pid_t()
        let spawned = posix_spawn(&child, executable, &actions, &attributes, argv, environ)
        close(sockets[1])
        guard spawned == 0 else {
            close(sockets[0])
            throw PluginError(plugin: location.id, kind: .usage,
                              message: "cannot start the plugin worker \(executable): \(String(cString: strerror(spawned)))")
        }
        pid = child
        channel = WorkerChannel(fd: sockets[0])
        cachedRoadmap = nil
        let request = LuaWireWriter()
        request.byte(WorkerMessage.load)
        request.text(location.id)
        request.text(location.directory)
        request.int64(limits.memoryBytes.map(Int64.init) ?? 0)
        request.int64(limits.instructions ?? 0)
        request.int64(Int64(bitPattern: (limits.seconds ?? 0).bitPattern))
        request.byte(states == .perCall ? 1 : 0)
        sentAt = monotonicSeconds()
        if channel?.send(request.bytes) != true {
            let ended = stop()
            throw PluginError(plugin: location.id, kind: .lua(.runtime), message: "karta: the plugin's process \(ended) before loading")
        }
    }

    /// Waits for the worker to have run `plugin.lua`; returns what it returned, its
    /// functions stamped with this worker's identity.
    func finishLoad() throws(PluginError) -> LuaValue {
        do throws(LuaError) {
            let results = try receive(what: "loading")
            let value = results.first ?? .nil
            paths = FunctionPaths(value)
            if declarations == nil, let paths { declarations = (value.withoutFunctions, paths) }
            return value
        } catch {
            throw PluginError(plugin: location.id, error)
        }
    }

    /// Ends the worker process, if any, and waits for it; says how it ended.
    @discardableResult
    private func stop() -> String {
        guard let channel else { return "was not running" }
        close(channel.fd)
        self.channel = nil
        cachedRoadmap = nil
        kill(pid, SIGKILL)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let signal = status & 0x7F
        if signal == 0 { return "ended with status \((status >> 8) & 0xFF)" }
        return signal == SIGKILL ? "was stopped" : "ended with signal \(signal)"
    }

    /// CPU seconds the worker process has used so far (user and system), from `/proc`.
    var cpuSeconds: Double? {
        guard channel != nil, let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        // Fields after the command name: state is field 3, utime 14 and stime 15.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    // MARK: Calls

    /// Calls one of the plugin's functions in the worker, starting a fresh worker first if the
    /// last one was stopped.
    func call(_ function: LuaFunctionRef, _ arguments: [PluginArgument], results: Int,
              outputBytes: Int = LuaState.defaultMaxOutputBytes) throws(LuaError) -> [LuaValue] {
        guard function.stateID == identity else {
            throw LuaError(kind: .runtime, message: "function belongs to another Lua state")
        }
        if channel == nil {
            do throws(PluginError) {
                try start()
                let again = try finishLoad()
                guard again.withoutFunctions == declarations?.shape else {
                    stop()
                    throw PluginError(plugin: location.id, kind: .lua(.runtime), file: location.entry,
                                      message: "plugin.lua returned other declarations when its process was started again; load the plugin again")
                }
            } catch {
                let kind: LuaError.Kind = if case .lua(let kind) = error.kind { kind } else { .runtime }
                throw LuaError(kind: kind, message: error.message, file: error.file, line: error.line, traceback: error.traceback)
            }
        }
        guard let path = declarations?.paths.byReference[function.reference], let reference = paths?.byPath[path] else {
            throw LuaError(kind: .runtime, message: "no such function of the plugin")
        }
        let request = LuaWireWriter()
        request.byte(WorkerMessage.call)
        request.uint32(UInt32(bitPattern: reference))
        request.uint32(UInt32(clamping: results))
        request.uint32(UInt32(clamping: outputBytes))
        request.uint32(UInt32(arguments.count))
        for argument in arguments {
            if case .roadmap(let roadmap, let context) = argument {
                let cached = PluginArgument.Cached(roadmap: roadmap, context: context)
                if cached == cachedRoadmap {
                    request.pushCached()
                    continue
                }
                request.cacheNext()
                cachedRoadmap = cached
            }
            try argument.write(into: request)
        }
        sentAt = monotonicSeconds()
        guard channel?.send(request.bytes) == true else {
            let ended = stop()
            throw LuaError(kind: .runtime, message: "karta: the plugin's process \(ended) unexpectedly; it will be started again")
        }
        return try receive(what: "call")
    }

    /// Reads the answer to the request just sent.
    private func receive(what: String) throws(LuaError) -> [LuaValue] {
        guard let channel else { throw LuaError(kind: .runtime, message: "karta: the plugin's process is not running") }
        let deadline = limits.seconds.map { sentAt + $0 + Self.hostGrace }
        let payload: [UInt8]
        do {
            payload = try channel.receive(deadline: deadline, maxBytes: WorkerChannel.maxAnswerBytes)
        } catch {
            let ended = stop()
            switch error {
            case .timedOut:
                let seconds = limits.seconds ?? 0
                throw LuaError(kind: .limit, message: "karta: time limit exceeded (\(secondsText(seconds)) s per call); "
                    + "the plugin's process did not answer and was stopped, nothing was stored")
            case .closed:
                throw LuaError(kind: .runtime, message: "karta: the plugin's process \(ended) during the \(what); it will be started again")
            case .tooLarge(let bytes):
                throw LuaError(kind: .conversion, message: "karta: the plugin's process sent \(bytes) bytes at once; it was stopped")
            }
        }
        var reader = LuaWireReader(payload)
        reader.functionOwner = identity
        do throws(LuaError) {
            let kind = try reader.byte()
            var lines: [String] = []
            for _ in 0..<(try reader.uint32()) { lines.append(try reader.text()) }
            if !lines.isEmpty { onLog(lines) }
            switch kind {
            case WorkerMessage.results:
                var results: [LuaValue] = []
                for _ in 0..<(try reader.uint32()) { results.append(try reader.value()) }
                return results
            case WorkerMessage.error:
                let fatal = try reader.byte() != 0
                let error = try WorkerMessage.readError(&reader)
                cachedRoadmap = nil
                if fatal { stop() }
                throw error
            default:
                throw LuaError(kind: .conversion, message: "malformed message from the plugin worker: unknown kind")
            }
        } catch {
            if error.kind == .conversion, error.message.hasPrefix("malformed message") { stop() }
            throw error
        }
    }
}

/// The messages between a host and its plugin worker.
enum WorkerMessage {
    /// Host → worker: load the plugin (id, folder, memory, instructions, seconds, fresh states).
    static let load: UInt8 = 0x4C
    /// Host → worker: call a function (reference, results wanted, argument count, arguments).
    static let call: UInt8 = 0x43
    /// Worker → host: log lines, then the results.
    static let results: UInt8 = 0x52
    /// Worker → host: log lines, whether the worker now ends, then the error.
    static let error: UInt8 = 0x45

    /// Writes an error answer.
    static func write(_ error: LuaError, fatal: Bool, logs: [String], into writer: LuaWireWriter) {
        writer.byte(Self.error)
        writer.uint32(UInt32(logs.count))
        for line in logs { writer.text(line) }
        writer.byte(fatal ? 1 : 0)
        writer.text(error.kind.rawValue)
        writer.text(error.message)
        writer.text(error.file ?? "")
        writer.int64(Int64(error.line ?? 0))
        writer.text(error.traceback ?? "")
    }

    /// Reads the error part of an error answer.
    static func readError(_ reader: inout LuaWireReader) throws(LuaError) -> LuaError {
        let kind = try reader.text()
        let message = try reader.text()
        let file = try reader.text()
        let line = try reader.int64()
        let traceback = try reader.text()
        return LuaError(kind: LuaError.Kind(rawValue: kind) ?? .runtime, message: message, file: file.isEmpty ? nil : file,
                        line: line > 0 ? Int(line) : nil, traceback: traceback.isEmpty ? nil : traceback)
    }
}

/// `3` for whole seconds, `0.5` otherwise.
func secondsText(_ seconds: Double) -> String {
    seconds == seconds.rounded() && abs(seconds) < 1e15 ? String(Int(seconds)) : String(seconds)
}
