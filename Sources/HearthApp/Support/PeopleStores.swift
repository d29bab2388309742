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

    /// Records that `relatedPersonId` is `kind` to `personId` (and the inverse), returning the pair id.
    @discardableResult
    static func create(
        personId: UUID, kind: String, relatedPersonId: UUID, personSex: String, livesWith: Bool, importantToMe: Bool,
        startedOn: String?, createdBy: UUID?, on db: any Database
    ) async throws -> UUID {
        let pair = UUID()
        let now = Date()
        for (from, to, side) in [(personId, relatedPersonId, kind), (relatedPersonId, personId, inverse(of: kind, personSex: personSex))] {
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
