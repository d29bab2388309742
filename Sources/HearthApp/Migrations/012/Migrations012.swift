import Fluent
import SQLKit

/// The chronology's recordings come from a person's own index entries: a child with 3,000 recordings
/// has 150 significant ones, and the chronology no longer looks up all 3,000 to find them.
enum Migrations012 {
    static func register(on migrations: Migrations) {
        migrations.add(RecordingSubjectsInChronology())
    }
}

/// `recording_subjects.in_chronology`: the recording is submitted and significant, so it is in its
/// people's chronologies. `RecordingStore`, the one writer of both, keeps it equal, as it keeps
/// `occurred_at` (migration 010).
struct RecordingSubjectsInChronology: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("recording_subjects")
            .field("in_chronology", .bool, .required, .sql(.default(false))).update()
        try await db.sql.raw(
            """
            UPDATE recording_subjects SET in_chronology = \(bind: true) WHERE recording_id IN
              (SELECT id FROM recordings WHERE is_significant = \(bind: true) AND status = \(bind: RecordingStatus.submitted))
            """
        ).run()
        try await createIndex(
            db, "recording_subjects_chronology", on: "recording_subjects", "person_id", "in_chronology", "occurred_at")
    }

    func revert(on db: any Database) async throws {
        try await db.sql.raw("DROP INDEX recording_subjects_chronology").run()
        try await db.schema("recording_subjects").deleteField("in_chronology").update()
    }
}
