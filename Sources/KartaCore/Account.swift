/// A person who signs in to Karta's web application: one role of one region's plugin, over
/// a scope of that region. What they may see and do is decided from the account alone.
public struct Account: Sendable, Hashable, Codable {
    /// The login (`ivanova`): letters, digits, `.`, `_` and `-`.
    public var login: String
    /// The person's name as documents print it («Иванова И.И.»).
    public var name: String
    /// The plugin (region) the account belongs to.
    public var plugin: String
    /// The id of one of the plugin's roles.
    public var role: String
    /// Which of the region's roadmaps the account reaches.
    public var scope: AccountScope
    /// A disabled account cannot sign in, and its open sessions stop working.
    public var disabled: Bool

    /// Creates an account.
    public init(login: String, name: String, plugin: String, role: String, scope: AccountScope, disabled: Bool = false) {
        self.login = login
        self.name = name
        self.plugin = plugin
        self.role = role
        self.scope = scope
        self.disabled = disabled
    }

    /// Whether a login is well formed: 1–64 of `a-z`, `0-9`, `.`, `_`, `-`.
    public static func isValidLogin(_ login: String) -> Bool {
        (1...64).contains(login.utf8.count) && login.utf8.allSatisfy {
            ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 46 || $0 == 95 || $0 == 45
        }
    }
}

/// The roadmaps of its region an account reaches.
public enum AccountScope: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Every roadmap of the region.
    case region
    /// The roadmaps of one municipality, as printed («г. Шахты»).
    case municipality(String)
    /// One roadmap.
    case roadmap(String)

    /// `region`, `municipality г. Шахты`, `roadmap shakhty-2022`.
    public var description: String {
        switch self {
        case .region: "region"
        case .municipality(let name): "municipality \(name)"
        case .roadmap(let id): "roadmap \(id)"
        }
    }

    /// Whether a roadmap of the account's plugin, with this id and municipality, is in scope.
    public func contains(roadmap id: String, municipality: String) -> Bool {
        switch self {
        case .region: true
        case .municipality(let name): name == municipality
        case .roadmap(let only): only == id
        }
    }
}
