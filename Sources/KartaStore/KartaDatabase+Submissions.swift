import Foundation
internal import GRDB
public import KartaCore

extension KartaDatabase {
    /// Stores a submitted report, its files byte for byte, in one transaction. A stage is
    /// submitted once: a second submission of it is refused and nothing changes.
    public func submit(_ submission: Submission) throws {
        try writeTransaction { db in
            if let previous = try Row.fetchOne(
                db, sql: "SELECT at, actor_role, actor_name FROM submission WHERE roadmap_id = ? AND stage = ?",
                arguments: [submission.roadmapID, submission.stage]) {
                let actor = Actor(role: previous["actor_role"], name: previous["actor_name"])
                throw StoreError.alreadySubmitted(roadmap: submission.roadmapID, stage: submission.stage,
                                                  at: previous["at"], by: actor.description)
            }
            try Self.insert(submission, db)
        }
    }

    static func insert(_ submission: Submission, _ db: Database) throws {
        try db.execute(
            sql: "INSERT INTO submission (roadmap_id, stage, stage_title, at, actor_role, actor_name) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [submission.roadmapID, submission.stage, submission.stageTitle, submission.at,
                        submission.actor.role, submission.actor.name])
        let id = db.lastInsertedRowID
        let insert = try db.makeStatement(sql: "INSERT INTO submission_file (submission_id, report, format, bytes) VALUES (?, ?, ?, ?)")
        for file in submission.files {
            try insert.execute(arguments: [id, file.report, file.format, Data(file.bytes)])
        }
    }

    /// The submissions of a roadmap, oldest first; with their files when `files` is true.
    public func submissions(roadmap roadmapID: String, files: Bool) throws(StoreError) -> [Submission] {
        try read { db in try Self.submissions(db, roadmap: roadmapID, files: files) }
    }

    static func submissions(_ db: Database, roadmap roadmapID: String, files: Bool) throws -> [Submission] {
        let rows = try Row.fetchAll(
            db, sql: "SELECT id, stage, stage_title, at, actor_role, actor_name FROM submission WHERE roadmap_id = ? ORDER BY id",
            arguments: [roadmapID])
        return try rows.map { row in
            var stored: [SubmittedFile] = []
            let id: Int64 = row["id"]
            let sql = files
                ? "SELECT report, format, bytes FROM submission_file WHERE submission_id = ? ORDER BY rowid"
                : "SELECT report, format, x'' AS bytes FROM submission_file WHERE submission_id = ? ORDER BY rowid"
            for file in try Row.fetchAll(db, sql: sql, arguments: [id]) {
                let bytes: Data = file["bytes"] ?? Data()
                stored.append(SubmittedFile(report: file["report"], format: file["format"], bytes: [UInt8](bytes)))
            }
            return Submission(roadmapID: roadmapID, stage: row["stage"], stageTitle: row["stage_title"], at: row["at"],
                              actor: Actor(role: row["actor_role"], name: row["actor_name"]), files: stored)
        }
    }
}
