/// What `karta bench --json` prints.
struct BenchFigures: Encodable {
    var municipalities: Int
    var activitiesPerRoadmap: Int
    var cores: Int
    var coldStartMs = Spread([])
    var importSeconds = Spread([])
    var importActivitiesPerSecond = 0.0
    var plainInsertSeconds = Spread([])
    var importRatio = 0.0
    var render: [RenderFigures] = []
    /// CPU seconds of Karta's path, the clock plain Lua's side uses.
    var kartaMarkdownSeconds = Spread([])
    /// The same path in wall-clock seconds.
    var kartaMarkdownWallSeconds = Spread([])
    var kartaMarkdownPhases: [String: Double] = [:]
    /// The same path with plugins in this process (the design before workers).
    var kartaMarkdownInProcessSeconds = Spread([])
    var kartaMarkdownInProcessWallSeconds = Spread([])
    /// Workers ÷ in process, CPU seconds (the host's and the workers') and wall seconds.
    var isolationCostRatio = 0.0
    var isolationWallRatio = 0.0
    /// The same path with one state for every call (the design before fresh states).
    var kartaMarkdownSharedStateSeconds = Spread([])
    var kartaMarkdownSharedStateWallSeconds = Spread([])
    /// Fresh state per call ÷ one shared state, CPU and wall seconds.
    var freshStateCostRatio = 0.0
    var freshStateWallRatio = 0.0
    var saveSeconds = Spread([])
    var plainLuaSeconds = Spread([])
    var luaShareRatio = 0.0
    var kartaMarkdownProcessSeconds = Spread([])
    var plainLuaProcessSeconds = Spread([])
    var luaShareProcessRatio = 0.0
    var statusAllMs = Spread([])
    var serve: [ServeBench.Page] = []
    /// Word and Excel roadmaps read back (`karta import FILE.docx --plugin`).
    var officeImport: [OfficeImportFigures] = []
    /// The import and serve steps again on PostgreSQL (`--db postgres://…`), when asked for.
    var postgres: PostgresFigures?
    /// Every plugin's region reports over all its municipalities (`karta rollup`).
    var rollup: RollupFigures?
    var peakKiB: [String: Int] = [:]

    enum CodingKeys: String, CodingKey {
        case municipalities, activitiesPerRoadmap = "activities_per_roadmap", cores
        case coldStart = "cold_start", coldStartMs = "cold_start_ms", importSeconds = "import_seconds"
        case importActivitiesPerSecond = "import_activities_per_s", plainInsertSeconds = "plain_insert_seconds"
        case importRatio = "import_ratio", render, kartaMarkdownSeconds = "karta_markdown_seconds"
        case kartaMarkdownWallSeconds = "karta_markdown_wall_seconds"
        case kartaMarkdownPhases = "karta_markdown_phases_seconds", saveSeconds = "save_seconds"
        case kartaMarkdownInProcessSeconds = "karta_markdown_in_process_seconds"
        case kartaMarkdownInProcessWallSeconds = "karta_markdown_in_process_wall_seconds"
        case isolationCostRatio = "isolation_cost_ratio", isolationWallRatio = "isolation_wall_ratio"
        case kartaMarkdownSharedStateSeconds = "karta_markdown_shared_state_seconds"
        case kartaMarkdownSharedStateWallSeconds = "karta_markdown_shared_state_wall_seconds"
        case freshStateCostRatio = "fresh_state_cost_ratio", freshStateWallRatio = "fresh_state_wall_ratio"
        case plainLuaSeconds = "plain_lua_seconds", luaShareRatio = "lua_share_ratio", statusAll = "status_all"
        case kartaMarkdownProcessSeconds = "karta_markdown_process_seconds", plainLuaProcessSeconds = "plain_lua_process_seconds"
        case luaShareProcessRatio = "lua_share_process_ratio"
        case statusAllMs = "status_all_ms", serve, postgres, peakKiB = "peak_kib", officeImport = "office_import"
        case rollup
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(municipalities, forKey: .municipalities)
        try container.encode(activitiesPerRoadmap, forKey: .activitiesPerRoadmap)
        try container.encode(cores, forKey: .cores)
        try container.encodeIfPresent(rollup, forKey: .rollup)
        // The headline figures as plain numbers (medians); the spreads beside them.
        try container.encode(coldStartMs.median, forKey: .coldStartMs)
        try container.encode(coldStartMs, forKey: .coldStart)
        try container.encode(importSeconds, forKey: .importSeconds)
        try container.encode(importActivitiesPerSecond, forKey: .importActivitiesPerSecond)
        try container.encode(plainInsertSeconds, forKey: .plainInsertSeconds)
        try container.encode(importRatio, forKey: .importRatio)
        try container.encode(render, forKey: .render)
        try container.encode(kartaMarkdownSeconds, forKey: .kartaMarkdownSeconds)
        try container.encode(kartaMarkdownWallSeconds, forKey: .kartaMarkdownWallSeconds)
        try container.encode(kartaMarkdownPhases, forKey: .kartaMarkdownPhases)
        try container.encode(kartaMarkdownInProcessSeconds, forKey: .kartaMarkdownInProcessSeconds)
        try container.encode(kartaMarkdownInProcessWallSeconds, forKey: .kartaMarkdownInProcessWallSeconds)
        try container.encode(isolationCostRatio, forKey: .isolationCostRatio)
        try container.encode(isolationWallRatio, forKey: .isolationWallRatio)
        try container.encode(kartaMarkdownSharedStateSeconds, forKey: .kartaMarkdownSharedStateSeconds)
        try container.encode(kartaMarkdownSharedStateWallSeconds, forKey: .kartaMarkdownSharedStateWallSeconds)
        try container.encode(freshStateCostRatio, forKey: .freshStateCostRatio)
        try container.encode(freshStateWallRatio, forKey: .freshStateWallRatio)
        try container.encode(saveSeconds, forKey: .saveSeconds)
        try container.encode(plainLuaSeconds, forKey: .plainLuaSeconds)
        try container.encode(luaShareRatio, forKey: .luaShareRatio)
        try container.encode(kartaMarkdownProcessSeconds, forKey: .kartaMarkdownProcessSeconds)
        try container.encode(plainLuaProcessSeconds, forKey: .plainLuaProcessSeconds)
        try container.encode(luaShareProcessRatio, forKey: .luaShareProcessRatio)
        try container.encode(statusAllMs.median, forKey: .statusAllMs)
        try container.encode(statusAllMs, forKey: .statusAll)
        try container.encode(serve, forKey: .serve)
        try container.encode(officeImport, forKey: .officeImport)
        try container.encodeIfPresent(postgres, forKey: .postgres)
        try container.encode(peakKiB, forKey: .peakKiB)
    }
}

/// Reading one format of office files back: every file of the step, per run.
struct OfficeImportFigures: Encodable {
    var format: String
    var files: Int
    var activities: Int
    /// All the files' imports together, per run.
    var seconds: Spread
    var activitiesPerSecond: Double
    var peakKiB: Int

    enum CodingKeys: String, CodingKey {
        case format, files, activities, seconds, activitiesPerSecond = "activities_per_s", peakKiB = "peak_kib"
    }
}

/// The steps run on PostgreSQL as well, beside SQLite's.
struct PostgresFigures: Encodable {
    var importSeconds: Spread
    var importActivitiesPerSecond: Double
    /// PostgreSQL's import ÷ SQLite's (medians).
    var importRatio: Double
    var serve: [ServeBench.Page]

    enum CodingKeys: String, CodingKey {
        case importSeconds = "import_seconds", importActivitiesPerSecond = "import_activities_per_s"
        case importRatio = "import_ratio_to_sqlite", serve
    }
}

/// Rendering figures for one number of workers.
struct RenderFigures: Encodable {
    var jobs: Int
    var seconds: Spread
    var reports: Int
    var files: Int
    var rows: Int
    var reportsPerSecond: Double
    var filesPerSecond: Double
    var rowsPerSecond: Double

    enum CodingKeys: String, CodingKey {
        case jobs, seconds, reports, files, rows, reportsPerSecond = "reports_per_s", filesPerSecond = "files_per_s"
        case rowsPerSecond = "rows_per_s"
    }
}

/// The roll-up step: every region report of every plugin over all its roadmaps, in every format.
struct RollupFigures: Encodable {
    var seconds: Spread
    var reports: Int
    /// Region reports that failed (a plugin limit: the 8 MiB of results at this size).
    var failed: Int
    var files: Int
    var rows: Int
    var peakKiB: Int

    enum CodingKeys: String, CodingKey {
        case seconds, reports, failed, files, rows, peakKiB = "peak_kib"
    }
}
