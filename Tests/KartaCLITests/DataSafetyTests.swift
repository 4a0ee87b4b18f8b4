import Foundation
import GRDB
import KartaTesting
import Testing

/// Items 1 and 2 of issue 22: no command destroys work, and a file that is not Karta's
/// database is left alone — every refusal compared byte for byte with the folder before it,
/// so that a changed byte or a `-wal`, `-shm` or `-journal` file appearing fails the test.
@Suite(.serialized) struct DataSafetyTests {
    /// Files that are not Karta's database.
    static let foreign: [(name: String, make: @Sendable (String) throws -> Void)] = [
        ("empty", { try Data().write(to: URL(fileURLWithPath: $0)) }),
        ("text", { try Data("это не база данных\n".utf8).write(to: URL(fileURLWithPath: $0)) }),
        ("random bytes", { path in
            var generator = SystemRandomNumberGenerator()
            try Data((0..<5000).map { _ in UInt8.random(in: 0...255, using: &generator) }).write(to: URL(fileURLWithPath: path))
        }),
        ("another application's SQLite", { path in
            try DatabaseQueue(path: path).write { try $0.execute(sql: "CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Иванова')") }
        }),
        ("another application's SQLite in WAL mode", { path in
            let pool = try DatabasePool(path: path)
            try pool.write { try $0.execute(sql: "CREATE TABLE roadmap (id TEXT); INSERT INTO roadmap VALUES ('pskov-2021')") }
        }),
    ]

    /// Every command that opens the database, with arguments that would otherwise work.
    static let commands: [[String]] = [
        ["roadmaps"], ["show", "pskov-2021"], ["history", "pskov-2021"], ["status", "--all"], ["report", "pskov-2021"],
        ["due", "--as", "МК"], ["submissions", "pskov-2021"], ["user", "list"],
        ["mark", "pskov-2021", "12.5", "--as", "МК", "--report", "x"], ["approve", "pskov-2021", "--as", "УО", "--order", "1", "--date", "01.02.2021"],
        ["amend", "pskov-2021", "1", "--as", "УО", "--title", "x"], ["submit", "pskov-2021", "--as", "МК"], ["user", "disable", "mk"],
        ["init"], ["import", "regions/pskov/roadmap-2021.yaml"],
    ]

    @Test func noCommandTouchesAFileThatIsNotKartas() throws {
        for (name, make) in Self.foreign {
            let directory = try TemporaryDirectory()
            let db = directory.path("other.sqlite")
            try make(db)
            let before = FolderSnapshot(directory.path)
            for command in Self.commands {
                let run = try KartaProcess.run(command + ["--db", db])
                #expect(run.status == 1, "\(name): \(command): \(run.output)")
                #expect(run.stderr.contains("\(db) is not a Karta database"), "\(name): \(command): \(run.stderr)")
                #expect(FolderSnapshot(directory.path) == before, "\(name): \(command): \(FolderSnapshot(directory.path))")
            }
            // The demo too, unless forced; then the file is replaced by a Karta database.
            let demo = try KartaProcess.run(["demo", "--output", directory.path("out"), "--db", db, "--formats", "md"])
            #expect(demo.status == 1 && demo.stderr.contains("--force"), "\(name): \(demo.output)")
            #expect(FolderSnapshot(directory.path) == before, "\(name): demo")
        }
    }

    @Test func aMissingFileIsAnErrorForCommandsThatReadOrRecord() throws {
        let directory = try TemporaryDirectory()
        let db = directory.path("nothing/here.sqlite")
        for command in Self.commands where command != ["init"] && command.first != "import" {
            let run = try KartaProcess.run(command + ["--db", db])
            #expect(run.status == 1, "\(command): \(run.output)")
            #expect(run.stderr.contains("\(db): no such database"), "\(command): \(run.stderr)")
        }
        #expect(FolderSnapshot(directory.path).files.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: directory.path("nothing")))
        #expect(try KartaProcess.run(["init", "--db", db]).status == 0)
    }

    @Test func aDatabaseOfANewerKartaIsRefusedByEveryCommand() throws {
        let directory = try TemporaryDirectory()
        let db = directory.path("k.sqlite")
        #expect(try KartaProcess.run(["import", "--db", db, "regions/pskov/roadmap-2021.yaml"]).status == 0)
        try DatabaseQueue(path: db).write { try $0.execute(sql: "INSERT INTO grdb_migrations VALUES ('v42: from a newer Karta')") }
        let before = FolderSnapshot(directory.path)
        for command in Self.commands + [["demo", "--output", directory.path("out"), "--formats", "md"]] {
            let run = try KartaProcess.run(command + ["--db", db])
            #expect(run.status == 1, "\(command): \(run.output)")
            #expect(run.stderr.contains("newer Karta") || run.stderr.contains("--force"), "\(command): \(run.stderr)")
            #expect(FolderSnapshot(directory.path) == before, "\(command)")
        }
    }

    @Test func commandsThatReadChangeNoByteOfKartasDatabase() throws {
        let directory = try TemporaryDirectory()
        let db = directory.path("k.sqlite")
        #expect(try KartaProcess.run(["import", "--db", db, "regions/pskov/roadmap-2021.yaml"]).status == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        for command in Self.commands.prefix(8) {
            let run = try KartaProcess.run(command + ["--db", db], environment: ["TERM": "dumb"])
            #expect(run.status == 0 || command.first == "due", "\(command): \(run.output)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before, "\(command)")
        }
    }

    /// Commands that read, run while others record: each sees Karta's database (the look
    /// at the file waits for a writer's locks, and is never taken for «not a Karta
    /// database»), and every change is recorded.
    @Test func readersAndWritersAtOnce() throws {
        let directory = try TemporaryDirectory()
        let db = directory.path("k.sqlite")
        #expect(try KartaProcess.run(["import", PackagePaths.path("regions/spb/roadmap-2021.yaml"), "--db", db]).status == 0)
        let keys = ["1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7", "1.8"]
        let failures = Failures(count: 8)
        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            var found: [String] = []
            for round in 0..<4 {
                let command = worker < 4
                    ? ["mark", "spb-vo-2021", keys[worker * 2 + round % 2], "--as", "ИМЦ", "--report", "раунд \(round)"]
                    : [["roadmaps"], ["history", "spb-vo-2021"], ["show", "spb-vo-2021"], ["status", "spb-vo-2021"]][worker - 4]
                do {
                    let run = try KartaProcess.run(command + ["--db", db])
                    if run.status != 0 { found.append("\(command): \(run.output)") }
                } catch {
                    found.append("\(command): \(error)")
                }
            }
            failures.set(worker, found)
        }
        #expect(failures.all.flatMap { $0 }.isEmpty, "\(failures.all.flatMap { $0 }.joined(separator: "\n"))")
        let history = try KartaProcess.run(["history", "spb-vo-2021", "--db", db])
        #expect(history.stdout.split(separator: "\n").filter { $0.contains("раунд") }.count == 16)
    }

    /// The demo replaces its own database while nothing else was recorded in it: a second
    /// `make run` works; a database with a change, an import, an approval or a submission —
    /// or one `init` made — is refused with the whole output folder unchanged, until `--force`.
    @Test func theDemoReplacesOnlyItsOwnUntouchedDatabase() throws {
        let directory = try TemporaryDirectory()
        let out = directory.path("out")
        let db = out + "/karta.sqlite"
        let demo = ["demo", "--output", out, "--formats", "md"]
        #expect(try KartaProcess.run(demo).status == 0)
        #expect(try KartaProcess.run(demo).status == 0)

        let changes: [(String, [String])] = [
            ("a change", ["mark", "pskov-2021", "12.5", "--as", "МК", "--report", "проведено", "--db", db]),
            ("an import", ["import", "--replace", "regions/spb/roadmap-2021.yaml", "--db", db]),
            ("an approval", ["approve", "shakhty-2022", "--as", "department", "--order", "279", "--date", "01.07.2022", "--db", db]),
            ("a submission", ["submit", "shakhty-2022", "--stage", "2", "--as", "mk", "--db", db]),
        ]
        for (name, change) in changes {
            let changed = try KartaProcess.run(change)
            #expect(changed.status == 0, "\(name): \(changed.output)")
            let before = FolderSnapshot(out)
            let refused = try KartaProcess.run(demo)
            #expect(refused.status == 1, "\(name): \(refused.output)")
            #expect(refused.stderr.contains(db) && refused.stderr.contains("--force"), "\(name): \(refused.stderr)")
            #expect(refused.stderr.contains(name == "a submission" ? "1 submission" : "not made by karta demo"), "\(name): \(refused.stderr)")
            #expect(FolderSnapshot(out) == before, "\(name)")
            let forced = try KartaProcess.run(demo + ["--force"])
            #expect(forced.status == 0, "\(name): \(forced.output)")
            let history = try KartaProcess.run(["history", "pskov-2021", "--db", db])
            #expect(!history.stdout.contains("проведено"), "\(name)")
        }

        // A database made by init (or anything but the demo) is not the demo's to replace.
        let other = directory.path("init.sqlite")
        #expect(try KartaProcess.run(["init", "--db", other]).status == 0)
        let before = FolderSnapshot(directory.path)
        let refused = try KartaProcess.run(["demo", "--output", directory.path("out2"), "--db", other, "--formats", "md"])
        #expect(refused.status == 1 && refused.stderr.contains("nothing imported by karta demo"), "\(refused.output)")
        #expect(FolderSnapshot(directory.path) == before)
    }
}

/// What each of several concurrent workers found.
private final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [[String]]
    init(count: Int) { values = Array(repeating: [], count: count) }
    func set(_ index: Int, _ value: [String]) { lock.withLock { values[index] = value } }
    var all: [[String]] { lock.withLock { values } }
}
