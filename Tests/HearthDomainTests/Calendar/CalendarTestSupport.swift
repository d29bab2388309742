import Foundation

@testable import HearthDomain

/// A date written in a test as "YYYY-MM-DD"; a typo in a test literal should stop the test, not pass.
func day(_ iso: String) -> CalendarDate {
    guard let date = CalendarDate(iso: iso) else { preconditionFailure("Bad test date \(iso)") }
    return date
}

/// A moment written in a test as ISO 8601 with an explicit offset, so the expected instant is unambiguous.
func instant(_ text: String) -> Date {
    guard let date = ISO8601DateFormatter().date(from: text) else { preconditionFailure("Bad test instant \(text)") }
    return date
}
