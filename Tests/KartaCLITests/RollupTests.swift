import Foundation
import KartaCore
import KartaPlugins
import KartaReports
import KartaStore
import KartaTesting
import Testing

/// `karta rollup`: region reports over every stored roadmap of a region.
@Suite struct RollupTests {
    static let regions = ["krasnodar", "pskov", "shakhty", "spb"]

    /// A database holding every region's fixtures and its other municipalities.
    static func database(in directory: TemporaryDirectory) throws -> String {
        let db = directory.path("karta.sqlite")
        let files = regions.flatMap { region -> [String] in
            let folder = PackagePaths.path("regions/\(region)")
            let top = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".yaml") }.map { "\(folder)/\($0)" }
            let more = ((try? FileManager.default.contentsOfDirectory(atPath: folder + "/municipalities")) ?? [])
                .filter { $0.hasSuffix(".yaml") }.map { "\(folder)/municipalities/\($0)" }
            return (top + more).sorted()
        }
        let run = try KartaProcess.run(["import"] + files + ["--db", db])
        #expect(run.status == 0, "\(run.output)")
        return db
    }

    /// The class each status of the four regions' workflows has (docs/plugin-authoring.md),
    /// written out here so that the counts do not go through the host's own code.
    static let classes: [String: String] = [
        "planned": "not_started", "in_progress": "in_progress", "review": "in_progress", "returned": "in_progress",
        "done": "finished", "postponed": "postponed", "cancelled": "not_done",
    ]

    struct Counts: Equatable {
        var planned = 0, done = 0, inProgress = 0, withoutEvidence = 0, review = 0
    }

    static func counts(_ roadmap: Roadmap) -> Counts {
        var counts = Counts()
        for activity in roadmap.allActivities {
            let kind = classes[activity.status.rawValue] ?? "in_progress"
            if kind == "not_done" { continue }
            counts.planned += 1
            if kind == "finished" {
                counts.done += 1
                if activity.evidence.isEmpty { counts.withoutEvidence += 1 }
            }
            if kind == "in_progress" { counts.inProgress += 1 }
            if activity.status.rawValue == "review" { counts.review += 1 }
        }
        return counts
    }

    static func share(_ done: Int, _ planned: Int) -> String {
        guard planned > 0 else { return "" }
        let tenths = Int((Double(done) * 1000 / Double(planned)).rounded(.toNearestOrAwayFromZero))
        return "\(tenths / 10),\(tenths % 10)"
    }

    /// The summary's figures equal counts made here from the stored roadmaps: planned, done,
    /// in progress, done without evidence and waiting for review by status class, overdue as
    /// `karta status --json` lists it, the share done, and the region's totals.
    @Test(arguments: regions)
    func theSummaryCountsWhatIsStored(_ region: String) throws {
        let directory = try TemporaryDirectory()
        let db = try Self.database(in: directory)
        let store = try KartaDatabase(path: db)
        var stored: [String: Roadmap] = [:]
        try store.forEachRoadmap { if $0.plugin == region { stored[$0.municipality] = $0 } }
        #expect(stored.count >= 3, "\(region): \(stored.keys.sorted())")
        let period = try #require(stored.values.first?.period)
        let day = period.end.description

        let run = try KartaProcess.run(["rollup", region, "--report", "summary", "--format", "json", "--as-of", day, "--db", db])
        #expect(run.status == 0, "\(run.output)")
        let document = try JSONDecoder().decode(ReportDocument.self, from: Data(run.stdout.utf8))
        let table = try #require(document.tables.first)
        let ids = table.columns.map(\.id)
        #expect(ids.prefix(6) == ["municipality", "planned", "done", "in_progress", "overdue", "done_without_evidence"])
        #expect(ids.last == "share")
        #expect(table.columns.last?.type == .number)
        #expect(ids.contains("review") == (region == "shakhty"), "\(ids)")

        let status = try KartaProcess.run(["status", "--region", region, "--json", "--as-of", day, "--db", db])
        #expect(status.status == 0, "\(status.output)")
        struct Statuses: Decodable {
            struct One: Decodable { var municipality: String; var overdue: [String] }
            var roadmaps: [One]
        }
        let overdue = Dictionary(uniqueKeysWithValues: try JSONDecoder().decode(Statuses.self, from: Data(status.stdout.utf8))
            .roadmaps.map { ($0.municipality, $0.overdue.count) })

        let column = { (id: String) in ids.firstIndex(of: id)! }
        #expect(table.rows.count == stored.count + 1)
        var total = Counts()
        var totalOverdue = 0
        var shares: [Double] = []
        for row in table.rows.dropLast() {
            let name = row.cells[column("municipality")]
            let roadmap = try #require(stored[name], "\(name) is not a stored municipality of \(region)")
            let counts = Self.counts(roadmap)
            let expected = [("planned", counts.planned), ("done", counts.done), ("in_progress", counts.inProgress),
                            ("done_without_evidence", counts.withoutEvidence), ("overdue", overdue[name] ?? -1)]
                + (region == "shakhty" ? [("review", counts.review)] : [])
            for (id, value) in expected {
                #expect(row.cells[column(id)] == String(value), "\(region) \(name) \(id)")
            }
            #expect(row.cells[column("share")] == Self.share(counts.done, counts.planned), "\(region) \(name) share")
            shares.append(Double(counts.done) / Double(max(counts.planned, 1)))
            total.planned += counts.planned
            total.done += counts.done
            total.inProgress += counts.inProgress
            total.withoutEvidence += counts.withoutEvidence
            totalOverdue += overdue[name] ?? 0
        }
        #expect(shares == shares.sorted(by: >), "rows are sorted by the share done")
        let totals = try #require(table.rows.last)
        #expect(totals.cells[0] == "Итого по региону")
        #expect(totals.cells[column("planned")] == String(total.planned))
        #expect(totals.cells[column("done")] == String(total.done))
        #expect(totals.cells[column("in_progress")] == String(total.inProgress))
        #expect(totals.cells[column("done_without_evidence")] == String(total.withoutEvidence))
        #expect(totals.cells[column("overdue")] == String(totalOverdue))
        #expect(totals.cells[column("share")] == Self.share(total.done, total.planned))
    }

    /// Krasnodar's consolidated report in Word: one table, the form's header and hints once,
    /// every activity of every municipality in order, and the department's signature once.
    @Test func krasnodarConsolidatedDocxIsOneTableOfEveryMunicipality() throws {
        let directory = try TemporaryDirectory()
        let db = try Self.database(in: directory)
        let file = directory.path("krasnodar.docx")
        let run = try KartaProcess.run(["rollup", "krasnodar", "--format", "docx", "--output", file, "--as-of", "2021-08-31", "--db", db])
        #expect(run.status == 0, "\(run.output)")
        let document = try OfficeDocument.read([UInt8](try Data(contentsOf: URL(fileURLWithPath: file))))
        #expect(document.tables.count == 1)
        let table = try #require(document.tables.first)
        let store = try KartaDatabase(path: db)
        var roadmaps: [Roadmap] = []
        try store.forEachRoadmap { if $0.plugin == "krasnodar" { roadmaps.append($0) } }
        #expect(roadmaps.count >= 3)
        let activities = roadmaps.reduce(0) { $0 + $1.allActivities.count }
        // The header row and the hint row, then one row per activity.
        #expect(table.rows.count == 2 + activities, "\(table.rows.count) rows for \(activities) activities")
        let municipalities = table.rows.dropFirst(2).map { $0.cells[1].text }
        #expect(Set(municipalities) == Set(roadmaps.map(\.municipality)))
        #expect(municipalities == municipalities.sorted { $0.lowercased() < $1.lowercased() }, "grouped by municipality, in order")
        #expect(table.rows[1].cells[2].text == "перечислить муниципальные мероприятия, проводимые в рамках проекта")
        let texts = document.blocks.compactMap { if case .paragraph(let p) = $0 { p.text } else { nil } }
        #expect(texts.filter { $0.contains("Министерство образования, науки и молодежной политики Краснодарского края") }.count == 1, "\(texts)")
    }

    /// What a coordinator may get wrong, each a plain sentence and a non-zero exit.
    @Test func badInputIsRefusedInWords() throws {
        let directory = try TemporaryDirectory()
        let db = try Self.database(in: directory)
        let empty = directory.path("empty.sqlite")
        #expect(try KartaProcess.run(["init", "--db", empty]).status == 0)
        let plugins = directory.path("plugins")
        try FileManager.default.createDirectory(atPath: plugins + "/bare", withIntermediateDirectories: true)
        _ = try directory.write("plugins/bare/plugin.lua", """
            return { id = "bare", version = "1", api = 1, region = { code = 60, name = "Псковская область" },
                     roles = { { id = "mk", abbr = "МК", name = "МК", can = { "report" } } },
                     reports = { { id = "r", title = "Отчет", build = function() return { blocks = {} } end } } }
            """)
        let cases: [([String], String)] = [
            (["rollup", "nowhere", "--db", db], "no plugin 'nowhere'"),
            (["rollup", "bare", "--plugins", plugins, "--db", db], "has no region report"),
            (["rollup", "pskov", "--db", empty], "no roadmaps of Псковская область"),
            (["rollup", "pskov", "--municipality", "Атлантида", "--db", db], "no roadmap of a municipality «Атлантида»"),
            (["rollup", "pskov", "--municipality", "Остров", "--period", "2030", "--db", db], "for the period 2030"),
            (["rollup", "pskov", "--report", "execution", "--db", db], "is a report over one roadmap"),
        ]
        for (arguments, message) in cases {
            let run = try KartaProcess.run(arguments)
            #expect(run.status != 0, "\(arguments)")
            #expect(run.stderr.contains(message), "\(arguments): \(run.output)")
        }
        let near = try KartaProcess.run(["rollup", "pskov", "--municipality", "Остравь", "--db", db])
        #expect(near.stderr.contains("Did you mean «Остров»?"), "\(near.output)")
        let chosen = try KartaProcess.run(["rollup", "pskov", "--municipality", "остров", "--municipality", "ПСКОВ", "--as-of", "2021-12-31",
                                           "--format", "csv", "--db", db])
        #expect(chosen.status == 0, "\(chosen.output)")
        #expect(chosen.stdout.contains("Остров") && chosen.stdout.contains("Псков") && !chosen.stdout.contains("Опочка"), "\(chosen.stdout)")
    }

    /// The worker process and the in-process engine give the same region report.
    @Test func workerAndInProcessAgree() throws {
        let directory = try TemporaryDirectory()
        let store = try KartaDatabase(path: try Self.database(in: directory))
        let day = CalendarDate(year: 2021, month: 6, day: 1)!
        for region in Self.regions {
            var roadmaps: [Roadmap] = []
            try store.forEachRoadmap { if $0.plugin == region { roadmaps.append($0) } }
            let location = PluginLocation(id: region, directory: PackagePaths.path("plugins/\(region)"))
            var documents: [ReportDocument] = []
            for isolation in [PluginIsolation.inProcess, .process(command: [PackagePaths.kartaExecutable, "lua-worker"])] {
                let plugin = try Plugin.load(location, isolation: isolation)
                let figures = roadmaps.map {
                    RoadmapFigures(roadmap: $0, stages: plugin.manifest.stages, workflow: plugin.workflow, asOf: day,
                                   parser: plugin.scheduleParser(period: $0.period))
                }
                for format in plugin.manifest.regionReports {
                    documents.append(try plugin.renderRegion(report: format.id, roadmaps: roadmaps, figures: figures,
                                                             context: RegionReportContext(asOf: day, period: roadmaps[0].period.description)))
                }
            }
            #expect(documents.count >= 2 && documents.count % 2 == 0)
            #expect(Array(documents.prefix(documents.count / 2)) == Array(documents.suffix(documents.count / 2)), "\(region)")
        }
    }
}
