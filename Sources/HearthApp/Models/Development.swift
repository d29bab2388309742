import Fluent
import Foundation

/// An apprentice's apprenticeship: the standard and option, the dates, who supports them, and the entry
/// and gateway checks.
final class Apprenticeship: Model, @unchecked Sendable {
    static let schema = "apprenticeships"
    @ID(key: .id) var id: UUID?
    @Field(key: "apprentice_id") var apprenticeId: UUID
    @OptionalField(key: "apprentice_born_on") var apprenticeBornOn: String?
    @Field(key: "standard_id") var standardId: UUID
    /// "residential" (option 1) or "community" (option 2).
    @Field(key: "option") var option: String
    @Field(key: "started_on") var startedOn: String
    @Field(key: "planned_gateway_on") var plannedGatewayOn: String
    @Field(key: "planned_end_on") var plannedEndOn: String
    @OptionalField(key: "gateway_on") var gatewayOn: String?
    @Field(key: "employer") var employer: String
    @Field(key: "training_provider") var trainingProvider: String
    @OptionalField(key: "mentor") var mentor: String?
    @OptionalField(key: "tutor_id") var tutorId: UUID?
    @Field(key: "weekly_hours") var weeklyHours: Double
    @OptionalField(key: "per_standard_minimum_hours") var perStandardMinimumHours: Int?
    /// From the training plan: what the programme plans, at least the minimum.
    @OptionalField(key: "planned_otj_hours") var plannedOffTheJobHours: Int?
    @OptionalField(key: "dbs_certificate") var dbsCertificate: String?
    @OptionalField(key: "dbs_issued_on") var dbsIssuedOn: String?
    /// An enhanced check that includes the children's barred list.
    @Field(key: "dbs_barred_list") var dbsBarredList: Bool
    @Field(key: "dbs_update_service") var dbsUpdateService: Bool
    /// `EnglishMathsStatus` raw values.
    @Field(key: "english_status") var englishStatus: String
    @OptionalField(key: "english_evidence") var englishEvidence: String?
    @Field(key: "maths_status") var mathsStatus: String
    @OptionalField(key: "maths_evidence") var mathsEvidence: String?
    @Field(key: "qualification") var qualification: String
    /// "not-started", "in-progress" or "achieved".
    @Field(key: "qualification_status") var qualificationStatus: String
    @OptionalField(key: "employer_confirmed_on") var employerConfirmedOn: String?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "version") var version: Int

    init() {}
}

final class OffTheJobLogEntry: Model, @unchecked Sendable {
    static let schema = "otj_entries"
    @ID(key: .id) var id: UUID?
    @Field(key: "apprenticeship_id") var apprenticeshipId: UUID
    @Field(key: "done_on") var doneOn: String
    @Field(key: "hours") var hours: Double
    @Field(key: "activity") var activity: String
    @Field(key: "description") var description: String
    /// Comma-separated item codes of the standard.
    @Field(key: "items") var items: String
    @OptionalField(key: "evidence") var evidence: String?
    @Field(key: "recorded_at") var recordedAt: Date

    init() {}
}

final class ProgressReview: Model, @unchecked Sendable {
    static let schema = "progress_reviews"
    @ID(key: .id) var id: UUID?
    @Field(key: "apprenticeship_id") var apprenticeshipId: UUID
    @Field(key: "held_on") var heldOn: String
    @Field(key: "summary") var summary: String
    @OptionalField(key: "apprentice_signed_at") var apprenticeSignedAt: Date?
    @OptionalField(key: "employer_signed_by") var employerSignedBy: String?
    @OptionalField(key: "employer_signed_at") var employerSignedAt: Date?
    @OptionalField(key: "tutor_signed_at") var tutorSignedAt: Date?
    @Field(key: "recorded_by") var recordedBy: UUID

    init() {}
}

final class LearningBreak: Model, @unchecked Sendable {
    static let schema = "learning_breaks"
    @ID(key: .id) var id: UUID?
    @Field(key: "apprenticeship_id") var apprenticeshipId: UUID
    @Field(key: "from_on") var fromOn: String
    @OptionalField(key: "to_on") var toOn: String?
    @Field(key: "reason") var reason: String

    init() {}
}

/// A piece of practice offered as evidence: only its pseudonymised extract leaves the case record.
final class Evidence: Model, @unchecked Sendable {
    static let schema = "evidence"
    @ID(key: .id) var id: UUID?
    @Field(key: "apprenticeship_id") var apprenticeshipId: UUID
    /// "recording", "assessment", "plan", "supervision" or "reflection".
    @Field(key: "source_type") var sourceType: String
    @Field(key: "source_id") var sourceId: UUID
    @Field(key: "title") var title: String
    @Field(key: "extract") var extract: String
    /// When the apprentice confirmed the extract: only then does the tutor see it.
    @OptionalField(key: "shared_at") var sharedAt: Date?
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

final class EvidenceItem: Model, @unchecked Sendable {
    static let schema = "evidence_items"
    @ID(key: .id) var id: UUID?
    @Field(key: "evidence_id") var evidenceId: UUID
    @Field(key: "code") var code: String
    @OptionalField(key: "confirmed_at") var confirmedAt: Date?
    @OptionalField(key: "confirmed_by") var confirmedBy: UUID?

    init() {}
}

/// Planning the end-point assessment's observation of practice, with the family's consent to be observed.
final class ObservationPlan: Model, @unchecked Sendable {
    static let schema = "epa_observations"
    @ID(key: .id) var id: UUID?
    @Field(key: "apprenticeship_id") var apprenticeshipId: UUID
    @Field(key: "planned_on") var plannedOn: String
    @Field(key: "setting") var setting: String
    @OptionalField(key: "consent_by") var consentBy: String?
    @OptionalField(key: "consent_how") var consentHow: String?
    @OptionalField(key: "consent_on") var consentOn: String?
    @OptionalField(key: "notes") var notes: String?

    init() {}
}

final class SupervisionArrangement: Model, @unchecked Sendable {
    static let schema = "supervision_arrangements"
    @ID(key: .id) var id: UUID?
    @Field(key: "supervisee_id") var superviseeId: UUID
    @Field(key: "supervisor_id") var supervisorId: UUID
    @Field(key: "every_months") var everyMonths: Int

    init() {}
}

/// One supervision session on the four functions, with the cases discussed and the actions agreed.
final class Supervision: Model, @unchecked Sendable {
    static let schema = "supervisions"
    @ID(key: .id) var id: UUID?
    @Field(key: "supervisor_id") var supervisorId: UUID
    @Field(key: "supervisee_id") var superviseeId: UUID
    @Field(key: "held_on") var heldOn: String
    @OptionalField(key: "management") var management: String?
    @OptionalField(key: "support") var support: String?
    @OptionalField(key: "development") var development: String?
    @OptionalField(key: "mediation") var mediation: String?
    @OptionalField(key: "supervisor_confirmed_at") var supervisorConfirmedAt: Date?
    @OptionalField(key: "supervisee_confirmed_at") var superviseeConfirmedAt: Date?
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

final class SupervisionCase: Model, @unchecked Sendable {
    static let schema = "supervision_cases"
    @ID(key: .id) var id: UUID?
    @Field(key: "supervision_id") var supervisionId: UUID
    @Field(key: "involvement_id") var involvementId: UUID
    @Field(key: "discussion") var discussion: String
    @OptionalField(key: "experience") var experience: String?
    @OptionalField(key: "reflection") var reflection: String?
    @OptionalField(key: "analysis") var analysis: String?
    @OptionalField(key: "action_plan") var actionPlan: String?

    init() {}
}

final class SupervisionAction: Model, @unchecked Sendable {
    static let schema = "supervision_actions"
    @ID(key: .id) var id: UUID?
    @Field(key: "supervision_id") var supervisionId: UUID
    @Field(key: "owner") var owner: String
    @Field(key: "what") var what: String
    @Field(key: "by_when") var byWhen: String
    @Field(key: "done") var done: Bool

    init() {}
}

/// A reflective journal entry or CPD record: private to its author until shared with one person.
final class Reflection: Model, @unchecked Sendable {
    static let schema = "reflections"
    @ID(key: .id) var id: UUID?
    @Field(key: "author_id") var authorId: UUID
    /// "gibbs" or "kolb".
    @Field(key: "model") var model: String
    @Field(key: "title") var title: String
    /// JSON: the model's prompts and the answers, `[String: String]`.
    @Field(key: "parts") var parts: String
    @Field(key: "items") var items: String
    @OptionalField(key: "cpd_hours") var cpdHours: Double?
    @OptionalField(key: "shared_with_id") var sharedWithId: UUID?
    @OptionalField(key: "shared_at") var sharedAt: Date?
    @Field(key: "created_at") var createdAt: Date

    init() {}
}
