import ArgumentParser
import Foundation
import KartaPlugins
import KartaReports

struct PluginCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plugin",
        abstract: "Tools for plugin authors.",
        subcommands: [PluginTest.self, PluginCheck.self])
}

struct PluginCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate plugin declarations without rendering; errors keyed by path.")

    @OptionGroup var plugins: PluginOptions

    @Argument(help: ArgumentHelp("Plugin folders to check (default: every plugin found).", valueName: "path"))
    var paths: [String] = []

    func run() throws {
        let locations = paths.isEmpty
            ? PluginLocation.discover(in: plugins.searchPath)
            : paths.map { PluginLocation(id: URL(fileURLWithPath: $0).standardizedFileURL.lastPathComponent, directory: $0) }
        var failures = 0
        for location in locations {
            do {
                let plugin = try Plugin.load(location)
                print("ok\t\(plugin.manifest.id)\t\(plugin.manifest.roles.count) roles, \(plugin.manifest.stages.count) stages, \(plugin.manifest.reports.count) report(s)")
            } catch {
                failures += 1
                print("FAIL\t\(error)")
            }
        }
        if failures > 0 { throw ExitCode(1) }
    }
}

struct PluginTest: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Render every report of every fixture roadmap and compare with regions/<id>/expected/.")

    @OptionGroup var plugins: PluginOptions

    @Option(help: ArgumentHelp("Folder of region fixtures.", valueName: "dir"))
    var regions: String = "regions"

    @Flag(help: "Rewrite the expected files with what the plugins render now (review the diff before committing).")
    var update = false

    @Argument(help: ArgumentHelp("Plugin ids to test (default: all).", valueName: "id"))
    var ids: [String] = []

    func run() throws {
        var workspace = Workspace(pluginDirectories: plugins.searchPath)
        let files = Fixtures.roadmapFiles(in: regions, plugins: ids.isEmpty ? nil : ids)
        guard !files.isEmpty else { throw CLIError("no roadmap files under \(regions)/\(ids.isEmpty ? "*" : ids.joined(separator: ","))/") }
        var passed = 0
        var failed = 0
        for file in files {
            let roadmap = try workspace.readRoadmap(file: file)
            let plugin = try workspace.plugin(roadmap.plugin)
            let expectedDirectory = ((regions as NSString).appendingPathComponent(roadmap.plugin) as NSString)
                .appendingPathComponent("expected")
            for format in plugin.manifest.reports {
                for output in OutputFormat.allCases {
                    let actual = try workspace.render(roadmap: roadmap, report: format.id, format: output).bytes
                    let path = Fixtures.reportPath(in: regions, plugin: roadmap.plugin, roadmap: roadmap.id, report: format.id, format: output)
                        .replacingOccurrences(of: "/\(roadmap.plugin)/", with: "/\(roadmap.plugin)/expected/")
                    _ = expectedDirectory
                    let expected = FileManager.default.contents(atPath: path).map { [UInt8]($0) }
                    if expected == actual {
                        passed += 1
                        continue
                    }
                    if update {
                        try writeFile(actual, to: path)
                        print("updated \(path)")
                        passed += 1
                        continue
                    }
                    failed += 1
                    print("FAIL \(path)")
                    if let expected {
                        print(GoldenDiff.describe(expected: expected, actual: actual))
                    } else {
                        print("  expected file is missing (run: karta plugin test --update \(roadmap.plugin))")
                    }
                }
            }
        }
        print("goldens: \(passed) passed, \(failed) failed")
        if failed > 0 { throw ExitCode(1) }
    }
}

/// A readable line diff between an expected and an actual rendering.
enum GoldenDiff {
    static func describe(expected: [UInt8], actual: [UInt8], context: Int = 2, limit: Int = 40) -> String {
        let old = String(decoding: expected, as: UTF8.self).components(separatedBy: "\n")
        let new = String(decoding: actual, as: UTF8.self).components(separatedBy: "\n")
        let difference = new.difference(from: old)
        var lines: [String] = []
        for change in difference {
            switch change {
            case let .remove(offset, element, _):
                lines.append("  line \(offset + 1) expected: \(element)")
            case let .insert(offset, element, _):
                lines.append("  line \(offset + 1) actual:   \(element)")
            }
            if lines.count >= limit {
                lines.append("  … (more differences)")
                break
            }
        }
        if lines.isEmpty { lines.append("  files differ in bytes only (line endings or byte-order mark)") }
        return lines.joined(separator: "\n")
    }
}
