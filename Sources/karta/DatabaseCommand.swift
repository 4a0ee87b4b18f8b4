import ArgumentParser
import Foundation
import KartaStore

/// `karta db`: whole databases — copy one into another, check one.
struct DatabaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Whole databases: copy everything between an SQLite file and PostgreSQL (either way), check one.",
        subcommands: [Copy.self, Check.self])

    struct Copy: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy every roadmap with its history, submissions and evidence files, and every account, into another database.",
            discussion: """
                SOURCE and TARGET are SQLite files or postgres://USER@HOST:PORT/DB URLs. The target is \
                created or migrated when needed and written in one transaction: a roadmap id or login it \
                holds already is refused (nothing is written) unless --replace. The copy is then read back \
                and compared with the source, roadmap by roadmap (counts and a SHA-256 of the content); \
                any difference is an error.
                """)

        @Option(help: ArgumentHelp("The database to copy from (a file or a postgres:// URL).", valueName: "path|url"))
        var from: String

        @Option(help: ArgumentHelp("The database to copy into (a file or a postgres:// URL).", valueName: "path|url"))
        var to: String

        @Flag(help: "Replace roadmaps and accounts the target holds already.")
        var replace = false

        func run() throws {
            let source = StoreLocation(from), target = StoreLocation(to)
            guard source != target else { throw ValidationError("--from and --to are the same database") }
            let reader = try source.open(.readOnly)
            let writer = try target.open(.create)
            let census = try StoreCopy.copy(from: reader, to: writer, replace: replace)
            DatabaseCommand.printCensus(census)
            print("copied \(census.roadmaps.count) roadmap(s) and \(census.accounts) account(s) from \(reader.location) "
                + "to \(writer.location); the copy reads back identical")
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a database: the engine's own consistency check, then counts and a content hash per roadmap.",
            discussion: "The hashes are those karta db copy prints, the same on both engines for the same data, so two databases can be compared.")

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let db = try database.open(.readOnly)
            let check = try db.integrityCheck()
            DatabaseCommand.printCensus(try StoreCopy.census(of: db))
            print("\(db.location): \(try db.appliedMigrations().count) migrations applied; consistency: \(check)")
            if check != "ok" { throw CLIError("\(db.location) is damaged: \(check)") }
        }
    }

    static func printCensus(_ census: StoreCopy.Census) {
        print("roadmap\tactivities\thistory\tsubmissions\tfiles\tsha256")
        for figures in census.roadmaps {
            print("\(figures.id)\t\(figures.activities)\t\(figures.history)\t\(figures.submissions)\t\(figures.files)\t\(figures.sha256)")
        }
        print("accounts\t\(census.accounts)\t\t\t\t\(census.accountsSHA256)")
    }
}
