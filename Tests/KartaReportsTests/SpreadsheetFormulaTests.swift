import Foundation
@testable import KartaReports
import Testing

/// Text that a spreadsheet would run as a formula stays text: neutralised in the `excel-ru`
/// CSV profile, written as a string in every XLSX cell, and untouched in the `standard` profile.
@Suite struct SpreadsheetFormulaTests {
    static let formulas = [
        "=1+2", "+7 (8112) 29-00-00", "-проведено", "@SUM(A1)", "\t=1+2", "\r=1+2",
        "=HYPERLINK(\"http://example.com/?x=\"&A1;\"нажмите\")", "  =1+2", "\u{A0}-1+2", "\n@x", "＝1+2",
        "=cmd|' /C calc'!A0",
    ]

    static func document(_ text: String) -> ReportDocument {
        ReportDocument(title: text, blocks: [
            .heading(text: text, level: 1),
            .paragraph(ReportParagraph(text: text)),
            .table(ReportTable(
                columns: [ReportColumn(id: "t", title: text), ReportColumn(id: "n", title: "№", type: .number),
                          ReportColumn(id: "e", title: "Подтверждение")],
                rows: [ReportRow(cells: [text, text, "Приказ " + text]), ReportRow(cells: ["1", "-3,5", text]),
                       ReportRow(kind: .section, cells: [text])])),
            .signature(SignatureBlock(position: text, name: text)),
        ])
    }

    /// Fields of one CSV line (RFC 4180, the profile's separator).
    static func fields(_ csv: String, separator: Character) -> [[String]] {
        var rows: [[String]] = [[]]
        var field = ""
        var quoted = false
        var index = csv.startIndex
        while index < csv.endIndex {
            let character = csv[index]
            index = csv.index(after: index)
            if quoted {
                if character == "\"" {
                    if index < csv.endIndex, csv[index] == "\"" { field.append("\""); index = csv.index(after: index) } else { quoted = false }
                } else {
                    field.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == separator {
                rows[rows.count - 1].append(field)
                field = ""
            } else if character == "\r\n" || character == "\n" {
                rows[rows.count - 1].append(field)
                field = ""
                rows.append([])
            } else {
                field.append(character)
            }
        }
        return rows.filter { !$0.isEmpty }
    }

    @Test(arguments: formulas)
    func excelProfileNeutralisesFormulas(_ text: String) throws {
        let bytes = CSVRenderer(profile: .excelRu).render(Self.document(text))
        let csv = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        let rows = Self.fields(csv, separator: ";")
        #expect(rows.count == 4)
        // Column title, cell, section row, evidence cell: each the text behind a `'`, in quotes.
        #expect(rows[0][0] == "'" + text)
        #expect(rows[1][0] == "'" + text)
        #expect(rows[1][1] == "'" + text)
        #expect(rows[1][2] == "Приказ " + text)
        #expect(rows[2][1] == "-3,5", "a plain number stays a number")
        #expect(rows[2][2] == "'" + text)
        #expect(rows[3][0] == "'" + text)
        #expect(csv.contains("\"'" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""))
        for row in rows {
            for field in row {
                #expect(!CSVRenderer.startsLikeFormula(field) || field.hasPrefix("'"), "\(field)")
            }
        }
    }

    @Test(arguments: formulas)
    func standardProfileKeepsTheText(_ text: String) throws {
        let bytes = CSVRenderer(profile: .standard).render(Self.document(text))
        let rows = Self.fields(String(decoding: bytes.dropFirst(3), as: UTF8.self), separator: ",")
        #expect(rows[0][0] == text)
        #expect(rows[1][0] == text)
        #expect(rows[2][2] == text)
    }

    @Test(arguments: ["- проведено", "Проведено", "12", "-3", "+7", "-0,25", "14.05.2021", "", "'уже с кавычкой", "a=b", "e-mail@x.ru"])
    func ordinaryTextIsLeftAlone(_ text: String) {
        let leading = text.first.map { "=+-@".contains($0) } ?? false
        let number = CSVRenderer.isPlainNumber(text)
        #expect(CSVRenderer.startsLikeFormula(text) == (leading && !number))
    }

    /// Every cell that holds text is a string (shared string), and the sheet has no formula.
    @Test(arguments: formulas)
    func xlsxCellsAreStringsNeverFormulas(_ text: String) throws {
        let bytes = try XlsxRenderer().render(Self.document(text))
        let parts = try OfficeContent.unzip(bytes)
        let sheetXML = try #require(parts["xl/worksheets/sheet1.xml"])
        let sheet = try XMLNode.parse(sheetXML, part: "sheet1.xml")
        #expect(sheet.descendants("f").isEmpty)
        let cells = sheet.descendants("c")
        #expect(cells.contains { $0.attribute("t") == "s" })
        for cell in cells where cell.child("v") != nil {
            // Text cells are shared strings; only the typed column's `1` and `-3,5` are numbers.
            if cell.attribute("t") != "s" { #expect(["1", "-3.5"].contains(cell.child("v")?.text ?? ""), "\(cell.attributes)") }
        }
        let lines = try OfficeContent.xlsx(bytes)
        let shown = XlsxSheetText.clean(text)
        #expect(lines.contains { $0.contains("=\(shown)") || $0.contains("=\(shown.replacingOccurrences(of: "\n", with: "⏎"))") })
    }
}

/// The text an XLSX cell holds for a text (carriage returns dropped, as the renderer does).
enum XlsxSheetText {
    static func clean(_ text: String) -> String { text.replacingOccurrences(of: "\r", with: "") }
}
