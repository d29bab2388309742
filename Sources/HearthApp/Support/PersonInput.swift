import Foundation
import HearthDomain
import Vapor

/// A new person's details from the form or the API, checked field by field.
struct PersonInput: Content, Sendable {
    var givenName: String?
    var familyName: String?
    var preferredName: String?
    /// The API sends a list; the form sends one name per line in `otherNamesText`.
    var otherNames: [String]?
    var otherNamesText: String?
    var dateOfBirth: String?
    var expectedDateOfBirth: String?
    var sex: String?
    var genderIdentity: String?
    var ethnicity: String?
    var firstLanguage: String?
    var interpreterNeeded: Bool?
    var communicationNeeds: String?
    var disability: String?
    var hasSEND: Bool?
    var hasEHCP: Bool?
    var religion: String?
    var nhsNumber: String?
    var upn: String?
    var uln: String?
    var addressLine1: String?
    var town: String?
    var postcode: String?
    var email: String?
    var phone: String?
    var confirmNotDuplicate: Bool?
    /// The team a new person is allocated to (one of the creator's); the creator's first team otherwise.
    var teamId: UUID?
    /// The version read, when changing an existing person.
    var version: Int?

    struct Checked: Sendable {
        var givenName: String
        var familyName: String
        var preferredName: String?
        var otherNames: [String]
        var dateOfBirth: CalendarDate?
        var expectedDateOfBirth: CalendarDate?
        var sex: String?
        var genderIdentity: String?
        var ethnicity: String?
        var firstLanguage: String?
        var interpreterNeeded: Bool?
        var communicationNeeds: String?
        var disability: String?
        var hasSEND: Bool?
        var hasEHCP: Bool?
        var religion: String?
        var nhsNumber: NHSNumber?
        var upn: UniquePupilNumber?
        var uln: UniqueLearnerNumber?
        var addressLine1: String?
        var town: String?
        var postcode: UKPostcode?
        var email: String?
        var phone: String?

        var facts: PersonFacts {
            PersonFacts(
                names: [KnownName(given: givenName, family: familyName)]
                    + (preferredName.map { [KnownName(given: $0, family: familyName, kind: .preferred)] } ?? [])
                    + otherNames.map { KnownName(fullName: $0, kind: .alias) },
                dateOfBirth: dateOfBirth, nhsNumber: nhsNumber, upn: upn, uln: uln,
                postcodes: postcode.map { [$0] } ?? [])
        }
    }

    static let nameLimit = 100
    static let textLimit = 1_000
    /// The earliest date of birth accepted: nobody Hearth records was born before 1900.
    static let earliestDateOfBirth = CalendarDate(year: 1900, month: 1, day: 1)!

    var allOtherNames: [String] {
        let lines = (otherNamesText ?? "").split(whereSeparator: \.isNewline).map { String($0).trimmed }
        return ((otherNames ?? []).map(\.trimmed) + lines).filter { !$0.isEmpty }
    }

    func check(today: CalendarDate) -> (Checked?, FieldErrorList) {
        var errors = FieldErrorList()
        func text(_ value: String?, _ field: String, _ label: String, limit: Int = Self.textLimit) -> String? {
            errors.text(value, field, label, limit: limit)
        }
        let given = text(givenName, "givenName", "Given name", limit: Self.nameLimit)
        if given == nil { errors.add("givenName", "Enter their given name") }
        let family = text(familyName, "familyName", "Family name", limit: Self.nameLimit)
        if family == nil { errors.add("familyName", "Enter their family name") }
        let preferred = text(preferredName, "preferredName", "Preferred name", limit: Self.nameLimit)
        let others = allOtherNames
        if others.count > 10 { errors.add("otherNames", "Enter 10 other names or fewer") }
        if others.contains(where: { $0.count > 200 }) {
            errors.add("otherNames", "Each other name must be 200 characters or fewer")
        }

        var dob: CalendarDate?
        if let value = dateOfBirth?.trimmed, !value.isEmpty {
            if let date = CalendarDate(iso: value) ?? CalendarDate(ukOrISO: value) {
                if date > today {
                    errors.add(
                        "dateOfBirth",
                        "Date of birth must be today or in the past; for an unborn child give the expected date")
                } else if date < Self.earliestDateOfBirth {
                    errors.add("dateOfBirth", "Date of birth must be after 1900")
                } else {
                    dob = date
                }
            } else {
                errors.add("dateOfBirth", "Date of birth must be a real date, like \(DateField.example)")
            }
        }
        var expected: CalendarDate?
        if let value = expectedDateOfBirth?.trimmed, !value.isEmpty {
            if let date = CalendarDate(iso: value) ?? CalendarDate(ukOrISO: value) {
                if dob != nil {
                    errors.add("expectedDateOfBirth", "Give a date of birth or an expected date of birth, not both")
                } else if date < today {
                    errors.add("expectedDateOfBirth", "Expected date of birth must be in the future")
                } else {
                    expected = date
                }
            } else {
                errors.add(
                    "expectedDateOfBirth", "Expected date of birth must be a real date, like \(DateField.example)")
            }
        }
        let sex = sex?.trimmed.nilIfEmpty
        if let sex, CINSex(code: sex) == nil { errors.add("sex", "Select their sex from the list") }
        let ethnicity = ethnicity?.trimmed.nilIfEmpty
        if let ethnicity, CINEthnicity(code: ethnicity) == nil {
            errors.add("ethnicity", "Select their ethnicity from the list")
        }

        func identifier<T>(_ value: String?, _ field: String, _ validate: (String) -> Result<T, IdentifierError>) -> T?
        {
            guard let value = value?.trimmed, !value.isEmpty else { return nil }
            switch validate(value) {
            case .success(let valid): return valid
            case .failure(let error):
                errors.add(field, error.message)
                return nil
            }
        }
        let nhs = identifier(nhsNumber, "nhsNumber", NHSNumber.validate)
        let upn = identifier(upn, "upn", UniquePupilNumber.validate)
        let uln = identifier(uln, "uln", UniqueLearnerNumber.validate)
        let postcode = identifier(postcode, "postcode", UKPostcode.validate)
        let line1 = text(addressLine1, "addressLine1", "Address", limit: 200)
        if postcode != nil, line1 == nil { errors.add("addressLine1", "Enter the first line of the address") }
        if line1 != nil, postcode == nil, errors.message(for: "postcode") == nil {
            errors.add("postcode", "Enter the postcode")
        }
        let email = text(email, "email", "Email address", limit: 254)
        if let email, !UserAdministration.isPlausibleEmail(email) {
            errors.add("email", "Enter an email address in the correct format, like name@example.org")
        }
        let phone = text(phone, "phone", "Phone number", limit: 30)
        if let phone, !phone.allSatisfy({ $0.isNumber || " +()-".contains($0) }) {
            errors.add("phone", "Enter a phone number using digits, spaces and + only")
        }
        let checked = Checked(
            givenName: given ?? "", familyName: family ?? "", preferredName: preferred, otherNames: others,
            dateOfBirth: dob,
            expectedDateOfBirth: expected, sex: sex.flatMap { CINSex(code: $0)?.rawValue },
            genderIdentity: text(genderIdentity, "genderIdentity", "Gender identity", limit: 200),
            ethnicity: ethnicity.flatMap { CINEthnicity(code: $0)?.rawValue },
            firstLanguage: text(firstLanguage, "firstLanguage", "First language", limit: 100),
            interpreterNeeded: interpreterNeeded,
            communicationNeeds: text(communicationNeeds, "communicationNeeds", "Communication needs"),
            disability: text(disability, "disability", "Disability"), hasSEND: hasSEND, hasEHCP: hasEHCP,
            religion: text(religion, "religion", "Religion", limit: 100), nhsNumber: nhs, upn: upn, uln: uln,
            addressLine1: line1, town: text(town, "town", "Town", limit: 100), postcode: postcode, email: email,
            phone: phone)
        return errors.isEmpty ? (checked, errors) : (nil, errors)
    }
}
