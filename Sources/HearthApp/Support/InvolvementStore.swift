import Fluent
import Foundation
import HearthDomain
import SQLKit

/// Creating involvements. Allocation follows the involvement: each subject is allocated to its worker
/// and team, which is what lets them see the record.
enum InvolvementStore {
    struct New: Sendable {
        var service: String
        var familyId: UUID?
        var subjects: [UUID]
        var levelOfNeed: Int
        var workerId: UUID?
        var teamId: UUID
        var startedOn: String
        var reason: String
        var consent: String
        var createdBy: UUID?
    }

    /// Whether `userId` can be given work in `teamId`: an active member of the team with a practice role.
    /// Tutors, auditors and administrators never hold casework (ADR 0001).
    static func mayHoldWork(_ userId: UUID, inTeam teamId: UUID, on db: any SQLDatabase) async throws -> Bool {
        try await db.raw(
            """
            SELECT 1 FROM team_memberships m JOIN users u ON u.id = m.user_id JOIN user_roles r ON r.user_id = u.id
            WHERE m.team_id = \(bind: teamId) AND m.user_id = \(bind: userId) AND u.is_disabled = \(bind: false)
              AND r.role IN (\(binds: Role.practiceRoles.map(\.rawValue))) LIMIT 1
            """
        ).first() != nil
    }

    /// Whether work may be filed under the family group `familyId`: it exists and the actor may see one of
    /// its members, as its page requires.
    static func mayFileUnder(_ familyId: UUID, actor: Actor, on db: any SQLDatabase) async throws -> Bool {
        let members = try await db.raw("SELECT person_id FROM family_members WHERE family_id = \(bind: familyId)")
            .all().map { try $0.decode(column: "person_id", as: UUID.self) }
        return try await !PeopleQueries.visibleIds(among: members, PersonVisibilityScope(for: actor), on: db).isEmpty
    }

    @discardableResult
    static func create(_ new: New, on db: any Database) async throws -> Involvement {
        let involvement = Involvement()
        involvement.service = new.service
        involvement.$family.id = new.familyId
        involvement.levelOfNeed = new.levelOfNeed
        involvement.$allocatedUser.id = new.workerId
        involvement.$allocatedTeam.id = new.teamId
        involvement.startedOn = new.startedOn
        involvement.reason = new.reason
        involvement.consent = new.consent
        involvement.consentRecordedOn = new.consent == "given" ? new.startedOn : nil
        involvement.version = 1
        involvement.createdAt = Date()
        involvement.createdBy = new.createdBy
        try await involvement.create(on: db)
        let id = try involvement.requireID()
        let start = UKTime.date(new.startedOn, time: "00:00") ?? Date()
        for subject in new.subjects {
            try await InvolvementSubject(involvementId: id, personId: subject).create(on: db)
            let allocation = Allocation(personId: subject, userId: new.workerId, teamId: new.teamId, startsOn: start)
            allocation.involvementId = id
            try await allocation.create(on: db)
        }
        let change = NeedLevelChange()
        change.$involvement.id = id
        change.level = new.levelOfNeed
        change.changedAt = start
        change.changedBy = new.createdBy
        change.reason = "Set when the involvement began"
        try await change.create(on: db)
        return involvement
    }
}
