import Fluent
import SQLKit

/// Full-text search over recordings: FTS5 on SQLite, a generated `tsvector` with a GIN index on
/// PostgreSQL, and an index for the date filter.
enum Migrations008 {
    static func register(on migrations: Migrations) {
        migrations.add(CreateRecordingSearch())
    }
}

struct CreateRecordingSearch: AsyncMigration {
    func prepare(on db: any Database) async throws {
        let sql = db.sql
        try await createIndex(db, "recordings_occurred", on: "recordings", "occurred_at")
        if Store.isSQLite(db) {
            // External content: the index holds no second copy of the text, only the terms.
            try await sql.raw(
                """
                CREATE VIRTUAL TABLE recordings_fts USING fts5(
                  note, content = 'recordings', content_rowid = 'rowid', tokenize = 'porter unicode61')
                """
            ).run()
            for statement in Self.sqliteTriggers { try await sql.raw(statement).run() }
            try await sql.raw("INSERT INTO recordings_fts(recordings_fts) VALUES ('rebuild')").run()
        } else {
            try await sql.raw(
                """
                ALTER TABLE recordings ADD COLUMN note_search tsvector
                  GENERATED ALWAYS AS (to_tsvector('english', note)) STORED
                """
            ).run()
            try await sql.raw(RecordingSearchIndex.postgresIndex).run()
        }
    }

    func revert(on db: any Database) async throws {
        if Store.isSQLite(db) {
            for name in Self.sqliteTriggerNames {
                try await db.sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: name)").run()
            }
            try await db.sql.raw("DROP TABLE recordings_fts").run()
        } else {
            try await db.sql.raw("ALTER TABLE recordings DROP COLUMN note_search").run()
        }
    }

    /// The index's first triggers, keyed by the recordings' rowid; migration 011 replaces them with
    /// `RecordingSearchIndex`'s. Kept as they were so this migration builds what it always built.
    static let sqliteTriggerNames = ["recordings_fts_insert", "recordings_fts_delete", "recordings_fts_update"]
    static let sqliteTriggers: [SQLQueryString] = [
        """
        CREATE TRIGGER recordings_fts_insert AFTER INSERT ON recordings BEGIN
          INSERT INTO recordings_fts(rowid, note) VALUES (new.rowid, new.note);
        END
        """,
        """
        CREATE TRIGGER recordings_fts_delete AFTER DELETE ON recordings BEGIN
          INSERT INTO recordings_fts(recordings_fts, rowid, note) VALUES ('delete', old.rowid, old.note);
        END
        """,
        """
        CREATE TRIGGER recordings_fts_update AFTER UPDATE OF note ON recordings BEGIN
          INSERT INTO recordings_fts(recordings_fts, rowid, note) VALUES ('delete', old.rowid, old.note);
          INSERT INTO recordings_fts(rowid, note) VALUES (new.rowid, new.note);
        END
        """,
    ]
}
