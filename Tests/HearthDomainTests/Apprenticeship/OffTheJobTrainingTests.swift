import Foundation
import Testing

@testable import HearthDomain

private func date(_ iso: String) -> CalendarDate {
    guard let date = CalendarDate(iso: iso) else { preconditionFailure("Bad test date \(iso)") }
    return date
}

/// A practical period of exactly `weeks` weeks from `start`, both ends included: 52 weeks leave 46.4
/// training weeks after statutory leave, as in the DfE's worked examples.
private func end(_ start: String, weeks: Int) -> CalendarDate {
    date(start).adding(days: weeks * 7 - 1)
}

@Suite struct OffTheJobRuleTests {
    @Test(arguments: [
        ("2022-07-31", OffTheJobRegime.twentyPercent), ("2022-08-01", .sixHoursAWeek), ("2025-07-31", .sixHoursAWeek),
        ("2025-08-01", .perStandardMinimum), ("2017-05-01", .twentyPercent), ("2026-01-05", .perStandardMinimum),
    ])
    func theRuleIsTheOneInForceAtTheStartDate(start: String, regime: OffTheJobRegime) {
        #expect(OffTheJobRule.regime(forStart: date(start)) == regime)
    }

    @Test func before1August2022FullTimeIsTwentyPercentOfContractedHoursLessLeave() throws {
        let requirement = try OffTheJobRule.requirement(
            start: date("2021-09-06"), plannedEnd: end("2021-09-06", weeks: 52), weeklyContractedHours: 37.5)
        #expect(requirement.regime == .twentyPercent)
        #expect(requirement.isFullTime)
        #expect(requirement.practicalPeriodDays == 364)
        #expect(abs(requirement.trainingWeeks - 46.4) < 1e-9)
        // 20% x 37.5 x 46.4 = 348: the 20% rule has no 30-hour ceiling.
        #expect(requirement.minimumHours == 348)
        #expect(requirement.basis == "20% of 37.5 hours a week over 46.4 weeks (52 less 5.6 statutory leave)")
    }

    @Test func before1August2022PartTimeIsTwentyPercentOfItsHours() throws {
        let requirement = try OffTheJobRule.requirement(
            start: date("2021-09-06"), plannedEnd: end("2021-09-06", weeks: 78), weeklyContractedHours: 20)
        #expect(!requirement.isFullTime)
        // 0.2 x 20 x (78 - 8.4) = 278.4, rounded up.
        #expect(requirement.minimumHours == 279)
    }

    @Test func from1August2022FullTimeIsSixHoursAWeekWhateverTheContract() throws {
        for hours in [30.0, 37.5, 40] {
            let requirement = try OffTheJobRule.requirement(
                start: date("2023-01-09"), plannedEnd: end("2023-01-09", weeks: 104), weeklyContractedHours: hours)
            #expect(requirement.regime == .sixHoursAWeek)
            #expect(requirement.isFullTime)
            // 6 x (104 - 11.2) = 556.8, rounded up.
            #expect(requirement.minimumHours == 557)
        }
        let year = try OffTheJobRule.requirement(
            start: date("2023-01-09"), plannedEnd: end("2023-01-09", weeks: 52), weeklyContractedHours: 37.5)
        #expect(year.minimumHours == 279)
        #expect(year.basis == "6 hours a week (full time) over 46.4 weeks (52 less 5.6 statutory leave)")
    }

    @Test func from1August2022PartTimeIsSixHoursProRataOverTheLongerPeriod() throws {
        // 20 hours a week: 4 hours a week, over a practical period extended to 156 weeks.
        let requirement = try OffTheJobRule.requirement(
            start: date("2023-01-09"), plannedEnd: end("2023-01-09", weeks: 156), weeklyContractedHours: 20)
        #expect(!requirement.isFullTime)
        // 4 x (156 - 16.8) = 556.8, rounded up.
        #expect(requirement.minimumHours == 557)
        #expect(requirement.basis.hasPrefix("4 hours a week (6 x 20 / 30, part time) over 139.2 weeks"))
        let justUnder = try OffTheJobRule.requirement(
            start: date("2023-01-09"), plannedEnd: end("2023-01-09", weeks: 52), weeklyContractedHours: 29.5)
        #expect(!justUnder.isFullTime)
        #expect(justUnder.minimumHours == 274)  // 5.9 x 46.4 = 273.76
    }

    @Test func from1August2025TheStandardsPublishedMinimumAppliesFullAndPartTime() throws {
        // 500 stands in for the standard's published figure, which an organisation configures.
        let fullTime = try OffTheJobRule.requirement(
            start: date("2025-09-01"), plannedEnd: end("2025-09-01", weeks: 104), weeklyContractedHours: 37.5,
            perStandardMinimumHours: 500)
        let partTime = try OffTheJobRule.requirement(
            start: date("2025-09-01"), plannedEnd: end("2025-09-01", weeks: 130), weeklyContractedHours: 18,
            perStandardMinimumHours: 500)
        #expect(fullTime.regime == .perStandardMinimum && partTime.regime == .perStandardMinimum)
        #expect(fullTime.minimumHours == 500)
        #expect(partTime.minimumHours == 500)
        #expect(partTime.basis == "The standard's published minimum of 500 hours")
    }

    @Test func from1August2025WithoutAConfiguredMinimumTheSixHoursRuleIsUsedAndSaid() throws {
        let fullTime = try OffTheJobRule.requirement(
            start: date("2025-08-01"), plannedEnd: end("2025-08-01", weeks: 104), weeklyContractedHours: 37.5)
        #expect(fullTime.regime == .perStandardMinimum)
        #expect(fullTime.minimumHours == 557)
        #expect(fullTime.basis.contains("the standard's published minimum is not configured"))
        let partTime = try OffTheJobRule.requirement(
            start: date("2025-08-01"), plannedEnd: end("2025-08-01", weeks: 156), weeklyContractedHours: 15)
        #expect(partTime.minimumHours == 418)  // 3 x 139.2 = 417.6
    }

    @Test func impossibleInputsAreRefused() {
        #expect(throws: OffTheJobInputError.self) {
            try OffTheJobRule.requirement(
                start: date("2024-01-01"), plannedEnd: date("2023-12-31"), weeklyContractedHours: 30)
        }
        #expect(throws: OffTheJobInputError.self) {
            try OffTheJobRule.requirement(
                start: date("2024-01-01"), plannedEnd: date("2025-12-31"), weeklyContractedHours: 0)
        }
        #expect(throws: OffTheJobInputError.self) {
            try OffTheJobRule.requirement(
                start: date("2025-09-01"), plannedEnd: date("2027-08-31"), weeklyContractedHours: 30,
                perStandardMinimumHours: 0)
        }
    }
}

@Suite struct OffTheJobLogTests {
    private let rules = OffTheJobLogRules(start: date("2023-09-04"), gateway: date("2025-06-01"))

    @Test func hoursAfterGatewayAreRefusedWithAClearMessage() throws {
        let entry = OffTheJobEntry(date: date("2025-06-02"), hours: 3, activity: .teaching, itemCodes: ["K1"])
        let problems = rules.problems(with: entry)
        #expect(problems.map(\.reason) == [.afterGateway])
        #expect(
            problems.first?.message
                == "Off-the-job training after gateway does not count: this entry is dated 2 June 2025 "
                + "and gateway was on 1 June 2025")
        let first = try #require(problems.first)
        #expect(throws: first) { try rules.check(entry) }
    }

    @Test func hoursOnGatewayDayAndBeforeCount() throws {
        try rules.check(OffTheJobEntry(date: date("2025-06-01"), hours: 2, activity: .mentoring))
        try rules.check(OffTheJobEntry(date: date("2023-09-04"), hours: 7.5, activity: .teaching))
        // Before gateway is set, a late date is not refused for that reason.
        try OffTheJobLogRules(start: date("2023-09-04")).check(
            OffTheJobEntry(date: date("2026-01-05"), hours: 1, activity: .shadowing))
    }

    @Test func englishAndMathsAndProgressReviewsDoNotCount() {
        let maths = rules.problems(with: OffTheJobEntry(date: date("2024-02-01"), hours: 2, activity: .englishAndMaths))
        #expect(maths.map(\.message) == ["English and maths training does not count towards off-the-job hours"])
        let review = rules.problems(with: OffTheJobEntry(date: date("2024-02-01"), hours: 1, activity: .progressReview))
        #expect(review.map(\.message) == ["Progress reviews do not count towards off-the-job hours"])
        #expect(OffTheJobActivity.allCases.filter { !$0.counts } == [.englishAndMaths, .progressReview])
    }

    @Test(arguments: [0.0, -1, 24.25, .nan])
    func hoursMustBeMoreThanNoneAndAtMostADay(hours: Double) {
        let problems = rules.problems(with: OffTheJobEntry(date: date("2024-02-01"), hours: hours, activity: .teaching))
        #expect(problems.count == 1)
        #expect([.hoursNotPositive, .hoursOverADay].contains(problems.first?.reason))
    }

    @Test func aFullDayAndBeforeStartAndEveryProblemAtOnce() {
        #expect(rules.problems(with: OffTheJobEntry(date: date("2024-02-01"), hours: 24, activity: .teaching)).isEmpty)
        let early = rules.problems(with: OffTheJobEntry(date: date("2023-09-03"), hours: 1, activity: .teaching))
        #expect(
            early.map(\.message) == [
                "This entry is dated 3 September 2023, before the apprenticeship started on 4 September 2023"
            ])
        let everything = rules.problems(
            with: OffTheJobEntry(date: date("2025-07-01"), hours: 30, activity: .progressReview))
        #expect(everything.map(\.reason) == [.afterGateway, .activityDoesNotCount, .hoursOverADay])
    }

    @Test func onlyEntriesThatCountAreAddedUp() {
        let entries = [
            OffTheJobEntry(date: date("2024-01-10"), hours: 3.5, activity: .teaching),
            OffTheJobEntry(date: date("2024-01-11"), hours: 2, activity: .englishAndMaths),
            OffTheJobEntry(date: date("2025-05-30"), hours: 1.5, activity: .writingAssignments),
            OffTheJobEntry(date: date("2025-06-05"), hours: 4, activity: .teaching),
        ]
        #expect(rules.countedHours(entries) == 5)
    }
}

@Suite struct OffTheJobProgressTests {
    private let start = date("2023-01-09")
    private var plannedEnd: CalendarDate { end("2023-01-09", weeks: 104) }

    @Test func halfWayThroughHalfTheHoursAreExpected() {
        let today = start.adding(days: 363)  // 364 of 728 days
        let ahead = OffTheJobProgress.project(
            loggedHours: 300, today: today, start: start, plannedEnd: plannedEnd, requiredHours: 557)
        #expect(ahead.expectedByNow == 278.5)
        #expect(ahead.isOnTrack && ahead.shortfall == 0)
        #expect(ahead.message == "On track: 300 hours logged, 278.5 expected by now of 557")

        let behind = OffTheJobProgress.project(
            loggedHours: 250, today: today, start: start, plannedEnd: plannedEnd, requiredHours: 557)
        #expect(!behind.isOnTrack)
        #expect(behind.shortfall == 28.5)
        #expect(behind.message == "28.5 hours behind: 250 logged, 278.5 expected by now of 557")
    }

    @Test func beforeTheStartNothingIsExpectedAndAfterTheEndEverything() {
        let early = OffTheJobProgress.project(
            loggedHours: 0, today: start.adding(days: -10), start: start, plannedEnd: plannedEnd, requiredHours: 557)
        #expect(early.expectedByNow == 0 && early.isOnTrack)
        let late = OffTheJobProgress.project(
            loggedHours: 550, today: plannedEnd.adding(days: 30), start: start, plannedEnd: plannedEnd,
            requiredHours: 557)
        #expect(late.expectedByNow == 557)
        #expect(late.shortfall == 7 && !late.isOnTrack)
    }
}
