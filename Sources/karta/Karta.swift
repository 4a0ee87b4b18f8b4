import ArgumentParser

@main
struct Karta: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "karta",
        abstract: "Roadmaps of the «500+» school-support project: keep them, track them, print them as each region demands.",
        version: "0.1.0",
        subcommands: [
            Init.self, Import.self, Roadmaps.self, Show.self, Report.self, Mark.self, History.self, StatusCommand.self,
            Due.self, Rollup.self, Approve.self, Amend.self, Submit.self, Submissions.self, Serve.self, UserCommand.self, DatabaseCommand.self,
            ScheduleCommand.self, Plugins.self, PluginCommand.self, Demo.self, Generate.self, Bench.self, BenchStep.self, LuaWorker.self,
        ]
    )

    /// argument-parser's `main`, with errors written by ``Terminal/exit(with:)``: escaped,
    /// capped and in one write (argument-parser's own writer makes one system call per byte).
    static func main() async {
        do {
            var command = try await asyncParseAsRoot()
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            Terminal.exit(with: error)
        }
    }
}
