import Foundation

/// Dates and times as pages show them: UK style, in UK time.
enum DisplayFormat {
    private static let london = TimeZone(identifier: "Europe/London")!

    static func dateTime(_ date: Date) -> String {
        var style = Date.FormatStyle(locale: Locale(identifier: "en_GB"), timeZone: london)
        style = style.day().month(.abbreviated).year().hour(.twoDigits(amPM: .omitted)).minute()
        return date.formatted(style)
    }

    /// ISO 8601 in UTC, for the API and machine-readable attributes.
    static func iso8601(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
