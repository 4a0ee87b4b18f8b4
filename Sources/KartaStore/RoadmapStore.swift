public import Foundation
public import KartaCore

/// Karta's storage, whatever engine holds it: the embedded SQLite file (``KartaDatabase``)
/// or a region's shared PostgreSQL (``PostgresStore``). ``StoreLocation`` opens either from
/// what `--db` says.
///
/// Every method that writes is one transaction: it happens whole or not at all. A change
/// to an activity (``change(roadmap:activity:_:files:at:resolve:)``, ``amend(roadmap:activity:_:at:check:)``,
/// ``approve(roadmap:_:actor:reason:at:check:)``) reads the roadmap and writes in the same
/// transaction, and concurrent changes of one roadmap are serialised, so that no update is
/// lost. Closures given to a method run inside its transaction; their errors pass through
/// unchanged and leave the store as it was.
public protocol RoadmapStore: AnyObject, Sendable {
    /// Where the store is, for messages: a file's path, or a PostgreSQL URL without its password.
    var location: String { get }

    /// The engine's own check of the stored data: `ok`, or what is damaged.
    func integrityCheck() throws(StoreError) -> String

    /// Names of the migrations applied, in order (the same names on both engines).
    func appliedMigrations() throws(StoreError) -> [String]

    /// Stores roadmaps in one transaction as `next` hands them over, until it returns nil: all
    /// of them, or none when `next` or the database throws. Each is recorded in its history
    /// as imported (or replaced) by `actor`.
    ///
    /// - Parameter replace: replace a stored roadmap with the same id; when false, an
    ///   existing id is an error and nothing changes.
    func save(replace: Bool, actor: Actor, at date: Date, from next: () throws -> Roadmap?) throws

    /// Loads a whole roadmap, or nil when no roadmap has this id.
    func roadmap(id: String) throws(StoreError) -> Roadmap?

    /// Loads the roadmaps with these ids (nil: every stored roadmap, ordered like
    /// ``roadmaps()``), in this order, in one read transaction, handing each to `body` (ids
    /// not stored are skipped); only one roadmap is in memory at a time.
    func forEachRoadmap(ids: [String]?, _ body: (Roadmap) throws -> Void) throws

    /// Id, plugin and municipality of every stored roadmap of one plugin, by id.
    func roadmapHeaders(plugin: String) throws(StoreError) -> [(id: String, plugin: String, municipality: String)]

    /// Every stored roadmap, ordered by region code and id.
    func roadmaps() throws(StoreError) -> [RoadmapSummary]

    /// Applies a change to one activity in one transaction: `resolve` turns the change asked
    /// for into the change to make (it sees the roadmap and the activity before, and may
    /// refuse), then the activity is updated, cited files are stored (content-addressed) and
    /// one history entry per changed field is appended.
    ///
    /// - Returns: the history entries written.
    @discardableResult
    func change(roadmap roadmapID: String, activity key: String, _ change: ActivityChange, files: [EvidenceFile],
                at date: Date, resolve: (Roadmap, Activity, ActivityChange) throws -> ActivityChange) throws -> [HistoryEntry]

    /// Changes the plan of one activity (title, timing, responsible) in one transaction, after
    /// `check` accepts it. On an approved roadmap every changed field is an amendment.
    @discardableResult
    func amend(roadmap roadmapID: String, activity key: String, _ change: PlanChange, at date: Date,
               check: (Roadmap, Activity) throws -> Void) throws -> [HistoryEntry]

    /// Records the approval of a roadmap after `check` accepts it, with who and when in the history.
    @discardableResult
    func approve(roadmap roadmapID: String, _ approval: Approval, actor: Actor, reason: String?, at date: Date,
                 check: (Roadmap) throws -> Void) throws -> HistoryEntry

    /// The history of a roadmap (or of one activity and its sub-activities, compared as
    /// text), oldest first; only entries after `since`, only amendments when `amendments`.
    func history(roadmap roadmapID: String, activity key: String?, since: Date?, amendments: Bool) throws(StoreError) -> [HistoryEntry]

    /// Stores a submitted report, its files byte for byte; a stage is submitted once.
    func submit(_ submission: Submission) throws

    /// The submissions of a roadmap, oldest first; with their files when `files` is true.
    func submissions(roadmap roadmapID: String, files: Bool) throws(StoreError) -> [Submission]

    /// An uploaded file cited as evidence in this roadmap, with the citation's title, or nil.
    func evidenceFile(_ sha256: String, citedIn roadmapID: String) throws(StoreError) -> (file: EvidenceFile, name: String?)?

    /// Stores a new account with its password hash; an existing login is refused.
    func addAccount(_ account: Account, passwordHash: String, at date: Date) throws

    /// The account with this login and its password hash, or nil.
    func account(login: String) throws(StoreError) -> (account: Account, passwordHash: String)?

    /// Every account, by login.
    func accounts() throws(StoreError) -> [Account]

    /// Replaces an account's password hash.
    func setPasswordHash(login: String, _ hash: String) throws

    /// Disables or enables an account.
    func setDisabled(login: String, _ disabled: Bool) throws

    /// Everything stored about one roadmap id, for ``StoreCopy``: the roadmap (nil when only
    /// its history or submissions remain), its whole history, its submissions with their
    /// files, and the evidence files it cites.
    func bundle(roadmap roadmapID: String) throws(StoreError) -> RoadmapBundle

    /// Every roadmap id the store knows: stored roadmaps, and ids that only history or
    /// submissions still name; sorted.
    func bundleIDs() throws(StoreError) -> [String]

    /// Every account with its password hash and creation time, by login.
    func storedAccounts() throws(StoreError) -> [StoredAccount]

    /// Writes bundles and accounts copied from another store, in one transaction: each
    /// bundle's roadmap rows, history (in order, new ids), submissions and evidence files as
    /// they were. A roadmap id or login stored already is refused unless `replace`, which
    /// removes that roadmap's rows, history and submissions (or that account) first.
    func restore(bundles: [RoadmapBundle], accounts: [StoredAccount], replace: Bool) throws
}

extension RoadmapStore {
    /// Stores a whole roadmap in one transaction (see ``save(replace:actor:at:from:)``).
    public func save(_ roadmap: Roadmap, replace: Bool = false, actor: Actor = Actor(role: "import"),
                     at date: Date = Date()) throws(StoreError) {
        try save([roadmap], replace: replace, actor: actor, at: date)
    }

    /// Stores several roadmaps in one transaction: all of them, or none.
    public func save(_ roadmaps: [Roadmap], replace: Bool = false, actor: Actor = Actor(role: "import"),
                     at date: Date = Date()) throws(StoreError) {
        var remaining = roadmaps.makeIterator()
        do {
            try save(replace: replace, actor: actor, at: date) { remaining.next() }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.database("\(error)")
        }
    }

    /// Every stored roadmap, one at a time (see ``forEachRoadmap(ids:_:)``).
    public func forEachRoadmap(_ body: (Roadmap) throws -> Void) throws {
        try forEachRoadmap(ids: nil, body)
    }

    /// Stores roadmaps as `next` hands them over, imported now (see ``save(replace:actor:at:from:)``).
    public func save(replace: Bool, from next: () throws -> Roadmap?) throws {
        try save(replace: replace, actor: Actor(role: "import"), at: Date(), from: next)
    }

    /// ``change(roadmap:activity:_:files:at:resolve:)`` now.
    @discardableResult
    public func change(roadmap roadmapID: String, activity key: String, _ change: ActivityChange, files: [EvidenceFile] = [],
                       resolve: (Roadmap, Activity, ActivityChange) throws -> ActivityChange) throws -> [HistoryEntry] {
        try self.change(roadmap: roadmapID, activity: key, change, files: files, at: Date(), resolve: resolve)
    }

    /// ``change(roadmap:activity:_:files:at:resolve:)`` without files.
    @discardableResult
    public func change(roadmap roadmapID: String, activity key: String, _ change: ActivityChange, at date: Date,
                       resolve: (Roadmap, Activity, ActivityChange) throws -> ActivityChange) throws -> [HistoryEntry] {
        try self.change(roadmap: roadmapID, activity: key, change, files: [], at: date, resolve: resolve)
    }

    /// ``amend(roadmap:activity:_:at:check:)`` now.
    @discardableResult
    public func amend(roadmap roadmapID: String, activity key: String, _ change: PlanChange,
                      check: (Roadmap, Activity) throws -> Void) throws -> [HistoryEntry] {
        try amend(roadmap: roadmapID, activity: key, change, at: Date(), check: check)
    }

    /// ``approve(roadmap:_:actor:reason:at:check:)`` now.
    @discardableResult
    public func approve(roadmap roadmapID: String, _ approval: Approval, actor: Actor, reason: String? = nil,
                        check: (Roadmap) throws -> Void) throws -> HistoryEntry {
        try approve(roadmap: roadmapID, approval, actor: actor, reason: reason, at: Date(), check: check)
    }

    /// The history of a roadmap, or of one activity and its sub-activities, after `since`.
    public func history(roadmap roadmapID: String, activity key: String? = nil, since: Date? = nil) throws(StoreError) -> [HistoryEntry] {
        try history(roadmap: roadmapID, activity: key, since: since, amendments: false)
    }

    /// The submissions of a roadmap without their files.
    public func submissions(roadmap roadmapID: String) throws(StoreError) -> [Submission] {
        try submissions(roadmap: roadmapID, files: false)
    }

    /// The submission of one stage with its files, or nil when the stage is not submitted.
    public func submission(roadmap roadmapID: String, stage: String) throws(StoreError) -> Submission? {
        try submissions(roadmap: roadmapID, files: true).first { $0.stage == stage }
    }

    /// Stores a new account now.
    public func addAccount(_ account: Account, passwordHash: String) throws {
        try addAccount(account, passwordHash: passwordHash, at: Date())
    }
}

/// Everything stored about one roadmap id: what ``StoreCopy`` moves between stores.
public struct RoadmapBundle: Sendable, Hashable {
    /// The roadmap id.
    public var id: String
    /// The stored roadmap, or nil when only its history or submissions remain.
    public var roadmap: Roadmap?
    /// Its history, oldest first (ids are the source store's).
    public var history: [HistoryEntry]
    /// Its submissions with their files, oldest first.
    public var submissions: [Submission]
    /// The uploaded files its evidence cites, by SHA-256.
    public var files: [EvidenceFile]

    /// A bundle of these parts.
    public init(id: String, roadmap: Roadmap?, history: [HistoryEntry], submissions: [Submission], files: [EvidenceFile]) {
        self.id = id
        self.roadmap = roadmap
        self.history = history
        self.submissions = submissions
        self.files = files
    }
}

/// An account as stored: with its password hash and when it was made.
public struct StoredAccount: Sendable, Hashable {
    /// The account.
    public var account: Account
    /// Its bcrypt hash.
    public var passwordHash: String
    /// When it was made.
    public var createdAt: Date

    /// An account as stored.
    public init(account: Account, passwordHash: String, createdAt: Date) {
        self.account = account
        self.passwordHash = passwordHash
        self.createdAt = createdAt
    }
}
