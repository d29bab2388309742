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
