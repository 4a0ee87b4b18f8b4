import KartaReports
import Testing

@Suite struct RendererTests {
    let document = ReportDocument(title: "Отчет", blocks: [
        .paragraph(ReportParagraph(text: "Отчет\nза 2021 год", alignment: .center, bold: true)),
        .table(ReportTable(
            columns: [ReportColumn(id: "n", title: "№"), ReportColumn(id: "t", title: "Мероприятие\n(цель)")],
            rows: [
                ReportRow(kind: .hint, cells: ["", "перечислить"]),
                ReportRow(kind: .section, cells: ["1. Организационные"]),
                ReportRow(cells: ["1", "A | B\nC"], children: [ReportRow(cells: ["", "под, \"пункт\""])]),
            ])),
        .signature(SignatureBlock(label: "Согласовано:", position: "И.о. начальника", name: "Г.А. Козеряцкая")),
    ])

    @Test func markdownTable() {
        let markdown = MarkdownRenderer().render(document)
        #expect(markdown == """
            **Отчет**  
            **за 2021 год**

            | № | Мероприятие<br>(цель) |
            |---|---|
            |  | *перечислить* |
            | **1. Организационные** |  |
            | 1 | A \\| B<br>C |
            |  | под, "пункт" |

            Согласовано:  
            И.о. начальника  
            Г.А. Козеряцкая

            """)
    }

    @Test func csvQuotesAndBOM() {
        let bytes = CSVRenderer().render(document)
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        #expect(text == "№,\"Мероприятие\n(цель)\"\r\n,перечислить\r\n1. Организационные,\r\n1,\"A | B\nC\"\r\n,\"под, \"\"пункт\"\"\"\r\n")
    }

    @Test func excelRussianProfileUsesSemicolons() {
        let text = String(decoding: CSVRenderer(profile: .excelRu).render(document).dropFirst(3), as: UTF8.self)
        #expect(text.hasPrefix("№;\"Мероприятие\n(цель)\"\r\n;перечислить\r\n"))
        #expect(text.contains(";под, \"\"пункт\"\"") == false)
        #expect(text.contains(";\"под, \"\"пункт\"\"\"") == true)
    }
}
