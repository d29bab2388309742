import Foundation

/// Which days count as working days for statutory timescales: not Saturday or Sunday, not a bank holiday
/// in England and Wales, and not one of the organisation's own closure days.
///
/// "N working days after" never counts the start day itself: a referral on Monday with a one working day
/// timescale is due by the end of Tuesday.
public struct WorkingDayCalendar: Sendable {
    public let holidays: EnglandAndWalesHolidays
    /// Days the organisation itself is closed (a council's extra day at Christmas). They are kept apart
    /// from the bank holidays so that a local decision never changes what the law calls a holiday.
    public let localClosures: Set<CalendarDate>

    public init(
        holidays: EnglandAndWalesHolidays = EnglandAndWalesHolidays(),
        localClosures: some Sequence<CalendarDate> = [CalendarDate]()
    ) {
        self.holidays = holidays
        self.localClosures = Set(localClosures)
    }

    public func isWorkingDay(_ date: CalendarDate) -> Bool {
        var cache = HolidayCache(holidays: holidays)
        return isWorkingDay(date, cache: &cache)
    }

    /// The date `n` working days after `date` (before it when `n` is negative). The start day does not
    /// count and need not itself be a working day; with `n` of 0 the date comes back unchanged.
    public func addingWorkingDays(_ n: Int, to date: CalendarDate) -> CalendarDate {
        var cache = HolidayCache(holidays: holidays)
        let step = n < 0 ? -1 : 1
        var remaining = abs(n)
        var current = date
        while remaining > 0 {
            current = current.adding(days: step)
            if isWorkingDay(current, cache: &cache) { remaining -= 1 }
        }
        return current
    }

    /// The number of working days after `start` up to and including `end`, so that
    /// `workingDays(from: d, to: addingWorkingDays(n, to: d)) == n`. Negative when `end` is before `start`.
    public func workingDays(from start: CalendarDate, to end: CalendarDate) -> Int {
        if end < start { return -workingDays(from: end, to: start) }
        var cache = HolidayCache(holidays: holidays)
        var count = 0
        var current = start
        while current < end {
            current = current.adding(days: 1)
            if isWorkingDay(current, cache: &cache) { count += 1 }
        }
        return count
    }

    /// `date` itself if it is a working day, otherwise the first working day after it.
    public func nextWorkingDay(onOrAfter date: CalendarDate) -> CalendarDate {
        var cache = HolidayCache(holidays: holidays)
        var current = date
        while !isWorkingDay(current, cache: &cache) { current = current.adding(days: 1) }
        return current
    }

    private func isWorkingDay(_ date: CalendarDate, cache: inout HolidayCache) -> Bool {
        !date.weekday.isWeekend && !localClosures.contains(date) && !cache.isHoliday(date)
    }
}

/// The holidays of each year met during one walk over the calendar, so a walk of many days works out
/// each year's holidays once rather than once a day.
private struct HolidayCache {
    let holidays: EnglandAndWalesHolidays
    var byYear: [Int: Set<CalendarDate>] = [:]

    mutating func isHoliday(_ date: CalendarDate) -> Bool {
        if let dates = byYear[date.year] { return dates.contains(date) }
        let dates = Set(holidays.holidays(in: date.year).map(\.date))
        byYear[date.year] = dates
        return dates.contains(date)
    }
}
