import KartaCore
import KartaLua
import KartaPlugins
import KartaReports
import KartaStore
import KartaTesting
import Foundation
import Testing

let validPlugin = """
    local M = { id = "demo", version = "1.0.0", api = 1, region = { code = 60, name = "Псковская область" } }
    M.roles = {
      { id = "mk", abbr = "МК", name = "Муниципальный координатор", can = { "report" } },
      { id = "uo", abbr = "УО", name = "Управление образования" },
    }
    M.stages = { { id = "1", number = "1.", title = "Организационные" } }
    M.reports = { { id = "r", title = "Отчет", build = function(roadmap)
      return { blocks = { { kind = "table", columns = { { id = "n", title = "№" }, { id = "t", title = "Мероприятие" } },
        rows = karta.report.rows(roadmap, M.stages, function(a) return { a.number, a.title } end) } } }
    end } }
    return M
    """

func makePlugin(_ source: String, extra: [String: String] = [:]) throws -> (TemporaryDirectory, PluginLocation) {
    let directory = try TemporaryDirectory()
    try directory.write("demo/plugin.lua", source)
    for (name, text) in extra { try directory.write("demo/\(name)", text) }
    return (directory, PluginLocation(id: "demo", directory: directory.path("demo")))
}

/// Loads a plugin that must fail on its declarations: the problems as lines, and the error's text.
func manifestProblems(_ source: String) throws -> (lines: [String], error: String) {
    let (directory, location) = try makePlugin(source)
    defer { _ = directory }
    do {
        _ = try Plugin.load(location)
    } catch {
        guard case .manifest(let problems) = error.kind else { return ([], "wrong kind \(error.kind)") }
        return (problems.map(\.description), error.description)
    }
    Issue.record("expected the plugin to fail to load")
    return ([], "")
}

let demoRoadmap = Roadmap(
    id: "demo-2021", plugin: "demo", regionCode: 60, municipality: "Псков", period: .year(2021), title: "T",
    activities: [Activity(key: "1.1", number: "1.1", stage: "1", title: "Первое")])

@Suite struct ManifestTests {
    @Test func validPluginLoadsAndRenders() throws {
        let (directory, location) = try makePlugin(validPlugin)
        let plugin = try Plugin.load(location)
        #expect(plugin.manifest.roles.map(\.abbreviation) == ["МК", "УО"])
        let document = try plugin.render(report: "r", roadmap: demoRoadmap)
        #expect(document.tables.first?.rows.map(\.cells) == [["1. Организационные"], ["1.1", "Первое"]])
        #expect(document.tables.first?.rows.first?.kind == .section)
        _ = directory
    }

    @Test func badManifestNamesEveryFieldPath() throws {
        let broken = validPlugin
            .replacingOccurrences(of: #"{ id = "uo", abbr = "УО", name = "Управление образования" }"#,
                                  with: #"{ id = "uo", name = "Управление образования" }, { id = "mk", abbr = "X", name = "Y", can = { "fly" } }"#)
            .replacingOccurrences(of: "api = 1", with: "api = 2, colour = 'red'")
        let (lines, error) = try manifestProblems(broken)
        #expect(lines.contains("roles[2].abbr: missing"))
        #expect(lines.contains { $0.hasPrefix("roles[3].id: duplicate role id 'mk'") })
        #expect(lines.contains { $0.hasPrefix("roles[3].can[1]: expected one of") })
        #expect(lines.contains { $0.hasPrefix("api: plugin needs host API version 2") })
        #expect(lines.contains { $0.hasPrefix("colour: unknown field") })
        #expect(error.contains("demo/plugin.lua"))
    }

    /// Loads a plugin from source, renders its report and returns the error it must fail with.
    func renderError(_ source: String) throws -> PluginError {
        let (directory, location) = try makePlugin(source)
        defer { _ = directory }
        let plugin = try Plugin.load(location)
        do {
            _ = try plugin.render(report: "r", roadmap: demoRoadmap)
        } catch {
            return error
        }
        throw PluginError(plugin: "demo", kind: .usage, message: "expected the report to fail, but it rendered")
    }

    @Test func luaErrorInReportNamesFileAndLine() throws {
        let error = try renderError(validPlugin.replacingOccurrences(
            of: "return { blocks", with: "local broken = nil\n      local x = broken.field\n      return { blocks"))
        #expect(error.file?.hasSuffix("demo/plugin.lua") == true)
        #expect(error.line == 9)
        #expect(error.description.contains("plugin 'demo'"))
        #expect(error.description.contains("plugin.lua:9: attempt to index a nil value"))
    }

    @Test func invalidDocumentIsRefusedWithPaths() throws {
        let error = try renderError(validPlugin.replacingOccurrences(
            of: "function(a) return { a.number, a.title } end", with: "function(a) return { a.number, a.title, 'extra' } end"))
        guard case .output(let problems) = error.kind else { Issue.record("wrong kind \(error.kind)"); return }
        #expect(problems.count == 1)
        #expect(problems.first?.path == "blocks[1].rows[2].cells")
        #expect(problems.first?.message.hasPrefix("3 cells for 2 columns: a row has one cell per column (1 «") == true, "\(problems)")
        #expect(problems.first?.message.hasSuffix("the cells past the last column: «extra»") == true, "\(problems)")
    }

    /// Cells read back by position: holes print empty, numbers as Lua writes them, anything
    /// else is refused at its path.
    @Test func cellsWithHolesNumbersAndWrongValues() throws {
        let (directory, location) = try makePlugin(validPlugin.replacingOccurrences(
            of: "function(a) return { a.number, a.title } end", with: "function(a) return { [2] = 7 } end"))
        defer { _ = directory }
        let document = try Plugin.load(location).render(report: "r", roadmap: demoRoadmap)
        #expect(document.tables.first?.flattenedRows.last?.row.cells == ["", "7"])
        let error = try renderError(validPlugin.replacingOccurrences(
            of: "function(a) return { a.number, a.title } end", with: "function(a) return { a.number, {} } end"))
        guard case .output(let problems) = error.kind else { Issue.record("wrong kind \(error.kind)"); return }
        #expect(problems.map(\.description) == ["blocks[1].rows[2].cells[2]: expected a string, found table"])
    }

    @Test func hostHelpersSplitBlocksAndJoinAcrossHoles() throws {
        let source = validPlugin.replacingOccurrences(
            of: "return { blocks = {",
            with: """
            local blocks = karta.report.block(roadmap, "preface", { align = "justify" })
            blocks[#blocks + 1] = karta.report.paragraph(karta.text.join({ nil, "b", "", "d" }, "+"))
            karta.report.append(blocks, karta.report.block(roadmap, "absent"))
            return { blocks = karta.report.append(blocks, {
            """)
            .replacingOccurrences(of: "function(a) return { a.number, a.title } end) } } }", with: "function(a) return { a.number, a.title } end) } }) }")
        let (directory, location) = try makePlugin(source)
        defer { _ = directory }
        var roadmap = demoRoadmap
        roadmap.blocks["preface"] = "Первый абзац\nвторая строка\n\n\nВторой абзац"
        let document = try Plugin.load(location).render(report: "r", roadmap: roadmap)
        #expect(Array(document.blocks.prefix(3)) == [
            .paragraph(ReportParagraph(text: "Первый абзац\nвторая строка", alignment: .justify)),
            .paragraph(ReportParagraph(text: "Второй абзац", alignment: .justify)),
            .paragraph(ReportParagraph(text: "b+d")),
        ])
        #expect(document.tables.count == 1)
    }

    @Test func requireStaysInsideThePluginFolder() throws {
        let source = "local helper = require('lib.helper')\n" + validPlugin.replacingOccurrences(of: "version = \"1.0.0\"", with: "version = helper.version")
        let (directory, location) = try makePlugin(source, extra: ["lib/helper.lua": "return { version = '2.0' }"])
        #expect(try Plugin.load(location).manifest.version == "2.0")
        for name in ["..plugin", "../x", "/etc/passwd"] {
            let escaping = "local x = require('\(name)')\n" + validPlugin
            let (other, otherLocation) = try makePlugin(escaping)
            #expect(throws: PluginError.self) { try Plugin.load(otherLocation) }
            _ = other
        }
        _ = directory
    }
}

@Suite struct PskovPluginTests {
    @Test func executionReportReproducesTheDocument() throws {
        let text = try String(contentsOfFile: PackagePaths.path("regions/pskov/roadmap-2021.yaml"), encoding: .utf8)
        let roadmap = try RoadmapFile.decode(text, file: "regions/pskov/roadmap-2021.yaml")
        let plugin = try Plugin.load(PluginLocation(id: "pskov", directory: PackagePaths.path("plugins/pskov")))
        #expect(try plugin.problems(in: roadmap).isEmpty)
        let document = try plugin.render(report: "execution", roadmap: roadmap)
        let table = try #require(document.tables.first)
        #expect(table.columns.map(\.title) == [
            "№",
            "Мероприятия, запланирован-ные в муниципальной дорожной карте",
            "Краткое описание мероприятия\n(цель, результат, место проведения, формат, показатели)",
            "Дата проведения\n(план/факт",
            "Ответственные",
            "Целевая аудито-рия",
            "Ссылка на размещение документов, подтверждающих проведение мероприятия",
        ])
        #expect(table.rows.map { $0.cells[0] } == (1...18).map(String.init))
        #expect(table.rows[11].children.count == 9)
        #expect(document.orientation == .landscape)
        guard case .signature(let signature) = document.blocks.last else { Issue.record("no signature"); return }
        #expect(signature.label == "Согласовано:")
        #expect(signature.name == "Г.А. Козеряцкая")
        // The golden file `karta plugin test` compares with is exactly this rendering.
        let golden = try String(contentsOfFile: PackagePaths.path("regions/pskov/expected/pskov-2021.execution.md"), encoding: .utf8)
        #expect(MarkdownRenderer().render(document) == golden)
    }

    /// A region report may return more than a report over one roadmap, in step with the
    /// region's size, and never more than a worker's answer carries.
    @Test func aRegionReportsOutputCapGrowsWithTheRegion() {
        #expect(Plugin.regionOutputBytes(roadmaps: 0) == 8 << 20)
        #expect(Plugin.regionOutputBytes(roadmaps: 60) == 8 << 20)
        #expect(Plugin.regionOutputBytes(roadmaps: 500) == 500 * (32 << 10))
        #expect(Plugin.regionOutputBytes(roadmaps: 100_000) == 48 << 20)
    }
}
