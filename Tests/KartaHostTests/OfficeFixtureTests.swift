import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import KartaTesting
import Testing

/// The DOCX and XLSX builders of `KartaTesting` write real, well-formed packages, with the quirks
/// they promise; the bad files are bad in the promised way.
@Suite struct OfficeFixtureTests {
    let table = OfficeFixture.zarechny

    /// Every XML part of the package parses with Foundation's XMLParser.
    private func expectWellFormed(_ zip: [UInt8], _ label: String) throws {
        for entry in try OfficeFixture.entries(of: zip) where entry.path.hasSuffix(".xml") || entry.path.hasSuffix(".rels") {
            let parser = XMLParser(data: Data(entry.bytes))
            parser.shouldProcessNamespaces = true
            #expect(parser.parse(), "\(label) \(entry.path): \(String(describing: parser.parserError))")
        }
    }

    private func paths(_ zip: [UInt8]) throws -> Set<String> {
        Set(try OfficeFixture.entries(of: zip).map(\.path))
    }

    @Test func theFixtureLoadsAsTranscribed() throws {
        #expect(table.header.count == 6)
        #expect(table.header[2] == "Сроки\nисполнения")
        #expect(table.header[3].contains("\u{AD}"))
        #expect(table.region?.code == 99 && table.region?.fictional == true)
        let data = table.rows.filter { if case .data = $0 { true } else { false } }
        #expect((12...15).contains(data.count))
        #expect(table.rows.contains(.repeatedHeader) && table.rows.contains(.numbering))
        #expect(table.rows.contains { if case .continuation = $0 { true } else { false } })
        let encoded = try JSONEncoder().encode(table)
        #expect(try JSONDecoder().decode(OfficeFixtureTable.self, from: encoded) == table)
    }

    @Test(arguments: ["word", "plain"]) func theDocxIsAWellFormedPackage(_ quirks: String) throws {
        let docx = OfficeFixture.docx(table, quirks: quirks == "word" ? .word : .plain)
        #expect(docx == OfficeFixture.docx(table, quirks: quirks == "word" ? .word : .plain), "deterministic")
        #expect(try paths(docx).isSuperset(of: [
            "[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels",
            "word/styles.xml", "docProps/core.xml",
        ]))
        try expectWellFormed(docx, quirks)
        let document = try #require(try OfficeFixture.text(of: "word/document.xml", in: docx))
        #expect(document.components(separatedBy: "<w:gridCol ").count - 1 == 6)
        #expect(document.contains("<w:tblHeader/>"))
        #expect(document.contains(#"<w:gridSpan w:val="6"/>"#))
        #expect(document.contains(#"<w:vMerge w:val="restart"/>"#) && document.contains("<w:vMerge/>"))
        let quirky = [
            "<w:softHyphen/>", "<w:proofErr ", "<w:bookmarkStart ", "<w:hyperlink r:id=", "<w:instrText",
            "<w:delText", "<w:tab/>", "<w:sdtContent>", "<w:tcW ", "<w:br/>", #"xml:space="preserve""#,
        ]
        for marker in quirky {
            #expect(document.contains(marker) == (quirks == "word"), "\(marker)")
        }
        let relationships = try #require(try OfficeFixture.text(of: "word/_rels/document.xml.rels", in: docx))
        #expect(relationships.contains(#"TargetMode="External""#) == (quirks == "word"))
    }

    @Test(arguments: ["excel", "plain"]) func theXlsxIsAWellFormedPackage(_ quirks: String) throws {
        let xlsx = OfficeFixture.xlsx(table, quirks: quirks == "excel" ? .excel : .plain)
        #expect(xlsx == OfficeFixture.xlsx(table, quirks: quirks == "excel" ? .excel : .plain), "deterministic")
        #expect(try paths(xlsx).isSuperset(of: [
            "[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
            "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml",
        ]))
        try expectWellFormed(xlsx, quirks)
        let workbook = try #require(try OfficeFixture.text(of: "xl/workbook.xml", in: xlsx))
        #expect(workbook.contains(#"<sheet name="Лист1" sheetId="1" r:id="rId1"/>"#))
        let relationships = try #require(try OfficeFixture.text(of: "xl/_rels/workbook.xml.rels", in: xlsx))
        #expect(relationships.contains(#"Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml""#))
        let sheet = try #require(try OfficeFixture.text(of: "xl/worksheets/sheet1.xml", in: xlsx))
        let strings = try #require(try OfficeFixture.text(of: "xl/sharedStrings.xml", in: xlsx))
        let styles = try #require(try OfficeFixture.text(of: "xl/styles.xml", in: xlsx))
        #expect(sheet.contains(#"<mergeCell ref="A1:F1"/>"#))
        #expect(styles.contains(#"<numFmt numFmtId="164" formatCode="dd.mm.yyyy"/>"#))
        // 31.03.2023 is Excel serial 45016.
        #expect(sheet.contains("<v>45016</v>") == (quirks == "excel"))
        #expect(strings.contains("<t>31.03.2023</t>") == (quirks == "plain"))
        #expect(sheet.contains(#"t="inlineStr""#) == (quirks == "excel"))
        #expect(sheet.contains("<dimension ") == (quirks == "excel"))
        #expect(sheet.contains(#"<row r=""#) == (quirks == "excel"))
        #expect(strings.contains("<r><rPr><b/>") == (quirks == "excel"))
        // The continued activity's number cell spans two rows.
        #expect(sheet.range(of: #"<mergeCell ref="A(\d+):A(\d+)"/>"#, options: .regularExpression) != nil)
    }

    @Test func theBadFilesAreBadAsPromised() throws {
        let withoutTable = OfficeFixture.docxWithoutTable()
        try expectWellFormed(withoutTable, "without table")
        #expect(try OfficeFixture.text(of: "word/document.xml", in: withoutTable)?.contains("<w:tbl>") == false)

        #expect(String(decoding: OfficeFixture.notOffice(), as: UTF8.self).hasPrefix("это не таблица"))
        #expect((try? OfficeFixture.entries(of: OfficeFixture.truncatedZip())) == nil)

        let ole = OfficeFixture.encryptedOffice()
        #expect(ole.count == 4096 && Array(ole.prefix(8)) == [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])

        let encrypted = OfficeFixture.encryptedZip()
        var local = 0, central = 0
        for offset in 0..<(encrypted.count - 10) where encrypted[offset] == 0x50 && encrypted[offset + 1] == 0x4B {
            if encrypted[offset + 2] == 3 && encrypted[offset + 3] == 4 {
                #expect(encrypted[offset + 6] & 1 == 1)
                local += 1
            } else if encrypted[offset + 2] == 1 && encrypted[offset + 3] == 2 {
                #expect(encrypted[offset + 8] & 1 == 1)
                central += 1
            }
        }
        #expect(local >= 8 && local == central)

        let bomb = OfficeFixture.zipBomb(uncompressedMegabytes: 4)
        #expect(bomb.count < 200_000)
        let document = try #require(try OfficeFixture.entries(of: bomb).first { $0.path == "word/document.xml" })
        #expect(document.bytes.count > 4 * 1_048_576)
        try expectWellFormed(bomb, "bomb")

        #expect(try paths(OfficeFixture.manyEntries(300)).count >= 308)

        let empty = OfficeFixture.xlsxEmptySheet()
        try expectWellFormed(empty, "empty sheet")
        #expect(try OfficeFixture.text(of: "xl/worksheets/sheet1.xml", in: empty)?.contains("<sheetData/>") == true)
    }

    @Test(arguments: [true, false]) func formulasHaveCachedValuesWhenAsked(_ cached: Bool) throws {
        let xlsx = OfficeFixture.xlsxWithFormulas(cached: cached)
        try expectWellFormed(xlsx, "formulas")
        let sheet = try #require(try OfficeFixture.text(of: "xl/worksheets/sheet1.xml", in: xlsx))
        #expect(sheet.components(separatedBy: "<f>").count - 1 == 2)
        #expect(sheet.contains("</f><v>") == cached)
    }

    @Test func irregularMergesAreIrregular() throws {
        let xlsx = OfficeFixture.xlsxIrregularMerge()
        try expectWellFormed(xlsx, "irregular xlsx")
        let sheet = try #require(try OfficeFixture.text(of: "xl/worksheets/sheet1.xml", in: xlsx))
        #expect(sheet.range(of: #"<mergeCell ref="B(\d+):C(\d+)"/>"#, options: .regularExpression) != nil)
        let docx = OfficeFixture.docxIrregularMerge()
        try expectWellFormed(docx, "irregular docx")
        let document = try #require(try OfficeFixture.text(of: "word/document.xml", in: docx))
        #expect(document.contains(#"<w:gridSpan w:val="2"/>"#))
    }

    /// When LibreOffice is installed, it opens the files: the DOCX converts to PDF and text
    /// (without the field instruction), the XLSX to CSV with the values as typed.
    @Test func libreOfficeOpensTheFiles() throws {
        guard LibreOffice.path != nil else { return }
        let directory = try TemporaryDirectory(prefix: "karta-office")
        let docx = directory.path("zarechny.docx"), xlsx = directory.path("zarechny.xlsx")
        try Data(OfficeFixture.docx(table)).write(to: URL(fileURLWithPath: docx))
        try Data(OfficeFixture.xlsx(table)).write(to: URL(fileURLWithPath: xlsx))
        let pdf = try LibreOffice.convert(docx, to: "pdf", in: directory.path)
        #expect(try Data(contentsOf: URL(fileURLWithPath: pdf)).prefix(5) == Data("%PDF-".utf8))
        let text = try String(contentsOfFile: try LibreOffice.convert(docx, to: "txt:Text (encoded):UTF8", in: directory.path),
                              encoding: .utf8)
        #expect(text.contains("Назначение муниципального координатора"))
        #expect(text.contains("https://uo.zarechny.example/500plus"))
        // The field's instruction is not text. (The tracked deletion is: LibreOffice keeps the
        // change unaccepted and its text export prints deleted runs too, so it is not checked.)
        #expect(!text.contains("HYPERLINK"))
        #expect(text.contains("Начальник Управления образования\tИ.И. Петров"))
        let csv = try String(contentsOfFile: try LibreOffice.convert(xlsx, to: "csv:Text - txt - csv (StarCalc):44,34,76", in: directory.path),
                             encoding: .utf8)
        #expect(csv.contains("\n1,2,3,4,5,6\n") && csv.contains("\n1.1.,") && csv.contains(",31.03.2023,"))
        #expect(csv.contains("\"Программа семинара\nЛист регистрации участников\""))
    }
}
