import Foundation

/// How well a candidate matches a search or a new record: a score and the evidence, in words.
public struct PersonMatch: Sendable, Hashable {
    /// 0...100. 100 means an NHS number, UPN or ULN is the same; anything else is at most 99.
    public let score: Int
    /// Why, in the practitioner's words: "Family name sounds like Okafor", "NHS number matches".
    /// Evidence against a match is listed too ("Date of birth differs").
    public let reasons: [String]
    /// Whether an NHS number, UPN or ULN matched.
    public let identifierMatched: Bool
}

/// A candidate with its match, as returned by ranking and duplicate checks.
public struct RankedPerson: Sendable, Hashable {
    public let person: PersonFacts
    public let match: PersonMatch
}

/// Scores a candidate against a search or against another person's facts, with reasons.
///
/// Weights (points, summed, then limited to 0...99):
/// - NHS number, UPN or ULN the same: the score is 100 outright, whatever else differs (the other
///   evidence is still listed, so a contradiction shows). Recorded on both sides and different: −30 each.
/// - Family name: up to 35 × name similarity. Given name: up to 25 × name similarity.
///   Given names on both sides that are not alike at all (similarity under 0.3): −25, so that twins and
///   siblings sharing a family name, date of birth and address do not look like one person.
/// - Date of birth the same: 30; day and month swapped: 22; one digit different: 15; otherwise −10.
/// - A postcode the same: 10; only the same postcode sector: 4.
///
/// Name similarity, best of: the same after normalising 1.0; in the same variant group (given names
/// only) 0.85; the same phonetic key and at least one trigram in common 0.8; one edit apart, counting a
/// swap of adjacent letters as one (names of 3 letters or more) 0.75; two edits apart (6 letters or more)
/// 0.55; trigram Dice similarity of 0.5 or more, 0.7 × Dice; the recorded name starts with the 3 or more
/// letters typed 0.5; a typed initial matches (given names only) 0.3.
///
/// So an identifier ranks first (100); the exact full name with the date of birth next (90, 99 with the
/// postcode); then sound-alike, variant and misspelt names with the date of birth (about 80 to 86); then
/// names alone. Every recorded name (legal, preferred, previous, alias) is tried and the best counts.
public struct PersonMatcher: Sendable {
    public static let identifierScore = 100
    public static let familyWeight = 35.0
    public static let givenWeight = 25.0
    public static let givenMismatchPenalty = 25.0
    public static let dateOfBirthExact = 30.0
    public static let dateOfBirthSwapped = 22.0
    public static let dateOfBirthOneDigit = 15.0
    public static let dateOfBirthDiffers = -10.0
    public static let postcodeExact = 10.0
    public static let postcodeSector = 4.0
    public static let identifierConflict = -30.0
    /// A reading that swaps a record's given and family names keeps this share of its name points.
    public static let reversedNameFactor = 0.9

    public init() {}

    /// Scores a candidate against a search.
    public func score(query: PersonQuery, candidate: PersonFacts) -> PersonMatch {
        var evidence = Evidence(profiles: query.wordProfiles)
        evidence.identifiers(nhs: query.nhsNumber, upn: query.upn, uln: query.uln, candidate: candidate)
        evidence.names(query.readings, candidate: candidate)
        evidence.dateOfBirth(query.dateOfBirth, candidate.dateOfBirth)
        evidence.postcodes(query.postcode.map { [$0] } ?? [], candidate.postcodes)
        return evidence.match
    }

    /// Scores one person's facts against another's: the comparison behind duplicate checks.
    public func score(person: PersonFacts, candidate: PersonFacts) -> PersonMatch {
        var evidence = Evidence()
        evidence.identifiers(nhs: person.nhsNumber, upn: person.upn, uln: person.uln, candidate: candidate)
        var readings: [NameReading] = []
        for name in person.names {
            let given = NameMatching.tokens(name.given)
            let family = NameMatching.tokens(name.family)
            readings.append(NameReading(given: given, family: family))
            // Given and family names entered the wrong way round are a classic cause of duplicates.
            if !given.isEmpty, !family.isEmpty {
                readings.append(NameReading(given: family, family: given, isReversed: true))
            }
        }
        evidence.names(readings, candidate: candidate)
        evidence.dateOfBirth(person.dateOfBirth, candidate.dateOfBirth)
        evidence.postcodes(person.postcodes, candidate.postcodes)
        return evidence.match
    }

    /// Scores every candidate and returns them best first (ties by name, for a stable order).
    public func rank(query: PersonQuery, candidates: [PersonFacts], limit: Int? = nil) -> [RankedPerson] {
        let ranked = PersonMatcher.sorted(
            candidates.map { RankedPerson(person: $0, match: score(query: query, candidate: $0)) })
        return limit.map { Array(ranked.prefix($0)) } ?? ranked
    }

    /// Best score first; ties by name, then id, so the order never depends on the order of candidates.
    static func sorted(_ people: [RankedPerson]) -> [RankedPerson] {
        // Sort keys are worked out once each: comparing display names afresh made sorting cost more
        // than scoring.
        people.map { ($0, $0.person.displayName, $0.person.id?.uuidString ?? "") }
            .sorted { lhs, rhs in
                if lhs.0.match.score != rhs.0.match.score { return lhs.0.match.score > rhs.0.match.score }
                return (lhs.1, lhs.2) < (rhs.1, rhs.2)
            }
            .map(\.0)
    }
}

/// Finds records that are probably the same person as one being added, so a practitioner can open the
/// existing record instead of making a second.
///
/// A candidate is a likely duplicate when `PersonMatcher.score(person:candidate:)` reaches `threshold`,
/// 60 by default: the exact full name with no date of birth to compare (60); a sound-alike, variant or
/// misspelt name with the same or a swapped date of birth (about 75 to 86); the same family name, date of
/// birth and postcode with no given name recorded (75); or any shared identifier (100). The same name
/// with a different date of birth (50) is not enough: two children called Mohammed Rahman are common.
/// Twins (same family name, date of birth and address, unlike given names) score about 50 and are not
/// flagged; twins with alike given names are, and the reasons let the practitioner see why.
public struct DuplicateCheck: Sendable {
    public static let defaultThreshold = 60

    public let threshold: Int
    private let matcher = PersonMatcher()

    public init(threshold: Int = DuplicateCheck.defaultThreshold) {
        self.threshold = threshold
    }

    /// The candidates at or above the threshold, best first. A candidate with the same id as the person
    /// (the record itself) is skipped.
    public func likelyDuplicates(of person: PersonFacts, among candidates: [PersonFacts]) -> [RankedPerson] {
        PersonMatcher.sorted(
            candidates
                .filter { person.id == nil || $0.id != person.id }
                .map { RankedPerson(person: $0, match: matcher.score(person: person, candidate: $0)) }
                .filter { $0.match.score >= threshold })
    }
}

// MARK: - Evidence

/// How alike two single name words are, and how to say so.
struct NameSimilarity: Comparable {
    enum Level: Int, Comparable {
        case none, initial, prefix, spelling, twoEdits, oneEdit, transposition, phonetic, variant, exact

        static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    var value: Double
    var level: Level

    static let none = NameSimilarity(value: 0, level: .none)

    static func < (lhs: NameSimilarity, rhs: NameSimilarity) -> Bool {
        (lhs.value, lhs.level) < (rhs.value, rhs.level)
    }

    /// `typed` and `recorded` are profiles of normalised words.
    static func of(typed: WordProfile, recorded: WordProfile, isGiven: Bool) -> NameSimilarity {
        guard !typed.word.isEmpty, !recorded.word.isEmpty else { return .none }
        if typed.word == recorded.word { return NameSimilarity(value: 1, level: .exact) }
        var best = NameSimilarity.none
        func consider(_ value: Double, _ level: Level) {
            let candidate = NameSimilarity(value: value, level: level)
            if candidate > best { best = candidate }
        }
        if isGiven, NameVariants.areVariants(normalised: typed.word, recorded.word) { consider(0.85, .variant) }
        let dice = typed.dice(recorded)
        // A shared trigram keeps short keys honest: Ava and Eve share the key "AF" and nothing else.
        if !typed.phonetic.isEmpty, typed.phonetic == recorded.phonetic, dice > 0 { consider(0.8, .phonetic) }
        let shorter = min(typed.letters.count, recorded.letters.count)
        let distance = NameMatching.osaDistance(typed.letters, recorded.letters)
        if distance == 1, shorter >= 3 {
            consider(0.75, NameMatching.isTransposition(typed.letters, recorded.letters) ? .transposition : .oneEdit)
        }
        if distance == 2, shorter >= 6 { consider(0.55, .twoEdits) }
        if dice >= 0.5 { consider(0.7 * dice, .spelling) }
        if typed.letters.count >= 3, recorded.word.hasPrefix(typed.word) { consider(0.5, .prefix) }
        if isGiven, typed.letters.count == 1, recorded.word.hasPrefix(typed.word) { consider(0.3, .initial) }
        return best
    }
}

/// Gathers points and reasons for one comparison.
private struct Evidence {
    var points = 0.0
    var reasons: [String] = []
    var identifierMatched = false
    /// Profiles of the words compared so far, so each word is profiled once per comparison.
    var profiles: [String: WordProfile]

    init(profiles: [String: WordProfile] = [:]) {
        self.profiles = profiles
    }

    mutating func profile(_ word: String) -> WordProfile {
        if let known = profiles[word] { return known }
        let made = WordProfile(word)
        profiles[word] = made
        return made
    }

    var match: PersonMatch {
        let score = identifierMatched ? PersonMatcher.identifierScore : Int(min(99, max(0, points.rounded())))
        return PersonMatch(score: score, reasons: reasons, identifierMatched: identifierMatched)
    }

    mutating func identifiers(
        nhs: NHSNumber?, upn: UniquePupilNumber?, uln: UniqueLearnerNumber?, candidate: PersonFacts
    ) {
        compare(nhs, candidate.nhsNumber, same: "NHS number matches", different: "NHS numbers differ")
        compare(upn, candidate.upn, same: "UPN matches", different: "UPNs differ")
        compare(uln, candidate.uln, same: "ULN matches", different: "ULNs differ")
    }

    private mutating func compare<T: Equatable>(_ lhs: T?, _ rhs: T?, same: String, different: String) {
        guard let lhs, let rhs else { return }
        if lhs == rhs {
            identifierMatched = true
            reasons.append(same)
        } else {
            points += PersonMatcher.identifierConflict
            reasons.append(different)
        }
    }

    mutating func names(_ readings: [NameReading], candidate: PersonFacts) {
        struct Best {
            var points: Double
            var reasons: [String]
        }
        var best: Best?
        for name in candidate.names {
            let recordedGiven = NameMatching.tokens(name.given)
            let recordedFamily = familyForms(NameMatching.tokens(name.family))
            for reading in readings {
                var points = 0.0
                var reasons: [String] = []
                // Which kind of name matched, but not the name itself: a previous name can be sensitive
                // (an adopted child's birth name), and the searcher already knows what they typed.
                let suffix = name.kind == .legal ? "" : " (\(name.kind.label))"
                let typedFamily = familyForms(reading.family)
                if let (similarity, recorded) = bestPair(typedFamily, recordedFamily, isGiven: false),
                    similarity.level != .none
                {
                    points += PersonMatcher.familyWeight * similarity.value
                    reasons.append(describe("Family name", similarity, recorded, original: name.family) + suffix)
                }
                if !reading.given.isEmpty, !recordedGiven.isEmpty {
                    let pair = bestPair(reading.given, recordedGiven, isGiven: true)
                    if let (similarity, recorded) = pair, similarity.value >= 0.3 {
                        points += PersonMatcher.givenWeight * similarity.value
                        let typed = similarity.level == .prefix ? longestTypedPrefix(reading.given, of: recorded) : nil
                        reasons.append(
                            describe("Given name", similarity, recorded, original: name.given, typed: typed) + suffix)
                    } else {
                        points -= PersonMatcher.givenMismatchPenalty
                        reasons.append("Given name differs")
                    }
                }
                if reading.isReversed {
                    points *= PersonMatcher.reversedNameFactor
                    reasons.append("Given and family names are recorded the other way round")
                }
                if points > (best?.points ?? -Double.infinity) { best = Best(points: points, reasons: reasons) }
            }
        }
        guard let best else { return }
        points += best.points
        reasons += best.reasons
    }

    mutating func dateOfBirth(_ typed: CalendarDate?, _ recorded: CalendarDate?) {
        guard let typed, let recorded else { return }
        if typed == recorded {
            points += PersonMatcher.dateOfBirthExact
            reasons.append("Date of birth matches")
        } else if typed.dayMonthSwapped == recorded {
            points += PersonMatcher.dateOfBirthSwapped
            reasons.append("Date of birth matches with day and month swapped")
        } else if typed.differsByOneDigit(from: recorded) {
            points += PersonMatcher.dateOfBirthOneDigit
            reasons.append("Date of birth is one digit different")
        } else {
            points += PersonMatcher.dateOfBirthDiffers
            reasons.append("Date of birth differs")
        }
    }

    mutating func postcodes(_ typed: [UKPostcode], _ recorded: [UKPostcode]) {
        guard !typed.isEmpty, !recorded.isEmpty else { return }
        if let same = typed.first(where: recorded.contains) {
            points += PersonMatcher.postcodeExact
            reasons.append(same == recorded.first ? "Postcode matches" : "Postcode matches a previous postcode")
        } else if let sector = typed.map(\.sector).first(where: Set(recorded.map(\.sector)).contains) {
            points += PersonMatcher.postcodeSector
            reasons.append("Postcode is in the same sector (\(sector))")
        }
    }

    /// The words of a family name and, for several words, the words run together.
    private func familyForms(_ words: [String]) -> [String] {
        words.count > 1 ? words + [words.joined()] : words
    }

    private mutating func bestPair(_ typed: [String], _ recorded: [String], isGiven: Bool) -> (NameSimilarity, String)?
    {
        var best: (NameSimilarity, String)?
        for t in typed {
            for r in recorded {
                let similarity = NameSimilarity.of(typed: profile(t), recorded: profile(r), isGiven: isGiven)
                if best == nil || similarity > best!.0 { best = (similarity, r) }
            }
        }
        return best
    }

    private func longestTypedPrefix(_ typed: [String], of recorded: String) -> String? {
        typed.filter { $0.count >= 3 && recorded.hasPrefix($0) }.max { $0.count < $1.count }
    }

    private func describe(
        _ field: String, _ similarity: NameSimilarity, _ recorded: String, original: String, typed: String? = nil
    ) -> String {
        let shown = display(recorded, in: original)
        switch similarity.level {
        case .exact: return "\(field) matches"
        case .variant: return "\(field) is a variant of \(shown)"
        case .phonetic: return "\(field) sounds like \(shown)"
        case .transposition: return "\(field) matches \(shown) with two letters swapped"
        case .oneEdit: return "\(field) is one letter different from \(shown)"
        case .twoEdits: return "\(field) is two letters different from \(shown)"
        case .spelling: return "\(field) is spelt like \(shown)"
        case .prefix: return "\(field) \(shown) starts with \(typed.map(capitalised) ?? "what was typed")"
        case .initial: return "\(field) initial matches \(shown)"
        case .none: return ""
        }
    }

    /// The recorded spelling of a normalised word, for reasons: "obrien" in "O'Brien" shows as "O'Brien".
    private func display(_ word: String, in original: String) -> String {
        let pieces = original.split(whereSeparator: { $0.isWhitespace || $0 == "-" }).map(String.init)
        if let piece = pieces.first(where: { NameMatching.normaliseName($0) == word }) { return piece }
        if NameMatching.compactName(original) == word { return original.trimmingCharacters(in: .whitespaces) }
        return capitalised(word)
    }

    private func capitalised(_ word: String) -> String {
        word.prefix(1).uppercased() + word.dropFirst()
    }
}
