import Foundation
import KartaReports
import KartaTesting
import Testing

/// Ordinary Unicode in a roadmap's title goes through import and every report format.
@Suite struct UnicodeTitleTests {
    static let titles = [
        "План 👩‍👩‍👧‍👦 семьи и школы 🇷🇺🇧🇾 — «500+»",
        "Отчет и\u{0306} е\u{0308}лка",
        "\u{200F}שלום\u{200E} отчет \u{202B}rtl\u{202C}",
        String(repeating: "Дорожная карта 2021 года ", count: 400),
        #"[Отчет]: *план*? /a\b/ 'x'"#,
        String(repeating: "😀", count: 40),
    ]

    @Test(arguments: titles)
    func titleGoesThroughEveryFormat(_ title: String) throws {
        let directory = try TemporaryDirectory()
        let db = directory.path("karta.sqlite")
        let fixture = try String(contentsOfFile: PackagePaths.path("regions/pskov/roadmap-2021.yaml"), encoding: .utf8)
        let quoted = "\"" + title.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        let start = try #require(fixture.range(of: "title: |\n"))
        let end = try #require(fixture.range(of: "subtitle:"))
        let text = fixture.replacingCharacters(in: start.lowerBound..<end.lowerBound, with: "title: \(quoted)\n")
        _ = try directory.write("unicode.yaml", text)
        let imported = try KartaProcess.run(["import", "unicode.yaml", "--db", db, "--plugins", PackagePaths.path("plugins")],
                                            in: directory.path(""))
        #expect(imported.status == 0, "\(imported.output)")
        for format in ["md", "csv", "html", "docx", "xlsx", "json"] {
            let output = directory.path("report.\(format)")
            let run = try KartaProcess.run(["report", "pskov-2021", "--format", format, "--output", output, "--db", db]
                                           + (format == "csv" ? ["--csv-profile", "excel-ru"] : []))
            #expect(run.status == 0, "\(format): \(run.output)")
            let bytes = try #require(FileManager.default.contents(atPath: output).map { [UInt8]($0) })
            switch format {
            case "docx": #expect(try OfficeContent.docx(bytes).contains { $0.contains(String(title.prefix(30))) })
            case "xlsx": #expect(try OfficeContent.xlsx(bytes).first { $0.hasPrefix("sheet: ") }.map { $0.utf16.count <= 31 + 7 } == true)
            default: #expect(String(validating: bytes, as: UTF8.self) != nil)
            }
        }
    }
}
