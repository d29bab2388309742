import Fluent
import Foundation
import SQLKit

/// Full-text search on SQLite walks its matches newest first and stops: the index is keyed by the
/// recording's time (ADR 0012). PostgreSQL is unchanged.
enum Migrations011 {
    static func register(on migrations: Migrations) {
        migrations.add(RecordingSearchInTimeOrder())
    }
}

struct RecordingSearchInTimeOrder: AsyncMigration {
    func prepare(on db: any Database) async throws {
        guard Store.isSQLite(db) else { return }
        try await db.transaction { db in
            let sql = db.sql
            for name in CreateRecordingSearch.sqliteTriggerNames {
                try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: name)").run()
            }
            try await sql.raw("DROP TABLE recordings_fts").run()
            try await sql.raw(RecordingSearchIndex.createKeys).run()
            // Existing recordings in the same second are numbered in the order they were written.
            try await sql.raw(
                """
                INSERT INTO recording_search_keys (search_key, recording_id)
                SELECT \(unsafeRaw: RecordingSearchIndex.firstKey("occurred_at"))
                    + ROW_NUMBER() OVER (PARTITION BY CAST(occurred_at AS INTEGER) ORDER BY rowid) - 1, id
                FROM recordings
                """
            ).run()
            for statement in RecordingSearchIndex.createIndex { try await sql.raw(statement).run() }
            try await RecordingSearchIndex.resume(on: db)
        }
    }

    func revert(on db: any Database) async throws {
        guard Store.isSQLite(db) else { return }
        try await db.transaction { db in
            let sql = db.sql
            try await RecordingSearchIndex.suspend(on: db)
            try await sql.raw("DROP TABLE recordings_fts").run()
            try await sql.raw("DROP VIEW recordings_search_source").run()
            try await sql.raw("DROP TABLE recording_search_keys").run()
            try await sql.raw(
                """
                CREATE VIRTUAL TABLE recordings_fts USING fts5(
                  note, content = 'recordings', content_rowid = 'rowid', tokenize = 'porter unicode61')
                """
            ).run()
            try await sql.raw("INSERT INTO recordings_fts(recordings_fts) VALUES ('rebuild')").run()
            for statement in CreateRecordingSearch.sqliteTriggers { try await sql.raw(statement).run() }
        }
    }
}

/// The full-text index over recordings and the statements that keep it in step with them. Bulk loading
/// drops the triggers and rebuilds the index once at the end, far faster than row by row.
///
/// On SQLite the index (FTS5, external content) is keyed by `recording_search_keys.search_key`: the
/// recording's time in whole seconds times `keysPerSecond`, plus its place among the recordings of that
/// second. Matches come out of FTS5 in key order, so a search walks them newest first, a date range is
/// a range of keys, and the search stops once it has a page of recordings the user may read (ADR 0012).
enum RecordingSearchIndex {
    static let keysPerSecond = 100_000_000

    /// Kept by the triggers below (no foreign key: a recording's key goes in the same statement as it).
    static let createKeys: SQLQueryString = """
        CREATE TABLE recording_search_keys (
          search_key INTEGER PRIMARY KEY, recording_id UUID NOT NULL UNIQUE)
        """

    /// The text the index is built from: each recording's note under its key.
    static let createIndex: [SQLQueryString] = [
        """
        CREATE VIEW recordings_search_source AS
          SELECT k.search_key AS search_key, r.note AS note
          FROM recording_search_keys k JOIN recordings r ON r.id = k.recording_id
        """,
        """
        CREATE VIRTUAL TABLE recordings_fts USING fts5(
          note, content = 'recordings_search_source', content_rowid = 'search_key', tokenize = 'porter unicode61')
        """,
    ]

    /// The first key of the second `moment` falls in, as SQL over a column or a bound value.
    static func firstKey(_ moment: String) -> String { "CAST(\(moment) AS INTEGER) * \(keysPerSecond)" }

    /// The next free key in the recording's second.
    private static let newKey = """
        COALESCE((SELECT MAX(search_key) + 1 FROM recording_search_keys
          WHERE search_key >= \(firstKey("new.occurred_at")) AND search_key < \(firstKey("new.occurred_at")) + \(keysPerSecond)),
          \(firstKey("new.occurred_at")))
        """
    private static let addNew = """
        INSERT INTO recording_search_keys (search_key, recording_id) VALUES (\(newKey), new.id);
          INSERT INTO recordings_fts (rowid, note) SELECT search_key, new.note FROM recording_search_keys
          WHERE recording_id = new.id;
        """
    private static let removeOld = """
        INSERT INTO recordings_fts (recordings_fts, rowid, note) SELECT 'delete', search_key, old.note
          FROM recording_search_keys WHERE recording_id = old.id;
          DELETE FROM recording_search_keys WHERE recording_id = old.id;
        """

    static let sqliteTriggerNames = [
        "recordings_search_insert", "recordings_search_delete", "recordings_search_update",
    ]
    static let sqliteTriggers: [SQLQueryString] = [
        "CREATE TRIGGER recordings_search_insert AFTER INSERT ON recordings BEGIN \(unsafeRaw: addNew) END",
        "CREATE TRIGGER recordings_search_delete AFTER DELETE ON recordings BEGIN \(unsafeRaw: removeOld) END",
        // A recording moved in time moves in the index: its key is its time.
        """
        CREATE TRIGGER recordings_search_update AFTER UPDATE OF note, occurred_at ON recordings BEGIN
          \(unsafeRaw: removeOld) \(unsafeRaw: addNew) END
        """,
    ]
    static let postgresIndex: SQLQueryString =
        "CREATE INDEX recordings_note_search ON recordings USING GIN (note_search)"

    /// Stops maintaining the index, for a bulk load. On SQLite the loader writes the recordings' keys
    /// itself (`key(at:sequence:)`).
    static func suspend(on db: any Database) async throws {
        if Store.isSQLite(db) {
            for name in sqliteTriggerNames { try await db.sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: name)").run() }
        } else {
            try await db.sql.raw("DROP INDEX IF EXISTS recordings_note_search").run()
        }
    }

    /// Builds the index from the recordings as they are and maintains it again.
    static func resume(on db: any Database) async throws {
        if Store.isSQLite(db) {
            try await db.sql.raw("INSERT INTO recordings_fts(recordings_fts) VALUES ('rebuild')").run()
            try await maintainOnSQLite(db.sql)
        } else {
            try await db.sql.raw(postgresIndex).run()
        }
    }

    /// After a bulk load, outside any transaction: on SQLite the index is built a year of keys at a time,
    /// each year its own transaction. One `rebuild` is one transaction, whose gigabytes of index wait in
    /// the WAL until it commits, and every page read meanwhile searches the WAL's frames: at county scale
    /// that made the build take minutes longer than the tokenising.
    static func resumeAfterBulkLoad(on db: any Database) async throws {
        guard Store.isSQLite(db) else { return try await resume(on: db) }
        let sql = db.sql
        let bounds = try await sql.raw(
            "SELECT MIN(search_key) AS first, MAX(search_key) AS last FROM recording_search_keys"
        ).first()
        if let first = try bounds?.decode(column: "first", as: Int64?.self),
            let last = try bounds?.decode(column: "last", as: Int64?.self)
        {
            let year = Int64(365 * 86_400) * Int64(keysPerSecond)
            // FTS5 writes what it has tokenised as a new segment when it holds `hashsize` bytes (1 MiB by
            // default) or the transaction ends, and merges segments four at a time as they pile up: a third of
            // the build's time when each month was a transaction. With room for a year's words, a county's
            // ten years make about ten segments.
            try await sql.raw(
                "INSERT INTO recordings_fts (recordings_fts, rank) VALUES ('hashsize', \(bind: 256 << 20))"
            ).run()
            for start in stride(from: first, through: last, by: Int(year)) {
                try await Store.inTransaction(on: sql, begin: "BEGIN") {
                    try await sql.raw(
                        """
                        INSERT INTO recordings_fts (rowid, note)
                        SELECT k.search_key, r.note FROM recording_search_keys k JOIN recordings r ON r.id = k.recording_id
                        WHERE k.search_key >= \(bind: start) AND k.search_key < \(bind: start + year)
                        ORDER BY k.search_key
                        """
                    ).run()
                }
            }
            // The setting is kept with the index: back to the default for the server's small writes.
            try await sql.raw(
                "INSERT INTO recordings_fts (recordings_fts, rank) VALUES ('hashsize', \(bind: 1 << 20))"
            ).run()
        }
        try await maintainOnSQLite(sql)
    }

    /// From here on the triggers keep the index as recordings are written.
    private static func maintainOnSQLite(_ sql: any SQLDatabase) async throws {
        for statement in sqliteTriggers { try await sql.raw(statement).run() }
    }

    /// A bulk loader's key for a recording at `date`: `sequence` must differ between recordings of the
    /// same second, and stay under `keysPerSecond`.
    static func key(at date: Date, sequence: Int) -> Int64 {
        Int64(date.timeIntervalSince1970.rounded(.towardZero)) * Int64(keysPerSecond) + Int64(sequence)
    }

    /// Keys that surely bound a date range's recordings, a second to spare either side (a key's second is
    /// its time cut towards zero); the exact times are compared as well.
    static func keyBefore(_ date: Date) -> Int64 {
        (Int64(date.timeIntervalSince1970.rounded(.down)) - 1) * Int64(keysPerSecond)
    }

    static func keyAfter(_ date: Date) -> Int64 {
        (Int64(date.timeIntervalSince1970.rounded(.down)) + 2) * Int64(keysPerSecond)
    }
}
