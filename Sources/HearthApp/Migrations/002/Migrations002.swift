import Fluent
import SQLKit

/// People, families, involvements, recording and search: the casework record.
///
/// Tables are shaped so later changes are new columns or new tables (SQLite's ALTER TABLE only adds).
enum Migrations002 {
    static func register(on migrations: Migrations) {
        migrations.add(UpdatePeopleProfile())
        migrations.add(CreatePersonNames())
        migrations.add(CreateAddresses())
        migrations.add(CreateFamilies())
        migrations.add(CreateFamilyMembers())
        migrations.add(CreateRelationships())
        migrations.add(CreateInvolvements())
        migrations.add(CreateInvolvementSubjects())
        migrations.add(UpdateAllocationsInvolvement())
        migrations.add(CreateNeedLevelChanges())
        migrations.add(CreateRecordings())
        migrations.add(CreateRecordingSubjects())
        migrations.add(CreateRecordingQuotes())
        migrations.add(CreateRecordingRevisions())
        migrations.add(CreateChronologyNotes())
        migrations.add(CreatePersonSearchKeys())
        migrations.add(CreatePersonMerges())
    }
}

struct UpdatePeopleProfile: AsyncMigration {
    func prepare(on db: any Database) async throws {
        // One ALTER per column: SQLite adds a single column per statement.
        let columns: [(String, DatabaseSchema.DataType)] = [
            ("preferred_name", .string), ("expected_date_of_birth", .string), ("sex", .string),
            ("gender_identity", .string), ("ethnicity", .string), ("first_language", .string),
            ("interpreter_needed", .bool), ("communication_needs", .string), ("disability", .string),
            ("has_send", .bool), ("has_ehcp", .bool), ("religion", .string), ("nhs_number", .string),
            ("upn", .string), ("uln", .string), ("email", .string), ("phone", .string),
            ("merged_into_id", .uuid), ("created_by", .uuid),
        ]
        for (name, type) in columns {
            try await db.schema("people").field(
                .definition(name: .key(.init(stringLiteral: name)), dataType: type, constraints: [])
            ).update()
        }
        try await createIndex(db, "people_nhs_number", on: "people", "nhs_number")
        try await createIndex(db, "people_upn", on: "people", "upn")
        try await createIndex(db, "people_merged_into", on: "people", "merged_into_id")
    }
    func revert(on db: any Database) async throws {}
}

struct CreatePersonNames: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("person_names").id()
            .field("person_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("name", .string, .required)
            .field("position", .int, .required)
            .create()
        try await createIndex(db, "person_names_person", on: "person_names", "person_id")
    }
    func revert(on db: any Database) async throws { try await db.schema("person_names").delete() }
}

struct CreateAddresses: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("addresses").id()
            .field("person_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .field("line1", .string, .required)
            .field("line2", .string)
            .field("town", .string)
            .field("postcode", .string, .required)
            .field("moved_in_on", .string, .required)
            .field("moved_out_on", .string)
            .field("created_at", .datetime, .required)
            .field("created_by", .uuid)
            .create()
        try await createIndex(db, "addresses_person", on: "addresses", "person_id", "moved_in_on")
        try await createIndex(db, "addresses_postcode", on: "addresses", "postcode")
    }
    func revert(on db: any Database) async throws { try await db.schema("addresses").delete() }
}

struct CreateFamilies: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("families").id()
            .field("name", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
    }
    func revert(on db: any Database) async throws { try await db.schema("families").delete() }
}

struct CreateFamilyMembers: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("family_members").id()
            .field("family_id", .uuid, .required, .references("families", "id", onDelete: .cascade))
            .field("person_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .field("role", .string)
            .unique(on: "family_id", "person_id")
            .create()
        try await createIndex(db, "family_members_person", on: "family_members", "person_id")
    }
    func revert(on db: any Database) async throws { try await db.schema("family_members").delete() }
}

struct CreateRelationships: AsyncMigration {
    func prepare(on db: any Database) async throws {
        // Each relationship is two rows, one from each side ("A is B's mother", "B is A's child"),
        // sharing a pair id, so reading either person's network is one indexed query.
        try await db.schema("relationships").id()
            .field("pair_id", .uuid, .required)
            .field("person_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .field("related_person_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("important_to_me", .bool, .required)
            .field("lives_with", .bool, .required)
            .field("started_on", .string)
            .field("ended_on", .string)
            .field("created_at", .datetime, .required)
            .field("created_by", .uuid)
            .create()
        try await createIndex(db, "relationships_person", on: "relationships", "person_id")
        try await createIndex(db, "relationships_pair", on: "relationships", "pair_id")
    }
    func revert(on db: any Database) async throws { try await db.schema("relationships").delete() }
}

struct CreateInvolvements: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("involvements").id()
            .field("service", .string, .required)
            .field("family_id", .uuid, .references("families", "id"))
            .field("level_of_need", .int, .required)
            .field("allocated_user_id", .uuid, .references("users", "id"))
            .field("allocated_team_id", .uuid, .required, .references("teams", "id"))
            .field("started_on", .string, .required)
            .field("ended_on", .string)
            .field("reason", .string, .required)
            .field("closure_reason", .string)
            .field("consent", .string, .required)
            .field("consent_recorded_on", .string)
            .field("version", .int, .required)
            .field("created_at", .datetime, .required)
            .field("created_by", .uuid)
            .create()
        try await createIndex(db, "involvements_user", on: "involvements", "allocated_user_id", "ended_on")
        try await createIndex(db, "involvements_team", on: "involvements", "allocated_team_id", "ended_on")
    }
    func revert(on db: any Database) async throws { try await db.schema("involvements").delete() }
}

struct CreateInvolvementSubjects: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("involvement_subjects").id()
            .field("involvement_id", .uuid, .required, .references("involvements", "id", onDelete: .cascade))
            .field("person_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .unique(on: "involvement_id", "person_id")
            .create()
        try await createIndex(db, "involvement_subjects_person", on: "involvement_subjects", "person_id")
    }
    func revert(on db: any Database) async throws { try await db.schema("involvement_subjects").delete() }
}

struct UpdateAllocationsInvolvement: AsyncMigration {
    func prepare(on db: any Database) async throws {
        // Allocations made by an involvement point back at it, so changing the involvement's worker or
        // closing it changes who may see its people.
        try await db.schema("allocations").field("involvement_id", .uuid).update()
        try await createIndex(db, "allocations_involvement", on: "allocations", "involvement_id")
    }
    func revert(on db: any Database) async throws {}
}

struct CreateNeedLevelChanges: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("need_level_changes").id()
            .field("involvement_id", .uuid, .required, .references("involvements", "id", onDelete: .cascade))
            .field("level", .int, .required)
            .field("previous_level", .int)
            .field("changed_at", .datetime, .required)
            .field("changed_by", .uuid)
            .field("reason", .string)
            .create()
        try await createIndex(db, "need_level_changes_involvement", on: "need_level_changes", "involvement_id")
    }
    func revert(on db: any Database) async throws { try await db.schema("need_level_changes").delete() }
}

struct CreateRecordings: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("recordings").id()
            .field("involvement_id", .uuid, .references("involvements", "id"))
            .field("kind", .string, .required)
            .field("occurred_at", .datetime, .required)
            .field("place", .string)
            .field("present", .string)
            .field("child_seen", .string)
            .field("seen_alone", .string)
            .field("note", .string, .required)
            .field("is_significant", .bool, .required)
            .field("significance_category", .string)
            .field("status", .string, .required)
            .field("author_id", .uuid, .required, .references("users", "id"))
            .field("submitted_at", .datetime)
            .field("version", .int, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await createIndex(db, "recordings_author", on: "recordings", "author_id", "status")
        try await createIndex(db, "recordings_involvement", on: "recordings", "involvement_id", "occurred_at")
    }
    func revert(on db: any Database) async throws { try await db.schema("recordings").delete() }
}

struct CreateRecordingSubjects: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("recording_subjects").id()
            .field("recording_id", .uuid, .required, .references("recordings", "id", onDelete: .cascade))
            .field("person_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .unique(on: "recording_id", "person_id")
            .create()
        try await createIndex(db, "recording_subjects_person", on: "recording_subjects", "person_id", "recording_id")
    }
    func revert(on db: any Database) async throws { try await db.schema("recording_subjects").delete() }
}

struct CreateRecordingQuotes: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("recording_quotes").id()
            .field("recording_id", .uuid, .required, .references("recordings", "id", onDelete: .cascade))
            .field("speaker_person_id", .uuid, .references("people", "id"))
            .field("speaker_label", .string, .required)
            .field("words", .string, .required)
            .field("position", .int, .required)
            .create()
        try await createIndex(db, "recording_quotes_recording", on: "recording_quotes", "recording_id")
        try await createIndex(db, "recording_quotes_speaker", on: "recording_quotes", "speaker_person_id")
    }
    func revert(on db: any Database) async throws { try await db.schema("recording_quotes").delete() }
}

struct CreateRecordingRevisions: AsyncMigration {
    func prepare(on db: any Database) async throws {
        // The state of a submitted recording before each edit: who changed what, when.
        try await db.schema("recording_revisions").id()
            .field("recording_id", .uuid, .required, .references("recordings", "id", onDelete: .cascade))
            .field("version", .int, .required)
            .field("snapshot", .string, .required)
            .field("edited_by", .uuid, .required)
            .field("edited_at", .datetime, .required)
            .field("reason", .string)
            .create()
        try await createIndex(db, "recording_revisions_recording", on: "recording_revisions", "recording_id", "version")
    }
    func revert(on db: any Database) async throws { try await db.schema("recording_revisions").delete() }
}

struct CreateChronologyNotes: AsyncMigration {
    func prepare(on db: any Database) async throws {
        // A practitioner's significance or analysis added to a chronology entry. The entry itself is
        // never copied: it stays a query over its source record.
        try await db.schema("chronology_notes").id()
            .field("person_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .field("source_type", .string, .required)
            .field("source_id", .string, .required)
            .field("significance", .string)
            .field("analysis", .string)
            .field("author_id", .uuid, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await createIndex(
            db, "chronology_notes_person", on: "chronology_notes", "person_id", "source_type", "source_id")
    }
    func revert(on db: any Database) async throws { try await db.schema("chronology_notes").delete() }
}

struct CreatePersonSearchKeys: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("person_search_keys").id()
            .field("person_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("value", .string, .required)
            .create()
        try await createIndex(db, "person_search_keys_lookup", on: "person_search_keys", "kind", "value")
        try await createIndex(db, "person_search_keys_person", on: "person_search_keys", "person_id")
    }
    func revert(on db: any Database) async throws { try await db.schema("person_search_keys").delete() }
}

struct CreatePersonMerges: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("person_merges").id()
            .field("survivor_id", .uuid, .required, .references("people", "id"))
            .field("merged_id", .uuid, .required, .references("people", "id"))
            .field("moved", .string, .required)
            .field("merged_by", .uuid, .required)
            .field("merged_at", .datetime, .required)
            .field("undone_by", .uuid)
            .field("undone_at", .datetime)
            .create()
        try await createIndex(db, "person_merges_survivor", on: "person_merges", "survivor_id")
    }
    func revert(on db: any Database) async throws { try await db.schema("person_merges").delete() }
}
