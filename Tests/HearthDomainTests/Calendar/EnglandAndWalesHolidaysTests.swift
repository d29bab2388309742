import Foundation
import Testing

@testable import HearthDomain

/// Expected dates are as published on gov.uk/bank-holidays, written out by hand.
@Suite struct EnglandAndWalesHolidaysTests {
    let holidays = EnglandAndWalesHolidays()

    func dates(_ year: Int) -> [String] { holidays.holidays(in: year).map(\.date.iso) }

    @Test func anOrdinaryYearHasTheEightHolidaysByName() {
        let expected = [
            ("2025-01-01", "New Year's Day"), ("2025-04-18", "Good Friday"), ("2025-04-21", "Easter Monday"),
            ("2025-05-05", "Early May bank holiday"), ("2025-05-26", "Spring bank holiday"),
            ("2025-08-25", "Summer bank holiday"), ("2025-12-25", "Christmas Day"), ("2025-12-26", "Boxing Day"),
        ]
        let actual = holidays.holidays(in: 2025)
        #expect(actual.map(\.date.iso) == expected.map(\.0))
        #expect(actual.map(\.name) == expected.map(\.1))
        #expect(actual.allSatisfy { !$0.isSubstitute })
    }

    @Test func christmasOnSaturdayMovesBothToMondayAndTuesday() {
        // 2021 and 2027: Christmas Day Saturday, Boxing Day Sunday.
        for year in [2021, 2027] {
            let christmas = holidays.holidays(in: year).suffix(2)
            #expect(christmas.map(\.date.iso) == ["\(year)-12-27", "\(year)-12-28"])
            #expect(christmas.map(\.name) == ["Christmas Day", "Boxing Day"])
            #expect(christmas.allSatisfy { $0.isSubstitute })
            #expect(holidays.holiday(on: day("\(year)-12-25")) == nil)
        }
    }

    @Test func christmasOnSundayLeavesBoxingDayMondayAndMovesChristmasToTuesday() {
        // 2022 (and 2016): Christmas Day Sunday.
        for year in [2016, 2022] {
            #expect(holidays.holiday(on: day("\(year)-12-26"))?.name == "Boxing Day")
            #expect(holidays.holiday(on: day("\(year)-12-26"))?.isSubstitute == false)
            #expect(holidays.holiday(on: day("\(year)-12-27"))?.name == "Christmas Day")
            #expect(holidays.holiday(on: day("\(year)-12-27"))?.isSubstitute == true)
        }
    }

    @Test func boxingDayOnSaturdayMovesToMonday28() {
        // 2020: Christmas Day Friday, Boxing Day Saturday.
        #expect(Array(dates(2020).suffix(2)) == ["2020-12-25", "2020-12-28"])
    }

    @Test func christmasOnWeekdaysIsNotMoved() {
        #expect(Array(dates(2023).suffix(2)) == ["2023-12-25", "2023-12-26"])
        #expect(Array(dates(2026).suffix(2)) == ["2026-12-25", "2026-12-28"])  // Friday, then Boxing Day Sat
    }

    @Test(arguments: [
        (2022, "2022-01-03"),  // Saturday
        (2023, "2023-01-02"),  // Sunday
        (2027, "2027-01-01"),  // Friday
        (2028, "2028-01-03"),  // Saturday
        (2017, "2017-01-02"),  // Sunday
    ])
    func newYearsDayAtAWeekendMovesToMonday(year: Int, expected: String) {
        let newYear = holidays.holidays(in: year).first
        #expect(newYear?.name == "New Year's Day")
        #expect(newYear?.date == day(expected))
    }

    @Test(arguments: [
        (2024, "2024-03-31"), (2025, "2025-04-20"), (2026, "2026-04-05"), (2019, "2019-04-21"),
        (2011, "2011-04-24"), (2038, "2038-04-25"), (2008, "2008-03-23"), (2285, "2285-03-22"),
    ])
    func easterSunday(year: Int, expected: String) {
        #expect(EnglandAndWalesHolidays.easterSunday(in: year) == day(expected))
    }

    @Test(arguments: [
        (2024, "2024-03-29", "2024-04-01"), (2025, "2025-04-18", "2025-04-21"),
        (2026, "2026-04-03", "2026-04-06"),
    ])
    func goodFridayAndEasterMonday(year: Int, goodFriday: String, easterMonday: String) {
        #expect(holidays.holiday(on: day(goodFriday))?.name == "Good Friday")
        #expect(holidays.holiday(on: day(easterMonday))?.name == "Easter Monday")
    }

    @Test func diamondJubilee2012() {
        #expect(
            dates(2012) == [
                "2012-01-02", "2012-04-06", "2012-04-09", "2012-05-07", "2012-06-04", "2012-06-05", "2012-08-27",
                "2012-12-25", "2012-12-26",
            ])
        #expect(holidays.holiday(on: day("2012-06-04"))?.name == "Spring bank holiday")
        #expect(!holidays.isHoliday(day("2012-05-28")))  // the usual last Monday of May
    }

    @Test func veDay2020() {
        #expect(holidays.holiday(on: day("2020-05-08"))?.name == "Early May bank holiday")
        #expect(!holidays.isHoliday(day("2020-05-04")))
        #expect(dates(2020).count == 8)
    }

    @Test func platinumJubileeAndStateFuneral2022() {
        #expect(
            dates(2022) == [
                "2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02", "2022-06-02", "2022-06-03", "2022-08-29",
                "2022-09-19", "2022-12-26", "2022-12-27",
            ])
        #expect(holidays.holiday(on: day("2022-06-02"))?.name == "Spring bank holiday")
        #expect(!holidays.isHoliday(day("2022-05-30")))
    }

    @Test func coronation2023() {
        #expect(
            dates(2023) == [
                "2023-01-02", "2023-04-07", "2023-04-10", "2023-05-01", "2023-05-08", "2023-05-29", "2023-08-28",
                "2023-12-25", "2023-12-26",
            ])
    }

    @Test func aNewProclamationIsOneLineOfData() {
        let withExtra = EnglandAndWalesHolidays(
            proclamations: EnglandAndWalesHolidays.knownProclamations + [
                .init(date: day("2030-07-01"), change: .adds(name: "Example extra day"))
            ])
        #expect(withExtra.holiday(on: day("2030-07-01"))?.name == "Example extra day")
        #expect(!holidays.isHoliday(day("2030-07-01")))
        #expect(EnglandAndWalesHolidays(proclamations: []).isHoliday(day("2012-05-28")))
    }

    @Test func holidaysFallOnTheRightWeekdays() {
        for year in 1980...2100 {
            let observed = holidays.holidays(in: year)
            #expect(observed.allSatisfy { !$0.date.weekday.isWeekend }, "weekend holiday in \(year)")
            #expect(Set(observed.map(\.date)).count == observed.count, "two holidays on one day in \(year)")
            for holiday in observed {
                switch holiday.name {
                case "Good Friday": #expect(holiday.date.weekday == .friday)
                case "Easter Monday": #expect(holiday.date.weekday == .monday)
                case "Early May bank holiday" where year != 2020, "Spring bank holiday" where year != 2022,
                    "Summer bank holiday":
                    #expect(holiday.date.weekday == .monday, "\(holiday)")
                default: break
                }
            }
            if ![2012, 2022, 2023].contains(year) { #expect(observed.count == 8, "\(year)") }
        }
    }

    @Test func everyProclamationIsOnAWeekday() {
        #expect(EnglandAndWalesHolidays.knownProclamations.allSatisfy { !$0.date.weekday.isWeekend })
    }
}
