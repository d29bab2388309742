import Foundation

/// How a person is labelled in a pseudonymised extract: "Child A", "Parent B".
public enum PseudonymRole: String, Sendable, Hashable, Codable, CaseIterable {
    case child, youngPerson, parent, sibling, carer, professional, other

    public var label: String {
        switch self {
        case .child: "Child"
        case .youngPerson: "Young person"
        case .parent: "Parent"
        case .sibling: "Sibling"
        case .carer: "Carer"
        case .professional: "Professional"
        case .other: "Person"
        }
    }
}

extension PseudonymRole {
    /// A person's role in an extract, from their age on `today`: under 18 the child the work is about
    /// (`isFocus`, or any child when the work has no focus child) or a sibling; 18 to 25 a young person;
    /// older, or of unknown age, a parent or carer. The age decides before the focus does, so an adult the
    /// work is recorded against (a mother, in an assessment of the family) is never called a child, and
    /// a young person keeps the same role whichever extract names them.
    public static func inExtract(born: CalendarDate?, today: CalendarDate, isFocus: Bool, workHasFocusChild: Bool)
        -> PseudonymRole
    {
        guard let born else { return .parent }
        if isChild(born: born, on: today) { return isFocus || !workHasFocusChild ? .child : .sibling }
        if born.adding(months: 26 * 12) > today { return .youngPerson }
        return .parent
    }

    /// Whether someone born on `born` is under 18 on `today`; unknown is not.
    public static func isChild(born: CalendarDate?, on today: CalendarDate) -> Bool {
        born.map { $0.adding(months: 18 * 12) > today } ?? false
    }
}

/// Someone linked to the work, with everything that could identify them in a recording's text.
public struct KnownPerson: Sendable, Hashable, Codable {
    public struct Address: Sendable, Hashable, Codable {
        /// "Flat 2", "14 Elm Road".
        public var lines: [String]
        public var town: String?

        public init(lines: [String], town: String? = nil) {
            self.lines = lines
            self.town = town
        }
    }

    public var role: PseudonymRole
    public var givenNames: [String]
    public var familyName: String?
    public var preferredName: String?
    /// Aliases, former names, names used on the street or online.
    public var otherNames: [String]
    public var datesOfBirth: [CalendarDate]
    public var nhsNumbers: [String]
    public var upns: [String]
    public var ulns: [String]
    public var addresses: [Address]
    public var postcodes: [String]
    public var schools: [String]
    public var places: [String]

    public init(
        role: PseudonymRole, givenNames: [String], familyName: String? = nil, preferredName: String? = nil,
        otherNames: [String] = [], datesOfBirth: [CalendarDate] = [], nhsNumbers: [String] = [], upns: [String] = [],
        ulns: [String] = [], addresses: [Address] = [], postcodes: [String] = [], schools: [String] = [],
        places: [String] = []
    ) {
        self.role = role
        self.givenNames = givenNames
        self.familyName = familyName
        self.preferredName = preferredName
        self.otherNames = otherNames
        self.datesOfBirth = datesOfBirth
        self.nhsNumbers = nhsNumbers
        self.upns = upns
        self.ulns = ulns
        self.addresses = addresses
        self.postcodes = postcodes
        self.schools = schools
        self.places = places
    }
}

/// What a replaced piece of text was.
public enum PseudonymCategory: String, Sendable, Hashable, Codable, CaseIterable {
    case name
    case dateOfBirth = "date-of-birth"
    case date
    case nhsNumber = "nhs-number"
    case upn
    case uln
    case identifier
    case address
    case postcode
    case school
    case place
    case email
    case phone

    /// The text that stands in for it, where it is not a person's label.
    public var placeholder: String { words.placeholder }

    /// How many were taken out, in words: "1 name", "3 dates of birth".
    public func counted(_ count: Int) -> String { HearthDomain.counted(count, words.one, words.many) }

    private var words: (placeholder: String, one: String, many: String) {
        switch self {
        case .name: ("[name]", "name", "names")
        case .dateOfBirth: ("[date of birth]", "date of birth", "dates of birth")
        case .date: ("[date]", "date", "dates")
        case .nhsNumber: ("[NHS number]", "NHS number", "NHS numbers")
        case .upn: ("[UPN]", "UPN", "UPNs")
        case .uln: ("[ULN]", "ULN", "ULNs")
        case .identifier: ("[identifier]", "identifier", "identifiers")
        case .address: ("[address]", "address", "addresses")
        case .postcode: ("[postcode]", "postcode", "postcodes")
        case .school: ("[school]", "school", "schools")
        case .place: ("[place]", "place", "places")
        case .email: ("[email]", "email address", "email addresses")
        case .phone: ("[phone number]", "phone number", "phone numbers")
        }
    }
}

/// One replacement, for the practitioner to check before the extract is shared.
public struct PseudonymReplacement: Sendable, Hashable, Codable {
    /// The text as it stood in the source.
    public var original: String
    public var replacement: String
    public var category: PseudonymCategory
    /// Which of the known people it belonged to (an index into the list given), or nil for a pattern
    /// such as an unknown postcode or a name several of the people share.
    public var personIndex: Int?
    /// Where it stood in the source, in UTF-16 code units, as a browser counts, for highlighting.
    public var offset: Int
    public var length: Int
}

/// A pseudonymised extract and the replacements that made it.
public struct PseudonymisedText: Sendable, Hashable, Codable {
    public var text: String
    public var replacements: [PseudonymReplacement]
}

/// Removes people's identities from practice text before a tutor or assessor sees it.
///
/// Each known person is given a label from their role and their place in the list ("Child A" for the
/// first, "Parent B" for the second): by list order rather than order of appearance, so that across all
/// the extracts of one involvement the same person keeps the same label, given the list in the same order
/// (the case's people, ordered by when they were linked). Letters are not reused across roles, so "A"
/// alone names one person.
///
/// Known names (given, family, preferred, other names and the combinations people write) become the
/// person's label; known dates of birth, identifiers, addresses, postcodes, schools and places become
/// placeholders such as "[date of birth]". Patterns catch what the list missed: any UK postcode, NHS-like
/// ten-digit numbers, UPN-like numbers, dates, email addresses and UK phone numbers.
///
/// Matching ignores case and accents, holds to word boundaries ("Jo" is not replaced inside "Jordan"),
/// and takes the longest match first ("Jordan Smith" becomes one label, not two). A possessive keeps its
/// "'s": "Kai's" becomes "Child A's". Names of one letter are not matched on their own, since "A" and
/// "I" are words; names shared by two people become "[name]" (or "[family name]" on its own), since
/// either label could be wrong. Short names that are also words ("May", "Will") are replaced wherever
/// they stand: over-removal is the safe error, and the practitioner reviews every replacement.
public struct Pseudonymiser: Sendable {
    public var people: [KnownPerson]

    public init(people: [KnownPerson]) {
        self.people = people
    }

    /// "Child A", "Parent B" ... by position in the list; after Z come AA, AB ...
    public func label(ofPersonAt index: Int) -> String {
        "\(people[index].role.label) \(Self.letters(index))"
    }

    static func letters(_ index: Int) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        var index = index
        var result = ""
        repeat {
            result = String(alphabet[index % 26]) + result
            index = index / 26 - 1
        } while index >= 0
        return result
    }

    public func pseudonymise(_ text: String) -> PseudonymisedText {
        let found = detect(text)
        let source = text as NSString
        var output = ""
        var cursor = 0
        for replacement in found {
            output += source.substring(with: NSRange(location: cursor, length: replacement.offset - cursor))
            output += replacement.replacement
            cursor = replacement.offset + replacement.length
        }
        output += source.substring(from: cursor)
        return PseudonymisedText(text: output, replacements: found)
    }

    /// What `pseudonymise` would replace, in text order, without replacing it: run on an extract, it
    /// checks that nothing known is left (a practitioner's later edit, say).
    public func detect(_ text: String) -> [PseudonymReplacement] {
        let source = text as NSString
        let whole = NSRange(location: 0, length: source.length)
        var candidates: [PseudonymReplacement] = []
        var precedence: [Int] = []
        for (rank, detector) in detectors().enumerated() {
            let regex = Self.compile(detector.pattern)
            for match in regex.matches(in: text, range: whole) where match.range.length > 0 {
                let original = source.substring(with: match.range)
                let (replacement, category) = detector.replace(original)
                candidates.append(
                    PseudonymReplacement(
                        original: original, replacement: replacement, category: category,
                        personIndex: detector.personIndex, offset: match.range.location, length: match.range.length))
                precedence.append(rank)
            }
        }
        // Longest first; at equal length, the detector listed first (known facts before patterns).
        let order = candidates.indices.sorted {
            (candidates[$0].length, -precedence[$0], -candidates[$0].offset)
                > (candidates[$1].length, -precedence[$1], -candidates[$1].offset)
        }
        var taken = IndexSet()
        var chosen: [PseudonymReplacement] = []
        for index in order {
            let candidate = candidates[index]
            let span = candidate.offset..<(candidate.offset + candidate.length)
            guard !taken.intersects(integersIn: span) else { continue }
            taken.insert(integersIn: span)
            chosen.append(candidate)
        }
        return chosen.sorted { $0.offset < $1.offset }
    }

    // MARK: - Detectors

    private struct Detector: Sendable {
        var pattern: String
        var personIndex: Int?
        /// The stand-in and category for the matched text: fixed, except where the text itself decides
        /// (a ten-digit number that passes the NHS check is an NHS number).
        var replace: @Sendable (String) -> (String, PseudonymCategory)

        init(
            _ pattern: String, _ category: PseudonymCategory, personIndex: Int? = nil, replacement: String? = nil
        ) {
            self.pattern = pattern
            self.personIndex = personIndex
            let fixed = replacement ?? category.placeholder
            self.replace = { _ in (fixed, category) }
        }

        init(_ pattern: String, replace: @escaping @Sendable (String) -> (String, PseudonymCategory)) {
            self.pattern = pattern
            self.personIndex = nil
            self.replace = replace
        }
    }

    /// Known facts first, then patterns: the order breaks ties between matches of equal length.
    private func detectors() -> [Detector] {
        nameDetectors() + factDetectors() + Self.patternDetectors
    }

    private func nameDetectors() -> [Detector] {
        // Every way of writing each person's name, then who each way could mean.
        var owners: [String: (pattern: String, people: Set<Int>, isFamilyOnly: Bool)] = [:]
        for (index, person) in people.enumerated() {
            for (name, isFamilyOnly) in Self.nameForms(of: person) {
                for variant in Self.withAndWithoutAccents(name) {
                    let key = Self.foldKey(variant)
                    guard key.count >= 2 else { continue }
                    var entry =
                        owners[key] ?? (Self.phrasePattern(variant, allowingPlural: isFamilyOnly), [], isFamilyOnly)
                    entry.people.insert(index)
                    entry.isFamilyOnly = entry.isFamilyOnly && isFamilyOnly
                    owners[key] = entry
                }
            }
        }
        return owners.keys.sorted().compactMap { key in
            guard let entry = owners[key] else { return nil }
            if entry.people.count == 1, let index = entry.people.first {
                return Detector(entry.pattern, .name, personIndex: index, replacement: label(ofPersonAt: index))
            }
            return Detector(entry.pattern, .name, replacement: entry.isFamilyOnly ? "[family name]" : "[name]")
        }
    }

    /// The names as people write them, each flagged when it is a family name standing alone.
    private static func nameForms(of person: KnownPerson) -> [(String, Bool)] {
        let given = person.givenNames.map(trimmed).filter { !$0.isEmpty }
        let preferred = person.preferredName.map(trimmed).flatMap { $0.isEmpty ? nil : $0 }
        let others = person.otherNames.map(trimmed).filter { !$0.isEmpty }
        let family = person.familyName.map(trimmed).flatMap { $0.isEmpty ? nil : $0 }
        // A double-barrelled family name is often written in half ("Mrs Jones" for Smith-Jones).
        var familyForms: [String] = []
        if let family {
            let parts = family.split(whereSeparator: { $0 == "-" || $0 == " " }).map(String.init)
            familyForms = [family] + (parts.count > 1 ? parts.filter { $0.count >= 2 } : [])
        }
        let preferredForms: [String] = preferred.map { [$0] } ?? []
        let allGiven: [String] = given.count > 1 ? [given.joined(separator: " ")] : []
        let firstForms: [String] = given + allGiven + preferredForms + others.filter { !$0.contains(" ") }

        var forms: [(String, Bool)] = []
        for name in given + allGiven + preferredForms + others { forms.append((name, false)) }
        for name in familyForms { forms.append((name, true)) }
        for first in firstForms {
            for familyForm in familyForms { forms.append(("\(first) \(familyForm)", false)) }
        }
        return forms
    }

    private func factDetectors() -> [Detector] {
        var detectors: [Detector] = []
        for (index, person) in people.enumerated() {
            for date in person.datesOfBirth {
                for pattern in Self.datePatterns(date) {
                    detectors.append(Detector(pattern, .dateOfBirth, personIndex: index))
                }
            }
            for (values, category) in [(person.nhsNumbers, .nhsNumber), (person.upns, .upn), (person.ulns, .uln)]
                as [([String], PseudonymCategory)]
            {
                for value in values {
                    let characters = value.filter { $0.isLetter || $0.isNumber }
                    guard characters.count >= 4 else { continue }
                    detectors.append(Detector(Self.spacedCharacters(characters), category, personIndex: index))
                }
            }
            for postcode in person.postcodes {
                let compact = postcode.uppercased().filter { $0.isLetter || $0.isNumber }
                guard compact.count >= 5 else { continue }
                let outward = compact.dropLast(3)
                let inward = compact.suffix(3)
                let outwardPattern = NSRegularExpression.escapedPattern(for: String(outward))
                detectors.append(
                    Detector(
                        Self.bounded(
                            outwardPattern + "[\\s\\u00A0]*" + NSRegularExpression.escapedPattern(for: String(inward))),
                        .postcode, personIndex: index))
                // The district alone ("she moved back to LS6") still narrows down where they live.
                detectors.append(Detector(Self.bounded(outwardPattern), .postcode, personIndex: index))
            }
            for address in person.addresses {
                let lines = address.lines.map(Self.trimmed).filter { !$0.isEmpty }
                let parts = lines + [address.town].compactMap { $0 }.map(Self.trimmed).filter { !$0.isEmpty }
                // Every run of consecutive parts ("14 Elm Road, Leeds" without the flat), so an address
                // written in part still becomes one "[address]".
                for first in parts.indices {
                    for last in parts.indices where last > first {
                        let run = parts[first...last].map { Self.streetPattern($0) }.joined(separator: "[\\s\\u00A0,]+")
                        detectors.append(Detector(Self.bounded(run), .address, personIndex: index))
                    }
                }
                for part in parts {
                    detectors.append(Detector(Self.bounded(Self.streetPattern(part)), .address, personIndex: index))
                    // "Elm Road" without its house number.
                    let words = part.split(separator: " ")
                    if words.count >= 3, words[0].allSatisfy({ $0.isNumber || $0.isLetter }),
                        words[0].first?.isNumber == true
                    {
                        let street = words.dropFirst().joined(separator: " ")
                        detectors.append(
                            Detector(Self.bounded(Self.streetPattern(street)), .address, personIndex: index))
                    }
                }
            }
            for school in person.schools.map(Self.trimmed).filter({ $0.count >= 2 }) {
                var forms = [school]
                // "Parkside Primary" for "Parkside Primary School".
                let words = school.split(separator: " ")
                if words.count >= 3, words.last?.lowercased() == "school" {
                    forms.append(words.dropLast().joined(separator: " "))
                }
                // "Parkside" alone, as people say it: the name before the kind of school, when it is long
                // enough not to be an ordinary short word.
                let kinds: Set<String> = [
                    "primary", "infant", "infants", "junior", "secondary", "high", "academy", "school", "college",
                    "nursery", "community", "church", "c", "of", "e", "ce", "rc", "catholic",
                ]
                let name = words.prefix { !kinds.contains($0.lowercased()) }
                if !name.isEmpty, name.count < words.count, name.joined(separator: " ").count >= 5 {
                    forms.append(name.joined(separator: " "))
                }
                for form in forms.flatMap(Self.withAndWithoutAccents) {
                    detectors.append(Detector(Self.phrasePattern(form), .school, personIndex: index))
                }
            }
            for place in person.places.map(Self.trimmed).filter({ $0.count >= 2 }) {
                for form in Self.withAndWithoutAccents(place) {
                    detectors.append(Detector(Self.phrasePattern(form), .place, personIndex: index))
                }
            }
        }
        return detectors
    }

    private static let patternDetectors: [Detector] = {
        let months =
            "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
            + "|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?"
        let ordinal = "(?:st|nd|rd|th)?"
        let separator = "[\\s\\u00A0-]?"
        return [
            Detector("[a-z0-9._%+'-]+@[a-z0-9-]+(?:\\.[a-z0-9-]+)*\\.[a-z]{2,}", .email),
            // A UK number: +44 (with an optional "(0)") or 0, then 9 or 10 more digits, spaced any way.
            Detector(
                "(?<![\\p{N}+])(?:\\+44[\\s\\u00A0-]?(?:\\(0\\)[\\s\\u00A0-]?)?|\\(?0)"
                    + "\\d(?:[\\s\\u00A0\\-)]{0,2}\\d){8,9}(?!\\p{N})",
                .phone),
            Detector(
                "(?<!\\p{N})\\d{3}\(separator)\\d{3}\(separator)\\d{4}(?!\\p{N})",
                replace: { text in
                    let category: PseudonymCategory = NHSNumber.validate(text).isSuccess ? .nhsNumber : .identifier
                    return (category.placeholder, category)
                }),
            Detector(bounded("[a-z]\\d{11}[0-9a-z]"), .upn),
            Detector(bounded("(?:[a-z]{1,2}\\d[a-z\\d]?|gir)[\\s\\u00A0]*\\d[a-z]{2}"), .postcode),
            Detector("(?<!\\p{N})\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}(?!\\p{N})", .date),
            Detector("(?<!\\p{N})\\d{1,2}[/.-]\\d{1,2}[/.-](?:\\d{4}|\\d{2})(?!\\p{N})", .date),
            Detector(bounded("\\d{1,2}\(ordinal)(?:\\s+of)?\\s+\(months),?\\s+\\d{4}"), .date),
            Detector(bounded("\(months)\\s+\\d{1,2}\(ordinal),?\\s+\\d{4}"), .date),
        ]
    }()

    // MARK: - Pattern building

    private static func compile(_ pattern: String) -> NSRegularExpression {
        // Every pattern is built here from escaped text, so one that fails to compile is a bug in this file.
        guard let regex = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive]) else {
            preconditionFailure("Pseudonymiser built an invalid pattern: \(pattern)")
        }
        return regex
    }

    /// Not inside a longer word or number on either side.
    private static func bounded(_ pattern: String) -> String {
        "(?<![\\p{L}\\p{N}])(?:\(pattern))(?![\\p{L}\\p{N}])"
    }

    /// A name or phrase: its words in order, with any spacing or hyphen between them and either
    /// apostrophe, bounded as a whole. A family name may take a plural ("the Smiths").
    private static func phrasePattern(_ phrase: String, allowingPlural: Bool = false) -> String {
        let words = phrase.split(whereSeparator: { $0.isWhitespace || $0 == "-" })
        let escaped = words.map { word in
            word.map { character in
                character == "'" || character == "\u{2019}"
                    ? "['\u{2019}]" : NSRegularExpression.escapedPattern(for: String(character))
            }.joined()
        }
        return bounded(escaped.joined(separator: "[\\s\\u00A0-]+") + (allowingPlural ? "(?:e?s)?" : ""))
    }

    /// An address line, allowing the common abbreviations of its street type ("Rd" for "Road").
    private static func streetPattern(_ line: String) -> String {
        let words = line.split(whereSeparator: { $0.isWhitespace || $0 == "," })
        return words.map { word -> String in
            let escaped = NSRegularExpression.escapedPattern(for: String(word))
            guard let forms = streetTypes.first(where: { $0.contains(word.lowercased()) }) else { return escaped }
            // No optional full stop after "Rd": at the end of a sentence it would take the sentence's own.
            return "(?:" + forms.map { NSRegularExpression.escapedPattern(for: $0) }.joined(separator: "|") + ")"
        }.joined(separator: "[\\s\\u00A0,]+")
    }

    private static let streetTypes: [[String]] = [
        ["road", "rd"], ["street", "st"], ["avenue", "ave", "av"], ["close", "cl"], ["lane", "ln"], ["drive", "dr"],
        ["crescent", "cres"], ["court", "ct"], ["gardens", "gdns"], ["place", "pl"], ["terrace", "terr", "tce"],
        ["square", "sq"], ["grove", "gr"],
    ]

    /// Characters of an identifier with any spacing or hyphens between them: "943 476 5870", "9434765870".
    private static func spacedCharacters(_ characters: String) -> String {
        let body = characters.map { NSRegularExpression.escapedPattern(for: String($0)) }
            .joined(separator: "[\\s\\u00A0-]?")
        return "(?<![\\p{L}\\p{N}])\(body)(?![\\p{L}\\p{N}])"
    }

    /// A date of birth in the ways people write it: 12/03/2015, 12.3.15, 2015-03-12, 12 March 2015,
    /// 12th of Mar 2015, March 12, 2015, and day and month alone ("born on 12 March").
    private static func datePatterns(_ date: CalendarDate) -> [String] {
        let day = "0?\(date.day)"
        let month = "0?\(date.month)"
        let year = "(?:\(date.year)|\((date.year % 100).zeroPadded(2)))"
        let full = CalendarDate.monthNames[date.month - 1].lowercased()
        let short = String(full.prefix(3))
        let monthName = "(?:\(full)|\(short)\(date.month == 9 ? "|sept" : ""))\\.?"
        let ordinal = "(?:st|nd|rd|th)?"
        return [
            "(?<!\\p{N})\(day)[/.-]\(month)[/.-]\(year)(?!\\p{N})",
            "(?<!\\p{N})\(date.year)[-/.]\(month)[-/.]\(day)(?!\\p{N})",
            bounded("\(day)\(ordinal)(?:\\s+of)?\\s+\(monthName)(?:,?\\s+\(date.year))?"),
            bounded("\(monthName)\\s+\(day)\(ordinal)(?:,?\\s+\(date.year))?"),
        ]
    }

    // MARK: - Text

    private static func trimmed(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A name as written, and without its accents when it has any, so "Zoë" also catches "Zoe".
    private static func withAndWithoutAccents(_ text: String) -> [String] {
        let folded = text.folding(options: .diacriticInsensitive, locale: nil)
        return folded == text ? [text] : [text, folded]
    }

    /// Compares names as the matcher does: case, spacing and hyphens ignored.
    private static func foldKey(_ text: String) -> String {
        text.lowercased().split(whereSeparator: { $0.isWhitespace || $0 == "-" })
            .joined(separator: " ").replacingOccurrences(of: "\u{2019}", with: "'")
    }
}

extension Result {
    fileprivate var isSuccess: Bool {
        if case .success = self { return true }
        return false
    }
}
