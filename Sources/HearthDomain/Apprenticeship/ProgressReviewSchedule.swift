import Foundation

/// When an apprentice's next progress review is due: the funding rules ask for one at least every three
/// calendar months.
///
/// The interval is the shipped `TimescaleDefaults.apprenticeshipProgressReview` (or an organisation's
/// override of it), so the review prompt and the timescale table cannot disagree. Calendar months clamp to
/// a shorter month's end: a review on 31 August is next due by 30 November, one on 30 November by 28
/// February (29 in a leap year), because there is no 31 November to wait for.
public struct ProgressReviewSchedule: Sendable {
    public var timescale: Timescale

    public init(timescale: Timescale = TimescaleDefaults.apprenticeshipProgressReview) {
        self.timescale = timescale
    }

    public init(book: TimescaleBook) {
        self.init(timescale: book[TimescaleDefaults.apprenticeshipProgressReview])
    }

    /// The last day the review after one held on `lastReview` may be held.
    public func nextDue(after lastReview: CalendarDate) -> CalendarDate {
        // Counted as the timescale counts (from midday, so no clock change can move the day).
        LondonTime.calendarDate(of: timescale.dueMoment(from: LondonTime.moment(lastReview, hour: 12)))
    }

    /// The next review's due date: from the latest review held, or from the start if none has been.
    public func nextDue(start: CalendarDate, reviewsHeld: [CalendarDate]) -> CalendarDate {
        nextDue(after: reviewsHeld.filter { $0 >= start }.max() ?? start)
    }

    /// The end of the due day in London, for `DueState` and work lists that compare moments.
    public func nextDueMoment(start: CalendarDate, reviewsHeld: [CalendarDate]) -> Date {
        LondonTime.endOfDay(nextDue(start: start, reviewsHeld: reviewsHeld))
    }

    /// Reviews held later than three calendar months after the one before (the first counted from the
    /// start), each with the date it was due, so a gap shows in the apprentice's record.
    public func lateReviews(start: CalendarDate, reviewsHeld: [CalendarDate]) -> [(
        held: CalendarDate, due: CalendarDate
    )] {
        var previous = start
        var late: [(held: CalendarDate, due: CalendarDate)] = []
        for review in reviewsHeld.filter({ $0 >= start }).sorted() {
            let due = nextDue(after: previous)
            if review > due { late.append((review, due)) }
            previous = review
        }
        return late
    }
}
