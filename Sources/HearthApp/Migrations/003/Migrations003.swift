import Fluent
import SQLKit

/// Safeguarding concerns: the first piece of the practice core.
enum Migrations003 {
    static func register(on migrations: Migrations) {
        migrations.add(CreateConcerns())
    }
}

struct CreateConcerns: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("concerns").id()
            .field("person_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .field("categories", .string, .required)
            .field("description", .string, .required)
            .field("childs_words", .string)
            .field("source", .string)
            .field("immediate_action", .string)
            .field("who_told", .string)
            .field("practitioner_level", .int)
            .field("raised_at", .datetime, .required)
            .field("recorded_at", .datetime, .required)
            .field("raised_by", .uuid, .required, .references("users", "id"))
            .field("decision_due_by", .datetime, .required)
            .field("status", .string, .required)
            .field("escalated_at", .datetime)
            .field("decision", .string)
            .field("decided_at", .datetime)
            .field("decided_by", .uuid)
            .field("referred_to", .string)
            .field("referral_reference", .string)
            .field("referred_at", .datetime)
            .field("version", .int, .required)
            .create()
        try await createIndex(db, "concerns_person", on: "concerns", "person_id", "raised_at")
        try await createIndex(db, "concerns_status", on: "concerns", "status", "decision_due_by")
    }
    func revert(on db: any Database) async throws { try await db.schema("concerns").delete() }
}
