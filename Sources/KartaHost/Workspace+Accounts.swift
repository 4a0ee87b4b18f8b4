import Foundation
public import KartaCore
import KartaPlugins
public import KartaStore
import HummingbirdBcrypt

/// Passwords are kept as bcrypt hashes (HummingbirdBcrypt), never as text.
public enum Passwords {
    /// The work factor of new hashes.
    public static let cost: UInt8 = 12
    /// The shortest password accepted.
    public static let minimumLength = 8

    /// A bcrypt hash of `password`.
    public static func hash(_ password: String, cost: UInt8 = Passwords.cost) -> String {
        Bcrypt.hash(password, cost: cost)
    }

    /// Whether `password` matches `hash`.
    public static func verify(_ password: String, hash: String) -> Bool {
        Bcrypt.verify(password, hash: hash)
    }

    /// Refuses a password that is too short or not one line.
    public static func check(_ password: String) throws {
        if password.count < minimumLength { throw HostError("the password must have at least \(minimumLength) characters") }
        if password.contains(where: \.isNewline) { throw HostError("the password must be one line") }
    }
}

extension Workspace {
    /// Adds an account after checking it against its region: the plugin must exist, the role
    /// must be one of its roles (by id or abbreviation; stored as the id), a municipality
    /// scope must name one, a roadmap scope a stored roadmap of that plugin.
    ///
    /// - Returns: the account as stored.
    @discardableResult
    public mutating func addAccount(_ account: Account, password: String, cost: UInt8 = Passwords.cost,
                                    in db: any RoadmapStore) throws -> Account {
        guard Account.isValidLogin(account.login) else {
            throw HostError("login '\(account.login)': use 1–64 of a-z, 0-9, '.', '_' and '-'")
        }
        var account = account
        account.name = try TextFieldError.check(account.name, field: "имя")
        if case .municipality(let name) = account.scope {
            account.scope = .municipality(try TextFieldError.check(name, field: "муниципалитет"))
        }
        if account.name.allSatisfy(\.isWhitespace) { throw HostError("the account needs a name") }
        let plugin = try plugin(account.plugin)
        guard let role = plugin.role(account.role) else {
            let known = plugin.manifest.roles.map { "\($0.id) (\($0.abbreviation))" }.joined(separator: ", ")
            throw HostError("plugin '\(account.plugin)' has no role '\(account.role)' (roles: \(known))")
        }
        switch account.scope {
        case .region:
            break
        case .municipality(let name):
            if name.allSatisfy(\.isWhitespace) { throw HostError("the municipality is empty") }
        case .roadmap(let id):
            guard let roadmap = try db.roadmap(id: id) else { throw HostError("no roadmap '\(id)' in \(db.location)") }
            guard roadmap.plugin == account.plugin else {
                throw HostError("roadmap '\(id)' belongs to plugin '\(roadmap.plugin)', not '\(account.plugin)'")
            }
        }
        try Passwords.check(password)
        var stored = account
        stored.role = role.id
        try db.addAccount(stored, passwordHash: Passwords.hash(password, cost: cost))
        return stored
    }
}
