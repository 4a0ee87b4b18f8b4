import ArgumentParser
import Foundation
import KartaCore
import KartaHost
import KartaPlugins
import KartaReports

struct PluginCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plugin",
        abstract: "Tools for plugin authors.",
        subcommands: [PluginTest.self, PluginCheck.self, PluginDoctorCommand.self, PluginNew.self, PluginTypesCommand.self])
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
        for result in Plugin.load(locations, limits: try plugins.limits(), isolation: Workspace.workers) {
            switch result {
            case .success(let plugin):
                print("ok\t\(TerminalText.plugin(plugin.manifest.id))\t\(plugin.manifest.roles.count) roles, \(plugin.manifest.stages.count) stages, \(plugin.manifest.reports.count) report(s)")
            case .failure(let error):
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
        abstract: "Render every report of every fixture roadmap and compare with regions/<id>/expected/, then run plugins/<id>/spec/*_spec.lua.")

    @OptionGroup var plugins: PluginOptions

    @Option(help: ArgumentHelp("Folder of region fixtures.", valueName: "dir"))
    var regions: String = "regions"

    @Flag(help: "Rewrite the expected files with what the plugins render now (review the diff before committing).")
    var update = false

    @Argument(help: ArgumentHelp("Plugin ids to test (default: all).", valueName: "id"))
    var ids: [String] = []

    func run() throws {
        var workspace = try plugins.workspace()
        let files = Fixtures.roadmapFiles(in: regions, plugins: ids.isEmpty ? nil : ids)
        guard !files.isEmpty else { throw CLIError("no roadmap files under \(regions)/\(ids.isEmpty ? "*" : ids.joined(separator: ","))/") }
        var passed = 0
        var failed = 0
        // One golden: passed, rewritten with --update, or failed with its difference.
        func settle(_ golden: Golden, plugin: String) throws {
            if golden.state == .same {
                passed += 1
            } else if update {
                try writeFile(golden.actual, to: golden.path)
                print("updated \(golden.path)")
                passed += 1
            } else {
                failed += 1
                print("FAIL \(golden.path)")
                if case .differs(let difference) = golden.state {
                    print(difference)
                } else {
                    print("  expected file is missing (run: karta plugin test --update \(plugin))")
                }
            }
        }
        var unloaded: Set<String> = []
        for file in files {
            // A plugin that fails to load (or a fixture it refuses) fails that file; the others still run.
            let roadmap: Roadmap
            let plugin: Plugin
            do {
                roadmap = try workspace.readRoadmap(file: file)
                plugin = try workspace.plugin(roadmap.plugin)
            } catch {
                failed += 1
                if error is PluginError { unloaded.insert(URL(fileURLWithPath: file).deletingLastPathComponent().lastPathComponent) }
                print("FAIL \(file)")
                FileHandle.standardError.write(Data("karta: \(error)\n".utf8))
                continue
            }
            let expectedDirectory = Fixtures.expectedDirectory(regions: regions, plugin: roadmap.plugin)
            for format in plugin.manifest.reports {
                // A plugin that fails (an error, a limit) fails this report; the others still run.
                let document: ReportDocument
                do {
                    document = try workspace.document(roadmap: roadmap, report: format.id).document
                } catch {
                    failed += 1
                    print("FAIL \(roadmap.id) \(format.id)")
                    Terminal.write(TerminalText.escaped("karta: \(error)\n", keepingLineBreaks: true), to: STDERR_FILENO)
                    continue
                }
                for output in OutputFormat.documents {
                    try settle(Golden.compare(document, roadmap: roadmap.id, report: format.id, format: output, expected: expectedDirectory),
                               plugin: roadmap.plugin)
                }
            }
        }
        // Region reports, over each region's roadmaps and its other municipalities'.
        let regionPlugins = Set(files.map { URL(fileURLWithPath: $0).deletingLastPathComponent().lastPathComponent }).subtracting(unloaded)
        for id in regionPlugins.sorted() {
            guard let plugin = try? workspace.plugin(id), !plugin.manifest.regionReports.isEmpty else { continue }
            let expectedDirectory = Fixtures.expectedDirectory(regions: regions, plugin: id)
            let fixtures: RegionFixtures
            do {
                guard let read = try workspace.regionFixtures(plugin: id, regions: regions) else { continue }
                fixtures = read
            } catch {
                failed += 1
                print("FAIL \(regions)/\(id)/\(Fixtures.municipalitiesFolder)")
                Terminal.write(TerminalText.escaped("karta: \(error)\n", keepingLineBreaks: true), to: STDERR_FILENO)
                continue
            }
            for format in plugin.manifest.regionReports {
                let document: ReportDocument
                do {
                    document = try workspace.regionReport(plugin: id, report: format.id, fixtures: fixtures)
                } catch {
                    failed += 1
                    print("FAIL \(id) region \(format.id)")
                    Terminal.write(TerminalText.escaped("karta: \(error)\n", keepingLineBreaks: true), to: STDERR_FILENO)
                    continue
                }
                for output in OutputFormat.documents {
                    let name = Fixtures.regionReportFileName(plugin: id, report: format.id, format: output)
                    try settle(Golden.compare(document, named: name, format: output, expected: expectedDirectory), plugin: id)
                }
            }
        }
        print("goldens: \(passed) passed, \(failed) failed")
        let tested = ids.isEmpty ? PluginLocation.discover(in: plugins.searchPath).map(\.id) : ids
        let specs = PluginSpecs.run(ids: tested, workspace: &workspace, regions: regions, failing: unloaded)
        if failed > 0 || specs.failed > 0 { throw ExitCode(1) }
    }
}
