import Foundation
import KartaCore
@testable import KartaStore
import KartaTesting
import Testing

/// The two engines the store runs on, each giving a new, empty store per test: an SQLite
/// file in a temporary folder, or a database of its own on the test PostgreSQL server
/// (``TestPostgres``: the one `make test` started, or one started here).
enum Engine: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgres

    var testDescription: String { rawValue }

    /// Where a new, empty store of this engine is (nothing created yet); an SQLite file goes
    /// in `folder`.
    func freshLocation(_ label: String, in folder: TemporaryDirectory) throws -> StoreLocation {
        switch self {
        case .sqlite: .file(folder.path("\(label)-\(UUID().uuidString).sqlite"))
        case .postgres: .postgres(url: try TestPostgres.freshDatabase(label))
        }
    }

    /// A new store with Karta's schema.
    func fresh(_ label: String, in folder: TemporaryDirectory) throws -> (store: any RoadmapStore, location: StoreLocation) {
        let location = try freshLocation(label, in: folder)
        return (try location.open(.create), location)
    }
}

/// A check for `#expect(performing:throws:)`: the error is this case of ``StoreError``
/// (compared by the case's name, whatever it carries).
func isStoreError(_ name: String) -> @Sendable (any Error) -> Bool {
    { error in
        guard let error = error as? StoreError else { return false }
        let label = Mirror(reflecting: error).children.first?.label ?? "\(error)"
        return label == name
    }
}

/// The four regions' transcribed roadmaps.
enum Fixtures {
    static let roadmaps: [Roadmap] = {
        let root = PackagePaths.path("regions")
        let folders = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).sorted()
        return folders.flatMap { folder -> [Roadmap] in
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: "\(root)/\(folder)")) ?? []).sorted()
            return names.filter { $0.hasSuffix(".yaml") }.compactMap { name in
                let path = "\(root)/\(folder)/\(name)"
                guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
                return try? RoadmapFile.decode(text, file: path)
            }
        }
    }()
}

/// The store's operations, each checked on SQLite and on PostgreSQL alike.
@Suite(.serialized) struct EngineTests {
    let mk = Actor(role: "mk", name: "Иванова И.И.")
    let folder: TemporaryDirectory

    init() throws { folder = try TemporaryDirectory(prefix: "karta-engine") }

    @Test func theFixturesAreThere() {
        #expect(Fixtures.roadmaps.count == 4)
    }

    @Test func bothEnginesKnowTheSameMigrations() {
        #expect(PostgresMigrations.names == Migrations.migrator.migrations)
    }

    @Test(arguments: Engine.allCases)
    func migrationsAreAppliedOnceAndNamed(_ engine: Engine) throws {
        let (store, location) = try engine.fresh("migrate", in: folder)
        #expect(try store.appliedMigrations() == Migrations.migrator.migrations)
        // Opening again in every mode changes nothing.
        for mode in [KartaDatabase.OpenMode.create, .readWrite, .readOnly] {
            #expect(try location.open(mode).appliedMigrations() == Migrations.migrator.migrations)
        }
        #expect(try store.integrityCheck() == "ok")
    }

    @Test(arguments: Engine.allCases)
    func aMissingSchemaIsNotCreatedByReadingOrRecording(_ engine: Engine) throws {
        let location = try engine.freshLocation("missing", in: folder)
        for mode in [KartaDatabase.OpenMode.readOnly, .readWrite] {
            #expect(performing: {
                _ = try location.open(mode)
            }, throws: isStoreError("noDatabase"))
        }
    }

    @Test func aPostgresSchemaWithForeignTablesOfKartasNamesIsRefused() throws {
        let url = try TestPostgres.freshDatabase("foreign")
        try TestPostgres.psql(url, "CREATE TABLE roadmap (id text)")
        for mode in [KartaDatabase.OpenMode.readOnly, .readWrite, .create] {
            #expect(performing: {
                _ = try StoreLocation(url).open(mode)
            }, throws: isStoreError("notKarta"))
        }
        #expect(try TestPostgres.psql(url, "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'") == "1")
    }

    @Test func aPostgresSchemaOfANewerKartaIsRefused() throws {
        let url = try TestPostgres.freshDatabase("newer")
        _ = try StoreLocation(url).open(.create)
        try TestPostgres.psql(url, "INSERT INTO karta_migration VALUES ('v99: from the future', '9999-01-01 00:00:00.000')")
        #expect {
            _ = try StoreLocation(url).open(.create)
        } throws: { error in
            guard case .newerSchema(_, let unknown) = error as? StoreError else { return false }
            return unknown == ["v99: from the future"]
        }
    }

    @Test(arguments: Engine.allCases)
    func roadmapsComeBackAsTheyWereSaved(_ engine: Engine) throws {
        let (store, _) = try engine.fresh("roundtrip", in: folder)
        try store.save(Fixtures.roadmaps)
        for roadmap in Fixtures.roadmaps {
            #expect(try store.roadmap(id: roadmap.id) == roadmap)
        }
        #expect(try store.roadmaps().map(\.id) == Fixtures.roadmaps.sorted { ($0.regionCode, $0.id) < ($1.regionCode, $1.id) }.map(\.id))
        var seen: [String] = []
        try store.forEachRoadmap { seen.append($0.id) }
        #expect(seen == (try store.roadmaps()).map(\.id))
        let pskov = try #require(Fixtures.roadmaps.first { $0.plugin == "pskov" })
        #expect(try store.roadmapHeaders(plugin: "pskov").map(\.id) == [pskov.id])
        #expect(try store.history(roadmap: pskov.id).map(\.field) == ["roadmap"])
    }

    @Test(arguments: Engine.allCases)
    func aSaveIsAllOrNothing(_ engine: Engine) throws {
        let (store, _) = try engine.fresh("atomic", in: folder)
        let first = Fixtures.roadmaps[0]
        try store.save(first)
        // The second roadmap of this save exists already: neither is stored.
        #expect(throws: StoreError.self) { try store.save([Fixtures.roadmaps[1], first]) }
        #expect(try store.roadmaps().map(\.id) == [first.id])
        // A roadmap given twice in one save is refused too.
        #expect(throws: StoreError.self) { try store.save([Fixtures.roadmaps[2], Fixtures.roadmaps[2]]) }
        #expect(try store.roadmap(id: Fixtures.roadmaps[2].id) == nil)
        // next() failing mid-way stores nothing.
        struct Stop: Error {}
        var handed = 0
        #expect(throws: Stop.self) {
            try store.save(replace: false, actor: mk, at: Date()) { () throws -> Roadmap? in
                handed += 1
                if handed == 2 { throw Stop() }
                return Fixtures.roadmaps[3]
            }
        }
        #expect(try store.roadmap(id: Fixtures.roadmaps[3].id) == nil)
        var changed = first
        changed.title = "Другое название"
        try store.save(changed, replace: true)
        #expect(try store.roadmap(id: first.id)?.title == "Другое название")
        #expect(try store.history(roadmap: first.id).compactMap { $0.newValue?.prefix(8) } == ["imported", "replaced"])
    }

    @Test(arguments: Engine.allCases)
    func aChangeIsRecordedWithItsHistoryAndARefusalStoresNothing(_ engine: Engine) throws {
        let (store, _) = try engine.fresh("change", in: folder)
        let roadmap = Fixtures.roadmaps.first { $0.plugin == "pskov" }!
        try store.save(roadmap)
        let key = roadmap.allActivities[0].key
        let entries = try store.change(
            roadmap: roadmap.id, activity: key, ActivityChange(report: "Проведено совещание", evidence: [Evidence(title: "Протокол № 1")], actor: mk),
            at: Date(timeIntervalSince1970: 1_700_000_000.123)
        ) { _, _, change in change }
        #expect(Set(entries.map(\.field)) == ["report", "evidence"])
        #expect(entries.allSatisfy { $0.id > 0 && $0.actor == mk })
        let after = try #require(try store.roadmap(id: roadmap.id)?.activity(key: key))
        #expect(after.report == "Проведено совещание")
        #expect(after.evidence.last?.title == "Протокол № 1")
        // The same change again changes nothing: refused, nothing written.
        let before = try store.history(roadmap: roadmap.id).count
        #expect(throws: StoreError.self) {
            try store.change(roadmap: roadmap.id, activity: key, ActivityChange(report: "Проведено совещание", actor: mk)) { _, _, change in change }
        }
        // A refusal of the caller's own passes through unchanged.
        struct Refusal: Error, Equatable {}
        #expect(throws: Refusal()) {
            try store.change(roadmap: roadmap.id, activity: key, ActivityChange(report: "другое", actor: mk)) { _, _, _ in throw Refusal() }
        }
        #expect(try store.history(roadmap: roadmap.id).count == before)
        #expect(try store.roadmap(id: roadmap.id)?.activity(key: key)?.report == "Проведено совещание")
        #expect(throws: StoreError.self) {
            try store.change(roadmap: roadmap.id, activity: "999", ActivityChange(report: "x", actor: mk)) { _, _, change in change }
        }
        // Times come back to the millisecond.
        #expect(try store.history(roadmap: roadmap.id).last?.at.storedText == "2023-11-14 22:13:20.123")
    }

    @Test(arguments: Engine.allCases)
    func historyFiltersCompareKeysAsText(_ engine: Engine) throws {
        let (store, _) = try engine.fresh("history", in: folder)
        let roadmap = try #require(Fixtures.roadmaps.first { $0.allActivities.contains { !$0.children.isEmpty } })
        try store.save(roadmap)
        let parent = try #require(roadmap.allActivities.first { !$0.children.isEmpty })
        let child = parent.children[0]
        let start = Date(timeIntervalSince1970: 1_700_000_000)
        try store.change(roadmap: roadmap.id, activity: parent.key, ActivityChange(report: "а", actor: mk), at: start) { _, _, c in c }
        try store.change(roadmap: roadmap.id, activity: child.key, ActivityChange(report: "б", actor: mk),
                         at: start.addingTimeInterval(60)) { _, _, c in c }
        #expect(try store.history(roadmap: roadmap.id, activity: parent.key).map(\.activityKey) == [parent.key, child.key])
        #expect(try store.history(roadmap: roadmap.id, activity: child.key).map(\.activityKey) == [child.key])
        #expect(try store.history(roadmap: roadmap.id, activity: "%").isEmpty)
        #expect(try store.history(roadmap: roadmap.id, activity: "_").isEmpty)
        #expect(try store.history(roadmap: roadmap.id, activity: parent.key, since: start.addingTimeInterval(30)).map(\.activityKey) == [child.key])
    }

    @Test(arguments: Engine.allCases)
    func amendmentsAndApprovalAreRecorded(_ engine: Engine) throws {
        let (store, _) = try engine.fresh("amend", in: folder)
        let roadmap = Fixtures.roadmaps.first { $0.plugin == "shakhty" }!
        try store.save(roadmap)
        let key = roadmap.allActivities[0].key
        try store.amend(roadmap: roadmap.id, activity: key, PlanChange(title: "Новое название", actor: mk)) { _, _ in }
        #expect(try store.history(roadmap: roadmap.id, activity: key, since: nil, amendments: true).isEmpty)
        let approval = Approval(by: "Управление образования", number: "34/1", date: "2022-02-01")
        let entry = try store.approve(roadmap: roadmap.id, approval, actor: mk) { _ in }
        #expect(entry.field == "approval")
        #expect(try store.roadmap(id: roadmap.id)?.approval == approval)
        try store.amend(roadmap: roadmap.id, activity: key, PlanChange(timing: "май 2022", reason: "перенос", actor: mk)) { _, _ in }
        #expect(try store.history(roadmap: roadmap.id, activity: key, since: nil, amendments: true).map(\.field) == ["timing"])
        // An approved roadmap is never replaced whole.
        #expect(performing: {
            try store.save(roadmap, replace: true)
        }, throws: isStoreError("approved"))
    }

    @Test(arguments: Engine.allCases)
    func aStageIsSubmittedOnceWithItsFilesByteForByte(_ engine: Engine) throws {
        let (store, _) = try engine.fresh("submit", in: folder)
        let roadmap = Fixtures.roadmaps[0]
        try store.save(roadmap)
        let bytes: [UInt8] = Array(0...255) + Array("отчёт".utf8)
        let submission = Submission(roadmapID: roadmap.id, stage: "q1", stageTitle: "I квартал", at: Date(timeIntervalSince1970: 1_700_000_100.5),
                                    actor: mk, files: [SubmittedFile(report: "execution", format: "docx", bytes: bytes),
                                                       SubmittedFile(report: "execution", format: "csv", bytes: [])])
        try store.submit(submission)
        #expect(try store.submission(roadmap: roadmap.id, stage: "q1") == submission)
        #expect(try store.submissions(roadmap: roadmap.id).map { $0.files.map(\.bytes) } == [[[], []]])
        #expect(performing: {
            try store.submit(submission)
        }, throws: isStoreError("alreadySubmitted"))
    }

    @Test(arguments: Engine.allCases)
    func accountsAreStoredAndChanged(_ engine: Engine) throws {
        let (store, _) = try engine.fresh("accounts", in: folder)
        let account = Account(login: "mk-velikie-luki", name: "Петрова П.П.", plugin: "pskov", role: "mk", scope: .municipality("Великие Луки"))
        try store.addAccount(account, passwordHash: "$2b$04$hash")
        #expect(throws: StoreError.self) { try store.addAccount(account, passwordHash: "other") }
        #expect(try store.account(login: account.login)?.account == account)
        try store.setPasswordHash(login: account.login, "$2b$04$new")
        try store.setDisabled(login: account.login, true)
        let stored = try #require(try store.account(login: account.login))
        #expect(stored.passwordHash == "$2b$04$new" && stored.account.disabled)
        #expect(throws: StoreError.self) { try store.setDisabled(login: "nobody", true) }
        #expect(try store.accounts().map(\.login) == [account.login])
    }

    @Test(arguments: Engine.allCases)
    func evidenceFilesAreReachedOnlyThroughARoadmapThatCitesThem(_ engine: Engine) throws {
        let (store, _) = try engine.fresh("files", in: folder)
        let roadmap = Fixtures.roadmaps[1], other = Fixtures.roadmaps[2]
        try store.save([roadmap, other])
        let file = EvidenceFile(sha256: String(repeating: "ab", count: 32), mediaType: "application/pdf", bytes: Array("%PDF-1.4 …".utf8))
        let key = roadmap.allActivities[0].key
        try store.change(roadmap: roadmap.id, activity: key,
                         ActivityChange(evidence: [Evidence(title: "Скан приказа", file: file.sha256)], actor: mk), files: [file]) { _, _, c in c }
        #expect(try store.evidenceFile(file.sha256, citedIn: roadmap.id)?.file == file)
        #expect(try store.evidenceFile(file.sha256, citedIn: roadmap.id)?.name == "Скан приказа")
        #expect(try store.evidenceFile(file.sha256, citedIn: other.id) == nil)
    }

    /// A store with something of every kind: fixtures, changes, a submission, a file, an account.
    static func populate(_ store: any RoadmapStore) throws {
        let mk = Actor(role: "mk", name: "Иванова И.И.")
        try store.save(Fixtures.roadmaps)
        let roadmap = Fixtures.roadmaps[0]
        let file = EvidenceFile(sha256: String(repeating: "cd", count: 32), mediaType: "image/png", bytes: [0x89, 0x50, 0x4E, 0x47, 0, 1, 2])
        try store.change(roadmap: roadmap.id, activity: roadmap.allActivities[0].key,
                         ActivityChange(report: "Сделано", evidence: [Evidence(title: "Фото", file: file.sha256)], actor: mk), files: [file],
                         at: Date(timeIntervalSince1970: 1_700_000_000.001)) { _, _, c in c }
        try store.submit(Submission(roadmapID: roadmap.id, stage: "year", stageTitle: "Год", at: Date(timeIntervalSince1970: 1_700_000_500.999),
                                    actor: mk, files: [SubmittedFile(report: "r", format: "xlsx", bytes: [1, 2, 3])]))
        try store.addAccount(Account(login: "mk", name: "М. К.", plugin: roadmap.plugin, role: "mk", scope: .roadmap(roadmap.id)),
                             passwordHash: "$2b$04$x", at: Date(timeIntervalSince1970: 1_690_000_000.25))
    }

    @Test(arguments: Engine.allCases)
    func aCopyToTheOtherEngineAndBackKeepsEveryHash(_ engine: Engine) throws {
        let other: Engine = engine == .sqlite ? .postgres : .sqlite
        let (source, _) = try engine.fresh("copysrc", in: folder)
        try Self.populate(source)
        let before = try StoreCopy.census(of: source)
        let (middle, _) = try other.fresh("copymid", in: folder)
        try StoreCopy.copy(from: source, to: middle, replace: false)
        let (back, _) = try engine.fresh("copyback", in: folder)
        try StoreCopy.copy(from: middle, to: back, replace: false)
        #expect(try StoreCopy.census(of: middle) == before)
        #expect(try StoreCopy.census(of: back) == before)
        #expect(before.roadmaps.map(\.submissions).reduce(0, +) == 1 && before.roadmaps.map(\.files).reduce(0, +) == 1)
        // Into a store that holds the roadmaps already: refused whole unless told.
        #expect(throws: StoreError.self) { try StoreCopy.copy(from: source, to: middle, replace: false) }
        #expect(try StoreCopy.census(of: middle) == before)
        try StoreCopy.copy(from: source, to: middle, replace: true)
        #expect(try StoreCopy.census(of: middle) == before)
    }

    @Test(arguments: Engine.allCases)
    func theDemoMayEmptyOnlyWhatADemoMade(_ engine: Engine) throws {
        let location = try engine.freshLocation("demo", in: folder)
        let demo = try location.replacingDemo(force: false)
        try demo.save(Fixtures.roadmaps, actor: KartaDatabase.demoActor)
        // Nothing recorded since: the next demo may empty it.
        let again = try location.replacingDemo(force: false)
        #expect(try again.roadmaps().isEmpty)
        try again.save(Fixtures.roadmaps, actor: KartaDatabase.demoActor)
        try again.addAccount(Account(login: "a", name: "А", plugin: "pskov", role: "mk", scope: .region), passwordHash: "x")
        #expect(performing: {
            _ = try location.replacingDemo(force: false)
        }, throws: isStoreError("wouldDestroy"))
        #expect(try location.open(.readOnly).roadmaps().count == 4)
        #expect(try location.replacingDemo(force: true).roadmaps().isEmpty)
    }
}
