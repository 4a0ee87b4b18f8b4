import KartaLua
import KartaPlugins
import KartaTesting
import Testing

/// The `import` declaration: checked with the rest of the manifest, and the plugin's cell
/// readers held to what they may return.
@Suite struct ImportDeclarationTests {
    static func plugin(_ declaration: String) -> String {
        validPlugin.replacingOccurrences(of: "return M", with: "M.import = \(declaration)\nreturn M")
    }

    @Test func aMisspeltFieldOrAReaderThatIsNoFunctionIsRefused() throws {
        let (lines, _) = try manifestProblems(Self.plugin(#"{ columns = { ["Сроки исполнения"] = "timeing" }, read = { timing = "x" }, colums = {} }"#))
        #expect(lines.contains("import: unknown field 'colums'") || lines.contains { $0.hasPrefix("import.colums") || $0.contains("colums") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("import.columns[\"Сроки исполнения\"]: 'timeing' is not a field a cell can fill") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("import.read.timing:") }, "\(lines)")
    }

    @Test func theReportColumnsAreFoundByBuildingTheReports() throws {
        let (directory, location) = try makePlugin(validPlugin)
        defer { _ = directory }
        let plugin = try Plugin.load(location)
        #expect(plugin.reportColumns().columns.map { [$0.id, $0.title] } == [["n", "№"], ["t", "Мероприятие"]])
    }

    @Test func aReaderReturnsFieldsOrIsRefusedWithWhatItReturned() throws {
        let source = Self.plugin("""
            { read = {
              timing = function(cell) local plan, fact = cell:match("^(.-) / (.+)$"); return { timing = plan, fact = fact } end,
              title = function(cell) return cell end,
              report = function(cell) return { colour = cell } end,
              evidence = function(cell) return { evidence = { cell, "https://a.example" } } end,
              level = function(cell) while true do end end,
            } }
            """)
        let (directory, location) = try makePlugin(source)
        defer { _ = directory }
        var limits = LuaLimits.pluginDefaults
        limits.instructions = 1_000_000
        let plugin = try Plugin.load(location, limits: limits)
        #expect(try plugin.readCell(column: "timing", text: "март / 15.03.2021") == ["timing": ["март"], "fact": ["15.03.2021"]])
        #expect(try plugin.readCell(column: "evidence", text: "Приказ") == ["evidence": ["Приказ", "https://a.example"]])
        #expect(try plugin.readCell(column: "audience", text: "ОО") == ["audience": ["ОО"]])
        #expect(throws: PluginError.self) { try plugin.readCell(column: "title", text: "x") }
        do {
            _ = try plugin.readCell(column: "report", text: "x")
            Issue.record("a field no cell can fill was accepted")
        } catch {
            #expect("\(error)".contains("import.read.report: returned field 'colour', which a cell cannot fill"), "\(error)")
        }
        do {
            _ = try plugin.readCell(column: "level", text: "x")
            Issue.record("an endless reader returned")
        } catch {
            #expect("\(error)".contains("instruction"), "\(error)")
        }
    }
}
