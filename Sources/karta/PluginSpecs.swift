import Foundation
import KartaCore
import KartaHost
import KartaLua
import KartaPlugins
import KartaStore

/// The spec half of `karta plugin test`: every `plugins/<id>/spec/*_spec.lua` of the plugins
/// tested, one `FAIL` line per failure and a `specs:` summary.
enum PluginSpecs {
    /// Runs the specs of the plugins `ids` in this process. A plugin the goldens found
    /// failing (`failing`) is not loaded again (a load that hangs costs its deadline once);
    /// another that does not load fails once.
    static func run(ids: [String], workspace: inout Workspace, regions: String, failing: Set<String>) -> (passed: Int, failed: Int) {
        var passed = 0
        var failed = 0
        for id in ids where !failing.contains(id) {
            let plugin: Plugin
            do {
                plugin = try workspace.plugin(id)
            } catch {
                failed += 1
                print("FAIL \(TerminalText.escaped(id)): the plugin does not load (its specs did not run)")
                Terminal.write(TerminalText.escaped("karta: \(error)\n", keepingLineBreaks: true), to: STDERR_FILENO)
                continue
            }
            for file in plugin.specFiles {
                let result = plugin.runSpec(file, limits: workspace.limits) { name in try Fixtures.roadmap(named: name, plugin: id, regions: regions) }
                passed += result.passed
                failed += result.failures.count
                for failure in result.failures { print("FAIL \(failure)") }
            }
        }
        print("specs: \(passed) passed, \(failed) failed")
        return (passed, failed)
    }
}
