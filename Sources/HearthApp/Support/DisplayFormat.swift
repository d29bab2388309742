import Foundation
import HearthDomain
import LeafKit

/// Dates, times and numbers as pages show them: UK style, in UK time.
enum DisplayFormat {
    /// A whole number with a comma from a thousand up, as GOV.UK writes them: "8,000".
    static func number(_ value: Int) -> String {
        value.formatted(.number.locale(Locale(identifier: "en_GB")))
    }

    // Made once: a page can show hundreds of dates.
    private static let dateTimeStyle = Date.FormatStyle(
        locale: Locale(identifier: "en_GB"), timeZone: LondonTime.timeZone
    )
    .day().month(.wide).year().hour(.twoDigits(amPM: .omitted)).minute(.twoDigits)

    static func dateTime(_ date: Date) -> String {
        date.formatted(dateTimeStyle)
    }

    /// An ISO 8601 moment from the API's shapes, shown as `dateTime`; anything else as it came.
    static func dateTime(iso: String) -> String {
        ISO8601DateFormatter().date(from: iso).map(dateTime) ?? iso
    }

    /// A YYYY-MM-DD calendar date as "12 March 2014"; anything else as it came.
    static func calendarDate(_ text: String) -> String {
        CalendarDate(iso: text)?.written ?? text
    }

    /// A due moment: "by 3 December 2026" when it is the end of a day, which is what day timescales give;
    /// otherwise the date and time.
    static func due(_ date: Date) -> String {
        let day = LondonTime.calendarDate(of: date)
        return LondonTime.endOfDay(day) == date ? calendarDate(day.iso) : dateTime(date)
    }

    /// ISO 8601 in UTC, for the API and machine-readable attributes.
    static func iso8601(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}

/// `#ukDate(value)` in a template: a YYYY-MM-DD date as `DisplayFormat.calendarDate` shows it and an ISO 8601
/// moment as `DisplayFormat.dateTime`; anything else, or nothing, as it came. Pages that render the API's
/// shapes, whose dates stay ISO for machines, show them this way. Escaped like any other value.
struct DisplayDateTag: LeafTag {
    func render(_ ctx: LeafContext) throws -> LeafData {
        guard ctx.parameters.count == 1 else { throw LeafError(.unknownError("#ukDate() takes one value")) }
        guard let text = ctx.parameters[0].string else { return ctx.parameters[0] }
        return .string(text.contains("T") ? DisplayFormat.dateTime(iso: text) : DisplayFormat.calendarDate(text))
    }
}
