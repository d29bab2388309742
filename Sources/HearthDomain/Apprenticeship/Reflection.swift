/// One stage of a reflective cycle and the question it asks.
public struct ReflectivePrompt: Sendable, Equatable {
    public var code: String
    /// The stage's name, which messages about the part use: "Description must be …".
    public var stage: String
    public var question: String

    public init(_ code: String, _ stage: String, _ question: String) {
        self.code = code
        self.stage = stage
        self.question = question
    }

    /// As the form labels it: "Description: what happened?"
    public var label: String { "\(stage): \(question)" }
}

/// The structured prompts of a reflective model, in order. Hearth ships Gibbs' cycle and Kolb's.
public struct ReflectiveModel: Sendable, Equatable {
    public var code: String
    public var name: String
    public var prompts: [ReflectivePrompt]

    public static let gibbs = ReflectiveModel(
        code: "gibbs", name: "Gibbs’ reflective cycle",
        prompts: [
            .init("description", "Description", "what happened?"),
            .init("feelings", "Feelings", "what were you thinking and feeling?"),
            .init("evaluation", "Evaluation", "what was good and bad about it?"),
            .init("analysis", "Analysis", "what sense can you make of it?"),
            .init("conclusion", "Conclusion", "what else could you have done?"),
            .init("action-plan", "Action plan", "what will you do next time?"),
        ])

    public static let kolb = ReflectiveModel(
        code: "kolb", name: "Kolb’s learning cycle",
        prompts: [
            .init("experience", "Concrete experience", "what happened?"),
            .init("observation", "Reflective observation", "what did you notice?"),
            .init("conceptualisation", "Abstract conceptualisation", "what does it mean, and what theory helps?"),
            .init("experimentation", "Active experimentation", "what will you try?"),
        ])

    public static let all = [gibbs, kolb]

    public static func named(_ code: String?) -> ReflectiveModel? { all.first { $0.code == code } }
}

/// The four functions of supervision an agenda covers.
public enum SupervisionFunction {
    public static let all: [CodedOption] = [
        .init("management", "Management: caseload, timescales, quality of the work"),
        .init("support", "Support: how you are, the emotional impact of the work"),
        .init("development", "Development: learning, skills, the apprenticeship"),
        .init("mediation", "Mediation: the team, the organisation, other agencies"),
    ]
}
