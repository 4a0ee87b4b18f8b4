import Foundation
internal import Crypto
import KartaCore

/// Copies everything one store holds into another (`karta db copy`), on either engine, and
/// proves the copy: counts and a content hash per roadmap, read back from the target.
public enum StoreCopy {
    /// What one roadmap id holds, counted, with a hash of its content.
    public struct Figures: Sendable, Hashable {
        /// The roadmap id.
        public var id: String
        /// Activities and sub-activities (0 when only history or submissions remain).
        public var activities: Int
        /// History entries.
        public var history: Int
        /// Submissions.
        public var submissions: Int
        /// Uploaded evidence files cited.
        public var files: Int
        /// SHA-256 (hex) of the content, the same on both engines for the same data.
        public var sha256: String
    }

    /// Everything a store holds, counted and hashed.
    public struct Census: Sendable, Hashable {
        /// Per roadmap id, sorted by id.
        public var roadmaps: [Figures]
        /// Accounts.
        public var accounts: Int
        /// SHA-256 (hex) of every account as stored (password hashes included).
        public var accountsSHA256: String
    }

    /// Counts and hashes one store's content, one roadmap at a time.
    public static func census(of store: any RoadmapStore) throws(StoreError) -> Census {
        let roadmaps = try store.bundleIDs().map { id throws(StoreError) in try figures(try store.bundle(roadmap: id)) }
        let accounts = try store.storedAccounts()
        return Census(roadmaps: roadmaps, accounts: accounts.count, accountsSHA256: hash(accounts))
    }

    /// A copy that does not match its source.
    public struct Mismatch: Error, CustomStringConvertible {
        /// What differs, one line each.
        public var differences: [String]
        public var description: String {
            "the copy does not match its source:\n" + differences.map { "  \($0)" }.joined(separator: "\n")
        }
    }

    /// Copies every roadmap (with its history, submissions and cited files) and every account
    /// from `source` into `target` in one transaction, then reads the target back and compares.
    ///
    /// - Parameter replace: replace roadmaps and accounts the target holds already; when
    ///   false, any of them is refused and nothing is written.
    /// - Returns: the source's census (equal to the target's for what was copied).
    /// - Throws: ``StoreError`` (nothing written), or ``Mismatch`` when the copy reads back different.
    @discardableResult
    public static func copy(from source: any RoadmapStore, to target: any RoadmapStore, replace: Bool) throws -> Census {
        let ids = try source.bundleIDs()
        var bundles: [RoadmapBundle] = []
        var expected: [Figures] = []
        for id in ids {
            let bundle = try source.bundle(roadmap: id)
            expected.append(try figures(bundle))
            bundles.append(bundle)
        }
        let accounts = try source.storedAccounts()
        try target.restore(bundles: bundles, accounts: accounts, replace: replace)
        bundles = []

        var differences: [String] = []
        for want in expected {
            let got = try figures(try target.bundle(roadmap: want.id))
            if got != want { differences.append("\(want.id): source \(want.summary), copy \(got.summary)") }
        }
        let copiedAccounts = try target.storedAccounts().filter { stored in accounts.contains { $0.account.login == stored.account.login } }
        if hash(copiedAccounts) != hash(accounts) { differences.append("accounts: \(accounts.count) in the source, the copy's differ") }
        guard differences.isEmpty else { throw Mismatch(differences: differences) }
        return Census(roadmaps: expected, accounts: accounts.count, accountsSHA256: hash(accounts))
    }

    /// Counts and hash of one bundle.
    public static func figures(_ bundle: RoadmapBundle) throws(StoreError) -> Figures {
        var content = Content()
        if let roadmap = bundle.roadmap {
            content.add("roadmap")
            do {
                try KartaDatabase.forEachRow(of: roadmap) { table, values in
                    content.add("\(table)")
                    for value in values { content.add(value) }
                }
            } catch {
                throw .corrupt("roadmap \(bundle.id): \(error)")
            }
        }
        for entry in bundle.history {
            content.add("history")
            for text in [entry.activityKey, entry.at.storedText, entry.actor.role, entry.actor.name, entry.field, entry.oldValue,
                         entry.newValue, entry.reason, entry.transition, entry.amendment ? "amendment" : nil] {
                content.add(text)
            }
        }
        for submission in bundle.submissions {
            content.add("submission")
            for text in [submission.stage, submission.stageTitle, submission.at.storedText, submission.actor.role, submission.actor.name] {
                content.add(text)
            }
            for file in submission.files {
                content.add(file.report)
                content.add(file.format)
                content.add(hex(SHA256.hash(data: file.bytes)))
            }
        }
        for file in bundle.files {
            content.add("file")
            content.add(file.sha256)
            content.add(file.mediaType)
            content.add(hex(SHA256.hash(data: file.bytes)))
        }
        return Figures(id: bundle.id, activities: bundle.roadmap?.allActivities.count ?? 0, history: bundle.history.count,
                       submissions: bundle.submissions.count, files: bundle.files.count, sha256: content.digest)
    }

    private static func hash(_ accounts: [StoredAccount]) -> String {
        var content = Content()
        for stored in accounts.sorted(by: { $0.account.login.utf8.lexicographicallyPrecedes($1.account.login.utf8) }) {
            let account = stored.account
            for text in [account.login, account.name, account.plugin, account.role, account.scope.description,
                         account.disabled ? "disabled" : "enabled", stored.passwordHash, stored.createdAt.storedText] {
                content.add(text)
            }
        }
        return content.digest
    }

    /// Fields hashed with their lengths, so that no two different lists hash alike.
    private struct Content {
        var hasher = SHA256()

        mutating func add(_ text: String?) {
            guard let text else { return add(bytes: [0xFF]) }
            add(bytes: Array(text.utf8))
        }

        mutating func add(_ value: ColumnValue) {
            switch value {
            case .text(let text): add(text)
            case .integer(let number): add("#\(number)")
            case .null: add(nil as String?)
            }
        }

        mutating func add(bytes: [UInt8]) {
            withUnsafeBytes(of: UInt64(bytes.count).bigEndian) { hasher.update(bufferPointer: $0) }
            hasher.update(data: bytes)
        }

        var digest: String { hex(hasher.finalize()) }
    }

    private static func hex(_ digest: some Sequence<UInt8>) -> String {
        digest.map { String(format: "%02x", $0) }.joined()
    }
}

extension StoreCopy.Figures {
    var summary: String { "\(activities) activities, \(history) history, \(submissions) submissions, \(files) files, \(sha256.prefix(12))" }
}

extension Date {
    /// The time as both engines store it, to the millisecond.
    var storedText: String {
        guard case .text(let text) = ColumnValue(self) else { return "" }
        return text
    }
}
