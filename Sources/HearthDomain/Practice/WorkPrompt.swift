import Foundation

/// How close something is to its due moment, worked out at the moment of asking so a prompt is never
/// stale. Hearth prompts rather than punishes: "due soon" starts two working days ahead.
public enum DueState: String, Sendable, Codable {
    case later
    case dueSoon = "due-soon"
    case overdue

    public static func of(
        _ due: Date, now: Date = Date(), calendar: WorkingDayCalendar = WorkingDayCalendar()
    ) -> DueState {
        if due < now { return .overdue }
        return DueClock(now: now, calendar: calendar).state(of: due)
    }

    public var label: String {
        switch self {
        case .later: "Due"
        case .dueSoon: "Due soon"
        case .overdue: "Overdue"
        }
    }
}

/// When "due soon" ends, worked out once for many due moments against the same `now`: a caseload or a
/// work list asks for hundreds, and each answer would otherwise walk the working-day calendar again.
public struct DueClock: Sendable {
    public let now: Date
    /// The end of the second working day after today: anything due by then is due soon.
    public let soonEnds: Date

    public init(now: Date = Date(), calendar: WorkingDayCalendar = WorkingDayCalendar()) {
        self.now = now
        soonEnds = LondonTime.endOfDay(calendar.addingWorkingDays(2, to: LondonTime.calendarDate(of: now)))
    }

    public func state(of due: Date) -> DueState {
        due < now ? .overdue : due <= soonEnds ? .dueSoon : .later
    }
}

/// One thing on someone's work list.
public struct WorkPrompt: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case assessment
        case signOff = "sign-off"
        case concernDecision = "concern-decision"
        case planReview = "plan-review"
        case planAction = "plan-action"
        case challenge
        case supervision
        case progressReview = "progress-review"
        case incidentRecord = "incident-record"
        case incidentReview = "incident-review"
        case childDebrief = "child-debrief"
        case returnInterview = "return-interview"
        case placementPlanReview = "placement-plan-review"
    }

    public var kind: Kind
    public var title: String
    public var due: Date
    public var link: String
    public var personName: String?
    public var workerId: UUID?
    /// The piece of work it belongs to, so a caseload can count its prompts.
    public var involvementId: UUID?

    public init(
        kind: Kind, title: String, due: Date, link: String, personName: String?, workerId: UUID?,
        involvementId: UUID? = nil
    ) {
        self.kind = kind
        self.title = title
        self.due = due
        self.link = link
        self.personName = personName
        self.workerId = workerId
        self.involvementId = involvementId
    }

    /// Earliest due first; the kind breaks ties so the order is stable between requests.
    public static func sorted(_ prompts: [WorkPrompt]) -> [WorkPrompt] {
        prompts.sorted { ($0.due, $0.kind.rawValue, $0.link) < ($1.due, $1.kind.rawValue, $1.link) }
    }
}
