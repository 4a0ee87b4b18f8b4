import ArgumentParser
import Foundation
import KartaPlugins
import KartaReports
import KartaStore

struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The main job: a fresh database, every region's fixtures imported, every report written in every format.")

    @OptionGroup var plugins: PluginOptions

    @Option(help: ArgumentHelp("Database file to create (default: <output>/karta.sqlite; an existing file there is replaced).", valueName: "path"))
    var db: String?

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
        if db != nil, FileManager.default.fileExists(atPath: databasePath) {
            throw CLIError("\(databasePath) exists; karta demo builds a fresh database: remove it or choose another --db")
        }
        for suffix in ["", "-wal", "-shm"] {
            try? FileManager.default.removeItem(atPath: databasePath + suffix)
        }
        let files = Fixtures.roadmapFiles(in: regions)
        guard !files.isEmpty else { throw CLIError("no roadmap files under \(regions)/*/") }

        var workspace = try plugins.workspace()
        let roadmaps = try workspace.readRoadmaps(files: files)
        let database = try KartaDatabase(path: databasePath)
        try database.save(roadmaps)

        let outputFormats = try outputFormats()
        var written = 0
        try database.forEachRoadmap { roadmap in
            let plugin = try workspace.plugin(roadmap.plugin)
            let folder = (output as NSString).appendingPathComponent(roadmap.plugin)
            for format in plugin.manifest.reports {
                let document = try workspace.document(roadmap: roadmap, report: format.id).document
                for output in outputFormats {
                    let name = Fixtures.reportFileName(roadmap: roadmap.id, report: format.id, format: output)
                    try writeFile(try output.render(document), to: (folder as NSString).appendingPathComponent(name))
                    written += 1
                }
            }
            print("\(roadmap.plugin)\t\(roadmap.id)\t\(roadmap.allActivities.count) activities\t\(plugin.manifest.reports.count) report(s)")
        }
        let seconds = Date().timeIntervalSince(started)
        print(String(format: "demo: %d roadmaps imported into %@, %d files written to %@/ in %.2f s",
                     roadmaps.count, databasePath, written, output, seconds))
    }
}

/// Where fixtures and rendered reports live by convention.
enum Fixtures {
    /// `regions/<plugin>/*.yaml`, sorted.
    static func roadmapFiles(in regions: String, plugins: [String]? = nil) -> [String] {
        let manager = FileManager.default
        guard let folders = try? manager.contentsOfDirectory(atPath: regions) else { return [] }
        return folders.sorted().filter { plugins?.contains($0) ?? true }.flatMap { folder -> [String] in
            let directory = (regions as NSString).appendingPathComponent(folder)
            let names = (try? manager.contentsOfDirectory(atPath: directory)) ?? []
            return names.filter(isRoadmapFile).sorted()
                .map { (directory as NSString).appendingPathComponent($0) }
        }
    }

    /// Whether a file name is a roadmap file's: `*.yaml` or `*.yml`.
    static func isRoadmapFile(_ name: String) -> Bool {
        name.hasSuffix(".yaml") || name.hasSuffix(".yml")
    }

    /// `<roadmap>.<report>.<ext>`: the name of a rendered report, in `out/<plugin>/` and in `regions/<plugin>/expected/`.
    static func reportFileName(roadmap: String, report: String, format: OutputFormat) -> String {
        "\(roadmap).\(report).\(format.fileExtension)"
    }
}
