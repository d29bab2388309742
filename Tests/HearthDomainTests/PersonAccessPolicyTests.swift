import Foundation
import Testing

@testable import HearthDomain

/// The permission matrix: every role against every relation to the record, for view, edit and audit.
/// Each cell is written out by hand below, not derived from the policy, so a change to the policy that
/// moves any cell fails here.
@Suite struct PersonAccessPolicyTests {
    enum Relation: String, CaseIterable {
        case allocatedUser, sameTeam, managerOfTeam, otherTeam, noRelation
        case restrictedNamed, restrictedNotNamed, restrictedWithBreakGlass, restrictedOtherTeam
    }

    static let team = UUID()
    static let otherTeam = UUID()
    static let actorId = UUID()

    static func scenario(_ role: Role, _ relation: Relation) -> (Actor, PersonAccessFacts) {
        var memberships: [TeamMembership] = []
        var facts = PersonAccessFacts(allocatedUserIds: [UUID()], allocatedTeamIds: [team])
        switch relation {
        case .allocatedUser: facts.allocatedUserIds.insert(actorId)
        case .sameTeam: memberships = [TeamMembership(teamId: team, isManager: false)]
        case .managerOfTeam: memberships = [TeamMembership(teamId: team, isManager: true)]
        case .otherTeam: memberships = [TeamMembership(teamId: otherTeam, isManager: false)]
        case .noRelation: break
        case .restrictedNamed:
            memberships = [TeamMembership(teamId: team, isManager: false)]
            facts.isRestricted = true
            facts.namedUserIds = [actorId]
        case .restrictedNotNamed:
            memberships = [TeamMembership(teamId: team, isManager: false)]
            facts.isRestricted = true
            facts.namedUserIds = [UUID()]
        case .restrictedWithBreakGlass:
            memberships = [TeamMembership(teamId: team, isManager: false)]
            facts.isRestricted = true
            facts.breakGlassUserIds = [actorId]
        case .restrictedOtherTeam:
            memberships = [TeamMembership(teamId: otherTeam, isManager: false)]
            facts.isRestricted = true
        }
        return (Actor(id: actorId, roles: [role], memberships: memberships), facts)
    }

    /// For each role, one cell per relation (in `Relation.allCases` order), each three characters for
    /// view, edit and audit: Y allowed, B refused but may break the glass, - refused.
    static let expected: [Role: [String]] = {
        let practitioner = ["YY-", "YY-", "YY-", "---", "---", "YY-", "BB-", "YY-", "---"]
        let manager = ["YY-", "YY-", "YYY", "---", "---", "YY-", "BB-", "YY-", "---"]
        let nothing = Array(repeating: "---", count: Relation.allCases.count)
        return [
            .practitioner: practitioner,
            .residentialWorker: practitioner,
            .apprentice: practitioner,
            .seniorPractitioner: manager,
            .teamManager: manager,
            .registeredManager: manager,
            .safeguardingLead: ["Y--", "Y--", "Y--", "Y--", "Y--", "Y--", "B--", "Y--", "B--"],
            .tutorAssessor: nothing,
            .auditor: Array(repeating: "--Y", count: Relation.allCases.count),
            .administrator: nothing,
        ]
    }()

    static let actions: [RecordAction] = [.view, .edit, .viewAudit]

    struct Cell: CustomTestStringConvertible, Sendable {
        var role: Role
        var relation: Relation
        var action: RecordAction
        var testDescription: String { "\(role.rawValue) × \(relation.rawValue) × \(action.rawValue)" }
    }

    static let cells: [Cell] = Role.allCases.flatMap { role in
        Relation.allCases.flatMap { relation in actions.map { Cell(role: role, relation: relation, action: $0) } }
    }

    @Test("Every role × relation × action", arguments: cells)
    func cell(_ cell: Cell) throws {
        let row = try #require(Self.expected[cell.role], "no expectations written for \(cell.role)")
        let column = try #require(Relation.allCases.firstIndex(of: cell.relation))
        let symbol = Array(row[column])[Self.actions.firstIndex(of: cell.action)!]
        let (actor, facts) = Self.scenario(cell.role, cell.relation)
        let decision = PersonAccessPolicy().decide(actor, cell.action, facts)
        switch symbol {
        case "Y": #expect(decision.isAllowed)
        case "B": #expect(decision == .denied(canBreakGlass: true))
        default: #expect(decision == .denied(canBreakGlass: false))
        }
    }

    @Test func everyRoleHasAFullRowOfExpectations() {
        for role in Role.allCases {
            #expect(Self.expected[role]?.count == Relation.allCases.count, "\(role)")
        }
    }

    @Test func theRoleUsedIsRecordedForTheAudit() {
        let (manager, facts) = Self.scenario(.teamManager, .managerOfTeam)
        #expect(PersonAccessPolicy().decide(manager, .view, facts) == .allowed(role: .teamManager))
        let (lead, leadFacts) = Self.scenario(.safeguardingLead, .noRelation)
        #expect(PersonAccessPolicy().decide(lead, .view, leadFacts) == .allowed(role: .safeguardingLead))
    }

    @Test func aUserWithSeveralRolesGetsTheUnionOfTheirAccess() {
        let actor = Actor(
            id: Self.actorId, roles: [.auditor, .practitioner],
            memberships: [TeamMembership(teamId: Self.team, isManager: false)])
        let facts = PersonAccessFacts(allocatedTeamIds: [Self.team])
        #expect(PersonAccessPolicy().decide(actor, .view, facts) == .allowed(role: .practitioner))
        #expect(PersonAccessPolicy().decide(actor, .viewAudit, facts) == .allowed(role: .auditor))
    }

    @Test func anAuditorMayBrowseTheTrailAndNobodyElse() {
        for role in Role.allCases {
            let actor = Actor(id: UUID(), roles: [role], memberships: [])
            #expect(AuditTrailPolicy().mayBrowse(actor) == (role == .auditor))
            #expect(AdministrationPolicy().mayAdminister(actor) == (role == .administrator))
        }
    }

    /// The list scope must agree with the policy's view decision on unrestricted records.
    @Test func theVisibilityScopeMatchesThePolicy() {
        for role in Role.allCases {
            for relation in [Relation.allocatedUser, .sameTeam, .managerOfTeam, .otherTeam, .noRelation] {
                let (actor, facts) = Self.scenario(role, relation)
                let scope = PersonVisibilityScope(for: actor)
                let inScope =
                    scope.seesAllUnrestricted
                    || (scope.allocatedUserId.map { facts.allocatedUserIds.contains($0) } ?? false)
                    || !scope.teamIds.isDisjoint(with: facts.allocatedTeamIds)
                #expect(inScope == PersonAccessPolicy().decide(actor, .view, facts).isAllowed, "\(role) \(relation)")
            }
        }
    }
}
