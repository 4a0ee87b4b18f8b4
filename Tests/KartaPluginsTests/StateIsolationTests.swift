import KartaCore
import KartaLua
import KartaPlugins
import KartaTesting
import Foundation
import Testing

/// A way for a plugin to carry data from one call into the next: `remember` runs in the
/// report's `build` and returns the title, which must name only the roadmap being built.
struct LeakCase: Sendable, CustomTestStringConvertible {
    let name: String
    /// Lua at the top of plugin.lua.
    var atLoad = ""
    /// Lua in `build`: sets `title` from what it remembers plus `roadmap.municipality`.
    let remember: String

    var testDescription: String { name }
}

let leakCases: [LeakCase] = [
    LeakCase(name: "a global", remember: "seen = (seen or '') .. roadmap.municipality; title = seen"),
    LeakCase(name: "an upvalue", atLoad: "local seen = {}",
             remember: "seen[#seen + 1] = roadmap.municipality; title = table.concat(seen, ',')"),
    LeakCase(name: "a module's table", atLoad: "local helper = require('helper')",
             remember: "helper.seen[#helper.seen + 1] = roadmap.municipality; title = table.concat(helper.seen, ',')"),
    LeakCase(name: "a module required in the call", remember: """
        local h = require('helper') h.seen[#h.seen + 1] = roadmap.municipality; title = table.concat(h.seen, ',')
        """),
    LeakCase(name: "the metatable of _G", remember: """
        if not getmetatable(_G) then setmetatable(_G, { __index = { first = roadmap.municipality } }) end
        title = (first ~= roadmap.municipality and first .. ',' or '') .. roadmap.municipality
        """),
    LeakCase(name: "the declarations table", remember: """
        M.reports[1].seen = (M.reports[1].seen or '') .. roadmap.municipality; title = M.reports[1].seen
        """),
    LeakCase(name: "the string library", remember: """
        string.seen = (string.seen or '') .. roadmap.municipality; title = string.seen
        """),
    LeakCase(name: "the karta helpers' upvalues through a closure kept in a global", remember: """
        keep = keep or function(x) local old = last; last = x; return old end
        local old = keep(roadmap.municipality); title = (old and old .. ',' or '') .. roadmap.municipality
        """),
]

@Suite struct StateIsolationTests {
    static let engines: [PluginIsolation] = [.inProcess, .process(command: [PackagePaths.kartaExecutable, "lua-worker"])]

    func roadmap(_ id: String, _ municipality: String) -> Roadmap {
        Roadmap(id: id, plugin: "demo", regionCode: 60, municipality: municipality, period: .year(2021), title: "T",
                activities: [Activity(key: "1", number: "1", stage: nil, title: "Первое")])
    }

    @Test(arguments: leakCases, [0, 1])
    func nothingOfOneRoadmapReachesTheNext(_ leak: LeakCase, engine: Int) throws {
        let (directory, location) = try makePlugin("""
            local M = { id = "demo", version = "1", api = 1, region = { code = 60, name = "Псковская область" } }
            M.roles = { { id = "mk", abbr = "МК", name = "МК", can = { "report" } } }
            \(leak.atLoad)
            M.reports = { { id = "r", title = "R", build = function(roadmap)
              local title
              \(leak.remember)
              return { title = title, blocks = {} }
            end } }
            return M
            """, extra: ["helper.lua": "return { seen = {} }"])
        defer { _ = directory }
        let plugin = try Plugin.load(location, isolation: Self.engines[engine])
        // Each call sees only its own roadmap, as the first call did, however many come before.
        for (id, municipality) in [("a", "Псков"), ("b", "Остров"), ("c", "Опочка"), ("b", "Остров")] {
            let document = try plugin.render(report: "r", roadmap: roadmap(id, municipality))
            #expect(document.title == municipality, "\(leak.name): \(document.title)")
        }
    }

    /// The design before, kept for the benchmark's comparison, does leak: the test above
    /// would fail without fresh states.
    @Test func aSharedStateLeaks() throws {
        let (directory, location) = try makePlugin("""
            local M = { id = "demo", version = "1", api = 1, region = { code = 60, name = "Псковская область" } }
            M.roles = { { id = "mk", abbr = "МК", name = "МК", can = { "report" } } }
            M.reports = { { id = "r", title = "R", build = function(roadmap)
              seen = (seen or '') .. roadmap.municipality
              return { title = seen, blocks = {} }
            end } }
            return M
            """)
        defer { _ = directory }
        let plugin = try Plugin.load(location, states: .shared)
        _ = try plugin.render(report: "r", roadmap: roadmap("a", "Псков"))
        #expect(try plugin.render(report: "r", roadmap: roadmap("b", "Остров")).title == "ПсковОстров")
    }

    /// What plugin.lua logs while loading is logged once, not again for each call's state.
    @Test(arguments: [0, 1])
    func loadTimeLogIsNotRepeated(engine: Int) throws {
        let (directory, location) = try makePlugin("""
            karta.log("загружен")
            local M = { id = "demo", version = "1", api = 1, region = { code = 60, name = "Псковская область" } }
            M.roles = { { id = "mk", abbr = "МК", name = "МК", can = { "report" } } }
            M.reports = { { id = "r", title = "R", build = function(roadmap)
              karta.log("отчет " .. roadmap.id)
              return { blocks = {} }
            end } }
            return M
            """)
        defer { _ = directory }
        let plugin = try Plugin.load(location, isolation: Self.engines[engine])
        for id in ["a", "b", "c"] { _ = try plugin.render(report: "r", roadmap: roadmap(id, "Псков")) }
        #expect(plugin.log == ["загружен", "отчет a", "отчет b", "отчет c"])
    }

    /// Every state runs plugin.lua from scratch, so a module's counter starts again.
    @Test(arguments: [0, 1])
    func everyStateLoadsTheSameDeclarations(engine: Int) throws {
        let (directory, location) = try makePlugin("""
            local M = { id = "demo", version = "1", api = 1, region = { code = 60, name = "Псковская область" } }
            M.roles = { { id = "mk", abbr = "МК", name = "МК", can = { "report" } } }
            M.reports = { { id = "r", title = "R", build = function(roadmap) return { blocks = {} } end } }
            if require("counter").bump() > 1 then M.reports[1].title = "другой" end
            return M
            """, extra: ["counter.lua": "local n = 0 return { bump = function() n = n + 1 return n end }"])
        defer { _ = directory }
        let plugin = try Plugin.load(location, isolation: Self.engines[engine])
        for id in ["a", "b", "c"] { #expect(try plugin.render(report: "r", roadmap: roadmap(id, "Псков")).title == "R") }
    }

    /// A plugin.lua whose declarations change from one load to the next (here through
    /// Lua's randomly seeded `math.random`) is refused, never called at the wrong function.
    @Test(arguments: [0, 1])
    func declarationsThatChangeAreRefused(engine: Int) throws {
        let (directory, location) = try makePlugin("""
            local M = { id = "demo", version = "1", api = 1, region = { code = 60, name = "Псковская область" } }
            M.roles = { { id = "mk", abbr = "МК", name = "МК", can = { "report" } } }
            M.reports = { { id = "r", title = "R" .. math.random(1, 1000000000), build = function(roadmap) return { blocks = {} } end } }
            return M
            """)
        defer { _ = directory }
        let plugin = try Plugin.load(location, isolation: Self.engines[engine])
        _ = try plugin.render(report: "r", roadmap: roadmap("a", "Псков"))
        #expect(throws: PluginError.self) { try plugin.render(report: "r", roadmap: roadmap("b", "Остров")) }
        do {
            _ = try plugin.render(report: "r", roadmap: roadmap("b", "Остров"))
        } catch {
            #expect(error.message.contains("returned other declarations"), "\(error)")
        }
    }
}
