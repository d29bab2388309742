import Foundation

/// The set of people records a user's lists may contain, as the list query needs it.
///
/// It mirrors `PersonAccessPolicy` for `.view`: a list shows a person exactly when their page would.
public struct PersonVisibilityScope: Sendable, Equatable {
    /// Sees every unrestricted record (safeguarding leads).
    public var seesAllUnrestricted: Bool
    /// Sees records allocated to this user (nil when the user holds no practice role).
    public var allocatedUserId: UUID?
    /// Sees records allocated to these teams.
    public var teamIds: Set<UUID>
    /// The user id, for named access and break-glass grants on restricted records.
    public var userId: UUID

    public init(for actor: Actor) {
        seesAllUnrestricted = actor.has(.safeguardingLead)
        userId = actor.id
        var teams = Set<UUID>()
        if actor.practiceRole != nil { teams.formUnion(actor.teamIds) }
        if actor.managerRole != nil { teams.formUnion(actor.managedTeamIds) }
        teamIds = teams
        allocatedUserId = actor.practiceRole == nil ? nil : actor.id
    }

    /// True when the scope can contain no record at all, so the list query can be skipped.
    public var isEmpty: Bool { !seesAllUnrestricted && allocatedUserId == nil && teamIds.isEmpty }
}
