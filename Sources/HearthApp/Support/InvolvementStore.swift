import Fluent
import Foundation
import HearthDomain

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
