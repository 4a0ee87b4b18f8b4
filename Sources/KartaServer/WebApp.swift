import Foundation
import Hummingbird
import HummingbirdAuth
import KartaCore
import KartaHost
import KartaPlugins
import KartaReports
import KartaStore
import Mustache
import MultipartKit

/// The pages and forms. Every route that names a roadmap goes through ``visibleRoadmap`` —
/// the account from the session, ``Access/canSee(_:_:)`` — and every POST through
/// ``checkForm``; a change is made as the account's role, never as the request says.
struct WebApp: Sendable {
    let db: any RoadmapStore
    let plugins: PluginHost
    let templates: MustacheLibrary
    let css: String
    let throttle: LoginThrottle

    func addRoutes(to router: Router<WebContext>) {
        router.get("/healthz") { _, _ in "ok" }
        let css = css
        router.get("/style.css") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8"],
                     body: ResponseBody(byteBuffer: ByteBuffer(string: css)))
        }
        router.get("/login") { request, context in try loginPage(request, context) }
        router.post("/login") { request, context in try await login(request, context) }
        router.post("/logout") { request, context in try await logout(request, context) }
        router.get("/") { request, context in try await dashboard(request, context) }
        router.get("/roadmaps/:id") { request, context in try await roadmapPage(request, context) }
        router.get("/roadmaps/:id/timeline") { request, context in try await timelinePage(request, context) }
        router.get("/roadmaps/:id/activities/:key") { request, context in try await activityPage(request, context, refusal: nil) }
        router.post("/roadmaps/:id/activities/:key") { request, context in try await move(request, context) }
        router.get("/roadmaps/:id/report/:file") { request, context in try await download(request, context) }
        router.get("/roadmaps/:id/files/:sha") { request, context in try await evidenceFile(request, context) }
        router.post("/roadmaps/:id/submit") { request, context in try await submit(request, context) }
        router.post("/roadmaps/:id/approve") { request, context in try await approve(request, context) }
        router.get("/roadmaps/:id/submitted/:stage/:file") { request, context in try await submitted(request, context) }
    }


    // MARK: The one place access is decided

    /// The signed-in account and the roadmap the route names, when the account may see it;
    /// otherwise 404 (whether it exists is not the user's to learn) or 403 when nobody is
    /// signed in.
    func visibleRoadmap(_ context: WebContext) throws -> (Account, Roadmap) {
        guard let account = context.identity else { throw WebError.forbidden("Войдите, чтобы открыть эту страницу.") }
        let id = try context.parameters.require("id")
        guard let roadmap = try db.roadmap(id: id), Access.canSee(account, roadmap) else { throw WebError.notFound }
        return (account, roadmap)
    }

    /// Decodes a form whose `csrf` must equal the session's token; otherwise 403.

    // MARK: Helpers

    func page(_ template: String, _ values: [String: Any], status: HTTPResponse.Status = .ok) throws -> Response {
        guard let html = templates.render(Self.present(values) ?? [:], withTemplate: template) else {
            throw WebError(status: .internalServerError, message: "нет шаблона \(template)")
        }
        return Response(status: status, headers: [.contentType: "text/html; charset=utf-8"],
                        body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }

    func accountView(_ account: Account, _ context: WebContext) async throws -> [String: Any] {
        let manifest = try await plugins.manifest(account.plugin)
        return ["name": account.name, "role": roleName(account.role, manifest), "region": manifest.region.name,
                "csrf": context.sessions.session?.csrf ?? ""]
    }

    func roleName(_ id: String, _ manifest: PluginManifest) -> String {
        manifest.roles.first { $0.id == id }?.abbreviation ?? id
    }

    /// The view as templates get it: every string HTML-escaped here, once (the templates
    /// print values with `{{{x}}}`, so nothing reaches a page unescaped but ``RawHTML``), and
    /// every absent optional left out (a template's `{{#x}}` then sees nothing, where an
    /// `Optional.none` would print «nil»). Escaping here, over UTF-8 bytes, costs a fraction
    /// of the template engine's own escaping, which was a fifth of a roadmap page's time.
    static func present(_ value: Any) -> Any? {
        switch value {
        case let text as String: return HTMLText.escape(text)
        case let raw as RawHTML: return raw.html
        case let dictionary as [String: Any]: return dictionary.compactMapValues(present)
        case let list as [[String: Any]]: return list.compactMap(present)
        case let list as [Any]: return list.compactMap(present)
        case is Int, is Bool, is Double: return value
        default:
            // An Optional.none reaches here (a `.some` matched its wrapped type above).
            let mirror = Mirror(reflecting: value)
            guard mirror.displayStyle == .optional else { return value }
            return mirror.children.first.flatMap { present($0.value) }
        }
    }

    static let fieldNames = ["status": "статус", "fact": "дата факта", "report": "отчет", "evidence": "подтверждение",
                             "title": "название", "timing": "срок", "responsible": "ответственные", "approval": "утверждение"]

    /// Equal bytes, compared in a time that does not depend on where they differ.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    static func seeOther(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }

    /// Evidence as shown: its text, and a link to an uploaded file or an http(s) address.
    static func evidenceView(_ evidence: Evidence, roadmap: String) -> [String: Any] {
        if let file = evidence.file {
            return ["text": evidence.title ?? "файл", "url": "/roadmaps/\(path(roadmap))/files/\(file)"]
        }
        guard let url = evidence.url, let link = safeLink(url) else { return ["text": evidence.printed] }
        // A titled link shows its title; a bare link its address without the scheme, cut short.
        let bare = url.replacingOccurrences(of: "https://", with: "").replacingOccurrences(of: "http://", with: "")
        return ["text": evidence.title ?? (bare.count > 60 ? String(bare.prefix(59)) + "…" : bare), "url": link]
    }

    /// A link only when it is http(s); anything else is shown as text.
    static func safeLink(_ url: String) -> String? {
        let lower = url.lowercased()
        return lower.hasPrefix("https://") || lower.hasPrefix("http://") ? url : nil
    }

    static func path(_ segment: String) -> String {
        segment.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? segment
    }

    /// `03.12.2026`, the day in Moscow time.
    static func day(_ date: Date) -> String { moscow(date).day }

    /// `03.12.2026 11:10 МСК`.
    static func moment(_ date: Date) -> String {
        let parts = moscow(date)
        return "\(parts.day) \(parts.time) МСК"
    }

    /// Moscow has kept UTC+3 all year since 2014; a calendar in that zone, not a formatter
    /// made per call (the history table prints a moment per row).
    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Moscow") ?? TimeZone(secondsFromGMT: 3 * 3600)!
        return calendar
    }()

    private static func moscow(_ date: Date) -> (day: String, time: String) {
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        func two(_ value: Int?) -> String { let v = value ?? 0; return v < 10 ? "0\(v)" : String(v) }
        return ("\(two(c.day)).\(two(c.month)).\(c.year ?? 0)", "\(two(c.hour)):\(two(c.minute))")
    }
}
