import Foundation

/// What a user may do with a person's record.
public enum RecordAction: String, Sendable, CaseIterable {
    /// Read the record's content.
    case view
    /// Change the record.
    case edit
    /// Read who has seen or changed the record ("who has seen this record").
    case viewAudit = "view-audit"
}

/// The facts about a person's record that decide access, gathered by one query before the policy runs.
public struct PersonAccessFacts: Sendable, Equatable {
    public var allocatedUserIds: Set<UUID>
    public var allocatedTeamIds: Set<UUID>
    public var isRestricted: Bool
    /// Users named on a restricted record: the only ones who see it without breaking the glass.
    public var namedUserIds: Set<UUID>
    /// Users holding an unexpired break-glass grant to this record.
    public var breakGlassUserIds: Set<UUID>

    public init(
        allocatedUserIds: Set<UUID> = [], allocatedTeamIds: Set<UUID> = [], isRestricted: Bool = false,
        namedUserIds: Set<UUID> = [], breakGlassUserIds: Set<UUID> = []
    ) {
        self.allocatedUserIds = allocatedUserIds
        self.allocatedTeamIds = allocatedTeamIds
        self.isRestricted = isRestricted
        self.namedUserIds = namedUserIds
        self.breakGlassUserIds = breakGlassUserIds
    }
}

/// The outcome of asking a policy.
public enum AccessDecision: Sendable, Equatable {
    /// Allowed, through this role (recorded in the audit event).
    case allowed(role: Role)
    /// Refused. `canBreakGlass` says whether the user may gain time-limited access with a typed reason.
    case denied(canBreakGlass: Bool)

    public var isAllowed: Bool {
        if case .allowed = self { return true }
        return false
    }

    public var role: Role? {
        if case .allowed(let role) = self { return role }
        return nil
    }
}

/// Need-to-know access to a person's record. Deny by default: each rule below grants, nothing else does.
///
/// - The allocated user, members of the allocated team and that team's managers see and edit it, through
///   a practice role.
/// - Safeguarding leads see every record, but edit none through that role alone.
/// - Managers of the allocated team and auditors read its audit trail; auditors never its content.
/// - A restricted record is seen only by the users named on it. Anyone else whom the rules above would
///   have let in may break the glass: a typed reason buys time-limited access, audited and flagged.
/// - Administrators manage accounts and reach no record through that role.
public struct PersonAccessPolicy: Sendable {
    public init() {}

    public func decide(_ actor: Actor, _ action: RecordAction, _ facts: PersonAccessFacts) -> AccessDecision {
        guard facts.isRestricted else {
            return ordinaryDecision(actor, action, facts).map { .allowed(role: $0) } ?? .denied(canBreakGlass: false)
        }
        // Auditors read every record's trail, restricted or not: that is how misuse of a restriction is found.
        if action == .viewAudit, actor.has(.auditor) { return .allowed(role: .auditor) }
        // Naming a user on a restricted record counts as allocating it to them.
        if facts.namedUserIds.contains(actor.id) {
            var named = facts
            named.allocatedUserIds.insert(actor.id)
            return ordinaryDecision(actor, action, named).map { .allowed(role: $0) } ?? .denied(canBreakGlass: false)
        }
        guard let role = ordinaryDecision(actor, action, facts) else { return .denied(canBreakGlass: false) }
        return facts.breakGlassUserIds.contains(actor.id) ? .allowed(role: role) : .denied(canBreakGlass: true)
    }

    /// The role through which the user would reach an unrestricted record, or nil.
    private func ordinaryDecision(_ actor: Actor, _ action: RecordAction, _ facts: PersonAccessFacts) -> Role? {
        switch action {
        case .view:
            return caseworkRole(actor, facts) ?? (actor.has(.safeguardingLead) ? .safeguardingLead : nil)
        case .edit:
            return caseworkRole(actor, facts)
        case .viewAudit:
            if let manager = actor.managerRole, !actor.managedTeamIds.isDisjoint(with: facts.allocatedTeamIds) {
                return manager
            }
            return actor.has(.auditor) ? .auditor : nil
        }
    }

    private func caseworkRole(_ actor: Actor, _ facts: PersonAccessFacts) -> Role? {
        if let manager = actor.managerRole, !actor.managedTeamIds.isDisjoint(with: facts.allocatedTeamIds) {
            return manager
        }
        guard let practice = actor.practiceRole else { return nil }
        if facts.allocatedUserIds.contains(actor.id) || !actor.teamIds.isDisjoint(with: facts.allocatedTeamIds) {
            return practice
        }
        return nil
    }
}

/// Who may query the audit trail directly (the audit pages and `GET /api/v1/audit`): auditors, and nobody
/// else.
public struct AuditTrailPolicy: Sendable {
    public init() {}
    public func mayBrowse(_ actor: Actor) -> Bool { actor.has(.auditor) }
}

/// Who may manage accounts, roles and teams: administrators only.
public struct AdministrationPolicy: Sendable {
    public init() {}
    public func mayAdminister(_ actor: Actor) -> Bool { actor.has(.administrator) }
}
