import Foundation
import Hummingbird
import HummingbirdAuth
import KartaCore
import KartaHost
import KartaPlugins
import KartaReports
import KartaStore

/// Signing in and out.
extension WebApp {
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
}
