import ArgumentParser
import Foundation
import KartaCore
import KartaPlugins
import KartaReports
import KartaStore

/// One measured step of `karta bench`, run in its own process so that its peak memory is
/// its own. Prints one JSON object. Not meant for people: `karta bench` calls it.
struct BenchStep: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench-step", shouldDisplay: false)

    enum Step: String, ExpressibleByArgument { case insert, render, markdown }

    @Argument var step: Step
    @Option var db: String
    @Option var files: String?
    @Option var jobs = 1
    @Option var repeats = 1
    @Option var formats = OutputFormat.documents.map(\.rawValue).joined(separator: ",")
    @OptionGroup var plugins: PluginOptions

    func run() throws {
        let result: [String: Double]
        switch step {
        case .insert: result = try insert()
        case .render: result = try render()
        case .markdown: result = try markdown()
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        print(String(decoding: try encoder.encode(result), as: UTF8.self))
    }

    /// The plain prepared-statement loop over the rows of every file, and Karta's own save of
    /// the same roadmaps (its storage part of import), `repeats` times each into fresh
    /// databases `<db>-plain-<n>` and `<db>-save-<n>`; the files are parsed once, untimed.
    private func insert() throws -> [String: Double] {
        guard let files else { throw CLIError("--files is required") }
        let roadmaps = try Fixtures.roadmapFiles(in: files).map { file in
            try RoadmapFile.decode(String(contentsOfFile: file, encoding: .utf8), file: file)
        }
        var result = ["activities": Double(roadmaps.reduce(0) { $0 + $1.allActivities.count })]
        for attempt in 0..<max(1, repeats) {
            result["plain_\(attempt)"] = try KartaDatabase(path: "\(db)-plain-\(attempt).sqlite").insertPlainly(roadmaps)
            let saveDB = try KartaDatabase(path: "\(db)-save-\(attempt).sqlite")
            let started = DispatchTime.now().uptimeNanoseconds
            try saveDB.save(roadmaps)
            result["save_\(attempt)"] = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        }
        return result
    }

    /// Every report of every stored roadmap in every format, on `jobs` workers, each with
    /// its own plugin states.
    private func render() throws -> [String: Double] {
        let database = try KartaDatabase(path: db)
        let loadStarted = DispatchTime.now().uptimeNanoseconds
        let roadmaps = try database.roadmaps().compactMap { try database.roadmap(id: $0.id) }
        let loadSeconds = Double(DispatchTime.now().uptimeNanoseconds - loadStarted) / 1e9
        let outputFormats = formats.split(separator: ",").compactMap { OutputFormat(rawValue: String($0)) }
        let directories = plugins.searchPath
        let limits = try plugins.limits()
        let totals = Totals(workers: jobs)
        let started = DispatchTime.now().uptimeNanoseconds
        DispatchQueue.concurrentPerform(iterations: jobs) { worker in
            var workspace = Workspace(pluginDirectories: directories, limits: limits)
            var reports = 0, rows = 0, files = 0
            do {
                for index in stride(from: worker, to: roadmaps.count, by: jobs) {
                    let roadmap = roadmaps[index]
                    for format in try workspace.plugin(roadmap.plugin).manifest.reports {
                        let document = try workspace.document(roadmap: roadmap, report: format.id).document
                        reports += 1
                        rows += document.tables.reduce(0) { $0 + $1.flattenedRows.count }
                        for output in outputFormats {
                            _ = try output.render(document)
                            files += 1
                        }
                    }
                }
                totals.set(worker, reports: reports, rows: rows, files: files, error: nil)
            } catch {
                totals.set(worker, reports: reports, rows: rows, files: files, error: "\(error)")
            }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        if let error = totals.error { throw CLIError(error) }
        return ["seconds": seconds, "load_seconds": loadSeconds, "reports": Double(totals.reports),
                "rows": Double(totals.rows), "files": Double(totals.files)]
    }

    /// Karta's whole path for the Lua-share ratio: from the database to the finished
    /// Markdown of each roadmap's first report, on one core.
    private func markdown() throws -> [String: Double] {
        let database = try KartaDatabase(path: db)
        let ids = try database.roadmaps().map(\.id)
        var workspace = Workspace(pluginDirectories: plugins.searchPath, limits: try plugins.limits())
        for plugin in Set(try ids.compactMap { try database.roadmap(id: $0)?.plugin }) { _ = try workspace.plugin(plugin) }
        var bytes = 0
        var phases = [UInt64](repeating: 0, count: 3)
        func timed<T>(_ phase: Int, _ body: () throws -> T) rethrows -> T {
            let start = DispatchTime.now().uptimeNanoseconds
            defer { phases[phase] += DispatchTime.now().uptimeNanoseconds - start }
            return try body()
        }
        let started = DispatchTime.now().uptimeNanoseconds
        for id in ids {
            guard let roadmap = try timed(0, { try database.roadmap(id: id) }) else { continue }
            let document = try timed(1) { try workspace.document(roadmap: roadmap, report: nil).document }
            bytes += timed(2) { MarkdownRenderer().render(document).utf8.count }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        return ["seconds": seconds, "reports": Double(ids.count), "bytes": Double(bytes),
                "load_seconds": Double(phases[0]) / 1e9, "plugin_seconds": Double(phases[1]) / 1e9,
                "markdown_seconds": Double(phases[2]) / 1e9]
    }
}

/// Per-worker totals of the render step.
private final class Totals: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [(reports: Int, rows: Int, files: Int, error: String?)]
    init(workers: Int) { values = Array(repeating: (0, 0, 0, nil), count: workers) }
    func set(_ worker: Int, reports: Int, rows: Int, files: Int, error: String?) {
        lock.withLock { values[worker] = (reports, rows, files, error) }
    }
    var reports: Int { lock.withLock { values.reduce(0) { $0 + $1.reports } } }
    var rows: Int { lock.withLock { values.reduce(0) { $0 + $1.rows } } }
    var files: Int { lock.withLock { values.reduce(0) { $0 + $1.files } } }
    var error: String? { lock.withLock { values.compactMap(\.error).first } }
}
