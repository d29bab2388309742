import Fluent
import Foundation
import HearthDomain

final class User: Model, @unchecked Sendable {
    static let schema = "users"
    @ID(key: .id) var id: UUID?
    @Parent(key: "organisation_id") var organisation: Organisation
    /// Stored lower-cased, so sign-in and uniqueness ignore case.
    @Field(key: "email") var email: String
    @Field(key: "display_name") var displayName: String
    /// Nil until the user sets a password through a one-time link.
    @OptionalField(key: "password_hash") var passwordHash: String?
    @Field(key: "is_disabled") var isDisabled: Bool
    /// Incremented on every change, so an administrator's stale edit is refused, not applied.
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
    init(id: UUID? = nil, organisationId: UUID, email: String, displayName: String, passwordHash: String? = nil) {
        self.id = id
        self.$organisation.id = organisationId
        self.email = email
        self.displayName = displayName
        self.passwordHash = passwordHash
        self.isDisabled = false
        self.version = 1
    }
}

final class UserRole: Model, @unchecked Sendable {
    static let schema = "user_roles"
    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    @Field(key: "role") var role: String

    init() {}
    init(userId: UUID, role: Role) {
        self.$user.id = userId
        self.role = role.rawValue
    }
}

final class TeamMember: Model, @unchecked Sendable {
    static let schema = "team_memberships"
    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    @Parent(key: "team_id") var team: Team
    @Field(key: "is_manager") var isManager: Bool

    init() {}
    init(userId: UUID, teamId: UUID, isManager: Bool = false) {
        self.$user.id = userId
        self.$team.id = teamId
        self.isManager = isManager
    }
}
