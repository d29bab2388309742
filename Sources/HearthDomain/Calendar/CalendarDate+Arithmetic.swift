import Foundation

/// A day of the week, numbered as ISO 8601 numbers them: Monday is 1, Sunday is 7.
public enum Weekday: Int, Sendable, Hashable, Codable, CaseIterable {
    case monday = 1, tuesday, wednesday, thursday, friday, saturday, sunday

    public var isWeekend: Bool { self == .saturday || self == .sunday }
}

extension CalendarDate {
    /// Days since 1970-01-01 (negative before it). Counting days as one integer makes adding days and
    /// finding the weekday simple arithmetic, with no `Calendar` and no time zone to go wrong.
    public var dayNumber: Int {
        // Howard Hinnant's days_from_civil: years are counted from March so that the leap day falls last.
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date `dayNumber` days after 1970-01-01. Traps outside years 1...9999, which `CalendarDate`
    /// cannot represent; no casework timescale comes near either end.
    public init(dayNumber: Int) {
        // Hinnant's civil_from_days, the inverse of `dayNumber`.
        let shifted = dayNumber + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        guard let date = CalendarDate(year: year, month: month, day: day) else {
            preconditionFailure("Day number \(dayNumber) is outside the years 1...9999")
        }
        self = date
    }

    /// The date `days` days later (earlier when negative).
    public func adding(days: Int) -> CalendarDate {
        CalendarDate(dayNumber: dayNumber + days)
    }

    /// The same day of the month `months` calendar months later (earlier when negative), clamped to the
    /// last day of a shorter month: 31 August plus 3 months is 30 November, 31 January plus 1 month is
    /// 28 or 29 February. This is how "within 3 months" is read: there is no 31 November to wait for.
    public func adding(months: Int) -> CalendarDate {
        let monthsSinceYearZero = year * 12 + (month - 1) + months
        let newYear = monthsSinceYearZero / 12
        let newMonth = monthsSinceYearZero % 12 + 1
        let newDay = min(day, CalendarDate.daysIn(month: newMonth, year: newYear))
        guard let date = CalendarDate(year: newYear, month: newMonth, day: newDay) else {
            preconditionFailure("\(iso) plus \(months) months is outside the years 1...9999")
        }
        return date
    }

    /// The number of days from this date to `other`: positive when `other` is later.
    public func days(to other: CalendarDate) -> Int {
        other.dayNumber - dayNumber
    }

    public var weekday: Weekday {
        // 1970-01-01 was a Thursday, which is index 3 when Monday is 0.
        let mondayBased = ((dayNumber + 3) % 7 + 7) % 7
        return Weekday(rawValue: mondayBased + 1)!
    }

    /// The first day of the month that falls on `weekday`: the first Monday of May.
    public static func first(_ weekday: Weekday, ofMonth month: Int, year: Int) -> CalendarDate {
        let first = CalendarDate(year: year, month: month, day: 1)!
        return first.adding(days: (weekday.rawValue - first.weekday.rawValue + 7) % 7)
    }

    /// The last day of the month that falls on `weekday`: the last Monday of August.
    public static func last(_ weekday: Weekday, ofMonth month: Int, year: Int) -> CalendarDate {
        let last = CalendarDate(year: year, month: month, day: daysIn(month: month, year: year))!
        return last.adding(days: -((last.weekday.rawValue - weekday.rawValue + 7) % 7))
    }
}
