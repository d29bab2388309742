import Fluent
import SQLKit

/// Speed at the scale of a large council: how many people share each search key, so a search reads
/// the rarest keys first, and an index that answers the key lookup without visiting the table.
enum Migrations009 {
    static func register(on migrations: Migrations) {
        migrations.add(CreateSearchKeyCounts())
    }
}

struct CreateSearchKeyCounts: AsyncMigration {
    func prepare(on db: any Database) async throws {
        let sql = db.sql
        try await sql.raw(
            """
            CREATE TABLE person_search_key_counts (
              kind TEXT NOT NULL, value TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (kind, value))
            """
        ).run()
        try await sql.raw(
            """
            INSERT INTO person_search_key_counts (kind, value, n)
            SELECT kind, value, COUNT(*) FROM person_search_keys GROUP BY kind, value
            """
        ).run()
        try await sql.raw("DROP INDEX person_search_keys_lookup").run()
        try await createIndex(db, "person_search_keys_lookup", on: "person_search_keys", "kind", "value", "person_id")
    }

    func revert(on db: any Database) async throws {
        try await db.sql.raw("DROP TABLE person_search_key_counts").run()
    }
}
