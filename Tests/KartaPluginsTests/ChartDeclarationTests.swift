import Foundation
import KartaPlugins
import KartaReports
import KartaTesting
import Testing

/// A table block's `chart`: read into the document, and refused by path when it names a
/// column the table lacks, a value column that is not a number, or a wrong field.
@Suite struct ChartDeclarationTests {
    let chart = ValidatedTable(annotation: "karta.Chart", target: "D.blocks[5].chart", path: "blocks[5].chart", inDocument: true)

    /// The table with a second, text column to refuse as values.
    static let textColumn = "table.insert(D.blocks[5].columns, { id = \"name\", title = \"Муниципалитет\" })"

    @Test func aChartIsReadIntoTheTable() throws {
        let source = ValidatedTable.manifest + "\nfunction BUILD(roadmap)\n" + ValidatedTable.document + "\nreturn D\nend\nreturn M\n"
        let (directory, location) = try makePlugin(source)
        defer { _ = directory }
        let document = try Plugin.load(location).render(report: "r", roadmap: demoRoadmap)
        #expect(document.tables.first?.chart == ReportChart(title: "Доля", category: "n", value: "n", unit: "%", max: 100))
    }

    @Test(arguments: [
        ("t.category = \"municipality\"", "blocks[5].chart.category", "no column 'municipality' in the table (its columns: n)"),
        ("t.value = \"share\"", "blocks[5].chart.value", "no column 'share' in the table (its columns: n)"),
        ("\(textColumn)\nt.value = \"name\"", "blocks[5].chart.value",
         "column 'name' is of type text; a chart's values come from a column of type number"),
        ("t.title = nil", "blocks[5].chart.title", "missing"),
        ("t.max = 0", "blocks[5].chart.max", "must be a number above 0, found 0.0"),
        ("t.max = \"100\"", "blocks[5].chart.max", "expected a number, found string"),
        ("t.colour = \"red\"", "blocks[5].chart.colour", "unknown field (expected one of: title, category, value, unit, max)"),
    ])
    func badChartsAreRefusedAtTheirPath(change: String, path: String, message: String) throws {
        let problems = try chart.problems(after: change)
        #expect(problems.map(\.description) == ["\(path): \(message)"])
    }

    @Test func aTotalRowIsRead() throws {
        let row = ValidatedTable(annotation: "karta.Row", target: "D.blocks[5].rows[1]", path: "blocks[5].rows[1]", inDocument: true)
        #expect(try row.problems(after: "t.kind = \"total\"").isEmpty)
    }
}
