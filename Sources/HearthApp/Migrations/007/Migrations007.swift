import Fluent
import Foundation
import SQLKit

/// Children's residential care, second part: the home's statement of purpose in versions, the rota,
/// shift handovers, the placement plan and its reviews, daily logs, key-work sessions, notifications,
/// complaints and the regulation 44 and 45 reports.
enum Migrations007 {
    static func register(on migrations: Migrations) {
        migrations.add(CreateHomeRecords())
        migrations.add(CreateChildDayRecords())
        migrations.add(CreateRegulatoryRecords())
    }
}

struct CreateHomeRecords: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("homes").field("ethos", .string).update()
        try await db.schema("placements").field("end_reason", .string).update()
        try await db.schema("incidents").field("people_involved", .string).update()
        // Every version of the statement of purpose and ethos; the home row holds the current one.
        try await db.schema("home_statements").id()
            .field("home_id", .uuid, .required, .references("homes", "id"))
            .field("version", .int, .required)
            .field("statement_of_purpose", .string, .required)
            .field("ethos", .string)
            .field("change_note", .string)
            .field("revised_by", .uuid)
            .field("revised_at", .datetime, .required)
            .unique(on: "home_id", "version")
            .create()
        for home in try await Home.query(on: db).all() {
            let statement = HomeStatement()
            statement.homeId = try home.requireID()
            statement.version = home.version
            statement.statementOfPurpose = home.statementOfPurpose
            statement.revisedAt = Date()
            try await statement.create(on: db)
        }
        try await db.schema("shifts").id()
            .field("home_id", .uuid, .required, .references("homes", "id"))
            .field("user_id", .uuid, .required, .references("users", "id"))
            .field("starts_at", .datetime, .required)
            .field("ends_at", .datetime, .required)
            .field("is_lead", .bool, .required)
            .field("created_by", .uuid)
            .create()
        try await createIndex(db, "shifts_home", on: "shifts", "home_id", "starts_at")
        try await db.schema("handovers").id()
            .field("home_id", .uuid, .required, .references("homes", "id"))
            .field("written_by", .uuid, .required)
            .field("written_at", .datetime, .required)
            .field("what_happened", .string, .required)
            .field("next_shift", .string, .required)
            .create()
        try await createIndex(db, "handovers_home", on: "handovers", "home_id", "written_at")
        try await db.schema("handover_reads").id()
            .field("handover_id", .uuid, .required, .references("handovers", "id"))
            .field("user_id", .uuid, .required)
            .field("read_at", .datetime, .required)
            .unique(on: "handover_id", "user_id")
            .create()
    }
    func revert(on db: any Database) async throws {
        for table in ["handover_reads", "handovers", "shifts", "home_statements"] {
            try await db.schema(table).delete()
        }
    }
}

struct CreateChildDayRecords: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("placement_plans").id()
            .field("person_id", .uuid, .required, .references("people", "id"))
            .field("placement_id", .uuid, .required, .references("placements", "id"))
            .field("key_worker_id", .uuid)
            // The plan's areas as JSON: {"health": "...", "education": "...", ...}.
            .field("areas", .string, .required)
            .field("child_words", .string)
            .field("child_version", .string)
            .field("school", .string)
            .field("pep_date", .string)
            .field("attendance_percent", .int)
            .field("review_due_on", .string, .required)
            .field("updated_by", .uuid)
            .field("updated_at", .datetime, .required)
            .field("version", .int, .required)
            .unique(on: "placement_id")
            .create()
        try await createIndex(db, "placement_plans_person", on: "placement_plans", "person_id")
        try await db.schema("placement_plan_reviews").id()
            .field("plan_id", .uuid, .required, .references("placement_plans", "id"))
            .field("person_id", .uuid, .required)
            .field("reviewed_on", .string, .required)
            .field("reason", .string, .required)
            .field("summary", .string, .required)
            .field("child_view", .string)
            .field("next_review_on", .string, .required)
            .field("reviewed_by", .uuid, .required)
            .field("recorded_at", .datetime, .required)
            .create()
        try await createIndex(db, "placement_plan_reviews_plan", on: "placement_plan_reviews", "plan_id")
        try await createIndex(db, "placement_plan_reviews_person", on: "placement_plan_reviews", "person_id")
        try await db.schema("daily_logs").id()
            .field("person_id", .uuid, .required, .references("people", "id"))
            .field("home_id", .uuid, .references("homes", "id"))
            .field("written_at", .datetime, .required)
            .field("area", .string, .required)
            .field("text", .string, .required)
            .field("written_by", .uuid, .required)
            .create()
        try await createIndex(db, "daily_logs_person", on: "daily_logs", "person_id", "written_at")
        try await createIndex(db, "daily_logs_home", on: "daily_logs", "home_id", "written_at")
        try await db.schema("key_work_sessions").id()
            .field("person_id", .uuid, .required, .references("people", "id"))
            .field("home_id", .uuid, .references("homes", "id"))
            .field("held_on", .string, .required)
            .field("topic", .string, .required)
            .field("child_words", .string, .required)
            .field("follow_ups", .string)
            .field("written_by", .uuid, .required)
            .field("recorded_at", .datetime, .required)
            .create()
        try await createIndex(db, "key_work_person", on: "key_work_sessions", "person_id", "held_on")
        try await createIndex(db, "key_work_home", on: "key_work_sessions", "home_id", "held_on")
    }
    func revert(on db: any Database) async throws {
        for table in ["key_work_sessions", "daily_logs", "placement_plan_reviews", "placement_plans"] {
            try await db.schema(table).delete()
        }
    }
}

struct CreateRegulatoryRecords: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("notifications").id()
            .field("person_id", .uuid, .required, .references("people", "id"))
            .field("home_id", .uuid, .references("homes", "id"))
            .field("incident_id", .uuid, .references("incidents", "id"))
            .field("missing_episode_id", .uuid, .references("missing_episodes", "id"))
            .field("recipient", .string, .required)
            .field("sent_at", .datetime, .required)
            .field("method", .string, .required)
            .field("reference", .string)
            .field("sent_by", .uuid, .required)
            .create()
        try await createIndex(db, "notifications_incident", on: "notifications", "incident_id")
        try await createIndex(db, "notifications_missing", on: "notifications", "missing_episode_id")
        try await createIndex(db, "notifications_home", on: "notifications", "home_id", "sent_at")
        try await db.schema("complaints").id()
            .field("home_id", .uuid, .required, .references("homes", "id"))
            .field("person_id", .uuid, .references("people", "id"))
            .field("received_on", .string, .required)
            .field("complainant", .string, .required)
            .field("summary", .string, .required)
            .field("outcome", .string)
            .field("resolved_on", .string)
            .field("recorded_by", .uuid, .required)
            .field("version", .int, .required)
            .create()
        try await createIndex(db, "complaints_home", on: "complaints", "home_id", "received_on")
        try await db.schema("regulatory_reports").id()
            .field("home_id", .uuid, .required, .references("homes", "id"))
            .field("kind", .string, .required)
            .field("from_day", .string, .required)
            .field("to_day", .string, .required)
            .field("figures", .string, .required)
            .field("commentary", .string, .required)
            .field("written_by", .uuid, .required)
            .field("written_at", .datetime, .required)
            .create()
        try await createIndex(db, "regulatory_reports_home", on: "regulatory_reports", "home_id", "to_day")
    }
    func revert(on db: any Database) async throws {
        for table in ["regulatory_reports", "complaints", "notifications"] { try await db.schema(table).delete() }
    }
}
