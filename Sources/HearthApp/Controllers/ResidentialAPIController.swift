import Fluent
import Foundation
import HearthDomain
import Vapor

/// The children's homes part of `/api/v1`: thin wrappers over the same functions the pages use.
enum ResidentialAPIController {
    static func homes(req: Request) async throws -> ItemsJSON<HomeJSON> {
        let actor = try req.requireUser().actor
        return try await req.read { db in
            let homes = try await HomeAccess.homes(for: actor, on: db)
            try await Audit.record(on: db, req, action: .list, subject: AuditSubject(type: "home", id: nil))
            var items: [HomeJSON] = []
            for home in homes { items.append(try await HomesController.json(home, on: db)) }
            return ItemsJSON(items: items)
        }
    }

    static func home(req: Request) async throws -> HomeJSON {
        try await HomeAccess.load(req, homeId: try req.uuidParameter("homeId"), for: .work, audit: .view) {
            home, _, db in try await HomesController.json(home, on: db)
        }
    }

    static func statementVersions(req: Request) async throws -> ItemsJSON<StatementJSON> {
        let id = try req.uuidParameter("homeId")
        return try await HomeAccess.load(req, homeId: id, for: .work, audit: .view, detail: "statement versions") {
            _, _, db in ItemsJSON(items: try await HomesController.statementVersions(id, on: db))
        }
    }

    static func reviseStatement(req: Request) async throws -> HomeJSON {
        let id = try req.uuidParameter("homeId")
        _ = try await HomesController.revise(
            req, homeId: id, input: try APIController.decodeBody(HomesController.StatementInput.self, req))
        return try await home(req: req)
    }

    static func shifts(req: Request) async throws -> ItemsJSON<ShiftJSON> {
        let id = try req.uuidParameter("homeId")
        struct Range: Content {
            var from: String?
            var to: String?
        }
        let range = try req.query.decode(Range.self)
        var errors = FieldErrorList()
        let from = Moment.parse(range.from, "from", "the start", required: false, now: .distantFuture, into: &errors)
        let to = Moment.parse(range.to, "to", "the end", required: false, now: .distantFuture, into: &errors)
        try errors.throwIfAny()
        let start = from ?? Date().addingTimeInterval(-86_400)
        let end = to ?? start.addingTimeInterval(8 * 86_400)
        return try await HomeAccess.load(req, homeId: id, for: .work, audit: .list, detail: "rota") { _, _, db in
            ItemsJSON(items: try await HomesController.shifts(of: id, from: start, to: end, on: db.sql))
        }
    }

    static func addShift(req: Request) async throws -> Response {
        let input = try APIController.decodeBody(HomesController.ShiftInput.self, req)
        let shift = try await HomesController.addShift(req, homeId: try req.uuidParameter("homeId"), input: input)
        let name = try await User.find(shift.userId, on: req.db)?.displayName ?? ""
        return try await ShiftJSON(
            id: try shift.requireID(), userId: shift.userId, name: name,
            startsAt: DisplayFormat.iso8601(shift.startsAt),
            endsAt: DisplayFormat.iso8601(shift.endsAt), isLead: shift.isLead
        ).encodeResponse(status: .created, for: req)
    }

    static func handovers(req: Request) async throws -> ItemsJSON<HandoverJSON> {
        let id = try req.uuidParameter("homeId")
        return try await HomeAccess.load(req, homeId: id, for: .work, audit: .list, detail: "handovers") { _, _, db in
            ItemsJSON(items: try await HomesController.handovers(of: id, limit: 50, on: db))
        }
    }

    static func writeHandover(req: Request) async throws -> Response {
        let id = try req.uuidParameter("homeId")
        let handover = try await HomesController.writeHandover(
            req, homeId: id, input: try APIController.decodeBody(HomesController.HandoverInput.self, req))
        let written = try await HomesController.handovers(of: id, only: handover.id, limit: 1, on: req.db)
        return try await written[0].encodeResponse(status: .created, for: req)
    }

    static func acknowledgeHandover(req: Request) async throws -> HandoverJSON {
        let handoverId = try req.uuidParameter("handoverId")
        let homeId = try await HomesController.acknowledge(req, handoverId: handoverId)
        guard
            let read = try await HomesController.handovers(of: homeId, only: handoverId, limit: 1, on: req.db).first
        else { throw Abort(.notFound) }
        return read
    }

    static func complaints(req: Request) async throws -> ItemsJSON<ComplaintJSON> {
        let id = try req.uuidParameter("homeId")
        return try await HomeAccess.load(req, homeId: id, for: .work, audit: .list, detail: "complaints") { _, _, db in
            ItemsJSON(items: try await HomesController.complaints(of: id, on: db))
        }
    }

    static func recordComplaint(req: Request) async throws -> Response {
        let id = try req.uuidParameter("homeId")
        let complaint = try await HomesController.recordComplaint(
            req, homeId: id, input: try APIController.decodeBody(HomesController.ComplaintInput.self, req))
        return try await complaintJSON(complaint).encodeResponse(status: .created, for: req)
    }

    static func resolveComplaint(req: Request) async throws -> ComplaintJSON {
        complaintJSON(
            try await HomesController.resolveComplaint(
                req, complaintId: try req.uuidParameter("complaintId"),
                input: try APIController.decodeBody(HomesController.ResolutionInput.self, req)))
    }

    static func complaintJSON(_ c: Complaint) -> ComplaintJSON {
        ComplaintJSON(
            id: c.id!, personId: c.personId, receivedOn: c.receivedOn, complainant: c.complainant, summary: c.summary,
            outcome: c.outcome, resolvedOn: c.resolvedOn)
    }

    static func missingPatterns(req: Request) async throws -> MissingPatterns {
        let id = try req.uuidParameter("homeId")
        return try await HomeAccess.load(req, homeId: id, for: .work, audit: .view, detail: "missing patterns") {
            _, _, db in try await HomesController.missingPatterns(homeId: id, on: db)
        }
    }

    static func placements(req: Request) async throws -> ItemsJSON<PlacementJSON> {
        let id = try req.uuidParameter("homeId")
        return try await HomeAccess.load(req, homeId: id, for: .work, audit: .list, detail: "placements") { _, _, db in
            ItemsJSON(
                items: try await Placement.query(on: db).filter(\.$homeId == id).sort(\.$startedOn).all().map(
                    PlacementJSON.init))
        }
    }

    static func admit(req: Request) async throws -> Response {
        let placement = try await PlacementsController.admit(
            req, homeId: try req.uuidParameter("homeId"),
            input: try APIController.decodeBody(PlacementsController.AdmissionInput.self, req))
        return try await PlacementJSON(placement).encodeResponse(status: .created, for: req)
    }

    static func move(req: Request) async throws -> Response {
        let placement = try await PlacementsController.move(
            req, placementId: try req.uuidParameter("placementId"),
            input: try APIController.decodeBody(PlacementsController.MoveInput.self, req))
        return try await PlacementJSON(placement).encodeResponse(status: .created, for: req)
    }

    static func end(req: Request) async throws -> PlacementJSON {
        try PlacementJSON(
            try await PlacementsController.discharge(
                req, placementId: try req.uuidParameter("placementId"),
                input: try APIController.decodeBody(PlacementsController.EndInput.self, req)))
    }

    static func placementPlan(req: Request) async throws -> PlacementPlanJSON {
        let personId = try req.uuidParameter("personId")
        return try await PersonAccess.load(
            personId, for: .view, req, auditSubject: AuditSubject(type: "placement-plan", id: nil),
            detail: "about person:\(personId.uuidString.lowercased())"
        ) { _, db in
            guard let plan = try await ChildDayController.currentPlan(personId, on: db) else {
                throw Abort(.notFound, reason: "There is no placement plan yet.")
            }
            return try await ChildDayController.planJSON(plan, on: db)
        }
    }

    static func savePlacementPlan(req: Request) async throws -> PlacementPlanJSON {
        let input = try APIController.decodeBody(ChildDayController.PlanInput.self, req)
        let plan = try await ValidationFailed.naming({
            $0.hasPrefix("area-") ? "areas." + $0.dropFirst("area-".count) : $0
        }) {
            try await ChildDayController.savePlan(req, personId: try req.uuidParameter("personId"), input: input)
        }
        return try await ChildDayController.planJSON(plan, on: req.db)
    }

    static func reviewPlacementPlan(req: Request) async throws -> Response {
        let plan = try await ChildDayController.reviewPlan(
            req, personId: try req.uuidParameter("personId"),
            input: try APIController.decodeBody(ChildDayController.ReviewInput.self, req))
        return try await ChildDayController.planJSON(plan, on: req.db).encodeResponse(status: .created, for: req)
    }

    static func childVersion(req: Request) async throws -> ChildVersionJSON {
        try await ChildDayPages.childVersion(req)
    }

    static func dailyLogs(req: Request) async throws -> ItemsJSON<DailyLogJSON> {
        let personId = try req.uuidParameter("personId")
        struct Range: Content { var since: String? }
        var errors = FieldErrorList()
        let since = Moment.parse(
            try req.query.decode(Range.self).since, "since", "the start", required: false, now: .distantFuture,
            into: &errors)
        try errors.throwIfAny()
        let start = since ?? Date().addingTimeInterval(-7 * 86_400)
        return try await PersonAccess.load(
            personId, for: .view, audit: .list, req, auditSubject: AuditSubject(type: "daily-log", id: nil),
            detail: "about person:\(personId.uuidString.lowercased())"
        ) { _, db in ItemsJSON(items: try await ChildDayController.logs(personId, since: start, on: db)) }
    }

    static func writeDailyLog(req: Request) async throws -> Response {
        let personId = try req.uuidParameter("personId")
        let log = try await ChildDayController.writeLog(
            req, personId: personId, input: try APIController.decodeBody(ChildDayController.LogInput.self, req))
        let name = try req.requireUser().displayName
        return try await DailyLogJSON(
            id: try log.requireID(), personId: personId, writtenAt: DisplayFormat.iso8601(log.writtenAt),
            area: log.area,
            areaLabel: PlacementPlanAreas.all.label(for: log.area) ?? log.area, text: log.text, writtenBy: name
        ).encodeResponse(status: .created, for: req)
    }

    static func keyWork(req: Request) async throws -> ItemsJSON<KeyWorkJSON> {
        let personId = try req.uuidParameter("personId")
        return try await PersonAccess.load(
            personId, for: .view, audit: .list, req, auditSubject: AuditSubject(type: "key-work", id: nil),
            detail: "about person:\(personId.uuidString.lowercased())"
        ) { _, db in ItemsJSON(items: try await ChildDayController.keyWork(personId, limit: 500, on: db)) }
    }

    static func recordKeyWork(req: Request) async throws -> Response {
        let personId = try req.uuidParameter("personId")
        let session = try await ChildDayController.recordKeyWork(
            req, personId: personId, input: try APIController.decodeBody(ChildDayController.KeyWorkInput.self, req))
        return try await KeyWorkJSON(
            id: try session.requireID(), personId: personId, heldOn: session.heldOn, topic: session.topic,
            childWords: session.childWords, followUps: session.followUps, writtenBy: try req.requireUser().displayName
        ).encodeResponse(status: .created, for: req)
    }

    static func report(req: Request) async throws -> RegulatoryFigures {
        struct Query: Content {
            var from: String?
            var to: String?
        }
        let query = try req.query.decode(Query.self)
        let period = try RegulatoryReportsController.period(
            kind: req.parameters.get("kind"), from: query.from, to: query.to)
        return try await RegulatoryReportsController.build(req, homeId: try req.uuidParameter("homeId"), period: period)
    }

    static func saveReport(req: Request) async throws -> Response {
        let report = try await RegulatoryReportsController.save(
            req, homeId: try req.uuidParameter("homeId"),
            input: try APIController.decodeBody(RegulatoryReportsController.SaveInput.self, req))
        return try await RegulatoryReportsController.json(report, on: req.db).encodeResponse(status: .created, for: req)
    }

    static func savedReport(req: Request) async throws -> RegulatoryReportJSON {
        try await RegulatoryReportsController.load(req, reportId: try req.uuidParameter("reportId"))
    }
}

/// The patterns are sent as they are: the domain type is already the API shape.
extension MissingPatterns: Content {}
