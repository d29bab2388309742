import Fluent
import Foundation
import HearthDomain
import SQLKit
import Vapor

struct PlacedChildJSON: Content {
    var personId: UUID
    var placementId: UUID
    var name: String
    var dateOfBirth: String?
    var legalStatus: String
    var placedSince: String
    var placingAuthority: String
}

struct ShiftJSON: Content {
    var id: UUID
    var userId: UUID
    var name: String
    var startsAt: String
    var endsAt: String
    var isLead: Bool
}

struct HomeJSON: Content {
    var id: UUID
    var name: String
    var urn: String
    var kind: String
    var capacity: Int
    var registeredManager: String?
    var statementOfPurpose: String
    var ethos: String?
    var version: Int
    var children: [PlacedChildJSON]
    var onShift: [ShiftJSON]
}

struct StatementJSON: Content {
    var version: Int
    var statementOfPurpose: String
    var ethos: String?
    var changeNote: String?
    var revisedBy: String?
    var revisedAt: String
}

struct HandoverJSON: Content {
    var id: UUID
    var writtenBy: String
    var writtenAt: String
    var whatHappened: String
    var nextShift: String
    var readBy: [String]
}

struct ComplaintJSON: Content {
    var id: UUID
    var personId: UUID?
    var receivedOn: String
    var complainant: String
    var summary: String
    var outcome: String?
    var resolvedOn: String?
}

/// A children's home: the hub its staff start from, with the children living there, who is on shift,
/// the handovers to read, the statement of purpose, complaints and the patterns in missing episodes.
enum HomesController {
    static let kinds: [CodedOption] = [
        .init("childrens-home", "Children's home"),
        .init("residential-special-school", "Residential special school"),
        .init("secure-home", "Secure children's home"),
    ]

    // MARK: Reading

    /// The children placed in the home now, with their placements, in one query.
    static func children(of homeId: UUID, on db: any SQLDatabase) async throws -> [PlacedChildJSON] {
        try await db.raw(
            """
            SELECT pl.id, pl.person_id, pl.legal_status, pl.started_on, pl.placing_authority,
              p.given_name, p.family_name, p.date_of_birth
            FROM placements pl JOIN people p ON p.id = pl.person_id
            WHERE pl.home_id = \(bind: homeId) AND pl.ended_on IS NULL ORDER BY p.given_name, p.family_name
            """
        ).all().map { row in
            PlacedChildJSON(
                personId: try row.decode(column: "person_id", as: UUID.self),
                placementId: try row.decode(column: "id", as: UUID.self),
                name:
                    "\(try row.decode(column: "given_name", as: String.self)) \(try row.decode(column: "family_name", as: String.self))",
                dateOfBirth: try row.decode(column: "date_of_birth", as: String?.self),
                legalStatus: try row.decode(column: "legal_status", as: String.self),
                placedSince: try row.decode(column: "started_on", as: String.self),
                placingAuthority: try row.decode(column: "placing_authority", as: String.self))
        }
    }

    /// Shifts that overlap [from, to), with the staff member's name, in one query.
    static func shifts(of homeId: UUID, from: Date, to: Date, on db: any SQLDatabase) async throws -> [ShiftJSON] {
        try await db.raw(
            """
            SELECT s.id, s.user_id, s.starts_at, s.ends_at, s.is_lead, u.display_name
            FROM shifts s JOIN users u ON u.id = s.user_id
            WHERE s.home_id = \(bind: homeId) AND s.starts_at < \(bind: to) AND s.ends_at > \(bind: from)
            ORDER BY s.starts_at, u.display_name
            """
        ).all().map { row in
            ShiftJSON(
                id: try row.decode(column: "id", as: UUID.self),
                userId: try row.decode(column: "user_id", as: UUID.self),
                name: try row.decode(column: "display_name", as: String.self),
                startsAt: DisplayFormat.iso8601(try row.decode(column: "starts_at", as: Date.self)),
                endsAt: DisplayFormat.iso8601(try row.decode(column: "ends_at", as: Date.self)),
                isLead: try row.decode(column: "is_lead", as: Bool.self))
        }
    }

    static func json(_ home: Home, on db: any Database) async throws -> HomeJSON {
        let id = try home.requireID()
        let now = Date()
        let manager = try await home.registeredManagerId.asyncMap { try await User.find($0, on: db)?.displayName }
        return HomeJSON(
            id: id, name: home.name, urn: home.urn, kind: home.kind, capacity: home.capacity,
            registeredManager: manager ?? nil, statementOfPurpose: home.statementOfPurpose, ethos: home.ethos,
            version: home.version, children: try await children(of: id, on: db.sql),
            onShift: try await shifts(of: id, from: now, to: now.addingTimeInterval(1), on: db.sql))
    }

    /// The latest handovers (or just the one asked for), newest first, with who has read each, in two
    /// queries.
    static func handovers(of homeId: UUID, only id: UUID? = nil, limit: Int, on db: any Database) async throws
        -> [HandoverJSON]
    {
        var query = Handover.query(on: db).filter(\.$homeId == homeId)
        if let id { query = query.filter(\.$id == id) }
        let handovers = try await query.sort(\.$writtenAt, .descending).limit(limit).all()
        let ids = try handovers.map { try $0.requireID() }
        let reads = ids.isEmpty ? [] : try await HandoverRead.query(on: db).filter(\.$handoverId ~~ ids).all()
        let names = try await UserNames.lookup(
            Set(handovers.map(\.writtenBy) + reads.map(\.userId)), on: db.sql)
        return try handovers.map { handover in
            let id = try handover.requireID()
            return HandoverJSON(
                id: id, writtenBy: names[handover.writtenBy] ?? "Unknown",
                writtenAt: DisplayFormat.iso8601(handover.writtenAt), whatHappened: handover.whatHappened,
                nextShift: handover.nextShift,
                readBy: reads.filter { $0.handoverId == id }.sorted { $0.readAt < $1.readAt }.map {
                    names[$0.userId] ?? "Unknown"
                })
        }
    }

    static func complaints(of homeId: UUID, on db: any Database) async throws -> [ComplaintJSON] {
        try await Complaint.query(on: db).filter(\.$homeId == homeId).sort(\.$receivedOn, .descending).all().map {
            ComplaintJSON(
                id: try $0.requireID(), personId: $0.personId, receivedOn: $0.receivedOn, complainant: $0.complainant,
                summary: $0.summary, outcome: $0.outcome, resolvedOn: $0.resolvedOn)
        }
    }

    /// Patterns across the home's missing episodes over the last year.
    static func missingPatterns(homeId: UUID? = nil, personId: UUID? = nil, on db: any Database) async throws
        -> MissingPatterns
    {
        var query = MissingEpisode.query(on: db).filter(\.$lastSeenAt >= Date().addingTimeInterval(-365 * 86_400))
        if let homeId { query = query.filter(\.$homeId == homeId) }
        if let personId { query = query.filter(\.$personId == personId) }
        return MissingPatterns(
            try await query.all().map {
                .init(
                    lastSeenAt: $0.lastSeenAt, returnedAt: $0.returnedAt, whereFound: $0.whereFound,
                    foundWith: $0.foundWith, interviewOffered: $0.interviewOfferedAt != nil)
            })
    }

    // MARK: Changing

    struct StatementInput: Content, Sendable {
        var statementOfPurpose: String?
        var ethos: String?
        var changeNote: String?
        var version: String?
    }

    /// A new version of the statement of purpose and ethos. Anyone in the home's team may revise it; a
    /// revision made against an older version is refused as a conflict.
    static func revise(_ req: Request, homeId: UUID, input: StatementInput) async throws -> Home {
        var errors = FieldErrorList()
        let statement = errors.text(
            input.statementOfPurpose, "statementOfPurpose", "The statement of purpose", limit: 20_000,
            required: "Enter the statement of purpose")
        let ethos = errors.text(input.ethos, "ethos", "The ethos", limit: 8_000)
        let note = errors.text(input.changeNote, "changeNote", "What changed", limit: 1_000)
        let version = Int(input.version?.trimmed ?? "")
        if version == nil { errors.add("version", "Say which version you changed") }
        try errors.throwIfAny()
        let me = try req.requireUser().id
        return try await HomeAccess.load(
            req, homeId: homeId, for: .work, audit: .update, detail: "statement of purpose"
        ) { home, _, db in
            guard home.version == version else {
                throw Abort(
                    .conflict,
                    reason:
                        "Someone revised the statement of purpose since you opened it (now version \(home.version)). Your changes were not saved: open it again and make them there."
                )
            }
            home.statementOfPurpose = statement ?? home.statementOfPurpose
            home.ethos = ethos
            home.version += 1
            try await home.save(on: db)
            let revision = HomeStatement()
            revision.homeId = homeId
            revision.version = home.version
            revision.statementOfPurpose = home.statementOfPurpose
            revision.ethos = ethos
            revision.changeNote = note
            revision.revisedBy = me
            revision.revisedAt = Date()
            try await revision.create(on: db)
            return home
        }
    }

    static func statementVersions(_ homeId: UUID, on db: any Database) async throws -> [StatementJSON] {
        let versions = try await HomeStatement.query(on: db).filter(\.$homeId == homeId).sort(\.$version, .descending)
            .all()
        let names = try await UserNames.lookup(Set(versions.compactMap(\.revisedBy)), on: db.sql)
        return versions.map {
            StatementJSON(
                version: $0.version, statementOfPurpose: $0.statementOfPurpose, ethos: $0.ethos,
                changeNote: $0.changeNote, revisedBy: $0.revisedBy.flatMap { names[$0] },
                revisedAt: DisplayFormat.iso8601($0.revisedAt))
        }
    }

    struct ShiftInput: Content, Sendable {
        var userId: String?
        var startsAt: String?
        var endsAt: String?
        var isLead: Bool?
        // The form sends a date, with times of day in startsAt and endsAt.
        var date: String?
        var lead: String?
    }

    /// Puts a member of the home's team on the rota. Only the home's managers set the rota.
    static func addShift(_ req: Request, homeId: UUID, input: ShiftInput) async throws -> Shift {
        var errors = FieldErrorList()
        let far = Date().addingTimeInterval(400 * 86_400)
        let fromForm = input.date != nil
        let starts = Moment.parse(
            fromForm ? Moment.joined(input.date, input.startsAt) : input.startsAt, "startsAt", "when the shift starts",
            required: true, now: far, into: &errors)
        var ends = Moment.parse(
            fromForm ? Moment.joined(input.date, input.endsAt) : input.endsAt, "endsAt", "when the shift ends",
            required: true, now: far, into: &errors)
        // A form's night shift ends the next morning.
        if fromForm, let start = starts, let end = ends, end <= start {
            ends = end.addingTimeInterval(86_400)
        }
        if let starts, let ends, ends <= starts {
            errors.add("endsAt", "A shift ends after it starts")
        } else if let starts, let ends, ends.timeIntervalSince(starts) > 16 * 3600 {
            errors.add("endsAt", "A shift is at most 16 hours")
        }
        let userId = UUID(uuidString: input.userId?.trimmed ?? "")
        if userId == nil { errors.add("userId", "Choose who is on shift") }
        try errors.throwIfAny()
        let end = ends
        let me = try req.requireUser().id
        let isLead = input.isLead ?? (input.lead == "true")
        return try await HomeAccess.load(req, homeId: homeId, for: .manage, audit: .create, detail: "rota") {
            home, _, db in
            let staff = try await teamStaff(home.teamId, on: db.sql)
            guard let userId, staff[userId] != nil else {
                throw ValidationFailed(errors: [
                    FieldError(field: "userId", message: "Choose someone in \(home.name)'s team")
                ])
            }
            let shift = Shift()
            shift.homeId = homeId
            shift.userId = userId
            shift.startsAt = starts!
            shift.endsAt = end!
            shift.isLead = isLead
            shift.createdBy = me
            try await shift.create(on: db)
            return shift
        }
    }

    /// The home's staff team, members and managers, by id.
    static func teamStaff(_ teamId: UUID, on db: any SQLDatabase) async throws -> [UUID: String] {
        let rows = try await db.raw(
            """
            SELECT u.id, u.display_name FROM team_memberships m JOIN users u ON u.id = m.user_id
            WHERE m.team_id = \(bind: teamId) AND u.is_disabled = \(bind: false)
            """
        ).all()
        return Dictionary(
            try rows.map {
                (try $0.decode(column: "id", as: UUID.self), try $0.decode(column: "display_name", as: String.self))
            }
        ) { first, _ in first }
    }

    struct HandoverInput: Content, Sendable {
        var whatHappened: String?
        var nextShift: String?
    }

    static func writeHandover(_ req: Request, homeId: UUID, input: HandoverInput) async throws -> Handover {
        var errors = FieldErrorList()
        let happened = errors.text(
            input.whatHappened, "whatHappened", "What happened", limit: 8_000,
            required: "Say what happened on the shift")
        let next = errors.text(
            input.nextShift, "nextShift", "What the next shift must do", limit: 8_000,
            required: "Say what the next shift must do, or that there is nothing")
        try errors.throwIfAny()
        let me = try req.requireUser().id
        let id = UUID()
        return try await HomeAccess.load(
            req, homeId: homeId, for: .work, audit: .create,
            subject: AuditSubject(type: "handover", id: id.uuidString.lowercased())
        ) { _, _, db in
            let handover = Handover()
            handover.id = id
            handover.homeId = homeId
            handover.writtenBy = me
            handover.writtenAt = Date()
            handover.whatHappened = happened!
            handover.nextShift = next!
            try await handover.create(on: db)
            // The writer has read their own handover.
            let read = HandoverRead()
            read.handoverId = id
            read.userId = me
            read.readAt = handover.writtenAt
            try await read.create(on: db)
            return handover
        }
    }

    /// An incoming member of staff confirms they have read the handover. Saying so twice changes nothing.
    static func acknowledge(_ req: Request, handoverId: UUID) async throws -> UUID {
        let me = try req.requireUser().id
        guard let handover = try await Handover.find(handoverId, on: req.db) else { throw Abort(.notFound) }
        return try await HomeAccess.load(
            req, homeId: handover.homeId, for: .work, audit: .update,
            subject: AuditSubject(type: "handover", id: handoverId.uuidString.lowercased()), detail: "read"
        ) { _, _, db in
            if try await HandoverRead.query(on: db).filter(\.$handoverId == handoverId).filter(\.$userId == me).count()
                == 0
            {
                let read = HandoverRead()
                read.handoverId = handoverId
                read.userId = me
                read.readAt = Date()
                try await read.create(on: db)
            }
            return handover.homeId
        }
    }

    struct ComplaintInput: Content, Sendable {
        var personId: String?
        var receivedOn: String?
        var complainant: String?
        var summary: String?
    }

    static func recordComplaint(_ req: Request, homeId: UUID, input: ComplaintInput) async throws -> Complaint {
        var errors = FieldErrorList()
        let received = DateField.parse(
            input.receivedOn, field: "receivedOn", label: "the date it was received", required: true, into: &errors)
        if let received, received > CalendarDate(iso: UKTime.today())! {
            errors.add("receivedOn", "The date it was received must not be in the future")
        }
        let complainant = errors.text(
            input.complainant, "complainant", "Who complained", limit: 200, required: "Say who complained")
        let summary = errors.text(
            input.summary, "summary", "The complaint", limit: 8_000, required: "Say what it is about")
        var personId: UUID?
        if let text = input.personId?.trimmed.nilIfEmpty {
            personId = UUID(uuidString: text)
            if personId == nil { errors.add("personId", "Choose a child living in the home") }
        }
        try errors.throwIfAny()
        let me = try req.requireUser().id
        let childId = personId
        return try await HomeAccess.load(req, homeId: homeId, for: .work, audit: .create, detail: "complaint") {
            _, _, db in
            if let personId = childId,
                try await children(of: homeId, on: db.sql).contains(where: { $0.personId == personId }) == false
            {
                throw ValidationFailed(errors: [
                    FieldError(field: "personId", message: "Choose a child living in the home")
                ])
            }
            let complaint = Complaint()
            complaint.homeId = homeId
            complaint.personId = childId
            complaint.receivedOn = received!.iso
            complaint.complainant = complainant!
            complaint.summary = summary!
            complaint.recordedBy = me
            complaint.version = 1
            try await complaint.create(on: db)
            return complaint
        }
    }

    struct ResolutionInput: Content, Sendable {
        var outcome: String?
        var resolvedOn: String?
    }

    /// The complaint's outcome, recorded by the home's managers; once only.
    static func resolveComplaint(_ req: Request, complaintId: UUID, input: ResolutionInput) async throws -> Complaint {
        var errors = FieldErrorList()
        let outcome = errors.text(
            input.outcome, "outcome", "The outcome", limit: 8_000, required: "Say how the complaint was resolved")
        let resolved = DateField.parse(
            input.resolvedOn, field: "resolvedOn", label: "the date it was resolved", required: true, into: &errors)
        try errors.throwIfAny()
        guard let found = try await Complaint.find(complaintId, on: req.db) else { throw Abort(.notFound) }
        return try await HomeAccess.load(
            req, homeId: found.homeId, for: .manage, audit: .update,
            subject: AuditSubject(type: "complaint", id: complaintId.uuidString.lowercased())
        ) { _, _, db in
            guard let complaint = try await Complaint.find(complaintId, on: db) else { throw Abort(.notFound) }
            guard complaint.resolvedOn == nil else {
                throw Abort(.conflict, reason: "The complaint is already resolved.")
            }
            guard let resolved, resolved.iso >= complaint.receivedOn else {
                throw ValidationFailed(errors: [
                    FieldError(field: "resolvedOn", message: "It is resolved on or after the day it was received")
                ])
            }
            complaint.outcome = outcome
            complaint.resolvedOn = resolved.iso
            complaint.version += 1
            try await complaint.save(on: db)
            return complaint
        }
    }
}
