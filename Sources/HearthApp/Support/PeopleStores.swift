import Fluent
import Foundation
import HearthDomain

/// Relationships are stored from both sides; this keeps the two rows in step.
enum RelationshipStore {
    /// The kind as seen from the related person. Kinds the domain cannot invert without more facts
    /// (a step-parent's step-child has no case of its own) get a plain description.
    static func inverse(of kind: String, personSex: String) -> String {
        let sex: NetworkMember.Sex = personSex == "F" ? .female : personSex == "M" ? .male : .unknown
        if let known = RelationshipKind(rawValue: kind), let inverse = known.inverse(focusSex: sex) {
            return inverse.rawValue
        }
        switch kind {
        case "step-parent": return "step-child"
        case "parents-partner": return "partners-child"
        case "carer", "foster-carer": return "cared-for-child"
        case "professional": return "works-with"
        case "child": return "parent"
        default: return "other"
        }
    }

    /// When a relationship began, if given: a real day that has come. The form and the API both check it so.
    static func parseStart(_ text: String?, today: CalendarDate, into errors: inout FieldErrorList) -> CalendarDate? {
        let date = DateField.parse(text, field: "startedOn", label: "the date", required: false, into: &errors)
        DateField.notInFuture(date, today: today, field: "startedOn", label: "the date", into: &errors)
        return date
    }

    /// A relationship cannot begin before the older of the two was born, when both dates of birth are known;
    /// otherwise, not before the earliest date of birth Hearth accepts. Checked once both people are read,
    /// inside the access check, because the message says when one of them was born.
    static func checkStart(_ date: CalendarDate?, of person: Person, and related: Person) throws {
        var errors = FieldErrorList()
        let births = [person, related].compactMap { who in
            who.dateOfBirth.flatMap(CalendarDate.init(iso:)).map {
                (date: $0, name: "\(who.givenName) \(who.familyName)")
            }
        }
        if births.count == 2, let older = births.min(by: { $0.date < $1.date }) {
            DateField.notBefore(
                date, older.date, when: "\(older.name) was born", field: "startedOn", label: "the date", into: &errors)
        } else {
            DateField.notBefore(
                date, PersonInput.earliestDateOfBirth, field: "startedOn", label: "the date", into: &errors)
        }
        try errors.throwIfAny()
    }

    /// Records that `relatedPersonId` is `kind` to `personId` (and the inverse), returning the pair id.
    @discardableResult
    static func create(
        personId: UUID, kind: String, relatedPersonId: UUID, personSex: String, livesWith: Bool, importantToMe: Bool,
        startedOn: String?, createdBy: UUID?, on db: any Database
    ) async throws -> UUID {
        // The same relationship recorded twice would list the person twice in the network and the genogram.
        let existing = try await Relationship.query(on: db).filter(\.$person.$id == personId)
            .filter(\.$relatedPerson.$id == relatedPersonId).filter(\.$kind == kind).filter(\.$endedOn == nil).first()
        guard existing == nil else {
            throw ValidationFailed(errors: [
                FieldError(
                    field: "relatedPersonId",
                    message: "They are already recorded as \(RelationshipLabels.label(kind).lowercased())")
            ])
        }
        let pair = UUID()
        let now = Date()
        for (from, to, side) in [
            (personId, relatedPersonId, kind), (relatedPersonId, personId, inverse(of: kind, personSex: personSex)),
        ] {
            let row = Relationship()
            row.pairId = pair
            row.$person.id = from
            row.$relatedPerson.id = to
            row.kind = side
            row.importantToMe = importantToMe
            row.livesWith = livesWith
            row.startedOn = startedOn
            row.createdAt = now
            row.createdBy = createdBy
            try await row.create(on: db)
        }
        return pair
    }
}

/// Address history.
enum AddressStore {
    struct New: Sendable {
        var line1: String
        var line2: String?
        var town: String?
        var postcode: String
        var movedInOn: String
        var movedOutOn: String?
    }

    static func create(_ new: New, personId: UUID, createdBy: UUID?, on db: any Database) async throws {
        let address = Address()
        address.$person.id = personId
        address.line1 = new.line1
        address.line2 = new.line2
        address.town = new.town
        address.postcode = new.postcode
        address.movedInOn = new.movedInOn
        address.movedOutOn = new.movedOutOn
        address.createdAt = Date()
        address.createdBy = createdBy
        try await address.create(on: db)
    }
}

/// Creating people: the record, other names, the first address, allocation to the creator's team, and
/// search keys, in the caller's transaction.
enum PersonStore {
    static func create(
        _ checked: PersonInput.Checked, teamId: UUID?, allocateTo userId: UUID?, createdBy: UUID?, on db: any Database
    ) async throws -> Person {
        let person = Person(
            givenName: checked.givenName, familyName: checked.familyName, dateOfBirth: checked.dateOfBirth?.iso)
        apply(checked, to: person)
        person.createdBy = createdBy
        try await person.create(on: db)
        let id = try person.requireID()
        for (position, name) in checked.otherNames.enumerated() {
            try await PersonName(personId: id, kind: "alias", name: name, position: position).create(on: db)
        }
        if let line1 = checked.addressLine1, let postcode = checked.postcode {
            try await AddressStore.create(
                .init(
                    line1: line1, line2: nil, town: checked.town, postcode: postcode.value, movedInOn: UKTime.today(),
                    movedOutOn: nil),
                personId: id, createdBy: createdBy, on: db)
        }
        if teamId != nil || userId != nil {
            try await Allocation(personId: id, userId: userId, teamId: teamId, startsOn: Date()).create(on: db)
        }
        try await PersonSearch.reindex([id], on: db.sql)
        return person
    }

    /// Copies the checked details (not the address, which moves have their own form for) onto a person.
    static func apply(_ checked: PersonInput.Checked, to person: Person) {
        person.givenName = checked.givenName
        person.familyName = checked.familyName
        person.dateOfBirth = checked.dateOfBirth?.iso
        person.preferredName = checked.preferredName
        person.expectedDateOfBirth = checked.expectedDateOfBirth?.iso
        person.sex = checked.sex
        person.genderIdentity = checked.genderIdentity
        person.ethnicity = checked.ethnicity
        person.firstLanguage = checked.firstLanguage
        person.interpreterNeeded = checked.interpreterNeeded
        person.communicationNeeds = checked.communicationNeeds
        person.disability = checked.disability
        person.hasSEND = checked.hasSEND
        person.hasEHCP = checked.hasEHCP
        person.religion = checked.religion
        person.nhsNumber = checked.nhsNumber?.value
        person.upn = checked.upn?.value
        person.uln = checked.uln?.value
        person.email = checked.email
        person.phone = checked.phone
    }
}
