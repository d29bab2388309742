import Foundation
import Testing

@testable import HearthDomain

private func date(_ iso: String) -> CalendarDate {
    guard let date = CalendarDate(iso: iso) else { preconditionFailure("Bad test date \(iso)") }
    return date
}

/// A synthetic family: a child, two siblings, a parent, and a professional whose name is a prefix of a
/// sibling's. Identifiers are synthetic; the NHS numbers pass the check digit so the generic pattern
/// would catch them too, which the known-person match must win over.
private enum Family {
    static let home = KnownPerson.Address(lines: ["Flat 2", "14 Elm Road"], town: "Leeds")

    static let child = KnownPerson(
        role: .child, givenNames: ["Kai", "Michael"], familyName: "Smith-Jones", preferredName: "KJ",
        otherNames: ["Kaiden", "Little Man"], datesOfBirth: [date("2015-03-12")], nhsNumbers: ["943 476 5919"],
        upns: ["H801200001001"], ulns: ["1234567897"], addresses: [home], postcodes: ["LS6 2AB"],
        schools: ["Parkside Primary School"], places: ["Roundhay Park"])
    static let brother = KnownPerson(
        role: .sibling, givenNames: ["Jordan"], familyName: "Smith-Jones", preferredName: "Jord",
        otherNames: ["J-Dog"], datesOfBirth: [date("2011-11-30")], nhsNumbers: ["401 023 2137"], addresses: [home],
        postcodes: ["LS6 2AB"], schools: ["Allerton Grange School"])
    static let sister = KnownPerson(
        role: .sibling, givenNames: ["Zoë"], familyName: "Smith-Jones", preferredName: "Zo",
        datesOfBirth: [date("2019-01-05")], addresses: [home], postcodes: ["LS6 2AB"],
        schools: ["Little Acorns Nursery"])
    static let mother = KnownPerson(
        role: .parent, givenNames: ["Lisa"], familyName: "Smith", otherNames: ["Lisa Jones"],
        datesOfBirth: [date("1990-07-04")], addresses: [home], postcodes: ["LS6 2AB"],
        places: ["Kirkstall Leisure Centre"])
    static let worker = KnownPerson(role: .professional, givenNames: ["Jo"], familyName: "Brown")

    static let people = [child, brother, sister, mother, worker]

    static let recording = """
        Home visit to Flat 2, 14 Elm Rd, Leeds, LS6 2AB. Present: Kai Smith-Jones (DOB 12/03/2015, NHS no. \
        943 476 5919, UPN H801200001001, ULN 1234567897), his brother Jordan Smith Jones (d.o.b. 30th November \
        2011, NHS 4010232137), their sister Zoe (5 January 2019) and mum Lisa Smith, also known as Lisa Jones \
        (born 1990-07-04).
        KJ said "nobody listens at Parkside Primary" and that the boys at Roundhay Park call him Little Man. \
        Kai's teacher says Kaiden is a name he used online. Jord, who the others call J-Dog, has moved to \
        Allerton Grange School. Zo goes to Little Acorns Nursery three mornings a week. KAI asked that his \
        words are written down. Lisa goes to Kirkstall Leisure Centre on Tuesdays. The Smith-Joneses moved \
        from ls62ab to LS6 in 2021. Mrs Smith agreed the plan. Jo Brown (family support worker) will visit \
        again on 3 June 2025. Jo's job is to coordinate the TAF.
        """

    /// Every identifying field of every person, as text, in the forms the test looks for.
    static func identifyingTexts(of person: KnownPerson) -> [String] {
        var texts = person.givenNames + person.otherNames
        texts += [person.familyName, person.preferredName].compactMap { $0 }
        texts += person.addresses.flatMap { $0.lines + [$0.town].compactMap { $0 } }
        texts += person.schools + person.places
        return texts
    }

    static func identifyingNumbers(of person: KnownPerson) -> [String] {
        (person.nhsNumbers + person.upns + person.ulns + person.postcodes).map { compact($0) }
    }

    static func compact(_ text: String) -> String {
        text.uppercased().filter { $0.isLetter || $0.isNumber }
    }
}

/// Whether `needle` stands in `text` as a whole word or phrase, ignoring case and accents. Written with
/// plain string searching so the test does not share the pseudonymiser's patterns.
private func containsWord(_ text: String, _ needle: String) -> Bool {
    let options: String.CompareOptions = [.caseInsensitive, .diacriticInsensitive]
    var searchRange = text.startIndex..<text.endIndex
    while let found = text.range(of: needle, options: options, range: searchRange) {
        let before = found.lowerBound == text.startIndex ? nil : text[text.index(before: found.lowerBound)]
        let after = found.upperBound == text.endIndex ? nil : text[found.upperBound]
        let isWordCharacter = { (character: Character?) in character?.isLetter == true || character?.isNumber == true }
        if !isWordCharacter(before) && !isWordCharacter(after) { return true }
        searchRange = found.upperBound..<text.endIndex
    }
    return false
}

@Suite struct PseudonymiserTests {
    private let pseudonymiser = Pseudonymiser(people: Family.people)

    @Test func anExtractHoldsNoIdentifyingFieldOfAnyPerson() {
        let extract = pseudonymiser.pseudonymise(Family.recording).text
        for person in Family.people {
            for text in Family.identifyingTexts(of: person) {
                #expect(!containsWord(extract, text), "\(text) is still in the extract:\n\(extract)")
                let words = text.split(whereSeparator: { $0 == " " || $0 == "-" }).map(String.init)
                for word in words
                where word.count >= 3 && !["Road", "Flat", "School", "Park", "Little", "Man"].contains(word) {
                    #expect(!containsWord(extract, word), "\(word) (from \(text)) is still in the extract")
                }
            }
            // Identifiers and postcodes are compared with spacing removed, so "943 476 5919" and
            // "9434765919" are both caught.
            let compactExtract = Family.compact(extract)
            for number in Family.identifyingNumbers(of: person) {
                #expect(!compactExtract.contains(number), "\(number) is still in the extract")
            }
            for birth in person.datesOfBirth {
                #expect(!compactExtract.contains(String(birth.year)), "\(birth.year) is still in the extract")
                #expect(!extract.contains(birth.iso))
            }
        }
        #expect(!extract.contains("LS6"))
    }

    /// Age decides a role before the focus does: the adult an assessment is recorded against is a
    /// parent, not "Child A", and an 18-year-old is a young person in every extract that names them.
    @Test func rolesFollowAgeBeforeFocus() {
        let today = date("2026-11-30")
        func role(_ born: String?, focus: Bool, hasFocus: Bool) -> PseudonymRole {
            PseudonymRole.inExtract(
                born: born.map(date), today: today, isFocus: focus, workHasFocusChild: hasFocus)
        }
        #expect(role("2015-06-01", focus: true, hasFocus: true) == .child)
        #expect(role("2015-06-01", focus: false, hasFocus: true) == .sibling)
        #expect(role("2015-06-01", focus: false, hasFocus: false) == .child)
        #expect(role("2008-12-01", focus: false, hasFocus: true) == .sibling)  // 17 until tomorrow
        #expect(role("2008-11-30", focus: true, hasFocus: true) == .youngPerson)  // 18 today
        #expect(role("2008-08-08", focus: false, hasFocus: true) == .youngPerson)
        #expect(role("2000-11-30", focus: false, hasFocus: true) == .parent)  // 26 today
        #expect(role("1976-12-24", focus: true, hasFocus: true) == .parent)
        #expect(role(nil, focus: true, hasFocus: true) == .parent)
        #expect(PseudonymRole.youngPerson.label == "Young person")
    }

    @Test func whatWasTakenOutIsCountedInWords() {
        #expect(PseudonymCategory.name.counted(1) == "1 name")
        #expect(PseudonymCategory.dateOfBirth.counted(3) == "3 dates of birth")
        #expect(PseudonymCategory.address.counted(2) == "2 addresses")
        #expect(PseudonymCategory.email.placeholder == "[email]")
        #expect(PseudonymCategory.email.counted(1) == "1 email address")
    }

    @Test func eachPersonKeepsOneLabelByListOrder() {
        let result = pseudonymiser.pseudonymise(Family.recording)
        let labels = Dictionary(grouping: result.replacements.filter { $0.category == .name && $0.personIndex != nil })
        {
            $0.personIndex!
        }.mapValues { Set($0.map(\.replacement)) }
        #expect(labels[0] == ["Child A"])
        #expect(labels[1] == ["Sibling B"])
        #expect(labels[2] == ["Sibling C"])
        #expect(labels[3] == ["Parent D"])
        #expect(labels[4] == ["Professional E"])
        // The child appears as Kai Smith-Jones, KJ, Kai's, Kaiden, Little Man and KAI: all Child A.
        #expect(result.replacements.filter { $0.personIndex == 0 && $0.category == .name }.count == 6)
        #expect(result.text.contains("Present: Child A (DOB [date of birth]"))
        #expect(result.text.contains("Child A's teacher says Child A is a name he used online"))
        #expect(result.text.contains("his brother Sibling B (d.o.b. [date of birth], NHS [NHS number])"))
        #expect(result.text.contains("mum Parent D, also known as Parent D (born [date of birth])"))
        // The same person in another recording gets the same label.
        let other = pseudonymiser.pseudonymise("Zoë and Kai played while Lisa cooked.")
        #expect(other.text == "Sibling C and Child A played while Parent D cooked.")
    }

    @Test func placesSchoolsAndAddressesAreReplacedByWhatTheyAre() {
        let text = pseudonymiser.pseudonymise(Family.recording).text
        #expect(text.hasPrefix("Home visit to [address], [postcode]. Present:"))
        #expect(text.contains("nobody listens at [school]"))
        #expect(text.contains("the boys at [place] call him Child A"))
        #expect(text.contains("has moved to [school]."))
        #expect(text.contains("moved from [postcode] to [postcode] in 2021"))
        // "Smith" alone belongs to the mother and, as half a surname, to the children: no label is safe.
        #expect(text.contains("Mrs [family name] agreed the plan"))
        #expect(text.contains("The [family name] moved"))
        #expect(text.contains("again on [date]."))
    }

    @Test func wordBoundariesAndTheLongestMatchComeFirst() {
        let result = pseudonymiser.pseudonymise("Jo met Jordan Smith-Jones; Jo's job was to see Jordan and Joanne.")
        #expect(result.text == "Professional E met Sibling B; Professional E's job was to see Sibling B and Joanne.")
        // "Jordan Smith-Jones" is one replacement, not a name and a family name.
        #expect(result.replacements.map(\.original) == ["Jo", "Jordan Smith-Jones", "Jo", "Jordan"])
    }

    @Test func replacementsSayWhereTheyStoodInTheSource() {
        let source = "Visit to Kai at 14 Elm Road."
        let result = pseudonymiser.pseudonymise(source)
        let utf16 = Array(source.utf16)
        for replacement in result.replacements {
            let original = String(
                utf16CodeUnits: Array(utf16[replacement.offset..<(replacement.offset + replacement.length)]),
                count: replacement.length)
            #expect(original == replacement.original)
        }
        #expect(result.replacements.map(\.category) == [.name, .address])
        #expect(result.replacements.map(\.personIndex) == [0, 0])
    }

    @Test func nothingKnownIsLeftForASecondPassToFind() {
        let extract = pseudonymiser.pseudonymise(Family.recording).text
        #expect(pseudonymiser.detect(extract).filter { $0.personIndex != nil }.isEmpty)
    }

    @Test func patternsCatchWhatNoOneListed() {
        let nobody = Pseudonymiser(people: [])
        let cases: [(String, String)] = [
            ("Moved to M1 1AE last week", "Moved to [postcode] last week"),
            ("Office at SW1A 1AA.", "Office at [postcode]."),
            ("NHS number 943 476 5919 on file", "NHS number [NHS number] on file"),
            ("Reference 1234567890 on file", "Reference [identifier] on file"),
            ("Seen on 12/03/2015 and 2015-03-12", "Seen on [date] and [date]"),
            ("Seen on 12 March 2015, then March 12, 2015", "Seen on [date], then [date]"),
            ("Born 1st of Sept 2014.", "Born [date]."),
            ("Email someone.else@example.org today", "Email [email] today"),
            ("Call 07700 900123 or 0113 496 0000", "Call [phone number] or [phone number]"),
            ("Or +44 (0)113 496 0000, or (0113) 496 0000", "Or [phone number], or [phone number]"),
            ("UPN A123456789012 seen", "UPN [UPN] seen"),
        ]
        for (source, expected) in cases {
            #expect(nobody.pseudonymise(source).text == expected)
        }
    }

    @Test func ordinaryTextIsLeftAlone() {
        let text = "In Year 10 she scored 7 out of 10 at 3pm; the 2 May session ran 1.5 hours, version 2.1."
        #expect(Pseudonymiser(people: Family.people).pseudonymise(text).text == text)
    }

    @Test func labelsRunPastZ() {
        let many = Pseudonymiser(people: Array(repeating: KnownPerson(role: .other, givenNames: []), count: 28))
        #expect(many.label(ofPersonAt: 0) == "Person A")
        #expect(many.label(ofPersonAt: 25) == "Person Z")
        #expect(many.label(ofPersonAt: 26) == "Person AA")
        #expect(many.label(ofPersonAt: 27) == "Person AB")
    }

    @Test func aGivenNameSharedByTwoPeopleIsNotGivenEitherLabel() {
        let twins = Pseudonymiser(people: [
            KnownPerson(role: .child, givenNames: ["Sam"], familyName: "Ahmed"),
            KnownPerson(role: .parent, givenNames: ["Sam"], familyName: "Begum"),
        ])
        #expect(twins.pseudonymise("Sam Ahmed and Sam Begum; Sam said").text == "Child A and Parent B; [name] said")
    }
}
