/// The coded lists that plans, reviews, safety planning and decisions use.
public enum PlanVocabulary {
    public static let kinds: [CodedOption] = [
        .init("child", "Child’s plan"),
        .init("family", "Family plan"),
    ]

    /// Who takes an action: someone in the family, the practitioner, or another agency.
    public static let actionOwners: [CodedOption] = [
        .init("family-member", "Someone in the family"),
        .init("practitioner", "The practitioner"),
        .init("agency", "Another agency"),
    ]

    public static let actionStatuses: [CodedOption] = [
        .init("not-started", "Not started"),
        .init("in-progress", "In progress"),
        .init("done", "Done"),
        .init("not-done", "Not done"),
    ]

    /// How the family's agreement was given.
    public static let agreementMethods: [CodedOption] = [
        .init("in-person", "In person"),
        .init("phone", "By phone or video"),
        .init("in-writing", "In writing"),
        .init("meeting", "At a team around the family meeting"),
    ]

    /// One word for how a goal is going, beside its 0 to 10 score.
    public static let progressWords: [CodedOption] = [
        .init("better", "Better"),
        .init("same", "About the same"),
        .init("worse", "Worse"),
        .init("achieved", "Achieved"),
    ]

    /// Who gave a safety scale score.
    public static let scorers: [CodedOption] = [
        .init("practitioner", "The practitioner"),
        .init("family-member", "Someone in the family"),
    ]

    public static let decisionKinds: [CodedOption] = [
        .init("decision", "Key decision"),
        .init("oversight", "Management oversight"),
    ]
}
