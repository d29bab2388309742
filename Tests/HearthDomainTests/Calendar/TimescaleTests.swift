import Foundation
import Testing

@testable import HearthDomain

@Suite struct TimescaleTests {
    @Test func aConcernRaisedAt1600OnTheFridayBeforeABankHolidayMondayIsDueAtTheEndOfTuesday() {
        // Friday 22 August 2025, 16:00 London (BST); Monday 25 August is the Summer bank holiday.
        let raised = LondonTime.moment(day("2025-08-22"), hour: 16)
        #expect(raised == instant("2025-08-22T15:00:00Z"))
        let due = TimescaleDefaults.contactDecision.dueMoment(from: raised)
        #expect(due == instant("2025-08-26T23:59:59+01:00"))
        #expect(LondonTime.calendarDate(of: due) == day("2025-08-26"))
    }

    @Test func theStartDateIsTheLondonDateNotTheUTCDate() {
        // 00:30 on Tuesday 26 August 2025 in London is still Monday in UTC.
        let raised = instant("2025-08-25T23:30:00Z")
        #expect(TimescaleDefaults.contactDecision.dueMoment(from: raised) == instant("2025-08-27T23:59:59+01:00"))
    }

    @Test func assessmentFortyFiveWorkingDaysFromReferralOverChristmas() {
        // See WorkingDayCalendarTests for the count: due Thursday 5 February 2026, in GMT.
        let referral = LondonTime.moment(day("2025-12-01"), hour: 10)
        let due = TimescaleDefaults.childAndFamilyAssessment.dueMoment(from: referral)
        #expect(due == instant("2026-02-05T23:59:59Z"))
    }

    @Test func localClosuresExtendWorkingDayTimescales() {
        let council = WorkingDayCalendar(localClosures: [day("2025-08-26")])
        let raised = LondonTime.moment(day("2025-08-22"), hour: 16)
        let due = TimescaleDefaults.contactDecision.dueMoment(from: raised, calendar: council)
        #expect(due == instant("2025-08-27T23:59:59+01:00"))
    }

    @Test func hoursAreElapsedTimeAcrossTheClockChange() {
        // Returned 12:00 GMT Saturday 29 March 2025; clocks go forward on Sunday 30 March.
        let returned = instant("2025-03-29T12:00:00Z")
        let due = TimescaleDefaults.returnHomeInterview.dueMoment(from: returned)
        #expect(due == instant("2025-04-01T12:00:00Z"))  // 13:00 BST
        #expect(due.timeIntervalSince(returned) == 72 * 3600)
    }

    @Test func calendarDaysEndAtTheEndOfTheLastDay() {
        let restraint = LondonTime.moment(day("2025-12-24"), hour: 21)
        #expect(
            TimescaleDefaults.restraintManagerSpokeToChild.dueMoment(from: restraint)
                == instant("2025-12-29T23:59:59Z"))
    }

    @Test func monthsClampToTheMonthEnd() {
        let start = LondonTime.moment(day("2025-08-31"), hour: 9)
        #expect(
            TimescaleDefaults.apprenticeshipProgressReview.dueMoment(from: start) == instant("2025-11-30T23:59:59Z"))
        let visit = LondonTime.moment(day("2024-01-31"), hour: 9)
        #expect(TimescaleDefaults.independentPersonVisit.dueMoment(from: visit) == instant("2024-02-29T23:59:59Z"))
    }

    @Test func lookedAfterChildReviewsFollowTheSequence() {
        let review = TimescaleDefaults.lookedAfterChildReview
        // Looked after from Monday 1 December 2025: 20 working days (Dec 2-5: 4, 8-12: 9, 15-19: 14,
        // 22-24: 17, 29-31: 20) is Wednesday 31 December.
        let lookedAfter = LondonTime.moment(day("2025-12-01"), hour: 14)
        #expect(review.dueMoment(from: lookedAfter, occurrence: 0) == instant("2025-12-31T23:59:59Z"))
        // First review held 30 December: the second is due within 3 months, 30 March 2026 (in BST).
        let first = LondonTime.moment(day("2025-12-30"), hour: 10)
        #expect(review.dueMoment(from: first, occurrence: 1) == instant("2026-03-30T23:59:59+01:00"))
        // Then every 6 months from the review before.
        let second = LondonTime.moment(day("2026-03-30"), hour: 10)
        #expect(review.dueMoment(from: second, occurrence: 2) == instant("2026-09-30T23:59:59+01:00"))
        #expect(review.dueMoment(from: second, occurrence: 7) == instant("2026-09-30T23:59:59+01:00"))
    }

    @Test func sequenceIntervals() {
        let duration = TimescaleDefaults.lookedAfterChildReview.duration
        #expect(duration.interval(at: 0) == .workingDays(20))
        #expect(duration.interval(at: 1) == .calendarMonths(3))
        #expect(duration.interval(at: 2) == .calendarMonths(6))
        #expect(duration.interval(at: 50) == .calendarMonths(6))
        #expect(TimescaleDuration.hours(24).interval(at: 3) == .hours(24))
    }

    @Test func defaultsCoverTheProductTable() {
        let all = TimescaleDefaults.all
        #expect(all.count == 11)
        #expect(Set(all.map(\.id)).count == all.count)
        #expect(all.allSatisfy { !$0.name.isEmpty && !$0.source.isEmpty })
        #expect(TimescaleDefaults.initialChildProtectionConference.duration == .workingDays(15))
        #expect(TimescaleDefaults.restraintRecord.duration == .hours(24))
        #expect(TimescaleDefaults.restraintManagerSpokeToStaff.duration == .hours(48))
        #expect(TimescaleDefaults.qualityOfCareReview.duration == .calendarMonths(6))
    }

    @Test func timescalesRoundTripThroughJSON() throws {
        let data = try JSONEncoder().encode(TimescaleDefaults.all)
        #expect(try JSONDecoder().decode([Timescale].self, from: data) == TimescaleDefaults.all)
    }
}

@Suite struct TimescaleBookTests {
    @Test func anOrganisationsFileReplacesADefaultAndATypoIsRefused() throws {
        let json = Data(
            #"[{"id":"planReview","name":"Plan review","source":"Testshire","duration":{"calendarDays":{"_0":28}}}]"#
                .utf8)
        let book = try TimescaleBook(json: json)
        #expect(book[TimescaleDefaults.planReview].duration == .calendarDays(28))
        #expect(book[TimescaleDefaults.contactDecision] == TimescaleDefaults.contactDecision)
        #expect(book.all.count == TimescaleDefaults.all.count + TimescaleDefaults.local.count)
        let typo = Data(#"[{"id":"planReveiw","name":"x","source":"x","duration":{"calendarDays":{"_0":28}}}]"#.utf8)
        #expect(throws: TimescaleBook.UnknownTimescale.self) { try TimescaleBook(json: typo) }
    }
}
