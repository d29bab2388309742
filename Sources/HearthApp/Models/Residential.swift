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
    @Field(key: "version") var version: Int

    init() {}
}

final class Placement: Model, @unchecked Sendable {
    static let schema = "placements"
    @ID(key: .id) var id: UUID?
    @Field(key: "person_id") var personId: UUID
    @Field(key: "home_id") var homeId: UUID
    @Field(key: "started_on") var startedOn: String
    @OptionalField(key: "ended_on") var endedOn: String?
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
