import Foundation

/// The Assessment Framework's three domains and their dimensions (Working Together 2023, the
/// "assessment triangle"). An assessment records strengths and needs for each dimension; the codes are
/// stored, the labels shown.
public struct AssessmentDomain: Sendable, Equatable {
    public var code: String
    public var label: String
    public var dimensions: [CodedOption]
}

public enum AssessmentFramework {
    public static let domains: [AssessmentDomain] = [
        AssessmentDomain(
            code: "child", label: "The child’s developmental needs",
            dimensions: [
                .init("health", "Health"),
                .init("education", "Education"),
                .init("emotional-behavioural", "Emotional and behavioural development"),
                .init("identity", "Identity"),
                .init("family-social-relationships", "Family and social relationships"),
                .init("social-presentation", "Social presentation"),
                .init("self-care", "Self-care skills"),
            ]),
        AssessmentDomain(
            code: "parenting", label: "Parenting capacity",
            dimensions: [
                .init("basic-care", "Basic care"),
                .init("ensuring-safety", "Ensuring safety"),
                .init("emotional-warmth", "Emotional warmth"),
                .init("stimulation", "Stimulation"),
                .init("guidance-boundaries", "Guidance and boundaries"),
                .init("stability", "Stability"),
            ]),
        AssessmentDomain(
            code: "family", label: "Family and environmental factors",
            dimensions: [
                .init("family-history", "Family history and functioning"),
                .init("wider-family", "Wider family"),
                .init("housing", "Housing"),
                .init("employment", "Employment"),
                .init("income", "Income"),
                .init("social-integration", "Family’s social integration"),
                .init("community-resources", "Community resources"),
            ]),
    ]

    public static var dimensions: [CodedOption] { domains.flatMap(\.dimensions) }

    /// What the assessment concludes should happen next.
    public static let outcomes: [CodedOption] = [
        .init("plan", "Make a plan with the family"),
        .init("step-up", "Step up to children’s social care"),
        .init("step-down", "Step down to universal services"),
        .init("refer", "Refer to another service"),
        .init("close", "Close"),
    ]
}

/// Where an assessment is in its life. Only a returned or draft assessment can be edited; an approved
/// one is kept as it was signed off.
public enum AssessmentStatus: String, Sendable, Codable, CaseIterable {
    case draft
    case submitted
    case returned
    case approved

    public var isEditable: Bool { self == .draft || self == .returned }

    public var label: String {
        switch self {
        case .draft: "Draft"
        case .submitted: "Waiting for sign-off"
        case .returned: "Returned for changes"
        case .approved: "Approved"
        }
    }
}

/// Who may sign off an assessment: a manager of the team the work is allocated to, and never the
/// assessment's own author (a second pair of eyes is the point of sign-off).
public struct SignOffPolicy: Sendable {
    public init() {}

    public func maySignOff(_ actor: Actor, teamId: UUID?, authorId: UUID) -> Bool {
        guard let teamId, actor.managerRole != nil, actor.managedTeamIds.contains(teamId) else { return false }
        return actor.id != authorId
    }
}
