import ArgumentParser
import Foundation
import KartaCore
import KartaHost
import KartaPlugins
import KartaReports
import KartaStore

/// One measured step of `karta bench`, run in its own process so that its peak memory is
/// its own. Prints one JSON object. Not meant for people: `karta bench` calls it.
struct BenchStep: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench-step", shouldDisplay: false)

    enum Step: String, ExpressibleByArgument { case insert, render, markdown, serve, rollup }

    @Argument var step: Step
    @Option var db: String
    @Option var files: String?
    @Option var jobs = 1
    @Option var repeats = 1
    @Option var formats = OutputFormat.documents.map(\.rawValue).joined(separator: ",")
    /// Where plugin code runs: `process` (what Karta ships) or `in-process` (the design before workers).
    @Option var isolation = "process"
    /// Whether plugin calls get fresh states: `per-call` (what Karta ships) or `shared` (the design before).
    @Option var states = "per-call"
    @OptionGroup var plugins: PluginOptions

    func run() throws {
        let result: [String: Double]
        switch step {
        case .insert: result = try insert()
        case .render: result = try render()
        case .markdown: result = try markdown()
        case .serve: result = try serve()
        case .rollup: result = try rollup()
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
        // The files `karta import FOLDER` reads.
        let roadmaps = try Import.roadmapFiles([files]).map { file in
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

    /// The web application under load (``ServeBench``) for `repeats` × 10 seconds a page.
    private func serve() throws -> [String: Double] {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("karta-serve-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let (pages, peak) = try ServeBench(karta: currentExecutable(), db: db, root: root, seconds: 10 * max(1, repeats)).run()
        var result = ["peak_kib": Double(peak)]
        for (index, page) in pages.enumerated() {
            let name = index == 0 ? "dashboard" : "roadmap"
            result["\(name)_requests_per_s"] = page.requestsPerSecond
            result["\(name)_p50_ms"] = page.p50Ms
            result["\(name)_p99_ms"] = page.p99Ms
            result["\(name)_errors"] = Double(page.errors)
        }
        return result
    }

    /// Every report of every stored roadmap in every format, on `jobs` workers, each with
    /// its own plugin states.
    private func render() throws -> [String: Double] {
        let database = try KartaDatabase(path: db)
        let loadStarted = DispatchTime.now().uptimeNanoseconds
        var loaded: [Roadmap] = []
        try database.forEachRoadmap { loaded.append($0) }
        let roadmaps = loaded
        let loadSeconds = Double(DispatchTime.now().uptimeNanoseconds - loadStarted) / 1e9
        let outputFormats = formats.split(separator: ",").compactMap { OutputFormat(rawValue: String($0)) }
        let directories = plugins.searchPath
        let limits = try plugins.limits()
        struct WorkerTotals { var reports = 0, rows = 0, files = 0, error: String? }
        let started = DispatchTime.now().uptimeNanoseconds
        let workers = ConcurrentResults.map(jobs) { worker in
            var workspace = Workspace(pluginDirectories: directories, limits: limits, isolation: Workspace.workers)
            var totals = WorkerTotals()
            do {
                for index in stride(from: worker, to: roadmaps.count, by: jobs) {
                    let roadmap = roadmaps[index]
                    for format in try workspace.plugin(roadmap.plugin).manifest.reports {
                        let document = try workspace.document(roadmap: roadmap, report: format.id).document
                        totals.reports += 1
                        totals.rows += document.tables.reduce(0) { $0 + $1.flattenedRows.count }
                        for output in outputFormats {
                            _ = try output.render(document)
                            totals.files += 1
                        }
                    }
                }
            } catch {
                totals.error = "\(error)"
            }
            return totals
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        if let error = workers.compactMap(\.error).first { throw CLIError(error) }
        return ["seconds": seconds, "load_seconds": loadSeconds, "reports": Double(workers.reduce(0) { $0 + $1.reports }),
                "rows": Double(workers.reduce(0) { $0 + $1.rows }), "files": Double(workers.reduce(0) { $0 + $1.files })]
    }

    /// Every region report of every plugin over all its stored roadmaps (`karta rollup`), each
    /// rendered to every format: each plugin's roadmaps are read once, one at a time, for all
    /// its region reports, and no per-roadmap document is made.
    private func rollup() throws -> [String: Double] {
        let database = try KartaDatabase(path: db)
        var workspace = Workspace(pluginDirectories: plugins.searchPath, limits: try plugins.limits(), isolation: Workspace.workers)
        let outputFormats = formats.split(separator: ",").compactMap { OutputFormat(rawValue: String($0)) }
        let stored = try database.roadmaps()
        let ids = Set(stored.map(\.plugin)).sorted()
        let asOf = CalendarDate(year: 2021, month: 6, day: 1)!
        var result: [String: Double] = ["reports": 0, "rows": 0, "files": 0, "roadmaps": 0, "failed": 0]
        let started = DispatchTime.now().uptimeNanoseconds
        for id in ids {
            let formats = try workspace.plugin(id).manifest.regionReports
            guard !formats.isEmpty else { continue }
            // The latest period, as karta rollup chooses by default; each roadmap read once.
            let ofPlugin = stored.filter { $0.plugin == id }
            let period = Set(ofPlugin.map(\.period)).sorted().last!
            var roadmaps: [Roadmap] = []
            try database.forEachRoadmap(ids: ofPlugin.filter { $0.period == period }.map(\.id)) { roadmaps.append($0) }
            result["roadmaps", default: 0] += Double(roadmaps.count)
            for format in formats {
                let reportStarted = DispatchTime.now().uptimeNanoseconds
                // A report over a limit is counted and named, and the others still run.
                let rollup: RegionRollup
                do {
                    rollup = try workspace.regionReport(plugin: id, report: format.id, roadmaps: roadmaps, asOf: asOf, period: period)
                } catch {
                    result["failed", default: 0] += 1
                    FileHandle.standardError.write(Data("karta bench: region report '\(format.id)' of \(id) failed: \(error)\n".utf8))
                    continue
                }
                result["reports", default: 0] += 1
                result["rows", default: 0] += Double(rollup.document.tables.reduce(0) { $0 + $1.flattenedRows.count })
                for output in outputFormats {
                    _ = try output.render(rollup.document)
                    result["files", default: 0] += 1
                }
                result["\(id).\(format.id)_seconds"] = Double(DispatchTime.now().uptimeNanoseconds - reportStarted) / 1e9
            }
        }
        result["seconds"] = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        return result
    }

    /// Karta's whole path for the Lua-share ratio: from the database to the finished
    /// Markdown of each roadmap's first report, on one core.
    private func markdown() throws -> [String: Double] {
        let database = try KartaDatabase(path: db)
        let summaries = try database.roadmaps()
        let ids = summaries.map(\.id)
        guard ["process", "in-process"].contains(isolation) else { throw CLIError("--isolation: process or in-process") }
        guard ["per-call", "shared"].contains(states) else { throw CLIError("--states: per-call or shared") }
        var workspace = Workspace(pluginDirectories: plugins.searchPath, limits: try plugins.limits(),
                                  isolation: isolation == "process" ? Workspace.workers : .inProcess)
        workspace.states = states == "shared" ? .shared : .perCall
        let loaded = try Set(summaries.map(\.plugin)).map { try workspace.plugin($0) }
        // The workers' CPU time counts too: it is the same work, done in another process.
        let workersCPU = { loaded.reduce(0.0) { $0 + ($1.workerCPUSeconds ?? 0) } }
        let workersStartCPU = workersCPU()
        var bytes = 0
        var phases = [UInt64](repeating: 0, count: 3)
        func timed<T>(_ phase: Int, _ body: () throws -> T) rethrows -> T {
            let start = DispatchTime.now().uptimeNanoseconds
            defer { phases[phase] += DispatchTime.now().uptimeNanoseconds - start }
            return try body()
        }
        let started = DispatchTime.now().uptimeNanoseconds
        let startedCPU = processCPUSeconds()
        // The database phase is the time until each roadmap arrives (read, then built).
        var phaseStart = DispatchTime.now().uptimeNanoseconds
        try database.forEachRoadmap(ids: ids) { roadmap in
            phases[0] += DispatchTime.now().uptimeNanoseconds - phaseStart
            let document = try timed(1) { try workspace.document(roadmap: roadmap, report: nil).document }
            bytes += timed(2) { MarkdownRenderer().render(document).utf8.count }
            phaseStart = DispatchTime.now().uptimeNanoseconds
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        let cpu = processCPUSeconds() - startedCPU + workersCPU() - workersStartCPU
        return ["seconds": seconds, "cpu_seconds": cpu, "reports": Double(ids.count), "bytes": Double(bytes),
                "load_seconds": Double(phases[0]) / 1e9, "plugin_seconds": Double(phases[1]) / 1e9,
                "markdown_seconds": Double(phases[2]) / 1e9]
    }
}

/// CPU time of this process so far: what Lua's `os.clock` measures on the plain side.
private func processCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}
