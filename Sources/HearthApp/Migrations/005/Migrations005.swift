import Fluent
import Foundation
import HearthDomain
import SQLKit

/// Practitioner development: the apprenticeship standard as data, apprenticeships with their checks,
/// off-the-job log, reviews and evidence; supervision and the reflective journal.
enum Migrations005 {
    static func register(on migrations: Migrations, standardsDirectory: String) {
        migrations.add(CreateStandards())
        migrations.add(LoadShippedStandards(directory: standardsDirectory))
        migrations.add(CreateApprenticeships())
        migrations.add(CreateSupervision())
        migrations.add(AddPersonSchool())
    }
}

struct CreateStandards: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("standards").id()
            .field("reference", .string, .required)
            .field("version", .string)
            .field("title", .string, .required)
            .field("numbering", .string, .required)
            // The whole standard as loaded, so nothing in the file is lost.
            .field("document", .string, .required)
            .field("loaded_at", .datetime, .required)
            .create()
        try await createIndex(db, "standards_reference", on: "standards", "reference")
        try await db.schema("standard_items").id()
            .field("standard_id", .uuid, .required, .references("standards", "id", onDelete: .cascade))
            .field("position", .int, .required)
            .field("code", .string, .required)
            .field("kind", .string, .required)
            .field("option", .string)
            .field("statement", .int)
            .field("text", .string, .required)
            .unique(on: "standard_id", "code")
            .create()
    }
    func revert(on db: any Database) async throws {
        try await db.schema("standard_items").delete()
        try await db.schema("standards").delete()
    }
}

/// Loads every standard file shipped in `standards/` (ST0088 today). A new standard, or a new version,
/// is a new file loaded with `hearth standard load`, not code.
struct LoadShippedStandards: AsyncMigration {
    var directory: String

    func prepare(on db: any Database) async throws {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        let standards = files.filter { $0.hasSuffix(".json") }.sorted()
        guard !standards.isEmpty else {
            throw StandardStore.LoadError(description: "No standard files (*.json) in \(directory)")
        }
        for file in standards {
            guard let data = FileManager.default.contents(atPath: directory + "/" + file) else { continue }
            try await StandardStore.load(json: data, on: db)
        }
    }
    func revert(on db: any Database) async throws {}
}

struct CreateApprenticeships: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("apprenticeships").id()
            .field("apprentice_id", .uuid, .required, .references("users", "id"))
            // For the English and maths rule, which depends on the apprentice's age at the start.
            .field("apprentice_born_on", .string)
            .field("standard_id", .uuid, .required, .references("standards", "id"))
            .field("option", .string, .required)
            .field("started_on", .string, .required)
            .field("planned_gateway_on", .string, .required)
            .field("planned_end_on", .string, .required)
            .field("gateway_on", .string)
            .field("employer", .string, .required)
            .field("training_provider", .string, .required)
            .field("mentor", .string)
            .field("tutor_id", .uuid, .references("users", "id"))
            .field("weekly_hours", .double, .required)
            .field("per_standard_minimum_hours", .int)
            .field("dbs_certificate", .string)
            .field("dbs_issued_on", .string)
            .field("dbs_barred_list", .bool, .required)
            .field("dbs_update_service", .bool, .required)
            .field("english_status", .string, .required)
            .field("english_evidence", .string)
            .field("maths_status", .string, .required)
            .field("maths_evidence", .string)
            .field("qualification", .string, .required)
            .field("qualification_status", .string, .required)
            .field("employer_confirmed_on", .string)
            .field("created_at", .datetime, .required)
            .field("version", .int, .required)
            .create()
        try await createIndex(db, "apprenticeships_apprentice", on: "apprenticeships", "apprentice_id")
        try await createIndex(db, "apprenticeships_tutor", on: "apprenticeships", "tutor_id")
        try await db.schema("otj_entries").id()
            .field("apprenticeship_id", .uuid, .required, .references("apprenticeships", "id", onDelete: .cascade))
            .field("done_on", .string, .required)
            .field("hours", .double, .required)
            .field("activity", .string, .required)
            .field("description", .string, .required)
            .field("items", .string, .required)
            .field("evidence", .string)
            .field("recorded_at", .datetime, .required)
            .create()
        try await createIndex(db, "otj_entries_apprenticeship", on: "otj_entries", "apprenticeship_id", "done_on")
        try await db.schema("progress_reviews").id()
            .field("apprenticeship_id", .uuid, .required, .references("apprenticeships", "id", onDelete: .cascade))
            .field("held_on", .string, .required)
            .field("summary", .string, .required)
            .field("apprentice_signed_at", .datetime)
            .field("employer_signed_by", .string)
            .field("employer_signed_at", .datetime)
            .field("tutor_signed_at", .datetime)
            .field("recorded_by", .uuid, .required)
            .create()
        try await createIndex(
            db, "progress_reviews_apprenticeship", on: "progress_reviews", "apprenticeship_id", "held_on")
        try await db.schema("learning_breaks").id()
            .field("apprenticeship_id", .uuid, .required, .references("apprenticeships", "id", onDelete: .cascade))
            .field("from_on", .string, .required)
            .field("to_on", .string)
            .field("reason", .string, .required)
            .create()
        try await db.schema("evidence").id()
            .field("apprenticeship_id", .uuid, .required, .references("apprenticeships", "id", onDelete: .cascade))
            .field("source_type", .string, .required)
            .field("source_id", .uuid, .required)
            .field("title", .string, .required)
            // The pseudonymised extract the apprentice confirmed: all a tutor ever sees of the practice.
            .field("extract", .string, .required)
            .field("shared_at", .datetime)
            .field("created_at", .datetime, .required)
            .create()
        try await createIndex(db, "evidence_apprenticeship", on: "evidence", "apprenticeship_id")
        try await db.schema("evidence_items").id()
            .field("evidence_id", .uuid, .required, .references("evidence", "id", onDelete: .cascade))
            .field("code", .string, .required)
            .field("confirmed_at", .datetime)
            .field("confirmed_by", .uuid)
            .unique(on: "evidence_id", "code")
            .create()
        try await db.schema("epa_observations").id()
            .field("apprenticeship_id", .uuid, .required, .references("apprenticeships", "id", onDelete: .cascade))
            .field("planned_on", .string, .required)
            .field("setting", .string, .required)
            .field("consent_by", .string)
            .field("consent_how", .string)
            .field("consent_on", .string)
            .field("notes", .string)
            .create()
    }
    func revert(on db: any Database) async throws {
        for table in [
            "epa_observations", "evidence_items", "evidence", "learning_breaks", "progress_reviews", "otj_entries",
            "apprenticeships",
        ] { try await db.schema(table).delete() }
    }
}

struct CreateSupervision: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("supervision_arrangements").id()
            .field("supervisee_id", .uuid, .required, .references("users", "id"))
            .field("supervisor_id", .uuid, .required, .references("users", "id"))
            .field("every_months", .int, .required)
            .unique(on: "supervisee_id")
            .create()
        try await db.schema("supervisions").id()
            .field("supervisor_id", .uuid, .required, .references("users", "id"))
            .field("supervisee_id", .uuid, .required, .references("users", "id"))
            .field("held_on", .string, .required)
            .field("management", .string)
            .field("support", .string)
            .field("development", .string)
            .field("mediation", .string)
            .field("supervisor_confirmed_at", .datetime)
            .field("supervisee_confirmed_at", .datetime)
            .field("created_at", .datetime, .required)
            .create()
        try await createIndex(db, "supervisions_supervisee", on: "supervisions", "supervisee_id", "held_on")
        try await db.schema("supervision_cases").id()
            .field("supervision_id", .uuid, .required, .references("supervisions", "id", onDelete: .cascade))
            .field("involvement_id", .uuid, .required, .references("involvements", "id"))
            .field("discussion", .string, .required)
            .field("experience", .string)
            .field("reflection", .string)
            .field("analysis", .string)
            .field("action_plan", .string)
            .create()
        try await createIndex(db, "supervision_cases_involvement", on: "supervision_cases", "involvement_id")
        try await db.schema("supervision_actions").id()
            .field("supervision_id", .uuid, .required, .references("supervisions", "id", onDelete: .cascade))
            .field("owner", .string, .required)
            .field("what", .string, .required)
            .field("by_when", .string, .required)
            .field("done", .bool, .required)
            .create()
        try await db.schema("reflections").id()
            .field("author_id", .uuid, .required, .references("users", "id"))
            .field("model", .string, .required)
            .field("title", .string, .required)
            .field("parts", .string, .required)
            .field("items", .string, .required)
            .field("cpd_hours", .double)
            .field("shared_with_id", .uuid)
            .field("shared_at", .datetime)
            .field("created_at", .datetime, .required)
            .create()
        try await createIndex(db, "reflections_author", on: "reflections", "author_id", "created_at")
    }
    func revert(on db: any Database) async throws {
        for table in [
            "reflections", "supervision_actions", "supervision_cases", "supervisions", "supervision_arrangements",
        ] {
            try await db.schema(table).delete()
        }
    }
}

struct AddPersonSchool: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("people").field("school", .string).update()
    }
    func revert(on db: any Database) async throws {}
}
