import Fluent
import Foundation

/// A person Hearth holds a record about. Minimal for now: the platform proves access control on it.
final class Person: Model, @unchecked Sendable {
    static let schema = "people"
    @ID(key: .id) var id: UUID?
    @Field(key: "given_name") var givenName: String
    @Field(key: "family_name") var familyName: String
    /// ISO 8601 calendar date (YYYY-MM-DD).
    @OptionalField(key: "date_of_birth") var dateOfBirth: String?
    /// For an unborn child, instead of a date of birth (YYYY-MM-DD).
    @OptionalField(key: "expected_date_of_birth") var expectedDateOfBirth: String?
    @OptionalField(key: "preferred_name") var preferredName: String?
    /// CIN census sex code.
    @OptionalField(key: "sex") var sex: String?
    @OptionalField(key: "gender_identity") var genderIdentity: String?
    /// CIN census ethnicity code.
    @OptionalField(key: "ethnicity") var ethnicity: String?
    @OptionalField(key: "first_language") var firstLanguage: String?
    @OptionalField(key: "interpreter_needed") var interpreterNeeded: Bool?
    @OptionalField(key: "communication_needs") var communicationNeeds: String?
    @OptionalField(key: "disability") var disability: String?
    @OptionalField(key: "has_send") var hasSEND: Bool?
    @OptionalField(key: "has_ehcp") var hasEHCP: Bool?
    @OptionalField(key: "religion") var religion: String?
    @OptionalField(key: "nhs_number") var nhsNumber: String?
    @OptionalField(key: "upn") var upn: String?
    @OptionalField(key: "uln") var uln: String?
    /// The school or setting the child attends: an identifying fact the pseudonymiser removes from extracts.
    @OptionalField(key: "school") var school: String?
    @OptionalField(key: "email") var email: String?
    @OptionalField(key: "phone") var phone: String?
    /// Set when this record was merged into another; such records drop out of lists and search.
    @OptionalField(key: "merged_into_id") var mergedIntoId: UUID?
    @OptionalField(key: "created_by") var createdBy: UUID?
    /// Restricted records are seen only by the users named on them, or through break-glass.
    @Field(key: "is_restricted") var isRestricted: Bool
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
    init(id: UUID? = nil, givenName: String, familyName: String, dateOfBirth: String?, isRestricted: Bool = false) {
        self.id = id
        self.givenName = givenName
        self.familyName = familyName
        self.dateOfBirth = dateOfBirth
        self.isRestricted = isRestricted
        self.version = 1
    }
}

/// Allocation of a person to a user and/or a team. Allocation is what drives access.
final class Allocation: Model, @unchecked Sendable {
    static let schema = "allocations"
    @ID(key: .id) var id: UUID?
    @Parent(key: "person_id") var person: Person
    @OptionalParent(key: "user_id") var user: User?
    @OptionalParent(key: "team_id") var team: Team?
    @Field(key: "starts_on") var startsOn: Date
    @OptionalField(key: "ends_on") var endsOn: Date?
    /// The involvement that made this allocation, if any.
    @OptionalField(key: "involvement_id") var involvementId: UUID?

    init() {}
    init(personId: UUID, userId: UUID?, teamId: UUID?, startsOn: Date) {
        self.$person.id = personId
        self.$user.id = userId
        self.$team.id = teamId
        self.startsOn = startsOn
    }
}

/// A user named on a restricted record.
final class PersonNamedUser: Model, @unchecked Sendable {
    static let schema = "person_named_users"
    @ID(key: .id) var id: UUID?
    @Parent(key: "person_id") var person: Person
    @Parent(key: "user_id") var user: User

    init() {}
    init(personId: UUID, userId: UUID) {
        self.$person.id = personId
        self.$user.id = userId
    }
}

/// Time-limited access to a restricted record, gained by breaking the glass with a typed reason.
final class AccessGrant: Model, @unchecked Sendable {
    static let schema = "access_grants"
    @ID(key: .id) var id: UUID?
    @Parent(key: "person_id") var person: Person
    @Parent(key: "user_id") var user: User
    @Field(key: "reason") var reason: String
    @Field(key: "granted_at") var grantedAt: Date
    @Field(key: "expires_at") var expiresAt: Date

    init() {}
    init(personId: UUID, userId: UUID, reason: String, grantedAt: Date, expiresAt: Date) {
        self.$person.id = personId
        self.$user.id = userId
        self.reason = reason
        self.grantedAt = grantedAt
        self.expiresAt = expiresAt
    }
}
