import Foundation
@testable import KartaReports
import Testing

/// A table's bar chart: an inline SVG after the table in HTML, a native chart in XLSX whose
/// series points at the table's own cells, the table alone elsewhere.
@Suite struct ChartTests {
    static let municipalities = ["Псков", "Великие Луки", "Печорский район", "Остров"]
    static let shares = ["87,5", "60", "45,25", "12"]

    /// A region's summary: a hint row, four municipalities (sorted by share), an «Итого» row.
    static func summary(title: String = "Сводка по области", section: Bool = false, chart: ReportChart? = nil) -> ReportDocument {
        var rows = [ReportRow(kind: .hint, cells: ["", "указать", "", ""])]
        for (index, name) in municipalities.enumerated() {
            if section && index == 2 { rows.append(ReportRow(kind: .section, cells: ["Районы"])) }
            rows.append(ReportRow(cells: ["\(index + 1)", name, "\(10 - index)", shares[index]]))
        }
        rows.append(ReportRow(kind: .total, cells: ["", "Итого", "34", "51,2"]))
        rows.append(ReportRow(cells: ["5", "Новоржев", "нет данных", "—"]))
        let table = ReportTable(
            columns: [
                ReportColumn(id: "number", title: "№", width: 1),
                ReportColumn(id: "municipality", title: "Муниципалитет", width: 6),
                ReportColumn(id: "done", title: "Выполнено", width: 2, type: .number),
                ReportColumn(id: "share", title: "Доля, %", width: 2, type: .number),
            ],
            rows: rows,
            chart: chart ?? ReportChart(title: "Доля выполненных мероприятий", category: "municipality", value: "share", unit: "%", max: 100))
        return ReportDocument(title: title, blocks: [
            .heading(text: "Сводка", level: 1),
            .paragraph(ReportParagraph(text: "по состоянию на 01.12.2026")),
            .table(table),
            .signature(SignatureBlock(position: "Региональный координатор", name: "И.И. Иванов")),
        ])
    }

    @Test func barsAreTheDataRowsWithNumbersInTableOrder() {
        let bars = Self.summary().tables[0].chartBars
        #expect(bars.map(\.label) == Self.municipalities)
        #expect(bars.map(\.value) == [87.5, 60, 45.25, 12])
        #expect(bars.map(\.text) == Self.shares)
    }

    // MARK: - HTML

    /// A label is cut only when the longest would take more than the labels' room: with
    /// «Великие Луки» the longest (12 letters), every label is drawn whole.
    @Test(arguments: [["Псков", "Остров", "Великие Луки"], ["г. Азов", "г. Батайск", "г. Шахты"], ["Адмиралтейский район"]])
    func labelsThatFitAreNotCut(names: [String]) {
        let table = ReportTable(
            columns: [ReportColumn(id: "municipality", title: "Муниципалитет"), ReportColumn(id: "share", title: "Доля", type: .number)],
            rows: names.map { ReportRow(cells: [$0, "50"]) },
            chart: ReportChart(title: "Доля", category: "municipality", value: "share", unit: "%", max: 100))
        let html = HTMLRenderer().render(ReportDocument(title: "Сводка", blocks: [.table(table)]))
        for name in names { #expect(html.contains(">\(name)</text>"), "\(name)") }
        #expect(!html.contains("…</text>"))
    }

    @Test func htmlDrawsOneBarPerDataRowAfterTheTable() throws {
        let html = HTMLRenderer().render(Self.summary())
        let table = try #require(html.range(of: "</table>"))
        let svg = try #require(html.range(of: "<svg"))
        #expect(table.upperBound < svg.lowerBound)
        #expect(html.components(separatedBy: "<rect").count - 1 == Self.municipalities.count)
        #expect(html.contains("<figcaption>Доля выполненных мероприятий</figcaption>"))
        #expect(html.contains("role=\"img\""))
        #expect(html.contains("<title>Доля выполненных мероприятий</title>"))
        // The labels in table order, the values with their unit; the total and «—» are not drawn.
        let chart = String(html[svg.lowerBound...])
        let positions = Self.municipalities.map { chart.range(of: ">\($0)</text>")?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil })
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
        #expect(chart.contains(">87,5\u{00A0}%</text>"))
        #expect(chart.contains(">100\u{00A0}%</text>"))
        #expect(!chart.contains("Итого") && !chart.contains("Новоржев"))
    }

    @Test func htmlChartIsSelfContainedAndPrintable() throws {
        let html = HTMLRenderer().render(Self.summary())
        let start = try #require(html.range(of: "<svg"))
        let end = try #require(html.range(of: "</svg>"))
        let svg = String(html[start.lowerBound..<end.upperBound])
        for forbidden in ["style=", "<script", "href", "url("] {
            #expect(!svg.contains(forbidden), "\(forbidden)")
        }
        // Black, white and greys only.
        let colours = Set(svg.matches(of: /#[0-9a-fA-F]{3,6}/).map { String($0.output) })
        for colour in colours {
            let hex = colour.dropFirst()
            let parts = hex.count == 3 ? hex.map { String($0) } : stride(from: 0, to: 6, by: 2).map {
                String(hex[hex.index(hex.startIndex, offsetBy: $0)..<hex.index(hex.startIndex, offsetBy: $0 + 2)])
            }
            #expect(Set(parts).count == 1, "\(colour) is not a grey")
        }
    }

    @Test func aPageWithoutChartsKeepsItsStyle() {
        var document = Self.summary()
        guard case .table(var table) = document.blocks[2] else { return }
        table.chart = nil
        table.rows.removeAll { $0.kind == .total }
        document.blocks[2] = .table(table)
        let html = HTMLRenderer().render(document)
        #expect(!html.contains("<svg") && !html.contains(".chart") && !html.contains("tr.total"))
    }

    // MARK: - XLSX

    /// The chart part, the drawing that holds it and the sheet that holds the drawing.
    struct ExcelChart {
        var xml: String
        var categories: String
        var values: String
    }

    static func excelChart(_ xlsx: [UInt8]) throws -> ExcelChart {
        let parts = try OfficeContent.unzip(xlsx)
        func text(_ path: String) throws -> String { String(decoding: try #require(parts[path], "no \(path)"), as: UTF8.self) }
        let chart = try text("xl/charts/chart1.xml")
        // The sheet relates to a drawing, the drawing to the chart.
        #expect(try text("xl/worksheets/sheet1.xml").contains("<drawing r:id="))
        #expect(try text("xl/worksheets/_rels/sheet1.xml.rels").contains("../drawings/drawing1.xml"))
        #expect(try text("xl/drawings/_rels/drawing1.xml.rels").contains("../charts/chart1.xml"))
        #expect(try text("[Content_Types].xml").contains("/xl/charts/chart1.xml"))
        func formula(_ element: String) throws -> String {
            let part = try #require(chart.firstRange(of: "<c:\(element)>"))
            let rest = chart[part.upperBound...]
            let start = try #require(rest.firstRange(of: "<c:f>"))
            let end = try #require(rest.firstRange(of: "</c:f>"))
            return String(rest[start.upperBound..<end.lowerBound])
        }
        return ExcelChart(xml: chart, categories: try formula("cat"), values: try formula("val"))
    }

    /// Where the renderer put a municipality's row, found from the sheet's cells: its
    /// 1-based row number.
    static func sheetRow(of name: String, in lines: [String]) -> Int? {
        lines.first { $0.hasPrefix("row ") && $0.contains(": ") && $0.split(separator: "|").contains { $0.trimmingCharacters(in: .whitespaces).hasSuffix("=\(name)") } }
            .flatMap { Int($0.dropFirst(4).prefix { $0.isNumber }) }
    }

    @Test func xlsxHasANativeChartOverTheTablesCells() throws {
        let xlsx = try XlsxRenderer().render(Self.summary())
        let lines = try OfficeContent.xlsx(xlsx)
        let rows = try Self.municipalities.map { try #require(Self.sheetRow(of: $0, in: lines), "\($0) is not in the sheet") }
        // Contiguous in the sheet: one range each.
        #expect(rows == Array(rows[0]...rows[0] + 3))
        // The municipality is column B, the share column D, in every one of those rows.
        for (row, share) in zip(rows, Self.shares) {
            let line = try #require(lines.first { $0.hasPrefix("row \(row): ") })
            #expect(line.contains("D\(row)#\(share.replacingOccurrences(of: ",", with: "."))"), "\(line)")
        }
        let chart = try Self.excelChart(xlsx)
        #expect(chart.categories == "'Сводка по области'!$B$\(rows[0]):$B$\(rows[3])")
        #expect(chart.values == "'Сводка по области'!$D$\(rows[0]):$D$\(rows[3])")
        // What a golden compares lists the chart, so one that goes missing or moves is noticed.
        #expect(lines.contains("chart chart1.xml: Доля выполненных мероприятий"), "\(lines.suffix(3))")
        #expect(lines.contains("  series: categories \(chart.categories), values \(chart.values)"), "\(lines.suffix(3))")
        #expect(chart.xml.contains("<c:barDir val=\"bar\"/>"))
        #expect(chart.xml.contains("Доля выполненных мероприятий"))
        #expect(chart.xml.contains("<c:max val=\"100\"/>"))
        #expect(chart.xml.contains("<c:dLbls>"))
        #expect(!chart.xml.contains("<c:legend>"))
        // Grey bars with a black outline: no colour carries meaning.
        #expect(chart.xml.contains("<a:srgbClr val=\"BFBFBF\"/>"))
        #expect(chart.xml.contains("<a:ln w=\"9525\"><a:solidFill><a:srgbClr val=\"000000\"/>"))
        // The first municipality's bar at the top, the value axis still at the bottom.
        #expect(chart.xml.contains("<c:orientation val=\"maxMin\"/>"))
        #expect(chart.xml.contains("<c:crosses val=\"max\"/>"))
    }

    @Test func rowsApartMakeOneSeriesOfSeveralAreas() throws {
        let xlsx = try XlsxRenderer().render(Self.summary(title: "Итоги", section: true))
        let lines = try OfficeContent.xlsx(xlsx)
        let rows = try Self.municipalities.map { try #require(Self.sheetRow(of: $0, in: lines)) }
        #expect(rows[2] == rows[1] + 2)  // the section row between
        let chart = try Self.excelChart(xlsx)
        #expect(chart.categories == "('Итоги'!$B$\(rows[0]):$B$\(rows[1]),'Итоги'!$B$\(rows[2]):$B$\(rows[3]))")
        #expect(chart.values == "('Итоги'!$D$\(rows[0]):$D$\(rows[1]),'Итоги'!$D$\(rows[2]):$D$\(rows[3]))")
    }

    @Test func anApostropheInTheSheetNameIsDoubled() throws {
        let xlsx = try XlsxRenderer().render(Self.summary(title: "Сводка д'Артаньяна", section: true))
        let chart = try Self.excelChart(xlsx)
        #expect(chart.categories.hasPrefix("('Сводка д''Артаньяна'!$B$"))
    }

    @Test func whatFollowsTheTableStartsBelowTheChart() throws {
        let xlsx = try XlsxRenderer().render(Self.summary())
        let lines = try OfficeContent.xlsx(xlsx)
        let parts = try OfficeContent.unzip(xlsx)
        let drawing = String(decoding: try #require(parts["xl/drawings/drawing1.xml"]), as: UTF8.self)
        // The anchor's last row (0-based) is above the signature's row.
        let to = try #require(drawing.firstRange(of: "<xdr:to>"))
        let rowTag = try #require(drawing[to.upperBound...].firstRange(of: "<xdr:row>"))
        let chartEnd = try #require(Int(drawing[rowTag.upperBound...].prefix { $0.isNumber }))
        let signature = try #require(Self.sheetRow(of: "Региональный координатор", in: lines))
        #expect(chartEnd + 1 < signature)
    }

    @Test func docxMarkdownAndCsvPrintTheTableAlone() throws {
        let document = Self.summary()
        var plain = document
        guard case .table(var table) = plain.blocks[2] else { return }
        table.chart = nil
        plain.blocks[2] = .table(table)
        #expect(MarkdownRenderer().render(document) == MarkdownRenderer().render(plain))
        #expect(CSVRenderer().render(document) == CSVRenderer().render(plain))
        #expect(try OfficeContent.docx(DocxRenderer().render(document)) == OfficeContent.docx(DocxRenderer().render(plain)))
    }

    @Test func jsonCarriesTheChart() throws {
        let document = Self.summary()
        let data = try JSONEncoder().encode(document)
        #expect(String(decoding: data, as: UTF8.self).contains("\"chart\":{"))
        #expect(try JSONDecoder().decode(ReportDocument.self, from: data) == document)
    }

    @Test func aTotalRowIsBold() throws {
        let html = HTMLRenderer().render(Self.summary())
        #expect(html.contains("<tr class=\"total\">"))
        #expect(html.contains("tr.total td { font-weight: bold; }"))
        #expect(MarkdownRenderer().render(Self.summary()).contains("| **Итого** | **34** |"))
    }

    @Test func axisWithoutMaximumEndsAtARoundNumber() {
        let chart = ReportChart(title: "т", category: "a", value: "b")
        func bars(_ values: [Double]) -> [ReportChart.Bar] { values.map { ReportChart.Bar(label: "", value: $0, text: "", row: 0) } }
        #expect(chart.axisMaximum(bars([87.5, 12])) == 100)
        #expect(chart.axisMaximum(bars([7])) == 10)
        #expect(chart.axisMaximum(bars([1.7])) == 2)
        #expect(chart.axisMaximum(bars([230])) == 250)
        #expect(chart.axisMaximum(bars([])) == 1)
    }
}
