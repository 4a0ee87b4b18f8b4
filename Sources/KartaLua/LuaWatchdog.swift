import CLua
import Foundation

/// A call still running past its deadline plus a grace period: it is inside one C library
/// call that no hook can interrupt (pattern matching with heavy backtracking, a huge
/// `table.move` …).
public struct LuaOverrun: Sendable {
    /// What the state runs (``LuaState/label``), e.g. `plugin 'pskov'`.
    public var label: String
    /// The call's time limit in seconds.
    public var seconds: Double
    /// Where Lua code called the C function from (`plugins/x/plugin.lua:5`), when Lua knows it.
    public var location: String?
}

extension LuaState {
    /// Watches every call with a deadline and runs `action` once for a call still running
    /// `grace` seconds after its deadline, on the watchdog's thread while the call is stuck.
    ///
    /// A library never ends its process; only a process that exists to run plugin calls (the
    /// plugin worker, which its host restarts) should install an action that does. Without an
    /// action nothing is watched, and a stuck C call runs until it returns.
    public static func onOverrun(grace: Double, _ action: @escaping @Sendable (LuaOverrun) -> Void) {
        LuaWatchdog.shared.install(grace: grace, action: action)
    }
}

/// The thread behind ``LuaState/onOverrun(grace:_:)``.
final class LuaWatchdog: @unchecked Sendable {
    static let shared = LuaWatchdog()

    private struct Armed {
        var label: String
        var deadline: Double
        var seconds: Double
        /// The stuck state's `lua_State *`, read only to find the plugin's line.
        var state: UInt
    }

    private let lock = Mutex()
    private var armed: [UInt64: Armed] = [:]
    private var action: (@Sendable (LuaOverrun) -> Void)?
    private var grace = 0.25
    private var running = false

    func install(grace: Double, action: @escaping @Sendable (LuaOverrun) -> Void) {
        lock.withLock {
            self.grace = grace
            self.action = action
        }
    }

    /// Watches a call of state `id` that must end by `deadline` (monotonic seconds).
    func arm(_ id: UInt64, label: String, deadline: Double, seconds: Double, state: OpaquePointer) {
        let start = lock.withLock { () -> Bool in
            guard action != nil else { return false }
            armed[id] = Armed(label: label, deadline: deadline, seconds: seconds, state: UInt(bitPattern: Int(bitPattern: UnsafeRawPointer(state))))
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
            usleep(50_000)
            let now = karta_monotonic_seconds()
            // The action runs under the lock: the call cannot return and be reused meanwhile.
            lock.withLock {
                guard let action, let (id, late) = armed.first(where: { now > $0.value.deadline + grace }) else { return }
                armed.removeValue(forKey: id)
                var location: String?
                if let state = OpaquePointer(bitPattern: late.state) {
                    var buffer = [CChar](repeating: 0, count: 256)
                    karta_where(state, &buffer, buffer.count)
                    let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                    if text.hasSuffix(": ") { location = String(text.dropLast(2)) }
                }
                action(LuaOverrun(label: late.label, seconds: late.seconds, location: location))
            }
        }
    }
}
