public import Foundation
internal import GRDB
public import KartaCore

extension KartaDatabase {
    /// Stores a new account with its password hash; an existing login is refused.
    public func addAccount(_ account: Account, passwordHash: String, at date: Date = Date()) throws {
        try writeTransaction { db in
            if try Row.fetchOne(db, sql: "SELECT 1 FROM account WHERE login = ?", arguments: [account.login]) != nil {
                throw StoreError.accountExists(login: account.login)
            }
            let (kind, value) = Self.scopeColumns(account.scope)
            try db.execute(
                sql: """
                    INSERT INTO account (login, name, plugin, role, scope_kind, scope_value, password_hash, disabled, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [account.login, account.name, account.plugin, account.role, kind, value, passwordHash,
                            account.disabled, date])
        }
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

    private static func scopeColumns(_ scope: AccountScope) -> (String, String?) {
        switch scope {
        case .region: ("region", nil)
        case .municipality(let name): ("municipality", name)
        case .roadmap(let id): ("roadmap", id)
        }
    }

    private static func account(_ row: Row) throws -> Account {
        let kind: String = row["scope_kind"]
        let value: String? = row["scope_value"]
        let scope: AccountScope
        switch (kind, value) {
        case ("region", _): scope = .region
        case ("municipality", let name?): scope = .municipality(name)
        case ("roadmap", let id?): scope = .roadmap(id)
        default: throw StoreError.corrupt("account \(row["login"] as String? ?? "?"): scope '\(kind)'")
        }
        return Account(login: row["login"], name: row["name"], plugin: row["plugin"], role: row["role"], scope: scope,
                       disabled: row["disabled"])
    }
}
