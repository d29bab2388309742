import Foundation
import Testing

@testable import HearthDomain

private func date(_ iso: String) -> CalendarDate {
    guard let date = CalendarDate(iso: iso) else { preconditionFailure("Bad test date \(iso)") }
    return date
}

@Suite struct ProgressReviewScheduleTests {
    private let schedule = ProgressReviewSchedule()

    @Test(arguments: [
        ("2025-08-31", "2025-11-30"),  // no 31 November: the month's last day
        ("2025-11-30", "2026-02-28"),
        ("2023-11-30", "2024-02-29"),  // leap year
        ("2023-11-29", "2024-02-29"),
        ("2024-02-29", "2024-05-29"),
        ("2025-05-31", "2025-08-31"),
        ("2025-12-31", "2026-03-31"),
        ("2025-03-31", "2025-06-30"),
        ("1999-11-30", "2000-02-29"),  // 2000 is a leap year: divisible by 400
        ("2099-11-30", "2100-02-28"),  // 2100 is not
        ("2025-01-15", "2025-04-15"),
    ])
    func nextReviewIsDueThreeCalendarMonthsLaterClampedToMonthEnd(held: String, due: String) {
        #expect(schedule.nextDue(after: date(held)) == date(due))
    }

    @Test func theFirstReviewIsCountedFromTheStartAndLaterOnesFromTheLatestHeld() {
        let start = date("2025-01-31")
        #expect(schedule.nextDue(start: start, reviewsHeld: []) == date("2025-04-30"))
        // Counted from the review held on 30 April, not from the start's 31st.
        #expect(
            schedule.nextDue(start: start, reviewsHeld: [date("2025-04-30"), date("2025-03-31")]) == date("2025-07-30"))
        // A review dated before the start (a mistyped year) does not move the due date back.
        #expect(schedule.nextDue(start: start, reviewsHeld: [date("2024-12-01")]) == date("2025-04-30"))
        #expect(
            schedule.nextDueMoment(start: start, reviewsHeld: [])
                == LondonTime.endOfDay(date("2025-04-30")))
    }

    @Test func lateReviewsAreListedWithTheDateTheyWereDue() {
        let late = schedule.lateReviews(
            start: date("2025-08-31"), reviewsHeld: [date("2025-11-30"), date("2026-03-02"), date("2026-05-01")])
        #expect(late.map(\.held) == [date("2026-03-02")])
        #expect(late.map(\.due) == [date("2026-02-28")])
    }

    @Test func anOrganisationsOverrideOfTheTimescaleIsUsed() {
        let monthly = Timescale(
            id: "apprenticeshipProgressReview", name: "Apprenticeship progress review",
            source: "Local: monthly", duration: .calendarMonths(1))
        let schedule = ProgressReviewSchedule(book: TimescaleBook(overrides: [monthly]))
        #expect(schedule.nextDue(after: date("2026-01-31")) == date("2026-02-28"))
    }
}
