import Foundation

/// A code list from a DfE data collection: each case's raw value is the code sent in the return, and
/// `label` is the wording the specification gives it.
public protocol CensusCode: RawRepresentable, CaseIterable, Sendable, Hashable where RawValue == String {
    var label: String { get }
}

extension CensusCode {
    /// Reads a code as it may arrive from an import or a form: surrounding space and case are ignored.
    public init?(code: String) {
        self.init(rawValue: code.trimmingCharacters(in: .whitespacesAndNewlines).uppercased())
    }

    /// Every code with its label, in specification order, for select lists and export mappings.
    public static var codesAndLabels: [(code: String, label: String)] {
        allCases.map { ($0.rawValue, $0.label) }
    }
}

/// Sex, as the Children in Need census collects it from the 2024 to 2025 census onwards: `<Sex>` (N00783),
/// which replaced the numeric `<GenderCurrent>` following a Common Basic Data Set change (RFC 1233).
/// The 2025 to 2026 census uses the same list.
///
/// This records sex, not gender identity; DfE's guidance lets it be updated without documents.
/// An unborn child must be recorded as `U` (validation rule 8750).
public enum CINSex: String, CensusCode, Codable {
    case male = "M"
    case female = "F"
    case unknown = "U"

    public var label: String {
        switch self {
        case .male: "Male"
        case .female: "Female"
        case .unknown: "Unknown (for example, not asked, or an unborn child)"
        }
    }

    /// The value as a record shows it, without the form's example of when to choose it.
    public var recordedAs: String {
        self == .unknown ? "Unknown" : label
    }
}

/// The legacy gender list (`<GenderCurrent>`, N00065) used by Children in Need censuses up to 2023 to
/// 2024, kept so that older returns and migrated records can be read. Do not use it for new returns:
/// send `CINSex`.
public enum CINLegacyGender: String, CensusCode, Codable {
    case notKnown = "0"
    case male = "1"
    case female = "2"
    case notSpecified = "9"

    public var label: String {
        switch self {
        case .notKnown: "Not known (not recorded)"
        case .male: "Male"
        case .female: "Female"
        case .notSpecified: "Not specified (indeterminate)"
        }
    }

    /// The current census code for a legacy value: 0 and 9 both become `U`.
    public var sex: CINSex {
        switch self {
        case .male: .male
        case .female: .female
        case .notKnown, .notSpecified: .unknown
        }
    }
}

/// The broad ethnic groups DfE reports by; each main ethnicity code belongs to one.
public enum CINEthnicGroup: String, Sendable, Hashable, CaseIterable, Codable {
    case white
    case mixed
    case asian
    case black
    case chinese
    case other
    case notRecorded = "not-recorded"

    public var label: String {
        switch self {
        case .white: "White"
        case .mixed: "Mixed / dual background"
        case .asian: "Asian or Asian British"
        case .black: "Black or Black British"
        case .chinese: "Chinese"
        case .other: "Any other ethnic group"
        case .notRecorded: "Refused or not yet obtained"
        }
    }
}

/// The DfE main ethnicity codes (`<Ethnicity>`, N00177), as used in the Children in Need census, the
/// SSDA903 return and the school census. Extended codes (WENG, WSCO and the like) roll up to these
/// before a return is made, so only the main codes are listed.
public enum CINEthnicity: String, CensusCode, Codable {
    case whiteBritish = "WBRI"
    case whiteIrish = "WIRI"
    case travellerOfIrishHeritage = "WIRT"
    case anyOtherWhite = "WOTH"
    case gypsyRoma = "WROM"
    case whiteAndBlackCaribbean = "MWBC"
    case whiteAndBlackAfrican = "MWBA"
    case whiteAndAsian = "MWAS"
    case anyOtherMixed = "MOTH"
    case indian = "AIND"
    case pakistani = "APKN"
    case bangladeshi = "ABAN"
    case anyOtherAsian = "AOTH"
    case blackCaribbean = "BCRB"
    case blackAfrican = "BAFR"
    case anyOtherBlack = "BOTH"
    case chinese = "CHNE"
    case anyOtherEthnicGroup = "OOTH"
    case refused = "REFU"
    case notObtained = "NOBT"

    public var label: String {
        switch self {
        case .whiteBritish: "White - British"
        case .whiteIrish: "White - Irish"
        case .travellerOfIrishHeritage: "Traveller of Irish heritage"
        case .anyOtherWhite: "Any other White background"
        case .gypsyRoma: "Gypsy / Roma"
        case .whiteAndBlackCaribbean: "White and Black Caribbean"
        case .whiteAndBlackAfrican: "White and Black African"
        case .whiteAndAsian: "White and Asian"
        case .anyOtherMixed: "Any other mixed background"
        case .indian: "Indian"
        case .pakistani: "Pakistani"
        case .bangladeshi: "Bangladeshi"
        case .anyOtherAsian: "Any other Asian background"
        case .blackCaribbean: "Black Caribbean"
        case .blackAfrican: "Black - African"
        case .anyOtherBlack: "Any other Black background"
        case .chinese: "Chinese"
        case .anyOtherEthnicGroup: "Any other ethnic group"
        case .refused: "Refused"
        case .notObtained: "Information not yet obtained"
        }
    }

    public var group: CINEthnicGroup {
        switch self {
        case .whiteBritish, .whiteIrish, .travellerOfIrishHeritage, .anyOtherWhite, .gypsyRoma: .white
        case .whiteAndBlackCaribbean, .whiteAndBlackAfrican, .whiteAndAsian, .anyOtherMixed: .mixed
        case .indian, .pakistani, .bangladeshi, .anyOtherAsian: .asian
        case .blackCaribbean, .blackAfrican, .anyOtherBlack: .black
        case .chinese: .chinese
        case .anyOtherEthnicGroup: .other
        case .refused, .notObtained: .notRecorded
        }
    }
}
