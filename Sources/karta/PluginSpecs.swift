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
                let result = plugin.runSpec(file, limits: workspace.limits) { name in try fixture(name, plugin: id, regions: regions) }
                passed += result.passed
                failed += result.failures.count
                for failure in result.failures { print("FAIL \(failure)") }
            }
        }
        print("specs: \(passed) passed, \(failed) failed")
        return (passed, failed)
    }

    /// `regions/<id>/<name>.yaml`, decoded as the goldens read it.
    static func fixture(_ name: String, plugin: String, regions: String) throws -> Roadmap {
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }), !name.hasPrefix(".") else {
            throw CLIError("a fixture is named by its file in regions/\(plugin)/ without .yaml (letters, digits, -, _, .)")
        }
        let path = ((regions as NSString).appendingPathComponent(plugin) as NSString).appendingPathComponent(name + ".yaml")
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw CLIError("no fixture \(path)")
        }
        return try RoadmapFile.decode(text, file: path)
    }
}
