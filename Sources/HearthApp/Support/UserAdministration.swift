import Fluent
import Foundation
import HearthDomain
import SQLKit

/// Account changes, shared by the admin pages and the `user` command, so both validate and audit alike.
enum UserAdministration {
    struct NewUser: Sendable {
        var email: String
        var displayName: String
        var roles: Set<Role>
        var teams: [TeamMembership]
    }

    static func normaliseEmail(_ email: String) -> String {
        email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    /// A plausible email address: something@something.something, no spaces, within RFC 5321's length.
    static func isPlausibleEmail(_ email: String) -> Bool {
        guard email.count <= 254, !email.contains(where: \.isWhitespace) else { return false }
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty else { return false }
        let domain = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        return domain.count >= 2 && domain.allSatisfy { !$0.isEmpty }
    }

    static func validate(_ user: NewUser, on db: any Database) async throws -> FieldErrorList {
        var errors = FieldErrorList()
        if user.email.isEmpty {
            errors.add("email", "Enter an email address")
        } else if !isPlausibleEmail(user.email) {
            errors.add("email", "Enter an email address in the correct format, like name@example.org")
        } else if try await User.query(on: db).filter(\.$email == user.email).count() > 0 {
            errors.add("email", "A user with this email address already exists")
        }
        if user.displayName.isEmpty {
            errors.add("displayName", "Enter the user’s full name")
        } else if user.displayName.count > 100 {
            errors.add("displayName", "Full name must be 100 characters or fewer")
        }
        if user.roles.isEmpty { errors.add("roles", "Select at least one role") }
        return errors
    }

    /// Creates the account with no password and returns it; the caller issues a set-password link.
    static func create(_ new: NewUser, organisationId: UUID, on db: any Database, audit: AuditContext) async throws
        -> User
    {
        let user = User(organisationId: organisationId, email: new.email, displayName: new.displayName)
        try await user.create(on: db)
        let userId = try user.requireID()
        try await replaceRolesAndTeams(userId: userId, roles: new.roles, teams: new.teams, on: db)
        try await Audit.write(
            on: db, audit, action: .create, subject: .user(userId),
            detail: "roles: \(new.roles.sorted().map(\.rawValue).joined(separator: ", "))")
        return user
    }

    static func replaceRolesAndTeams(userId: UUID, roles: Set<Role>, teams: [TeamMembership], on db: any Database)
        async throws
    {
        try await UserRole.query(on: db).filter(\.$user.$id == userId).delete()
        try await TeamMember.query(on: db).filter(\.$user.$id == userId).delete()
        for role in roles.sorted() { try await UserRole(userId: userId, role: role).create(on: db) }
        for team in teams {
            try await TeamMember(userId: userId, teamId: team.teamId, isManager: team.isManager).create(on: db)
        }
    }

    /// Disables the account and ends every session it has, at once.
    static func setDisabled(_ user: User, _ disabled: Bool, on db: any Database, audit: AuditContext) async throws {
        user.isDisabled = disabled
        user.version += 1
        try await user.save(on: db)
        if disabled { try await SessionStore.endAll(userId: try user.requireID(), reason: "user-disabled", on: db.sql) }
        try await Audit.write(
            on: db, audit, action: .update, subject: .user(user.id), detail: disabled ? "disabled" : "enabled")
    }

    static func defaultOrganisationId(on db: any Database) async throws -> UUID {
        if let organisation = try await Organisation.query(on: db).first() { return try organisation.requireID() }
        let organisation = Organisation(
            name: ProcessInfo.processInfo.environment["HEARTH_ORGANISATION_NAME"] ?? "Hearth")
        try await organisation.create(on: db)
        return try organisation.requireID()
    }
}
