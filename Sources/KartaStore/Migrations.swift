internal import GRDB

/// The schema, as append-only named migrations: never edit a shipped one, add a new one.
enum Migrations {
    /// The first migration's name: a database that has it applied was made by Karta.
    static let first = "v1: roadmaps, activities, evidence"

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration(first) { db in
            try db.create(table: "roadmap") { t in
                t.primaryKey("id", .text)
                t.column("plugin", .text).notNull()
                t.column("region_code", .integer).notNull()
                t.column("municipality", .text).notNull()
                t.column("period", .text).notNull()
                t.column("title", .text).notNull()
                t.column("subtitle", .text)
                t.column("goal", .text)
                t.column("tasks", .jsonText).notNull()
                t.column("approval", .jsonText)
                t.column("blocks", .jsonText).notNull()
                t.column("signatures", .jsonText).notNull()
                t.column("extra", .jsonText).notNull()
            }
            try db.create(table: "activity") { t in
                t.column("roadmap_id", .text).notNull().references("roadmap", onDelete: .cascade)
                t.column("key", .text).notNull()
                t.column("position", .integer).notNull()
                t.column("parent_key", .text)
                t.column("number", .text).notNull()
                t.column("stage", .text)
                t.column("title", .text).notNull()
                t.column("description", .text)
                t.column("timing", .text)
                t.column("fact", .text)
                t.column("responsible", .text)
                t.column("roles", .jsonText).notNull()
                t.column("audience", .text)
                t.column("level", .text)
                t.column("indicator", .text)
                t.column("status", .text).notNull()
                t.column("report", .text)
                t.column("extra", .jsonText).notNull()
                t.primaryKey(["roadmap_id", "key"])
            }
            try db.create(table: "evidence") { t in
                t.column("roadmap_id", .text).notNull()
                t.column("activity_key", .text).notNull()
                t.column("position", .integer).notNull()
                t.column("title", .text)
                t.column("url", .text)
                t.primaryKey(["roadmap_id", "activity_key", "position"])
                t.foreignKey(["roadmap_id", "activity_key"], references: "activity", onDelete: .cascade)
            }
        }
        migrator.registerMigration("v2: history of changes") { db in
            // No foreign key: the history outlives a replaced or removed roadmap.
            try db.create(table: "history") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("roadmap_id", .text).notNull().indexed()
                t.column("activity_key", .text).notNull()
                t.column("at", .datetime).notNull()
                t.column("actor_role", .text).notNull()
                t.column("actor_name", .text)
                t.column("field", .text).notNull()
                t.column("old_value", .text)
                t.column("new_value", .text)
                t.column("reason", .text)
            }
        }
        migrator.registerMigration("v3: workflow transitions, amendments, submissions") { db in
            try db.alter(table: "history") { t in
                t.add(column: "transition", .text)
                t.add(column: "amendment", .boolean).notNull().defaults(to: false)
            }
            // Submissions outlive a replaced roadmap, like the history, and never change.
            try db.create(table: "submission") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("roadmap_id", .text).notNull()
                t.column("stage", .text).notNull()
                t.column("stage_title", .text).notNull()
                t.column("at", .datetime).notNull()
                t.column("actor_role", .text).notNull()
                t.column("actor_name", .text)
                t.uniqueKey(["roadmap_id", "stage"])
            }
            try db.create(table: "submission_file") { t in
                t.column("submission_id", .integer).notNull().references("submission")
                t.column("report", .text).notNull()
                t.column("format", .text).notNull()
                t.column("bytes", .blob).notNull()
                t.primaryKey(["submission_id", "report", "format"])
            }
            for table in ["submission", "submission_file"] {
                for event in ["UPDATE", "DELETE"] {
                    try db.execute(sql: """
                        CREATE TRIGGER \(table)_no_\(event.lowercased()) BEFORE \(event) ON \(table)
                        BEGIN SELECT RAISE(ABORT, 'a submitted report never changes'); END
                        """)
                }
            }
        }
        migrator.registerMigration("v4: accounts") { db in
            try db.create(table: "account") { t in
                t.primaryKey("login", .text)
                t.column("name", .text).notNull()
                t.column("plugin", .text).notNull()
                t.column("role", .text).notNull()
                t.column("scope_kind", .text).notNull()
                t.column("scope_value", .text)
                t.column("password_hash", .text).notNull()
                t.column("disabled", .boolean).notNull().defaults(to: false)
                t.column("created_at", .datetime).notNull()
            }
        }
        migrator.registerMigration("v5: evidence files") { db in
            try db.alter(table: "evidence") { t in t.add(column: "file", .text) }
            // Content-addressed: one row per distinct file, whichever activities cite it.
            try db.create(table: "evidence_file") { t in
                t.primaryKey("sha256", .text)
                t.column("media_type", .text).notNull()
                t.column("size", .integer).notNull()
                t.column("bytes", .blob).notNull()
                t.column("created_at", .datetime).notNull()
            }
        }
        migrator.registerMigration("v6: roadmaps by region and municipality") { db in
            // Covers the web dashboard's scope query, which otherwise reads every roadmap's
            // text blocks from disk (measured: two fifths of a dashboard's time at 2,000 roadmaps).
            try db.create(index: "roadmap_by_plugin", on: "roadmap", columns: ["plugin", "municipality", "id"])
        }
        migrator.registerMigration("v7: Karta's application id") { db in
            // In the file's header (bytes 68-71): Karta's database is known without opening it.
            try db.execute(sql: "PRAGMA application_id = \(KartaDatabase.applicationID)")
        }
        return migrator
    }
}
