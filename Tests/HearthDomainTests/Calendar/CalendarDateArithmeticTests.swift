import Foundation
import Testing

@testable import HearthDomain

@Suite struct CalendarDateArithmeticTests {
    @Test(arguments: [
        ("1970-01-01", Weekday.thursday), ("2000-02-29", .tuesday), ("2025-08-25", .monday),
        ("2025-12-01", .monday), ("2021-12-25", .saturday), ("2022-12-25", .sunday), ("0001-01-01", .monday),
        ("9999-12-31", .friday),
    ])
    func weekdayOfKnownDates(iso: String, expected: Weekday) {
        #expect(day(iso).weekday == expected)
    }

    @Test func dayNumberRoundTripsAndStepsByOneAcrossCenturies() {
        // Walk 1899-12-25 ... 2101-01-05 a day at a time: every step is one day number and one real date.
        var date = day("1899-12-25")
        var number = date.dayNumber
        while date < day("2101-01-05") {
            let next = date.adding(days: 1)
            #expect(next.dayNumber == number + 1)
            #expect(CalendarDate(dayNumber: next.dayNumber) == next)
            date = next
            number += 1
        }
        #expect(day("1970-01-01").dayNumber == 0)
    }

    @Test func addingDaysCrossesMonthsYearsAndLeapDays() {
        #expect(day("2024-02-28").adding(days: 1) == day("2024-02-29"))
        #expect(day("2023-02-28").adding(days: 1) == day("2023-03-01"))
        #expect(day("2025-12-31").adding(days: 1) == day("2026-01-01"))
        #expect(day("2026-01-01").adding(days: -1) == day("2025-12-31"))
        #expect(day("2025-01-01").days(to: day("2026-01-01")) == 365)
    }

    @Test(arguments: [
        ("2025-08-31", 3, "2025-11-30"), ("2025-08-31", 6, "2026-02-28"), ("2024-01-31", 1, "2024-02-29"),
        ("2023-01-31", 1, "2023-02-28"), ("2025-05-15", 3, "2025-08-15"), ("2025-11-30", 3, "2026-02-28"),
        ("2025-12-31", 1, "2026-01-31"), ("2025-03-31", -1, "2025-02-28"), ("2024-02-29", 12, "2025-02-28"),
    ])
    func addingMonthsClampsToMonthEnd(start: String, months: Int, expected: String) {
        #expect(day(start).adding(months: months) == day(expected))
    }

    @Test func firstAndLastWeekdayOfMonth() {
        #expect(CalendarDate.first(.monday, ofMonth: 5, year: 2025) == day("2025-05-05"))
        #expect(CalendarDate.first(.monday, ofMonth: 9, year: 2025) == day("2025-09-01"))
        #expect(CalendarDate.last(.monday, ofMonth: 5, year: 2025) == day("2025-05-26"))
        #expect(CalendarDate.last(.monday, ofMonth: 3, year: 2025) == day("2025-03-31"))
    }
}
