public import Foundation
public import KartaCore

extension PostgresStore {
    // MARK: Submissions

    public func submit(_ submission: Submission) throws {
        try transactionPassingErrors { session in
            // The roadmap's row is the lock two submissions of one stage queue on.
            try session.execute("SELECT 1 FROM roadmap WHERE id = ? FOR UPDATE", [.text(submission.roadmapID)])
            if let previous = try Self.submissions(session, roadmap: submission.roadmapID, files: false)
                .first(where: { $0.stage == submission.stage }) {
                throw StoreError.alreadySubmitted(roadmap: submission.roadmapID, stage: submission.stage, at: previous.at,
                                                  by: previous.actor.description)
            }
            try Self.insert(submission, session)
        }
    }

    static func insert(_ submission: Submission, _ session: PostgresSession) throws {
        let id = try session.rows(
            "INSERT INTO submission (roadmap_id, stage, stage_title, at, actor_role, actor_name) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
            [.text(submission.roadmapID), .text(submission.stage), .text(submission.stageTitle), PostgresValue(submission.at),
             .text(submission.actor.role), PostgresValue(submission.actor.name)]).first?.number(0) ?? 0
        for file in submission.files {
            try session.execute("INSERT INTO submission_file (submission_id, report, format, bytes) VALUES (?, ?, ?, ?)",
                                [.integer(id), .text(file.report), .text(file.format), .bytes(file.bytes)])
        }
    }

    public func submissions(roadmap roadmapID: String, files: Bool) throws(StoreError) -> [Submission] {
        try read { session in try Self.submissions(session, roadmap: roadmapID, files: files) }
    }

    /// One statement: each submission with its files (none: a row of NULLs), in order.
    static func submissions(_ session: PostgresSession, roadmap roadmapID: String, files: Bool) throws -> [Submission] {
        let bytes = files ? "f.bytes" : "''::bytea"
        let rows = try session.rows("""
            SELECT s.id, s.stage, s.stage_title, s.at, s.actor_role, s.actor_name, f.report, f.format, \(bytes)
            FROM submission s LEFT JOIN submission_file f ON f.submission_id = s.id
            WHERE s.roadmap_id = ? ORDER BY s.id, f.ordinal
            """, [.text(roadmapID)])
        var submissions: [Submission] = []
        var lastID: Int?
        for row in rows {
            let id = try row.number(0)
            if id != lastID {
                lastID = id
                submissions.append(Submission(
                    roadmapID: roadmapID, stage: try row.string(1), stageTitle: try row.string(2), at: try storedDate(row.string(3)),
                    actor: Actor(role: try row.string(4), name: try row.text(5)), files: []))
            }
            if let report = try row.text(6) {
                submissions[submissions.count - 1].files.append(SubmittedFile(report: report, format: try row.string(7), bytes: try row.bytes(8)))
            }
        }
        return submissions
    }

    // MARK: Evidence files

    public func evidenceFile(_ sha256: String, citedIn roadmapID: String) throws(StoreError) -> (file: EvidenceFile, name: String?)? {
        try transaction(readOnly: true) { session in
            guard let cited = try session.rows("SELECT title FROM evidence WHERE roadmap_id = ? AND file = ? LIMIT 1",
                                               [.text(roadmapID), .text(sha256)]).first,
                  let row = try session.rows("SELECT media_type, bytes FROM evidence_file WHERE sha256 = ?", [.text(sha256)]).first
            else { return nil }
            return (EvidenceFile(sha256: sha256, mediaType: try row.string(0), bytes: try row.bytes(1)), try cited.text(0))
        }
    }

    // MARK: Accounts

    private static let accountColumns = "login, name, plugin, role, scope_kind, scope_value, password_hash, disabled, created_at"

    public func addAccount(_ account: Account, passwordHash: String, at date: Date) throws {
        try transactionPassingErrors { session in
            try Self.insert(StoredAccount(account: account, passwordHash: passwordHash, createdAt: date), session)
        }
    }

    private static func insert(_ stored: StoredAccount, _ session: PostgresSession) throws {
        let account = stored.account
        let (kind, value) = KartaDatabase.scopeColumns(account.scope)
        let inserted = try session.execute(
            "INSERT INTO account (\(accountColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (login) DO NOTHING",
            [.text(account.login), .text(account.name), .text(account.plugin), .text(account.role), .text(kind), PostgresValue(value),
             .text(stored.passwordHash), .boolean(account.disabled), PostgresValue(stored.createdAt)])
        if inserted == 0 { throw StoreError.accountExists(login: account.login) }
    }

    public func account(login: String) throws(StoreError) -> (account: Account, passwordHash: String)? {
        try read { session in
            try session.rows("SELECT \(Self.accountColumns) FROM account WHERE login = ?", [.text(login)]).first
                .map { row in let stored = try Self.storedAccount(row); return (stored.account, stored.passwordHash) }
        }
    }

    public func accounts() throws(StoreError) -> [Account] {
        try storedAccounts().map(\.account)
    }

    public func storedAccounts() throws(StoreError) -> [StoredAccount] {
        try read { session in
            try session.rows("SELECT \(Self.accountColumns) FROM account ORDER BY login COLLATE \"C\"").map(Self.storedAccount)
        }
    }

    private static func storedAccount(_ row: PostgresColumns) throws -> StoredAccount {
        let login = try row.string(0)
        let account = Account(login: login, name: try row.string(1), plugin: try row.string(2), role: try row.string(3),
                              scope: try KartaDatabase.scope(kind: row.string(4), value: row.text(5), login: login),
                              disabled: try row.boolean(7))
        return StoredAccount(account: account, passwordHash: try row.string(6), createdAt: try storedDate(row.string(8)))
    }

    public func setPasswordHash(login: String, _ hash: String) throws {
        try updateAccount(login: login, "UPDATE account SET password_hash = ? WHERE login = ?", [.text(hash), .text(login)])
    }

    public func setDisabled(login: String, _ disabled: Bool) throws {
        try updateAccount(login: login, "UPDATE account SET disabled = ? WHERE login = ?", [.boolean(disabled), .text(login)])
    }

    private func updateAccount(login: String, _ sql: String, _ values: [PostgresValue]) throws {
        try transactionPassingErrors { session in
            if try session.execute(sql, values) == 0 { throw StoreError.noAccount(login: login) }
        }
    }

    // MARK: Copy

    public func bundleIDs() throws(StoreError) -> [String] {
        try transaction(readOnly: true) { session in
            try session.rows("""
                SELECT id FROM (SELECT id FROM roadmap UNION SELECT roadmap_id FROM history UNION SELECT roadmap_id FROM submission) AS ids
                ORDER BY id COLLATE "C"
                """).map { try $0.string(0) }
        }
    }

    public func bundle(roadmap roadmapID: String) throws(StoreError) -> RoadmapBundle {
        try transaction(readOnly: true) { session in
            let history = try session.rows("SELECT id, \(HistoryRecord.columns) FROM history WHERE roadmap_id = ? ORDER BY id", [.text(roadmapID)])
                .map { try Self.historyEntry($0) }
            let files = try session.rows("""
                SELECT sha256, media_type, bytes FROM evidence_file
                WHERE sha256 IN (SELECT file FROM evidence WHERE roadmap_id = ? AND file IS NOT NULL) ORDER BY sha256 COLLATE "C"
                """, [.text(roadmapID)]).map { EvidenceFile(sha256: try $0.string(0), mediaType: try $0.string(1), bytes: try $0.bytes(2)) }
            return RoadmapBundle(id: roadmapID, roadmap: try Self.loadRoadmap(session, id: roadmapID), history: history,
                                 submissions: try Self.submissions(session, roadmap: roadmapID, files: true), files: files)
        }
    }

    public func restore(bundles: [RoadmapBundle], accounts: [StoredAccount], replace: Bool) throws {
        try transactionPassingErrors { session in
            var batch = PostgresBatch(session: session)
            for bundle in bundles {
                let id = bundle.id
                let held = try session.rows("SELECT (SELECT COUNT(*) FROM roadmap WHERE id = ?) + (SELECT COUNT(*) FROM history WHERE roadmap_id = ?)",
                                            [.text(id), .text(id)]).first?.number(0) ?? 0
                if held > 0 {
                    guard replace else { throw StoreError.roadmapExists(id: id) }
                    try batch.flush()
                    try session.execute("DELETE FROM roadmap WHERE id = ?", [.text(id)])
                    try session.execute("DELETE FROM history WHERE roadmap_id = ?", [.text(id)])
                }
                if let roadmap = bundle.roadmap {
                    try KartaDatabase.forEachRow(of: roadmap) { table, values in
                        try batch.add(PostgresBatch.Table(table), values.map(PostgresValue.init))
                    }
                }
                for entry in bundle.history { try batch.add(.history, HistoryRecord(entry).postgresValues) }
                try batch.flush()
                for submission in try Submission.missing(bundle.submissions, from: try Self.submissions(session, roadmap: id, files: true)) {
                    try Self.insert(submission, session)
                }
                for file in bundle.files { try Self.store(file, at: bundle.history.last?.at ?? Date(), session) }
            }
            for stored in accounts {
                if replace { try session.execute("DELETE FROM account WHERE login = ?", [.text(stored.account.login)]) }
                try Self.insert(stored, session)
            }
        }
    }
}
