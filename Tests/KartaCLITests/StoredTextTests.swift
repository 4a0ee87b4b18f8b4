import Foundation
import KartaCore
import KartaStore
import KartaTesting
import Testing

/// Control characters never reach the database: `mark`, `amend` and `import` refuse them
/// with the field named, and every stored row stays as it was.
///
/// Rows, not the file's bytes: opening the database at all (even `karta roadmaps`) still
/// changes its header and free list today, which the read-only opens of issue 22 address.
@Suite struct StoredTextTests {
    /// What a user might paste or a file might hold: BEL, a screen-clearing escape, DEL, NEL,
    /// CSI (C1), a lone carriage return, SOH.
    static let variants = ["\u{7}", "\u{1B}[2J", "\u{7F}", "\u{85}", "\u{9B}", "\r", "\u{1}"]

    /// Everything stored: each roadmap whole, with its history.
    static func stored(_ db: String) throws -> [Stored] {
        let database = try KartaDatabase(path: db)
        return try database.roadmaps().map { summary in
            Stored(roadmap: try database.roadmap(id: summary.id), history: try database.history(roadmap: summary.id))
        }
    }

    struct Stored: Equatable {
        var roadmap: Roadmap?
        var history: [HistoryEntry]
    }

    static func code(_ variant: String) -> String {
        let hex = String(variant.unicodeScalars.first!.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: 4 - hex.count) + hex
    }

    /// (arguments after the variant is put in, the field named in the refusal).
    static let fields: [(name: String, arguments: @Sendable (String) -> [String])] = [
        ("текст отчета", { ["mark", "spb-vo-2021", "1.1", "--as", "ИМЦ", "--report", "Проведено\($0) совещание"] }),
        ("комментарий", { ["mark", "spb-vo-2021", "1.1", "in_progress", "--as", "ИМЦ", "--comment", "начали\($0)"] }),
        ("подтверждение 2", { ["mark", "spb-vo-2021", "1.1", "--as", "ИМЦ", "--evidence", "Приказ № 1", "--evidence", "Приказ\($0) № 2"] }),
        ("исполнитель", { ["mark", "spb-vo-2021", "1.1", "--as", "ИМЦ", "--by", "Иванова\($0) И.И.", "--report", "ок"] }),
        ("--fact", { ["mark", "spb-vo-2021", "1.1", "--as", "ИМЦ", "--fact", "10.02.2021\($0)"] }),
        ("название", { ["amend", "shakhty-2022", "1.4", "--as", "mk", "--title", "Итоги\($0)"] }),
        ("сроки", { ["amend", "shakhty-2022", "1.4", "--as", "mk", "--timing", "Январь\($0) 2023"] }),
        ("номер приказа", { ["approve", "shakhty-2022", "--as", "department", "--order", "27\($0)9", "--date", "01.07.2022"] }),
    ]

    @Test(arguments: variants, 0..<fields.count)
    func controlCharacterIsRefusedAndNothingChanges(_ variant: String, _ field: Int) throws {
        let directory = try TemporaryDirectory()
        let db = directory.path("karta.sqlite")
        let files = ["regions/spb/roadmap-2021.yaml", "regions/shakhty/roadmap-2022.yaml"].map(PackagePaths.path)
        #expect(try KartaProcess.run(["import"] + files + ["--db", db]).status == 0)
        let before = try Self.stored(db)
        let run = try KartaProcess.run(Self.fields[field].arguments(variant) + ["--db", db])
        #expect(run.status == 1, "\(run.output)")
        #expect(run.stderr.contains("поле «\(Self.fields[field].name)»: недопустимый управляющий символ \(Self.code(variant))"), "\(run.stderr)")
        #expect(!run.stderr.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || (0x7F...0x9F).contains($0.value) }, "\(run.stderr)")
        #expect(try Self.stored(db) == before)
    }

    @Test func crlfInReportIsStoredAsLineFeed() throws {
        let directory = try TemporaryDirectory()
        let db = directory.path("karta.sqlite")
        #expect(try KartaProcess.run(["import", PackagePaths.path("regions/spb/roadmap-2021.yaml"), "--db", db]).status == 0)
        let run = try KartaProcess.run(["mark", "spb-vo-2021", "1.1", "--as", "ИМЦ", "--report", "первая\r\nвторая", "--db", db])
        #expect(run.status == 0, "\(run.output)")
        let stored = try KartaDatabase(path: db).roadmap(id: "spb-vo-2021")?.activity(key: "1.1")?.report
        #expect(stored == "первая\nвторая")
    }

    /// YAML escapes bring each control character into a field; the import names the file,
    /// line, column and field, and stores nothing.
    static let yamlVariants = [#"\0"#, #"\a"#, #"\e[2J"#, #"\x7F"#, #"\N"#, #"\x9B"#, #"\r"#, #"\x01"#]
    static let yamlFields: [(old: String, new: @Sendable (String) -> String, expected: String)] = [
        (#"subtitle: "(приложение"#, { #"subtitle: "(прил\#($0)ожение"# }, "bad.yaml:11:11: subtitle: control character"),
        (#"title: "Назначен"#, { #"title: "Назначен\#($0)"# }, "bad.yaml:23:12: activities[0].title: control character"),
        (#"description: "Назначен"#, { #"description: "\#($0)Назначен"# }, "bad.yaml:24:18: activities[0].description: control character"),
        (#"- "http://uo.pskovadmin.ru/mon""#, { #"- "http://uo.pskovadmin.ru/mon\#($0)""# }, "bad.yaml:31:9: activities[0].evidence[0]: control character"),
        (#"name: "Г.А. Козеряцкая""#, { #"name: "Г.А.\#($0) Козеряцкая""# }, "bad.yaml:20:11: signatures[0].name: control character"),
    ]

    @Test(arguments: yamlVariants, 0..<yamlFields.count)
    func importRefusesControlCharacters(_ variant: String, _ field: Int) throws {
        let directory = try TemporaryDirectory()
        let db = directory.path("karta.sqlite")
        #expect(try KartaProcess.run(["import", PackagePaths.path("regions/spb/roadmap-2021.yaml"), "--db", db]).status == 0)
        let fixture = try String(contentsOfFile: PackagePaths.path("regions/pskov/roadmap-2021.yaml"), encoding: .utf8)
        let (old, new, expected) = Self.yamlFields[field]
        #expect(fixture.contains(old))
        _ = try directory.write("bad.yaml", fixture.replacingFirst(old, with: new(variant)))
        let before = try Self.stored(db)
        let run = try KartaProcess.run(["import", "bad.yaml", "--db", db, "--plugins", PackagePaths.path("plugins")], in: directory.path(""))
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("Error: " + expected), "\(run.stderr)")
        #expect(run.stderr.contains("is not allowed in text"), "\(run.stderr)")
        #expect(try Self.stored(db) == before)
    }
}
