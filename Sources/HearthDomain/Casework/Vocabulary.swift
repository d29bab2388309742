/// A coded choice a page offers: the stored code and the words people see.
public struct CodedOption: Sendable, Equatable, Codable {
    public var code: String
    public var label: String

    public init(_ code: String, _ label: String) {
        self.code = code
        self.label = label
    }
}

extension Array where Element == CodedOption {
    public func label(for code: String?) -> String? {
        guard let code else { return nil }
        return first { $0.code == code }?.label
    }

    public func contains(code: String) -> Bool { contains { $0.code == code } }
}

/// The vocabularies of casework. Defaults ship here; an organisation's own lists (services, the
/// continuum of need) are configured on top of them.
public enum Vocabulary {
    /// The service whose children live where they are cared for: a placement in a home starts it.
    public static let residentialCare = "residential-care"

    public static let services: [CodedOption] = [
        .init("early-help", "Early help"),
        .init("family-support", "Family support"),
        .init("youth-work", "Youth work"),
        .init("youth-justice", "Youth justice"),
        .init("send", "Special educational needs and disabilities (SEND)"),
        .init("early-years", "Early years"),
        .init(residentialCare, "Children’s residential care"),
    ]

    /// The continuum (levels) of need, set locally; these are the common four.
    public static let needLevels: [CodedOption] = [
        .init("1", "Level 1: universal"),
        .init("2", "Level 2: early help"),
        .init("3", "Level 3: complex or multi-agency"),
        .init("4", "Level 4: acute or statutory"),
    ]

    public static let consent: [CodedOption] = [
        .init("given", "Given"),
        .init("refused", "Refused"),
        .init("not-yet-asked", "Not asked yet"),
        .init("not-required", "Not required (for example, a child protection enquiry)"),
    ]

    public static let recordingKinds: [CodedOption] = [
        .init("home-visit", "Home visit"),
        .init("visit", "Visit elsewhere"),
        .init("session", "Session"),
        .init("call", "Phone or video call"),
        .init("meeting", "Meeting"),
        .init("observation", "Observation"),
    ]

    public static let seen: [CodedOption] = [
        .init("yes", "Yes"),
        .init("no", "No"),
        .init("not-applicable", "Not applicable"),
    ]

    public static let significanceCategories: [CodedOption] = [
        .init("safeguarding", "Safeguarding"),
        .init("health", "Health"),
        .init("education", "Education"),
        .init("family-change", "Change in the family"),
        .init("police", "Police involvement"),
        .init("missing", "Missing episode"),
        .init("achievement", "Achievement or good news"),
        .init("other", "Other"),
    ]

    public static let otherNameKinds: [CodedOption] = [
        .init("previous", "Previous name"),
        .init("alias", "Also known as"),
    ]
}
