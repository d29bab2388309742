import Foundation
import HearthDomain
import Testing

@testable import HearthApp

/// Dates typed into forms: date fields send ISO, and a browser that shows them as plain text lets people
/// type them as the hints write them. Every message gives its example in words.
@Suite struct FormDateTests {
    @Test func aDateFieldTakesISOAndTheWrittenForms() {
        var errors = FieldErrorList()
        let expected = CalendarDate(year: 2026, month: 11, day: 27)
        for typed in ["2026-11-27", "27 November 2026", "27/11/2026", " 27th Nov 2026 "] {
            #expect(DateField.parse(typed, field: "on", label: "the date", required: true, into: &errors) == expected)
        }
        #expect(errors.isEmpty)
        #expect(
            DateField.parse("31 November 2026", field: "on", label: "the date", required: true, into: &errors) == nil)
        #expect(errors.message(for: "on") == "The date must be a real date, like 27 November 2026")
    }

    @Test func aMomentTakesAWrittenDateBeforeItsTime() throws {
        var errors = FieldErrorList()
        let now = try #require(UKTime.date("2026-11-30", time: "12:00"))
        let written = Moment.parse(
            Moment.joined("27 November 2026", "16:00"), "at", "the time", required: true, now: now, into: &errors)
        #expect(written == UKTime.date("2026-11-27", time: "16:00"))
        #expect(errors.isEmpty)
        _ = Moment.parse("2026-11-31 16:00", "at", "the time", required: true, now: now, into: &errors)
        #expect(errors.message(for: "at") == "The time must be a real date and time, like 27 November 2026 and 16:00")
    }
}
