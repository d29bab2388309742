import Fluent
import SQLKit

/// The platform's first schema: accounts, sessions, the minimal person record with its allocation, and
/// the audit trail. Landed migrations are never edited: a change is a new migration in a new folder.
enum Migrations001 {
    static func register(on migrations: Migrations) {
        migrations.add(CreateOrganisations())
        migrations.add(CreateTeams())
        migrations.add(CreateUsers())
        migrations.add(CreateUserRoles())
        migrations.add(CreateTeamMemberships())
        migrations.add(CreateUserSessions())
        migrations.add(CreateSignInAttempts())
        migrations.add(CreateSetPasswordTokens())
        migrations.add(CreateApiTokens())
        migrations.add(CreatePeople())
        migrations.add(CreateAllocations())
        migrations.add(CreatePersonNamedUsers())
        migrations.add(CreateAccessGrants())
        migrations.add(CreateAuditEvents())
    }
}

/// Creates an index with SQLKit, which Fluent's schema builder cannot.
func createIndex(_ db: any Database, _ name: String, on table: String, _ columns: String...) async throws {
    var builder = db.sql.create(index: name).on(table)
    for column in columns { builder = builder.column(column) }
    try await builder.run()
}

struct CreateOrganisations: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("organisations").id().field("name", .string, .required).create()
    }
    func revert(on db: any Database) async throws { try await db.schema("organisations").delete() }
}

struct CreateTeams: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("teams").id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("name", .string, .required)
            .unique(on: "organisation_id", "name")
            .create()
    }
    func revert(on db: any Database) async throws { try await db.schema("teams").delete() }
}

struct CreateUsers: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("users").id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("email", .string, .required)
            .field("display_name", .string, .required)
            .field("password_hash", .string)
            .field("is_disabled", .bool, .required)
            .field("version", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "email")
            .create()
    }
    func revert(on db: any Database) async throws { try await db.schema("users").delete() }
}

struct CreateUserRoles: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("user_roles").id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("role", .string, .required)
            .unique(on: "user_id", "role")
            .create()
    }
    func revert(on db: any Database) async throws { try await db.schema("user_roles").delete() }
}

struct CreateTeamMemberships: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("team_memberships").id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("team_id", .uuid, .required, .references("teams", "id", onDelete: .cascade))
            .field("is_manager", .bool, .required)
            .unique(on: "user_id", "team_id")
            .create()
        try await createIndex(db, "team_memberships_team", on: "team_memberships", "team_id")
    }
    func revert(on db: any Database) async throws { try await db.schema("team_memberships").delete() }
}

struct CreateUserSessions: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("user_sessions").id()
            .field("token_hash", .string, .required)
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("csrf_token", .string, .required)
            .field("created_at", .datetime, .required)
            .field("last_seen_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .field("ended_at", .datetime)
            .field("ended_reason", .string)
            .field("client_address", .string)
            .unique(on: "token_hash")
            .create()
        try await createIndex(db, "user_sessions_user", on: "user_sessions", "user_id", "ended_at")
    }
    func revert(on db: any Database) async throws { try await db.schema("user_sessions").delete() }
}

struct CreateSignInAttempts: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("sign_in_attempts").id()
            .field("email", .string, .required)
            .field("client_address", .string, .required)
            .field("at", .datetime, .required)
            .field("succeeded", .bool, .required)
            .create()
        try await createIndex(db, "sign_in_attempts_email", on: "sign_in_attempts", "email", "at")
        try await createIndex(db, "sign_in_attempts_address", on: "sign_in_attempts", "client_address", "at")
    }
    func revert(on db: any Database) async throws { try await db.schema("sign_in_attempts").delete() }
}

struct CreateSetPasswordTokens: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("set_password_tokens").id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("token_hash", .string, .required)
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .field("used_at", .datetime)
            .field("created_by", .uuid)
            .unique(on: "token_hash")
            .create()
    }
    func revert(on db: any Database) async throws { try await db.schema("set_password_tokens").delete() }
}

struct CreateApiTokens: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("api_tokens").id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("name", .string, .required)
            .field("token_hash", .string, .required)
            .field("prefix", .string, .required)
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .field("revoked_at", .datetime)
            .field("last_used_at", .datetime)
            .unique(on: "token_hash")
            .create()
        try await createIndex(db, "api_tokens_user", on: "api_tokens", "user_id")
    }
    func revert(on db: any Database) async throws { try await db.schema("api_tokens").delete() }
}

struct CreatePeople: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("people").id()
            .field("given_name", .string, .required)
            .field("family_name", .string, .required)
            .field("date_of_birth", .string)
            .field("is_restricted", .bool, .required)
            .field("version", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        try await createIndex(db, "people_names", on: "people", "family_name", "given_name")
    }
    func revert(on db: any Database) async throws { try await db.schema("people").delete() }
}

struct CreateAllocations: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("allocations").id()
            .field("person_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .field("user_id", .uuid, .references("users", "id"))
            .field("team_id", .uuid, .references("teams", "id"))
            .field("starts_on", .datetime, .required)
            .field("ends_on", .datetime)
            .create()
        try await createIndex(db, "allocations_person", on: "allocations", "person_id")
        try await createIndex(db, "allocations_user", on: "allocations", "user_id", "ends_on")
        try await createIndex(db, "allocations_team", on: "allocations", "team_id", "ends_on")
    }
    func revert(on db: any Database) async throws { try await db.schema("allocations").delete() }
}

struct CreatePersonNamedUsers: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("person_named_users").id()
            .field("person_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .unique(on: "person_id", "user_id")
            .create()
        try await createIndex(db, "person_named_users_user", on: "person_named_users", "user_id")
    }
    func revert(on db: any Database) async throws { try await db.schema("person_named_users").delete() }
}

struct CreateAccessGrants: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("access_grants").id()
            .field("person_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("reason", .string, .required)
            .field("granted_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .create()
        try await createIndex(db, "access_grants_person", on: "access_grants", "person_id", "user_id", "expires_at")
        try await createIndex(db, "access_grants_user", on: "access_grants", "user_id", "expires_at")
    }
    func revert(on db: any Database) async throws { try await db.schema("access_grants").delete() }
}

struct CreateAuditEvents: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("audit_events").id()
            .field("at", .datetime, .required)
            .field("actor_id", .uuid)
            .field("actor_email", .string)
            .field("role", .string)
            .field("action", .string, .required)
            .field("subject_type", .string)
            .field("subject_id", .string)
            .field("outcome", .string, .required)
            .field("client_address", .string)
            .field("request_id", .string)
            .field("reason", .string)
            .field("detail", .string)
            .create()
        try await createIndex(db, "audit_events_subject", on: "audit_events", "subject_type", "subject_id", "at")
        try await createIndex(db, "audit_events_actor", on: "audit_events", "actor_id", "at")
        try await createIndex(db, "audit_events_at", on: "audit_events", "at")
        try await createIndex(db, "audit_events_action", on: "audit_events", "action", "at")
    }
    func revert(on db: any Database) async throws { try await db.schema("audit_events").delete() }
}
