import Fluent
import SQLKit

/// The rest of the practice core: threshold descriptors, assessments with sign-off, safety planning,
/// plans with reviews, and decisions with oversight and challenge. All hang off an involvement, so the
/// involvement's access decides theirs.
enum Migrations004 {
    static func register(on migrations: Migrations) {
        migrations.add(CreateThresholdDescriptors())
        migrations.add(CreateAssessments())
        migrations.add(CreateSafetyPlanning())
        migrations.add(CreatePlans())
        migrations.add(CreateDecisions())
    }
}

struct CreateThresholdDescriptors: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("threshold_descriptors").id()
            .field("level", .int, .required)
            .field("text", .string, .required)
            .field("updated_at", .datetime, .required)
            .field("updated_by", .uuid)
            .unique(on: "level")
            .create()
    }
    func revert(on db: any Database) async throws { try await db.schema("threshold_descriptors").delete() }
}

struct CreateAssessments: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("assessments").id()
            .field("involvement_id", .uuid, .required, .references("involvements", "id", onDelete: .cascade))
            // The child assessed, or none for the whole family on the involvement.
            .field("person_id", .uuid, .references("people", "id"))
            .field("status", .string, .required)
            .field("started_on", .string, .required)
            .field("due_on", .string, .required)
            .field("completed_on", .string)
            // Strengths and needs per dimension, and each person's views, as JSON: they are read and
            // written whole with the assessment, never queried apart from it.
            .field("dimensions", .string, .required)
            .field("views", .string, .required)
            .field("analysis", .string)
            .field("judgement", .string)
            .field("level_of_need", .int)
            .field("outcome", .string)
            .field("created_by", .uuid, .required, .references("users", "id"))
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .field("submitted_at", .datetime)
            .field("version", .int, .required)
            .create()
        try await createIndex(db, "assessments_involvement", on: "assessments", "involvement_id")
        try await createIndex(db, "assessments_status_due", on: "assessments", "status", "due_on")
        // Every sign-off decision, approvals holding the approved text: approved versions are kept as
        // they were signed, whatever happens later.
        try await db.schema("assessment_sign_offs").id()
            .field("assessment_id", .uuid, .required, .references("assessments", "id", onDelete: .cascade))
            .field("decision", .string, .required)
            .field("comments", .string)
            .field("assessment_version", .int, .required)
            .field("snapshot", .string)
            .field("decided_by", .uuid, .required, .references("users", "id"))
            .field("decided_at", .datetime, .required)
            .create()
        try await createIndex(db, "assessment_sign_offs_assessment", on: "assessment_sign_offs", "assessment_id")
    }
    func revert(on db: any Database) async throws {
        try await db.schema("assessment_sign_offs").delete()
        try await db.schema("assessments").delete()
    }
}

struct CreateSafetyPlanning: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("safety_plans").id()
            .field("involvement_id", .uuid, .required, .references("involvements", "id", onDelete: .cascade))
            .field("worries", .string, .required)
            .field("working_well", .string, .required)
            .field("needs_to_happen", .string, .required)
            .field("safety_goals", .string, .required)
            .field("network", .string, .required)
            .field("updated_at", .datetime, .required)
            .field("updated_by", .uuid, .required)
            .field("version", .int, .required)
            .unique(on: "involvement_id")
            .create()
        try await db.schema("safety_scores").id()
            .field("involvement_id", .uuid, .required, .references("involvements", "id", onDelete: .cascade))
            .field("scored_on", .string, .required)
            .field("score", .int, .required)
            .field("scorer_kind", .string, .required)
            .field("scorer_name", .string, .required)
            .field("note", .string)
            .field("recorded_by", .uuid, .required)
            .field("recorded_at", .datetime, .required)
            .create()
        try await createIndex(db, "safety_scores_involvement", on: "safety_scores", "involvement_id", "scored_on")
    }
    func revert(on db: any Database) async throws {
        try await db.schema("safety_scores").delete()
        try await db.schema("safety_plans").delete()
    }
}

struct CreatePlans: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("plans").id()
            .field("involvement_id", .uuid, .required, .references("involvements", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("person_id", .uuid, .references("people", "id"))
            .field("assessment_id", .uuid, .references("assessments", "id"))
            .field("status", .string, .required)
            .field("started_on", .string, .required)
            .field("review_every_days", .int, .required)
            .field("next_review_on", .string)
            .field("agreed_by", .string)
            .field("agreement_method", .string)
            .field("agreed_on", .string)
            .field("disagreement", .string)
            .field("created_by", .uuid, .required)
            .field("created_at", .datetime, .required)
            .field("version", .int, .required)
            .create()
        try await createIndex(db, "plans_involvement", on: "plans", "involvement_id")
        try await createIndex(db, "plans_status_review", on: "plans", "status", "next_review_on")
        try await db.schema("plan_goals").id()
            .field("plan_id", .uuid, .required, .references("plans", "id", onDelete: .cascade))
            .field("position", .int, .required)
            .field("family_words", .string, .required)
            .field("practitioner_words", .string, .required)
            .field("need", .string)
            .field("third_party_note", .string)
            .create()
        try await createIndex(db, "plan_goals_plan", on: "plan_goals", "plan_id", "position")
        try await db.schema("plan_actions").id()
            .field("plan_id", .uuid, .required, .references("plans", "id", onDelete: .cascade))
            .field("goal_id", .uuid, .references("plan_goals", "id", onDelete: .cascade))
            .field("owner_kind", .string, .required)
            .field("owner", .string, .required)
            .field("what", .string, .required)
            .field("by_when", .string, .required)
            .field("status", .string, .required)
            .field("third_party", .bool, .required)
            .create()
        try await createIndex(db, "plan_actions_plan", on: "plan_actions", "plan_id")
        try await createIndex(db, "plan_actions_status_due", on: "plan_actions", "status", "by_when")
        try await db.schema("plan_reviews").id()
            .field("plan_id", .uuid, .required, .references("plans", "id", onDelete: .cascade))
            .field("reviewed_on", .string, .required)
            .field("progress", .string, .required)
            .field("child_views", .string)
            .field("family_views", .string)
            .field("decisions", .string, .required)
            .field("next_review_on", .string, .required)
            .field("recorded_by", .uuid, .required)
            .field("recorded_at", .datetime, .required)
            .create()
        try await createIndex(db, "plan_reviews_plan", on: "plan_reviews", "plan_id", "reviewed_on")
    }
    func revert(on db: any Database) async throws {
        for table in ["plan_reviews", "plan_actions", "plan_goals", "plans"] { try await db.schema(table).delete() }
    }
}

struct CreateDecisions: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("decisions").id()
            .field("involvement_id", .uuid, .required, .references("involvements", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("decided_on", .string, .required)
            .field("summary", .string, .required)
            .field("reasons", .string)
            .field("options_considered", .string)
            .field("made_by", .uuid, .required)
            .field("made_at", .datetime, .required)
            .create()
        try await createIndex(db, "decisions_involvement", on: "decisions", "involvement_id", "decided_on")
        try await db.schema("challenges").id()
            .field("decision_id", .uuid, .required, .references("decisions", "id", onDelete: .cascade))
            .field("involvement_id", .uuid, .required)
            .field("reason", .string, .required)
            .field("status", .string, .required)
            .field("raised_by", .uuid, .required)
            .field("raised_at", .datetime, .required)
            .field("respond_by", .datetime, .required)
            .field("escalated_at", .datetime)
            .field("escalated_by", .uuid)
            .field("escalation_note", .string)
            .field("resolution", .string)
            .field("resolved_at", .datetime)
            .field("resolved_by", .uuid)
            .create()
        try await createIndex(db, "challenges_decision", on: "challenges", "decision_id")
        try await createIndex(db, "challenges_status", on: "challenges", "status", "respond_by")
    }
    func revert(on db: any Database) async throws {
        try await db.schema("challenges").delete()
        try await db.schema("decisions").delete()
    }
}
