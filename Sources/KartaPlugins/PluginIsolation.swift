/// Where a plugin's Lua code runs.
///
/// Lua's hooks stop plugin code at its instruction budget and deadline, but not inside one
/// long C library call (a backtracking pattern, `table.move` over 10^12 slots): only ending
/// the process that runs it does. So a host that must survive any plugin runs each plugin in
/// a worker process of its own, which it stops at the deadline and starts again for the next
/// call (docs/security.md).
public enum PluginIsolation: Sendable, Equatable {
    /// In this process: the cheapest, and what a host of trusted plugins, the tests of the Lua
    /// layer and the benchmark's comparison use. A long C call cannot be stopped here.
    case inProcess
    /// Each plugin in its own worker process, started with `command` (an executable and its
    /// arguments) that serves ``PluginWorker/serve(socket:)`` on file descriptor 3: for the
    /// `karta` CLI, `[path of karta, "lua-worker"]`.
    case process(command: [String])
}

/// Whether a plugin's calls share its Lua state.
public enum PluginStatePolicy: Sendable, Equatable {
    /// Each call starts from the state the plugin had right after loading (``PluginStates``):
    /// nothing one roadmap's call leaves in the state reaches another's. What Karta ships.
    case perCall
    /// One state for every call, as before December 2026: only for the benchmark's
    /// comparison of what fresh states cost (`bench-step markdown --states shared`).
    case shared
}
