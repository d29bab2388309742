import Foundation

/// One bank holiday as observed: the day offices are closed, which for a substitute day is not the
/// day the holiday nominally falls on.
public struct BankHoliday: Sendable, Hashable, Codable, CustomStringConvertible {
    public let date: CalendarDate
    /// "Christmas Day", "Early May bank holiday", "Platinum Jubilee bank holiday".
    public let name: String
    /// True when the holiday fell at a weekend and this weekday is taken in its place.
    public let isSubstitute: Bool

    public init(date: CalendarDate, name: String, isSubstitute: Bool = false) {
        self.date = date
        self.name = name
        self.isSubstitute = isSubstitute
    }

    public var description: String {
        "\(date.iso) \(name)\(isSubstitute ? " (substitute day)" : "")"
    }
}

/// The bank holidays of England and Wales for any year: the eight set by rule, then the one-off changes
/// made by royal proclamation, which are kept as data in `knownProclamations`.
///
/// Computed rather than looked up in a published table so that a timescale running into a year nobody
/// has published yet still skips the right days. The one-offs cannot be computed, so a new proclamation
/// is one more line in `knownProclamations` (or passed to `init(proclamations:)` from configuration).
public struct EnglandAndWalesHolidays: Sendable, Hashable {
    /// The holidays that recur every year by rule. The raw value is the name shown to people.
    public enum Regular: String, Sendable, Hashable, Codable, CaseIterable {
        case newYearsDay = "New Year's Day"
        case goodFriday = "Good Friday"
        case easterMonday = "Easter Monday"
        case earlyMay = "Early May bank holiday"
        case spring = "Spring bank holiday"
        case summer = "Summer bank holiday"
        case christmasDay = "Christmas Day"
        case boxingDay = "Boxing Day"
    }

    /// A one-off change by proclamation, taking effect on `date`.
    public struct Proclamation: Sendable, Hashable, Codable {
        public enum Change: Sendable, Hashable, Codable {
            /// The regular holiday of that name in the same year as `date` is held on `date` instead; its
            /// usual day becomes a working day.
            case moves(Regular)
            /// An extra holiday on `date`.
            case adds(name: String)
        }

        public let date: CalendarDate
        public let change: Change

        public init(date: CalendarDate, change: Change) {
            self.date = date
            self.change = change
        }

        /// For writing the data table: traps on a malformed date, which a test over the table would catch.
        init(_ iso: String, _ change: Change) {
            guard let date = CalendarDate(iso: iso) else { preconditionFailure("Not a YYYY-MM-DD date: \(iso)") }
            self.init(date: date, change: change)
        }
    }

    /// Every one-off change since 2012, one line each. Add a new proclamation here.
    public static let knownProclamations: [Proclamation] = [
        Proclamation("2012-06-04", .moves(.spring)),
        Proclamation("2012-06-05", .adds(name: "Queen's Diamond Jubilee")),
        Proclamation("2020-05-08", .moves(.earlyMay)),
        Proclamation("2022-06-02", .moves(.spring)),
        Proclamation("2022-06-03", .adds(name: "Platinum Jubilee bank holiday")),
        Proclamation("2022-09-19", .adds(name: "Bank holiday for the State Funeral of Queen Elizabeth II")),
        Proclamation("2023-05-08", .adds(name: "Bank holiday for the coronation of King Charles III")),
    ]

    public let proclamations: [Proclamation]

    public init(proclamations: [Proclamation] = EnglandAndWalesHolidays.knownProclamations) {
        self.proclamations = proclamations
    }

    /// The bank holidays observed in `year`, in date order.
    public func holidays(in year: Int) -> [BankHoliday] {
        var observed = Self.regularHolidays(in: year)
        for proclamation in proclamations where proclamation.date.year == year {
            switch proclamation.change {
            case .moves(let regular):
                observed.removeAll { $0.name == regular.rawValue }
                observed.append(BankHoliday(date: proclamation.date, name: regular.rawValue))
            case .adds(let name):
                observed.append(BankHoliday(date: proclamation.date, name: name))
            }
        }
        return observed.sorted { ($0.date, $0.name) < ($1.date, $1.name) }
    }

    /// The bank holiday observed on `date`, if any.
    public func holiday(on date: CalendarDate) -> BankHoliday? {
        holidays(in: date.year).first { $0.date == date }
    }

    public func isHoliday(_ date: CalendarDate) -> Bool {
        holiday(on: date) != nil
    }

    /// The eight holidays by rule, before any proclamation, with weekend ones moved to substitute days.
    static func regularHolidays(in year: Int) -> [BankHoliday] {
        let easter = easterSunday(in: year)
        let nominal: [(Regular, CalendarDate)] = [
            (.newYearsDay, CalendarDate(year: year, month: 1, day: 1)!),
            (.goodFriday, easter.adding(days: -2)),
            (.easterMonday, easter.adding(days: 1)),
            (.earlyMay, .first(.monday, ofMonth: 5, year: year)),
            (.spring, .last(.monday, ofMonth: 5, year: year)),
            (.summer, .last(.monday, ofMonth: 8, year: year)),
            (.christmasDay, CalendarDate(year: year, month: 12, day: 25)!),
            (.boxingDay, CalendarDate(year: year, month: 12, day: 26)!),
        ]
        // Holidays already on a weekday keep their day; each weekend one, in date order, takes the next
        // weekday not already taken. That one rule gives every published case: Christmas on a Sunday
        // leaves Boxing Day on Monday 26 and puts Christmas on Tuesday 27; Christmas on a Saturday goes
        // to Monday 27 and Boxing Day (Sunday) to Tuesday 28; Boxing Day alone on a Saturday goes to
        // Monday 28; New Year's Day at a weekend goes to the Monday.
        var taken = Set(nominal.map(\.1).filter { !$0.weekday.isWeekend })
        return nominal.map { regular, date in
            guard date.weekday.isWeekend else { return BankHoliday(date: date, name: regular.rawValue) }
            var substitute = date.adding(days: 1)
            while substitute.weekday.isWeekend || taken.contains(substitute) {
                substitute = substitute.adding(days: 1)
            }
            taken.insert(substitute)
            return BankHoliday(date: substitute, name: regular.rawValue, isSubstitute: true)
        }
    }

    /// Easter Sunday in the Gregorian calendar, by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).
    public static func easterSunday(in year: Int) -> CalendarDate {
        let a = year % 19
        let b = year / 100
        let c = year % 100
        let d = b / 4
        let e = b % 4
        let f = (b + 8) / 25
        let g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4
        let k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return CalendarDate(year: year, month: month, day: day)!
    }
}
