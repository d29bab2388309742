import Foundation
import Testing

@testable import HearthDomain

/// Expected values here were worked out by hand (or with a separate script) from the published
/// algorithms, not by calling the code under test. NHS numbers other than DfE/NHS published examples are
/// synthetic, in the 999 range, which the NHS never issues.
@Suite struct NHSNumberTests {
    @Test(arguments: [
        "9434765870", "943 476 5870", "943-476-5870", " 9434765870 ", "9990000018", "9990000026",
        "9991111115", "9992222220",
    ])
    func acceptsValidNumbers(_ input: String) throws {
        let number = try NHSNumber(validating: input)
        #expect(number.value.count == 10)
        #expect(number.value.allSatisfy { $0.isNumber })
    }

    @Test func normalisesAndFormats() throws {
        let number = try NHSNumber(validating: "943-476 5870")
        #expect(number.value == "9434765870")
        #expect(number.formatted == "943 476 5870")
    }

    @Test(arguments: [
        ("9434765871", IdentifierError.Reason.checkFailed),  // last digit wrong
        ("9434765807", .checkFailed),  // two digits swapped
        ("9991234560", .checkFailed),  // check digit would be 10: never issued
        ("9991234567", .checkFailed),
        ("943476587", .wrongLength),
        ("94347658701", .wrongLength),
        ("943476587O", .invalidCharacters),  // letter O for zero
        ("", .empty),
    ])
    func refusesInvalidNumbers(_ input: String, _ reason: IdentifierError.Reason) {
        #expect(throws: IdentifierError.self) { try NHSNumber(validating: input) }
        guard case .failure(let error) = NHSNumber.validate(input) else {
            Issue.record("\(input) was accepted")
            return
        }
        #expect(error.reason == reason)
        #expect(error.field == .nhsNumber)
    }

    @Test func messagesAreWrittenForPractitioners() throws {
        let length = try #require(NHSNumber.validate("12345").failure)
        #expect(length.message == "NHS number must be 10 digits")
        let check = try #require(NHSNumber.validate("9434765871").failure)
        #expect(check.message == "This is not a valid NHS number: check the digits")
    }

    @Test func checkDigit() {
        #expect(NHSNumber.checkDigit(forFirstNine: [9, 4, 3, 4, 7, 6, 5, 8, 7]) == 0)
        #expect(NHSNumber.checkDigit(forFirstNine: [9, 9, 9, 0, 0, 0, 0, 0, 1]) == 8)
        #expect(NHSNumber.checkDigit(forFirstNine: [9, 9, 9, 1, 2, 3, 4, 5, 6]) == nil)
    }
}

@Suite struct UniquePupilNumberTests {
    // B801200005001 is python-stdnum's example; H801200001001 and the temporary G80120000101A are the DfE
    // guidance's. P207000016049 was worked by hand: 2×2 + 7×4 + 1×9 + 6×10 + 4×12 + 9×13 = 266,
    // 266 mod 23 = 13, which is P.
    @Test(arguments: [
        "B801200005001", "H801200001001", "G80120000101A", "P207000016049", "b801200005001",
        "B 8012 0000 5001", "Q201300012345",
    ])
    func acceptsValidNumbers(_ input: String) throws {
        let upn = try UniquePupilNumber(validating: input)
        #expect(upn.value == upn.value.uppercased())
        #expect(upn.value.count == 13)
    }

    @Test func recognisesTemporaryNumbers() throws {
        let temporary = try UniquePupilNumber(validating: "G80120000101A")
        let permanent = try UniquePupilNumber(validating: "B801200005001")
        #expect(temporary.isTemporary)
        #expect(!permanent.isTemporary)
    }

    @Test(arguments: [
        ("A801200005001", IdentifierError.Reason.checkFailed),  // wrong check letter
        ("Q207000016049", .checkFailed),  // a published worked example whose arithmetic is wrong
        ("B801200005002", .checkFailed),  // right letter for a different number
        ("B801200050001", .checkFailed),  // digits swapped
        ("H80120000101A", .checkFailed),  // temporary number with the wrong letter
        ("G80120000101I", .badFormat),  // I is never used
        ("X80120000A001", .badFormat),  // letter in the middle
        ("8801200005001", .badFormat),  // no check letter
        ("B80120000500", .wrongLength),
        ("B801200005001!", .invalidCharacters),
        ("", .empty),
    ])
    func refusesInvalidNumbers(_ input: String, _ reason: IdentifierError.Reason) {
        guard case .failure(let error) = UniquePupilNumber.validate(input) else {
            Issue.record("\(input) was accepted")
            return
        }
        #expect(error.reason == reason)
        #expect(error.field == .upn)
    }

    @Test func wrongCheckLetterMessage() throws {
        let error = try #require(UniquePupilNumber.validate("A801200005001").failure)
        #expect(error.message == "This is not a valid UPN: check the first letter and the digits")
    }

    @Test func checkLetter() {
        #expect(UniquePupilNumber.checkLetter(forLastTwelve: "801200005001") == "B")
        #expect(UniquePupilNumber.checkLetter(forLastTwelve: "80120000101A") == "G")
        #expect(UniquePupilNumber.checkLetter(forLastTwelve: "8012000010A1") == nil)
    }
}

@Suite struct UniqueLearnerNumberTests {
    // 9276308686 is HESA's worked example; the others were worked by hand with weights 10..2, mod 11.
    @Test(arguments: [
        "9276308686", "1000000000", "1234567899", "5555555554", "4000000003", "9999999998",
        "9276 308 686",
    ])
    func acceptsValidNumbers(_ input: String) throws {
        let uln = try UniqueLearnerNumber(validating: input)
        #expect(uln.value.count == 10)
    }

    @Test(arguments: [
        ("9276308687", IdentifierError.Reason.checkFailed),
        ("9276308668", .checkFailed),  // last two digits swapped
        ("9876543210", .checkFailed),  // remainder 0: no valid check digit
        ("0276308686", .checkFailed),  // may not start with 0
        ("9999999999", .placeholder),
        ("927630868", .wrongLength),
        ("92763O8686", .invalidCharacters),
        ("", .empty),
    ])
    func refusesInvalidNumbers(_ input: String, _ reason: IdentifierError.Reason) {
        guard case .failure(let error) = UniqueLearnerNumber.validate(input) else {
            Issue.record("\(input) was accepted")
            return
        }
        #expect(error.reason == reason)
        #expect(error.field == .uln)
    }

    @Test func checkDigit() {
        #expect(UniqueLearnerNumber.checkDigit(forFirstNine: [9, 2, 7, 6, 3, 0, 8, 6, 8]) == 6)
        #expect(UniqueLearnerNumber.checkDigit(forFirstNine: [9, 8, 7, 6, 5, 4, 3, 2, 1]) == nil)
    }

    @Test func anNHSNumberIsNotAlwaysAULN() {
        // The two checks differ by design, so one number rarely passes both.
        #expect((try? NHSNumber(validating: "9434765870")) != nil)
        #expect((try? UniqueLearnerNumber(validating: "9434765870")) == nil)
    }
}

@Suite struct UKPostcodeTests {
    @Test(arguments: [
        ("SW1A 1AA", "SW1A 1AA", "SW1A", "SW1A 1", "SW"),
        ("sw1a1aa", "SW1A 1AA", "SW1A", "SW1A 1", "SW"),
        ("  ls1   4ap ", "LS1 4AP", "LS1", "LS1 4", "LS"),
        ("M1 1AE", "M1 1AE", "M1", "M1 1", "M"),
        ("B33 8TH", "B33 8TH", "B33", "B33 8", "B"),
        ("CR2 6XH", "CR2 6XH", "CR2", "CR2 6", "CR"),
        ("DN55 1PT", "DN55 1PT", "DN55", "DN55 1", "DN"),
        ("W1A 0AX", "W1A 0AX", "W1A", "W1A 0", "W"),
        ("EC1A 1BB", "EC1A 1BB", "EC1A", "EC1A 1", "EC"),
        ("GIR 0AA", "GIR 0AA", "GIR", "GIR 0", "GIR"),
        ("BF1 3AA", "BF1 3AA", "BF1", "BF1 3", "BF"),
    ])
    func normalises(_ input: String, _ value: String, _ outward: String, _ sector: String, _ area: String) throws {
        let postcode = try UKPostcode(validating: input)
        #expect(postcode.value == value)
        #expect(postcode.outward == outward)
        #expect(postcode.sector == sector)
        #expect(postcode.area == area)
    }

    @Test(arguments: [
        ("SW1A", IdentifierError.Reason.wrongLength),
        ("SW1A 1AAA", .wrongLength),
        ("QA1 1AA", .badFormat),  // Q never starts a postcode
        ("AZ1 1AA", .badFormat),  // Z never second
        ("EC1C 1AA", .badFormat),  // C never fourth
        ("SW1A 1CA", .badFormat),  // C never in the inward code
        ("SW1A AAA", .badFormat),
        ("12345", .badFormat),
        ("SW1A-1AA", .invalidCharacters),
        ("BFPO 123", .badFormat),
        ("", .empty),
    ])
    func refusesInvalidPostcodes(_ input: String, _ reason: IdentifierError.Reason) {
        guard case .failure(let error) = UKPostcode.validate(input) else {
            Issue.record("\(input) was accepted")
            return
        }
        #expect(error.reason == reason)
        #expect(error.field == .postcode)
    }

    @Test func bfpoNumbersGetAnExplanation() throws {
        let error = try #require(UKPostcode.validate("BFPO 105").failure)
        #expect(error.message.contains("BF1"))
    }
}

@Suite struct CalendarDateTests {
    @Test func onlyRealDatesExist() {
        #expect(CalendarDate(year: 2016, month: 2, day: 29) != nil)
        #expect(CalendarDate(year: 2015, month: 2, day: 29) == nil)
        #expect(CalendarDate(year: 1900, month: 2, day: 29) == nil)
        #expect(CalendarDate(year: 2000, month: 2, day: 29) != nil)
        #expect(CalendarDate(year: 2014, month: 4, day: 31) == nil)
        #expect(CalendarDate(year: 2014, month: 13, day: 1) == nil)
        #expect(CalendarDate(year: 2014, month: 0, day: 1) == nil)
        #expect(CalendarDate(year: 2014, month: 1, day: 0) == nil)
    }

    @Test func readsAndWritesISO() throws {
        let date = try #require(CalendarDate(iso: "2014-03-12"))
        #expect(date.year == 2014 && date.month == 3 && date.day == 12)
        #expect(date.iso == "2014-03-12")
        #expect(CalendarDate(iso: "2014-3-12") == nil)
        #expect(CalendarDate(iso: "2014-02-30") == nil)
        #expect(CalendarDate(iso: "12/03/2014") == nil)
        // Spaces and tabs around the date are allowed; anything else that is not ten ASCII bytes is not.
        #expect(CalendarDate(iso: " 2014-03-12\t") == date)
        #expect(CalendarDate(iso: "2014-03-12\n") == nil)
        #expect(CalendarDate(iso: "2014/03/12") == nil)
        #expect(CalendarDate(iso: "2014-03-1x") == nil)
        #expect(CalendarDate(iso: "2014-03-١٢") == nil)  // Arabic-Indic digits are numbers, not ASCII
        #expect(CalendarDate(iso: "0000-03-12") == nil)
        #expect(CalendarDate(iso: "20140-3-12") == nil)
    }

    @Test func readsDatesAsWrittenInEngland() {
        let expected = CalendarDate(year: 2014, month: 3, day: 12)
        #expect(CalendarDate(ukOrISO: "12/03/2014") == expected)
        #expect(CalendarDate(ukOrISO: "12/3/2014") == expected)
        #expect(CalendarDate(ukOrISO: "12.03.2014") == expected)
        #expect(CalendarDate(ukOrISO: "2014-03-12") == expected)
        #expect(CalendarDate(ukOrISO: "12/03/14") == nil)
        // As the forms' hints write dates, for browsers that show a date field as text.
        #expect(CalendarDate(ukOrISO: "12 March 2014") == expected)
        #expect(CalendarDate(ukOrISO: " 12th mar, 2014 ") == expected)
        #expect(CalendarDate(ukOrISO: "31 February 2014") == nil)
        #expect(CalendarDate(ukOrISO: "12 Marchy 2014") == nil)
        #expect(CalendarDate(ukOrISO: "12x March 2014") == nil)
    }

    @Test func isWrittenAsPeopleInEnglandReadDates() {
        #expect(CalendarDate(iso: "2014-03-12")?.written == "12 March 2014")
        #expect(CalendarDate(iso: "2026-11-01")?.written == "1 November 2026")
        #expect(CalendarDate(iso: "2016-02-29")?.written == "29 February 2016")
    }

    @Test func swapsDayAndMonth() {
        #expect(CalendarDate(iso: "2014-03-12")?.dayMonthSwapped == CalendarDate(iso: "2014-12-03"))
        #expect(CalendarDate(iso: "2014-03-13")?.dayMonthSwapped == nil)  // no month 13
        #expect(CalendarDate(iso: "2014-03-03")?.dayMonthSwapped == nil)  // the same date
    }

    @Test func oneDigitDifferences() throws {
        let date = try #require(CalendarDate(iso: "2014-03-12"))
        let nextDay = try #require(CalendarDate(iso: "2014-03-13"))
        let twoYearsLater = try #require(CalendarDate(iso: "2016-03-12"))
        let swapped = try #require(CalendarDate(iso: "2014-12-03"))
        #expect(date.differsByOneDigit(from: nextDay))
        #expect(date.differsByOneDigit(from: twoYearsLater))
        #expect(!date.differsByOneDigit(from: date))
        #expect(!date.differsByOneDigit(from: swapped))
    }

    @Test func ordersAndCodes() throws {
        let earlier = try #require(CalendarDate(iso: "2013-12-31"))
        let later = try #require(CalendarDate(iso: "2014-01-01"))
        #expect(earlier < later)
        let data = try JSONEncoder().encode([later])
        #expect(String(decoding: data, as: UTF8.self) == #"["2014-01-01"]"#)
        #expect(try JSONDecoder().decode([CalendarDate].self, from: data) == [later])
    }
}

extension Result {
    fileprivate var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
