/// Safeguarding concern categories, as the API and the census-facing reports name them.
public enum ConcernCategory: String, CaseIterable, Codable, Sendable {
    case neglect
    case physicalAbuse = "physical-abuse"
    case emotionalAbuse = "emotional-abuse"
    case sexualAbuse = "sexual-abuse"
    case domesticAbuse = "domestic-abuse"
    case criminalExploitation = "criminal-exploitation"
    case sexualExploitation = "sexual-exploitation"
    case gangs
    case missing
    case onlineHarm = "online-harm"
    case radicalisation
    case other

    public var label: String {
        switch self {
        case .neglect: "Neglect"
        case .physicalAbuse: "Physical abuse"
        case .emotionalAbuse: "Emotional abuse"
        case .sexualAbuse: "Sexual abuse"
        case .domesticAbuse: "Domestic abuse"
        case .criminalExploitation: "Child criminal exploitation"
        case .sexualExploitation: "Child sexual exploitation"
        case .gangs: "Gangs and serious violence"
        case .missing: "Going missing"
        case .onlineHarm: "Online harm"
        case .radicalisation: "Radicalisation (Prevent)"
        case .other: "Other"
        }
    }
}
