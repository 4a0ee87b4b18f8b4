public import KartaCore

/// Who may see what: the one place the web application asks. An account sees a roadmap
/// when it is enabled, belongs to the roadmap's region (plugin) and its scope holds the
/// roadmap; what it may do there is its role's, checked by the region's workflow.
public enum Access {
    /// Whether `account` may see the roadmap with this plugin, id and municipality.
    public static func canSee(_ account: Account, plugin: String, roadmap id: String, municipality: String) -> Bool {
        !account.disabled && account.plugin == plugin && account.scope.contains(roadmap: id, municipality: municipality)
    }

    /// Whether `account` may see this roadmap.
    public static func canSee(_ account: Account, _ roadmap: Roadmap) -> Bool {
        canSee(account, plugin: roadmap.plugin, roadmap: roadmap.id, municipality: roadmap.municipality)
    }

    /// The actor a change by this account is recorded as: its role's id and its name.
    public static func actor(_ account: Account) -> Actor {
        Actor(role: account.role, name: account.name)
    }
}
