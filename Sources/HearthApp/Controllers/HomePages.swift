import Fluent
import Foundation
import HearthDomain
import SQLKit
import Vapor

/// The pages of a children's home: the hub, the statement of purpose, the rota, admissions and moves,
/// and the regulation 44 and 45 reports.
enum HomePages {
    struct HomeLine: Encodable {
        var key: String
        var name: String
        var kind: String
        var placed: Int
        var capacity: Int
    }

    static func index(req: Request) async throws -> View {
        let actor = try req.requireUser().actor
        let lines: [HomeLine] = try await req.read { db in
            try await Audit.record(on: db, req, action: .list, subject: AuditSubject(type: "home", id: nil))
            var lines: [HomeLine] = []
            for home in try await HomeAccess.homes(for: actor, on: db) {
                let id = try home.requireID()
                lines.append(
                    HomeLine(
                        key: id.uuidString.lowercased(), name: home.name,
                        kind: HomesController.kinds.label(for: home.kind) ?? home.kind,
                        placed: try await Placement.query(on: db).filter(\.$homeId == id).filter(\.$endedOn == nil)
                            .count(),
                        capacity: home.capacity))
            }
            return lines
        }
        struct Page: Encodable {
            var layout: Layout
            var homes: [HomeLine]?
        }
        return try await req.view.render(
            "homes/index", Page(layout: Layout(req, title: "Homes"), homes: lines.nonEmpty))
    }

    struct ChildLine: Encodable {
        var key: String
        var placementKey: String
        var name: String
        var dateOfBirth: String
        var legalStatus: String
        var placedSince: String
    }

    struct HandoverLine: Encodable {
        var key: String
        var writtenBy: String
        var writtenAt: String
        var whatHappened: String
        var nextShift: String
        var readBy: String
        var unread: Bool
    }

    struct ShiftLine: Encodable {
        var name: String
        var times: String
        var isLead: Bool
    }

    /// A complaint, with its resolve form's message and words when that form comes back with an error.
    /// Several complaints share the page, so the field is keyed by the complaint ("outcome-<id>").
    struct ComplaintLine: Encodable {
        var key: String
        var complaint: ComplaintJSON
        var outcomeError: String?
        var outcomeText: String?
    }

    struct HomePage: Encodable {
        var layout: Layout
        var key: String
        var home: HomeJSON
        var kind: String
        var mayManage: Bool
        var children: [ChildLine]?
        var onShift: [ShiftLine]?
        var handovers: [HandoverLine]?
        var complaints: [ComplaintLine]?
        var patterns: MissingPatterns
        var hasPatterns: Bool
        var placesLeft: Int
        var errors: [FieldError]?
        var fieldErrors: [String: String]
        var form: [String: String]
        var today: String
    }

    static func shiftTimes(_ shift: ShiftJSON) -> String {
        "\(DisplayFormat.dateTime(iso: shift.startsAt)) to \(DisplayFormat.dateTime(iso: shift.endsAt))"
    }

    static func renderHome(
        _ req: Request, homeId: UUID? = nil, errors: FieldErrorList = FieldErrorList(), form: [String: String] = [:]
    ) async throws -> Response {
        let id = try homeId ?? req.uuidParameter("homeId")
        let me = try req.requireUser().id
        let page: HomePage = try await HomeAccess.load(req, homeId: id, for: .work, audit: .view) { home, actor, db in
            let json = try await HomesController.json(home, on: db)
            let handovers = try await HomesController.handovers(of: id, limit: 5, on: db)
            let myName = try await User.find(me, on: db)?.displayName ?? ""
            let patterns = try await HomesController.missingPatterns(homeId: id, on: db)
            return HomePage(
                layout: Layout(req, title: home.name, errors: errors), key: id.uuidString.lowercased(), home: json,
                kind: HomesController.kinds.label(for: home.kind) ?? home.kind,
                mayManage: HomeAccessPolicy().decide(actor, .manage, homeTeamId: home.teamId).isAllowed,
                children: json.children.map {
                    ChildLine(
                        key: $0.personId.uuidString.lowercased(), placementKey: $0.placementId.uuidString.lowercased(),
                        name: $0.name, dateOfBirth: $0.dateOfBirth.map(DisplayFormat.calendarDate) ?? "Not known",
                        legalStatus: $0.legalStatus, placedSince: DisplayFormat.calendarDate($0.placedSince))
                }.nonEmpty,
                onShift: json.onShift.map { ShiftLine(name: $0.name, times: shiftTimes($0), isLead: $0.isLead) }
                    .nonEmpty,
                handovers: handovers.map {
                    HandoverLine(
                        key: $0.id.uuidString.lowercased(), writtenBy: $0.writtenBy,
                        writtenAt: DisplayFormat.dateTime(iso: $0.writtenAt),
                        whatHappened: $0.whatHappened, nextShift: $0.nextShift,
                        readBy: $0.readBy.isEmpty ? "nobody yet" : listed($0.readBy),
                        unread: !$0.readBy.contains(myName))
                }.nonEmpty,
                complaints: try await HomesController.complaints(of: id, on: db).prefix(10).map {
                    let key = $0.id.uuidString.lowercased()
                    return ComplaintLine(
                        key: key, complaint: $0, outcomeError: errors.message(for: "outcome-\(key)"),
                        outcomeText: form["outcome-\(key)"])
                }.nonEmpty,
                patterns: patterns, hasPatterns: patterns.episodes > 0,
                placesLeft: max(0, home.capacity - json.children.count),
                errors: errors.forPage, fieldErrors: errors.byField, form: form, today: UKTime.today())
        }
        return try await req.page("homes/show", page, status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    static func show(req: Request) async throws -> Response { try await renderHome(req) }

    static func homePath(_ req: Request) throws -> String {
        "/homes/\(try req.uuidParameter("homeId").uuidString.lowercased())"
    }

    static func handover(req: Request) async throws -> Response {
        let input = try req.content.decode(HomesController.HandoverInput.self)
        return try await FormPage.submit(req, redisplay: { try await renderHome(req, errors: $0, form: $1) }) {
            _ = try await HomesController.writeHandover(req, homeId: try req.uuidParameter("homeId"), input: input)
            return try homePath(req) + "#handovers"
        }
    }

    static func acknowledge(req: Request) async throws -> Response {
        let homeId = try await HomesController.acknowledge(req, handoverId: try req.uuidParameter("handoverId"))
        return req.redirect(to: "/homes/\(homeId.uuidString.lowercased())#handovers")
    }

    static func complaint(req: Request) async throws -> Response {
        let input = try req.content.decode(HomesController.ComplaintInput.self)
        return try await FormPage.submit(req, redisplay: { try await renderHome(req, errors: $0, form: $1) }) {
            _ = try await HomesController.recordComplaint(req, homeId: try req.uuidParameter("homeId"), input: input)
            return try homePath(req) + "#complaints"
        }
    }

    static func resolveComplaint(req: Request) async throws -> Response {
        let input = try req.content.decode(HomesController.ResolutionInput.self)
        let complaintId = try req.uuidParameter("complaintId")
        return try await FormPage.submit(
            req,
            redisplay: { errors, typed in
                // Back to the home page, the message beside this complaint's outcome and the words kept.
                guard let found = try await Complaint.find(complaintId, on: req.db) else { throw Abort(.notFound) }
                let key = complaintId.uuidString.lowercased()
                return try await renderHome(
                    req, homeId: found.homeId,
                    errors: FieldErrorList(
                        errors.errors.map { FieldError(field: "outcome-\(key)", message: $0.message) }),
                    form: ["outcome-\(key)": typed["outcome"] ?? ""])
            }
        ) {
            let complaint = try await HomesController.resolveComplaint(req, complaintId: complaintId, input: input)
            return "/homes/\(complaint.homeId.uuidString.lowercased())#complaints"
        }
    }

    // MARK: Statement of purpose

    static func statement(req: Request) async throws -> Response { try await renderStatement(req) }

    static func renderStatement(_ req: Request, errors: FieldErrorList = FieldErrorList(), form: [String: String] = [:])
        async throws -> Response
    {
        let id = try req.uuidParameter("homeId")
        struct Version: Encodable {
            var version: Int
            var revisedAt: String
            var revisedBy: String
            var changeNote: String?
            var statementOfPurpose: String
            var ethos: String?
        }
        struct Page: Encodable {
            var layout: Layout
            var key: String
            var name: String
            var statementOfPurpose: String
            var ethos: String
            var version: Int
            var versions: [Version]?
            var errors: [FieldError]?
            var fieldErrors: [String: String]
            var form: [String: String]
        }
        let page: Page = try await HomeAccess.load(
            req, homeId: id, for: .work, audit: .view, detail: "statement of purpose"
        ) { home, _, db in
            Page(
                layout: Layout(req, title: "Statement of purpose: \(home.name)", errors: errors),
                key: id.uuidString.lowercased(),
                name: home.name, statementOfPurpose: form["statementOfPurpose"] ?? home.statementOfPurpose,
                ethos: form["ethos"] ?? home.ethos ?? "", version: home.version,
                versions: try await HomesController.statementVersions(id, on: db).map {
                    Version(
                        version: $0.version,
                        revisedAt: DisplayFormat.dateTime(iso: $0.revisedAt),
                        revisedBy: $0.revisedBy ?? "Set up", changeNote: $0.changeNote,
                        statementOfPurpose: $0.statementOfPurpose, ethos: $0.ethos)
                }.nonEmpty, errors: errors.forPage, fieldErrors: errors.byField, form: form)
        }
        return try await req.page("homes/statement", page, status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    static func reviseStatement(req: Request) async throws -> Response {
        let input = try req.content.decode(HomesController.StatementInput.self)
        return try await FormPage.submit(req, redisplay: { try await renderStatement(req, errors: $0, form: $1) }) {
            _ = try await HomesController.revise(req, homeId: try req.uuidParameter("homeId"), input: input)
            return try homePath(req) + "/statement"
        }
    }

    // MARK: Rota

    static func rota(req: Request) async throws -> Response { try await renderRota(req) }

    static func renderRota(_ req: Request, errors: FieldErrorList = FieldErrorList(), form: [String: String] = [:])
        async throws -> Response
    {
        let id = try req.uuidParameter("homeId")
        struct Page: Encodable {
            var layout: Layout
            var key: String
            var name: String
            var shifts: [ShiftLine]?
            var staff: [Choice]
            var mayManage: Bool
            var errors: [FieldError]?
            var fieldErrors: [String: String]
            var form: [String: String]
            var today: String
        }
        let page: Page = try await HomeAccess.load(req, homeId: id, for: .work, audit: .view, detail: "rota") {
            home, actor, db in
            let start = LondonTime.moment(LondonTime.calendarDate(of: Date()), hour: 0)
            let staff = try await HomesController.teamStaff(home.teamId, on: db.sql).sorted { $0.value < $1.value }
            return Page(
                layout: Layout(req, title: "Rota: \(home.name)", errors: errors), key: id.uuidString.lowercased(),
                name: home.name,
                shifts: try await HomesController.shifts(
                    of: id, from: start, to: start.addingTimeInterval(7 * 86_400), on: db.sql
                ).map { ShiftLine(name: $0.name, times: shiftTimes($0), isLead: $0.isLead) }.nonEmpty,
                staff: staff.map {
                    Choice(
                        code: $0.key.uuidString.lowercased(), label: $0.value,
                        isSelected: form["userId"] == $0.key.uuidString.lowercased())
                },
                mayManage: HomeAccessPolicy().decide(actor, .manage, homeTeamId: home.teamId).isAllowed,
                errors: errors.forPage, fieldErrors: errors.byField, form: form, today: UKTime.today())
        }
        return try await req.page("homes/rota", page, status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    static func addShift(req: Request) async throws -> Response {
        let input = try req.content.decode(HomesController.ShiftInput.self)
        return try await FormPage.submit(req, redisplay: { try await renderRota(req, errors: $0, form: $1) }) {
            _ = try await HomesController.addShift(req, homeId: try req.uuidParameter("homeId"), input: input)
            return try homePath(req) + "/rota"
        }
    }

    // MARK: Admissions and moves

    static func admission(req: Request) async throws -> Response {
        var form: [String: String] = [:]
        if let personId = req.query[String.self, at: "personId"] { form["personId"] = personId }
        return try await renderAdmission(req, form: form)
    }

    static func renderAdmission(
        _ req: Request, errors: FieldErrorList = FieldErrorList(), form: [String: String] = [:]
    ) async throws -> Response {
        let id = try req.uuidParameter("homeId")
        struct Page: Encodable {
            var layout: Layout
            var key: String
            var name: String
            var capacity: Int
            var children: [ChildLine]?
            var referred: [Choice]?
            var staff: [Choice]
            var errors: [FieldError]?
            var fieldErrors: [String: String]
            var form: [String: String]
            var today: String
        }
        let page: Page = try await HomeAccess.load(req, homeId: id, for: .manage, audit: .view, detail: "admission") {
            home, _, db in
            let current = try await HomesController.children(of: id, on: db.sql)
            return Page(
                layout: Layout(req, title: "Admit a child to \(home.name)", errors: errors),
                key: id.uuidString.lowercased(),
                name: home.name, capacity: home.capacity,
                children: current.map {
                    ChildLine(
                        key: $0.personId.uuidString.lowercased(), placementKey: $0.placementId.uuidString.lowercased(),
                        name: $0.name, dateOfBirth: $0.dateOfBirth.map(DisplayFormat.calendarDate) ?? "Not known",
                        legalStatus: $0.legalStatus, placedSince: DisplayFormat.calendarDate($0.placedSince))
                }.nonEmpty,
                referred: try await PlacementsController.referred(to: home, on: db.sql).map {
                    Choice(
                        code: $0.id.uuidString.lowercased(), label: $0.name,
                        isSelected: form["personId"] == $0.id.uuidString.lowercased())
                }.nonEmpty,
                staff: try await HomesController.teamStaff(home.teamId, on: db.sql).sorted { $0.value < $1.value }.map {
                    Choice(
                        code: $0.key.uuidString.lowercased(), label: $0.value,
                        isSelected: form["keyWorkerId"] == $0.key.uuidString.lowercased())
                },
                errors: errors.forPage, fieldErrors: errors.byField, form: form, today: UKTime.today())
        }
        return try await req.page("homes/admit", page, status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    static func admit(req: Request) async throws -> Response {
        let input = try req.content.decode(PlacementsController.AdmissionInput.self)
        return try await FormPage.submit(req, redisplay: { try await renderAdmission(req, errors: $0, form: $1) }) {
            let placement = try await PlacementsController.admit(
                req, homeId: try req.uuidParameter("homeId"), input: input)
            return "/people/\(placement.personId.uuidString.lowercased())/residential"
        }
    }

    static func moveForm(req: Request) async throws -> Response { try await renderMove(req) }

    static func renderMove(_ req: Request, errors: FieldErrorList = FieldErrorList(), form: [String: String] = [:])
        async throws -> Response
    {
        let placementId = try req.uuidParameter("placementId")
        guard let placement = try await Placement.find(placementId, on: req.db) else { throw Abort(.notFound) }
        struct Destination: Encodable {
            var key: String
            var name: String
            var isSelected: Bool
            var places: String
            var children: [ChildLine]?
        }
        struct Page: Encodable {
            var layout: Layout
            var key: String
            var childName: String
            var personKey: String
            var homeName: String
            var destinations: [Destination]?
            var errors: [FieldError]?
            var fieldErrors: [String: String]
            var form: [String: String]
            var today: String
        }
        let page: Page = try await HomeAccess.load(
            req, homeId: placement.homeId, for: .manage, audit: .view, detail: "move"
        ) { home, _, db in
            let person = try await Person.find(placement.personId, on: db)
            var destinations: [Destination] = []
            for other in try await Home.query(on: db).filter(\.$id != placement.homeId).sort(\.$name).all() {
                let otherId = try other.requireID()
                let children = try await HomesController.children(of: otherId, on: db.sql)
                destinations.append(
                    Destination(
                        key: otherId.uuidString.lowercased(), name: other.name,
                        isSelected: form["toHomeId"] == otherId.uuidString.lowercased(),
                        places: "\(children.count) of \(other.capacity) places taken",
                        children: children.map {
                            ChildLine(
                                key: $0.personId.uuidString.lowercased(),
                                placementKey: $0.placementId.uuidString.lowercased(), name: $0.name,
                                dateOfBirth: $0.dateOfBirth.map(DisplayFormat.calendarDate) ?? "Not known",
                                legalStatus: $0.legalStatus, placedSince: DisplayFormat.calendarDate($0.placedSince))
                        }.nonEmpty))
            }
            return Page(
                layout: Layout(req, title: "Move to another home", errors: errors),
                key: placementId.uuidString.lowercased(),
                childName: person.map { "\($0.givenName) \($0.familyName)" } ?? "",
                personKey: placement.personId.uuidString.lowercased(),
                homeName: home.name, destinations: destinations.nonEmpty, errors: errors.forPage,
                fieldErrors: errors.byField, form: form, today: UKTime.today())
        }
        return try await req.page("homes/move", page, status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    static func move(req: Request) async throws -> Response {
        let input = try req.content.decode(PlacementsController.MoveInput.self)
        return try await FormPage.submit(req, redisplay: { try await renderMove(req, errors: $0, form: $1) }) {
            let placement = try await PlacementsController.move(
                req, placementId: try req.uuidParameter("placementId"), input: input)
            return "/homes/\(placement.homeId.uuidString.lowercased())"
        }
    }

    static func endPlacement(req: Request) async throws -> Response {
        let input = try req.content.decode(PlacementsController.EndInput.self)
        let placementId = try req.uuidParameter("placementId")
        do {
            let placement = try await PlacementsController.discharge(req, placementId: placementId, input: input)
            return req.redirect(to: "/homes/\(placement.homeId.uuidString.lowercased())")
        } catch let failed as ValidationFailed {
            throw Abort(.unprocessableEntity, reason: failed.errors.map(\.message).joined(separator: ". "))
        }
    }

    // MARK: Regulation 44 and 45

    static func reports(req: Request) async throws -> Response { try await renderReports(req) }

    static func renderReports(_ req: Request, errors: FieldErrorList = FieldErrorList(), form: [String: String] = [:])
        async throws -> Response
    {
        let id = try req.uuidParameter("homeId")
        struct Query: Content {
            var kind: String?
            var from: String?
            var to: String?
        }
        let query = try req.query.decode(Query.self)
        let kind = form["kind"] ?? query.kind
        let from = form["from"] ?? query.from
        let to = form["to"] ?? query.to
        var periodErrors = errors
        var period: RegulatoryReportsController.Period?
        do {
            period = try RegulatoryReportsController.period(kind: kind, from: from, to: to)
        } catch let failed as ValidationFailed {
            // A failed save has already reported the period's problems: list each once.
            for error in failed.errors where !errors.errors.contains(error) {
                periodErrors.add(error.field, error.message)
            }
        }
        struct Saved: Encodable {
            var key: String
            var title: String
            var period: String
            var writtenAt: String
        }
        struct Page: Encodable {
            var layout: Layout
            var key: String
            var name: String
            var kinds: [Choice]
            var from: String
            var to: String
            var figures: RegulatoryFigures?
            var periodText: String?
            var saved: [Saved]?
            var errors: [FieldError]?
            var fieldErrors: [String: String]
            var form: [String: String]
        }
        let timescales = req.settings.timescales
        let chosen = period
        let shownErrors = periodErrors
        let page: Page = try await HomeAccess.load(
            req, homeId: id, for: .manage, audit: .view,
            detail: chosen.map { "\($0.kind) \($0.from.iso) to \($0.to.iso)" } ?? "reports"
        ) { home, _, db in
            let figures = try await chosen.asyncMap {
                try await RegulatoryReportQueries.figures(
                    kind: $0.kind, home: home, from: $0.from, to: $0.to, timescales: timescales, on: db)
            }
            return Page(
                layout: Layout(req, title: "Regulation 44 and 45 reports: \(home.name)", errors: shownErrors),
                key: id.uuidString.lowercased(),
                name: home.name,
                kinds: Choice.list(RegulatoryReportQueries.kinds, selected: chosen?.kind ?? kind ?? "reg45"),
                from: chosen?.from.iso ?? from ?? "", to: chosen?.to.iso ?? to ?? "", figures: figures,
                periodText: chosen.map {
                    "\(DisplayFormat.calendarDate($0.from.iso)) to \(DisplayFormat.calendarDate($0.to.iso))"
                },
                saved: try await RegulatoryReportsController.saved(id, on: db).map {
                    Saved(
                        key: try $0.requireID().uuidString.lowercased(),
                        title: RegulatoryReportQueries.kinds.label(for: $0.kind) ?? $0.kind,
                        period: "\(DisplayFormat.calendarDate($0.fromDay)) to \(DisplayFormat.calendarDate($0.toDay))",
                        writtenAt: DisplayFormat.dateTime($0.writtenAt))
                }.nonEmpty,
                errors: shownErrors.forPage, fieldErrors: shownErrors.byField, form: form)
        }
        return try await req.page("homes/reports", page, status: periodErrors.isEmpty ? .ok : .unprocessableEntity)
    }

    static func saveReport(req: Request) async throws -> Response {
        let input = try req.content.decode(RegulatoryReportsController.SaveInput.self)
        return try await FormPage.submit(req, redisplay: { try await renderReports(req, errors: $0, form: $1) }) {
            let report = try await RegulatoryReportsController.save(
                req, homeId: try req.uuidParameter("homeId"), input: input)
            return "/reports/\(try report.requireID().uuidString.lowercased())"
        }
    }

    static func savedReport(req: Request) async throws -> View {
        let report = try await RegulatoryReportsController.load(req, reportId: try req.uuidParameter("reportId"))
        struct Page: Encodable {
            var layout: Layout
            var report: RegulatoryReportJSON
            var figures: RegulatoryFigures
            var periodText: String
            var writtenAt: String
            var homeKey: String
        }
        return try await req.view.render(
            "homes/report",
            Page(
                layout: Layout(req, title: "\(report.figures.title): \(report.figures.homeName)"), report: report,
                figures: report.figures,
                periodText: "\(DisplayFormat.calendarDate(report.from)) to \(DisplayFormat.calendarDate(report.to))",
                writtenAt: DisplayFormat.dateTime(iso: report.writtenAt),
                homeKey: report.figures.homeId.uuidString.lowercased()))
    }
}
