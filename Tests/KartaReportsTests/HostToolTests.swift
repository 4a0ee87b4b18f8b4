import Foundation
@testable import KartaReports
import Testing

/// The golden diff and the Office reader at the size of what the renderers write: results
/// only (tests do not time things; the figures are in docs/security.md).
@Suite struct HostToolTests {
    /// A DOCX whose document.xml is over 10 MB (libxml2's limit without XML_PARSE_HUGE),
    /// with one paragraph of 11 MB among 20,000 rows, reads back whole.
    @Test func docxOverTenMegabytesReadsBack() throws {
        let long = String(repeating: "Проведено совещание. ", count: 11 << 20 / 39)
        let rows = (1...20_000).map { ReportRow(cells: ["\($0)", "Мероприятие \($0) & <итог>"]) }
        let document = ReportDocument(title: "Большой отчет", blocks: [
            .paragraph(ReportParagraph(text: long)),
            .table(ReportTable(columns: [ReportColumn(id: "n", title: "№"), ReportColumn(id: "t", title: "Мероприятие")], rows: rows)),
        ])
        let bytes = try DocxRenderer().render(document)
        let parts = try OfficeContent.unzip(bytes)
        #expect(try #require(parts["word/document.xml"]).count > 10_000_000)
        let lines = try OfficeContent.docx(bytes)
        #expect(lines.contains("paragraph: \(long)"))
        #expect(lines.contains("  row 20001: 20000 | Мероприятие 20000 & <итог>"))
    }

    @Test func xmlScannerReadsWhatXMLAllows() throws {
        let xml = """
            <?xml version="1.0"?>\r\n<!-- c --><a:r x='1 &amp; 2' y="a\tb&#10;c"><t>x&lt;y &#x1F600;&#1099;</t>\
            <t><![CDATA[<raw> & ]]></t><e/><t>a\r\nb</t></a:r>
            """
        let root = try XMLNode.parse(Data(xml.utf8), part: "test")
        #expect(root.name == "a:r")
        #expect(root.attribute("x") == "1 & 2")
        #expect(root.attribute("y") == "a b\nc")
        #expect(root.children("t").map(\.text) == ["x<y 😀ы", "<raw> & ", "a\nb"])
        #expect(root.child("e") != nil)
        for bad in ["<a>", "<a></b>", "<a/><b/>", "<!DOCTYPE a><a/>", "<a x=1/>", "<a>&bogus;</a>", "text<a/>", ""] {
            #expect(throws: ReportRenderError.self, "\(bad)") { try XMLNode.parse(Data(bad.utf8), part: "test") }
        }
    }

    /// 40,000 lines, a few changed: the report names exactly the changed lines.
    @Test func lineDiffOfFortyThousandRows() throws {
        let expected = (1...40_000).map { "row \($0): A\($0)=Мероприятие \($0) | B\($0)#\($0)" }
        var actual = expected
        actual[19_999] = "row 20000: changed"
        actual.remove(at: 30_000)
        actual.insert("row new", at: 100)
        let report = try #require(LineDiff.describe(expected: expected.joined(separator: "\n"), actual: actual.joined(separator: "\n")))
        #expect(report.split(separator: "\n") == [
            "  line 101 actual:   row new",
            "  line 20000 expected: row 20000: A20000=Мероприятие 20000 | B20000#20000",
            "  line 20001 actual:   row 20000: changed",
            "  line 30001 expected: row 30001: A30001=Мероприятие 30001 | B30001#30001",
        ])
        #expect(LineDiff.describe(expected: expected.joined(separator: "\n"), actual: expected.joined(separator: "\n")) == nil)
    }

    /// Everything different: the bounded fallback, first lines side by side.
    @Test func lineDiffOfEverythingChangedIsBounded() throws {
        let expected = (1...40_000).map { "old \($0)" }.joined(separator: "\n")
        let actual = (1...40_000).map { "new \($0)" }.joined(separator: "\n")
        let report = try #require(LineDiff.describe(expected: expected, actual: actual, limit: 4))
        #expect(report.split(separator: "\n") == [
            "  line 1 expected: old 1", "  line 1 actual:   new 1", "  line 2 expected: old 2", "  line 2 actual:   new 2",
            "  … (more than 256 lines differ: 40000 lines expected, 40000 actual)",
        ])
    }

    @Test(arguments: [
        ("a\nb\nc", "a\nc", ["  line 2 expected: b"]),
        ("a\nc", "a\nb\nc", ["  line 2 actual:   b"]),
        ("", "x", ["  line 1 expected: ", "  line 1 actual:   x"]),
        ("a\nb", "b\na", ["  line 1 expected: a", "  line 2 actual:   a"]),
    ])
    func lineDiffSmallCases(_ expected: String, _ actual: String, _ report: [String]) throws {
        #expect(try #require(LineDiff.describe(expected: expected, actual: actual)).split(separator: "\n").map(String.init) == report)
    }
}
