import Foundation
import KartaReports
import Testing
import ZIPFoundation

/// The office reader against files made to hurt it: sizes a roadmap never has are refused
/// with their place before they cost memory or time.
@Suite struct OfficeReaderTests {
    /// A zip package of the given parts.
    static func package(_ parts: [(String, String)]) throws -> [UInt8] {
        let archive = try Archive(accessMode: .create)
        for (path, text) in parts {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return [UInt8](try #require(archive.data))
    }

    static let w = #"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#

    static func docx(body: String) throws -> [UInt8] {
        try package([("word/document.xml", "<w:document \(w)><w:body>\(body)</w:body></w:document>")])
    }

    static func xlsx(sheet: String) throws -> [UInt8] {
        try package([
            ("xl/workbook.xml", #"<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Лист1" sheetId="1" r:id="rId1"/></sheets></workbook>"#),
            ("xl/_rels/workbook.xml.rels", #"<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>"#),
            ("xl/worksheets/sheet1.xml", "<worksheet>\(sheet)</worksheet>"),
        ])
    }

    static func refusal(_ bytes: [UInt8]) -> OfficeReadError? {
        do {
            _ = try OfficeDocument.read(bytes)
            return nil
        } catch {
            return error
        }
    }

    @Test func aCellSpanningAMillionColumnsIsRefused() throws {
        let row = #"<w:tr><w:tc><w:tcPr><w:gridSpan w:val="1000000"/></w:tcPr><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr>"#
        let error = try #require(Self.refusal(try Self.docx(body: "<w:tbl>\(row)</w:tbl>")))
        #expect(error.description == "table 1, row 1: more than 200 columns; a roadmap table has about ten")
    }

    @Test func twoCellsFarApartInASheetAreRefused() throws {
        let sheet = #"<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>№</t></is></c></row><row r="20000"><c r="GR20000"><v>1</v></c></row></sheetData>"#
        let error = try #require(Self.refusal(try Self.xlsx(sheet: sheet)))
        #expect(error.description.hasPrefix("sheet «Лист1»: the used range is larger than a roadmap (20000 rows × 200 columns"))
    }

    @Test func mergesCoveringTheSheetManyTimesOverAreRefused() throws {
        let merges = String(repeating: #"<mergeCell ref="A1:J10"/>"#, count: 50)
        let sheet = #"<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData><mergeCells>"# + merges + "</mergeCells>"
        let error = try #require(Self.refusal(try Self.xlsx(sheet: sheet)))
        #expect(error.description == "sheet «Лист1»: merged areas overlap (they cover more cells than the sheet has)")
    }

    /// An instructions sheet before the roadmap's: both are read, in the workbook's order.
    @Test func everySheetWithCellsIsRead() throws {
        let bytes = try Self.package([
            ("xl/workbook.xml", #"<workbook xmlns:r="r"><sheets><sheet name="Инструкция" sheetId="1" r:id="rId1"/><sheet name="Пусто" sheetId="2" r:id="rId2"/><sheet name="Дорожная карта" sheetId="3" r:id="rId3"/></sheets></workbook>"#),
            ("xl/_rels/workbook.xml.rels", #"<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Target="worksheets/sheet2.xml"/><Relationship Id="rId3" Target="worksheets/sheet3.xml"/></Relationships>"#),
            ("xl/worksheets/sheet1.xml", #"<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Заполните лист «Дорожная карта»</t></is></c></row></sheetData></worksheet>"#),
            ("xl/worksheets/sheet2.xml", "<worksheet><sheetData/></worksheet>"),
            ("xl/worksheets/sheet3.xml", #"<worksheet><sheetData><row r="2"><c r="A2" t="inlineStr"><is><t>№</t></is></c></row></sheetData></worksheet>"#),
        ])
        #expect(try OfficeDocument.read(bytes).tables.map(\.name) == ["sheet «Инструкция»", "sheet «Дорожная карта»"])
    }

    /// A cell's text: its paragraphs and a nested table's, not a text box drawn in it.
    @Test func aCellReadsItsParagraphsNotItsTextBoxes() throws {
        let box = #"<w:r><w:drawing><wp:inline xmlns:wp="wp"><a:graphic xmlns:a="a"><a:graphicData><w:txbxContent><w:p><w:r><w:t>в рамке</w:t></w:r></w:p></w:txbxContent></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"#
        let nested = "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>вложенная</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
        let cell = "<w:tc><w:p><w:r><w:t>первая</w:t></w:r>\(box)</w:p>\(nested)<w:p><w:r><w:t>последняя</w:t></w:r></w:p></w:tc>"
        let document = try OfficeDocument.read(try Self.docx(body: "<w:tbl><w:tr>\(cell)</w:tr></w:tbl>"))
        #expect(document.tables.first?.rows.first?.cells.first?.text == "первая\nвложенная\nпоследняя")
    }

    @Test func wordTextIsWhatWordShows() throws {
        let paragraph = """
        <w:p><w:r><w:t>Орга</w:t></w:r><w:proofErr w:type="spellStart"/><w:r><w:t xml:space="preserve">низация </w:t></w:r>\
        <w:del><w:r><w:delText>старое </w:delText></w:r></w:del><w:ins><w:r><w:t>новое</w:t></w:r></w:ins>\
        <w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> HYPERLINK "http://a.example" </w:instrText></w:r>\
        <w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t xml:space="preserve"> ссылка</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>\
        <w:r><w:br/><w:t>Ответствен</w:t><w:softHyphen/><w:t>ные</w:t><w:tab/><w:t>x</w:t></w:r></w:p>
        """
        let document = try OfficeDocument.read(try Self.docx(body: paragraph))
        guard case .paragraph(let read)? = document.blocks.first else { Issue.record("no paragraph"); return }
        // The field's address follows its shown text, which does not include it.
        #expect(read.text == "Организация новое ссылка http://a.example\nОтветствен\u{AD}ные\tx")
    }

    @Test func aHyperlinkKeepsItsAddressWhenItsTextDoesNotShowIt() throws {
        let body = """
        <w:p><w:hyperlink r:id="rId7"><w:r><w:t>Раздел на сайте</w:t></w:r></w:hyperlink></w:p>        <w:p><w:hyperlink r:id="rId8"><w:r><w:t>https://b.example/x</w:t></w:r></w:hyperlink></w:p>
        """
        let rels = #"<Relationships><Relationship Id="rId7" Type="hyperlink" Target="https://a.example/500" TargetMode="External"/><Relationship Id="rId8" Type="hyperlink" Target="https://b.example/x" TargetMode="External"/></Relationships>"#
        let bytes = try Self.package([
            ("word/document.xml", #"<w:document \#(Self.w) xmlns:r="r"><w:body>\#(body)</w:body></w:document>"#),
            ("word/_rels/document.xml.rels", rels),
        ])
        let texts = try OfficeDocument.read(bytes).blocks.compactMap { if case .paragraph(let p) = $0 { p.text } else { nil } }
        #expect(texts == ["Раздел на сайте https://a.example/500", "https://b.example/x"])
    }

    @Test func sheetValuesReadAsExcelShowsThem() throws {
        let styles = #"<styleSheet><numFmts><numFmt numFmtId="164" formatCode="dd\.mm\.yyyy"/></numFmts><fonts><font/><font><b/></font></fonts><cellXfs><xf numFmtId="0" fontId="0"/><xf numFmtId="164" fontId="0"/><xf numFmtId="0" fontId="1"/></cellXfs></styleSheet>"#
        let sheet = #"<sheetData><row r="2"><c r="B2" s="2" t="inlineStr"><is><t>Заголовок</t></is></c><c r="C2" s="1"><v>44986</v></c><c r="D2"><v>1.1000000000000001</v></c><c r="E2" t="str"><f>A1&amp;"x"</f><v>1.2.</v></c><c r="F2" t="inlineStr"><is><t>a_x000D_&#10;b</t></is></c></row></sheetData><mergeCells><mergeCell ref="B3:C3"/></mergeCells>"#
        var parts = [
            ("xl/workbook.xml", #"<workbook xmlns:r="r"><sheets><sheet name="Лист1" sheetId="1" r:id="rId1"/></sheets></workbook>"#),
            ("xl/_rels/workbook.xml.rels", #"<Relationships><Relationship Id="rId1" Target="/xl/worksheets/sheet1.xml"/></Relationships>"#),
            ("xl/worksheets/sheet1.xml", "<worksheet>\(sheet)</worksheet>"),
        ]
        parts.append(("xl/styles.xml", styles))
        let document = try OfficeDocument.read(try Self.package(parts))
        let table = try #require(document.tables.first)
        let cells = table.rows[0].cells
        #expect(cells.map(\.text) == ["", "Заголовок", "01.03.2023", "1.1", "1.2.", "a\nb"])
        #expect(cells[1].bold && !cells[2].bold)
        #expect(table.rows[1].cells[1].merge == .origin(columns: 2, rows: 1))
        #expect(table.place(row: 0, column: 3) == "sheet «Лист1», cell D2")
        #expect(table.notices == ["sheet «Лист1»: 1 cell holds a formula (E2); the values Excel saved with the file were taken"])
    }
}
