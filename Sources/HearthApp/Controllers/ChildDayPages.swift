import Fluent
import Foundation
import HearthDomain
import SQLKit
import Vapor

/// The pages for a child living in a home: their day (daily log, key work, incidents, missing episodes),
/// the placement plan and the child's own version of it, and the incident and missing-episode records.
enum ChildDayPages {
    static func personPath(_ id: UUID) -> String { "/people/\(id.uuidString.lowercased())" }

    struct EventLine: Encodable {
        var href: String
        var when: String
        var summary: String
        var status: String?
    }

    struct LogLine: Encodable {
        var when: String
        var area: String
        var text: String
        var writtenBy: String
    }

    struct DayPage: Encodable {
        var layout: Layout
        var key: String
        var name: String
        var homeName: String?
        var homeKey: String?
        var placementKey: String?
        var placedSince: String?
        var legalStatus: String?
        var placingAuthority: String?
        var socialWorker: String?
        var hasPlan: Bool
        var planReviewDue: String?
        var mayManage: Bool
        /// Whether the user may add to the child's records here (the logs, key work, incidents); a
        /// safeguarding lead reads them without being offered forms that would refuse them.
        var mayRecord: Bool
        /// Whether the home's own page will open for the user (its staff and managers).
        var mayOpenHome: Bool
        var areas: [Choice]
        var logs: [LogLine]?
        var keyWork: [KeyWorkJSON]?
        var incidents: [EventLine]?
        var missing: [EventLine]?
        var patterns: MissingPatterns
        var hasPatterns: Bool
        var errors: [FieldError]?
        var fieldErrors: [String: String]
        var form: [String: String]
        var today: String
    }

    static func renderDay(_ req: Request, errors: FieldErrorList = FieldErrorList(), form: [String: String] = [:])
        async throws -> Response
    {
        let personId = try req.uuidParameter("personId")
        let timescales = req.settings.timescales
        let page: DayPage = try await PersonAccess.load(personId, for: .view, req, detail: "daily life") {
            granted, db in
            let actor = try req.requireUser().actor
            let placement = try await ChildDayController.currentPlacement(personId, on: db)
            let home = try await placement.asyncMap { try await Home.find($0.homeId, on: db) } ?? nil
            let plan = try await placement.asyncMap { try await ChildDayController.plan(of: $0, on: db) } ?? nil
            let incidents = try await Incident.query(on: db).filter(\.$personId == personId)
                .sort(\.$occurredAt, .descending).limit(10).all()
            let episodes = try await MissingEpisode.query(on: db).filter(\.$personId == personId)
                .sort(\.$lastSeenAt, .descending).limit(10).all()
            let patterns = try await HomesController.missingPatterns(personId: personId, on: db)
            let person = granted.person
            return DayPage(
                layout: Layout(req, title: "Daily life: \(person.givenName) \(person.familyName)", errors: errors),
                key: personId.uuidString.lowercased(), name: "\(person.givenName) \(person.familyName)",
                homeName: home?.name, homeKey: home?.id?.uuidString.lowercased(),
                placementKey: placement?.id?.uuidString.lowercased(),
                placedSince: placement.map { DisplayFormat.calendarDate($0.startedOn) },
                legalStatus: placement?.legalStatus, placingAuthority: placement?.placingAuthority,
                socialWorker: placement?.socialWorker, hasPlan: plan != nil,
                planReviewDue: plan.map { DisplayFormat.calendarDate($0.reviewDueOn) },
                mayManage: home.map { HomeAccessPolicy().decide(actor, .manage, homeTeamId: $0.teamId).isAllowed }
                    ?? false,
                mayRecord: PersonAccess.decide(.edit, granted.facts, req).isAllowed,
                mayOpenHome: home.map { HomeAccessPolicy().decide(actor, .work, homeTeamId: $0.teamId).isAllowed }
                    ?? false,
                areas: Choice.list(PlacementPlanAreas.all, selected: form["area"]),
                logs: try await ChildDayController.logs(personId, since: Date().addingTimeInterval(-3 * 86_400), on: db)
                    .map {
                        LogLine(
                            when: DisplayFormat.dateTime(iso: $0.writtenAt), area: $0.areaLabel, text: $0.text,
                            writtenBy: $0.writtenBy)
                    }.nonEmpty,
                keyWork: try await ChildDayController.keyWork(personId, limit: 5, on: db).nonEmpty,
                incidents: try incidents.map { incident in
                    let due = ResidentialController.dues(incident, timescales: timescales)
                    let open =
                        incident.hasMeasure
                        && (incident.recordCompletedAt == nil || incident.managerSpokeToStaffAt == nil
                            || incident.childSpokenToAt == nil)
                    return EventLine(
                        href: "/incidents/\(try incident.requireID().uuidString.lowercased())",
                        when: DisplayFormat.dateTime(incident.occurredAt),
                        summary:
                            "\(ResidentialController.incidentTypes.label(for: incident.type) ?? incident.type): \(incident.description)",
                        status: open ? "Follow-up due by \(DisplayFormat.due(due.childDebrief ?? due.record))" : nil)
                }.nonEmpty,
                missing: try episodes.map { episode in
                    EventLine(
                        href: "/missing-episodes/\(try episode.requireID().uuidString.lowercased())",
                        when: DisplayFormat.dateTime(episode.lastSeenAt),
                        summary: episode.returnedAt.map { "Back \(DisplayFormat.dateTime($0))" } ?? "Still missing",
                        status: episode.returnedAt != nil && episode.interviewOfferedAt == nil
                            ? "Return home interview to offer" : nil)
                }.nonEmpty,
                patterns: patterns, hasPatterns: patterns.episodes > 0,
                errors: errors.forPage, fieldErrors: errors.byField, form: form, today: UKTime.today())
        }
        return try await req.page("residential/day", page, status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    static func day(req: Request) async throws -> Response { try await renderDay(req) }

    static func writeLog(req: Request) async throws -> Response {
        let form = try req.content.decode([String: String].self)
        let input = ChildDayController.LogInput(
            area: form["area"], text: form["text"], writtenAt: Moment.joined(form["logDate"], form["logTime"]))
        return try await FormPage.submit(req, redisplay: { try await renderDay(req, errors: $0, form: $1) }) {
            let id = try req.uuidParameter("personId")
            _ = try await ChildDayController.writeLog(req, personId: id, input: input)
            return personPath(id) + "/residential#daily-log"
        }
    }

    static func recordKeyWork(req: Request) async throws -> Response {
        let input = try req.content.decode(ChildDayController.KeyWorkInput.self)
        return try await FormPage.submit(req, redisplay: { try await renderDay(req, errors: $0, form: $1) }) {
            let id = try req.uuidParameter("personId")
            _ = try await ChildDayController.recordKeyWork(req, personId: id, input: input)
            return personPath(id) + "/residential#key-work"
        }
    }

    // MARK: The placement plan

    struct PlanPage: Encodable {
        struct Area: Encodable {
            var code: String
            var label: String
            var text: String
            var error: String?
        }

        var layout: Layout
        var key: String
        var name: String
        var homeName: String?
        var plan: PlacementPlanJSON?
        var areas: [Area]
        var staff: [Choice]
        var reasons: [Choice]
        var version: Int
        var reviewDue: String?
        var errors: [FieldError]?
        var fieldErrors: [String: String]
        var form: [String: String]
        var today: String
    }

    static func renderPlan(_ req: Request, errors: FieldErrorList = FieldErrorList(), form: [String: String] = [:])
        async throws -> Response
    {
        let personId = try req.uuidParameter("personId")
        let page: PlanPage = try await PersonAccess.load(
            personId, for: .view, req, auditSubject: AuditSubject(type: "placement-plan", id: nil),
            detail: "about person:\(personId.uuidString.lowercased())"
        ) { granted, db in
            guard let placement = try await ChildDayController.currentPlacement(personId, on: db),
                let home = try await Home.find(placement.homeId, on: db)
            else { throw Abort(.notFound, reason: "This child is not living in a home.") }
            let stored = try await ChildDayController.plan(of: placement, on: db)
            let plan = try await stored.asyncMap { try await ChildDayController.planJSON($0, on: db) }
            let keyWorker = form["keyWorkerId"] ?? plan?.keyWorkerId?.uuidString.lowercased()
            return PlanPage(
                layout: Layout(
                    req, title: "Placement plan: \(granted.person.givenName) \(granted.person.familyName)",
                    errors: errors),
                key: personId.uuidString.lowercased(), name: "\(granted.person.givenName) \(granted.person.familyName)",
                homeName: home.name, plan: plan,
                areas: PlacementPlanAreas.all.map { area in
                    PlanPage.Area(
                        code: area.code, label: area.label,
                        text: form["area-\(area.code)"] ?? plan?.areas.first { $0.code == area.code }?.text ?? "",
                        error: errors.message(for: "area-\(area.code)"))
                },
                staff: try await HomesController.teamStaff(home.teamId, on: db.sql).sorted { $0.value < $1.value }.map {
                    Choice(
                        code: $0.key.uuidString.lowercased(), label: $0.value,
                        isSelected: keyWorker == $0.key.uuidString.lowercased())
                },
                reasons: Choice.list(ChildDayController.reviewReasons, selected: form["reason"]),
                version: plan?.version ?? 0, reviewDue: plan.map { DisplayFormat.calendarDate($0.reviewDueOn) },
                errors: errors.forPage, fieldErrors: errors.byField, form: form, today: UKTime.today())
        }
        return try await req.page("residential/plan", page, status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    static func plan(req: Request) async throws -> Response { try await renderPlan(req) }

    static func savePlan(req: Request) async throws -> Response {
        let form = try req.content.decode([String: String].self)
        var areas: [String: String] = [:]
        for area in PlacementPlanAreas.all { areas[area.code] = form["area-\(area.code)"] ?? "" }
        let input = ChildDayController.PlanInput(
            areas: areas, childWords: form["childWords"], childVersion: form["childVersion"], school: form["school"],
            pepDate: form["pepDate"], attendancePercent: form["attendancePercent"].map(LooseInt.init(text:)),
            keyWorkerId: form["keyWorkerId"], version: form["version"].map(LooseInt.init(text:)))
        return try await FormPage.submit(req, redisplay: { try await renderPlan(req, errors: $0, form: $1) }) {
            let id = try req.uuidParameter("personId")
            _ = try await ChildDayController.savePlan(req, personId: id, input: input)
            return personPath(id) + "/placement-plan"
        }
    }

    static func reviewPlan(req: Request) async throws -> Response {
        let input = try req.content.decode(ChildDayController.ReviewInput.self)
        return try await FormPage.submit(req, redisplay: { try await renderPlan(req, errors: $0, form: $1) }) {
            let id = try req.uuidParameter("personId")
            _ = try await ChildDayController.reviewPlan(req, personId: id, input: input)
            return personPath(id) + "/placement-plan#reviews"
        }
    }

    static func childVersion(_ req: Request) async throws -> ChildVersionJSON {
        let personId = try req.uuidParameter("personId")
        return try await PersonAccess.load(
            personId, for: .view, req, auditSubject: AuditSubject(type: "placement-plan", id: nil),
            detail: "child's version, about person:\(personId.uuidString.lowercased())"
        ) { granted, db in
            guard let plan = try await ChildDayController.currentPlan(personId, on: db) else {
                throw Abort(.notFound, reason: "There is no placement plan yet.")
            }
            return ChildVersionJSON(
                personId: personId, name: granted.person.preferredName ?? granted.person.givenName,
                childVersion: plan.childVersion, childWords: plan.childWords,
                keyWorker: try await plan.keyWorkerId.asyncMap { try await User.find($0, on: db)?.displayName } ?? nil,
                nextReview: plan.reviewDueOn)
        }
    }

    static func childVersionPage(req: Request) async throws -> View {
        let version = try await childVersion(req)
        struct Page: Encodable {
            var layout: Layout
            var key: String
            var plan: ChildVersionJSON
            var nextReview: String
        }
        return try await req.view.render(
            "residential/child-version",
            Page(
                layout: Layout(req, title: "\(version.name)'s plan"), key: version.personId.uuidString.lowercased(),
                plan: version, nextReview: DisplayFormat.calendarDate(version.nextReview)))
    }
}
