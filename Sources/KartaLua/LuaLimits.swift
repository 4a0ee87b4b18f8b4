/// Resource limits applied to a ``LuaState``.
///
/// The memory cap is enforced by the state's allocator for allocations made by Lua code
/// (values the host pushes are exempt, so the host never meets a memory error mid-push);
/// the instruction budget and the deadline are checked by a count hook every
/// 1,000 VM instructions and apply to each protected call separately.
public struct LuaLimits: Sendable, Equatable {
    /// Maximum bytes the state may hold; `nil` for no cap.
    public var memoryBytes: Int?
    /// Maximum VM instructions per call; `nil` for no budget.
    public var instructions: Int64?
    /// Maximum wall-clock seconds per call; `nil` for no deadline.
    public var seconds: Double?

    /// Creates limits.
    public init(memoryBytes: Int? = nil, instructions: Int64? = nil, seconds: Double? = nil) {
        self.memoryBytes = memoryBytes
        self.instructions = instructions
        self.seconds = seconds
    }

    /// No limits at all: for trusted code and tests only.
    public static let unlimited = LuaLimits()

    /// The defaults for plugin code: 64 MiB, 200 million instructions, 5 seconds per call (with the
    /// watchdog's 2 seconds of grace, any call ends within 7 seconds).
    public static let pluginDefaults = LuaLimits(memoryBytes: 64 << 20, instructions: 200_000_000, seconds: 5)
}
