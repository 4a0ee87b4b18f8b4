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
    let db: KartaDatabase
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

    // MARK: Signing in

    func loginPage(_ request: Request, _ context: WebContext, error: String? = nil, status: HTTPResponse.Status = .ok) throws -> Response {
        if context.identity != nil, error == nil { return Self.seeOther("/") }
        let session = context.sessions.session ?? .anonymous()
        if context.sessions.session == nil { context.sessions.createSession(session) }
        return try page("login", ["title": "Вход", "csrf": session.csrf, "error": error as Any], status: status)
    }

    struct LoginForm: Decodable {
        var login: String
        var password: String
        var csrf: String
    }

    func login(_ request: Request, _ context: WebContext) async throws -> Response {
        let form: LoginForm = try await checkForm(request, context)
        let login = form.login.trimmingCharacters(in: .whitespaces).lowercased()
        if await throttle.isBlocked(login) {
            context.logger.notice("sign-in refused: too many failures", metadata: ["login": .string(login)])
            return try loginPage(request, context, error: "Слишком много неудачных попыток входа. Повторите через 15 минут.",
                                 status: .tooManyRequests)
        }
        guard let found = try db.account(login: login), !found.account.disabled,
              Passwords.verify(form.password, hash: found.passwordHash) else {
            await throttle.failed(login)
            context.logger.notice("sign-in failed", metadata: ["login": .string(login)])
            return try loginPage(request, context, error: "Неверный логин или пароль.", status: .unauthorized)
        }
        await throttle.succeeded(login)
        // A new session on sign-in: a session id known before it does not carry the account.
        context.sessions.clearSession()
        context.sessions.createSession(WebSession(login: found.account.login, csrf: Token.make()))
        context.logger.info("signed in", metadata: ["login": .string(login)])
        return Self.seeOther("/")
    }

    struct TokenForm: Decodable { var csrf: String }

    /// Only the token of a form, read before the rest.
    struct CSRFField: Decodable { var csrf: String? }

    func logout(_ request: Request, _ context: WebContext) async throws -> Response {
        let _: TokenForm = try await checkForm(request, context)
        context.sessions.clearSession()
        return Self.seeOther("/login")
    }

    // MARK: Pages

    func dashboard(_ request: Request, _ context: WebContext) async throws -> Response {
        guard let account = context.identity else { return Self.seeOther("/login") }
        let today = CalendarDate.today()
        var roadmaps: [[String: Any]] = []
        let visible = try db.roadmapHeaders(plugin: account.plugin).filter {
            Access.canSee(account, plugin: $0.plugin, roadmap: $0.id, municipality: $0.municipality)
        }
        for header in visible {
            guard let roadmap = try db.roadmap(id: header.id) else { continue }
            let manifest = try await plugins.manifest(roadmap.plugin)
            let parser = ScheduleParser(period: roadmap.period, phrases: manifest.schedules)
            let status = RoadmapStatus(roadmap: roadmap, stages: manifest.stages, workflow: manifest.workflow.workflow,
                                       asOf: today, parser: parser)
            let due = manifest.workflow.workflow.due(for: account.role, in: roadmap, asOf: today, parser: parser)
            let submissions = try db.submissions(roadmap: roadmap.id).map { "\($0.stageTitle) (\(Self.day($0.at)))" }
            roadmaps.append([
                "id": roadmap.id, "municipality": roadmap.municipality, "period": roadmap.period.description,
                "title": roadmap.title, "done": status.done, "total": status.total,
                "percent": status.total == 0 ? 0 : status.done * 100 / status.total,
                "stages": status.stages.map { ["title": $0.title, "done": $0.done, "total": $0.total] },
                "overdue": status.overdue.count, "withoutEvidence": status.doneWithoutEvidence.count,
                "due": due.count, "submissions": submissions.joined(separator: ", "),
                "hasSubmissions": !submissions.isEmpty,
            ])
        }
        return try page("dashboard", [
            "title": "Мои дорожные карты", "account": try await accountView(account, context), "roadmaps": roadmaps,
            "empty": roadmaps.isEmpty, "today": today.printed,
        ])
    }

    func roadmapPage(_ request: Request, _ context: WebContext) async throws -> Response {
        let (account, roadmap) = try visibleRoadmap(context)
        let manifest = try await plugins.manifest(roadmap.plugin)
        let workflow = manifest.workflow.workflow
        let today = CalendarDate.today()
        let parser = ScheduleParser(period: roadmap.period, phrases: manifest.schedules)
        let status = RoadmapStatus(roadmap: roadmap, stages: manifest.stages, workflow: workflow, asOf: today, parser: parser)
        let overdue = Set(status.overdue)
        let mine = Set(workflow.due(for: account.role, in: roadmap, asOf: today, parser: parser).map(\.key))
        let filter = request.uri.queryParameters.get("filter") ?? ""
        var groups: [[String: Any]] = []
        var current: (title: String, rows: [ActivityRow])?
        let titles = Dictionary(manifest.stages.map { ($0.id, ($0.number + " " + $0.title).trimmingCharacters(in: .whitespaces)) },
                                uniquingKeysWith: { first, _ in first })
        func visit(_ activity: Activity, stage: String?, depth: Int) {
            let stage = activity.stage ?? stage
            let title = stage.flatMap { titles[$0] } ?? ""
            let shown = filter == "overdue" ? overdue.contains(activity.key) : filter == "mine" ? mine.contains(activity.key) : true
            if shown {
                if current?.title != title {
                    if let current { groups.append(["title": current.title, "rows": ActivityRow.html(current.rows, roadmap: roadmap.id)]) }
                    current = (title, [])
                }
                current?.rows.append(ActivityRow(
                    key: activity.key, number: activity.number.isEmpty ? activity.key : activity.number,
                    title: activity.title, timing: activity.schedule?.text ?? "", status: workflow.label(of: activity.status),
                    evidence: activity.evidence.map { Self.evidenceView($0, roadmap: roadmap.id) },
                    overdue: overdue.contains(activity.key), mine: mine.contains(activity.key), sub: depth > 0))
            }
            for child in activity.children { visit(child, stage: stage, depth: depth + 1) }
        }
        for activity in roadmap.activities { visit(activity, stage: nil, depth: 0) }
        if let current { groups.append(["title": current.title, "rows": ActivityRow.html(current.rows, roadmap: roadmap.id)]) }
        let role = manifest.roles.first { $0.id == account.role }
        let permissions = role?.permissions ?? []
        let submissions = try db.submissions(roadmap: roadmap.id).map { submission in
            [
                "stage": submission.stageTitle, "at": Self.moment(submission.at),
                "who": submission.actor.name.map { "\($0) (\(roleName(submission.actor.role, manifest)))" } ?? roleName(submission.actor.role, manifest),
                "files": submission.files.map { file in
                    ["href": "/roadmaps/\(Self.path(roadmap.id))/submitted/\(Self.path(submission.stage))/\(file.report).\(file.format)",
                     "label": file.format.uppercased()]
                },
            ] as [String: Any]
        }
        let submitted = Set(try db.submissions(roadmap: roadmap.id).map(\.stage))
        let stages = manifest.reporting.filter { !submitted.contains($0.id) }.map { ["id": $0.id, "title": $0.title] }
        let reports = manifest.reports.flatMap { report in
            OutputFormat.documents.map { ["href": "/roadmaps/\(roadmap.id)/report/\(report.id).\($0.rawValue)",
                                          "label": "\(report.title) (\($0.rawValue.uppercased()))"] }
        }
        return try page("roadmap", [
            "title": roadmap.title, "account": try await accountView(account, context), "id": roadmap.id,
            "municipality": roadmap.municipality, "period": roadmap.period.description, "groups": groups,
            "done": status.done, "total": status.total, "filter": filter, "reports": reports,
            "filterAll": filter.isEmpty, "filterOverdue": filter == "overdue", "filterMine": filter == "mine",
            "submissions": submissions, "hasSubmissions": !submissions.isEmpty,
            "canSubmit": !permissions.isDisjoint(with: [.report, .approve]) && !stages.isEmpty, "stages": stages,
            "canApprove": permissions.contains(.approve), "approval": roadmap.approval?.printed as Any,
            "csrf": context.sessions.session?.csrf ?? "", "notice": request.uri.queryParameters.get("notice").flatMap(Self.notices.index(forKey:)).map { Self.notices[$0].value } as Any,
        ])
    }

    func timelinePage(_ request: Request, _ context: WebContext) async throws -> Response {
        let (account, roadmap) = try visibleRoadmap(context)
        let manifest = try await plugins.manifest(roadmap.plugin)
        let workflow = manifest.workflow.workflow
        let today = CalendarDate.today()
        let parser = ScheduleParser(period: roadmap.period, phrases: manifest.schedules)
        let overdue = Set(RoadmapStatus(roadmap: roadmap, stages: manifest.stages, workflow: workflow, asOf: today, parser: parser).overdue)
        let rows = roadmap.allActivities.filter { $0.schedule != nil || $0.children.isEmpty }.map { activity in
            Timeline.Row(number: activity.number.isEmpty ? activity.key : activity.number, title: activity.title,
                         timing: activity.schedule?.text ?? "", reading: activity.schedule.map { parser.parse($0.text) } ?? parser.parse(""),
                         kind: workflow.kind(of: activity.status), overdue: overdue.contains(activity.key))
        }
        return try page("timeline", [
            "title": "График: \(roadmap.municipality), \(roadmap.period)", "account": try await accountView(account, context),
            "id": roadmap.id, "municipality": roadmap.municipality, "period": roadmap.period.description,
            "svg": RawHTML(html: Timeline(period: roadmap.period, rows: rows, today: today).svg),
        ])
    }

    func activityPage(_ request: Request, _ context: WebContext, refusal: String?) async throws -> Response {
        let (account, roadmap) = try visibleRoadmap(context)
        let key = try context.parameters.require("key")
        guard let activity = roadmap.activity(key: key) else { throw WebError.notFound }
        let manifest = try await plugins.manifest(roadmap.plugin)
        let workflow = manifest.workflow.workflow
        let forms = workflow.transitions(from: activity.status).filter { $0.roles.contains(account.role) }.map { transition in
            [
                "id": transition.id, "label": transition.label, "to": workflow.label(of: transition.to),
                "needsFact": transition.requires.contains(.fact), "needsReport": transition.requires.contains(.report),
                "needsEvidence": transition.requires.contains(.evidence), "needsComment": transition.requires.contains(.comment),
            ] as [String: Any]
        }
        let history = try db.history(roadmap: roadmap.id, activity: key).filter { $0.activityKey == key }.map { entry in
            let shown = { (value: String?) in entry.field == "status" ? value.map { workflow.label(of: Status($0)) } : value }
            return [
                "at": Self.moment(entry.at), "field": Self.fieldNames[entry.field] ?? entry.field,
                "old": shown(entry.oldValue) ?? "—", "new": shown(entry.newValue) ?? "—",
                "actor": entry.actor.name.map { "\($0) (\(roleName(entry.actor.role, manifest)))" } ?? roleName(entry.actor.role, manifest),
                "comment": entry.reason as Any,
            ] as [String: Any]
        }
        let session = context.sessions.session
        return try page("activity", [
            "title": "\(activity.number.isEmpty ? activity.key : activity.number) \(activity.title)",
            "account": try await accountView(account, context), "roadmapId": roadmap.id, "roadmapTitle": roadmap.title,
            "key": activity.key, "number": activity.number, "activityTitle": activity.title,
            "timing": activity.schedule?.text ?? "—", "responsible": activity.responsible ?? "—",
            "status": workflow.label(of: activity.status), "fact": activity.fact ?? "—", "report": activity.report ?? "—",
            "indicator": activity.indicator as Any,
            "evidence": activity.evidence.map { Self.evidenceView($0, roadmap: roadmap.id) },
            "forms": forms, "hasForms": !forms.isEmpty, "history": history, "csrf": session?.csrf ?? "",
            "refusal": refusal as Any,
        ], status: refusal == nil ? .ok : .unprocessableContent)
    }

    struct MoveForm: Decodable {
        var csrf: String
        var transition: String
        var fact: String?
        var report: String?
        var evidence: String?
        var comment: String?
    }

    /// Takes a transition as the signed-in account's role, through the same workflow, rules
    /// and single transaction as `karta mark`. A refusal shows the page again with the
    /// region's message and stores nothing.
    func move(_ request: Request, _ context: WebContext) async throws -> Response {
        let (form, uploads): (MoveForm, [EvidenceUpload]) = try await checkUpload(request, context)
        let (account, roadmap) = try visibleRoadmap(context)
        let key = try context.parameters.require("key")
        guard roadmap.activity(key: key) != nil else { throw WebError.notFound }
        func text(_ value: String?) -> String? {
            guard let value = value?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
            return value
        }
        let evidence = (text(form.evidence) ?? "").split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.map(Evidence.init(parsing:))
        do {
            let change = ActivityChange(
                move: form.transition, fact: try text(form.fact).map { try FactDate.normalize($0, field: "дата факта") },
                report: text(form.report), evidence: evidence, reason: text(form.comment), actor: Access.actor(account))
            _ = try await plugins.mark(change, roadmap: roadmap.id, activity: key, uploads: uploads, in: db)
        } catch let refusal as RuleRefusal {
            if refusal.rule == "roles" || refusal.rule == "workflow" { throw WebError.forbidden(refusal.message) }
            return try await activityPage(request, context, refusal: refusal.message)
        } catch let error as HostError {
            return try await activityPage(request, context, refusal: error.description)
        } catch let error as StoreError {
            return try await activityPage(request, context, refusal: error.description)
        }
        return Self.seeOther("/roadmaps/\(Self.path(roadmap.id))/activities/\(Self.path(key))")
    }

    static let notices = ["submitted": "Отчет сдан: его файлы сохранены без изменений.", "approved": "Утверждение записано."]

    struct SubmitForm: Decodable {
        var csrf: String
        var stage: String
    }

    /// Submits a stage's report as the account's role (report or approve permission).
    func submit(_ request: Request, _ context: WebContext) async throws -> Response {
        let form: SubmitForm = try await checkForm(request, context)
        let (account, roadmap) = try visibleRoadmap(context)
        do {
            _ = try await plugins.submit(roadmap: roadmap.id, stage: form.stage, actor: Access.actor(account), in: db)
        } catch let refusal as RuleRefusal {
            throw WebError.forbidden(refusal.message)
        } catch let error as StoreError {
            throw WebError(status: .conflict, message: "Не сдано: \(error.description)")
        } catch let error as PluginError {
            throw WebError(status: .unprocessableContent, message: "Не сдано: \(error.description)")
        }
        return Self.seeOther("/roadmaps/\(Self.path(roadmap.id))?notice=submitted")
    }

    struct ApproveForm: Decodable {
        var csrf: String
        var order: String
        var date: String
        var issuer: String?
    }

    /// Records the approval of the roadmap as the account's role (approve permission).
    func approve(_ request: Request, _ context: WebContext) async throws -> Response {
        let form: ApproveForm = try await checkForm(request, context)
        let (account, roadmap) = try visibleRoadmap(context)
        let order = form.order.trimmingCharacters(in: .whitespaces)
        guard !order.isEmpty else { throw WebError(status: .unprocessableContent, message: "Не утверждено: укажите номер приказа.") }
        do {
            let date = try FactDate.day(form.date, field: "дата приказа")
            let issuer = form.issuer.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
            _ = try await plugins.approve(roadmap: roadmap.id, actor: Access.actor(account), order: order, date: date, issuer: issuer, in: db)
        } catch let refusal as RuleRefusal {
            throw WebError.forbidden(refusal.message)
        } catch let error as HostError {
            throw WebError(status: .unprocessableContent, message: "Не утверждено: \(error.description)")
        }
        return Self.seeOther("/roadmaps/\(Self.path(roadmap.id))?notice=approved")
    }

    /// A frozen file of a submission, byte for byte.
    func submitted(_ request: Request, _ context: WebContext) async throws -> Response {
        let (_, roadmap) = try visibleRoadmap(context)
        let stage = try context.parameters.require("stage")
        let file = try context.parameters.require("file")
        guard let dot = file.lastIndex(of: "."), let format = OutputFormat(rawValue: String(file[file.index(after: dot)...])) else {
            throw WebError.notFound
        }
        let bytes: [UInt8]
        do {
            bytes = try Workspace.submitted(roadmap: roadmap.id, stage: stage, report: String(file[..<dot]), format: format, in: db)
        } catch is HostError {
            throw WebError.notFound
        }
        return attachment(bytes, format: format, name: "\(roadmap.id)-\(stage)-\(file)")
    }

    func download(_ request: Request, _ context: WebContext) async throws -> Response {
        let (_, roadmap) = try visibleRoadmap(context)
        let file = try context.parameters.require("file")
        guard let dot = file.lastIndex(of: "."), let format = OutputFormat(rawValue: String(file[file.index(after: dot)...])) else {
            throw WebError.notFound
        }
        let report = String(file[..<dot])
        guard try await plugins.manifest(roadmap.plugin).reports.contains(where: { $0.id == report }) else { throw WebError.notFound }
        let bytes = try format.render(try await plugins.document(roadmap, report: report))
        return attachment(bytes, format: format, name: "\(roadmap.id)-\(report).\(format.rawValue)")
    }

    /// A report file as an attachment with its type.
    func attachment(_ bytes: [UInt8], format: OutputFormat, name: String) -> Response {
        let types: [OutputFormat: String] = [
            .markdown: "text/markdown; charset=utf-8", .csv: "text/csv; charset=utf-8", .html: "text/html; charset=utf-8",
            .json: "application/json",
            .docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ]
        var headers: HTTPFields = [
            .contentType: types[format] ?? "application/octet-stream",
            .contentDisposition: "attachment; filename=\"\(name)\"",
        ]
        headers[.init("X-Content-Type-Options")!] = "nosniff"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
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
    func checkForm<Form: Decodable>(_ request: Request, _ context: WebContext) async throws -> Form {
        let body = try await request.body.collect(upTo: 1 << 20)
        let text = String(buffer: body)
        try checkToken((try? URLEncodedFormDecoder().decode(CSRFField.self, from: text))?.csrf, context)
        do {
            return try URLEncodedFormDecoder().decode(Form.self, from: text)
        } catch {
            throw WebError(status: .badRequest, message: "Форма заполнена не полностью.")
        }
    }

    /// The session's token must come back with the form, byte for byte.
    func checkToken(_ token: String?, _ context: WebContext) throws {
        guard let expected = context.sessions.session?.csrf, let token, !token.isEmpty,
              Self.constantTimeEqual(Array(token.utf8), Array(expected.utf8)) else {
            throw WebError.forbidden("Форма устарела или подделана: обновите страницу и повторите.")
        }
    }

    /// A form sent URL-encoded, or as multipart with files (`file`, repeatable); its token is
    /// checked before anything else is read from it.
    func checkUpload<Form: Decodable>(_ request: Request, _ context: WebContext) async throws -> (Form, [EvidenceUpload]) {
        let type = request.headers[.contentType] ?? ""
        guard type.lowercased().hasPrefix("multipart/form-data") else { return (try await checkForm(request, context), []) }
        guard let boundary = type.split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces) })
            .first(where: { $0.lowercased().hasPrefix("boundary=") })
            .map({ String($0.dropFirst("boundary=".count)).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }) else {
            throw WebError(status: .badRequest, message: "Форма отправлена без границы частей.")
        }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: EvidenceUpload.maxBytes + (1 << 20))
        } catch {
            throw WebError(status: .contentTooLarge, message: "Файл больше \(EvidenceUpload.maxBytes >> 20) МБ.")
        }
        let parsed: MultipartForm
        do {
            parsed = try MultipartForm(body, boundary: boundary)
        } catch {
            throw WebError(status: .badRequest, message: "Форма повреждена.")
        }
        try checkToken(parsed.fields["csrf"], context)
        let form: Form
        do {
            form = try URLEncodedFormDecoder().decode(Form.self, from: parsed.urlEncoded)
        } catch {
            throw WebError(status: .badRequest, message: "Форма заполнена не полностью.")
        }
        // A file input left empty still sends a part, with no name and no bytes.
        let uploads = parsed.files.filter { !$0.bytes.isEmpty || !$0.name.isEmpty }
            .map { EvidenceUpload(name: $0.name, bytes: $0.bytes) }
        return (form, uploads)
    }

    func evidenceFile(_ request: Request, _ context: WebContext) async throws -> Response {
        let (_, roadmap) = try visibleRoadmap(context)
        let sha = try context.parameters.require("sha")
        guard let (file, name) = try db.evidenceFile(sha, citedIn: roadmap.id) else { throw WebError.notFound }
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._")
        let encoded = (name ?? "file").addingPercentEncoding(withAllowedCharacters: allowed) ?? "file"
        var headers: HTTPFields = [
            .contentType: file.mediaType,
            .contentDisposition: "attachment; filename=\"evidence\"; filename*=UTF-8''\(encoded)",
        ]
        headers[.init("X-Content-Type-Options")!] = "nosniff"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: file.bytes)))
    }

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

    static func day(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "ru_RU")
        formatter.timeZone = TimeZone(identifier: "Europe/Moscow")
        formatter.dateFormat = "dd.MM.yyyy"
        return formatter.string(from: date)
    }

    static func moment(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "ru_RU")
        formatter.timeZone = TimeZone(identifier: "Europe/Moscow")
        formatter.dateFormat = "dd.MM.yyyy HH:mm"
        return formatter.string(from: date) + " МСК"
    }
}
