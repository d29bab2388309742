import Foundation

/// What a search key is made from. The raw value is the prefix stored in the key table.
public enum SearchKeyKind: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    case nhs
    case upn
    case uln
    case dob
    /// For a person: their date of birth with day and month exchanged. For a query: the date as typed,
    /// so a query typed the wrong way round meets the person's swapped key.
    case dobSwapped = "dob-swapped"
    case postcode
    case postcodeSector = "postcode-sector"
    /// A normalised family-name word, exactly.
    case family
    /// A normalised given-name word, exactly.
    case given
    case phoneticFamily = "phonetic-family"
    case phoneticGiven = "phonetic-given"
    /// The canonical name of a variant group the given name is in.
    case variantGiven = "variant-given"
    case trigramFamily = "trigram-family"
    case trigramGiven = "trigram-given"

    /// How much one shared key of this kind says about a candidate, for ordering candidates in the index
    /// query before they are scored: sum the weights of the keys each person shares with the query and
    /// score the best few hundred. Trigram keys weigh 1, so a typo is found only through several shared
    /// trigrams or together with another key.
    public var retrievalWeight: Int {
        switch self {
        case .nhs, .upn, .uln: 100
        case .family: 12
        case .dob, .phoneticFamily: 10
        case .given, .postcode: 8
        case .dobSwapped, .phoneticGiven, .variantGiven: 6
        case .postcodeSector: 2
        case .trigramFamily, .trigramGiven: 1
        }
    }

    public static func < (lhs: SearchKeyKind, rhs: SearchKeyKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// One precomputed search key: a row in the indexed key table, `(person_id, key)`.
public struct SearchKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let kind: SearchKeyKind
    public let value: String

    public init(_ kind: SearchKeyKind, _ value: String) {
        self.kind = kind
        self.value = value
    }

    /// Reads a stored key back: "phonetic-family:AKFR".
    public init?(stored: String) {
        guard let colon = stored.firstIndex(of: ":"),
            let kind = SearchKeyKind(rawValue: String(stored[..<colon]))
        else { return nil }
        self.init(kind, String(stored[stored.index(after: colon)...]))
    }

    /// The form stored in the key table: "kind:value".
    public var stored: String { kind.rawValue + ":" + value }

    public var description: String { stored }

    public static func < (lhs: SearchKey, rhs: SearchKey) -> Bool {
        (lhs.kind, lhs.value) < (rhs.kind, rhs.value)
    }
}

/// The keys that let person search find candidates through an index instead of scanning: every person
/// stores a bounded set of keys, a query is turned into keys, and the people sharing keys with the
/// query are the candidates `PersonMatcher` then scores.
///
/// Names give exact, phonetic, variant and trigram keys, so a typo, a transposition, a sound-alike
/// spelling or a short form still shares a key with the person; the date of birth is stored both as it
/// is and with day and month swapped. A date one digit out has no key of its own (it would need dozens):
/// such a person is found through their name and the date then counts in the score.
public enum PersonSearchKeys {
    /// The most keys stored for one person. Enough for a legal name, a preferred name, two previous
    /// names or aliases, identifiers and three postcodes; beyond it the weakest keys are dropped first.
    public static let maximumPerPerson = 60

    /// The keys to store for a person, strongest first, at most `maximumPerPerson`.
    public static func keys(for person: PersonFacts) -> [SearchKey] {
        // Keys are listed in order of strength; the cap drops from the end.
        var ordered: [SearchKey] = []
        if let nhs = person.nhsNumber { ordered.append(SearchKey(.nhs, nhs.value)) }
        if let upn = person.upn { ordered.append(SearchKey(.upn, upn.value)) }
        if let uln = person.uln { ordered.append(SearchKey(.uln, uln.value)) }
        if let dob = person.dateOfBirth {
            ordered.append(SearchKey(.dob, dob.iso))
            if let swapped = dob.dayMonthSwapped { ordered.append(SearchKey(.dobSwapped, swapped.iso)) }
        }
        let names = person.names.sorted { rank($0.kind) < rank($1.kind) }
        for name in names {
            ordered += familyWordKeys(name.family)
            ordered += givenWordKeys(name.given)
        }
        for postcode in person.postcodes { ordered.append(SearchKey(.postcode, postcode.value)) }
        for name in names {
            ordered += NameMatching.trigrams(name.family).sorted().map { SearchKey(.trigramFamily, $0) }
            if let first = NameMatching.tokens(name.given).first {
                ordered += NameMatching.trigrams(first).sorted().map { SearchKey(.trigramGiven, $0) }
            }
        }
        for postcode in person.postcodes { ordered.append(SearchKey(.postcodeSector, postcode.sector)) }

        var seen: Set<SearchKey> = []
        var result: [SearchKey] = []
        for key in ordered where !key.value.isEmpty && seen.insert(key).inserted {
            result.append(key)
            if result.count == maximumPerPerson { break }
        }
        return result
    }

    /// The keys to look up for a query. Without a comma the name words could be given or family
    /// names, so each word is keyed as both; adjacent words are also joined ("O Brien" as "obrien").
    public static func keys(for query: PersonQuery) -> Set<SearchKey> {
        var keys: Set<SearchKey> = []
        if let nhs = query.nhsNumber { keys.insert(SearchKey(.nhs, nhs.value)) }
        if let upn = query.upn { keys.insert(SearchKey(.upn, upn.value)) }
        if let uln = query.uln { keys.insert(SearchKey(.uln, uln.value)) }
        if let postcode = query.postcode {
            keys.insert(SearchKey(.postcode, postcode.value))
            keys.insert(SearchKey(.postcodeSector, postcode.sector))
        }
        if let dob = query.dateOfBirth {
            keys.insert(SearchKey(.dob, dob.iso))
            keys.insert(SearchKey(.dobSwapped, dob.iso))
        }
        let familyWords = query.statedFamily ?? query.nameTokens
        let givenWords = query.statedGiven ?? query.nameTokens
        for word in familyWords {
            keys.formUnion(familyWordKeys(word))
            keys.formUnion(NameMatching.trigrams(word).map { SearchKey(.trigramFamily, $0) })
        }
        for (first, second) in zip(familyWords, familyWords.dropFirst()) {
            keys.formUnion(familyWordKeys(first + second))
        }
        for word in givenWords {
            keys.formUnion(givenWordKeys(word))
            keys.formUnion(NameMatching.trigrams(word).map { SearchKey(.trigramGiven, $0) })
        }
        keys = keys.filter { !$0.value.isEmpty }
        return keys
    }

    private static func rank(_ kind: KnownName.Kind) -> Int {
        KnownName.Kind.allCases.firstIndex(of: kind)!
    }

    /// Exact and phonetic keys for each word of a family name and for the whole name run together, so
    /// "Smith-Jones" is found by "Smith", "Jones" or "Smithjones".
    private static func familyWordKeys(_ family: String) -> [SearchKey] {
        let words = NameMatching.tokens(family)
        var forms = words
        if words.count > 1 { forms.append(words.joined()) }
        return forms.flatMap { word in
            [SearchKey(.family, word), SearchKey(.phoneticFamily, NameMatching.phoneticKey(word))]
        }
    }

    /// Exact, phonetic and variant-group keys for each given name.
    private static func givenWordKeys(_ given: String) -> [SearchKey] {
        NameMatching.tokens(given).flatMap { word in
            [SearchKey(.given, word), SearchKey(.phoneticGiven, NameMatching.phoneticKey(word))]
                + NameVariants.groups(for: word).map { SearchKey(.variantGiven, $0) }
        }
    }
}
