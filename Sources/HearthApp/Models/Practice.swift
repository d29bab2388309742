import Fluent
import Foundation

/// The organisation's words for each level of need, shown beside the level wherever someone judges it.
final class ThresholdDescriptor: Model, @unchecked Sendable {
    static let schema = "threshold_descriptors"
    @ID(key: .id) var id: UUID?
    @Field(key: "level") var level: Int
    @Field(key: "text") var text: String
    @Field(key: "updated_at") var updatedAt: Date
    @OptionalField(key: "updated_by") var updatedBy: UUID?

    init() {}
}

/// A holistic assessment of a child, or of the family on an involvement when `personId` is nil.
final class Assessment: Model, @unchecked Sendable {
    static let schema = "assessments"
    @ID(key: .id) var id: UUID?
    @Field(key: "involvement_id") var involvementId: UUID
    @OptionalField(key: "person_id") var personId: UUID?
    /// An `AssessmentStatus` raw value.
    @Field(key: "status") var status: String
    @Field(key: "started_on") var startedOn: String
    @Field(key: "due_on") var dueOn: String
    @OptionalField(key: "completed_on") var completedOn: String?
    /// JSON: `[AssessmentDimensionEntry]`.
    @Field(key: "dimensions") var dimensions: String
    /// JSON: `[AssessmentView]`.
    @Field(key: "views") var views: String
    @OptionalField(key: "analysis") var analysis: String?
    @OptionalField(key: "judgement") var judgement: String?
    @OptionalField(key: "level_of_need") var levelOfNeed: Int?
    @OptionalField(key: "outcome") var outcome: String?
    @Field(key: "created_by") var createdBy: UUID
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date
    @OptionalField(key: "submitted_at") var submittedAt: Date?
    @Field(key: "version") var version: Int

    init() {}
}

/// A manager's decision on a submitted assessment. An approval keeps the approved assessment as JSON.
final class AssessmentSignOff: Model, @unchecked Sendable {
    static let schema = "assessment_sign_offs"
    @ID(key: .id) var id: UUID?
    @Field(key: "assessment_id") var assessmentId: UUID
    /// "approved" or "returned".
    @Field(key: "decision") var decision: String
    @OptionalField(key: "comments") var comments: String?
    @Field(key: "assessment_version") var assessmentVersion: Int
    @OptionalField(key: "snapshot") var snapshot: String?
    @Field(key: "decided_by") var decidedBy: UUID
    @Field(key: "decided_at") var decidedAt: Date

    init() {}
}

/// The safety plan worked out with the family for a piece of work: one per involvement, revised over time.
final class SafetyPlan: Model, @unchecked Sendable {
    static let schema = "safety_plans"
    @ID(key: .id) var id: UUID?
    @Field(key: "involvement_id") var involvementId: UUID
    @Field(key: "worries") var worries: String
    @Field(key: "working_well") var workingWell: String
    @Field(key: "needs_to_happen") var needsToHappen: String
    @Field(key: "safety_goals") var safetyGoals: String
    /// Who in the network does what.
    @Field(key: "network") var network: String
    @Field(key: "updated_at") var updatedAt: Date
    @Field(key: "updated_by") var updatedBy: UUID
    @Field(key: "version") var version: Int

    init() {}
}

/// One reading of the 0 to 10 safety scale (0: so unsafe the child must be protected now; 10: safe
/// enough to close), by the practitioner or a family member.
final class SafetyScore: Model, @unchecked Sendable {
    static let schema = "safety_scores"
    @ID(key: .id) var id: UUID?
    @Field(key: "involvement_id") var involvementId: UUID
    @Field(key: "scored_on") var scoredOn: String
    @Field(key: "score") var score: Int
    @Field(key: "scorer_kind") var scorerKind: String
    @Field(key: "scorer_name") var scorerName: String
    @OptionalField(key: "note") var note: String?
    @Field(key: "recorded_by") var recordedBy: UUID
    @Field(key: "recorded_at") var recordedAt: Date

    init() {}
}

/// A child's plan or a family plan. "draft" until the family's agreement is recorded, then "agreed",
/// and reviewed on its cycle until "ended".
final class Plan: Model, @unchecked Sendable {
    static let schema = "plans"
    @ID(key: .id) var id: UUID?
    @Field(key: "involvement_id") var involvementId: UUID
    @Field(key: "kind") var kind: String
    @OptionalField(key: "person_id") var personId: UUID?
    @OptionalField(key: "assessment_id") var assessmentId: UUID?
    @Field(key: "status") var status: String
    @Field(key: "started_on") var startedOn: String
    @Field(key: "review_every_days") var reviewEveryDays: Int
    @OptionalField(key: "next_review_on") var nextReviewOn: String?
    @OptionalField(key: "agreed_by") var agreedBy: String?
    @OptionalField(key: "agreement_method") var agreementMethod: String?
    @OptionalField(key: "agreed_on") var agreedOn: String?
    @OptionalField(key: "disagreement") var disagreement: String?
    @Field(key: "created_by") var createdBy: UUID
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "version") var version: Int

    init() {}
}

final class PlanGoal: Model, @unchecked Sendable {
    static let schema = "plan_goals"
    @ID(key: .id) var id: UUID?
    @Field(key: "plan_id") var planId: UUID
    @Field(key: "position") var position: Int
    @Field(key: "family_words") var familyWords: String
    @Field(key: "practitioner_words") var practitionerWords: String
    /// The assessed need (an `AssessmentFramework` dimension code) the goal answers.
    @OptionalField(key: "need") var need: String?
    /// Information from or about someone outside the family: never in the family copy.
    @OptionalField(key: "third_party_note") var thirdPartyNote: String?

    init() {}
}

final class PlanAction: Model, @unchecked Sendable {
    static let schema = "plan_actions"
    @ID(key: .id) var id: UUID?
    @Field(key: "plan_id") var planId: UUID
    @OptionalField(key: "goal_id") var goalId: UUID?
    @Field(key: "owner_kind") var ownerKind: String
    @Field(key: "owner") var owner: String
    @Field(key: "what") var what: String
    @Field(key: "by_when") var byWhen: String
    @Field(key: "status") var status: String
    /// An action that carries third-party information is left out of the family copy.
    @Field(key: "third_party") var thirdParty: Bool

    init() {}
}

final class PlanReview: Model, @unchecked Sendable {
    static let schema = "plan_reviews"
    @ID(key: .id) var id: UUID?
    @Field(key: "plan_id") var planId: UUID
    @Field(key: "reviewed_on") var reviewedOn: String
    /// JSON: `[GoalProgress]`.
    @Field(key: "progress") var progress: String
    @OptionalField(key: "child_views") var childViews: String?
    @OptionalField(key: "family_views") var familyViews: String?
    @Field(key: "decisions") var decisions: String
    @Field(key: "next_review_on") var nextReviewOn: String
    @Field(key: "recorded_by") var recordedBy: UUID
    @Field(key: "recorded_at") var recordedAt: Date

    init() {}
}

/// A key decision with its reasons and the options considered, or a manager's oversight note.
final class Decision: Model, @unchecked Sendable {
    static let schema = "decisions"
    @ID(key: .id) var id: UUID?
    @Field(key: "involvement_id") var involvementId: UUID
    /// "decision" or "oversight".
    @Field(key: "kind") var kind: String
    @Field(key: "decided_on") var decidedOn: String
    @Field(key: "summary") var summary: String
    @OptionalField(key: "reasons") var reasons: String?
    @OptionalField(key: "options_considered") var optionsConsidered: String?
    @Field(key: "made_by") var madeBy: UUID
    @Field(key: "made_at") var madeAt: Date

    init() {}
}

/// A practitioner's challenge to a decision: "open" with the team's managers, "escalated" beyond them,
/// then "resolved".
final class Challenge: Model, @unchecked Sendable {
    static let schema = "challenges"
    @ID(key: .id) var id: UUID?
    @Field(key: "decision_id") var decisionId: UUID
    @Field(key: "involvement_id") var involvementId: UUID
    @Field(key: "reason") var reason: String
    @Field(key: "status") var status: String
    @Field(key: "raised_by") var raisedBy: UUID
    @Field(key: "raised_at") var raisedAt: Date
    @Field(key: "respond_by") var respondBy: Date
    @OptionalField(key: "escalated_at") var escalatedAt: Date?
    @OptionalField(key: "escalated_by") var escalatedBy: UUID?
    @OptionalField(key: "escalation_note") var escalationNote: String?
    @OptionalField(key: "resolution") var resolution: String?
    @OptionalField(key: "resolved_at") var resolvedAt: Date?
    @OptionalField(key: "resolved_by") var resolvedBy: UUID?

    init() {}
}
