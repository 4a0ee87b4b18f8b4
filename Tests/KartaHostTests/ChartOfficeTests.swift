import Foundation
import KartaReports
import KartaTesting
import Testing

/// When LibreOffice is installed, it opens an XLSX whose table carries a chart, with its bars
/// over one range or over several (a section row between), and prints it to PDF.
@Suite struct ChartOfficeTests {
    static func summary(section: Bool) -> ReportDocument {
        var rows: [ReportRow] = []
        for (index, (name, share)) in [("Псков", "87,5"), ("Великие Луки", "60"), ("Остров", "12")].enumerated() {
            if section && index == 2 { rows.append(ReportRow(kind: .section, cells: ["Районы"])) }
            rows.append(ReportRow(cells: [name, share]))
        }
        rows.append(ReportRow(kind: .total, cells: ["Итого", "53,2"]))
        let table = ReportTable(
            columns: [ReportColumn(id: "municipality", title: "Муниципалитет", width: 6),
                      ReportColumn(id: "share", title: "Доля, %", width: 2, type: .number)],
            rows: rows,
            chart: ReportChart(title: "Доля выполненных мероприятий", category: "municipality", value: "share", unit: "%", max: 100))
        return ReportDocument(title: "Сводка", blocks: [.heading(text: "Сводка", level: 1), .table(table)])
    }

    @Test(arguments: [false, true])
    func libreOfficePrintsAChartedWorkbook(section: Bool) throws {
        guard LibreOffice.path != nil else { return }
        let directory = try TemporaryDirectory(prefix: "karta-chart")
        let xlsx = directory.path("summary.xlsx")
        try Data(XlsxRenderer().render(Self.summary(section: section))).write(to: URL(fileURLWithPath: xlsx))
        let pdf = try LibreOffice.convert(xlsx, to: "pdf", in: directory.path)
        #expect(try Data(contentsOf: URL(fileURLWithPath: pdf)).prefix(5) == Data("%PDF-".utf8))
    }
}
