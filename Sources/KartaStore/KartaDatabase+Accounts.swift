public import Foundation
internal import GRDB
public import KartaCore

extension KartaDatabase {
    /// Stores a new account with its password hash; an existing login is refused.
    public func addAccount(_ account: Account, passwordHash: String, at date: Date) throws {
        try writeTransaction { db in
            if try Row.fetchOne(db, sql: "SELECT 1 FROM account WHERE login = ?", arguments: [account.login]) != nil {
                throw StoreError.accountExists(login: account.login)
            }
            try Self.insert(account, passwordHash: passwordHash, at: date, db)
        }
    }

    static func insert(_ account: Account, passwordHash: String, at date: Date, _ db: Database) throws {
        let (kind, value) = Self.scopeColumns(account.scope)
        try db.execute(
            sql: """
                INSERT INTO account (login, name, plugin, role, scope_kind, scope_value, password_hash, disabled, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [account.login, account.name, account.plugin, account.role, kind, value, passwordHash,
                        account.disabled, date])
    }

    /// The account with this login and its password hash, or nil.
    public func account(login: String) throws(StoreError) -> (account: Account, passwordHash: String)? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM account WHERE login = ?", arguments: [login]).map { row in
                (try Self.account(row), row["password_hash"])
            }
        }
    }

    /// Every account, by login.
    public func accounts() throws(StoreError) -> [Account] {
        try read { db in try Row.fetchAll(db, sql: "SELECT * FROM account ORDER BY login").map(Self.account) }
    }

    /// Replaces an account's password hash.
    public func setPasswordHash(login: String, _ hash: String) throws {
        try updateAccount(login: login, sql: "UPDATE account SET password_hash = ? WHERE login = ?", [hash, login])
    }

    /// Disables or enables an account.
    public func setDisabled(login: String, _ disabled: Bool) throws {
        try updateAccount(login: login, sql: "UPDATE account SET disabled = ? WHERE login = ?", [disabled, login])
    }

    private func updateAccount(login: String, sql: String, _ arguments: StatementArguments) throws {
        try writeTransaction { db in
            try db.execute(sql: sql, arguments: arguments)
            if db.changesCount == 0 { throw StoreError.noAccount(login: login) }
        }
    }

    static func scopeColumns(_ scope: AccountScope) -> (String, String?) {
        switch scope {
        case .region: ("region", nil)
        case .municipality(let name): ("municipality", name)
        case .roadmap(let id): ("roadmap", id)
        }
    }

    static func account(_ row: Row) throws -> Account {
        let login: String = row["login"]
        return Account(login: login, name: row["name"], plugin: row["plugin"], role: row["role"],
                       scope: try scope(kind: row["scope_kind"], value: row["scope_value"], login: login), disabled: row["disabled"])
    }

    /// An account's scope from its two columns.
    static func scope(kind: String, value: String?, login: String) throws -> AccountScope {
        switch (kind, value) {
        case ("region", _): .region
        case ("municipality", let name?): .municipality(name)
        case ("roadmap", let id?): .roadmap(id)
        default: throw StoreError.corrupt("account \(login): scope '\(kind)'")
        }
    }
}
