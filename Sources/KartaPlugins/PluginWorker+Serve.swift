import Foundation
import KartaLua

extension PluginWorker {
    /// The worker's side: serves one plugin on the socket at `socket` (file descriptor 3 when
    /// started by ``PluginIsolation/process(command:)``) until the host closes it.
    ///
    /// Runs `plugin.lua` in a sandbox of this process, then answers one call at a time. A call
    /// stuck inside a C function past its deadline is answered by the watchdog, with the
    /// plugin's line, and the process then ends: the host starts a fresh one. Returns the exit
    /// status for the process.
    public static func serve(socket: Int32) -> Int32 {
        // Nothing of the host's but the socket: descriptors it left open are closed here, but
        // not the ones this process's own runtime already holds (libdispatch's epoll, eventfd
        // and timerfd, started by Swift's async main): closing one of those under it crashed
        // the worker now and then with SIGILL in `_dispatch_event_loop_drain`. Those are
        // anonymous inodes; what a parent leaves open (files, pipes, sockets) is not.
        if let names = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd") {
            for fd in names.compactMap(Int32.init) where fd > 2 && fd != socket && !isRuntimeDescriptor(fd) { close(fd) }
        }
        let channel = WorkerChannel(fd: socket)
        guard let request = try? channel.receive(deadline: nil) else { return 2 }
        var reader = LuaWireReader(request)
        guard let (location, limits, policy) = try? readLoad(&reader) else { return 2 }
        let seconds = limits.seconds ?? 0
        LuaState.onOverrun(grace: workerGrace) { overrun in
            var error = LuaError(
                kind: .limit,
                message: "karta: time limit exceeded (\(secondsText(seconds)) s per call) inside a library call that cannot be "
                    + "interrupted (pattern matching, string.rep, table.move …); the plugin's process was stopped, nothing was stored")
            if let location = overrun.location, let colon = location.lastIndex(of: ":"), let line = Int(location[location.index(after: colon)...]) {
                error.file = String(location[..<colon])
                error.line = line
            }
            let answer = LuaWireWriter()
            WorkerMessage.write(error, fatal: true, logs: [], into: answer)
            _ = channel.send(answer.bytes)
            _exit(0)
        }
        let states: PluginStates
        do {
            states = try PluginStates(location, limits: limits, policy: policy, logBox: LogBox(echo: false))
        } catch {
            let answer = LuaWireWriter()
            let lua = LuaError(kind: kindOf(error), message: error.message, file: error.file, line: error.line, traceback: error.traceback)
            WorkerMessage.write(lua, fatal: true, logs: [], into: answer)
            _ = channel.send(answer.bytes)
            return 0
        }
        let logBox = states.logBox
        guard channel.send(answer(results: [states.declarations], logs: logBox.takeNew())) else { return 0 }
        let cache = LuaWireCache()
        while true {
            // The state for the next call is made while the host reads this call's answer.
            var renewal: LuaError?
            do throws(LuaError) { try states.renewIfUsed() } catch { renewal = error }
            guard let request = try? channel.receive(deadline: nil) else { return 0 }
            var reader = LuaWireReader(request)
            let reply: [UInt8]
            do throws(LuaError) {
                guard try reader.byte() == WorkerMessage.call else {
                    throw LuaError(kind: .conversion, message: "malformed call from the host: unknown kind")
                }
                if let renewal { throw renewal }
                let reference = Int32(bitPattern: try reader.uint32())
                let wanted = Int(try reader.uint32())
                // The host's cap on the results, never above what one answer frame carries.
                let outputBytes = min(Int(try reader.uint32()), 48 << 20)
                let count = Int(try reader.uint32())
                let results = try states.call(reference, results: wanted, arguments: count, outputBytes: outputBytes) { w throws(LuaError) in
                    try w.push(wire: &reader, count: count, cache: cache)
                }
                reply = answer(results: results, logs: logBox.takeNew())
            } catch {
                let writer = LuaWireWriter()
                WorkerMessage.write(error, fatal: renewal != nil, logs: logBox.takeNew(), into: writer)
                reply = writer.bytes
            }
            guard channel.send(reply) else { return 0 }
            if renewal != nil { return 0 }
        }
    }

    private static func readLoad(_ reader: inout LuaWireReader) throws(LuaError) -> (PluginLocation, LuaLimits, PluginStatePolicy) {
        guard try reader.byte() == WorkerMessage.load else {
            throw LuaError(kind: .conversion, message: "malformed load request")
        }
        let id = try reader.text()
        let directory = try reader.text()
        let memory = try reader.int64()
        let instructions = try reader.int64()
        let seconds = Double(bitPattern: UInt64(bitPattern: try reader.int64()))
        let limits = LuaLimits(memoryBytes: memory > 0 ? Int(memory) : nil, instructions: instructions > 0 ? instructions : nil,
                               seconds: seconds > 0 ? seconds : nil)
        let policy: PluginStatePolicy = try reader.byte() == 1 ? .perCall : .shared
        return (PluginLocation(id: id, directory: directory), limits, policy)
    }

    private static func answer(results: [LuaValue], logs: [String]) -> [UInt8] {
        let writer = LuaWireWriter()
        writer.byte(WorkerMessage.results)
        writer.uint32(UInt32(logs.count))
        for line in logs { writer.text(line) }
        writer.uint32(UInt32(results.count))
        for result in results {
            do { try writer.push(result) } catch { return [] }
        }
        return writer.bytes
    }

    private static func kindOf(_ error: PluginError) -> LuaError.Kind {
        if case .lua(let kind) = error.kind { return kind }
        return .runtime
    }

    /// Whether `fd` is an anonymous inode (`anon_inode:[eventpoll]`, `[eventfd]`,
    /// `[timerfd]`, …): one the process's runtime made, not one a parent left open.
    private static func isRuntimeDescriptor(_ fd: Int32) -> Bool {
        var buffer = [CChar](repeating: 0, count: 64)
        let count = readlink("/proc/self/fd/\(fd)", &buffer, buffer.count - 1)
        guard count > 0 else { return false }
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self).hasPrefix("anon_inode:")
    }
}
