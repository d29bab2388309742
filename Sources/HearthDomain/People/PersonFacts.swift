import Foundation

/// One name a person has been known by: legal, preferred, previous or an alias.
/// (Named so as not to be confused with a stored name row; this is only what matching needs.)
public struct KnownName: Sendable, Hashable, Codable {
    /// Why the name is on the record. Search treats every kind alike; reasons say which one matched,
    /// because "matches a previous name" is something a practitioner needs to see.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case legal
        case preferred
        case previous
        case alias

        public var label: String {
            switch self {
            case .legal: "legal name"
            case .preferred: "preferred name"
            case .previous: "previous name"
            case .alias: "alias"
            }
        }
    }

    /// All given names as recorded, first and middle: "Lily-Mae Grace".
    public var given: String
    /// The family name as recorded: "O'Brien". May be empty for a preferred given name alone.
    public var family: String
    public var kind: Kind

    public init(given: String, family: String, kind: Kind = .legal) {
        self.given = given
        self.family = family
        self.kind = kind
    }

    /// A name held as one string, as previous names and aliases often are: the last word is taken as
    /// the family name ("Mary Ann Smith" is Mary Ann, Smith); a single word is a given name.
    /// A double-barrelled family name needs its hyphen ("Mary Smith-Jones") to stay whole.
    public init(fullName: String, kind: Kind) {
        let words = fullName.split(whereSeparator: \.isWhitespace).map(String.init)
        if words.count > 1 {
            self.init(given: words.dropLast().joined(separator: " "), family: words.last!, kind: kind)
        } else {
            self.init(given: words.first ?? "", family: "", kind: kind)
        }
    }

    /// "Lily-Mae Grace O'Brien".
    public var displayName: String {
        [given, family].map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: " ")
    }
}

/// What is known about a person for search and duplicate matching: names, date of birth, identifiers and
/// postcodes. Gathered by one query; nothing here decides access, which is `PersonAccessPolicy`'s job.
public struct PersonFacts: Sendable, Hashable {
    /// The person's record id; nil for someone being added.
    public var id: UUID?
    /// The legal name first, then preferred, previous names and aliases in any order.
    public var names: [KnownName]
    public var dateOfBirth: CalendarDate?
    public var nhsNumber: NHSNumber?
    public var upn: UniquePupilNumber?
    public var uln: UniqueLearnerNumber?
    /// Current postcode first, then previous ones.
    public var postcodes: [UKPostcode]

    public init(
        id: UUID? = nil, names: [KnownName], dateOfBirth: CalendarDate? = nil, nhsNumber: NHSNumber? = nil,
        upn: UniquePupilNumber? = nil, uln: UniqueLearnerNumber? = nil, postcodes: [UKPostcode] = []
    ) {
        self.id = id
        self.names = names
        self.dateOfBirth = dateOfBirth
        self.nhsNumber = nhsNumber
        self.upn = upn
        self.uln = uln
        self.postcodes = postcodes
    }

    /// The name to show in a result list: the legal name, or failing that the first recorded.
    public var displayName: String {
        (names.first { $0.kind == .legal } ?? names.first)?.displayName ?? ""
    }
}

/// A search as typed: free text, plus a date of birth when the form has a separate field.
///
/// The text may be "given family", "family, given", a single name, or an identifier or postcode, in
/// any mix: "Okafor 12/03/2014", "943 476 5870", "SW1A 1AA". Tokens shaped like an NHS number, UPN,
/// ULN, postcode or date are taken out and recognised; what remains is read as names. Without a comma
/// the order of names is unknown, so the matcher tries each reading and keeps the best.
public struct PersonQuery: Sendable, Hashable {
    public let text: String
    /// From the date field, or else a date typed in the text.
    public let dateOfBirth: CalendarDate?
    /// Name words in the order typed, normalised.
    public let nameTokens: [String]
    /// Set when the text had a comma: the words before it are the family name.
    public let statedFamily: [String]?
    /// Set when the text had a comma: the words after it are given names.
    public let statedGiven: [String]?
    public let nhsNumber: NHSNumber?
    public let upn: UniquePupilNumber?
    public let uln: UniqueLearnerNumber?
    public let postcode: UKPostcode?
    /// Things the practitioner should know about how the text was read, e.g. a number that looks like an
    /// NHS number but fails its check.
    public let notes: [String]
    /// The name words profiled once here rather than again for every candidate scored.
    let wordProfiles: [String: WordProfile]

    public init(text: String, dateOfBirth: CalendarDate? = nil) {
        self.text = text
        var parser = QueryParser(text: text)
        parser.parse()
        self.dateOfBirth = dateOfBirth ?? parser.date
        nhsNumber = parser.nhsNumber
        upn = parser.upn
        uln = parser.uln
        postcode = parser.postcode
        nameTokens = parser.beforeComma + parser.afterComma
        if parser.sawComma, !parser.beforeComma.isEmpty, !parser.afterComma.isEmpty {
            statedFamily = parser.beforeComma
            statedGiven = parser.afterComma
        } else {
            statedFamily = nil
            statedGiven = nil
        }
        notes = parser.notes
        // Adjacent words joined too: "O Brien" is compared as "obrien".
        let joined = zip(nameTokens, nameTokens.dropFirst()).map { $0 + $1 }
        wordProfiles = Dictionary(
            (nameTokens + joined).map { ($0, WordProfile($0)) }, uniquingKeysWith: { first, _ in first })
    }

    /// Whether the query carries an identifier, which outranks everything else.
    public var hasIdentifier: Bool { nhsNumber != nil || upn != nil || uln != nil }

    /// The ways of reading the name words as given and family names.
    var readings: [NameReading] {
        if let statedFamily, let statedGiven {
            return [NameReading(given: statedGiven, family: statedFamily)]
        }
        let words = nameTokens
        switch words.count {
        case 0: return []
        case 1: return [NameReading(given: words, family: []), NameReading(given: [], family: words)]
        default:
            var readings = [
                NameReading(given: Array(words.dropLast()), family: [words.last!]),
                NameReading(given: Array(words.dropFirst()), family: [words[0]]),
            ]
            if words.count >= 3 {
                readings.append(NameReading(given: [words[0]], family: Array(words.dropFirst())))
            }
            return readings
        }
    }
}

/// One way of reading typed names: which words are given names and which the family name.
struct NameReading: Hashable, Sendable {
    var given: [String]
    var family: [String]
    /// Set when this reading swaps a recorded name's given and family names (duplicate checks only).
    var isReversed = false
}

/// Splits query text into identifiers, a date and name words.
private struct QueryParser {
    let text: String
    var nhsNumber: NHSNumber?
    var upn: UniquePupilNumber?
    var uln: UniqueLearnerNumber?
    var postcode: UKPostcode?
    var date: CalendarDate?
    var beforeComma: [String] = []
    var afterComma: [String] = []
    var sawComma = false
    var notes: [String] = []

    init(text: String) { self.text = text }

    mutating func parse() {
        let raw = text.replacingOccurrences(of: ",", with: " , ").split(whereSeparator: \.isWhitespace).map(String.init)
        var index = 0
        while index < raw.count {
            let token = raw[index]
            if token == "," {
                sawComma = true
                index += 1
                continue
            }
            if let consumed = recogniseIdentifier(raw, from: index) {
                index += consumed
                continue
            }
            if let parsed = CalendarDate(ukOrISO: token) {
                if date == nil { date = parsed }
                index += 1
                continue
            }
            if token.contains(where: \.isNumber) {
                notes.append("“\(token)” is not a name, date, identifier or postcode, so it was left out of the search")
                index += 1
                continue
            }
            let words = NameMatching.tokens(token)
            if sawComma { afterComma += words } else { beforeComma += words }
            index += 1
        }
    }

    /// Tries the longest run of up to three tokens that forms an identifier or postcode; returns how many
    /// tokens it used.
    mutating func recogniseIdentifier(_ raw: [String], from start: Int) -> Int? {
        for length in stride(from: min(3, raw.count - start), through: 1, by: -1) {
            let span = raw[start..<(start + length)]
            guard !span.contains(",") else { continue }
            let joined = span.joined()
            let compact = joined.filter { $0 != "-" }
            if compact.count == 10, compact.allSatisfy({ $0.isASCII && $0.isNumber }) {
                let nhs = try? NHSNumber(validating: compact)
                let uln = try? UniqueLearnerNumber(validating: compact)
                if nhs == nil, uln == nil {
                    let typed = span.joined(separator: " ")
                    notes.append("“\(typed)” looks like an NHS number or ULN but fails its check: check the digits")
                }
                nhsNumber = nhsNumber ?? nhs
                self.uln = self.uln ?? uln
                return length
            }
            if length == 1, compact.count == 13, compact.first?.isLetter == true,
                compact.dropFirst().first?.isNumber == true
            {
                if let upn = try? UniquePupilNumber(validating: compact) {
                    self.upn = self.upn ?? upn
                } else {
                    notes.append("“\(joined)” looks like a UPN but fails its check: check the letter and digits")
                }
                return 1
            }
            // A postcode is one token ("SW1A1AA") or two ("SW1A 1AA"); names never contain digits.
            if length <= 2, joined.contains(where: \.isNumber), joined.contains(where: \.isLetter),
                let postcode = try? UKPostcode(validating: joined)
            {
                self.postcode = self.postcode ?? postcode
                return length
            }
        }
        return nil
    }
}
