import Foundation

/// How a user stands to an apprenticeship. Access follows from it: the apprentice, their tutor or
/// assessor, and the line managers of the apprentice's teams; nobody else.
public enum ApprenticeshipRelation: String, Sendable, Equatable {
    case apprentice
    case tutor
    case lineManager = "line-manager"
    case none
}

public struct ApprenticeshipPolicy: Sendable {
    public init() {}

    public func relation(
        of actor: Actor, apprenticeId: UUID, tutorId: UUID?, apprenticeTeamIds: Set<UUID>
    ) -> ApprenticeshipRelation {
        if actor.id == apprenticeId { return .apprentice }
        if let tutorId, actor.id == tutorId, actor.has(.tutorAssessor) { return .tutor }
        if actor.managerRole != nil, !actor.managedTeamIds.isDisjoint(with: apprenticeTeamIds) { return .lineManager }
        return .none
    }

    /// Dates, checks, reviews and breaks: the employer's line manager and the training provider's tutor.
    public func mayManage(_ relation: ApprenticeshipRelation) -> Bool { relation == .tutor || relation == .lineManager }
    /// Only the tutor or assessor confirms that evidence meets an item of the standard.
    public func mayConfirmEvidence(_ relation: ApprenticeshipRelation) -> Bool { relation == .tutor }
}

/// Where an apprentice stands with English or maths at level 2.
public enum EnglishMathsStatus: String, Sendable, CaseIterable, Codable {
    case achieved
    case exempt
    /// For apprentices aged 19 or over at a start on or after 11 February 2025, the employer and
    /// apprentice may decide they will not take English and maths; the decision is recorded.
    case decidedNotToTake = "decided-not-to-take"
    case workingTowards = "working-towards"

    public var label: String {
        switch self {
        case .achieved: "Achieved at level 2 (with evidence)"
        case .exempt: "Exempt"
        case .decidedNotToTake: "Decided not to take (aged 19 or over, start on or after 11 February 2025)"
        case .workingTowards: "Working towards level 2"
        }
    }

    /// Every status with its label, in the order forms offer them.
    public static let options = allCases.map { CodedOption($0.rawValue, $0.label) }

    public static let flexibilityStarts = CalendarDate(year: 2025, month: 2, day: 11)!

    /// Whether the decision not to take English and maths is open to an apprentice born on `bornOn`
    /// starting on `start`.
    public static func mayDecideNotToTake(bornOn: CalendarDate?, start: CalendarDate) -> Bool {
        guard let bornOn, start >= flexibilityStarts else { return false }
        return bornOn.adding(months: 19 * 12) <= start
    }

    /// Ready for gateway: achieved, exempt, or a decision recorded where the rules allow it.
    public var isSettled: Bool { self != .workingTowards }
}

/// One line of the gateway readiness checklist.
public struct GatewayCheck: Sendable, Equatable, Codable {
    public var name: String
    public var isMet: Bool
    public var detail: String

    public init(name: String, isMet: Bool, detail: String) {
        self.name = name
        self.isMet = isMet
        self.detail = detail
    }
}

/// What an apprentice needs before the gateway to end-point assessment.
public struct GatewayReadiness: Sendable {
    /// A DBS certificate's last four digits, which is how pages show it: the whole number lets anyone
    /// check the apprentice on the update service, so it stays in the record.
    public static func certificateEnding(_ number: String) -> String { String(number.suffix(4)) }

    public struct Facts: Sendable {
        public var start: CalendarDate
        public var today: CalendarDate
        public var offTheJobLogged: Double
        public var offTheJobRequired: Int
        public var english: EnglishMathsStatus
        public var maths: EnglishMathsStatus
        public var qualificationAchieved: Bool
        public var qualification: String
        public var dbsCertificate: String?
        public var dbsIssuedOn: CalendarDate?
        public var dbsBarredList: Bool
        public var employerConfirmed: Bool
        /// Items of the core and the option with evidence the assessor confirmed, and how many there are.
        public var confirmedItems: Int
        public var totalItems: Int

        public init(
            start: CalendarDate, today: CalendarDate, offTheJobLogged: Double, offTheJobRequired: Int,
            english: EnglishMathsStatus, maths: EnglishMathsStatus, qualificationAchieved: Bool, qualification: String,
            dbsCertificate: String?, dbsIssuedOn: CalendarDate?, dbsBarredList: Bool, employerConfirmed: Bool,
            confirmedItems: Int, totalItems: Int
        ) {
            self.start = start
            self.today = today
            self.offTheJobLogged = offTheJobLogged
            self.offTheJobRequired = offTheJobRequired
            self.english = english
            self.maths = maths
            self.qualificationAchieved = qualificationAchieved
            self.qualification = qualification
            self.dbsCertificate = dbsCertificate
            self.dbsIssuedOn = dbsIssuedOn
            self.dbsBarredList = dbsBarredList
            self.employerConfirmed = employerConfirmed
            self.confirmedItems = confirmedItems
            self.totalItems = totalItems
        }
    }

    /// The minimum time on programme before gateway, in months: 12 under the funding rules before
    /// 1 August 2025, 8 from then. Configuration may replace it with a standard's own minimum.
    public static func minimumMonths(forStart start: CalendarDate) -> Int {
        start < OffTheJobRule.perStandardRuleStarts ? 12 : 8
    }

    public init() {}

    public func checks(_ facts: Facts) -> [GatewayCheck] {
        let months = Self.minimumMonths(forStart: facts.start)
        let earliest = facts.start.adding(months: months)
        return [
            GatewayCheck(
                name: "Minimum time on programme", isMet: facts.today >= earliest,
                detail: "At least \(months) months from the start: from \(earliest.written)"),
            GatewayCheck(
                name: "Off-the-job training", isMet: facts.offTheJobLogged >= Double(facts.offTheJobRequired),
                detail: "\(Self.hours(facts.offTheJobLogged)) of \(facts.offTheJobRequired) hours logged"),
            GatewayCheck(name: "English at level 2", isMet: facts.english.isSettled, detail: facts.english.label),
            GatewayCheck(name: "Maths at level 2", isMet: facts.maths.isSettled, detail: facts.maths.label),
            GatewayCheck(
                name: facts.qualification, isMet: facts.qualificationAchieved,
                detail: facts.qualificationAchieved ? "Achieved" : "Not achieved yet"),
            GatewayCheck(
                name: "Enhanced DBS check with the children’s barred list",
                isMet: facts.dbsCertificate != nil && facts.dbsBarredList
                    && (facts.dbsIssuedOn.map { $0 <= facts.start } ?? false),
                detail: facts.dbsCertificate.map { "Certificate ending \(Self.certificateEnding($0))" }
                    ?? "No certificate recorded"),
            GatewayCheck(
                name: "Employer’s confirmation", isMet: facts.employerConfirmed,
                detail: facts.employerConfirmed ? "Confirmed" : "Not confirmed yet"),
            GatewayCheck(
                name: "Portfolio of evidence", isMet: facts.totalItems > 0 && facts.confirmedItems == facts.totalItems,
                detail: "\(facts.confirmedItems) of \(facts.totalItems) items confirmed by the assessor"),
        ]
    }

    static func hours(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }
}

/// Supervision records are seen by the two people in the room and the supervisee's line managers.
public struct SupervisionPolicy: Sendable {
    public init() {}

    public func mayView(_ actor: Actor, supervisorId: UUID, superviseeId: UUID, superviseeTeamIds: Set<UUID>) -> Bool {
        actor.id == supervisorId || actor.id == superviseeId
            || (actor.managerRole != nil && !actor.managedTeamIds.isDisjoint(with: superviseeTeamIds))
    }
}
