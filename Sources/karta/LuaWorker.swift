import ArgumentParser
import KartaPlugins

/// A plugin's worker process: runs one plugin's Lua code for the `karta` process that
/// started it, on the socket at file descriptor 3. Not meant for people.
struct LuaWorker: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "lua-worker", shouldDisplay: false)

    func run() throws {
        let status = PluginWorker.serve(socket: 3)
        if status != 0 { throw ExitCode(status) }
    }
}
