/// The schema on PostgreSQL: the same named, append-only migrations as on SQLite
/// (``Migrations``), each written in PostgreSQL's SQL. Never edit a shipped one; add a new
/// one to both lists under the same name. Applied names are kept in `karta_migration`.
///
/// Differences from SQLite, all invisible to the store's callers: integers are `bigint`,
/// booleans `boolean`, file bytes `bytea`; times are text in the same UTC format SQLite
/// holds (`YYYY-MM-DD HH:MM:SS.SSS`), so that a copy between engines is exact and `since`
/// compares alike; a submission's files keep their order in an `ordinal` column (SQLite's
/// `rowid`).
enum PostgresMigrations {
    /// Name and statements of each migration, in order.
    static let all: [(name: String, statements: [String])] = [
        (Migrations.first, [
            """
            CREATE TABLE roadmap (
                id text PRIMARY KEY, plugin text NOT NULL, region_code bigint NOT NULL, municipality text NOT NULL,
                period text NOT NULL, title text NOT NULL, subtitle text, goal text, tasks text NOT NULL, approval text,
                blocks text NOT NULL, signatures text NOT NULL, extra text NOT NULL)
            """,
            """
            CREATE TABLE activity (
                roadmap_id text NOT NULL REFERENCES roadmap (id) ON DELETE CASCADE, key text NOT NULL,
                position bigint NOT NULL, parent_key text, number text NOT NULL, stage text, title text NOT NULL,
                description text, timing text, fact text, responsible text, roles text NOT NULL, audience text,
                level text, indicator text, status text NOT NULL, report text, extra text NOT NULL,
                PRIMARY KEY (roadmap_id, key))
            """,
            """
            CREATE TABLE evidence (
                roadmap_id text NOT NULL, activity_key text NOT NULL, position bigint NOT NULL, title text, url text,
                PRIMARY KEY (roadmap_id, activity_key, position),
                FOREIGN KEY (roadmap_id, activity_key) REFERENCES activity (roadmap_id, key) ON DELETE CASCADE)
            """,
        ]),
        ("v2: history of changes", [
            """
            CREATE TABLE history (
                id bigserial PRIMARY KEY, roadmap_id text NOT NULL, activity_key text NOT NULL, at text NOT NULL,
                actor_role text NOT NULL, actor_name text, field text NOT NULL, old_value text, new_value text, reason text)
            """,
            "CREATE INDEX history_on_roadmap_id ON history (roadmap_id)",
        ]),
        ("v3: workflow transitions, amendments, submissions", [
            "ALTER TABLE history ADD COLUMN transition text, ADD COLUMN amendment boolean NOT NULL DEFAULT false",
            """
            CREATE TABLE submission (
                id bigserial PRIMARY KEY, roadmap_id text NOT NULL, stage text NOT NULL, stage_title text NOT NULL,
                at text NOT NULL, actor_role text NOT NULL, actor_name text, UNIQUE (roadmap_id, stage))
            """,
            """
            CREATE TABLE submission_file (
                submission_id bigint NOT NULL REFERENCES submission (id), report text NOT NULL, format text NOT NULL,
                bytes bytea NOT NULL, ordinal bigserial, PRIMARY KEY (submission_id, report, format))
            """,
            """
            CREATE FUNCTION karta_submission_never_changes() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'a submitted report never changes'; END $$
            """,
            "CREATE TRIGGER submission_never_changes BEFORE UPDATE OR DELETE ON submission FOR EACH ROW EXECUTE FUNCTION karta_submission_never_changes()",
            "CREATE TRIGGER submission_file_never_changes BEFORE UPDATE OR DELETE ON submission_file FOR EACH ROW EXECUTE FUNCTION karta_submission_never_changes()",
        ]),
        ("v4: accounts", [
            """
            CREATE TABLE account (
                login text PRIMARY KEY, name text NOT NULL, plugin text NOT NULL, role text NOT NULL,
                scope_kind text NOT NULL, scope_value text, password_hash text NOT NULL,
                disabled boolean NOT NULL DEFAULT false, created_at text NOT NULL)
            """,
        ]),
        ("v5: evidence files", [
            "ALTER TABLE evidence ADD COLUMN file text",
            """
            CREATE TABLE evidence_file (
                sha256 text PRIMARY KEY, media_type text NOT NULL, size bigint NOT NULL, bytes bytea NOT NULL,
                created_at text NOT NULL)
            """,
        ]),
        ("v6: roadmaps by region and municipality", [
            "CREATE INDEX roadmap_by_plugin ON roadmap (plugin, municipality, id)",
        ]),
        ("v7: Karta's application id", [
            // SQLite marks the file's header; here the schema says whose it is.
            "COMMENT ON TABLE karta_migration IS 'Karta: the roadmaps of the 500+ project (named migrations applied)'",
        ]),
    ]

    /// The names, in order.
    static var names: [String] { all.map(\.name) }

    /// The table of applied names, made before the first migration.
    static let table = "CREATE TABLE IF NOT EXISTS karta_migration (name text PRIMARY KEY, applied_at text NOT NULL)"

    /// Tables Karta's migrations create: a database that has one of them without
    /// `karta_migration` is someone else's.
    static let tables = ["roadmap", "activity", "evidence", "history", "submission", "submission_file", "account", "evidence_file"]
}
