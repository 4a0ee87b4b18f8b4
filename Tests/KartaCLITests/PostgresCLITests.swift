import Foundation
import KartaTesting
import Testing

/// The CLI on a region's PostgreSQL (issue 17): the demo's reports equal SQLite's byte for
/// byte, `karta db copy` moves the four regions there and back with the same hashes, and a
/// server that is not there gets a clear error. The server is the test one (``TestPostgres``).
@Suite(.serialized) struct PostgresCLITests {
    /// `karta db check`'s lines of roadmap figures and hashes (the location line left out).
    static func hashes(_ location: String) throws -> [String] {
        let check = try KartaProcess.run(["db", "check", "--db", location])
        #expect(check.status == 0, "\(check.output)")
        return check.stdout.split(separator: "\n").map(String.init).filter { !$0.contains("migrations applied") }
    }

    @Test func theDemoOnPostgresWritesTheSameBytesAsOnSQLite() throws {
        let folder = try TemporaryDirectory()
        let sqlite = try KartaProcess.run(["demo", "--output", folder.path("sqlite")], timeout: 300)
        #expect(sqlite.status == 0, "\(sqlite.output)")
        let url = try TestPostgres.freshDatabase("demo")
        let postgres = try KartaProcess.run(["demo", "--output", folder.path("postgres"), "--db", url], timeout: 300)
        #expect(postgres.status == 0, "\(postgres.output)")
        #expect(postgres.stdout.contains("12 roadmaps imported into \(url)"))
        var fromSQLite = FolderSnapshot(folder.path("sqlite")).files
        fromSQLite["karta.sqlite"] = nil
        let fromPostgres = FolderSnapshot(folder.path("postgres")).files
        #expect(fromSQLite.count == 100)
        #expect(fromPostgres == fromSQLite, "\(fromPostgres.keys.sorted()) vs \(fromSQLite.keys.sorted())")
        // A second demo over it empties what the first stored; a recorded change stops it.
        let again = try KartaProcess.run(["demo", "--output", folder.path("postgres"), "--db", url, "--formats", "md"], timeout: 300)
        #expect(again.status == 0, "\(again.output)")
        let mark = try KartaProcess.run(["mark", "pskov-2021", "12.5", "--as", "МК", "--report", "Проведено", "--db", url])
        #expect(mark.status == 0, "\(mark.output)")
        let refused = try KartaProcess.run(["demo", "--output", folder.path("postgres"), "--db", url, "--formats", "md"], timeout: 300)
        #expect(refused.status == 1 && refused.stderr.contains("--force"), "\(refused.output)")
        #expect(try KartaProcess.run(["history", "pskov-2021", "12.5", "--db", url]).stdout.contains("Проведено"))
    }

    @Test func theFourRegionsCopiedToPostgresAndBackKeepTheirHashes() throws {
        let folder = try TemporaryDirectory()
        let source = folder.path("region.sqlite")
        #expect(try KartaProcess.run(["import", "regions", "--db", source]).status == 0)
        let mark = try KartaProcess.run(["mark", "pskov-2021", "12.5", "--as", "МК", "--report", "Сделано", "--evidence", "Приказ № 1", "--db", source])
        #expect(mark.status == 0, "\(mark.output)")
        let url = try TestPostgres.freshDatabase("copy")
        let there = try KartaProcess.run(["db", "copy", "--from", source, "--to", url])
        #expect(there.status == 0, "\(there.output)")
        // Every roadmap file below regions/: the four regions' and their other municipalities'.
        let files = FileManager.default.enumerator(atPath: PackagePaths.path("regions"))?.compactMap { $0 as? String }
            .filter { $0.hasSuffix(".yaml") && !$0.contains("/expected/") } ?? []
        #expect(files.count == 12, "\(files)")
        #expect(there.stdout.contains("copied \(files.count) roadmap(s)"), "\(there.stdout)")
        let back = folder.path("back.sqlite")
        let home = try KartaProcess.run(["db", "copy", "--from", url, "--to", back])
        #expect(home.status == 0, "\(home.output)")
        let original = try Self.hashes(source)
        #expect(original.count == files.count + 2)  // the header, every roadmap, the accounts
        #expect(try Self.hashes(url) == original)
        #expect(try Self.hashes(back) == original)
        // Copying again is refused whole, and changes nothing.
        let again = try KartaProcess.run(["db", "copy", "--from", source, "--to", url])
        #expect(again.status == 1 && again.stderr.contains("already stored"), "\(again.output)")
        #expect(try Self.hashes(url) == original)
    }

    @Test func aServerThatIsNotThereIsAClearError() throws {
        // Nothing listens on port 1; the store tries for a few seconds, then says so.
        let run = try KartaProcess.run(["roadmaps", "--db", "postgres://karta:secret@127.0.0.1:1/karta"], timeout: 60)
        #expect(run.status == 1)
        #expect(run.stderr.contains("postgres://karta@127.0.0.1:1/karta is not answering"), "\(run.stderr)")
        #expect(!run.output.contains("secret"))
    }

    @Test func anEmptyPostgresDatabaseIsNotCreatedByAReadingCommand() throws {
        let url = try TestPostgres.freshDatabase("empty")
        let run = try KartaProcess.run(["roadmaps", "--db", url])
        #expect(run.status == 1 && run.stderr.contains("no such database"), "\(run.output)")
        let initialised = try KartaProcess.run(["init", "--db", url])
        #expect(initialised.status == 0 && initialised.stdout.contains("7 migrations applied"), "\(initialised.output)")
        #expect(try KartaProcess.run(["roadmaps", "--db", url]).status == 0)
    }
}
