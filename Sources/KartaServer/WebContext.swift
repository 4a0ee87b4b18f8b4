import Foundation
import Hummingbird
public import HummingbirdAuth
public import KartaCore

/// What a browser session holds: who signed in (nil before) and the token every form that
/// changes something must carry (`csrf`).
public struct WebSession: Codable, Sendable {
    /// The signed-in account's login.
    public var login: String?
    /// The anti-forgery token of this session.
    public var csrf: String

    /// A session for nobody yet, with a fresh token.
    public static func anonymous() -> WebSession { WebSession(login: nil, csrf: Token.make()) }
}

/// The request context of the web application: its session, and the account it belongs to
/// (loaded from the database on every request, so a disabled account stops at once).
public typealias WebContext = BasicSessionRequestContext<WebSession, Account>

/// Random tokens for sessions' anti-forgery fields.
enum Token {
    /// 32 random bytes as hex.
    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: .min ... .max, using: &generator)) }.joined()
    }
}
