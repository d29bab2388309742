import Foundation

/// The off-the-job training rule in force at an apprenticeship's start date. The rule never changes for
/// an apprentice once started: a start in July 2022 stays on the 20% rule to the end.
public enum OffTheJobRegime: String, Sendable, Hashable, Codable, CaseIterable {
    /// Starts before 1 August 2022: 20% of working hours over the practical period.
    case twentyPercent = "twenty-percent"
    /// Starts from 1 August 2022: an average of 6 hours a week for full-time apprentices, pro rata below 30.
    case sixHoursAWeek = "six-hours-a-week"
    /// Starts from 1 August 2025: a minimum number of hours published for each standard.
    case perStandardMinimum = "per-standard-minimum"
}

/// The minimum off-the-job training an apprenticeship needs, and how it was worked out.
public struct OffTheJobRequirement: Sendable, Hashable, Codable {
    public var regime: OffTheJobRegime
    /// 30 or more contracted hours a week.
    public var isFullTime: Bool
    /// Days from the start to the planned end of the practical period, both included.
    public var practicalPeriodDays: Int
    public var practicalPeriodWeeks: Double
    public var statutoryLeaveWeeks: Double
    /// The weeks the hours are spread over: the practical period less statutory leave.
    public var trainingWeeks: Double
    /// The minimum, in whole hours, rounded up: planning the rounded-down figure would fall short of the rule.
    public var minimumHours: Int
    /// How the minimum was reached, in words a tutor or employer can check.
    public var basis: String
}

/// Why an off-the-job requirement cannot be worked out.
public struct OffTheJobInputError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// The funding rules' minimum off-the-job training, by the rule in force at the start date.
///
/// Assumptions, where the rules leave the arithmetic to providers:
/// - The practical period runs from the start date to the planned end date (gateway), both included, and
///   is measured in weeks of 7 days. Part-time apprentices' longer practical period is taken as given by
///   the planned dates.
/// - Statutory leave (5.6 weeks a year: 28 days for a 5-day week, bank holidays included) is deducted pro
///   rata to the practical period, taking a year as 52 weeks, as the DfE's worked examples do: a 52-week
///   practical period leaves 46.4 training weeks. The apprentice's own leave, if more, is not used.
/// - Before 1 August 2022, 20% of the contracted weekly hours in each training week, with no cap on hours.
/// - From 1 August 2022, 6 hours a week for 30 or more contracted hours; below 30, 6 x hours / 30 (which is
///   20% of the hours worked).
/// - From 1 August 2025, the standard's published minimum, for part-time and full-time apprentices alike
///   (the 2025 to 2026 rules stopped tying the minimum to hours or duration). Until an organisation
///   configures the standard's figure, the 6-hours rule is used in its place and `basis` says so.
public enum OffTheJobRule {
    public static let sixHoursRuleStarts = CalendarDate(year: 2022, month: 8, day: 1)!
    public static let perStandardRuleStarts = CalendarDate(year: 2025, month: 8, day: 1)!
    public static let fullTimeWeeklyHours = 30.0
    public static let sixHoursAWeek = 6.0
    public static let statutoryLeaveWeeksPerYear = 5.6
    public static let weeksPerYear = 52.0

    public static func regime(forStart start: CalendarDate) -> OffTheJobRegime {
        if start < sixHoursRuleStarts { return .twentyPercent }
        if start < perStandardRuleStarts { return .sixHoursAWeek }
        return .perStandardMinimum
    }

    /// The minimum off-the-job hours for an apprenticeship starting on `start` whose practical period is
    /// planned to end on `plannedEnd`, for an apprentice contracted for `weeklyContractedHours`.
    /// `perStandardMinimumHours` is the standard's published minimum, used for starts from 1 August 2025.
    public static func requirement(
        start: CalendarDate, plannedEnd: CalendarDate, weeklyContractedHours: Double,
        perStandardMinimumHours: Int? = nil
    ) throws(OffTheJobInputError) -> OffTheJobRequirement {
        guard plannedEnd >= start else {
            throw OffTheJobInputError(message: "The planned end date must be on or after the start date")
        }
        guard weeklyContractedHours.isFinite, weeklyContractedHours > 0, weeklyContractedHours <= 168 else {
            throw OffTheJobInputError(message: "Weekly contracted hours must be more than 0 and at most 168")
        }
        if let perStandardMinimumHours, perStandardMinimumHours <= 0 {
            throw OffTheJobInputError(message: "The standard's minimum off-the-job hours must be more than 0")
        }
        let days = start.days(to: plannedEnd) + 1
        let weeks = Double(days) / 7
        let leave = weeks * statutoryLeaveWeeksPerYear / weeksPerYear
        let trainingWeeks = weeks - leave
        let isFullTime = weeklyContractedHours >= fullTimeWeeklyHours
        let regime = regime(forStart: start)
        let weeksText =
            "\(oneDecimal(trainingWeeks)) weeks (\(oneDecimal(weeks)) less \(oneDecimal(leave)) statutory leave)"

        let hours: Double
        let basis: String
        switch regime {
        case .twentyPercent:
            hours = 0.2 * weeklyContractedHours * trainingWeeks
            basis = "20% of \(oneDecimal(weeklyContractedHours)) hours a week over \(weeksText)"
        case .sixHoursAWeek, .perStandardMinimum:
            if regime == .perStandardMinimum, let perStandardMinimumHours {
                hours = Double(perStandardMinimumHours)
                basis = "The standard's published minimum of \(perStandardMinimumHours) hours"
                break
            }
            let weekly = isFullTime ? sixHoursAWeek : sixHoursAWeek * weeklyContractedHours / fullTimeWeeklyHours
            hours = weekly * trainingWeeks
            let rate =
                isFullTime
                ? "6 hours a week (full time)"
                : "\(oneDecimal(weekly)) hours a week (6 x \(oneDecimal(weeklyContractedHours)) / 30, part time)"
            let fallback =
                regime == .perStandardMinimum
                ? " (the standard's published minimum is not configured, so the 6-hours rule is used)" : ""
            basis = "\(rate) over \(weeksText)\(fallback)"
        }
        return OffTheJobRequirement(
            regime: regime, isFullTime: isFullTime, practicalPeriodDays: days, practicalPeriodWeeks: weeks,
            statutoryLeaveWeeks: leave, trainingWeeks: trainingWeeks, minimumHours: roundedUp(hours), basis: basis)
    }

    /// Rounds up (278.4 hours is 279), ignoring floating-point dust: 279.0000000001 stays 279.
    static func roundedUp(_ hours: Double) -> Int {
        Int((hours - 1e-9).rounded(.up))
    }
}

// MARK: - The log

/// What an hour of off-the-job training was spent on. English and maths and progress reviews are listed
/// so they can be recorded, and refused, with the reason.
public enum OffTheJobActivity: String, Sendable, Hashable, Codable, CaseIterable {
    case teaching
    case practicalTraining = "practical-training"
    case shadowing
    case mentoring
    case industryVisit = "industry-visit"
    case writingAssignments = "writing-assignments"
    case onlineLearning = "online-learning"
    case learningSupport = "learning-support"
    case other
    case englishAndMaths = "english-and-maths"
    case progressReview = "progress-review"

    /// Whether the funding rules let the activity count towards the off-the-job minimum.
    public var counts: Bool {
        self != .englishAndMaths && self != .progressReview
    }

    public var label: String {
        switch self {
        case .teaching: "Teaching of theory (lectures, workshops, online sessions)"
        case .practicalTraining: "Practical training"
        case .shadowing: "Shadowing"
        case .mentoring: "Mentoring"
        case .industryVisit: "Visits to other services"
        case .writingAssignments: "Writing assignments and coursework"
        case .onlineLearning: "Online learning"
        case .learningSupport: "Learning support"
        case .other: "Other off-the-job training"
        case .englishAndMaths: "English and maths"
        case .progressReview: "Progress review"
        }
    }
}

/// One line of an apprentice's off-the-job log.
public struct OffTheJobEntry: Sendable, Hashable, Codable {
    public var date: CalendarDate
    public var hours: Double
    public var activity: OffTheJobActivity
    /// Codes of the standard's items the training was for ("K7", "S3").
    public var itemCodes: [String]
    public var note: String?

    public init(
        date: CalendarDate, hours: Double, activity: OffTheJobActivity, itemCodes: [String] = [], note: String? = nil
    ) {
        self.date = date
        self.hours = hours
        self.activity = activity
        self.itemCodes = itemCodes
        self.note = note
    }
}

/// Why a log entry was refused, with a message for the apprentice who made it.
public struct OffTheJobEntryProblem: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Reason: String, Sendable, Hashable, Codable {
        case afterGateway = "after-gateway"
        case beforeStart = "before-start"
        case activityDoesNotCount = "activity-does-not-count"
        case hoursNotPositive = "hours-not-positive"
        case hoursOverADay = "hours-over-a-day"
    }

    public var reason: Reason
    public var message: String
    public var description: String { message }
}

/// Checks log entries against the apprenticeship's dates and the funding rules.
public struct OffTheJobLogRules: Sendable, Hashable {
    public var start: CalendarDate
    /// The day the apprentice passed through gateway, once they have; training on that day still counts.
    public var gateway: CalendarDate?

    public init(start: CalendarDate, gateway: CalendarDate? = nil) {
        self.start = start
        self.gateway = gateway
    }

    /// Every reason the entry cannot count; empty when it can.
    public func problems(with entry: OffTheJobEntry) -> [OffTheJobEntryProblem] {
        var problems: [OffTheJobEntryProblem] = []
        if let gateway, entry.date > gateway {
            problems.append(
                OffTheJobEntryProblem(
                    reason: .afterGateway,
                    message:
                        "Off-the-job training after gateway does not count: this entry is dated "
                        + "\(entry.date.written) and gateway was on \(gateway.written)"))
        }
        if entry.date < start {
            problems.append(
                OffTheJobEntryProblem(
                    reason: .beforeStart,
                    message:
                        "This entry is dated \(entry.date.written), before the apprenticeship started on "
                        + "\(start.written)"))
        }
        switch entry.activity {
        case .englishAndMaths:
            problems.append(
                OffTheJobEntryProblem(
                    reason: .activityDoesNotCount,
                    message: "English and maths training does not count towards off-the-job hours"))
        case .progressReview:
            problems.append(
                OffTheJobEntryProblem(
                    reason: .activityDoesNotCount,
                    message: "Progress reviews do not count towards off-the-job hours"))
        default: break
        }
        if !entry.hours.isFinite || entry.hours <= 0 {
            problems.append(
                OffTheJobEntryProblem(reason: .hoursNotPositive, message: "Enter the hours spent: more than 0"))
        } else if entry.hours > 24 {
            problems.append(
                OffTheJobEntryProblem(reason: .hoursOverADay, message: "Enter 24 hours or fewer for one day"))
        }
        return problems
    }

    /// Throws the first problem, for code that accepts or refuses one entry.
    public func check(_ entry: OffTheJobEntry) throws(OffTheJobEntryProblem) {
        if let problem = problems(with: entry).first { throw problem }
    }

    /// The hours in `entries` that count: those with no problems.
    public func countedHours(_ entries: [OffTheJobEntry]) -> Double {
        entries.filter { problems(with: $0).isEmpty }.reduce(0) { $0 + $1.hours }
    }
}

// MARK: - On track

/// Whether logged hours keep pace with the minimum, so a tutor can prompt early rather than find a
/// shortfall at gateway.
public struct OffTheJobProgress: Sendable, Hashable, Codable {
    public var loggedHours: Double
    public var requiredHours: Int
    /// The share of `requiredHours` that the days elapsed so far stand for.
    public var expectedByNow: Double
    public var shortfall: Double
    public var isOnTrack: Bool
    public var message: String

    /// Expects hours in proportion to the days of the practical period elapsed by `today` (inclusive): an
    /// even spread is what the rules averaged over, and the simplest pace to explain.
    public static func project(
        loggedHours: Double, today: CalendarDate, start: CalendarDate, plannedEnd: CalendarDate, requiredHours: Int
    ) -> OffTheJobProgress {
        let totalDays = max(start.days(to: plannedEnd) + 1, 1)
        let elapsed = min(max(start.days(to: today) + 1, 0), totalDays)
        let expected = Double(requiredHours) * Double(elapsed) / Double(totalDays)
        let shortfall = max(0, expected - loggedHours)
        // Within a minute of the pace counts as on it; rounding of logged quarter-hours should not flag.
        let onTrack = shortfall < 1.0 / 60
        let message =
            onTrack
            ? "On track: \(oneDecimal(loggedHours)) hours logged, \(oneDecimal(expected)) expected by now "
                + "of \(requiredHours)"
            : "\(oneDecimal(shortfall)) hours behind: \(oneDecimal(loggedHours)) logged, "
                + "\(oneDecimal(expected)) expected by now of \(requiredHours)"
        return OffTheJobProgress(
            loggedHours: loggedHours, requiredHours: requiredHours, expectedByNow: expected,
            shortfall: onTrack ? 0 : shortfall, isOnTrack: onTrack, message: message)
    }
}

// MARK: - Wording

/// How the apprenticeship's messages write hours.
enum ApprenticeshipWording {
    /// "46.4", "6", "12.5": one decimal place, none when whole.
    static func oneDecimal(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        return String(format: "%.1f", rounded)
    }
}

private func oneDecimal(_ value: Double) -> String { ApprenticeshipWording.oneDecimal(value) }
