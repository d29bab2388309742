import Foundation

/// The signed-in user as the policies see them: loaded fresh on every request, so a change of roles or
/// teams takes effect on the user's next request.
public struct Actor: Sendable, Equatable {
    public var id: UUID
    public var roles: Set<Role>
    public var memberships: [TeamMembership]

    public init(id: UUID, roles: Set<Role>, memberships: [TeamMembership]) {
        self.id = id
        self.roles = roles
        self.memberships = memberships
    }

    public func has(_ role: Role) -> Bool { roles.contains(role) }

    public var teamIds: Set<UUID> { Set(memberships.map(\.teamId)) }
    public var managedTeamIds: Set<UUID> { Set(memberships.filter(\.isManager).map(\.teamId)) }

    /// The first practice role the user holds, in the order of `Role.practiceRoles`.
    public var practiceRole: Role? { Role.practiceRoles.first(where: roles.contains) }
    /// The first manager role the user holds.
    public var managerRole: Role? { Role.managerRoles.first(where: roles.contains) }
}

public struct TeamMembership: Sendable, Equatable, Hashable {
    public var teamId: UUID
    public var isManager: Bool

    public init(teamId: UUID, isManager: Bool) {
        self.teamId = teamId
        self.isManager = isManager
    }
}
