import Fluent
import Foundation
import HearthDomain
import Vapor

/// The forms for recording an incident or a missing episode, and each record's page with its follow-ups
/// (regulation 35's steps, the return and the return home interview) and who was told.
enum IncidentPages {
    struct NewPage: Encodable {
        var layout: Layout
        var key: String
        var name: String
        var types: [Choice]
        var errors: [FieldError]?
        var fieldErrors: [String: String]
        var form: [String: String]
        var today: String
        var now: String
    }

    static func renderNew(
        _ req: Request, template: String, title: String, errors: FieldErrorList = FieldErrorList(),
        form: [String: String] = [:]
    ) async throws -> Response {
        let personId = try req.uuidParameter("personId")
        let granted = try await PersonAccess.load(personId, for: .edit, req)
        let name = "\(granted.person.givenName) \(granted.person.familyName)"
        let heading = "\(title): \(name)"
        let page = NewPage(
            layout: Layout(req, title: heading, errors: errors),
            key: personId.uuidString.lowercased(), name: name,
            types: Choice.list(ResidentialController.incidentTypes, selected: form["type"]), errors: errors.forPage,
            fieldErrors: errors.byField, form: form, today: UKTime.today(), now: clockNow())
        return try await req.page(template, page, status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    static func newIncident(req: Request) async throws -> Response {
        try await renderNew(req, template: "residential/incident-new", title: "Record an incident")
    }

    static func createIncident(req: Request) async throws -> Response {
        let form = try req.content.decode([String: String].self)
        var errors = FieldErrorList()
        var minutes: Int?
        if let text = form["durationMinutes"]?.trimmed.nilIfEmpty {
            minutes = Int(text)
            if minutes == nil { errors.add("measure.durationMinutes", "Duration must be a whole number of minutes") }
        }
        let usedMeasure = form["measureUsed"] == "yes"
        let input = IncidentInput(
            occurredAt: Moment.joined(form["date"], form["time"]), type: form["type"], description: form["description"],
            place: form["place"], peopleInvolved: form["peopleInvolved"], injuries: form["injuries"],
            policeInvolved: form["policeInvolved"] == "true",
            medicalInvolved: form["medicalInvolved"] == "true",
            measure: usedMeasure
                ? .init(
                    description: form["measureDescription"], durationMinutes: minutes,
                    staff: form["staff"].map(NameList.init(text:)))
                : nil,
            childView: form["childView"])
        let early = errors
        return try await FormPage.submit(
            req,
            redisplay: { errors, form in
                // The form's fields are flat where the API's are nested under "measure".
                var flat = FieldErrorList()
                for error in errors.errors {
                    let field =
                        ["measure.description": "measureDescription", "measure.durationMinutes": "durationMinutes"][
                            error.field] ?? error.field
                    flat.add(field, error.message)
                }
                return try await renderNew(
                    req, template: "residential/incident-new", title: "Record an incident", errors: flat, form: form)
            }
        ) {
            let incident = try await ResidentialController.createIncident(
                req, personId: try req.uuidParameter("personId"), input: input, refused: early)
            return "/incidents/\(try incident.requireID().uuidString.lowercased())"
        }
    }

    static func newMissing(req: Request) async throws -> Response {
        try await renderNew(req, template: "residential/missing-new", title: "Record a missing episode")
    }

    static func createMissing(req: Request) async throws -> Response {
        let form = try req.content.decode([String: String].self)
        let input = MissingInput(
            lastSeenAt: Moment.joined(form["date"], form["time"]),
            reportedToPoliceAt: Moment.joined(form["reportedDate"], form["reportedTime"]),
            policeReference: form["policeReference"],
            returnedAt: Moment.joined(form["returnedDate"], form["returnedTime"]), whereFound: form["whereFound"],
            foundWith: form["foundWith"], risks: form["risks"])
        return try await FormPage.submit(
            req,
            redisplay: {
                try await renderNew(
                    req, template: "residential/missing-new", title: "Record a missing episode", errors: $0, form: $1)
            }
        ) {
            let episode = try await ResidentialController.createMissing(
                req, personId: try req.uuidParameter("personId"), input: input)
            return "/missing-episodes/\(try episode.requireID().uuidString.lowercased())"
        }
    }

    // MARK: The record and its follow-ups

    struct RecordPage: Encodable {
        var layout: Layout
        var key: String
        var personKey: String
        var name: String
        var incident: IncidentJSON?
        var episode: MissingJSON?
        var typeLabel: String?
        /// How long a measure lasted, in words: "1 minute", "12 minutes".
        var measureDuration: String? = nil
        var occurredAt: String
        var steps: [Step]
        var notifications: [Notification]?
        var recipients: [Choice]
        var methods: [Choice]
        var mayManage: Bool
        var notifyAction: String
        var errors: [FieldError]?
        var fieldErrors: [String: String]
        var form: [String: String]
        var today: String
        var now: String = IncidentPages.clockNow()
    }

    static func clockNow() -> String {
        Date().formatted(
            Date.FormatStyle(locale: Locale(identifier: "en_GB"), timeZone: LondonTime.timeZone).hour(
                .twoDigits(amPM: .omitted)
            )
            .minute(.twoDigits))
    }

    struct Step: Encodable {
        var label: String
        var due: String?
        var done: String?
        var isOverdue: Bool
    }

    struct Notification: Encodable {
        var who: String
        var when: String
        var how: String
        var reference: String?
        var by: String
    }

    static func step(_ label: String, due: Date?, done: Date?) -> Step {
        Step(
            label: label, due: due.map(DisplayFormat.due), done: done.map(DisplayFormat.dateTime),
            isOverdue: done == nil && (due.map { $0 < Date() } ?? false))
    }

    static func notificationLines(_ list: [ResidentialController.NotificationJSON]) -> [Notification]? {
        list.map {
            Notification(
                who: $0.recipientLabel, when: DisplayFormat.dateTime(iso: $0.sentAt),
                how: ResidentialController.methods.label(for: $0.method) ?? $0.method, reference: $0.reference,
                by: $0.sentBy)
        }.nonEmpty
    }

    static func renderIncident(_ req: Request, errors: FieldErrorList = FieldErrorList(), form: [String: String] = [:])
        async throws -> Response
    {
        let timescales = req.settings.timescales
        let actor = try req.requireUser().actor
        let page: RecordPage = try await ResidentialController.viewRecord(Incident.self, req, parameter: "incidentId") {
            incident, granted, db in
            let due = ResidentialController.dues(incident, timescales: timescales)
            let team = try await incident.homeId.asyncMap { try await Home.find($0, on: db)?.teamId } ?? nil
            var steps = [
                step(
                    "Record complete (what was done, for how long, by whom)", due: due.record,
                    done: incident.recordCompletedAt)
            ]
            if incident.hasMeasure {
                steps.append(
                    step(
                        "Manager has spoken to the staff and signed the record", due: due.managerReview,
                        done: incident.managerSpokeToStaffAt))
                steps.append(
                    step("Manager has spoken to the child", due: due.childDebrief, done: incident.childSpokenToAt))
            }
            let title = "Incident: \(granted.person.givenName) \(granted.person.familyName)"
            return RecordPage(
                layout: Layout(req, title: title, errors: errors),
                key: try incident.requireID().uuidString.lowercased(),
                personKey: incident.personId.uuidString.lowercased(),
                name: "\(granted.person.givenName) \(granted.person.familyName)",
                incident: try IncidentJSON(incident, timescales: timescales), episode: nil,
                typeLabel: ResidentialController.incidentTypes.label(for: incident.type),
                measureDuration: incident.measureMinutes.map { counted($0, "minute", "minutes") },
                occurredAt: DisplayFormat.dateTime(incident.occurredAt), steps: steps,
                notifications: notificationLines(
                    try await ResidentialController.notifications(incidentId: incident.requireID(), on: db)),
                recipients: Choice.list(ResidentialController.recipients, selected: form["recipient"]),
                methods: Choice.list(ResidentialController.methods, selected: form["method"]),
                mayManage: team.map { HomeAccessPolicy().decide(actor, .manage, homeTeamId: $0).isAllowed } ?? false,
                notifyAction: "/incidents/\(try incident.requireID().uuidString.lowercased())/notifications",
                errors: errors.forPage, fieldErrors: errors.byField, form: form, today: UKTime.today())
        }
        return try await req.page("residential/incident", page, status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    static func incident(req: Request) async throws -> Response { try await renderIncident(req) }

    static func incidentPath(_ req: Request) throws -> String {
        "/incidents/\(try req.uuidParameter("incidentId").uuidString.lowercased())"
    }

    static func completeRecord(req: Request) async throws -> Response {
        let form = try req.content.decode([String: String].self)
        return try await FormPage.submit(req, redisplay: { try await renderIncident(req, errors: $0, form: $1) }) {
            var minutes: Int?
            if let text = form["durationMinutes"]?.trimmed.nilIfEmpty {
                guard let number = Int(text) else {
                    throw ValidationFailed(errors: [
                        FieldError(field: "durationMinutes", message: "Duration must be a whole number of minutes")
                    ])
                }
                minutes = number
            }
            _ = try await ResidentialController.completeRecord(
                req,
                input: .init(
                    durationMinutes: minutes, staff: form["staff"].map(NameList.init(text:)),
                    childView: form["childView"], injuries: form["injuries"]))
            return try incidentPath(req)
        }
    }

    static func managerReview(req: Request) async throws -> Response {
        _ = try await ResidentialController.apiManagerReview(req: req)
        return req.redirect(to: try incidentPath(req))
    }

    static func childDebrief(req: Request) async throws -> Response {
        let form = try req.content.decode([String: String].self)
        return try await FormPage.submit(
            req,
            redisplay: { errors, form in
                // The page's own "childView" belongs to completing the record; the debrief's box is another.
                var renamed = FieldErrorList()
                for error in errors.errors {
                    renamed.add(error.field == "childView" ? "debriefView" : error.field, error.message)
                }
                return try await renderIncident(req, errors: renamed, form: form)
            }
        ) {
            _ = try await ResidentialController.childDebrief(req, input: .init(childView: form["debriefView"]))
            return try incidentPath(req)
        }
    }

    static func notifyIncident(req: Request) async throws -> Response {
        let input = try req.content.decode(ResidentialController.NotificationInput.self)
        return try await FormPage.submit(req, redisplay: { try await renderIncident(req, errors: $0, form: $1) }) {
            _ = try await ResidentialController.notifyAboutIncident(req, input: input)
            return try incidentPath(req) + "#notifications"
        }
    }

    static func renderMissing(_ req: Request, errors: FieldErrorList = FieldErrorList(), form: [String: String] = [:])
        async throws -> Response
    {
        let timescales = req.settings.timescales
        let page: RecordPage = try await ResidentialController.viewRecord(
            MissingEpisode.self, req, parameter: "episodeId"
        ) { episode, granted, db in
            let json = try MissingJSON(episode, timescales: timescales)
            let title = "Missing episode: \(granted.person.givenName) \(granted.person.familyName)"
            return RecordPage(
                layout: Layout(req, title: title, errors: errors),
                key: try episode.requireID().uuidString.lowercased(),
                personKey: episode.personId.uuidString.lowercased(),
                name: "\(granted.person.givenName) \(granted.person.familyName)", incident: nil, episode: json,
                typeLabel: nil, occurredAt: DisplayFormat.dateTime(episode.lastSeenAt),
                steps: [
                    step("Back", due: nil, done: episode.returnedAt),
                    step(
                        "Return home interview offered",
                        due: episode.returnedAt.map {
                            timescales[TimescaleDefaults.returnHomeInterview].dueMoment(from: $0)
                        },
                        done: episode.interviewOfferedAt),
                ],
                notifications: notificationLines(
                    try await ResidentialController.notifications(missingId: episode.requireID(), on: db)),
                recipients: Choice.list(ResidentialController.recipients, selected: form["recipient"]),
                methods: Choice.list(ResidentialController.methods, selected: form["method"]), mayManage: false,
                notifyAction: "/missing-episodes/\(try episode.requireID().uuidString.lowercased())/notifications",
                errors: errors.forPage, fieldErrors: errors.byField, form: form, today: UKTime.today())
        }
        return try await req.page("residential/missing", page, status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    static func missing(req: Request) async throws -> Response { try await renderMissing(req) }

    static func missingPath(_ req: Request) throws -> String {
        "/missing-episodes/\(try req.uuidParameter("episodeId").uuidString.lowercased())"
    }

    static func recordReturn(req: Request) async throws -> Response {
        let form = try req.content.decode([String: String].self)
        return try await FormPage.submit(req, redisplay: { try await renderMissing(req, errors: $0, form: $1) }) {
            _ = try await ResidentialController.recordReturn(
                req,
                input: .init(
                    returnedAt: Moment.joined(form["returnedDate"], form["returnedTime"]),
                    whereFound: form["whereFound"],
                    foundWith: form["foundWith"], risks: form["risks"]))
            return try missingPath(req)
        }
    }

    static func recordInterview(req: Request) async throws -> Response {
        let form = try req.content.decode([String: String].self)
        return try await FormPage.submit(req, redisplay: { try await renderMissing(req, errors: $0, form: $1) }) {
            _ = try await ResidentialController.recordInterview(
                req,
                input: .init(
                    offeredAt: Moment.joined(form["offeredDate"], form["offeredTime"]), outcome: form["outcome"]))
            return try missingPath(req)
        }
    }

    static func notifyMissing(req: Request) async throws -> Response {
        let input = try req.content.decode(ResidentialController.NotificationInput.self)
        return try await FormPage.submit(req, redisplay: { try await renderMissing(req, errors: $0, form: $1) }) {
            _ = try await ResidentialController.notifyAboutMissing(req, input: input)
            return try missingPath(req) + "#notifications"
        }
    }
}
