import Foundation
import Testing

@testable import HearthDomain

/// A synthetic population of people with deliberately similar names, dates of birth and postcodes.
/// None of them is a real person; identifiers are in ranges that are never issued or are published
/// examples, and postcodes are only well-formed.
enum SyntheticPeople {
    static func id(_ number: Int) -> UUID {
        UUID(uuidString: String(format: "00000000-0000-0000-0000-%012d", number))!
    }

    static func date(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }

    /// A valid synthetic NHS number in the never-issued 999 range.
    static func nhs(_ serial: Int) -> NHSNumber {
        var serial = serial
        while true {
            let nine = "999" + String(format: "%06d", serial)
            if let check = NHSNumber.checkDigit(forFirstNine: nine.compactMap(\.wholeNumberValue)) {
                return try! NHSNumber(validating: nine + String(check))
            }
            serial += 1
        }
    }

    static func upn(_ serial: Int) -> UniquePupilNumber {
        let twelve = "9990000" + String(format: "%05d", serial)
        return try! UniquePupilNumber(
            validating: String(UniquePupilNumber.checkLetter(forLastTwelve: twelve)!) + twelve)
    }

    static func uln(_ serial: Int) -> UniqueLearnerNumber {
        var serial = serial
        while true {
            let nine = "88800" + String(format: "%04d", serial)
            if let check = UniqueLearnerNumber.checkDigit(forFirstNine: nine.compactMap(\.wholeNumberValue)) {
                return try! UniqueLearnerNumber(validating: nine + String(check))
            }
            serial += 1
        }
    }

    static func postcode(_ text: String) -> UKPostcode { try! UKPostcode(validating: text) }

    static func person(
        _ number: Int, _ given: String, _ family: String, _ dob: String?, postcodes: [String] = [],
        otherNames: [KnownName] = [], nhs: NHSNumber? = nil, upn: UniquePupilNumber? = nil,
        uln: UniqueLearnerNumber? = nil
    ) -> PersonFacts {
        PersonFacts(
            id: id(number), names: [KnownName(given: given, family: family)] + otherNames,
            dateOfBirth: dob.map(date), nhsNumber: nhs, upn: upn, uln: uln, postcodes: postcodes.map(postcode))
    }

    static let all: [PersonFacts] = [
        person(1, "Amara", "Okafor", "2014-03-12", postcodes: ["LS8 2QA"], nhs: NHSNumber(checked: "9434765870")),
        person(2, "Amira", "Okafor", "2012-07-01", postcodes: ["LS8 2QA"]),
        person(3, "Amara", "Okonkwo", "2014-03-21", postcodes: ["LS9 7HT"]),
        person(4, "Chidi", "Okafor", "2014-03-12", postcodes: ["LS8 2QA"]),
        person(5, "Mohammed", "Rahman", "2011-05-09", postcodes: ["BD3 9LF"], upn: upn(1)),
        person(6, "Mohammed", "Rahim", "2011-09-05", postcodes: ["BD3 9LF"]),
        person(7, "Mohamed", "Rehman", "2009-01-15", postcodes: ["BD5 0AB"]),
        person(8, "Muhammad", "Rahman", "2016-10-30", postcodes: ["B11 1LS"]),
        person(9, "Sean", "Murphy", "2013-02-14", postcodes: ["L4 0TH"], uln: uln(1)),
        person(10, "Shane", "Murphy", "2013-08-20", postcodes: ["L4 0TH"]),
        person(11, "Sean", "Murray", "2010-11-11", postcodes: ["L5 3PX"]),
        person(
            12, "Katherine", "Walsh", "2015-06-03", postcodes: ["M14 5RQ"],
            otherNames: [KnownName(given: "Katie", family: "Walsh", kind: .preferred)]),
        person(13, "Kathleen", "Walsh", "2008-04-22", postcodes: ["M14 5RQ"]),
        person(14, "Catherine", "Welsh", "2015-03-06", postcodes: ["M20 2LN"]),
        person(15, "Stephen", "Hughes", "2012-12-01", postcodes: ["NE6 1SB"]),
        person(16, "Stephanie", "Hughes", "2012-01-12", postcodes: ["NE6 1SB"]),
        person(17, "John", "Baptiste", "2010-09-09", postcodes: ["E8 2NS"]),
        person(18, "Joan", "Baptiste", "2011-03-04", postcodes: ["E8 2NS"]),
        person(19, "Aisha", "Begum", "2016-01-20", postcodes: ["E1 6QL"]),
        person(20, "Asha", "Begum", "2016-02-20", postcodes: ["E1 6QL"]),
        person(21, "Ayesha", "Bibi", "2014-05-05", postcodes: ["E1 5JL"]),
        person(22, "Zoe", "Patel", "2013-09-17", postcodes: ["LE4 6AW"]),
        person(23, "Zara", "Patel", "2013-09-17", postcodes: ["LE4 6AW"]),
        person(24, "Zoe", "Patil", "2012-06-06", postcodes: ["LE5 3BD"]),
        person(25, "Jayden", "Clarke", "2015-10-02", postcodes: ["NG7 2FT"]),
        person(26, "Jaden", "Clark", "2014-10-02", postcodes: ["NG7 5HY"]),
        person(27, "Jordan", "Clarke", "2015-10-02", postcodes: ["NG7 2FT"]),
        person(28, "Lily-Mae", "O'Brien", "2017-04-04", postcodes: ["S2 4QT"]),
        person(29, "Lily", "O'Brian", "2016-04-04", postcodes: ["S2 5AA"]),
        person(
            30, "Grace", "Thompson", "2012-02-02", postcodes: ["SR4 7AE", "SR2 8JU"],
            otherNames: [KnownName(given: "Grace", family: "Lewis", kind: .previous)]),
        person(31, "Grace", "Lewis", "2004-08-08", postcodes: ["SR1 3SD"]),
        person(32, "Oliver", "Nowak", "2011-11-30", postcodes: ["PE1 2QW"]),
        person(33, "Olivia", "Nowak", "2011-11-30", postcodes: ["PE1 2QW"]),
        person(34, "Oluwaseun", "Adeyemi", "2013-01-31", postcodes: ["SE15 4TR"], nhs: nhs(101)),
        person(35, "Tobi", "Adeyemi", "2015-07-19", postcodes: ["SE15 4TR"]),
        person(36, "Ewa", "Kowalska", "2012-03-03", postcodes: ["SL1 2PE"]),
        person(37, "Eva", "Kowalski", "2010-03-03", postcodes: ["SL1 1XX"]),
        person(38, "Fatima", "Hussain", "2014-02-10", postcodes: ["OL8 1HS"]),
        person(39, "Fatema", "Hussein", "2014-10-02", postcodes: ["OL9 6EP"]),
        person(40, "Daniel", "Nguyen", "2010-06-15", postcodes: ["CV1 4FS"]),
        person(41, "Danielle", "Nguyen", "2010-06-15", postcodes: ["CV1 4FS"]),
        person(42, "Chloé", "Zhang", "2016-12-25", postcodes: ["CB1 2LA"]),
        person(43, "Kieran", "Doherty", "2013-05-30", postcodes: ["DH1 3LE"]),
        person(44, "Ciaran", "Docherty", "2011-05-30", postcodes: ["DH1 4RZ"]),
        person(45, "Jack", "Smith", "2014-08-08", postcodes: ["HU3 2AB"]),
        person(46, "Jake", "Smyth", "2014-08-18", postcodes: ["HU3 2AB"]),
        person(
            47, "Tyler", "Reid", "2012-05-25", postcodes: ["PL1 3DH"],
            otherNames: [KnownName(given: "TJ", family: "Reed", kind: .alias)]),
        person(48, "Amaya", "Okafor-Bello", "2018-01-09", postcodes: ["LS8 3AB"]),
    ]

    static func named(_ number: Int) -> PersonFacts { all.first { $0.id == id(number) }! }
}

extension NHSNumber {
    fileprivate init(checked: String) { try! self.init(validating: checked) }
}

/// An in-memory stand-in for the key table: the app stores `(person_id, key)` rows and queries them.
struct KeyIndex {
    var people: [UUID: PersonFacts] = [:]
    var rows: [SearchKey: Set<UUID>] = [:]

    init(_ population: [PersonFacts]) {
        for person in population {
            people[person.id!] = person
            for key in PersonSearchKeys.keys(for: person) { rows[key, default: []].insert(person.id!) }
        }
    }

    /// The candidates sharing any key with the query, strongest shared keys first, as the SQL would
    /// order them by summed retrieval weight.
    func candidates(for query: PersonQuery, limit: Int = 200) -> [PersonFacts] {
        var weights: [UUID: Int] = [:]
        for key in PersonSearchKeys.keys(for: query) {
            for id in rows[key] ?? [] { weights[id, default: 0] += key.kind.retrievalWeight }
        }
        return weights.sorted { ($0.value, $1.key.uuidString) > ($1.value, $0.key.uuidString) }
            .prefix(limit).map { people[$0.key]! }
    }
}

@Suite struct PersonSearchTests {
    let matcher = PersonMatcher()
    let index = KeyIndex(SyntheticPeople.all)

    struct Case: CustomTestStringConvertible, Sendable {
        let text: String
        let dob: String?
        let expected: Int
        var testDescription: String { text + (dob.map { " born \($0)" } ?? "") }
    }

    static let cases: [Case] = [
        Case(text: "Amara Okafro", dob: nil, expected: 1),  // letters swapped in the family name
        Case(text: "Okafro", dob: nil, expected: 1),  // one name only, misspelt
        Case(text: "Amara Okafor", dob: "2014-12-03", expected: 1),  // day and month swapped
        Case(text: "Okafor, Amara", dob: nil, expected: 1),  // family, given
        Case(text: "Okafor Amara", dob: nil, expected: 1),  // family given, no comma
        Case(text: "Okafor 12/03/2014", dob: nil, expected: 1),  // date in the text
        Case(text: "Amara Okafor", dob: "2014-03-13", expected: 1),  // one digit out
        Case(text: "Jaydne Clarke", dob: nil, expected: 25),
        Case(text: "Jaydne Clark", dob: "2015-10-02", expected: 25),
        Case(text: "Muhammad Rahman", dob: "2011-05-09", expected: 5),
        Case(text: "Mohamad Rahman", dob: nil, expected: 5),
        Case(text: "Mohammed Rahman", dob: "2011-09-05", expected: 5),  // swapped, and Rahim was born on it
        Case(text: "Shawn Murphy", dob: nil, expected: 9),
        Case(text: "Shaun Murphy", dob: "2013-02-14", expected: 9),
        Case(text: "Kathryn Walsh", dob: nil, expected: 12),
        Case(text: "Catherine Walsh", dob: "2015-03-06", expected: 12),  // swapped, and the decoy was born on it
        Case(text: "Katie Walsh", dob: nil, expected: 12),  // preferred name
        Case(text: "Steven Hughes", dob: nil, expected: 15),
        Case(text: "Stephen Hughes", dob: "2012-12-04", expected: 15),  // one digit out
        Case(text: "Jon Baptiste", dob: nil, expected: 17),
        Case(text: "Ayesha Begum", dob: nil, expected: 19),
        Case(text: "Zoey Patel", dob: nil, expected: 22),
        Case(text: "Zoë Patel", dob: "2013-09-17", expected: 22),
        Case(text: "Lily Mae O Brien", dob: nil, expected: 28),
        Case(text: "lily-mae obrien", dob: nil, expected: 28),
        Case(text: "Grace Lewis", dob: "2012-02-02", expected: 30),  // previous name
        Case(text: "Chloe Zhang", dob: nil, expected: 42),
        Case(text: "Seun Adeyemi", dob: nil, expected: 34),  // short form
        Case(text: "Ciaran Doherty", dob: "2013-05-30", expected: 43),  // variant spelling
        Case(text: "Fatima Husain", dob: nil, expected: 38),
        Case(text: "Kowalska", dob: "2012-03-03", expected: 36),
        Case(text: "TJ Reed", dob: nil, expected: 47),  // alias
    ]

    @Test(arguments: cases)
    func findsTheRightPersonInTheTopThree(_ searchCase: Case) {
        let query = PersonQuery(text: searchCase.text, dateOfBirth: searchCase.dob.flatMap(CalendarDate.init(iso:)))
        let expected = SyntheticPeople.named(searchCase.expected)

        // Found through the index: the query's keys meet the person's.
        let shared = PersonSearchKeys.keys(for: query).intersection(PersonSearchKeys.keys(for: expected))
        #expect(!shared.isEmpty, "no key shared with \(expected.displayName)")
        let candidates = index.candidates(for: query)
        #expect(candidates.contains(expected))

        // And ranked in the top three, against the whole population as well as the candidates.
        for population in [candidates, SyntheticPeople.all] {
            let ranked = matcher.rank(query: query, candidates: population, limit: 3)
            #expect(
                ranked.map(\.person).contains(expected),
                "top three were \(ranked.map { "\($0.person.displayName) \($0.match.score)" })")
        }
    }

    @Test func populationIsLargeEnough() {
        #expect(SyntheticPeople.all.count >= 40)
        #expect(Set(SyntheticPeople.all.map(\.id)).count == SyntheticPeople.all.count)
    }

    @Test func reasonsExplainTheMatch() {
        let okafor = SyntheticPeople.named(1)
        let transposed = matcher.score(query: PersonQuery(text: "Amara Okafro"), candidate: okafor)
        #expect(transposed.reasons.contains("Family name sounds like Okafor"))
        #expect(transposed.reasons.contains("Given name matches"))

        let swapped = matcher.score(
            query: PersonQuery(text: "Amara Okafor", dateOfBirth: CalendarDate(iso: "2014-12-03")), candidate: okafor)
        #expect(swapped.reasons.contains("Date of birth matches with day and month swapped"))

        let variant = matcher.score(query: PersonQuery(text: "Kathryn Walsh"), candidate: SyntheticPeople.named(12))
        #expect(variant.reasons.contains("Given name is a variant of Katherine"))

        let previous = matcher.score(query: PersonQuery(text: "Grace Lewis"), candidate: SyntheticPeople.named(30))
        #expect(previous.reasons.contains("Family name matches (previous name)"))

        let typo = matcher.score(query: PersonQuery(text: "Jayden Clakre"), candidate: SyntheticPeople.named(25))
        #expect(typo.reasons.contains("Family name matches Clarke with two letters swapped"))
    }

    @Test func rankingOrderFollowsTheWeights() {
        let okafor = SyntheticPeople.named(1)
        let byNHS = matcher.score(query: PersonQuery(text: "9434765870"), candidate: okafor)
        let byNameAndDate = matcher.score(
            query: PersonQuery(text: "Amara Okafor", dateOfBirth: CalendarDate(iso: "2014-03-12")), candidate: okafor)
        let bySoundAndDate = matcher.score(
            query: PersonQuery(text: "Amara Okafro", dateOfBirth: CalendarDate(iso: "2014-03-12")), candidate: okafor)
        let byNameOnly = matcher.score(query: PersonQuery(text: "Amara Okafor"), candidate: okafor)
        #expect(byNHS.score == 100)
        #expect(byNameAndDate.score == 90)
        #expect(byNHS.score > byNameAndDate.score)
        #expect(byNameAndDate.score > bySoundAndDate.score)
        #expect(bySoundAndDate.score > byNameOnly.score)
        #expect(byNameOnly.score == 60)
        let withPostcode = matcher.score(
            query: PersonQuery(text: "Amara Okafor LS8 2QA", dateOfBirth: CalendarDate(iso: "2014-03-12")),
            candidate: okafor)
        #expect(withPostcode.score == 99)
    }

    @Test func searchesByIdentifier() throws {
        let expectations: [(String, Int, String)] = [
            ("943 476 5870", 1, "NHS number matches"),
            (SyntheticPeople.named(34).nhsNumber!.formatted, 34, "NHS number matches"),
            (SyntheticPeople.named(5).upn!.value.lowercased(), 5, "UPN matches"),
            (SyntheticPeople.named(9).uln!.value, 9, "ULN matches"),
        ]
        for (text, number, reason) in expectations {
            let query = PersonQuery(text: text)
            #expect(query.hasIdentifier, "\(text) was not read as an identifier")
            let ranked = matcher.rank(query: query, candidates: index.candidates(for: query))
            let first = try #require(ranked.first)
            #expect(first.person.id == SyntheticPeople.id(number))
            #expect(first.match.score == 100)
            #expect(first.match.reasons.contains(reason))
            #expect(ranked.dropFirst().allSatisfy { $0.match.score < 100 })
        }
    }

    @Test func searchesByPostcode() {
        let query = PersonQuery(text: "ls8 2qa")
        #expect(query.postcode?.value == "LS8 2QA")
        #expect(query.nameTokens.isEmpty)
        let ranked = matcher.rank(query: query, candidates: index.candidates(for: query))
        let top = Set(ranked.prefix(3).map(\.person.id))
        #expect(top == Set([1, 2, 4].map(SyntheticPeople.id)))
        #expect(ranked[0].match.reasons == ["Postcode matches"])
        // The next nearest: same sector, "LS8 3AB" is not; "LS8 2.." would be.
        #expect(ranked.dropFirst(3).allSatisfy { $0.match.score < ranked[0].match.score })
    }

    @Test func aMistypedNumberIsExplainedNotSearched() {
        let query = PersonQuery(text: "943 476 5871")
        #expect(!query.hasIdentifier)
        #expect(query.notes.count == 1)
        #expect(query.notes[0].contains("fails its check"))
        #expect(query.nameTokens.isEmpty)
    }

    @Test func queriesAreReadSensibly() {
        let comma = PersonQuery(text: "O'Brien, Lily-Mae")
        #expect(comma.statedFamily == ["obrien"])
        #expect(comma.statedGiven == ["lily", "mae"])
        let mixed = PersonQuery(text: "Okafor 12/03/2014 LS8 2QA")
        #expect(mixed.nameTokens == ["okafor"])
        #expect(mixed.dateOfBirth == CalendarDate(iso: "2014-03-12"))
        #expect(mixed.postcode?.value == "LS8 2QA")
        let field = PersonQuery(text: "Okafor 12/03/2014", dateOfBirth: CalendarDate(iso: "2014-03-13"))
        #expect(field.dateOfBirth == CalendarDate(iso: "2014-03-13"))
    }

    @Test func keysPerPersonAreBounded() {
        for person in SyntheticPeople.all {
            let keys = PersonSearchKeys.keys(for: person)
            #expect(keys.count < PersonSearchKeys.maximumPerPerson, "\(person.displayName) has \(keys.count) keys")
            #expect(Set(keys).count == keys.count)
        }
        let many = PersonFacts(
            names: [
                KnownName(given: "Alexandra Christina Elizabeth", family: "Fitzgerald-Montgomery"),
                KnownName(given: "Lexi", family: "Fitzgerald-Montgomery", kind: .preferred),
                KnownName(given: "Alexandra", family: "Worthington", kind: .previous),
                KnownName(given: "Sasha", family: "Kensington", kind: .alias),
            ],
            dateOfBirth: CalendarDate(iso: "2013-04-05"), nhsNumber: SyntheticPeople.nhs(500),
            postcodes: ["LS1 4AP", "LS2 9JT", "LS6 1AN", "LS7 3QB"].map(SyntheticPeople.postcode))
        let keys = PersonSearchKeys.keys(for: many)
        #expect(keys.count == PersonSearchKeys.maximumPerPerson)
        // The strongest keys survive the cap.
        #expect(keys.contains(SearchKey(.nhs, many.nhsNumber!.value)))
        #expect(keys.contains(SearchKey(.dob, "2013-04-05")))
        #expect(keys.contains(SearchKey(.phoneticFamily, NameMatching.phoneticKey("Worthington"))))
        #expect(keys.contains(SearchKey(.postcode, "LS7 3QB")))
    }

    @Test func namesHeldAsOneString() {
        #expect(
            KnownName(fullName: "Mary Ann  Smith", kind: .alias)
                == KnownName(given: "Mary Ann", family: "Smith", kind: .alias))
        #expect(KnownName(fullName: "Tee", kind: .alias) == KnownName(given: "Tee", family: "", kind: .alias))
    }

    @Test func keysLookAsStored() {
        let keys = PersonSearchKeys.keys(for: SyntheticPeople.named(1)).map(\.stored)
        #expect(keys.contains("nhs:9434765870"))
        #expect(keys.contains("dob:2014-03-12"))
        #expect(keys.contains("dob-swapped:2014-12-03"))
        #expect(keys.contains("family:okafor"))
        #expect(keys.contains("phonetic-family:AKFR"))
        #expect(keys.contains("phonetic-given:AMR"))
        #expect(keys.contains("trigram-family:kaf"))
        #expect(keys.contains("trigram-given:__a"))
        #expect(keys.contains("postcode:LS8 2QA"))
        #expect(keys.contains("postcode-sector:LS8 2"))
        #expect(SearchKey(stored: "phonetic-family:AKFR") == SearchKey(.phoneticFamily, "AKFR"))
        #expect(SearchKey(stored: "postcode:LS8 2QA")?.value == "LS8 2QA")
        #expect(SearchKey(stored: "nonsense") == nil)
        let katherine = PersonSearchKeys.keys(for: SyntheticPeople.named(12)).map(\.stored)
        #expect(katherine.contains("variant-given:catherine"))
    }
}

@Suite struct DuplicateCheckTests {
    let check = DuplicateCheck()

    func newPerson(_ given: String, _ family: String, _ dob: String?, postcodes: [String] = [], nhs: NHSNumber? = nil)
        -> PersonFacts
    {
        PersonFacts(
            names: [KnownName(given: given, family: family)], dateOfBirth: dob.flatMap(CalendarDate.init(iso:)),
            nhsNumber: nhs, postcodes: postcodes.map(SyntheticPeople.postcode))
    }

    @Test func findsAMisspeltRecord() throws {
        let duplicates = check.likelyDuplicates(
            of: newPerson("Amara", "Okafro", "2014-03-12"), among: SyntheticPeople.all)
        let first = try #require(duplicates.first)
        #expect(first.person.id == SyntheticPeople.id(1))
        // Chidi, born the same day at the same address, is a sibling, not a duplicate.
        #expect(!duplicates.map(\.person.id).contains(SyntheticPeople.id(4)))
        #expect(!duplicates.map(\.person.id).contains(SyntheticPeople.id(2)))
    }

    @Test func findsNamesEnteredTheWrongWayRound() throws {
        let duplicates = check.likelyDuplicates(
            of: newPerson("Okafor", "Amara", "2014-03-12"), among: SyntheticPeople.all)
        let first = try #require(duplicates.first)
        #expect(first.person.id == SyntheticPeople.id(1))
        #expect(first.match.reasons.contains("Given and family names are recorded the other way round"))
    }

    @Test func findsSwappedDatesAndVariants() throws {
        let duplicates = check.likelyDuplicates(
            of: newPerson("Kate", "Walsh", "2015-03-06", postcodes: ["M14 5RQ"]), among: SyntheticPeople.all)
        let first = try #require(duplicates.first)
        #expect(first.person.id == SyntheticPeople.id(12))
        #expect(first.match.reasons.contains("Date of birth matches with day and month swapped"))
        #expect(first.match.reasons.contains("Postcode matches"))
    }

    @Test func anIdentifierIsADuplicateWhateverTheName() throws {
        let duplicates = check.likelyDuplicates(
            of: newPerson("A", "Person", nil, nhs: SyntheticPeople.named(34).nhsNumber), among: SyntheticPeople.all)
        let first = try #require(duplicates.first)
        #expect(first.person.id == SyntheticPeople.id(34))
        #expect(first.match.score == 100)
    }

    @Test func twinsAndNamesakesAreNotDuplicates() {
        // Zara Patel, Zoe's twin, shares her family name, date of birth and postcode.
        let zoe = check.likelyDuplicates(
            of: newPerson("Zoe", "Patel", "2013-09-17", postcodes: ["LE4 6AW"]), among: SyntheticPeople.all)
        #expect(zoe.map(\.person.id) == [SyntheticPeople.id(22)])
        // Two children called Muhammad Rahman with different dates of birth are two children.
        let namesake = check.likelyDuplicates(
            of: newPerson("Muhammad", "Rahman", "2019-01-01"), among: SyntheticPeople.all)
        #expect(namesake.isEmpty)
    }

    @Test func skipsTheRecordItself() {
        let existing = SyntheticPeople.named(1)
        #expect(check.likelyDuplicates(of: existing, among: [existing]).isEmpty)
    }

    @Test func thresholdIsAdjustable() {
        let strict = DuplicateCheck(threshold: 95)
        let duplicates = strict.likelyDuplicates(
            of: newPerson("Amara", "Okafro", "2014-03-12"), among: SyntheticPeople.all)
        #expect(duplicates.isEmpty)
    }
}
