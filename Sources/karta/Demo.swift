import ArgumentParser
import Foundation
import KartaCore
import KartaHost
import KartaPlugins
import KartaReports
import KartaStore

struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The main job: a fresh database, every region's fixtures imported, every report written in every format.",
        discussion: """
            Imports regions/<plugin>/*.yaml and the region's other municipalities, \
            regions/<plugin>/municipalities/*.yaml; writes every report of every roadmap as \
            <output>/<plugin>/<roadmap>.<report>.<ext>, and every region report over the region's \
            roadmaps, as of the last day of their period, as <output>/<plugin>/<plugin>.region.<report>.<ext>.
            """)

    @OptionGroup var plugins: PluginOptions

    @Option(help: ArgumentHelp(
        "Database to create: a file (default: <output>/karta.sqlite) or a postgres:// URL; only a database an earlier demo made, unchanged since, is replaced.",
        valueName: "path|url"))
    var db: String?

    @Flag(help: "Replace the database file whatever it holds (recorded changes, accounts, another program's data).")
    var force = false

    @Option(name: .shortAndLong, help: ArgumentHelp("Folder for the reports.", valueName: "dir"))
    var output: String = "out"

    @Option(help: ArgumentHelp("Folder of region fixtures (roadmap YAML files under <dir>/<plugin>/).", valueName: "dir"))
    var regions: String = "regions"

    @Option(help: ArgumentHelp(
        "Comma-separated formats to write (\(OutputFormat.allCases.map(\.rawValue).joined(separator: ", "))).",
        valueName: "list"))
    var formats: String = OutputFormat.documents.map(\.rawValue).joined(separator: ",")

    func validate() throws {
        _ = try outputFormats()
    }

    private func outputFormats() throws -> [OutputFormat] {
        try formats.split(separator: ",").map { name in
            guard let format = OutputFormat(rawValue: name.trimmingCharacters(in: .whitespaces)) else {
                throw ValidationError("unknown format '\(name)' in --formats (expected: \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            return format
        }
    }

    func run() throws {
        let started = Date()
        let databasePath = db ?? (output as NSString).appendingPathComponent("karta.sqlite")
        let files = Set(Fixtures.roadmapFiles(in: regions).map { URL(fileURLWithPath: $0).deletingLastPathComponent().lastPathComponent })
            .sorted().flatMap { Fixtures.regionRoadmapFiles(in: regions, plugin: $0) }
        guard !files.isEmpty else { throw CLIError("no roadmap files under \(regions)/*/") }
        let database = try Self.database(at: StoreLocation(databasePath), force: force)

        // A fixture whose plugin fails (or that fails its checks) is reported and left out;
        // every other region's work is still done, and the command fails at the end.
        var workspace = try plugins.workspace()
        var failures = 0
        var roadmaps: [Roadmap] = []
        for file in files {
            do {
                roadmaps.append(try workspace.readRoadmap(file: file))
            } catch {
                failures += 1
                Self.report(error)
            }
        }
        try database.save(roadmaps, actor: KartaDatabase.demoActor)

        let outputFormats = try outputFormats()
        var written = 0
        try database.forEachRoadmap { roadmap in
            do {
                written += try write(roadmap, formats: outputFormats, workspace: &workspace)
            } catch {
                failures += 1
                Self.report(error)
            }
        }
        for (plugin, stored) in Dictionary(grouping: roadmaps, by: \.plugin).sorted(by: { $0.key < $1.key }) {
            do {
                written += try writeRegionReports(plugin, roadmaps: stored, formats: outputFormats, workspace: &workspace, database: database)
            } catch {
                failures += 1
                Self.report(error)
            }
        }
        let seconds = Date().timeIntervalSince(started)
        print(String(format: "demo: %d roadmaps imported into %@, %d files written to %@/ in %.2f s",
                     roadmaps.count, database.location, written, output, seconds))
        if failures > 0 { throw CLIError("demo: \(failures) fixture(s) or report(s) failed (above); every other region's files were written") }
    }

    /// Every report of one roadmap in every format, moved into `<output>/<plugin>/` together
    /// once all are rendered; returns how many files.
    private func write(_ roadmap: Roadmap, formats: [OutputFormat], workspace: inout Workspace) throws -> Int {
        let plugin = try workspace.plugin(roadmap.plugin)
        let files = try OutputFiles(directory: output)
        for format in plugin.manifest.reports {
            let document = try workspace.document(roadmap: roadmap, report: format.id).document
            for output in formats {
                let name = Fixtures.reportFileName(roadmap: roadmap.id, report: format.id, format: output)
                try files.add(try output.render(document), as: "\(roadmap.plugin)/\(name)")
            }
        }
        let written = try files.commit().count
        print("\(roadmap.plugin)\t\(roadmap.id)\t\(roadmap.allActivities.count) activities\t\(plugin.manifest.reports.count) report(s)")
        return written
    }

    /// Every region report of a plugin over its stored roadmaps, as of the last day of their
    /// latest period (so that a demo gives the files its goldens hold); returns how many files.
    private func writeRegionReports(_ id: String, roadmaps: [Roadmap], formats: [OutputFormat], workspace: inout Workspace,
                                    database: any RoadmapStore) throws -> Int {
        let plugin = try workspace.plugin(id)
        guard !plugin.manifest.regionReports.isEmpty, let asOf = Fixtures.regionAsOf(roadmaps)?.asOf else { return 0 }
        let files = try OutputFiles(directory: output)
        var count = 0
        for format in plugin.manifest.regionReports {
            let rollup = try workspace.rollup(plugin: id, report: format.id, asOf: asOf, period: nil, municipalities: [], in: database)
            count = rollup.roadmaps.count
            for output in formats {
                let name = Fixtures.regionReportFileName(plugin: id, report: format.id, format: output)
                try files.add(try output.render(rollup.document), as: "\(id)/\(name)")
            }
        }
        let written = try files.commit().count
        print("\(id)\tregion\t\(count) municipalities\t\(plugin.manifest.regionReports.count) region report(s)")
        return written
    }

    /// A fresh database at `path`; the store's refusal to replace a file completed with how to insist.
    private static func database(at location: StoreLocation, force: Bool) throws -> any RoadmapStore {
        let result = Result { () throws(StoreError) -> any RoadmapStore in try location.replacingDemo(force: force) }
        if case .failure(.wouldDestroy(_, let reason)) = result {
            throw CLIError("\(location) holds data karta demo did not make (\(reason)); it was left as it is: "
                + "choose another --output or --db, or give --force to replace it")
        }
        return try result.get()
    }

    private static func report(_ error: any Error) {
        FileHandle.standardError.write(Data("karta: \(error)\n".utf8))
    }
}
