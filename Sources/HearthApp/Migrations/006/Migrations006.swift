import Fluent
import SQLKit

/// Children's residential care, first part: homes, placements, incidents with their regulation 35
/// timescales, and missing episodes with the return home interview.
enum Migrations006 {
    static func register(on migrations: Migrations) {
        migrations.add(CreateHomes())
        migrations.add(CreateIncidents())
        migrations.add(CreateMissingEpisodes())
        migrations.add(AddPlannedOffTheJobHours())
    }
}

/// The training plan's planned off-the-job hours, shown beside the minimum the rules require.
struct AddPlannedOffTheJobHours: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("apprenticeships").field("planned_otj_hours", .int).update()
    }
    func revert(on db: any Database) async throws {}
}

struct CreateHomes: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("homes").id()
            .field("name", .string, .required)
            .field("urn", .string, .required)
            .field("kind", .string, .required)
            .field("team_id", .uuid, .required, .references("teams", "id"))
            .field("registered_manager_id", .uuid, .references("users", "id"))
            .field("capacity", .int, .required)
            .field("statement_of_purpose", .string, .required)
            .field("version", .int, .required)
            .create()
        try await db.schema("placements").id()
            .field("person_id", .uuid, .required, .references("people", "id"))
            .field("home_id", .uuid, .required, .references("homes", "id"))
            .field("started_on", .string, .required)
            .field("ended_on", .string)
            .field("reason", .string, .required)
            .field("placing_authority", .string, .required)
            .field("social_worker", .string)
            .field("legal_status", .string, .required)
            // The impact and matching assessment, made before admission, considering the children already there.
            .field("impact_assessment", .string, .required)
            .field("children_considered", .string, .required)
            .field("involvement_id", .uuid, .references("involvements", "id"))
            .field("created_by", .uuid)
            .field("created_at", .datetime, .required)
            .create()
        try await createIndex(db, "placements_home", on: "placements", "home_id", "ended_on")
        try await createIndex(db, "placements_person", on: "placements", "person_id")
    }
    func revert(on db: any Database) async throws {
        try await db.schema("placements").delete()
        try await db.schema("homes").delete()
    }
}

struct CreateIncidents: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("incidents").id()
            .field("person_id", .uuid, .required, .references("people", "id"))
            .field("home_id", .uuid, .references("homes", "id"))
            .field("occurred_at", .datetime, .required)
            .field("type", .string, .required)
            .field("place", .string)
            .field("description", .string, .required)
            .field("injuries", .string)
            .field("police_involved", .bool, .required)
            .field("medical_involved", .bool, .required)
            .field("recorded_at", .datetime, .required)
            .field("recorded_by", .uuid, .required)
            // A measure of control, discipline or restraint (regulation 35), when one was used.
            .field("measure_description", .string)
            .field("measure_minutes", .int)
            .field("measure_staff", .string)
            .field("child_view", .string)
            .field("record_completed_at", .datetime)
            .field("manager_spoke_to_staff_at", .datetime)
            .field("manager_signed_by", .uuid)
            .field("child_spoken_to_at", .datetime)
            .field("version", .int, .required)
            .create()
        try await createIndex(db, "incidents_person", on: "incidents", "person_id", "occurred_at")
        try await createIndex(db, "incidents_home", on: "incidents", "home_id", "occurred_at")
    }
    func revert(on db: any Database) async throws { try await db.schema("incidents").delete() }
}

struct CreateMissingEpisodes: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("missing_episodes").id()
            .field("person_id", .uuid, .required, .references("people", "id"))
            .field("home_id", .uuid, .references("homes", "id"))
            .field("last_seen_at", .datetime, .required)
            .field("reported_to_police_at", .datetime)
            .field("police_reference", .string)
            .field("returned_at", .datetime)
            .field("where_found", .string)
            .field("found_with", .string)
            .field("risks", .string)
            .field("interview_offered_at", .datetime)
            .field("interview_outcome", .string)
            .field("recorded_at", .datetime, .required)
            .field("recorded_by", .uuid, .required)
            .field("version", .int, .required)
            .create()
        try await createIndex(db, "missing_person", on: "missing_episodes", "person_id", "last_seen_at")
        try await createIndex(db, "missing_home", on: "missing_episodes", "home_id", "last_seen_at")
    }
    func revert(on db: any Database) async throws { try await db.schema("missing_episodes").delete() }
}
