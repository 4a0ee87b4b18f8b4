import Foundation
import KartaTesting
import Testing

/// A region that is none of the four, from its own Word and Excel roadmap: `plugin new
/// --from`, `plugin check`, `plugin test`, `import` and `report --format md` reproduce the
/// document's table — every activity in order with its number, the section rows, and the
/// column titles verbatim.
@Suite struct OfficeImportTests {
    static let fixture = OfficeFixture.zarechny
    static let municipality = "Заречный муниципальный округ"

    /// The Markdown table the document's table should print as: header, then a row per
    /// section and per activity (a continued activity's cells joined line by line).
    static func expectedRows() -> [[String]] {
        var rows: [[String]] = [fixture.header]
        for row in fixture.rows {
            switch row {
            case .section(let text): rows.append(["**\(text)**"] + Array(repeating: "", count: fixture.header.count - 1))
            case .data(let cells): rows.append(cells)
            case .continuation(let cells):
                rows[rows.count - 1] = zip(rows[rows.count - 1], cells).map { before, after in
                    [before, after].filter { !$0.isEmpty }.joined(separator: "\n")
                }
            case .numbering, .repeatedHeader: continue
            }
        }
        return rows
    }

    /// The cells of a Markdown table's rows (the alignment row left out), line breaks back from `<br>`.
    static func markdownRows(_ markdown: String) -> [[String]] {
        markdown.split(separator: "\n").filter { $0.hasPrefix("| ") }.map { line in
            line.dropFirst(2).dropLast(2).components(separatedBy: " | ").map {
                $0.replacingOccurrences(of: "<br>", with: "\n").replacingOccurrences(of: "\\|", with: "|")
            }
        }
    }

    @Test(arguments: ["docx", "xlsx"])
    func aNewRegionFromItsDocumentPrintsTheDocumentsTable(_ format: String) throws {
        let directory = try TemporaryDirectory()
        let file = directory.path("Дорожная карта Заречный.\(format)")
        let bytes = format == "docx" ? OfficeFixture.docx(Self.fixture) : OfficeFixture.xlsx(Self.fixture)
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        let new = try KartaProcess.run(["plugin", "new", "zarechny", "--region-code", "99", "--region-name", "Заречная область",
                                        "--from", file, "--municipality", Self.municipality], in: directory.path)
        #expect(new.status == 0, "\(new.output)")
        #expect(new.stdout.contains("made plugin 'zarechny'"), "\(new.output)")
        let check = try KartaProcess.run(["plugin", "check", "plugins/zarechny"], in: directory.path)
        #expect(check.status == 0 && check.stdout.contains("ok"), "\(check.output)")
        let test = try KartaProcess.run(["plugin", "test", "zarechny"], in: directory.path)
        #expect(test.status == 0 && test.stdout.contains("goldens: 10 passed, 0 failed"), "\(test.output)")
        let lua = try String(contentsOfFile: directory.path("plugins/zarechny/plugin.lua"), encoding: .utf8)
        #expect(lua.contains("title = \"Ответствен\\u{AD}ные исполнители\""), "the soft hyphen is kept, visibly")
        #expect(lua.contains("{ id = \"1\", number = \"1.\", title = \"Организационно-управленческие мероприятия\" }"))

        let db = directory.path("karta.db")
        let imported = try KartaProcess.run(["import", file, "--plugin", "zarechny", "--municipality", Self.municipality, "--db", db],
                                            in: directory.path)
        #expect(imported.status == 0, "\(imported.output)")
        #expect(imported.stdout.contains("imported zarechny-2023: 14 activities"), "\(imported.output)")
        let report = try KartaProcess.run(["report", "zarechny-2023", "--report", "plan", "--format", "md", "--db", db], in: directory.path)
        #expect(report.status == 0, "\(report.output)")
        let rows = Self.markdownRows(report.stdout)
        let expected = Self.expectedRows()
        #expect(rows.count == expected.count, "\(rows.count) rows printed, \(expected.count) in the document")
        for (index, (printed, wanted)) in zip(rows, expected).enumerated() {
            #expect(printed == wanted, "row \(index + 1)")
        }
        // The paragraphs above the table: title, goal, tasks.
        let show = try KartaProcess.run(["import", file, "--plugin", "zarechny", "--municipality", Self.municipality,
                                         "--to-yaml", directory.path("review.yaml")], in: directory.path)
        #expect(show.status == 0, "\(show.output)")
        let yaml = try String(contentsOfFile: directory.path("review.yaml"), encoding: .utf8)
        #expect(yaml.contains("в Заречном муниципальном округе на 2023 год"))
        #expect(yaml.contains("goal: \"повышение качества образования"))
        #expect(yaml.contains("  - \"3. Провести мониторинг"))
        #expect(!yaml.contains(OfficeFixture.deletedText.trimmingCharacters(in: .whitespaces)), "tracked deletions are not text")
        #expect(!yaml.contains("HYPERLINK"), "field instructions are not text")
    }

    /// A bad file: how to make it, and what the error must say (after `file: `).
    struct BadFile: Sendable, CustomTestStringConvertible {
        let name: String
        let ext: String
        let bytes: @Sendable () -> [UInt8]
        let expected: String
        var testDescription: String { name }
    }

    static let badFiles: [BadFile] = [
        BadFile(name: "no table", ext: "docx", bytes: { OfficeFixture.docxWithoutTable() }, expected: "no table in the document"),
        BadFile(name: "not office", ext: "docx", bytes: { OfficeFixture.notOffice() }, expected: "neither a Word document (.docx) nor an Excel workbook (.xlsx)"),
        BadFile(name: "truncated", ext: "docx", bytes: { OfficeFixture.truncatedZip() }, expected: "damaged"),
        BadFile(name: "password-protected", ext: "docx", bytes: { OfficeFixture.encryptedOffice() }, expected: "password-protected"),
        BadFile(name: "encrypted zip", ext: "xlsx", bytes: { OfficeFixture.encryptedZip() }, expected: "encrypted (password-protected)"),
        BadFile(name: "zip bomb", ext: "docx", bytes: { OfficeFixture.zipBomb(uncompressedMegabytes: 80) }, expected: "word/document.xml unpacks to more than 64 MiB; refused as a possible zip bomb"),
        BadFile(name: "many entries", ext: "docx", bytes: { OfficeFixture.manyEntries(3_000) }, expected: "more than 2000 parts"),
        BadFile(name: "empty sheet", ext: "xlsx", bytes: { OfficeFixture.xlsxEmptySheet() }, expected: "the workbook's sheets are empty"),
        BadFile(name: "formula without a value", ext: "xlsx", bytes: { OfficeFixture.xlsxWithFormulas(cached: false) }, expected: "sheet «Лист1», cell A"),
        BadFile(name: "irregular merge (xlsx)", ext: "xlsx", bytes: { OfficeFixture.xlsxIrregularMerge() }, expected: "sheet «Лист1», cell B13: a merged cell"),
        BadFile(name: "irregular merge (docx)", ext: "docx", bytes: { OfficeFixture.docxIrregularMerge() }, expected: "table 1, row 4, column 2: a merged cell covers columns 2–3"),
    ]

    /// Each bad file: an error naming the file and the place, a non-zero exit, the database
    /// unchanged (it holds the roadmap stored before, byte for byte).
    @Test(arguments: badFiles)
    func aBadFileIsRefusedAndTheDatabaseIsUnchanged(_ bad: BadFile) throws {
        let directory = try TemporaryDirectory()
        let region = try Self.makeRegion(in: directory)
        let db = directory.path("karta.db")
        let first = try KartaProcess.run(["import", region.file, "--plugin", "zarechny", "--municipality", Self.municipality, "--db", db], in: directory.path)
        #expect(first.status == 0, "\(first.output)")
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        let file = directory.path("bad.\(bad.ext)")
        try Data(bad.bytes()).write(to: URL(fileURLWithPath: file))
        let run = try KartaProcess.run(["import", file, "--plugin", "zarechny", "--municipality", Self.municipality, "--db", db, "--replace"],
                                       in: directory.path)
        #expect(run.status != 0)
        #expect(run.stderr.contains("\(file): ") && run.stderr.contains(bad.expected), "\(run.output)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before, "the database is unchanged")
    }

    /// Formulas: the values Excel saved are taken, and the user is told which cells.
    @Test func formulasAreReadAsTheirSavedValuesWithANotice() throws {
        let directory = try TemporaryDirectory()
        _ = try Self.makeRegion(in: directory)
        let file = directory.path("formulas.xlsx")
        try Data(OfficeFixture.xlsxWithFormulas(cached: true)).write(to: URL(fileURLWithPath: file))
        let run = try KartaProcess.run(["import", file, "--plugin", "zarechny", "--municipality", Self.municipality,
                                        "--to-yaml", directory.path("out.yaml")], in: directory.path)
        #expect(run.status == 0, "\(run.output)")
        #expect(run.stderr.contains("2 cells hold formulas") && run.stderr.contains("the values Excel saved with the file were taken"), "\(run.output)")
        let yaml = try String(contentsOfFile: directory.path("out.yaml"), encoding: .utf8)
        #expect(yaml.contains("number: \"1.2.\"") && yaml.contains("number: \"1.3.\""))
    }

    /// A column the plugin does not know is named with its place, not dropped.
    @Test func anUnknownColumnIsNamedWithItsPlace() throws {
        var table = Self.fixture
        table.header[4] = "Примечание"
        let (directory, file, run) = try Self.importIntoNewRegion(OfficeFixture.docx(table), named: "other.docx")
        defer { _ = directory }
        #expect(run.status != 0)
        #expect(run.stderr.contains("\(file): table 1, row 1, column 5: the column «Примечание» is not one this plugin knows"), "\(run.output)")
    }

    /// Without a document: a skeleton that passes its own check and test; a second `new` of
    /// the same id is refused; a document that fails leaves no folder behind.
    @Test func aSkeletonPassesAndAFailureLeavesNothingBehind() throws {
        let directory = try TemporaryDirectory()
        let new = try KartaProcess.run(["plugin", "new", "enskaya", "--region-code", "98", "--region-name", "Энская область", "--period", "2024"],
                                       in: directory.path)
        #expect(new.status == 0, "\(new.output)")
        let lua = try String(contentsOfFile: directory.path("plugins/enskaya/plugin.lua"), encoding: .utf8)
        #expect(lua.contains("region = { code = 98, name = \"Энская область\" }") && lua.contains("-- "))
        #expect(FileManager.default.fileExists(atPath: directory.path("regions/enskaya/roadmap-2024.yaml")))
        #expect(try KartaProcess.run(["plugin", "check", "plugins/enskaya"], in: directory.path).status == 0)
        let test = try KartaProcess.run(["plugin", "test", "enskaya"], in: directory.path)
        #expect(test.status == 0 && test.stdout.contains("goldens: 10 passed, 0 failed"), "\(test.output)")
        let again = try KartaProcess.run(["plugin", "new", "enskaya", "--region-code", "98", "--region-name", "Энская область"], in: directory.path)
        #expect(again.status != 0 && again.stderr.contains("plugins/enskaya already exists"), "\(again.output)")

        // The plugin is written before the document is read with it; no title, so no period.
        var untitled = Self.fixture
        untitled.paragraphs = []
        let file = directory.path("untitled.docx")
        try Data(OfficeFixture.docx(untitled)).write(to: URL(fileURLWithPath: file))
        let failed = try KartaProcess.run(["plugin", "new", "other", "--region-code", "97", "--region-name", "Другая область", "--from", file],
                                          in: directory.path)
        #expect(failed.status != 0 && failed.stderr.contains("\(file): the title does not say the period"), "\(failed.output)")
        #expect(!FileManager.default.fileExists(atPath: directory.path("plugins/other")))
        #expect(!FileManager.default.fileExists(atPath: directory.path("regions/other")))
    }

    /// A section typed into one cell of an ordinary row, not merged, is still a section when
    /// its text is one of the plugin's stages.
    @Test func anUnmergedSectionRowNamingAStageIsASection() throws {
        let directory = try TemporaryDirectory()
        _ = try Self.makeRegion(in: directory)
        var table = Self.fixture
        table.rows = table.rows.map { row in
            if case .section(let text) = row, text.hasPrefix("2.") { return .data(["", text, "", "", "", ""]) }
            return row
        }
        let file = directory.path("unmerged.docx")
        try Data(OfficeFixture.docx(table)).write(to: URL(fileURLWithPath: file))
        let run = try KartaProcess.run(["import", file, "--plugin", "zarechny", "--municipality", Self.municipality,
                                        "--to-yaml", directory.path("out.yaml")], in: directory.path)
        #expect(run.status == 0, "\(run.output)")
        let yaml = try String(contentsOfFile: directory.path("out.yaml"), encoding: .utf8)
        #expect(yaml.contains("  - number: \"2.1.\"\n    stage: \"2\"\n"), "\(yaml.prefix(3000))")
        #expect(!yaml.contains("Методическое сопровождение\"\n"), "the section is no activity")
    }

    /// A header of two rows: «Сроки» merged over «план» and «факт», the other titles merged
    /// down. Each title below is a column of its own, titled with the one above it.
    @Test func aTwoRowHeaderGivesAColumnPerTitleBelow() throws {
        func cell(_ text: String, _ properties: String = "") -> String {
            "<w:tc><w:tcPr>\(properties)</w:tcPr><w:p><w:r><w:t xml:space=\"preserve\">\(text)</w:t></w:r></w:p></w:tc>"
        }
        let down = "<w:vMerge w:val=\"restart\"/>"
        let below = "<w:vMerge/>"
        let rows = [
            cell("№ п/п", down) + cell("Мероприятие", down) + cell("Сроки", "<w:gridSpan w:val=\"2\"/>") + cell("Ответственные", down),
            cell("", below) + cell("", below) + cell("план") + cell("факт") + cell("", below),
            cell("1.") + cell("Совещание руководителей") + cell("март 2024") + cell("14.03.2024") + cell("УО"),
            cell("2.") + cell("Семинар для кураторов") + cell("апрель 2024") + cell("") + cell("УО, ММС"),
        ]
        let body = "<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Дорожная карта на 2024 год</w:t></w:r></w:p><w:tbl><w:tblGrid>"
            + String(repeating: "<w:gridCol/>", count: 5) + "</w:tblGrid>" + rows.map { "<w:tr>\($0)</w:tr>" }.joined() + "</w:tbl>"
        let directory = try TemporaryDirectory()
        let file = directory.path("two-rows.docx")
        try Data(OfficeFixture.docx(body: body)).write(to: URL(fileURLWithPath: file))
        let new = try KartaProcess.run(["plugin", "new", "dvuh", "--region-code", "96", "--region-name", "Двухстрочная область", "--from", file],
                                       in: directory.path)
        #expect(new.status == 0, "\(new.output)")
        let lua = try String(contentsOfFile: directory.path("plugins/dvuh/plugin.lua"), encoding: .utf8)
        #expect(lua.contains("{ id = \"timing\", title = \"Сроки\\nплан\" }") && lua.contains("{ id = \"fact\", title = \"Сроки\\nфакт\" }"), "\(lua)")
        let yaml = try String(contentsOfFile: directory.path("regions/dvuh/roadmap-2024.yaml"), encoding: .utf8)
        #expect(yaml.contains("timing: \"март 2024\"\n    fact: \"14.03.2024\""), "\(yaml)")
        #expect(yaml.contains("title: \"Семинар для кураторов\"\n    timing: \"апрель 2024\"\n    responsible"), "\(yaml)")
    }

    /// A row with an activity's text but no title is named, not dropped.
    @Test func aRowWithoutATitleIsNamedWithItsPlace() throws {
        var table = Self.fixture
        table.rows.insert(.data(["", "", "", "УО", "", ""]), at: 4)
        let (directory, file, run) = try Self.importIntoNewRegion(OfficeFixture.docx(table, quirks: .plain), named: "no-title.docx")
        defer { _ = directory }
        #expect(run.status != 0)
        #expect(run.stderr.contains("\(file): table 1, row 6: an activity row without the activity's title"), "\(run.output)")
    }

    /// Text in a column whose header cell is empty would be lost: it is named with its place.
    @Test func textUnderAnUntitledColumnIsNamedWithItsPlace() throws {
        var table = Self.fixture
        table.header[4] = ""
        let (directory, file, run) = try Self.importIntoNewRegion(OfficeFixture.xlsx(table), named: "untitled-column.xlsx")
        defer { _ = directory }
        #expect(run.status != 0)
        #expect(run.stderr.contains("\(file): sheet «Лист1», cell E13: text under no column of the header («Назначен муниципальный координатор"), "\(run.output)")
    }

    /// Makes the region in a new folder, then imports `bytes` saved as `name` into a database there.
    static func importIntoNewRegion(_ bytes: [UInt8], named name: String) throws -> (TemporaryDirectory, String, KartaRun) {
        let directory = try TemporaryDirectory()
        _ = try makeRegion(in: directory)
        let file = directory.path(name)
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        let run = try KartaProcess.run(["import", file, "--plugin", "zarechny", "--municipality", municipality,
                                        "--db", directory.path("k.db")], in: directory.path)
        return (directory, file, run)
    }

    /// The region made from the Word document, for the tests that import other files.
    static func makeRegion(in directory: TemporaryDirectory) throws -> (file: String, plugin: String) {
        let file = directory.path("zarechny.docx")
        try Data(OfficeFixture.docx(fixture)).write(to: URL(fileURLWithPath: file))
        let new = try KartaProcess.run(["plugin", "new", "zarechny", "--region-code", "99", "--region-name", "Заречная область",
                                        "--from", file, "--municipality", municipality], in: directory.path)
        #expect(new.status == 0, "\(new.output)")
        return (file, directory.path("plugins/zarechny"))
    }
}
