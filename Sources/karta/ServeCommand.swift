import ArgumentParser
import Foundation
import KartaHost
import KartaServer
import KartaStore
import Logging

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the web application (in Russian) for every role: sign in, see your roadmaps, take your workflow's transitions, download reports.",
        discussion: """
            Accounts come from karta user add. Behind a TLS proxy give --secure-cookies. SIGTERM or \
            SIGINT stop the server after the requests in flight. One log line per request; passwords \
            are never logged.
            """)

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var plugins: PluginOptions

    @Option(help: ArgumentHelp("Address to listen on.", valueName: "address"))
    var host = "127.0.0.1"

    @Option(help: ArgumentHelp("Port to listen on (1 to 65535).", valueName: "port"), transform: OptionValue.integer(1...65535))
    var port = 8080

    @Flag(help: "Mark the session cookie Secure (the server is reached over HTTPS).")
    var secureCookies = false

    func run() async throws {
        let db = try database.open(.readWrite)
        let configuration = ServerConfiguration(
            database: db, pluginDirectories: plugins.searchPath, limits: try plugins.limits(), isolation: Workspace.workers,
            host: host, port: port, secureCookies: secureCookies)
        var logger = Logger(label: "karta.serve")
        logger.logLevel = .info
        let app = try await KartaServer.application(configuration, logger: logger)
        print("karta serve: http://\(host):\(port)/ (database \(db.location))")
        try await app.runService()
    }
}
