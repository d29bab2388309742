import Fluent
import SQLKit

/// Speed for people with thousands of recordings: their latest recordings come from an index in time
/// order instead of a sort of every one of them, the last contact on each piece of work is read from an
/// index alone, filters on a recording's status, significance and time are answered from an index, and
/// so are the allocations that decide who may see a person.
enum Migrations010 {
    static func register(on migrations: Migrations) {
        migrations.add(RecordingSubjectsInTimeOrder())
    }
}

/// `recording_subjects.occurred_at` is the recording's own time, copied so that "the latest recordings
/// about this person" walks one index backwards and stops. `RecordingStore` is the one writer of both
/// and keeps them equal.
struct RecordingSubjectsInTimeOrder: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("recording_subjects").field("occurred_at", .datetime).update()
        try await db.sql.raw(
            """
            UPDATE recording_subjects SET occurred_at =
              (SELECT r.occurred_at FROM recordings r WHERE r.id = recording_subjects.recording_id)
            """
        ).run()
        try await createIndex(db, "recording_subjects_latest", on: "recording_subjects", "person_id", "occurred_at")
        try await createIndex(
            db, "recordings_involvement_status", on: "recordings", "involvement_id", "status", "occurred_at")
        // Pages reach recordings through their people and filter on these facts before reading any note:
        // from this index, without a visit to the table's much larger rows.
        try await createIndex(db, "recordings_facts", on: "recordings", "id", "status", "is_significant", "occurred_at")
        // Who may see a person is asked of every row of a list or a search: the allocation facts it needs
        // come from this index alone. It replaces the index on the person alone, which it begins with.
        try await createIndex(
            db, "allocations_person_access", on: "allocations", "person_id", "user_id", "team_id", "ends_on")
        try await db.sql.raw("DROP INDEX allocations_person").run()
    }

    func revert(on db: any Database) async throws {
        try await createIndex(db, "allocations_person", on: "allocations", "person_id")
        try await db.sql.raw("DROP INDEX allocations_person_access").run()
        try await db.sql.raw("DROP INDEX recordings_facts").run()
        try await db.sql.raw("DROP INDEX recordings_involvement_status").run()
        try await db.sql.raw("DROP INDEX recording_subjects_latest").run()
        try await db.schema("recording_subjects").deleteField("occurred_at").update()
    }
}
