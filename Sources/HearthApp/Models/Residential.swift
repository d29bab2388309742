import Fluent
import Foundation

/// A children's home: its registration, registered manager, capacity and statement of purpose.
final class Home: Model, @unchecked Sendable {
    static let schema = "homes"
    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "urn") var urn: String
    /// "childrens-home", "residential-special-school" or "secure-home".
    @Field(key: "kind") var kind: String
    /// The staff team: allocation to it is what lets the home's staff see the children placed there.
    @Field(key: "team_id") var teamId: UUID
    @OptionalField(key: "registered_manager_id") var registeredManagerId: UUID?
    @Field(key: "capacity") var capacity: Int
    @Field(key: "statement_of_purpose") var statementOfPurpose: String
    @OptionalField(key: "ethos") var ethos: String?
    /// The statement's version: each revision adds a `HomeStatement` and moves this on.
    @Field(key: "version") var version: Int

    init() {}
}

/// One version of a home's statement of purpose and ethos.
final class HomeStatement: Model, @unchecked Sendable {
    static let schema = "home_statements"
    @ID(key: .id) var id: UUID?
    @Field(key: "home_id") var homeId: UUID
    @Field(key: "version") var version: Int
    @Field(key: "statement_of_purpose") var statementOfPurpose: String
    @OptionalField(key: "ethos") var ethos: String?
    @OptionalField(key: "change_note") var changeNote: String?
    @OptionalField(key: "revised_by") var revisedBy: UUID?
    @Field(key: "revised_at") var revisedAt: Date

    init() {}
}

/// Someone on the rota for a shift at a home.
final class Shift: Model, @unchecked Sendable {
    static let schema = "shifts"
    @ID(key: .id) var id: UUID?
    @Field(key: "home_id") var homeId: UUID
    @Field(key: "user_id") var userId: UUID
    @Field(key: "starts_at") var startsAt: Date
    @Field(key: "ends_at") var endsAt: Date
    @Field(key: "is_lead") var isLead: Bool
    @OptionalField(key: "created_by") var createdBy: UUID?

    init() {}
}

/// What one shift hands to the next: what happened and what the next shift must do.
final class Handover: Model, @unchecked Sendable {
    static let schema = "handovers"
    @ID(key: .id) var id: UUID?
    @Field(key: "home_id") var homeId: UUID
    @Field(key: "written_by") var writtenBy: UUID
    @Field(key: "written_at") var writtenAt: Date
    @Field(key: "what_happened") var whatHappened: String
    @Field(key: "next_shift") var nextShift: String

    init() {}
}

/// An incoming member of staff has read a handover.
final class HandoverRead: Model, @unchecked Sendable {
    static let schema = "handover_reads"
    @ID(key: .id) var id: UUID?
    @Field(key: "handover_id") var handoverId: UUID
    @Field(key: "user_id") var userId: UUID
    @Field(key: "read_at") var readAt: Date

    init() {}
}

/// The placement plan, led by the key worker: one per placement.
final class PlacementPlan: Model, @unchecked Sendable {
    static let schema = "placement_plans"
    @ID(key: .id) var id: UUID?
    @Field(key: "person_id") var personId: UUID
    @Field(key: "placement_id") var placementId: UUID
    @OptionalField(key: "key_worker_id") var keyWorkerId: UUID?
    /// The plan's areas as JSON, keyed by `PlacementPlanAreas` codes.
    @Field(key: "areas") var areas: String
    @OptionalField(key: "child_words") var childWords: String?
    @OptionalField(key: "child_version") var childVersion: String?
    @OptionalField(key: "school") var school: String?
    @OptionalField(key: "pep_date") var pepDate: String?
    @OptionalField(key: "attendance_percent") var attendancePercent: Int?
    @Field(key: "review_due_on") var reviewDueOn: String
    @OptionalField(key: "updated_by") var updatedBy: UUID?
    @Field(key: "updated_at") var updatedAt: Date
    @Field(key: "version") var version: Int

    init() {}

    /// The areas as written, by code.
    var storedAreas: [String: String] {
        (try? JSONDecoder().decode([String: String].self, from: Data(areas.utf8))) ?? [:]
    }
}

final class PlacementPlanReview: Model, @unchecked Sendable {
    static let schema = "placement_plan_reviews"
    @ID(key: .id) var id: UUID?
    @Field(key: "plan_id") var planId: UUID
    @Field(key: "person_id") var personId: UUID
    @Field(key: "reviewed_on") var reviewedOn: String
    /// "cycle" or "significant-change".
    @Field(key: "reason") var reason: String
    @Field(key: "summary") var summary: String
    @OptionalField(key: "child_view") var childView: String?
    @Field(key: "next_review_on") var nextReviewOn: String
    @Field(key: "reviewed_by") var reviewedBy: UUID
    @Field(key: "recorded_at") var recordedAt: Date

    init() {}
}

/// A quick note about a child's day, tagged to an area of the placement plan.
final class DailyLog: Model, @unchecked Sendable {
    static let schema = "daily_logs"
    @ID(key: .id) var id: UUID?
    @Field(key: "person_id") var personId: UUID
    @OptionalField(key: "home_id") var homeId: UUID?
    @Field(key: "written_at") var writtenAt: Date
    @Field(key: "area") var area: String
    @Field(key: "text") var text: String
    @Field(key: "written_by") var writtenBy: UUID

    init() {}
}

final class KeyWorkSession: Model, @unchecked Sendable {
    static let schema = "key_work_sessions"
    @ID(key: .id) var id: UUID?
    @Field(key: "person_id") var personId: UUID
    @OptionalField(key: "home_id") var homeId: UUID?
    @Field(key: "held_on") var heldOn: String
    @Field(key: "topic") var topic: String
    @Field(key: "child_words") var childWords: String
    @OptionalField(key: "follow_ups") var followUps: String?
    @Field(key: "written_by") var writtenBy: UUID
    @Field(key: "recorded_at") var recordedAt: Date

    init() {}
}

/// Who was told about an incident or a missing episode, and when: the placing authority, Ofsted, the police.
final class RegulatoryNotification: Model, @unchecked Sendable {
    static let schema = "notifications"
    @ID(key: .id) var id: UUID?
    @Field(key: "person_id") var personId: UUID
    @OptionalField(key: "home_id") var homeId: UUID?
    @OptionalField(key: "incident_id") var incidentId: UUID?
    @OptionalField(key: "missing_episode_id") var missingEpisodeId: UUID?
    @Field(key: "recipient") var recipient: String
    @Field(key: "sent_at") var sentAt: Date
    @Field(key: "method") var method: String
    @OptionalField(key: "reference") var reference: String?
    @Field(key: "sent_by") var sentBy: UUID

    init() {}
}

final class Complaint: Model, @unchecked Sendable {
    static let schema = "complaints"
    @ID(key: .id) var id: UUID?
    @Field(key: "home_id") var homeId: UUID
    @OptionalField(key: "person_id") var personId: UUID?
    @Field(key: "received_on") var receivedOn: String
    @Field(key: "complainant") var complainant: String
    @Field(key: "summary") var summary: String
    @OptionalField(key: "outcome") var outcome: String?
    @OptionalField(key: "resolved_on") var resolvedOn: String?
    @Field(key: "recorded_by") var recordedBy: UUID
    @Field(key: "version") var version: Int

    init() {}
}

/// A regulation 44 or 45 report: the figures for a period as they stood, with the commentary.
final class RegulatoryReport: Model, @unchecked Sendable {
    static let schema = "regulatory_reports"
    @ID(key: .id) var id: UUID?
    @Field(key: "home_id") var homeId: UUID
    /// "reg44" or "reg45".
    @Field(key: "kind") var kind: String
    @Field(key: "from_day") var fromDay: String
    @Field(key: "to_day") var toDay: String
    @Field(key: "figures") var figures: String
    @Field(key: "commentary") var commentary: String
    @Field(key: "written_by") var writtenBy: UUID
    @Field(key: "written_at") var writtenAt: Date

    init() {}
}

final class Placement: Model, @unchecked Sendable {
    static let schema = "placements"
    @ID(key: .id) var id: UUID?
    @Field(key: "person_id") var personId: UUID
    @Field(key: "home_id") var homeId: UUID
    @Field(key: "started_on") var startedOn: String
    @OptionalField(key: "ended_on") var endedOn: String?
    @OptionalField(key: "end_reason") var endReason: String?
    @Field(key: "reason") var reason: String
    @Field(key: "placing_authority") var placingAuthority: String
    @OptionalField(key: "social_worker") var socialWorker: String?
    @Field(key: "legal_status") var legalStatus: String
    @Field(key: "impact_assessment") var impactAssessment: String
    /// The children living in the home when the match was made, by name, as the assessment considered them.
    @Field(key: "children_considered") var childrenConsidered: String
    @OptionalField(key: "involvement_id") var involvementId: UUID?
    @OptionalField(key: "created_by") var createdBy: UUID?
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// An incident, with the measure of control, discipline or restraint when one was used (regulation 35).
final class Incident: Model, @unchecked Sendable {
    static let schema = "incidents"
    @ID(key: .id) var id: UUID?
    @Field(key: "person_id") var personId: UUID
    @OptionalField(key: "home_id") var homeId: UUID?
    @Field(key: "occurred_at") var occurredAt: Date
    @Field(key: "type") var type: String
    @OptionalField(key: "place") var place: String?
    /// Who else was involved: other young people, staff, visitors.
    @OptionalField(key: "people_involved") var peopleInvolved: String?
    @Field(key: "description") var description: String
    @OptionalField(key: "injuries") var injuries: String?
    @Field(key: "police_involved") var policeInvolved: Bool
    @Field(key: "medical_involved") var medicalInvolved: Bool
    @Field(key: "recorded_at") var recordedAt: Date
    @Field(key: "recorded_by") var recordedBy: UUID
    @OptionalField(key: "measure_description") var measureDescription: String?
    @OptionalField(key: "measure_minutes") var measureMinutes: Int?
    @OptionalField(key: "measure_staff") var measureStaff: String?
    @OptionalField(key: "child_view") var childView: String?
    /// When the measure's record held what regulation 35 asks (what, how long, who): due within 24 hours.
    @OptionalField(key: "record_completed_at") var recordCompletedAt: Date?
    @OptionalField(key: "manager_spoke_to_staff_at") var managerSpokeToStaffAt: Date?
    @OptionalField(key: "manager_signed_by") var managerSignedBy: UUID?
    @OptionalField(key: "child_spoken_to_at") var childSpokenToAt: Date?
    @Field(key: "version") var version: Int

    init() {}

    var hasMeasure: Bool { measureDescription != nil }
}

final class MissingEpisode: Model, @unchecked Sendable {
    static let schema = "missing_episodes"
    @ID(key: .id) var id: UUID?
    @Field(key: "person_id") var personId: UUID
    @OptionalField(key: "home_id") var homeId: UUID?
    @Field(key: "last_seen_at") var lastSeenAt: Date
    @OptionalField(key: "reported_to_police_at") var reportedToPoliceAt: Date?
    @OptionalField(key: "police_reference") var policeReference: String?
    @OptionalField(key: "returned_at") var returnedAt: Date?
    @OptionalField(key: "where_found") var whereFound: String?
    @OptionalField(key: "found_with") var foundWith: String?
    @OptionalField(key: "risks") var risks: String?
    @OptionalField(key: "interview_offered_at") var interviewOfferedAt: Date?
    @OptionalField(key: "interview_outcome") var interviewOutcome: String?
    @Field(key: "recorded_at") var recordedAt: Date
    @Field(key: "recorded_by") var recordedBy: UUID
    @Field(key: "version") var version: Int

    init() {}
}
