import Foundation
import KartaCore
import KartaHost
import KartaPlugins
import KartaStore

/// The benchmark's yardstick: each plugin's first report run by a plain `lua5.4` over the
/// same roadmaps, to tell Karta's share of the time from Lua's.
extension Bench {
    /// Writes what plain lua5.4 needs to run each plugin's first report over its roadmaps:
    /// one argument list for the driver per plugin.
    func plainLuaJobs(db: String, root: String) throws -> [[String]] {
        guard FileManager.default.isExecutableFile(atPath: lua) else {
            throw CLIError("bench: no Lua interpreter at \(lua) (install Debian's lua5.4, or give --lua PATH)")
        }
        let database = try KartaDatabase(path: db)
        var byPlugin: [String: [Roadmap]] = [:]
        try database.forEachRoadmap { byPlugin[$0.plugin, default: []].append($0) }
        let prelude = root + "/prelude.lua"
        try writeFile(Array(Plugin.preludeSource.utf8), to: prelude)
        let driver = root + "/driver.lua"
        try writeFile(Array(Self.driver.utf8), to: driver)
        var workspace = try plugins.workspace()
        var jobs: [[String]] = []
        for (plugin, roadmaps) in byPlugin.sorted(by: { $0.key < $1.key }) {
            let data = "\(root)/\(plugin).data.lua"
            try writeFile(Array(("return {\n" + roadmaps.map { try Plugin.luaSource(of: $0) + ",\n" }.joined() + "}\n").utf8), to: data)
            let loaded = try workspace.plugin(plugin)
            jobs.append([driver, prelude, loaded.location.directory, data, loaded.manifest.reports.first?.id ?? ""])
        }
        return jobs
    }

    /// One run of every plain-Lua job: the report calls' CPU seconds (`os.clock`), the
    /// processes' wall seconds, their peak memory.
    func plainLuaRun(_ jobs: [[String]], root: String) throws -> (seconds: Double, processSeconds: Double, peakKiB: Int) {
        var total = 0.0
        var processTotal = 0.0
        var peak = 0
        for job in jobs {
            let result = try spawn(lua, job, errorFile: root + "/errors.log")
            guard result.status == 0, let seconds = Double(result.output.trimmingCharacters(in: .whitespacesAndNewlines)) else {
                throw CLIError("bench: plain Lua run failed (exit \(result.status)): \(job.joined(separator: " "))")
            }
            total += seconds
            processTotal += result.seconds
            peak = max(peak, result.peakKiB)
        }
        return (total, processTotal, peak)
    }

    /// Loads the prelude and a plugin in plain Lua and times its report over the data
    /// (`os.clock`, the build calls only).
    static let driver = #"""
        local prelude_path, plugin_dir, data_path, report_id = ...
        local karta = { api_version = 1, version = "bench", plugin_id = "bench", log = function() end }
        local function load_module(name)
          return assert(loadfile(plugin_dir .. "/" .. (name:gsub("%.", "/")) .. ".lua", "t"))
        end
        assert(loadfile(prelude_path, "t"))(karta, load_module)
        local plugin = assert(loadfile(plugin_dir .. "/plugin.lua", "t"))()
        local build = plugin.reports[1].build
        for _, format in ipairs(plugin.reports) do
          -- A region report may share the id (Krasnodar's consolidated execution): not it.
          if format.id == report_id and format.scope ~= "region" then build = format.build end
        end
        local data = assert(loadfile(data_path, "t"))()
        local started = os.clock()
        for _, roadmap in ipairs(data) do build(roadmap) end
        io.write(string.format("%.6f\n", os.clock() - started))
        """#
}
