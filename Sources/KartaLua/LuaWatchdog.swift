import CLua
import Foundation

/// The last resort behind the deadline. The count hook stops Lua code at its deadline, but
/// a single call into the C library (pattern matching with heavy backtracking, a huge
/// `string.rep` or `table.concat`) runs no VM instructions, so no hook can stop it. When a
/// call is still running `grace` seconds after its deadline, the watchdog prints which state
/// (plugin) overran and ends the process with exit status 124. Nothing stored is lost:
/// every command is one database transaction, and files are written atomically.
final class LuaWatchdog: @unchecked Sendable {
    static let shared = LuaWatchdog()
    /// Seconds past a deadline before the process is ended.
    static let grace = 2.0
    /// Exit status when the watchdog ends the process.
    static let exitStatus: Int32 = 124

    private struct Armed {
        var label: String
        var deadline: Double
        var seconds: Double
    }

    private let lock = Mutex()
    private var armed: [UInt64: Armed] = [:]
    private var running = false

    /// Watches a call of state `id` that must end by `deadline` (monotonic seconds).
    func arm(_ id: UInt64, label: String, deadline: Double, seconds: Double) {
        let start = lock.withLock { () -> Bool in
            armed[id] = Armed(label: label, deadline: deadline, seconds: seconds)
            defer { running = true }
            return !running
        }
        if start { Thread.detachNewThread { LuaWatchdog.shared.watch() } }
    }

    /// The call of state `id` has returned.
    func disarm(_ id: UInt64) {
        lock.withLock { _ = armed.removeValue(forKey: id) }
    }

    private func watch() {
        while true {
            usleep(100_000)
            let now = karta_monotonic_seconds()
            guard let late = lock.withLock({ armed.values.first { now > $0.deadline + Self.grace } }) else { continue }
            let message = "karta: \(late.label): time limit exceeded (\(late.seconds) s per call) inside a library call "
                + "that cannot be interrupted (pattern matching, string.rep, table.concat …); stopped, nothing was stored\n"
            var bytes = Array(message.utf8)
            _ = write(2, &bytes, bytes.count)
            _exit(Self.exitStatus)
        }
    }
}
