import Foundation
import HearthDomain

/// The person's details as summary-list rows, leaving out what was never recorded.
enum PersonProfile {
    static func born(_ person: Person, today: Date = Date()) -> String {
        if let dob = person.dateOfBirth, let date = UKTime.date(dob, time: "12:00") {
            let years = UKTime.calendar.dateComponents([.year], from: date, to: today).year ?? 0
            return "Born \(DisplayFormat.calendarDate(dob)) (age \(years))"
        }
        if let due = person.expectedDateOfBirth { return "Unborn, due \(DisplayFormat.calendarDate(due))" }
        return "Date of birth not known"
    }

    static func rows(_ person: Person) -> [PersonShowPage.ProfileRow] {
        func yesNo(_ value: Bool?) -> String? { value.map { $0 ? "Yes" : "No" } }
        let pairs: [(String, String?)] = [
            ("Preferred name", person.preferredName),
            ("Date of birth", person.dateOfBirth.map(DisplayFormat.calendarDate)),
            ("Expected date of birth", person.expectedDateOfBirth.map(DisplayFormat.calendarDate)),
            ("Sex", person.sex.flatMap { CINSex(code: $0)?.recordedAs } ?? person.sex),
            ("Gender identity", person.genderIdentity),
            ("Ethnicity", person.ethnicity.flatMap { CINEthnicity(code: $0)?.label } ?? person.ethnicity),
            ("First language", person.firstLanguage),
            ("Interpreter needed", yesNo(person.interpreterNeeded)),
            ("Communication needs", person.communicationNeeds),
            ("Disability", person.disability),
            ("Special educational needs", yesNo(person.hasSEND)),
            ("EHC plan", yesNo(person.hasEHCP)),
            ("Religion", person.religion),
            ("NHS number", person.nhsNumber),
            ("Unique pupil number", person.upn),
            ("Unique learner number", person.uln),
            ("Email", person.email),
            ("Phone", person.phone),
        ]
        return pairs.compactMap { key, value in
            guard let value, !value.isEmpty else { return nil }
            return PersonShowPage.ProfileRow(key: key, value: value)
        }
    }
}
