import Fluent
import Foundation
import HearthDomain
import SQLKit
import Vapor

struct PlacementJSON: Content {
    var id: UUID
    var personId: UUID
    var homeId: UUID
    var startedOn: String
    var endedOn: String?
    var endReason: String?
    var reason: String
    var placingAuthority: String
    var socialWorker: String?
    var legalStatus: String
    var impactAssessment: String
    var childrenConsidered: String
    var involvementId: UUID?

    init(_ p: Placement) throws {
        id = try p.requireID()
        personId = p.personId
        homeId = p.homeId
        startedOn = p.startedOn
        endedOn = p.endedOn
        endReason = p.endReason
        reason = p.reason
        placingAuthority = p.placingAuthority
        socialWorker = p.socialWorker
        legalStatus = p.legalStatus
        impactAssessment = p.impactAssessment
        childrenConsidered = p.childrenConsidered
        involvementId = p.involvementId
    }
}

/// Admissions, moves between homes and endings. A child is admitted only with an impact and matching
/// assessment made against the children already living there, whose names are kept with it.
enum PlacementsController {
    struct AdmissionInput: Content, Sendable {
        var personId: String?
        var startedOn: String?
        var reason: String?
        var placingAuthority: String?
        var socialWorker: String?
        var legalStatus: String?
        var impactAssessment: String?
        var keyWorkerId: String?
    }

    struct Checked: Sendable {
        var startedOn: CalendarDate
        var reason: String
        var impactAssessment: String
        var keyWorkerId: UUID?
    }

    /// What every admission and move needs: a start, a reason and the impact assessment.
    static func checkMatch(
        startedOn: String?, reason: String?, impactAssessment: String?, keyWorkerId: String?,
        into errors: inout FieldErrorList
    ) -> Checked? {
        let start = DateField.parse(
            startedOn, field: "startedOn", label: "the start date", required: true, into: &errors)
        if let start, start > CalendarDate(iso: UKTime.today())!.adding(days: 90) {
            errors.add("startedOn", "The start date must be within the next 90 days")
        }
        let reason = errors.text(
            reason, "reason", "The reason", limit: 2_000, required: "Give the reason for the placement")
        let impact = errors.text(
            impactAssessment, "impactAssessment", "The impact assessment", limit: 20_000,
            required:
                "Record the impact and matching assessment: how this child and the children already living there will affect each other"
        )
        var keyWorker: UUID?
        if let text = keyWorkerId?.trimmed.nilIfEmpty {
            keyWorker = UUID(uuidString: text)
            if keyWorker == nil { errors.add("keyWorkerId", "Choose a key worker from the home's team") }
        }
        guard let start, let reason, let impact else { return nil }
        return Checked(startedOn: start, reason: reason, impactAssessment: impact, keyWorkerId: keyWorker)
    }

    /// The checks made inside the transaction, where the home's occupancy is as it is now.
    static func checkRoom(
        _ home: Home, keyWorker: UUID?, current: [PlacedChildJSON], personId: UUID, on db: any Database
    ) async throws {
        var errors = FieldErrorList()
        if current.contains(where: { $0.personId == personId }) {
            errors.add("personId", "This child already lives at \(home.name)")
        } else if current.count >= home.capacity {
            errors.add("personId", "\(home.name) is full: \(current.count) of \(home.capacity) places are taken")
        }
        if let keyWorker, try await HomesController.teamStaff(home.teamId, on: db.sql)[keyWorker] == nil {
            errors.add("keyWorkerId", "Choose a key worker from the home's team")
        }
        try errors.throwIfAny()
    }

    /// Admits a child. The home's managers admit, and only children whose record they may change (a child
    /// referred to the home is added to its team first).
    static func admit(_ req: Request, homeId: UUID, input: AdmissionInput) async throws -> Placement {
        var errors = FieldErrorList()
        let personId = UUID(uuidString: input.personId?.trimmed ?? "")
        if personId == nil { errors.add("personId", "Choose the child to admit") }
        let placingAuthority = errors.text(
            input.placingAuthority, "placingAuthority", "The placing authority", limit: 200,
            required: "Enter the placing authority")
        let socialWorker = errors.text(input.socialWorker, "socialWorker", "The social worker", limit: 500)
        let legalStatus = errors.text(
            input.legalStatus, "legalStatus", "The legal status", limit: 100, required: "Enter the legal status")
        let checked = checkMatch(
            startedOn: input.startedOn, reason: input.reason, impactAssessment: input.impactAssessment,
            keyWorkerId: input.keyWorkerId, into: &errors)
        try errors.throwIfAny()
        guard let personId, let checked, let placingAuthority, let legalStatus else { throw Abort(.badRequest) }
        let me = try req.requireUser()
        let newId = UUID()
        return try await HomeAccess.load(
            req, homeId: homeId, for: .manage, audit: .create,
            subject: AuditSubject(type: "placement", id: newId.uuidString.lowercased()),
            detail: "admission of person:\(personId.uuidString.lowercased())"
        ) { home, actor, db in
            let facts = try await PersonAccess.loadFacts(personId: personId, on: db.sql)
            guard case .allowed(let role) = PersonAccessPolicy().decide(actor, .edit, facts) else {
                throw ValidationFailed(errors: [
                    FieldError(field: "personId", message: "Choose a child referred to \(home.name)")
                ])
            }
            if let elsewhere = try await Placement.query(on: db).filter(\.$personId == personId)
                .filter(\.$endedOn == nil).filter(\.$homeId != homeId).first()
            {
                let name = try await Home.find(elsewhere.homeId, on: db)?.name ?? "another home"
                throw ValidationFailed(errors: [
                    FieldError(field: "personId", message: "This child lives at \(name): move them from there instead")
                ])
            }
            let current = try await HomesController.children(of: homeId, on: db.sql)
            try await checkRoom(home, keyWorker: checked.keyWorkerId, current: current, personId: personId, on: db)
            let placement = try await place(
                personId: personId, id: newId, home: home, checked: checked, current: current,
                placingAuthority: placingAuthority, socialWorker: socialWorker, legalStatus: legalStatus,
                by: me.id, on: db)
            try await Audit.record(
                on: db, req, action: .update, subject: .person(personId), role: role,
                detail: "admitted to home:\(homeId.uuidString.lowercased())")
            return placement
        }
    }

    /// Creates the placement and the piece of work that lets the home's team see the child.
    static func place(
        personId: UUID, id: UUID, home: Home, checked: Checked, current: [PlacedChildJSON], placingAuthority: String,
        socialWorker: String?, legalStatus: String, by userId: UUID, on db: any Database
    ) async throws -> Placement {
        let involvement = try await InvolvementStore.create(
            .init(
                service: Vocabulary.residentialCare, familyId: nil, subjects: [personId], levelOfNeed: 4,
                workerId: checked.keyWorkerId, teamId: home.teamId, startedOn: checked.startedOn.iso,
                reason: "Placed at \(home.name): \(checked.reason)", consent: "not-required", createdBy: userId),
            on: db)
        let placement = Placement()
        placement.id = id
        placement.personId = personId
        placement.homeId = try home.requireID()
        placement.startedOn = checked.startedOn.iso
        placement.reason = checked.reason
        placement.placingAuthority = placingAuthority
        placement.socialWorker = socialWorker
        placement.legalStatus = legalStatus
        placement.impactAssessment = checked.impactAssessment
        placement.childrenConsidered =
            current.isEmpty ? "No other children living there" : current.map(\.name).joined(separator: ", ")
        placement.involvementId = try involvement.requireID()
        placement.createdBy = userId
        placement.createdAt = Date()
        try await placement.create(on: db)
        return placement
    }

    struct MoveInput: Content, Sendable {
        var toHomeId: String?
        var startedOn: String?
        var reason: String?
        var impactAssessment: String?
        var keyWorkerId: String?
    }

    /// Moves a child to another home: the placement here ends and one there begins, matched against the
    /// children living there. The current home's managers make the move.
    static func move(_ req: Request, placementId: UUID, input: MoveInput) async throws -> Placement {
        var errors = FieldErrorList()
        let toHome = UUID(uuidString: input.toHomeId?.trimmed ?? "")
        if toHome == nil { errors.add("toHomeId", "Choose the home the child is moving to") }
        let checked = checkMatch(
            startedOn: input.startedOn, reason: input.reason, impactAssessment: input.impactAssessment,
            keyWorkerId: input.keyWorkerId, into: &errors)
        try errors.throwIfAny()
        guard let toHome, let checked else { throw Abort(.badRequest) }
        guard let found = try await Placement.find(placementId, on: req.db) else { throw Abort(.notFound) }
        let me = try req.requireUser().id
        let newId = UUID()
        return try await HomeAccess.load(
            req, homeId: found.homeId, for: .manage, audit: .create,
            subject: AuditSubject(type: "placement", id: newId.uuidString.lowercased()),
            detail: "move from placement:\(placementId.uuidString.lowercased())"
        ) { from, _, db in
            guard let old = try await Placement.find(placementId, on: db), old.endedOn == nil else {
                throw Abort(.conflict, reason: "This placement has already ended.")
            }
            guard toHome != old.homeId, let destination = try await Home.find(toHome, on: db) else {
                throw ValidationFailed(errors: [
                    FieldError(field: "toHomeId", message: "Choose another home")
                ])
            }
            guard checked.startedOn.iso >= old.startedOn else {
                throw ValidationFailed(errors: [
                    FieldError(field: "startedOn", message: "The move is on or after the placement began")
                ])
            }
            let current = try await HomesController.children(of: toHome, on: db.sql)
            try await checkRoom(
                destination, keyWorker: checked.keyWorkerId, current: current, personId: old.personId, on: db)
            try await end(
                old, on: checked.startedOn.iso, reason: "Moved to \(destination.name): \(checked.reason)", db: db)
            return try await place(
                personId: old.personId, id: newId, home: destination, checked: checked, current: current,
                placingAuthority: old.placingAuthority, socialWorker: old.socialWorker, legalStatus: old.legalStatus,
                by: me, on: db)
        }
    }

    /// Ends a placement and the access its piece of work gave the home's team.
    static func end(_ placement: Placement, on day: String, reason: String, db: any Database) async throws {
        placement.endedOn = day
        placement.endReason = reason
        try await placement.save(on: db)
        guard let involvementId = placement.involvementId,
            let involvement = try await Involvement.find(involvementId, on: db), involvement.endedOn == nil
        else { return }
        involvement.endedOn = day
        involvement.closureReason = reason
        involvement.version += 1
        try await involvement.save(on: db)
        try await db.sql.update("allocations").set("ends_on", to: UKTime.date(day, time: "23:59") ?? Date())
            .where("involvement_id", .equal, involvementId).run()
    }

    struct EndInput: Content, Sendable {
        var endedOn: String?
        var reason: String?
    }

    /// The child leaves the home (a discharge).
    static func discharge(_ req: Request, placementId: UUID, input: EndInput) async throws -> Placement {
        var errors = FieldErrorList()
        let day = DateField.parse(
            input.endedOn, field: "endedOn", label: "the date they left", required: true, into: &errors)
        if let day, day > CalendarDate(iso: UKTime.today())! {
            errors.add("endedOn", "The date they left must not be in the future")
        }
        let reason = errors.text(
            input.reason, "reason", "The reason", limit: 2_000, required: "Say why and where they went")
        try errors.throwIfAny()
        guard let found = try await Placement.find(placementId, on: req.db) else { throw Abort(.notFound) }
        return try await HomeAccess.load(
            req, homeId: found.homeId, for: .manage, audit: .update,
            subject: AuditSubject(type: "placement", id: placementId.uuidString.lowercased()), detail: "ended"
        ) { _, _, db in
            guard let placement = try await Placement.find(placementId, on: db), placement.endedOn == nil else {
                throw Abort(.conflict, reason: "This placement has already ended.")
            }
            guard day!.iso >= placement.startedOn else {
                throw ValidationFailed(errors: [
                    FieldError(field: "endedOn", message: "They leave on or after the day they arrived")
                ])
            }
            try await end(placement, on: day!.iso, reason: reason!, db: db)
            return placement
        }
    }

    /// Children the user could admit to the home: in the home's team's allocations, not placed anywhere.
    static func referred(to home: Home, on db: any SQLDatabase) async throws -> [(id: UUID, name: String)] {
        try await db.raw(
            """
            SELECT DISTINCT p.id, p.given_name, p.family_name FROM allocations a JOIN people p ON p.id = a.person_id
            WHERE a.team_id = \(bind: home.teamId) AND (a.ends_on IS NULL OR a.ends_on > \(bind: Date()))
              AND NOT EXISTS (SELECT 1 FROM placements pl WHERE pl.person_id = p.id AND pl.ended_on IS NULL)
            ORDER BY p.given_name, p.family_name
            """
        ).all().map {
            (
                try $0.decode(column: "id", as: UUID.self),
                "\(try $0.decode(column: "given_name", as: String.self)) \(try $0.decode(column: "family_name", as: String.self))"
            )
        }
    }
}
