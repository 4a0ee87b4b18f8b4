import Foundation
import Hummingbird
import HummingbirdTesting
import KartaCore
import KartaHost
import KartaPlugins
import KartaServer
import KartaStore
import KartaTesting
import Testing

/// The web application through its router: the same requests a browser sends, real SQLite,
/// real plugins in worker processes. Two Shakhty municipalities; accounts of several roles.
@Suite struct ServerTests {
    let directory: TemporaryDirectory
    let db: KartaDatabase

    init() throws {
        directory = try TemporaryDirectory()
        db = try KartaDatabase(path: directory.path("karta.sqlite"))
        var workspace = Self.workspace()
        let shakhty = try workspace.readRoadmap(file: PackagePaths.path("regions/shakhty/roadmap-2022.yaml"))
        var other = shakhty
        other.id = "novoshakhtinsk-2022"
        other.municipality = "г. Новошахтинск"
        other.title = "Дорожная карта Новошахтинска"
        try db.save([shakhty, other])
        let accounts: [(String, String, String, AccountScope)] = [
            ("mk", "Стаценко Н.В.", "mk", .municipality("г. Шахты")),
            ("dept", "Ткаченко В.А.", "department", .region),
            ("curator", "Попова Н.А.", "curator", .roadmap("shakhty-2022")),
            ("other", "Иванов И.И.", "mk", .municipality("г. Новошахтинск")),
            ("gone", "Петров П.П.", "mk", .municipality("г. Шахты")),
        ]
        for (login, name, role, scope) in accounts {
            try workspace.addAccount(Account(login: login, name: name, plugin: "shakhty", role: role, scope: scope),
                                     password: "пароль-\(login)", cost: 4, in: db)
        }
    }

    static func workspace() -> Workspace {
        Workspace(pluginDirectories: [PackagePaths.path("plugins")], isolation: .process(command: [PackagePaths.kartaExecutable, "lua-worker"]))
    }

    func application() async throws -> some ApplicationProtocol {
        let router = try await KartaServer.router(ServerConfiguration(
            database: db, pluginDirectories: [PackagePaths.path("plugins")], limits: .pluginDefaults,
            isolation: .process(command: [PackagePaths.kartaExecutable, "lua-worker"])))
        return Application(router: router)
    }

    func history(_ key: String, roadmap: String = "shakhty-2022") throws -> [HistoryEntry] {
        try db.history(roadmap: roadmap, activity: key)
    }

    @Test func healthAndSignIn() async throws {
        try await application().test(.router) { client in
            let health = try await client.execute(uri: "/healthz", method: .get)
            #expect(health.status == .ok && String(buffer: health.body) == "ok")

            var browser = Browser(client: client)
            var page = try await browser.get("/")
            #expect(page.status == .seeOther && page.headers[.location] == "/login")
            page = try await browser.get("/login")
            #expect(page.text.contains("<h1>Вход</h1>"))
            let cookie = try #require(page.headers[.setCookie])
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), "\(cookie)")

            page = try await browser.signIn("mk", "неверный пароль")
            #expect(page.status == .unauthorized && page.text.contains("Неверный логин или пароль."))
            page = try await browser.signIn("mk", "пароль-mk")
            #expect(page.status == .seeOther && page.headers[.location] == "/")
            page = try await browser.get("/")
            #expect(page.status == .ok)
            #expect(page.text.contains("Стаценко Н.В.") && page.text.contains("г. Шахты, 2022"), "\(page.text)")
            #expect(page.text.contains("Выполнено 21 из 23"))
            #expect(!page.text.contains("nil"))
        }
    }

    @Test func repeatedFailuresLockTheLogin() async throws {
        try await application().test(.router) { client in
            var browser = Browser(client: client)
            for _ in 0..<5 {
                let page = try await browser.signIn("dept", "не тот")
                #expect(page.status == .unauthorized)
            }
            let locked = try await browser.signIn("dept", "пароль-dept")
            #expect(locked.status == .tooManyRequests && locked.text.contains("Слишком много неудачных попыток"))
            // Another login is not affected.
            #expect(try await browser.signIn("mk", "пароль-mk").status == .seeOther)
        }
    }

    /// Every page of one user, walked by its links, shows nothing of another municipality.
    @Test func nothingOutsideTheScopeIsShown() async throws {
        try await application().test(.router) { client in
            var browser = Browser(client: client)
            _ = try await browser.signIn("mk", "пароль-mk")
            var pages = ["/", "/roadmaps/shakhty-2022", "/roadmaps/shakhty-2022?filter=overdue", "/roadmaps/shakhty-2022?filter=mine"]
            let roadmap = try await browser.get("/roadmaps/shakhty-2022")
            pages += roadmap.links.filter { $0.hasPrefix("/roadmaps/shakhty-2022/activities/") }
            #expect(pages.count > 20)
            for path in pages {
                let page = try await browser.get(path)
                #expect(page.status == .ok, "\(path)")
                #expect(!page.text.contains("Новошахтинск") && !page.text.contains("novoshakhtinsk"), "\(path)")
            }
        }
    }

    @Test func accessControlCannotBeGotAround() async throws {
        try await application().test(.router) { client in
            var browser = Browser(client: client)
            _ = try await browser.signIn("mk", "пароль-mk")
            let token = try #require(try await browser.get("/roadmaps/shakhty-2022/activities/1.4").csrf)

            // Another municipality's roadmap, activity, report and a change to it: 404, nothing stored.
            for path in ["/roadmaps/novoshakhtinsk-2022", "/roadmaps/novoshakhtinsk-2022/activities/1.4",
                         "/roadmaps/novoshakhtinsk-2022/report/execution.docx", "/roadmaps/no-such-roadmap"] {
                #expect(try await browser.get(path).status == .notFound, "\(path)")
            }
            let before = try history("1.4", roadmap: "novoshakhtinsk-2022")
            var answer = try await browser.post("/roadmaps/novoshakhtinsk-2022/activities/1.4", [
                "csrf": token, "transition": "start"])
            #expect(answer.status == .notFound)
            #expect(try history("1.4", roadmap: "novoshakhtinsk-2022") == before)

            // A transition the role lacks (the department's), and a forged or missing token: 403.
            let mine = try history("1.4")
            answer = try await browser.post("/roadmaps/shakhty-2022/activities/1.4", ["csrf": token, "transition": "accept"])
            #expect(answer.status == .forbidden, "\(answer.text)")
            answer = try await browser.post("/roadmaps/shakhty-2022/activities/1.4", ["csrf": String(token.reversed()), "transition": "start"])
            #expect(answer.status == .forbidden)
            answer = try await browser.post("/roadmaps/shakhty-2022/activities/1.4", ["transition": "start"])
            #expect(answer.status == .forbidden)
            #expect(try history("1.4") == mine)

            // A session whose account is disabled stops at its next request; it cannot sign in again.
            var gone = Browser(client: client)
            _ = try await gone.signIn("gone", "пароль-gone")
            let goneToken = try #require(try await gone.get("/roadmaps/shakhty-2022/activities/1.4").csrf)
            try db.setDisabled(login: "gone", true)
            #expect(try await gone.get("/roadmaps/shakhty-2022").status == .forbidden)
            answer = try await gone.post("/roadmaps/shakhty-2022/activities/1.4", ["csrf": goneToken, "transition": "start"])
            #expect(answer.status == .forbidden)
            var again = Browser(client: client)
            #expect(try await again.signIn("gone", "пароль-gone").status == .unauthorized)
            #expect(try history("1.4") == mine)

            // After logout the old session's cookie and token change nothing.
            let stale = browser
            #expect(try await browser.post("/logout", ["csrf": token]).status == .seeOther)
            #expect(try await browser.get("/").headers[.location] == "/login")
            var replay = stale
            answer = try await replay.post("/roadmaps/shakhty-2022/activities/1.4", ["csrf": token, "transition": "start"])
            #expect(answer.status == .forbidden)
            #expect(try history("1.4") == mine)
        }
    }

    /// Shakhty's review cycle through the forms: report, a return without a comment refused,
    /// a return with one, report again, accept; the history names each person.
    @Test func reviewCycleThroughTheForms() async throws {
        try await application().test(.router) { client in
            var mk = Browser(client: client)
            _ = try await mk.signIn("mk", "пароль-mk")
            var page = try await mk.get("/roadmaps/shakhty-2022/activities/1.4")
            #expect(page.text.contains("сдать на проверку → на проверке"))
            #expect(!page.text.contains("принять"))
            var answer = try await mk.post("/roadmaps/shakhty-2022/activities/1.4", [
                "csrf": page.csrf ?? "", "transition": "report", "report": "Итоги подведены",
                "evidence": "Протокол совещания от 20.12.2022 № 5"])
            #expect(answer.status == .seeOther, "\(answer.text)")

            var dept = Browser(client: client)
            _ = try await dept.signIn("dept", "пароль-dept")
            page = try await dept.get("/roadmaps/shakhty-2022?filter=mine")
            #expect(page.text.contains("/roadmaps/shakhty-2022/activities/1.4"))
            page = try await dept.get("/roadmaps/shakhty-2022/activities/1.4")
            #expect(page.text.contains("на проверке") && page.text.contains("вернуть на доработку → на доработке"))
            let before = try history("1.4")
            answer = try await dept.post("/roadmaps/shakhty-2022/activities/1.4", ["csrf": page.csrf ?? "", "transition": "return"])
            #expect(answer.status == .unprocessableContent)
            #expect(answer.text.contains("Не сохранено: для перехода «вернуть на доработку» укажите: комментарий"))
            #expect(try history("1.4") == before)
            answer = try await dept.post("/roadmaps/shakhty-2022/activities/1.4", [
                "csrf": page.csrf ?? "", "transition": "return", "comment": "Нет подписей"])
            #expect(answer.status == .seeOther)

            page = try await mk.get("/roadmaps/shakhty-2022/activities/1.4")
            #expect(page.text.contains("на доработке") && page.text.contains("Нет подписей"))
            answer = try await mk.post("/roadmaps/shakhty-2022/activities/1.4", [
                "csrf": page.csrf ?? "", "transition": "report", "evidence": "https://shakhty-edu.ru/500plus/protokol-5.pdf"])
            #expect(answer.status == .seeOther)
            page = try await dept.get("/roadmaps/shakhty-2022/activities/1.4")
            answer = try await dept.post("/roadmaps/shakhty-2022/activities/1.4", ["csrf": page.csrf ?? "", "transition": "accept"])
            #expect(answer.status == .seeOther)

            let entries = try history("1.4").filter { $0.field == "status" }
            #expect(entries.map(\.transition) == ["report", "return", "report", "accept"])
            #expect(entries.map { $0.actor.name ?? "" } == ["Стаценко Н.В.", "Ткаченко В.А.", "Стаценко Н.В.", "Ткаченко В.А."])
            #expect(entries.map(\.actor.role) == ["mk", "department", "mk", "department"])
            page = try await mk.get("/roadmaps/shakhty-2022/activities/1.4")
            #expect(page.text.contains("<strong>выполнено</strong>"))
            #expect(page.text.contains(#"<a href="https://shakhty-edu.ru/500plus/protokol-5.pdf" rel="noopener noreferrer">"#))
        }
    }

    /// Submitting a stage and approving the roadmap where the role allows; the frozen files
    /// come back byte for byte.
    @Test func submitAndApproveWhereTheWorkflowAllows() async throws {
        try await application().test(.router) { client in
            var mk = Browser(client: client)
            _ = try await mk.signIn("mk", "пароль-mk")
            var page = try await mk.get("/roadmaps/shakhty-2022")
            #expect(page.text.contains("Сдать отчет за этап") && !page.text.contains("Утвердить дорожную карту"))
            var other = Browser(client: client)
            _ = try await other.signIn("other", "пароль-other")
            #expect(try await other.post("/roadmaps/shakhty-2022/submit", ["csrf": try #require(try await other.get("/").csrf), "stage": "2"]).status == .notFound)

            var answer = try await mk.post("/roadmaps/shakhty-2022/submit", ["csrf": page.csrf ?? "", "stage": "2"])
            #expect(answer.status == .seeOther)
            page = try await mk.get("/roadmaps/shakhty-2022?notice=submitted")
            #expect(page.text.contains("Отчет сдан") && page.text.contains("<td>Второй этап</td>"))
            let frozen = try Workspace.submitted(roadmap: "shakhty-2022", stage: "2", report: "execution", format: .docx, in: db)
            let file = try await mk.get("/roadmaps/shakhty-2022/submitted/2/execution.docx")
            #expect(file.status == .ok && file.bytes == frozen)
            answer = try await mk.post("/roadmaps/shakhty-2022/submit", ["csrf": page.csrf ?? "", "stage": "2"])
            #expect(answer.status == .conflict)
            #expect(try await other.get("/roadmaps/shakhty-2022/submitted/2/execution.docx").status == .notFound)

            // Only a role with the approve permission may approve.
            answer = try await mk.post("/roadmaps/shakhty-2022/approve", ["csrf": page.csrf ?? "", "order": "279", "date": "01.07.2022"])
            #expect(answer.status == .forbidden)
            var dept = Browser(client: client)
            _ = try await dept.signIn("dept", "пароль-dept")
            page = try await dept.get("/roadmaps/shakhty-2022")
            answer = try await dept.post("/roadmaps/shakhty-2022/approve", ["csrf": page.csrf ?? "", "order": "279", "date": "01.07.2022"])
            #expect(answer.status == .seeOther)
            page = try await dept.get("/roadmaps/shakhty-2022")
            #expect(page.text.contains("Утверждена: приказ № 279 от 01.07.2022"))
            #expect(try db.roadmap(id: "shakhty-2022")?.approval?.number == "279")
        }
    }

    /// What people type reaches the page as text, never as markup.
    @Test func textIsEscapedEverywhere() async throws {
        try await application().test(.router) { client in
            var mk = Browser(client: client)
            _ = try await mk.signIn("mk", "пароль-mk")
            let page = try await mk.get("/roadmaps/shakhty-2022/activities/1.4")
            let answer = try await mk.post("/roadmaps/shakhty-2022/activities/1.4", [
                "csrf": page.csrf ?? "", "transition": "report", "report": #"<script>alert("x")</script> & 'ok'"#,
                "evidence": #"javascript:alert(1)"#])
            #expect(answer.status == .seeOther)
            let shown = try await mk.get("/roadmaps/shakhty-2022/activities/1.4").text
            #expect(!shown.contains("<script>alert"))
            #expect(shown.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;ok&#39;"))
            #expect(!shown.contains(#"href="javascript:"#))
            let table = try await mk.get("/roadmaps/shakhty-2022").text
            #expect(!table.contains(#"href="javascript:"#) && table.contains("javascript:alert(1)"))
        }
    }

    @Test func timelineIsDrawnFromTheTimings() async throws {
        try await application().test(.router) { client in
            var curator = Browser(client: client)
            _ = try await curator.signIn("curator", "пароль-curator")
            let page = try await curator.get("/roadmaps/shakhty-2022/timeline")
            #expect(page.status == .ok)
            #expect(page.text.contains(#"<svg xmlns="http://www.w3.org/2000/svg""#))
            // Twelve month columns and a bar for each of the 23 activities.
            #expect(page.text.components(separatedBy: "<rect").count - 1 >= 12 + 23, "\(page.text.count)")
            #expect(page.text.contains("<title>Август-ноябрь 2022</title>"))
            #expect(try await curator.get("/roadmaps/novoshakhtinsk-2022/timeline").status == .notFound)
        }
    }

    @Test func reportsDownloadAsAttachments() async throws {
        try await application().test(.router) { client in
            var curator = Browser(client: client)
            _ = try await curator.signIn("curator", "пароль-curator")
            let docx = try await curator.get("/roadmaps/shakhty-2022/report/execution.docx")
            #expect(docx.status == .ok)
            #expect(docx.headers[.contentType] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
            #expect(docx.headers[.contentDisposition] == "attachment; filename=\"shakhty-2022-execution.docx\"")
            #expect(docx.bytes.starts(with: [0x50, 0x4B]))
            let markdown = try await curator.get("/roadmaps/shakhty-2022/report/execution.md")
            #expect(markdown.text.contains("Второй этап"))
            #expect(try await curator.get("/roadmaps/shakhty-2022/report/execution.exe").status == .notFound)
            #expect(try await curator.get("/roadmaps/shakhty-2022/report/nothing.md").status == .notFound)
        }
    }
    /// An uploaded PDF is evidence: stored once by its SHA-256 with the change, served back
    /// only through a roadmap that cites it; a file that is not what it says is refused and
    /// leaves nothing.
    @Test func evidenceFilesAreCheckedStoredAndScoped() async throws {
        try await application().test(.router) { client in
            var mk = Browser(client: client)
            _ = try await mk.signIn("mk", "пароль-mk")
            var page = try await mk.get("/roadmaps/shakhty-2022/activities/1.4")
            #expect(page.text.contains(#"enctype="multipart/form-data""#))
            let before = try history("1.4")
            let fake = Array("MZ\u{90}\u{00} not a PDF at all".utf8)
            var answer = try await mk.postMultipart("/roadmaps/shakhty-2022/activities/1.4",
                                                    ["csrf": page.csrf ?? "", "transition": "report", "report": "Итоги подведены"],
                                                    files: [("protokol.pdf", fake)])
            #expect(answer.status == .unprocessableContent)
            #expect(answer.text.contains("принимаются PDF, DOCX, XLSX, JPEG и PNG"), "\(answer.text)")
            #expect(try history("1.4") == before)

            let pdf = Array("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".utf8)
            answer = try await mk.postMultipart("/roadmaps/shakhty-2022/activities/1.4",
                                                ["csrf": page.csrf ?? "", "transition": "report", "report": "Итоги подведены"],
                                                files: [("Протокол № 5.pdf", pdf)])
            #expect(answer.status == .seeOther, "\(answer.text)")
            let evidence = try #require(try db.roadmap(id: "shakhty-2022")?.activity(key: "1.4")?.evidence.last)
            #expect(evidence.title == "Протокол № 5.pdf" && evidence.file?.count == 64)
            #expect(try history("1.4").contains { $0.field == "evidence" && $0.newValue == "Протокол № 5.pdf" && $0.transition == "report" })

            page = try await mk.get("/roadmaps/shakhty-2022/activities/1.4")
            let link = "/roadmaps/shakhty-2022/files/\(evidence.file!)"
            #expect(page.text.contains(link))
            let file = try await mk.get(link)
            #expect(file.status == .ok && file.bytes == pdf)
            #expect(file.headers[.contentType] == "application/pdf")
            #expect(file.headers[.contentDisposition]?.hasPrefix("attachment;") == true)

            // The file is reached only through a roadmap that cites it, by someone who sees it.
            var other = Browser(client: client)
            _ = try await other.signIn("other", "пароль-other")
            #expect(try await other.get(link).status == .notFound)
            #expect(try await other.get("/roadmaps/novoshakhtinsk-2022/files/\(evidence.file!)").status == .notFound)
        }
    }

}

/// A browser's part: the session cookie, forms sent URL-encoded.
struct Browser {
    let client: any TestClientProtocol
    var cookie: String?

    init(client: any TestClientProtocol) { self.client = client }

    struct Page {
        var status: HTTPResponse.Status
        var headers: HTTPFields
        var bytes: [UInt8]
        var text: String { String(decoding: bytes, as: UTF8.self) }
        /// The page's anti-forgery token.
        var csrf: String? {
            guard let range = text.range(of: #"name="csrf" value=""#) else { return nil }
            return String(text[range.upperBound...].prefix { $0 != "\"" })
        }
        /// Every local link of the page.
        var links: [String] {
            text.components(separatedBy: #"href=""#).dropFirst().map { String($0.prefix { $0 != "\"" }) }.filter { $0.hasPrefix("/") }
        }
    }

    mutating func get(_ path: String) async throws -> Page {
        try await send(path, method: .get, body: nil, type: nil)
    }

    mutating func post(_ path: String, _ form: [String: String]) async throws -> Page {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let body = form.map { key, value in
            "\(key)=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
        }.joined(separator: "&")
        return try await send(path, method: .post, body: Array(body.utf8), type: "application/x-www-form-urlencoded")
    }

    /// A multipart form with files under the field `file`.
    mutating func postMultipart(_ path: String, _ form: [String: String], files: [(String, [UInt8])]) async throws -> Page {
        let boundary = "karta-test-boundary-7d1f"
        var body: [UInt8] = []
        for (key, value) in form {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(key)\"\r\n\r\n\(value)\r\n".utf8)
        }
        for (name, bytes) in files {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(name)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8)
            body += bytes + Array("\r\n".utf8)
        }
        body += Array("--\(boundary)--\r\n".utf8)
        return try await send(path, method: .post, body: body, type: "multipart/form-data; boundary=\(boundary)")
    }

    /// Opens the sign-in page (for its token) and signs in.
    mutating func signIn(_ login: String, _ password: String) async throws -> Page {
        let page = try await get("/login")
        return try await post("/login", ["csrf": page.csrf ?? "", "login": login, "password": password])
    }

    private mutating func send(_ path: String, method: HTTPRequest.Method, body: [UInt8]?, type: String?) async throws -> Page {
        var headers: HTTPFields = [:]
        if let cookie { headers[.cookie] = cookie }
        if let type { headers[.contentType] = type }
        let response = try await client.execute(uri: path, method: method, headers: headers, body: body.map { ByteBuffer(bytes: $0) })
        if let set = response.headers[.setCookie], let pair = set.split(separator: ";").first {
            cookie = set.contains("Expires=Thu, 01 Jan 1970") || set.contains("Max-Age=0") ? nil : String(pair)
        }
        return Page(status: response.status, headers: response.headers, bytes: Array(buffer: response.body))
    }
}
