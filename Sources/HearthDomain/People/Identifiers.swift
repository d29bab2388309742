import Foundation

/// Which identifier a validation error is about, so a form can show the message beside the right field.
public enum IdentifierField: String, Sendable, CaseIterable, Codable {
    case nhsNumber = "nhs-number"
    case upn
    case uln
    case postcode

    /// The field's name as a practitioner sees it on a form.
    public var label: String {
        switch self {
        case .nhsNumber: "NHS number"
        case .upn: "Unique pupil number (UPN)"
        case .uln: "Unique learner number (ULN)"
        case .postcode: "Postcode"
        }
    }
}

/// Why an identifier was refused, with a message written for the practitioner who typed it.
///
/// `message` is shown beside the field as it stands; `reason` lets code and tests tell the failures apart
/// without matching on wording.
public struct IdentifierError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Reason: String, Sendable, Equatable {
        case empty
        case invalidCharacters = "invalid-characters"
        case wrongLength = "wrong-length"
        case badFormat = "bad-format"
        case checkFailed = "check-failed"
        case placeholder
    }

    public let field: IdentifierField
    public let reason: Reason
    public let message: String

    public init(_ field: IdentifierField, _ reason: Reason, _ message: String) {
        self.field = field
        self.reason = reason
        self.message = message
    }

    public var description: String { message }
}

/// Characters people type between groups of digits; they carry no meaning and are dropped.
private let separators: Set<Character> = [" ", "-", "\u{00A0}", "\t"]

private func stripSeparators(_ input: String) -> String {
    String(input.filter { !separators.contains($0) })
}

private func digitValues(_ text: String) -> [Int]? {
    var values: [Int] = []
    for character in text {
        guard character.isASCII, let value = character.wholeNumberValue else { return nil }
        values.append(value)
    }
    return values
}

// MARK: - NHS number

/// An NHS number: ten digits, the last a modulus 11 check digit.
///
/// The check: multiply the first nine digits by 10, 9, ... 2, sum, and take 11 minus the remainder on
/// dividing by 11. A result of 11 means a check digit of 0; a result of 10 means the number was never
/// issued. Input may contain spaces or hyphens ("943 476 5870"); the stored value is the ten digits.
public struct NHSNumber: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// The ten digits, without separators.
    public let value: String

    /// Validates and normalises what a practitioner typed.
    public init(validating input: String) throws(IdentifierError) {
        let compact = stripSeparators(input.trimmingCharacters(in: .whitespacesAndNewlines))
        guard !compact.isEmpty else { throw IdentifierError(.nhsNumber, .empty, "Enter an NHS number") }
        guard let digits = digitValues(compact) else {
            throw IdentifierError(
                .nhsNumber, .invalidCharacters, "NHS number must contain only digits, like 943 476 5870")
        }
        guard digits.count == 10 else {
            throw IdentifierError(.nhsNumber, .wrongLength, "NHS number must be 10 digits")
        }
        guard Self.checkDigit(forFirstNine: digits.prefix(9)) == digits[9] else {
            throw IdentifierError(.nhsNumber, .checkFailed, "This is not a valid NHS number: check the digits")
        }
        value = compact
    }

    /// Validates without throwing, for code that collects errors field by field.
    public static func validate(_ input: String) -> Result<NHSNumber, IdentifierError> {
        Result { () throws(IdentifierError) in try NHSNumber(validating: input) }
    }

    /// The check digit for nine leading digits, or nil when no valid NHS number starts with them
    /// (the modulus gives 10). Useful for generating synthetic test numbers in the 999 range.
    public static func checkDigit(forFirstNine digits: some Collection<Int>) -> Int? {
        guard digits.count == 9 else { return nil }
        let sum = zip(digits, stride(from: 10, through: 2, by: -1)).reduce(0) { $0 + $1.0 * $1.1 }
        let check = 11 - sum % 11
        switch check {
        case 11: return 0
        case 10: return nil
        default: return check
        }
    }

    /// The number as printed on NHS letters: "943 476 5870".
    public var formatted: String {
        let characters = Array(value)
        return String(characters[0..<3]) + " " + String(characters[3..<6]) + " " + String(characters[6...])
    }

    public var description: String { formatted }

    public static func < (lhs: NHSNumber, rhs: NHSNumber) -> Bool { lhs.value < rhs.value }
}

// MARK: - Unique pupil number

/// A unique pupil number (UPN), as allocated by schools and local authorities in England.
///
/// Thirteen characters: a check letter, a 3-digit local authority number, a 4-digit establishment number,
/// 2 digits of the year and 3 serial digits. A temporary UPN ends in a letter instead of the last digit.
///
/// The check letter (DfE "Unique pupil numbers (UPNs)", Annex A; census validation rule 1510): multiply
/// characters 2 to 13 by weights 2 to 13 (a final letter counts as its position in the check alphabet
/// below, A = 0), sum, and take the remainder on dividing by 23; that remainder indexes
/// "ABCDEFGHJKLMNPQRTUVWXYZ" (I, O and S are never used). The local authority number is not checked
/// against the list of authorities: that list changes with reorganisations, and the check letter already
/// catches most mistyping.
public struct UniquePupilNumber: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// The letters usable as a check letter or as a temporary UPN's last character, in value order.
    public static let checkAlphabet: [Character] = Array("ABCDEFGHJKLMNPQRTUVWXYZ")

    /// The thirteen characters, upper case.
    public let value: String

    /// Validates and normalises what a practitioner typed (case and spaces do not matter).
    public init(validating input: String) throws(IdentifierError) {
        let compact = stripSeparators(input.trimmingCharacters(in: .whitespacesAndNewlines)).uppercased()
        guard !compact.isEmpty else { throw IdentifierError(.upn, .empty, "Enter a UPN") }
        guard compact.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            throw IdentifierError(.upn, .invalidCharacters, "UPN must contain only letters and digits")
        }
        guard compact.count == 13 else {
            throw IdentifierError(.upn, .wrongLength, "UPN must be 13 characters, like A123456789012")
        }
        let characters = Array(compact)
        guard characters[0].isLetter else {
            throw IdentifierError(.upn, .badFormat, "UPN must start with a letter")
        }
        guard characters[1...11].allSatisfy(\.isNumber) else {
            throw IdentifierError(.upn, .badFormat, "Characters 2 to 12 of a UPN must be digits")
        }
        let last = characters[12]
        guard last.isNumber || Self.checkAlphabet.contains(last) else {
            throw IdentifierError(
                .upn, .badFormat,
                "The last character of a UPN must be a digit, or a letter other than I, O or S for a temporary UPN")
        }
        guard Self.checkLetter(forLastTwelve: String(characters[1...])) == characters[0] else {
            throw IdentifierError(.upn, .checkFailed, "This is not a valid UPN: check the first letter and the digits")
        }
        value = compact
    }

    /// Validates without throwing, for code that collects errors field by field.
    public static func validate(_ input: String) -> Result<UniquePupilNumber, IdentifierError> {
        Result { () throws(IdentifierError) in try UniquePupilNumber(validating: input) }
    }

    /// The check letter for the twelve characters after it, or nil if they are not 11 digits followed by
    /// a digit or a check-alphabet letter.
    public static func checkLetter(forLastTwelve text: String) -> Character? {
        let characters = Array(text.uppercased())
        guard characters.count == 12 else { return nil }
        var sum = 0
        for (offset, character) in characters.enumerated() {
            let value: Int
            if let digit = character.wholeNumberValue, character.isASCII {
                value = digit
            } else if offset == 11, let index = checkAlphabet.firstIndex(of: character) {
                value = index
            } else {
                return nil
            }
            sum += value * (offset + 2)
        }
        return checkAlphabet[sum % 23]
    }

    /// Whether this is a temporary UPN (ending in a letter), to be replaced once the permanent one is known.
    public var isTemporary: Bool { value.last?.isLetter ?? false }

    public var description: String { value }

    public static func < (lhs: UniquePupilNumber, rhs: UniquePupilNumber) -> Bool { lhs.value < rhs.value }
}

// MARK: - Unique learner number

/// A unique learner number (ULN), issued by the Learning Records Service to learners aged 14 and over.
///
/// Ten digits, the first not zero. The check (ESFA ILR validation, DerivedData_01; school census rule
/// 1575): multiply the first nine digits by 10, 9, ... 2, sum, and take the remainder on dividing by 11;
/// a remainder of 0 is invalid, otherwise the check digit is 10 minus the remainder. Equivalently, the
/// weighted sum of all ten digits with weights 10 ... 1 leaves remainder 10 (HESA's wording). The ILR's
/// placeholder 9999999999 ("not known") is refused: leave the field blank instead.
public struct UniqueLearnerNumber: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// The ten digits.
    public let value: String

    /// Validates and normalises what a practitioner typed.
    public init(validating input: String) throws(IdentifierError) {
        let compact = stripSeparators(input.trimmingCharacters(in: .whitespacesAndNewlines))
        guard !compact.isEmpty else { throw IdentifierError(.uln, .empty, "Enter a ULN") }
        guard let digits = digitValues(compact) else {
            throw IdentifierError(.uln, .invalidCharacters, "ULN must contain only digits")
        }
        guard digits.count == 10 else { throw IdentifierError(.uln, .wrongLength, "ULN must be 10 digits") }
        guard compact != "9999999999" else {
            throw IdentifierError(
                .uln, .placeholder, "9999999999 means the ULN is not known: leave the ULN blank instead")
        }
        guard digits[0] != 0, Self.checkDigit(forFirstNine: digits.prefix(9)) == digits[9] else {
            throw IdentifierError(.uln, .checkFailed, "This is not a valid ULN: check the digits")
        }
        value = compact
    }

    /// Validates without throwing, for code that collects errors field by field.
    public static func validate(_ input: String) -> Result<UniqueLearnerNumber, IdentifierError> {
        Result { () throws(IdentifierError) in try UniqueLearnerNumber(validating: input) }
    }

    /// The check digit for nine leading digits, or nil when no valid ULN starts with them.
    public static func checkDigit(forFirstNine digits: some Collection<Int>) -> Int? {
        guard digits.count == 9 else { return nil }
        let remainder = zip(digits, stride(from: 10, through: 2, by: -1)).reduce(0) { $0 + $1.0 * $1.1 } % 11
        return remainder == 0 ? nil : 10 - remainder
    }

    public var description: String { value }

    public static func < (lhs: UniqueLearnerNumber, rhs: UniqueLearnerNumber) -> Bool { lhs.value < rhs.value }
}

// MARK: - Postcode

/// A UK postcode, normalised to upper case with one space before the three-character inward code.
///
/// Accepted outward codes are A9, A99, AA9, AA99, A9A and AA9A, with the letter rules of the Royal Mail
/// format (first letter not Q, V or X; second not I, J or Z; a third-position letter from ABCDEFGHJKPSTUW;
/// a fourth-position letter from ABEHMNPRVWXY; inward letters never C, I, K, M, O or V), plus the
/// special case GIR 0AA. British forces addresses have postcodes of the same shape starting BF1, so
/// they pass; a "BFPO 123" number is not a postcode and is refused with a message saying so.
/// The format check cannot say whether a postcode exists: that needs the ONS postcode directory.
public struct UKPostcode: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// The postcode, e.g. "SW1A 1AA".
    public let value: String
    /// The part before the space, e.g. "SW1A": the postcode district.
    public let outward: String
    /// The last three characters, e.g. "1AA".
    public let inward: String

    /// Validates and normalises what a practitioner typed ("sw1a1aa", " SW1A  1AA ").
    public init(validating input: String) throws(IdentifierError) {
        let compact = String(input.uppercased().filter { !$0.isWhitespace })
        guard !compact.isEmpty else { throw IdentifierError(.postcode, .empty, "Enter a postcode") }
        if compact.hasPrefix("BFPO") {
            throw IdentifierError(
                .postcode, .badFormat,
                "A BFPO number is not a postcode: enter the British forces postcode, which starts BF1")
        }
        guard compact.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            throw IdentifierError(.postcode, .invalidCharacters, "Postcode must contain only letters and digits")
        }
        guard (5...7).contains(compact.count) else {
            throw IdentifierError(.postcode, .wrongLength, "Enter a full postcode, like LS1 4AP")
        }
        let outward = String(compact.dropLast(3))
        let inward = String(compact.suffix(3))
        guard compact == "GIR0AA" || (Self.isOutward(outward) && Self.isInward(inward)) else {
            throw IdentifierError(.postcode, .badFormat, "Enter a real postcode, like LS1 4AP")
        }
        self.outward = outward
        self.inward = inward
        value = outward + " " + inward
    }

    /// Validates without throwing, for code that collects errors field by field.
    public static func validate(_ input: String) -> Result<UKPostcode, IdentifierError> {
        Result { () throws(IdentifierError) in try UKPostcode(validating: input) }
    }

    /// The postcode sector, e.g. "SW1A 1": a few thousand addresses, a useful search key for "nearby".
    public var sector: String { outward + " " + String(inward.prefix(1)) }

    /// The postcode area: the leading letters, e.g. "SW".
    public var area: String { String(outward.prefix { $0.isLetter }) }

    public var description: String { value }

    public static func < (lhs: UKPostcode, rhs: UKPostcode) -> Bool { lhs.value < rhs.value }

    private static let firstLetters = Set("ABCDEFGHIJKLMNOPRSTUWYZ")
    private static let secondLetters = Set("ABCDEFGHKLMNOPQRSTUVWXY")
    private static let thirdLetters = Set("ABCDEFGHJKPSTUW")
    private static let fourthLetters = Set("ABEHMNPRVWXY")
    private static let inwardLetters = Set("ABDEFGHJLNPQRSTUWXYZ")

    private static func isOutward(_ text: String) -> Bool {
        let c = Array(text)
        guard let first = c.first, firstLetters.contains(first) else { return false }
        let digit: (Character) -> Bool = { $0.isNumber }
        switch c.count {
        case 2:  // A9
            return digit(c[1])
        case 3:  // A99, AA9, A9A
            if digit(c[1]) { return digit(c[2]) || thirdLetters.contains(c[2]) }
            return secondLetters.contains(c[1]) && digit(c[2])
        case 4:  // AA99, AA9A
            guard secondLetters.contains(c[1]), digit(c[2]) else { return false }
            return digit(c[3]) || fourthLetters.contains(c[3])
        default:
            return false
        }
    }

    private static func isInward(_ text: String) -> Bool {
        let c = Array(text)
        return c.count == 3 && c[0].isNumber && inwardLetters.contains(c[1]) && inwardLetters.contains(c[2])
    }
}
