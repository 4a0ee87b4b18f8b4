import Foundation
@testable import KartaReports
import Testing

@Suite struct OfficeRendererTests {
    /// A landscape report with every kind of block and row, and hostile text: markup
    /// characters, a control character, a non-character and a tab.
    let document = ReportDocument(title: "Отчет <2021> & «500+»", orientation: .landscape, blocks: [
        .approval(SignatureBlock(label: "УТВЕРЖДАЮ", position: "И.о. директора\nДепартамента", name: "В.А. Ткаченко")),
        .heading(text: "Отчет о реализации", level: 1),
        .paragraph(ReportParagraph(text: "Первая строка\nвторая", alignment: .justify)),
        .table(ReportTable(
            columns: [
                ReportColumn(id: "number", title: "№", width: 2, alignment: .center),
                ReportColumn(id: "title", title: "Мероприятие\n(цель)", width: 10),
                ReportColumn(id: "count", title: "Кол-во", width: 3, type: .number),
                ReportColumn(id: "fact", title: "Дата", width: 4, type: .date),
            ],
            rows: [
                ReportRow(kind: .hint, cells: ["", "перечислить", "", ""]),
                ReportRow(kind: .section, cells: ["1. Организационные"]),
                ReportRow(cells: ["1", "a < b && c\u{1}d\u{FFFE}\te", "12", "14.05.2021"],
                          children: [ReportRow(cells: ["", "подпункт", "3,5", "до 31.05.2021"])]),
                ReportRow(cells: ["2", "короткая строка"]),
            ])),
        .signature(SignatureBlock(label: "Согласовано:", position: "Начальник отдела", name: "О.В. Цибизова")),
    ])

    @Test(arguments: OutputFormat.allCases)
    func twoRendersAreByteIdentical(format: OutputFormat) throws {
        let first = try format.render(document)
        let second = try format.render(document)
        #expect(!first.isEmpty)
        #expect(first == second)
    }

    @Test func docxContent() throws {
        let lines = try OfficeContent.docx(DocxRenderer().render(document))
        #expect(lines.contains("title: Отчет <2021> & «500+»"))
        #expect(lines.contains("page: 16838x11906 landscape"))
        #expect(lines.contains("table 1: 4 columns"))
        #expect(lines.contains("  row 1 (header): № | Мероприятие⏎(цель) | Кол-во | Дата"))
        #expect(lines.contains("  row 2:  | перечислить |  | "))
        #expect(lines.contains("  row 3: [span 4] 1. Организационные"))
        // Control characters and U+FFFE are dropped, markup is escaped, the tab kept.
        #expect(lines.contains("  row 4: 1 | a < b && cd\te | 12 | 14.05.2021"))
        #expect(lines.contains("  row 5:  | подпункт | 3,5 | до 31.05.2021"))
        // Cells past the row's end are empty, and the grid stays whole.
        #expect(lines.contains("  row 6: 2 | короткая строка |  | "))
        // The justified paragraph is one Word paragraph per line.
        #expect(lines.contains("paragraph: Первая строка"))
        #expect(lines.contains("paragraph: вторая"))
        #expect(lines.contains("paragraph: Начальник отдела\tО.В. Цибизова"))
        #expect(lines.contains("paragraph: УТВЕРЖДАЮ"))
    }

    @Test func docxFollowsWordRules() throws {
        let parts = try OfficeContent.unzip(DocxRenderer().render(document))
        #expect(parts.keys.sorted() == [
            "[Content_Types].xml", "_rels/.rels", "docProps/app.xml", "docProps/core.xml", "word/_rels/document.xml.rels",
            "word/document.xml", "word/footer1.xml", "word/settings.xml", "word/styles.xml",
        ])
        for (path, data) in parts { _ = try XMLNode.parse(data, part: path) }
        let body = try #require(try XMLNode.parse(parts["word/document.xml"]!, part: "document").child("body"))
        let cells = body.descendants("tc")
        #expect(cells.count == 4 + 4 + 1 + 4 + 4 + 4)
        for cell in cells {
            #expect(cell.children.first?.localName == "tcPr")
            #expect(cell.children.last?.localName == "p")
        }
        let rows = body.descendants("tr")
        #expect(rows.allSatisfy { $0.child("trPr")?.child("cantSplit") != nil })
        #expect(rows.filter { $0.child("trPr")?.child("tblHeader") != nil }.count == 1)
        #expect(body.children.last?.localName == "sectPr")
        // The section must not end right after a table.
        #expect(body.children.dropLast().last?.localName == "p")
        let table = try #require(body.child("tbl"))
        #expect(table.child("tblPr")?.child("tblLayout")?.attribute("type") == "fixed")
        let widths = table.child("tblGrid")?.children("gridCol").compactMap { Int($0.attribute("w") ?? "") } ?? []
        #expect(widths.reduce(0, +) == WordPage(landscape: true).textWidth)
        let settings = String(decoding: parts["word/settings.xml"]!, as: UTF8.self)
        #expect(settings.contains(#"w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15""#))
        let styles = String(decoding: parts["word/styles.xml"]!, as: UTF8.self)
        #expect(styles.contains(#"w:ascii="Times New Roman""#))
    }

    @Test func portraitDocxIsUpright() throws {
        var upright = document
        upright.orientation = .portrait
        let lines = try OfficeContent.docx(DocxRenderer().render(upright))
        #expect(lines.contains("page: 11906x16838 portrait"))
    }

    @Test func xlsxContent() throws {
        let lines = try OfficeContent.xlsx(XlsxRenderer().render(document))
        #expect(lines.contains("sheet: Отчет <2021> & «500+»"))
        #expect(lines.contains("page: paper 9 landscape"))
        #expect(lines.contains("columns: 4"))
        let header = try #require(lines.first { $0.contains("=Мероприятие⏎(цель)") })
        let headerRow = try #require(Int(header.dropFirst(4).prefix { $0 != ":" }))
        #expect(lines.contains("defined _xlnm.Print_Titles: 'Отчет <2021> & «500+»'!$\(headerRow):$\(headerRow)"))
        let section = headerRow + 2
        #expect(lines.contains("row \(section): A\(section)=1. Организационные"))
        #expect(lines.contains("merge A\(section):D\(section)"))
        // Typed cells: 12 as a number, 14.05.2021 as the date serial 44330; text that reads
        // as neither stays text.
        let data = section + 1
        #expect(lines.contains("row \(data): A\(data)=1 | B\(data)=a < b && cd\te | C\(data)#12 | D\(data)#44330"))
        #expect(lines.contains("row \(data + 1): B\(data + 1)=подпункт | C\(data + 1)#3.5 | D\(data + 1)=до 31.05.2021"))
        // Merges: the approval, heading, paragraph and signature rows, and the one section row.
        let merges = lines.filter { $0.hasPrefix("merge ") }
        #expect(merges.filter { $0.hasSuffix(":D\(section)") }.count == 1)
    }

    @Test func typedCellParsing() {
        #expect(XlsxCellValue.number("12") == 12)
        #expect(XlsxCellValue.number("-3,5") == -3.5)
        #expect(XlsxCellValue.number("1.1.2") == nil)
        #expect(XlsxCellValue.number("12 шт.") == nil)
        #expect(XlsxCellValue.date("29.02.2021") == nil)
        #expect(XlsxCellValue.date("29.02.2024") != nil)
        #expect(XlsxCellValue.date("1.02.2024") == nil)
    }

    @Test func jsonRoundTrip() throws {
        let bytes = try OutputFormat.json.render(document)
        let decoded = try JSONDecoder().decode(ReportDocument.self, from: Data(bytes))
        #expect(decoded == document)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains(#""type" : "table""#))
        #expect(text.contains(#""type" : "number""#))
    }

    @Test func htmlIsSelfContainedAndEscaped() {
        let html = HTMLRenderer().render(document)
        #expect(html.contains("<title>Отчет &lt;2021&gt; &amp; «500+»</title>"))
        #expect(html.contains("@page { size: A4 landscape;"))
        #expect(html.contains("<tr class=\"section\"><td colspan=\"4\">1. Организационные</td></tr>"))
        #expect(html.contains("<th>Мероприятие<br>\n(цель)</th>"))
        #expect(html.contains("a &lt; b &amp;&amp; cd\te"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("\u{1}"))
        #expect(html.contains("<thead>"))
    }

    @Test func xmlEscaping() {
        #expect(XMLWriter.escape("a<b>&\"c\u{0}\u{1F}\u{FFFF}\t\n") == "a&lt;b&gt;&amp;\"c\t\n")
        #expect(XMLWriter.escape("\"\n", attribute: true) == "&quot;&#10;")
    }
}
