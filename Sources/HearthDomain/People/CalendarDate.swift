import Foundation

/// A day in the proleptic Gregorian calendar with no time or time zone: a date of birth, a referral date.
///
/// A `Date` would carry a time zone and shift across midnight; a date of birth must not. Only real dates
/// can be made: 2014-02-30 is refused, 2016-02-29 is allowed. Written and read as ISO 8601 "YYYY-MM-DD".
public struct CalendarDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// A date, or nil if there is no such day (month 13, 31 April, 29 February in a common year).
    /// Years run 1...9999 so that the ISO form is always four digits.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...CalendarDate.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses "YYYY-MM-DD" exactly (as HTML date inputs and the DfE census XML write it).
    public init?(iso text: String) {
        // Every stored date is exactly these ten bytes, so they are read first without trimming: the
        // caseload parses hundreds of dates, and Foundation's trimming and splitting into Characters was
        // a twentieth of its CPU.
        if let date = Self.parseISO(text.utf8) {
            self = date
            return
        }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.utf8.count < text.utf8.count, let date = Self.parseISO(trimmed.utf8) else { return nil }
        self = date
    }

    /// "YYYY-MM-DD" as exactly ten ASCII bytes, or nil.
    private static func parseISO(_ bytes: String.UTF8View) -> CalendarDate? {
        guard bytes.count == 10 else { return nil }
        var fields = (year: 0, month: 0, day: 0)
        for (offset, byte) in bytes.enumerated() {
            if offset == 4 || offset == 7 {
                guard byte == UInt8(ascii: "-") else { return nil }
                continue
            }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let digit = Int(byte - UInt8(ascii: "0"))
            switch offset {
            case ..<4: fields.year = fields.year * 10 + digit
            case ..<7: fields.month = fields.month * 10 + digit
            default: fields.day = fields.day * 10 + digit
            }
        }
        return CalendarDate(year: fields.year, month: fields.month, day: fields.day)
    }

    /// Parses a date as people in England write it: "12/03/2014", "12-3-2014", "12.03.2014" (day first),
    /// "12 March 2014" or "12th Mar 2014" (as the forms' hints write them, for a browser that shows a date
    /// field as plain text), or ISO "2014-03-12". Two-digit years are refused: "12/03/14" could be 1914 or
    /// 2014.
    public init?(ukOrISO text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let iso = CalendarDate(iso: trimmed) {
            self = iso
            return
        }
        if let written = Self.parseWritten(trimmed) {
            self = written
            return
        }
        let parts = trimmed.split(whereSeparator: { $0 == "/" || $0 == "-" || $0 == "." })
        guard parts.count == 3, parts[2].count == 4, (1...2).contains(parts[0].count), (1...2).contains(parts[1].count),
            let day = Int(parts[0]), let month = Int(parts[1]), let year = Int(parts[2])
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// "12 March 2014", "12th Mar 2014", "12 march, 2014": a day, a month's name or its first three
    /// letters, and a four-digit year.
    private static func parseWritten(_ text: String) -> CalendarDate? {
        let words = text.lowercased().split(whereSeparator: { $0 == " " || $0 == "," })
        guard words.count == 3, words[2].count == 4, let year = Int(words[2]) else { return nil }
        let dayText = words[0].drop(while: \.isNumber)
        guard ["", "st", "nd", "rd", "th"].contains(dayText), let day = Int(words[0].prefix(while: \.isNumber)),
            let month = monthNames.firstIndex(where: {
                let name = $0.lowercased()
                return name == words[1] || (words[1].count == 3 && name.hasPrefix(words[1]))
            })
        else { return nil }
        return CalendarDate(year: year, month: month + 1, day: day)
    }

    /// The number of days in a month, accounting for leap years.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// "YYYY-MM-DD".
    public var iso: String {
        "\(year.zeroPadded(4))-\(month.zeroPadded(2))-\(day.zeroPadded(2))"
    }

    public var description: String { iso }

    /// The date as people in England read it: "12 March 2014".
    public var written: String {
        "\(day) \(Self.monthNames[month - 1]) \(year)"
    }

    /// The months' names in English, January first.
    public static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]

    /// The date with day and month exchanged (2014-03-12 becomes 2014-12-03), or nil when that is not a
    /// real date or is the same date. A common slip between UK and US order.
    public var dayMonthSwapped: CalendarDate? {
        guard day != month else { return nil }
        return CalendarDate(year: year, month: day, day: month)
    }

    /// Whether the two dates differ in exactly one digit of their eight (YYYYMMDD): 2014-03-12 and
    /// 2014-03-13, or 2014-03-12 and 2016-03-12.
    public func differsByOneDigit(from other: CalendarDate) -> Bool {
        let lhs = Array(iso.filter(\.isNumber))
        let rhs = Array(other.iso.filter(\.isNumber))
        return zip(lhs, rhs).filter { $0 != $1 }.count == 1
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    // Stored and sent as the ISO string, which is what the census and the database columns hold.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = CalendarDate(iso: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "Not a YYYY-MM-DD date: \(text)")
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }
}

extension Int {
    /// The digits padded with zeros to `width`, without `String(format:)`, which is slow on Linux and
    /// runs for every date a page shows.
    public func zeroPadded(_ width: Int) -> String {
        let digits = String(self)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
