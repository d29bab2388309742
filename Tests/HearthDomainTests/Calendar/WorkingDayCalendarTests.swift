import Foundation
import Testing

@testable import HearthDomain

@Suite struct WorkingDayCalendarTests {
    let calendar = WorkingDayCalendar()

    @Test func weekendsAndBankHolidaysAreNotWorkingDays() {
        #expect(!calendar.isWorkingDay(day("2025-08-23")))  // Saturday
        #expect(!calendar.isWorkingDay(day("2025-08-24")))  // Sunday
        #expect(!calendar.isWorkingDay(day("2025-08-25")))  // Summer bank holiday
        #expect(calendar.isWorkingDay(day("2025-08-22")))  // Friday
        #expect(calendar.isWorkingDay(day("2025-08-26")))  // Tuesday
        #expect(!calendar.isWorkingDay(day("2021-12-28")))  // Boxing Day substitute
        #expect(calendar.isWorkingDay(day("2022-05-30")))  // the usual spring holiday, moved that year
    }

    @Test func localClosuresAreNotWorkingDays() {
        let council = WorkingDayCalendar(localClosures: [day("2025-12-29"), day("2025-12-30"), day("2025-12-31")])
        #expect(!council.isWorkingDay(day("2025-12-30")))
        #expect(calendar.isWorkingDay(day("2025-12-30")))
        #expect(council.addingWorkingDays(1, to: day("2025-12-24")) == day("2026-01-02"))
    }

    @Test func fortyFiveWorkingDaysFromAReferralOnMonday1December2025() {
        // Counted by hand, the referral day itself not counting:
        //   Dec  2- 5 Tue-Fri   4  (4)
        //   Dec  8-12           5  (9)
        //   Dec 15-19           5  (14)
        //   Dec 22-24 Mon-Wed   3  (17)   Thu 25 Christmas Day, Fri 26 Boxing Day
        //   Dec 29-31 Mon-Wed   3  (20)   Thu 1 Jan New Year's Day
        //   Jan  2    Fri       1  (21)
        //   Jan  5- 9           5  (26)
        //   Jan 12-16           5  (31)
        //   Jan 19-23           5  (36)
        //   Jan 26-30           5  (41)
        //   Feb  2- 5 Mon-Thu   4  (45)   so due Thursday 5 February 2026
        #expect(calendar.addingWorkingDays(45, to: day("2025-12-01")) == day("2026-02-05"))
        #expect(calendar.workingDays(from: day("2025-12-01"), to: day("2026-02-05")) == 45)
    }

    @Test func theStartDayDoesNotCount() {
        #expect(calendar.addingWorkingDays(1, to: day("2025-12-01")) == day("2025-12-02"))
        #expect(calendar.addingWorkingDays(1, to: day("2025-08-22")) == day("2025-08-26"))
        // A referral at the weekend: the next working day is Monday, which is the first counted.
        #expect(calendar.addingWorkingDays(1, to: day("2025-11-29")) == day("2025-12-01"))
        #expect(calendar.addingWorkingDays(0, to: day("2025-11-29")) == day("2025-11-29"))
    }

    @Test func countingBackwards() {
        #expect(calendar.addingWorkingDays(-1, to: day("2025-08-26")) == day("2025-08-22"))
        #expect(calendar.workingDays(from: day("2025-08-26"), to: day("2025-08-22")) == -1)
        #expect(calendar.workingDays(from: day("2025-08-22"), to: day("2025-08-22")) == 0)
    }

    @Test func countingAndAddingAgree() {
        var start = day("2021-11-01")
        while start < day("2023-02-01") {
            for n in [1, 5, 15, 20, 45] {
                #expect(calendar.workingDays(from: start, to: calendar.addingWorkingDays(n, to: start)) == n)
            }
            start = start.adding(days: 3)
        }
    }

    @Test func nextWorkingDay() {
        #expect(calendar.nextWorkingDay(onOrAfter: day("2025-08-22")) == day("2025-08-22"))
        #expect(calendar.nextWorkingDay(onOrAfter: day("2025-08-23")) == day("2025-08-26"))
        #expect(calendar.nextWorkingDay(onOrAfter: day("2021-12-25")) == day("2021-12-29"))
        #expect(calendar.nextWorkingDay(onOrAfter: day("2022-12-31")) == day("2023-01-03"))
    }
}
