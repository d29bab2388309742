import Foundation

/// How long a timescale allows, in the unit the law or guidance states it in. The unit matters: 15
/// working days, 21 calendar days and 3 weeks are different deadlines over Christmas.
public indirect enum TimescaleDuration: Sendable, Hashable, Codable {
    /// Working days after the start date, ending at the end of the last one (see `WorkingDayCalendar`).
    case workingDays(Int)
    /// Calendar days after the start date, ending at the end of the last one.
    case calendarDays(Int)
    /// Elapsed hours from the start moment, to the second; a clock change does not stretch them.
    case hours(Int)
    /// The same day of the month that many months after the start date (clamped to a shorter month's last
    /// day), ending at the end of that day.
    case calendarMonths(Int)
    /// A timescale that changes with each occurrence: the looked-after child review is due 20 working days
    /// after the child becomes looked after, then 3 months after the first review, then every 6 months.
    /// Each interval in `first` is used once, in order; `thenEvery` for every occurrence after them.
    case sequence(first: [TimescaleDuration], thenEvery: TimescaleDuration)

    /// The single interval that applies to the zero-based `occurrence`: for a sequence, which of its
    /// intervals; for any other duration, the duration itself, since it recurs unchanged ("monthly").
    public func interval(at occurrence: Int) -> TimescaleDuration {
        guard case .sequence(let first, let thenEvery) = self else { return self }
        if occurrence < first.count { return first[max(occurrence, 0)].interval(at: 0) }
        return thenEvery.interval(at: occurrence - first.count)
    }
}

/// A timescale the system tracks: what must happen, by when, and where that requirement comes from.
///
/// Shipped as data (`TimescaleDefaults`) rather than written into the workflows, because a local
/// authority may set a shorter local standard and because guidance changes.
public struct Timescale: Sendable, Hashable, Codable, Identifiable {
    /// A stable key for configuration and stored deadlines: "childAndFamilyAssessment".
    public var id: String
    /// What must be done, as practitioners would say it.
    public var name: String
    /// The law or guidance the default comes from, so a manager can check it.
    public var source: String
    public var duration: TimescaleDuration

    public init(id: String, name: String, source: String, duration: TimescaleDuration) {
        self.id = id
        self.name = name
        self.source = source
        self.duration = duration
    }

    /// When the timescale runs out, counted from `start` (a referral received, a child returned, the
    /// previous review held). For a sequence, `occurrence` says which interval applies: 0 for the first
    /// review after becoming looked after, 1 for the second, and so on, each counted from the one before.
    ///
    /// Days and months are counted in London dates, since a referral at 00:30 on a Tuesday in summer is a
    /// Tuesday referral even though it is still Monday in UTC; the result is then the end of the due day.
    public func dueMoment(
        from start: Date, occurrence: Int = 0, calendar: WorkingDayCalendar = WorkingDayCalendar()
    ) -> Date {
        let startDay = LondonTime.calendarDate(of: start)
        switch duration.interval(at: occurrence) {
        case .workingDays(let n): return LondonTime.endOfDay(calendar.addingWorkingDays(n, to: startDay))
        case .calendarDays(let n): return LondonTime.endOfDay(startDay.adding(days: n))
        case .hours(let n): return start.addingTimeInterval(TimeInterval(n) * 3600)
        case .calendarMonths(let n): return LondonTime.endOfDay(startDay.adding(months: n))
        case .sequence: preconditionFailure("interval(at:) never returns a sequence")
        }
    }
}

/// The timescales Hearth ships with, from the product's table. Early help timescales are set locally and
/// so have no default here.
public enum TimescaleDefaults {
    public static let contactDecision = Timescale(
        id: "contactDecision", name: "Decision on a contact or referral",
        source: "Working Together to Safeguard Children 2023", duration: .workingDays(1))

    public static let childAndFamilyAssessment = Timescale(
        id: "childAndFamilyAssessment", name: "Statutory child and family assessment, from referral",
        source: "Working Together to Safeguard Children 2023", duration: .workingDays(45))

    public static let initialChildProtectionConference = Timescale(
        id: "initialChildProtectionConference",
        name: "Initial child protection conference, from the strategy discussion",
        source: "Working Together to Safeguard Children 2023", duration: .workingDays(15))

    public static let returnHomeInterview = Timescale(
        id: "returnHomeInterview", name: "Return home interview offered after a missing episode",
        source: "Statutory guidance on children who run away or go missing from home or care",
        duration: .hours(72))

    public static let restraintRecord = Timescale(
        id: "restraintRecord",
        name: "Record of a measure of control, discipline or restraint in a children's home",
        source: "Children's Homes (England) Regulations 2015, reg 35(3)(a)", duration: .hours(24))

    public static let restraintManagerSpokeToStaff = Timescale(
        id: "restraintManagerSpokeToStaff",
        name: "Manager has spoken to the staff member who used the measure and signed the record",
        source: "Children's Homes (England) Regulations 2015, reg 35(3)(b)", duration: .hours(48))

    public static let restraintManagerSpokeToChild = Timescale(
        id: "restraintManagerSpokeToChild",
        name: "Manager confirms in the record that they have spoken to the child about the measure",
        source: "Children's Homes (England) Regulations 2015, reg 35(3)(c)", duration: .calendarDays(5))

    public static let independentPersonVisit = Timescale(
        id: "independentPersonVisit", name: "Independent person's visit to a children's home",
        source: "Children's Homes (England) Regulations 2015, reg 44", duration: .calendarMonths(1))

    public static let qualityOfCareReview = Timescale(
        id: "qualityOfCareReview", name: "Review of the quality of care",
        source: "Children's Homes (England) Regulations 2015, reg 45", duration: .calendarMonths(6))

    public static let lookedAfterChildReview = Timescale(
        id: "lookedAfterChildReview", name: "Looked-after child review",
        source: "Care Planning, Placement and Case Review (England) Regulations 2010",
        duration: .sequence(first: [.workingDays(20), .calendarMonths(3)], thenEvery: .calendarMonths(6)))

    public static let apprenticeshipProgressReview = Timescale(
        id: "apprenticeshipProgressReview", name: "Apprenticeship progress review",
        source: "Apprenticeship funding rules", duration: .calendarMonths(3))

    /// Early help timescales are set locally; these are Hearth's starting points, which an organisation
    /// replaces in its timescale file (see `TimescaleBook`).
    public static let earlyHelpAssessment = Timescale(
        id: "earlyHelpAssessment", name: "Early help assessment, from the start of the work",
        source: "Local default (early help timescales are set locally)", duration: .workingDays(45))

    public static let planReview = Timescale(
        id: "planReview", name: "Review of a child's or family plan",
        source: "Local default: every six weeks", duration: .calendarDays(42))

    public static let challengeResponse = Timescale(
        id: "challengeResponse", name: "Response to a practitioner's challenge to a decision",
        source: "Local default: the escalation policy's first stage", duration: .workingDays(5))

    public static let placementPlanReview = Timescale(
        id: "placementPlanReview", name: "Review of a child's placement plan in a children's home",
        source: "Local default: every three months, and at every significant change", duration: .calendarMonths(3))

    /// Every default, in the order of the product's table.
    public static let all: [Timescale] = [
        contactDecision, childAndFamilyAssessment, initialChildProtectionConference, returnHomeInterview,
        restraintRecord, restraintManagerSpokeToStaff, restraintManagerSpokeToChild, independentPersonVisit,
        qualityOfCareReview, lookedAfterChildReview, apprenticeshipProgressReview,
    ]

    /// The locally set defaults, which the product's table leaves to each organisation.
    public static let local: [Timescale] = [earlyHelpAssessment, planReview, challengeResponse, placementPlanReview]
}

/// The timescales in force: the defaults, with any an organisation has configured in their place.
public struct TimescaleBook: Sendable {
    private var byId: [String: Timescale]

    public init(overrides: [Timescale] = []) {
        var byId: [String: Timescale] = [:]
        for timescale in TimescaleDefaults.all + TimescaleDefaults.local { byId[timescale.id] = timescale }
        for timescale in overrides { byId[timescale.id] = timescale }
        self.byId = byId
    }

    /// Reads overrides from JSON: a list of timescales in the same shape as the defaults. An unknown id is
    /// refused, since a typo would otherwise silently leave the default in force.
    public init(json: Data) throws {
        let overrides = try JSONDecoder().decode([Timescale].self, from: json)
        let known = Set((TimescaleDefaults.all + TimescaleDefaults.local).map(\.id))
        if let unknown = overrides.first(where: { !known.contains($0.id) }) {
            throw UnknownTimescale(id: unknown.id)
        }
        self.init(overrides: overrides)
    }

    public struct UnknownTimescale: Error, CustomStringConvertible {
        public var id: String
        public var description: String { "No timescale has the id \"\(id)\"" }
    }

    public subscript(_ timescale: Timescale) -> Timescale { byId[timescale.id] ?? timescale }

    public var all: [Timescale] {
        (TimescaleDefaults.all + TimescaleDefaults.local).map { self[$0] }
    }
}

/// Converting between moments and the London dates that timescales are counted in. England and Wales
/// share the one time zone, including its summer time.
public enum LondonTime {
    public static let timeZone: TimeZone = {
        guard let zone = TimeZone(identifier: "Europe/London") else {
            preconditionFailure("The Europe/London time zone is missing from this system's time zone data")
        }
        return zone
    }()

    public static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }()

    /// The date in London at `moment`.
    public static func calendarDate(of moment: Date) -> CalendarDate {
        let parts = calendar.dateComponents([.year, .month, .day], from: moment)
        guard let year = parts.year, let month = parts.month, let day = parts.day,
            let date = CalendarDate(year: year, month: month, day: day)
        else { preconditionFailure("\(moment) has no London date in the years 1...9999") }
        return date
    }

    /// The moment at `hour`:`minute`:`second` London time on `date`, in summer or winter time as applies.
    public static func moment(_ date: CalendarDate, hour: Int, minute: Int = 0, second: Int = 0) -> Date {
        let parts = DateComponents(
            year: date.year, month: date.month, day: date.day, hour: hour, minute: minute,
            second: second)
        guard let moment = calendar.date(from: parts) else {
            preconditionFailure("No London time \(hour):\(minute):\(second) on \(date.iso)")
        }
        return moment
    }

    /// 23:59:59 London time on `date`: a deadline "by the end of" that day.
    public static func endOfDay(_ date: CalendarDate) -> Date {
        moment(date, hour: 23, minute: 59, second: 59)
    }
}
