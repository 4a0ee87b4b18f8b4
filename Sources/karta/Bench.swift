import ArgumentParser
import Foundation
import KartaCore
import KartaHost
import KartaPlugins
import KartaStore

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure Karta at federal scale: cold start, import, rendering, the Lua share, status.",
        discussion: """
            Builds a synthetic data set (karta generate) in a temporary folder and measures each step \
            in its own process: the median of repeated runs with min and max, and the peak memory of \
            the step. The full size is 2,000 municipalities × 30 activities; --quick uses 40 × 30. \
            The plain-Lua comparison needs the lua5.4 interpreter (Debian package lua5.4). \
            Method and figures: docs/performance.md.
            """)

    @Flag(help: "A small data set (40 municipalities × 30 activities) that runs in well under a minute.")
    var quick = false

    @Option(help: ArgumentHelp("Municipalities (overrides the size), 1 to 100000.", valueName: "n"), transform: OptionValue.integer(1...100_000))
    var municipalities: Int?

    @Option(help: ArgumentHelp("Activities per roadmap (overrides the size), 1 to 10000.", valueName: "m"), transform: OptionValue.integer(1...10_000))
    var activities: Int?

    @Option(name: .customLong("repeats"), help: ArgumentHelp(
        "Repetitions of each timed step, 1 to 100 (default: 3; cold start 3 more; rendering at 1,000 municipalities or more: 2).",
        valueName: "n"), transform: OptionValue.integer(1...100))
    var repeatsOption: Int?

    private var repeats: Int { max(1, repeatsOption ?? 3) }

    @Flag(help: "Print the figures as one JSON object.")
    var json = false

    @Option(help: ArgumentHelp("Keep the data set and databases in this folder instead of a temporary one.", valueName: "dir"))
    var keep: String?

    @Option(help: ArgumentHelp("Folder of region fixtures (templates for the data set).", valueName: "dir"))
    var regions: String = "regions"

    @Option(help: ArgumentHelp("Plain Lua interpreter for the Lua-share comparison.", valueName: "path"))
    var lua: String = "/usr/bin/lua5.4"

    @Option(help: ArgumentHelp(
        "Also run the import and serve steps on this PostgreSQL database (postgres://…), side by side with SQLite. It must hold no roadmaps, history or accounts; the bench empties it again at the end.",
        valueName: "url"))
    var db: String?

    @OptionGroup var plugins: PluginOptions

    func validate() throws {
        if let db, case .file = StoreLocation(db) {
            throw ValidationError("--db takes a postgres:// URL (the bench makes its SQLite files itself)")
        }
    }

    func run() throws {
        let size = (municipalities ?? (quick ? 40 : 2000), activities ?? 30)
        let root = keep ?? FileManager.default.temporaryDirectory.appendingPathComponent("karta-bench-\(UUID().uuidString)").path
        defer { if keep == nil { try? FileManager.default.removeItem(atPath: root) } }
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let karta = currentExecutable()
        let log = root + "/errors.log"
        let pluginArguments = plugins.directories.flatMap { ["--plugins", $0] }
        var figures = BenchFigures(municipalities: size.0, activitiesPerRoadmap: size.1, cores: ProcessInfo.processInfo.activeProcessorCount)
        func say(_ text: String) { if !json { print(text) } }

        let data = root + "/data"
        let files = try DataSet.write(municipalities: size.0, activities: size.1, seed: 500, templates: regions, output: data)
        let activityCount = size.0 * size.1
        guard try Import.roadmapFiles([data]).count == files.count else {
            throw CLIError("bench: \(data) holds other roadmap files than the generated ones")
        }
        say("karta bench: \(size.0) municipalities × \(size.1) activities = \(activityCount) activities, \(figures.cores) cores, \(repeats) runs per step")

        func run(_ arguments: [String], sampleMemory: Bool = true) throws -> SpawnResult {
            let result = try spawn(karta, arguments + pluginArguments, errorFile: log, sampleMemory: sampleMemory)
            guard result.status == 0 else {
                let errors = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
                throw CLIError("bench: karta \(arguments.prefix(2).joined(separator: " ")) failed (exit \(result.status)):\n\(errors.suffix(2000))")
            }
            return result
        }
        func step(_ arguments: [String]) throws -> (values: [String: Double], peakKiB: Int, seconds: Double) {
            let result = try run(arguments)
            let values = try JSONDecoder().decode([String: Double].self, from: Data(result.output.utf8))
            return (values, result.peakKiB, result.seconds)
        }

        // Cold start of `karta plugins`.
        let cold = try (0..<(repeats + 3)).map { _ in try run(["plugins"], sampleMemory: false) }
        figures.coldStartMs = Spread(cold.map { $0.seconds * 1000 })
        figures.peakKiB["cold_start"] = try run(["plugins"]).peakKiB
        say("cold start (karta plugins):  \(figures.coldStartMs.text("ms"))")

        // Import, and the plain insert loop as the storage limit.
        // Each import is followed by one plain insert loop (and one save), so that the two
        // sides of the ratio see the same machine even when its speed drifts.
        var imports: [Double] = []
        var inserts: [Double] = []
        var saves: [Double] = []
        for attempt in 0..<repeats {
            let db = "\(root)/import-\(attempt).sqlite"
            // The folder, as one would import a federal data set (naming its 2,000 files costs
            // the argument parser 0.2 s on its own).
            let result = try run(["import", data, "--db", db])
            imports.append(result.seconds)
            figures.peakKiB["import"] = max(figures.peakKiB["import"] ?? 0, result.peakKiB)
            let storage = try step(["bench-step", "insert", "--db", "\(root)/storage-\(attempt)", "--files", data, "--repeats", "1"])
            inserts.append(storage.values["plain_0"] ?? 0)
            saves.append(storage.values["save_0"] ?? 0)
            figures.peakKiB["plain_insert_and_save"] = max(figures.peakKiB["plain_insert_and_save"] ?? 0, storage.peakKiB)
        }
        figures.importSeconds = Spread(imports)
        figures.importActivitiesPerSecond = Double(activityCount) / figures.importSeconds.median
        figures.plainInsertSeconds = Spread(inserts)
        figures.importRatio = figures.importSeconds.median / figures.plainInsertSeconds.median
        figures.saveSeconds = Spread(saves)
        say("import:                      \(figures.importSeconds.text("s", digits: 3)), \(Int(figures.importActivitiesPerSecond)) activities/s")
        say("plain insert loop:           \(figures.plainInsertSeconds.text("s", digits: 3)); import ÷ plain = \(String(format: "%.1f", figures.importRatio))")
        say("  of which Karta's save:     \(figures.saveSeconds.text("s", digits: 3)) (the rest: reading, parsing and checking the files)")
        let db = "\(root)/import-0.sqlite"

        // Rendering every report in every format, on one core and on all.
        // The longest step; at full size two runs each keep the whole bench under five minutes.
        let renderRepeats = repeatsOption ?? (size.0 >= 1000 ? 2 : 3)
        for jobs in Set([1, figures.cores]).sorted() {
            var runs: [[String: Double]] = []
            var peak = 0
            for _ in 0..<max(1, renderRepeats) {
                let result = try step(["bench-step", "render", "--db", db, "--jobs", String(jobs)])
                runs.append(result.values)
                peak = max(peak, result.peakKiB)
            }
            let seconds = Spread(runs.map { $0["seconds"] ?? 0 })
            let reports = runs.first?["reports"] ?? 0
            let rows = runs.first?["rows"] ?? 0
            let files = runs.first?["files"] ?? 0
            let render = RenderFigures(jobs: jobs, seconds: seconds, reports: Int(reports), files: Int(files), rows: Int(rows),
                                       reportsPerSecond: reports / seconds.median, filesPerSecond: files / seconds.median,
                                       rowsPerSecond: rows / seconds.median)
            figures.render.append(render)
            figures.peakKiB["render_\(jobs)_cores"] = peak
            say("render \(jobs) core\(jobs == 1 ? " " : "s"):              \(seconds.text("s", digits: 2)); \(Int(reports)) reports × 5 formats: "
                + "\(Int(render.reportsPerSecond)) reports/s, \(Int(render.filesPerSecond)) files/s, \(Int(render.rowsPerSecond)) rows/s")
        }

        // The Lua share: Karta's path (database → Markdown) against plain lua5.4 running the
        // same report functions over the same data given as Lua tables.
        // Karta and plain Lua take turns, so that both see the same machine; both sides are
        // timed in CPU seconds of their process (plain Lua has only `os.clock`).
        var kartaPath: [Double] = []
        var kartaWall: [Double] = []
        var kartaProcess: [Double] = []
        var markdownPeak = 0
        var phases: [String: [Double]] = [:]
        let plainJobs = try plainLuaJobs(db: db, root: root)
        var plain: (seconds: [Double], processSeconds: [Double], peakKiB: Int) = ([], [], 0)
        var inProcess: [Double] = []
        var inProcessWall: [Double] = []
        var shared: [Double] = []
        var sharedWall: [Double] = []
        for _ in 0..<repeats {
            // The design before fresh states per call: one state for every roadmap.
            let reused = try step(["bench-step", "markdown", "--db", db, "--states", "shared"])
            shared.append(reused.values["cpu_seconds"] ?? 0)
            sharedWall.append(reused.values["seconds"] ?? 0)
            // The design before plugin workers, on the same machine in the same turn.
            let before = try step(["bench-step", "markdown", "--db", db, "--isolation", "in-process"])
            inProcess.append(before.values["cpu_seconds"] ?? 0)
            inProcessWall.append(before.values["seconds"] ?? 0)
            figures.peakKiB["karta_markdown_in_process"] = max(figures.peakKiB["karta_markdown_in_process"] ?? 0, before.peakKiB)
            let result = try step(["bench-step", "markdown", "--db", db])
            kartaPath.append(result.values["cpu_seconds"] ?? 0)
            kartaWall.append(result.values["seconds"] ?? 0)
            kartaProcess.append(result.seconds)
            markdownPeak = max(markdownPeak, result.peakKiB)
            for phase in ["load_seconds", "plugin_seconds", "markdown_seconds"] {
                phases[phase, default: []].append(result.values[phase] ?? 0)
            }
            let once = try plainLuaRun(plainJobs, root: root)
            plain.seconds.append(once.seconds)
            plain.processSeconds.append(once.processSeconds)
            plain.peakKiB = max(plain.peakKiB, once.peakKiB)
        }
        figures.kartaMarkdownPhases = phases.mapValues { Spread($0).median }
        figures.kartaMarkdownWallSeconds = Spread(kartaWall)
        figures.peakKiB["karta_markdown"] = markdownPeak
        figures.kartaMarkdownSeconds = Spread(kartaPath)
        figures.plainLuaSeconds = Spread(plain.seconds)
        figures.peakKiB["plain_lua"] = plain.peakKiB
        figures.luaShareRatio = figures.kartaMarkdownSeconds.median / figures.plainLuaSeconds.median
        figures.kartaMarkdownProcessSeconds = Spread(kartaProcess)
        figures.plainLuaProcessSeconds = Spread(plain.processSeconds)
        figures.luaShareProcessRatio = figures.kartaMarkdownProcessSeconds.median / figures.plainLuaProcessSeconds.median
        figures.kartaMarkdownInProcessSeconds = Spread(inProcess)
        figures.kartaMarkdownInProcessWallSeconds = Spread(inProcessWall)
        figures.isolationCostRatio = figures.kartaMarkdownSeconds.median / figures.kartaMarkdownInProcessSeconds.median
        figures.isolationWallRatio = figures.kartaMarkdownWallSeconds.median / figures.kartaMarkdownInProcessWallSeconds.median
        figures.kartaMarkdownSharedStateSeconds = Spread(shared)
        figures.kartaMarkdownSharedStateWallSeconds = Spread(sharedWall)
        figures.freshStateCostRatio = figures.kartaMarkdownSeconds.median / figures.kartaMarkdownSharedStateSeconds.median
        figures.freshStateWallRatio = figures.kartaMarkdownWallSeconds.median / figures.kartaMarkdownSharedStateWallSeconds.median
        let phase = { (name: String) in String(format: "%.3f", figures.kartaMarkdownPhases[name] ?? 0) }
        say("Karta DB → Markdown, 1 core: \(figures.kartaMarkdownSeconds.text("s", digits: 3)) CPU (wall \(figures.kartaMarkdownWallSeconds.text("s", digits: 3))); database \(phase("load_seconds")) s, "
            + "plugin (to Lua, report, back) \(phase("plugin_seconds")) s, Markdown \(phase("markdown_seconds")) s")
        say("  plugins in this process:   \(figures.kartaMarkdownInProcessSeconds.text("s", digits: 3)) CPU (wall \(figures.kartaMarkdownInProcessWallSeconds.text("s", digits: 3))); "
            + "workers cost ×\(String(format: "%.2f", figures.isolationCostRatio)) CPU, ×\(String(format: "%.2f", figures.isolationWallRatio)) wall")
        say("  one shared state per plugin: \(figures.kartaMarkdownSharedStateSeconds.text("s", digits: 3)) CPU (wall \(figures.kartaMarkdownSharedStateWallSeconds.text("s", digits: 3))); "
            + "a fresh state per call costs ×\(String(format: "%.2f", figures.freshStateCostRatio)) CPU, ×\(String(format: "%.2f", figures.freshStateWallRatio)) wall")
        say("plain lua5.4, same reports:  \(figures.plainLuaSeconds.text("s", digits: 3)); Karta ÷ plain Lua = \(String(format: "%.2f", figures.luaShareRatio))")
        say("  whole processes:           Karta \(figures.kartaMarkdownProcessSeconds.text("s", digits: 3)) (start, database, Lua, Markdown); "
            + "lua5.4 \(figures.plainLuaProcessSeconds.text("s", digits: 3)) (start, reading its data file, reports); "
            + "ratio \(String(format: "%.2f", figures.luaShareProcessRatio))")

        // karta status --all.
        let statuses = try (0..<repeats).map { _ in try run(["status", "--all", "--json", "--as-of", "2021-06-01", "--db", db]) }
        figures.statusAllMs = Spread(statuses.map { $0.seconds * 1000 })
        figures.peakKiB["status_all"] = statuses.map(\.peakKiB).max()
        say("status --all:                \(figures.statusAllMs.text("ms"))")

        // Every plugin's region reports over all its municipalities (karta rollup), every format.
        var rollups: [[String: Double]] = []
        for _ in 0..<repeats {
            let result = try step(["bench-step", "rollup", "--db", db])
            rollups.append(result.values)
            figures.peakKiB["rollup"] = max(figures.peakKiB["rollup"] ?? 0, result.peakKiB)
        }
        let rollupSeconds = Spread(rollups.map { $0["seconds"] ?? 0 })
        let rollupReports = Int(rollups.first?["reports"] ?? 0)
        let rollupRows = Int(rollups.first?["rows"] ?? 0)
        let rollupFailed = Int(rollups.first?["failed"] ?? 0)
        figures.rollup = RollupFigures(seconds: rollupSeconds, reports: rollupReports, failed: rollupFailed,
                                       files: Int(rollups.first?["files"] ?? 0), rows: rollupRows, peakKiB: figures.peakKiB["rollup"] ?? 0)
        say("rollup (region reports):     \(rollupSeconds.text("s", digits: 2)); \(rollupReports) region reports over \(size.0) municipalities × 5 formats, "
            + "\(rollupRows) rows; peak \(String(format: "%.0f", Double(figures.peakKiB["rollup"] ?? 0) / 1024)) MiB"
            + (rollupFailed > 0 ? "; \(rollupFailed) over a plugin limit (\(log))" : ""))

        // Word and Excel roadmaps read back: one large roadmap per region, written by Karta.
        figures.officeImport = try officeImport(root: root, activities: quick ? 200 : 1000) { try run($0, sampleMemory: $1) }
        for office in figures.officeImport {
            let label = "import \(office.format) (\(office.files) files):"
            say(label + String(repeating: " ", count: max(1, 29 - label.count)) + "\(office.seconds.text("s", digits: 3)), \(Int(office.activitiesPerSecond)) activities/s "
                + "(\(office.activities) activities, one Karta report per region read back with --to-yaml)")
            figures.peakKiB["import_\(office.format)"] = office.peakKiB
        }

        // The web application under load.
        let serve = try ServeBench(karta: karta, db: db, root: root, seconds: quick ? 3 : 10).run()
        figures.serve = serve.pages
        figures.peakKiB["serve"] = serve.peakKiB
        for page in serve.pages { say(Self.line(page, engine: nil, seconds: quick ? 3 : 10)) }

        // The import and serve steps again on PostgreSQL, beside SQLite's.
        if let url = self.db {
            let location = StoreLocation(url)
            let census = try StoreCopy.census(of: try location.open(.create))
            guard census.roadmaps.isEmpty, census.accounts == 0 else {
                throw CLIError("bench: \(location) holds \(census.roadmaps.count) roadmap id(s) and \(census.accounts) account(s); "
                    + "the bench writes thousands of synthetic roadmaps: give it an empty database")
            }
            // Only the bench writes there from now on: emptying it between runs loses nothing.
            defer { _ = try? location.replacingDemo(force: true) }
            var seconds: [Double] = []
            for _ in 0..<repeats {
                _ = try location.replacingDemo(force: true)
                let result = try run(["import", data, "--db", url])
                seconds.append(result.seconds)
                figures.peakKiB["import_postgres"] = max(figures.peakKiB["import_postgres"] ?? 0, result.peakKiB)
            }
            let spread = Spread(seconds)
            say("import on PostgreSQL:        \(spread.text("s", digits: 3)), \(Int(Double(activityCount) / spread.median)) activities/s; "
                + "PostgreSQL ÷ SQLite = \(String(format: "%.2f", spread.median / figures.importSeconds.median))")
            let served = try ServeBench(karta: karta, db: url, root: root, seconds: quick ? 3 : 10).run()
            figures.peakKiB["serve_postgres"] = served.peakKiB
            for page in served.pages { say(Self.line(page, engine: "PostgreSQL", seconds: quick ? 3 : 10)) }
            figures.postgres = PostgresFigures(importSeconds: spread, importActivitiesPerSecond: Double(activityCount) / spread.median,
                                               importRatio: spread.median / figures.importSeconds.median, serve: served.pages)
        }
        say("peak memory (MiB):           " + figures.peakKiB.sorted { $0.key < $1.key }
            .map { "\($0.key) \(String(format: "%.0f", Double($0.value) / 1024))" }.joined(separator: ", "))

        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(figures), as: UTF8.self))
        }
    }

    /// Times `karta import FILE.docx|xlsx --plugin ID --to-yaml` over one generated roadmap of
    /// `activities` activities per region, in each plugin's first report as Karta writes it.
    private func officeImport(
        root: String, activities: Int, run: ([String], Bool) throws -> SpawnResult
    ) throws -> [OfficeImportFigures] {
        let folder = root + "/office"
        let files = try DataSet.write(municipalities: 4, activities: activities, seed: 501, templates: regions, output: folder + "/data")
        let db = folder + "/office.sqlite"
        _ = try run(["import", folder + "/data", "--db", db], false)
        var workspace = try plugins.workspace()
        var jobs: [(format: String, arguments: [String])] = []
        for file in files {
            let roadmap = try workspace.readRoadmap(file: file)
            for format in ["docx", "xlsx"] {
                let document = "\(folder)/\(roadmap.id).\(format)"
                _ = try run(["report", roadmap.id, "--format", format, "--output", document, "--db", db], false)
                jobs.append((format, ["import", document, "--plugin", roadmap.plugin, "--id", roadmap.id, "--municipality", roadmap.municipality,
                                      "--period", roadmap.period.description, "--to-yaml", "\(folder)/\(roadmap.id).\(format).yaml"]))
            }
        }
        return try ["docx", "xlsx"].map { format in
            var totals: [Double] = []
            var peak = 0
            for _ in 0..<repeats {
                var total = 0.0
                for job in jobs where job.format == format {
                    let result = try run(job.arguments, true)
                    total += result.seconds
                    peak = max(peak, result.peakKiB)
                }
                totals.append(total)
            }
            let spread = Spread(totals)
            return OfficeImportFigures(format: format, files: files.count, activities: files.count * activities, seconds: spread,
                                       activitiesPerSecond: Double(files.count * activities) / spread.median, peakKiB: peak)
        }
    }

    /// One page's figures as a line of the report.
    private static func line(_ page: ServeBench.Page, engine: String?, seconds: Int) -> String {
        let path = page.path.count > 22 ? String(page.path.prefix(21)) + "…" : page.path
        let label = "serve \(path)" + (engine.map { " (\($0))" } ?? "") + ":"
        return label + String(repeating: " ", count: max(1, 29 - label.count))
            + "\(Int(page.requestsPerSecond)) requests/s, p50 \(String(format: "%.1f", page.p50Ms)) ms, "
            + "p99 \(String(format: "%.1f", page.p99Ms)) ms (wrk, 32 connections, \(seconds) s; \(page.errors) errors)"
    }
}
