import Foundation
import GRDB
import KartaCore
@testable import KartaStore
import KartaTesting
import Testing

/// Files that are not Karta's database, each made in a folder of its own by `make(path)`.
struct ForeignFile: CustomTestStringConvertible, Sendable {
    let name: String
    let make: @Sendable (String) throws -> Void
    var testDescription: String { name }

    static let all: [ForeignFile] = [
        ForeignFile(name: "empty file") { try Data().write(to: URL(fileURLWithPath: $0)) },
        ForeignFile(name: "text") { try Data("name,value\nа,1\n".utf8).write(to: URL(fileURLWithPath: $0)) },
        ForeignFile(name: "random bytes") { path in
            var generator = SeededGenerator(seed: 22)
            try Data((0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }).write(to: URL(fileURLWithPath: path))
        },
        ForeignFile(name: "SQLite header only") { try Data("SQLite format 3\0".utf8 + [UInt8](repeating: 0, count: 84)).write(to: URL(fileURLWithPath: $0)) },
        ForeignFile(name: "another application's database") { path in
            try DatabaseQueue(path: path).write { try $0.execute(sql: "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes (text) VALUES ('мои заметки')") }
        },
        ForeignFile(name: "another application's WAL database") { path in
            let pool = try DatabasePool(path: path)
            try pool.write { try $0.execute(sql: "CREATE TABLE roadmap (id TEXT); INSERT INTO roadmap VALUES ('not karta')") }
        },
        ForeignFile(name: "another application's id") { path in
            try DatabaseQueue(path: path).write { try $0.execute(sql: "PRAGMA application_id = 252006674; CREATE TABLE t (x)") }
        },
        ForeignFile(name: "an empty SQLite database") { path in
            try DatabaseQueue(path: path).write { try $0.execute(sql: "PRAGMA user_version = 1") }
        },
        ForeignFile(name: "a folder") { try FileManager.default.createDirectory(atPath: $0, withIntermediateDirectories: true) },
    ]
}

@Suite struct OpenModeTests {
    static let modes: [KartaDatabase.OpenMode] = [.readOnly, .readWrite, .create]

    @Test(arguments: ForeignFile.all, modes)
    func aFileThatIsNotKartasIsRefusedInEveryModeAndLeftAlone(_ file: ForeignFile, mode: KartaDatabase.OpenMode) throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("other.sqlite")
        try file.make(path)
        let before = FolderSnapshot(directory.path)
        #expect(before.files.keys.allSatisfy { !$0.hasSuffix("-wal") && !$0.hasSuffix("-shm") }, "\(before)")
        do {
            _ = try KartaDatabase(path: path, mode: mode)
            Issue.record("\(file.name) opened as \(mode)")
        } catch {
            guard case .notKarta = error else { Issue.record("\(error)"); return }
            #expect(error.description.contains(path), "\(error)")
            #expect(error.description.contains("is not a Karta database"), "\(error)")
        }
        #expect(FolderSnapshot(directory.path) == before)
    }

    @Test(arguments: ForeignFile.all)
    func theDemoNeverReplacesAFileThatIsNotKartasWithoutForce(_ file: ForeignFile) throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("other.sqlite")
        try file.make(path)
        let before = FolderSnapshot(directory.path)
        #expect(throws: StoreError.self) { try KartaDatabase.replacingDemo(path: path, force: false) }
        #expect(FolderSnapshot(directory.path) == before)
    }

    @Test(arguments: [KartaDatabase.OpenMode.readOnly, .readWrite])
    func aMissingFileIsNeverCreatedByReadingOrRecording(mode: KartaDatabase.OpenMode) throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("sub/missing.sqlite")
        #expect(throws: Message(StoreError.noDatabase(path: path).description)) {
            do { _ = try KartaDatabase(path: path, mode: mode) } catch { throw Message("\(error)") }
        }
        #expect(FolderSnapshot(directory.path).files.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: directory.path("sub")))
    }

    @Test(arguments: modes)
    func aNewerSchemaIsRefusedNotHalfMigrated(mode: KartaDatabase.OpenMode) throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("k.sqlite")
        try KartaDatabase(path: path).save(try RoadmapFile.decode(minimalYAML, file: "t.yaml"))
        try DatabaseQueue(path: path).write { try $0.execute(sql: "INSERT INTO grdb_migrations VALUES ('v99: from the future')") }
        let before = FolderSnapshot(directory.path)
        do {
            _ = try KartaDatabase(path: path, mode: mode)
            Issue.record("a newer schema opened as \(mode)")
        } catch {
            #expect(error.description.contains("newer Karta") && error.description.contains("v99: from the future"), "\(error)")
        }
        #expect(FolderSnapshot(directory.path) == before)
    }

    @Test func anOlderSchemaIsMigratedOnlyByCreate() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("k.sqlite")
        try KartaDatabase(path: path).save(try RoadmapFile.decode(minimalYAML, file: "t.yaml"))
        // As Karta before migration v7 left it: no application id.
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier LIKE 'v7:%'; PRAGMA application_id = 0")
        }
        let before = FolderSnapshot(directory.path)
        for mode in [KartaDatabase.OpenMode.readOnly, .readWrite] {
            #expect(throws: StoreError.self) { try KartaDatabase(path: path, mode: mode) }
            #expect(FolderSnapshot(directory.path) == before)
        }
        let migrated = try KartaDatabase(path: path, mode: .create)
        #expect(try migrated.appliedMigrations().last == "v7: Karta's application id")
        #expect(try migrated.roadmap(id: "test-2021") != nil)
        #expect(try DatabaseFile.inspect(path).content == .karta(.current))
    }

    @Test func readOnlyReadsKartasDatabaseAndChangesNoByteOfIt() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("k.sqlite")
        try KartaDatabase(path: path).save(try RoadmapFile.decode(minimalYAML, file: "t.yaml"))
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let database = try KartaDatabase(path: path, mode: .readOnly)
        #expect(try database.roadmaps().map(\.id) == ["test-2021"])
        var changed = try RoadmapFile.decode(minimalYAML, file: "t.yaml")
        changed.id = "other-2021"
        #expect(throws: (any Error).self) { try database.save(changed) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        // While a writer holds it open (its -wal and -shm exist), a reader sees its commits.
        let writer = try KartaDatabase(path: path, mode: .readWrite)
        try writer.save(changed)
        #expect(try KartaDatabase(path: path, mode: .readOnly).roadmaps().map(\.id).sorted() == ["other-2021", "test-2021"])
    }

    @Test func onlyAnUntouchedDemoDatabaseIsReplaceable() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("k.sqlite")
        let roadmap = try RoadmapFile.decode(minimalYAML, file: "t.yaml")
        try KartaDatabase.replacingDemo(path: path, force: false).save(roadmap, actor: KartaDatabase.demoActor)
        #expect(try DatabaseFile.inspect(path).isReplaceable)
        _ = try KartaDatabase.replacingDemo(path: path, force: false)
        // An empty database made by init is not the demo's.
        #expect(try !DatabaseFile.inspect(path).isReplaceable)

        let changes: [(String, (KartaDatabase) throws -> Void)] = [
            ("an import", { var other = roadmap; other.id = "other-2021"; try $0.save(other) }),
            ("a change", { db in
                try db.change(roadmap: roadmap.id, activity: "1", ActivityChange(move: nil, report: "сделано", actor: Actor(role: "mk"))) { _, _, change in change }
            }),
            ("an account", { try $0.addAccount(Account(login: "mk", name: "М. К.", plugin: "pskov", role: "mk", scope: .region), passwordHash: "x") }),
        ]
        for (name, change) in changes {
            try? FileManager.default.removeItem(atPath: path)
            try KartaDatabase.replacingDemo(path: path, force: false).save(roadmap, actor: KartaDatabase.demoActor)
            try change(try KartaDatabase(path: path, mode: .readWrite))
            #expect(try !DatabaseFile.inspect(path).isReplaceable, "\(name)")
            #expect(try !DatabaseFile.inspect(path).beyondDemo.isEmpty, "\(name)")
            let before = FolderSnapshot(directory.path)
            #expect(throws: StoreError.self, "\(name)") { try KartaDatabase.replacingDemo(path: path, force: false) }
            #expect(FolderSnapshot(directory.path) == before, "\(name)")
            #expect(try KartaDatabase.replacingDemo(path: path, force: true).roadmaps().isEmpty, "\(name)")
        }
    }
}

struct Message: Error, CustomStringConvertible, Equatable {
    var description: String
    init(_ description: String) { self.description = description }
}
