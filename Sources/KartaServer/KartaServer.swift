import Foundation
public import Hummingbird
public import HummingbirdAuth
import KartaCore
public import KartaLua
public import KartaPlugins
public import KartaStore
public import Logging
import Mustache

/// How `karta serve` runs.
public struct ServerConfiguration: Sendable {
    /// The database.
    public var database: any RoadmapStore
    /// Folders searched for plugins.
    public var pluginDirectories: [String]
    /// Limits of every plugin call.
    public var limits: LuaLimits
    /// Where plugin code runs (workers in production).
    public var isolation: PluginIsolation
    /// Address to listen on.
    public var host: String
    /// Port to listen on.
    public var port: Int
    /// Mark the session cookie `Secure` (the server is behind TLS).
    public var secureCookies: Bool

    /// Creates a configuration.
    public init(database: any RoadmapStore, pluginDirectories: [String], limits: LuaLimits, isolation: PluginIsolation,
                host: String = "127.0.0.1", port: Int = 8080, secureCookies: Bool = false) {
        self.database = database
        self.pluginDirectories = pluginDirectories
        self.limits = limits
        self.isolation = isolation
        self.host = host
        self.port = port
        self.secureCookies = secureCookies
    }
}

/// Karta's web application: server-rendered pages in Russian over the same host, plugins
/// and workflow as the CLI. Who someone is comes from their session alone; what they may
/// see from ``KartaHost/Access``; what they may do from their role in the region's workflow.
public enum KartaServer {
    /// The application, ready to run (`try await app.runService()`; SIGTERM and SIGINT end
    /// it after the requests in flight).
    public static func application(_ configuration: ServerConfiguration, logger: Logger = Logger(label: "karta.serve"))
        async throws -> some ApplicationProtocol {
        let router = try await router(configuration)
        return Application(
            router: router,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "karta"),
            logger: logger)
    }

    /// The routes with their middleware (tests drive this through HummingbirdTesting).
    public static func router(_ configuration: ServerConfiguration) async throws -> Router<WebContext> {
        let app = WebApp(
            db: configuration.database,
            plugins: PluginHost(pluginDirectories: configuration.pluginDirectories, limits: configuration.limits,
                                isolation: configuration.isolation),
            templates: try await Templates.load(), css: try Templates.css(),
            throttle: LoginThrottle())
        let router = Router(context: WebContext.self)
        router.add(middleware: LogRequestsMiddleware(.info))
        router.add(middleware: SessionMiddleware(
            storage: MemoryPersistDriver(),
            configuration: SessionMiddlewareConfiguration(
                sessionCookieParameters: SessionCookieParameters(
                    name: "karta_session", path: "/", secure: configuration.secureCookies, sameSite: .lax),
                defaultSessionExpiration: .seconds(60 * 60 * 10))))
        router.add(middleware: StoreUnavailableMiddleware())
        router.add(middleware: AccountMiddleware(db: configuration.database))
        app.addRoutes(to: router)
        return router
    }
}

/// Loads the signed-in account on every request from the session's login; a disabled or
/// removed account is treated as nobody.
struct AccountMiddleware: RouterMiddleware {
    typealias Context = WebContext
    let db: any RoadmapStore

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let login = context.sessions.session?.login, let found = try db.account(login: login), !found.account.disabled {
            context.identity = found.account
        }
        return try await next(request, context)
    }
}

/// A database server that went away (PostgreSQL restarting) is a 503 page in Russian, not
/// a 500: the store connects again by itself on the next request.
struct StoreUnavailableMiddleware: RouterMiddleware {
    typealias Context = WebContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as StoreError {
            guard let page = WebError.unavailable(error) else { throw error }
            throw page
        }
    }
}

/// Failed sign-ins per login: after five within fifteen minutes the login is refused until
/// fifteen minutes after the first of them.
actor LoginThrottle {
    static let limit = 5
    static let window: TimeInterval = 15 * 60
    private var failures: [String: (count: Int, first: Date)] = [:]

    func isBlocked(_ login: String, now: Date = Date()) -> Bool {
        guard let entry = failures[login.lowercased()] else { return false }
        if now.timeIntervalSince(entry.first) > Self.window {
            failures[login.lowercased()] = nil
            return false
        }
        return entry.count >= Self.limit
    }

    func failed(_ login: String, now: Date = Date()) {
        let key = login.lowercased()
        if let entry = failures[key], now.timeIntervalSince(entry.first) <= Self.window {
            failures[key] = (entry.count + 1, entry.first)
        } else {
            failures[key] = (1, now)
        }
    }

    func succeeded(_ login: String) { failures[login.lowercased()] = nil }
}

/// The Mustache templates, shipped as resources.
enum Templates {
    static func load() async throws -> MustacheLibrary {
        guard let directory = Bundle.module.url(forResource: "Templates", withExtension: nil) else {
            throw WebError(status: .internalServerError, message: "templates are missing from the build")
        }
        return try await MustacheLibrary(directory: directory.path)
    }

    static func css() throws -> String {
        guard let url = Bundle.module.url(forResource: "Templates/style", withExtension: "css")
                ?? Bundle.module.url(forResource: "Templates", withExtension: nil)?.appendingPathComponent("style.css") else {
            throw WebError(status: .internalServerError, message: "style.css is missing from the build")
        }
        return try String(contentsOf: url, encoding: .utf8)
    }
}
