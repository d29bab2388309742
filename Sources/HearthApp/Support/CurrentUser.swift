import Foundation
import HearthDomain
import SQLKit
import Vapor

/// The signed-in user for this request, loaded fresh from the database, so role and team changes apply
/// on the next request and a disabled user is refused at once.
struct CurrentUser: Authenticatable, Sendable {
    var id: UUID
    var email: String
    var displayName: String
    var actor: Actor
    /// The browser session, when signed in through the web; nil for API token requests.
    var sessionId: UUID?
    var csrfToken: String?

    var roles: Set<Role> { actor.roles }
}

extension Request {
    var currentUser: CurrentUser? { auth.get(CurrentUser.self) }

    func requireUser() throws -> CurrentUser {
        guard let user = currentUser else { throw Abort(.unauthorized) }
        return user
    }
}

/// Loads roles and team memberships for a user in one query.
enum ActorLoader {
    static func load(userId: UUID, on db: any SQLDatabase) async throws -> Actor {
        let rows = try await db.raw(
            """
            SELECT role, NULL AS team_id, NULL AS is_manager FROM user_roles WHERE user_id = \(bind: userId)
            UNION ALL
            SELECT NULL, team_id, is_manager FROM team_memberships WHERE user_id = \(bind: userId)
            """
        ).all()
        var roles = Set<Role>()
        var memberships: [TeamMembership] = []
        for row in rows {
            if let role = try row.decode(column: "role", as: String?.self) {
                if let known = Role(rawValue: role) { roles.insert(known) }
            } else if let teamId = try row.decode(column: "team_id", as: UUID?.self) {
                let isManager = try row.decode(column: "is_manager", as: Bool?.self) ?? false
                memberships.append(TeamMembership(teamId: teamId, isManager: isManager))
            }
        }
        return Actor(id: userId, roles: roles, memberships: memberships)
    }
}
