import Fluent
import Foundation

/// A previous name or alias (`kind` "previous" or "alias").
final class PersonName: Model, @unchecked Sendable {
    static let schema = "person_names"
    @ID(key: .id) var id: UUID?
    @Parent(key: "person_id") var person: Person
    @Field(key: "kind") var kind: String
    @Field(key: "name") var name: String
    @Field(key: "position") var position: Int

    init() {}
    init(personId: UUID, kind: String, name: String, position: Int) {
        self.$person.id = personId
        self.kind = kind
        self.name = name
        self.position = position
    }
}

/// One address in a person's history. Moving in is an event in the chronology.
final class Address: Model, @unchecked Sendable {
    static let schema = "addresses"
    @ID(key: .id) var id: UUID?
    @Parent(key: "person_id") var person: Person
    @Field(key: "line1") var line1: String
    @OptionalField(key: "line2") var line2: String?
    @OptionalField(key: "town") var town: String?
    @Field(key: "postcode") var postcode: String
    @Field(key: "moved_in_on") var movedInOn: String
    @OptionalField(key: "moved_out_on") var movedOutOn: String?
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "created_by") var createdBy: UUID?

    init() {}
}

/// A family or household: the people a family page and a family involvement gather.
final class Family: Model, @unchecked Sendable {
    static let schema = "families"
    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
    init(id: UUID? = nil, name: String) {
        self.id = id
        self.name = name
        self.createdAt = Date()
    }
}

final class FamilyMember: Model, @unchecked Sendable {
    static let schema = "family_members"
    @ID(key: .id) var id: UUID?
    @Parent(key: "family_id") var family: Family
    @Parent(key: "person_id") var person: Person
    @OptionalField(key: "role") var role: String?

    init() {}
    init(familyId: UUID, personId: UUID, role: String?) {
        self.$family.id = familyId
        self.$person.id = personId
        self.role = role
    }
}

/// One side of a relationship: `relatedPerson` is `kind` to `person` (kind "mother": the related
/// person is this person's mother).
final class Relationship: Model, @unchecked Sendable {
    static let schema = "relationships"
    @ID(key: .id) var id: UUID?
    @Field(key: "pair_id") var pairId: UUID
    @Parent(key: "person_id") var person: Person
    @Parent(key: "related_person_id") var relatedPerson: Person
    @Field(key: "kind") var kind: String
    @Field(key: "important_to_me") var importantToMe: Bool
    @Field(key: "lives_with") var livesWith: Bool
    @OptionalField(key: "started_on") var startedOn: String?
    @OptionalField(key: "ended_on") var endedOn: String?
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "created_by") var createdBy: UUID?

    init() {}
}

/// A piece of work with a child, several children or a whole family.
final class Involvement: Model, @unchecked Sendable {
    static let schema = "involvements"
    @ID(key: .id) var id: UUID?
    @Field(key: "service") var service: String
    @OptionalParent(key: "family_id") var family: Family?
    @Field(key: "level_of_need") var levelOfNeed: Int
    @OptionalParent(key: "allocated_user_id") var allocatedUser: User?
    @Parent(key: "allocated_team_id") var allocatedTeam: Team
    @Field(key: "started_on") var startedOn: String
    @OptionalField(key: "ended_on") var endedOn: String?
    @Field(key: "reason") var reason: String
    @OptionalField(key: "closure_reason") var closureReason: String?
    @Field(key: "consent") var consent: String
    @OptionalField(key: "consent_recorded_on") var consentRecordedOn: String?
    @Field(key: "version") var version: Int
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "created_by") var createdBy: UUID?

    init() {}
}

final class InvolvementSubject: Model, @unchecked Sendable {
    static let schema = "involvement_subjects"
    @ID(key: .id) var id: UUID?
    @Parent(key: "involvement_id") var involvement: Involvement
    @Parent(key: "person_id") var person: Person

    init() {}
    init(involvementId: UUID, personId: UUID) {
        self.$involvement.id = involvementId
        self.$person.id = personId
    }
}

final class NeedLevelChange: Model, @unchecked Sendable {
    static let schema = "need_level_changes"
    @ID(key: .id) var id: UUID?
    @Parent(key: "involvement_id") var involvement: Involvement
    @Field(key: "level") var level: Int
    @OptionalField(key: "previous_level") var previousLevel: Int?
    @Field(key: "changed_at") var changedAt: Date
    @OptionalField(key: "changed_by") var changedBy: UUID?
    @OptionalField(key: "reason") var reason: String?

    init() {}

    /// The day of the first level, which is set from the day the work began and so has no time of day
    /// (InvolvementStore); nil for a later change, which happened at a moment someone chose.
    static func dayOfFirstLevel(changedAt: Date, previousLevel: Int?) -> String? {
        previousLevel == nil ? UKTime.dayString(changedAt) : nil
    }
}

/// A visit, session, call, meeting or observation. A draft belongs to its author until submitted.
final class Recording: Model, @unchecked Sendable {
    static let schema = "recordings"
    @ID(key: .id) var id: UUID?
    @OptionalParent(key: "involvement_id") var involvement: Involvement?
    @Field(key: "kind") var kind: String
    @Field(key: "occurred_at") var occurredAt: Date
    @OptionalField(key: "place") var place: String?
    @OptionalField(key: "present") var present: String?
    /// "yes", "no" or "not-applicable" (an adult, or a meeting without the child).
    @OptionalField(key: "child_seen") var childSeen: String?
    @OptionalField(key: "seen_alone") var seenAlone: String?
    @Field(key: "note") var note: String
    @Field(key: "is_significant") var isSignificant: Bool
    @OptionalField(key: "significance_category") var significanceCategory: String?
    /// "draft" or "submitted".
    @Field(key: "status") var status: String
    @Parent(key: "author_id") var author: User
    @OptionalField(key: "submitted_at") var submittedAt: Date?
    @Field(key: "version") var version: Int
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}
}

final class RecordingSubject: Model, @unchecked Sendable {
    static let schema = "recording_subjects"
    @ID(key: .id) var id: UUID?
    @Parent(key: "recording_id") var recording: Recording
    @Parent(key: "person_id") var person: Person
    /// The recording's time, kept here so a person's latest recordings come from an index (migration 010).
    @OptionalField(key: "occurred_at") var occurredAt: Date?
    /// The recording is submitted and significant: in the person's chronology (migration 012).
    @Field(key: "in_chronology") var inChronology: Bool

    init() {}
    init(recordingId: UUID, personId: UUID, occurredAt: Date, inChronology: Bool) {
        self.$recording.id = recordingId
        self.$person.id = personId
        self.occurredAt = occurredAt
        self.inChronology = inChronology
    }
}

/// Words said by a child or family member, kept verbatim and attributed.
final class RecordingQuote: Model, @unchecked Sendable {
    static let schema = "recording_quotes"
    @ID(key: .id) var id: UUID?
    @Parent(key: "recording_id") var recording: Recording
    @OptionalField(key: "speaker_person_id") var speakerPersonId: UUID?
    @Field(key: "speaker_label") var speakerLabel: String
    @Field(key: "words") var words: String
    @Field(key: "position") var position: Int

    init() {}
    init(recordingId: UUID, speakerPersonId: UUID?, speakerLabel: String, words: String, position: Int) {
        self.$recording.id = recordingId
        self.speakerPersonId = speakerPersonId
        self.speakerLabel = speakerLabel
        self.words = words
        self.position = position
    }
}

final class RecordingRevision: Model, @unchecked Sendable {
    static let schema = "recording_revisions"
    @ID(key: .id) var id: UUID?
    @Parent(key: "recording_id") var recording: Recording
    @Field(key: "version") var version: Int
    /// JSON of the recording as it was before the edit.
    @Field(key: "snapshot") var snapshot: String
    @Field(key: "edited_by") var editedBy: UUID
    @Field(key: "edited_at") var editedAt: Date
    @OptionalField(key: "reason") var reason: String?

    init() {}
}

final class ChronologyNote: Model, @unchecked Sendable {
    static let schema = "chronology_notes"
    @ID(key: .id) var id: UUID?
    @Parent(key: "person_id") var person: Person
    @Field(key: "source_type") var sourceType: String
    @Field(key: "source_id") var sourceId: String
    @OptionalField(key: "significance") var significance: String?
    @OptionalField(key: "analysis") var analysis: String?
    @Field(key: "author_id") var authorId: UUID
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

final class PersonSearchKey: Model, @unchecked Sendable {
    static let schema = "person_search_keys"
    @ID(key: .id) var id: UUID?
    @Parent(key: "person_id") var person: Person
    @Field(key: "kind") var kind: String
    @Field(key: "value") var value: String

    init() {}
    init(personId: UUID, kind: String, value: String) {
        self.$person.id = personId
        self.kind = kind
        self.value = value
    }
}

/// A merge of two person records, with what moved, so it can be undone.
final class PersonMerge: Model, @unchecked Sendable {
    static let schema = "person_merges"
    @ID(key: .id) var id: UUID?
    @Parent(key: "survivor_id") var survivor: Person
    @Parent(key: "merged_id") var merged: Person
    /// JSON: for each table, the ids of the rows moved from the merged record to the survivor.
    @Field(key: "moved") var moved: String
    @Field(key: "merged_by") var mergedBy: UUID
    @Field(key: "merged_at") var mergedAt: Date
    @OptionalField(key: "undone_by") var undoneBy: UUID?
    @OptionalField(key: "undone_at") var undoneAt: Date?

    init() {}
}

/// A safeguarding concern about a person: what was seen or said, and what was done about it.
final class Concern: Model, @unchecked Sendable {
    static let schema = "concerns"
    @ID(key: .id) var id: UUID?
    @Parent(key: "person_id") var person: Person
    /// Comma-separated `ConcernCategory` codes.
    @Field(key: "categories") var categories: String
    @Field(key: "description") var description: String
    @OptionalField(key: "childs_words") var childsWords: String?
    @OptionalField(key: "source") var source: String?
    @OptionalField(key: "immediate_action") var immediateAction: String?
    @OptionalField(key: "who_told") var whoTold: String?
    /// The practitioner's view of the level of need, against the local threshold descriptors.
    @OptionalField(key: "practitioner_level") var practitionerLevel: Int?
    /// When it happened or was raised; may be earlier than `recordedAt` when recorded late.
    @Field(key: "raised_at") var raisedAt: Date
    @Field(key: "recorded_at") var recordedAt: Date
    @Parent(key: "raised_by") var raisedBy: User
    @Field(key: "decision_due_by") var decisionDueBy: Date
    /// "open", "escalated" or "decided".
    @Field(key: "status") var status: String
    @OptionalField(key: "escalated_at") var escalatedAt: Date?
    @OptionalField(key: "decision") var decision: String?
    @OptionalField(key: "decided_at") var decidedAt: Date?
    @OptionalField(key: "decided_by") var decidedBy: UUID?
    @OptionalField(key: "referred_to") var referredTo: String?
    @OptionalField(key: "referral_reference") var referralReference: String?
    @OptionalField(key: "referred_at") var referredAt: Date?
    @Field(key: "version") var version: Int

    init() {}
}
