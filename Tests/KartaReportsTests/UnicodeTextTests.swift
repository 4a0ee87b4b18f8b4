import Foundation
@testable import KartaReports
import Testing

/// Ordinary Unicode in every format: emoji (with ZWJ sequences and flags), decomposed
/// accents, right-to-left marks, very long titles.
@Suite struct UnicodeTextTests {
    static let titles = [
        "План 👩‍👩‍👧‍👦 семьи и школы 🇷🇺🇧🇾 — «500+»",
        "Отчет и\u{0306} е\u{0308}лка: ", // NFD «й», «ё»
        String(repeating: "👨‍👩‍👧", count: 20),
        "\u{200F}שלום\u{200E} отчет \u{202B}rtl\u{202C}",
        String(repeating: "Дорожная карта 2021 года ", count: 400),  // 10,000 characters
        "[Отчет]: *план*? /a\\b/",
        "'Отчет'",
        "History",
        "а" + String(repeating: "\u{0301}", count: 40),  // one character of 41 scalars
        String(repeating: "😀", count: 16),  // 32 UTF-16 units: one emoji too many
    ]

    static func document(_ title: String) -> ReportDocument {
        ReportDocument(title: title, orientation: .landscape, blocks: [
            .heading(text: title, level: 1),
            .paragraph(ReportParagraph(text: title)),
            .table(ReportTable(columns: [ReportColumn(id: "a", title: title), ReportColumn(id: "b", title: "Срок")],
                               rows: [ReportRow(cells: [title, "до 31.12.2021"]), ReportRow(kind: .section, cells: [title])])),
            .signature(SignatureBlock(position: title, name: "И.И. Иванова")),
        ])
    }

    @Test(arguments: titles)
    func everyFormatRendersAndReadsBack(_ title: String) throws {
        let document = Self.document(title)
        for format in OutputFormat.allCases {
            let bytes = try format.render(document, csvProfile: .excelRu)
            #expect(!bytes.isEmpty)
            if format.isText { #expect(String(validating: bytes, as: UTF8.self) != nil) }
        }
        let docx = try OfficeContent.docx(DocxRenderer().render(document))
        #expect(docx.contains("title: \(title)"))
        #expect(docx.contains { $0.contains(title) })
        let xlsx = try OfficeContent.xlsx(XlsxRenderer().render(document))
        let sheet = try #require(xlsx.first { $0.hasPrefix("sheet: ") }).dropFirst("sheet: ".count)
        #expect(!sheet.isEmpty)
        #expect(sheet.utf16.count <= 31)
        #expect(!sheet.contains { "[]:*?/\\".contains($0) })
        #expect(!sheet.hasPrefix("'") && !sheet.hasSuffix("'"))
        #expect(sheet.lowercased() != "history")
        #expect(xlsx.contains { $0.contains(title.count > 2000 ? String(title.prefix(100)) : title) })
    }

    @Test func sheetNamesCutAtCharacterBoundaries() {
        #expect(ExcelText.sheetName(String(repeating: "😀", count: 16)) == String(repeating: "😀", count: 15))
        #expect(ExcelText.sheetName("🇷🇺" + String(repeating: "я", count: 28)) == "🇷🇺" + String(repeating: "я", count: 27))
        let family = "👩‍👩‍👧‍👦"  // 11 UTF-16 units
        #expect(ExcelText.sheetName(family + family + family) == family + family)
        #expect(ExcelText.sheetName("а" + String(repeating: "\u{0301}", count: 40)).unicodeScalars.count == 31)
        #expect(ExcelText.sheetName("''") == "Отчет")
        #expect(ExcelText.sheetName("' Отчет '") == "Отчет")
        #expect(ExcelText.cell(String(repeating: "😀", count: 20_000)).utf16.count <= 32_767)
        #expect(ExcelText.cell(String(repeating: "😀", count: 20_000)).hasSuffix("😀…"))
    }

    @Test func longCellTextIsCutNotRefused() throws {
        let huge = "а" + String(repeating: "\u{0301}", count: 40_000)  // one character over Excel's limit
        let bytes = try XlsxRenderer().render(Self.document(huge))
        #expect(try OfficeContent.xlsx(bytes).contains { $0.contains("…") })
    }
}
