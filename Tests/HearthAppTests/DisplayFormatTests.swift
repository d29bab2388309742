import Foundation
import Testing

@testable import HearthApp

/// Dates, times and numbers as pages show them: in UK time, months in full, as calendar dates are.
@Suite struct DisplayFormatTests {
    @Test func momentsShowInUKTimeWithTheMonthInFull() throws {
        let winter = try #require(ISO8601DateFormatter().date(from: "2026-11-26T11:00:00Z"))
        #expect(DisplayFormat.dateTime(winter) == "26 November 2026 at 11:00")
        // British Summer Time: 23:30 UTC is half past midnight the next day in London.
        let summer = try #require(ISO8601DateFormatter().date(from: "2026-06-30T23:30:00Z"))
        #expect(DisplayFormat.dateTime(summer) == "1 July 2026 at 00:30")
        #expect(DisplayFormat.dateTime(iso: "2026-11-26T11:00:00Z") == "26 November 2026 at 11:00")
        #expect(DisplayFormat.dateTime(iso: "not a moment") == "not a moment")
        #expect(DisplayFormat.calendarDate("2026-12-10") == "10 December 2026")
    }

    @Test func numbersHaveACommaFromAThousand() {
        #expect(DisplayFormat.number(200) == "200")
        #expect(DisplayFormat.number(8_000) == "8,000")
        #expect(DisplayFormat.number(20_000) == "20,000")
    }
}
