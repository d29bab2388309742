import Fluent
import HearthDomain
import SQLKit
import Vapor

/// A residential record about one child, reached through the child's record.
protocol PersonOwned: Model, Sendable where IDValue == UUID {
    var personId: UUID { get }
    static var auditType: String { get }
}

extension Incident: PersonOwned { static let auditType = "incident" }
extension MissingEpisode: PersonOwned { static let auditType = "missing-episode" }

/// A list of names given either as one string or as a list (API callers send both).
struct NameList: Codable, Sendable {
    var names: [String]

    /// Names typed into one field, separated by commas.
    init(text: String) {
        names = text.split(separator: ",").map { String($0).trimmed }.filter { !$0.isEmpty }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let list = try? container.decode([String].self) {
            names = list
        } else {
            names = try container.decode(String.self).split(separator: ",").map { String($0) }
        }
        names = names.map(\.trimmed).filter { !$0.isEmpty }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(names)
    }
}

struct IncidentInput: Content, Sendable {
    struct Measure: Content, Sendable {
        var description: String?
        var durationMinutes: Int?
        var staff: NameList?
    }

    var occurredAt: String?
    var type: String?
    var description: String?
    var place: String?
    var peopleInvolved: String?
    var injuries: String?
    var policeInvolved: Bool?
    var medicalInvolved: Bool?
    var measure: Measure?
    var childView: String?
}

struct IncidentJSON: Content {
    struct Measure: Content {
        var description: String
        var durationMinutes: Int?
        var staff: [String]
    }

    var id: UUID
    var personId: UUID
    var occurredAt: String
    var type: String
    var description: String
    var place: String?
    var peopleInvolved: String?
    var injuries: String?
    var policeInvolved: Bool
    var medicalInvolved: Bool
    var measure: Measure?
    var childView: String?
    var recordedAt: String
    var recordDueBy: String
    var recordCompletedAt: String?
    var managerReviewDueBy: String?
    var managerSpokeToStaffAt: String?
    var childDebriefDueBy: String?
    var childSpokenToAt: String?

    init(_ i: Incident, timescales: TimescaleBook) throws {
        id = try i.requireID()
        personId = i.personId
        occurredAt = DisplayFormat.iso8601(i.occurredAt)
        type = i.type
        description = i.description
        place = i.place
        peopleInvolved = i.peopleInvolved
        injuries = i.injuries
        policeInvolved = i.policeInvolved
        medicalInvolved = i.medicalInvolved
        measure = i.measureDescription.map {
            Measure(
                description: $0, durationMinutes: i.measureMinutes,
                staff: i.measureStaff?.split(separator: ",").map(String.init) ?? [])
        }
        childView = i.childView
        recordedAt = DisplayFormat.iso8601(i.recordedAt)
        let due = ResidentialController.dues(i, timescales: timescales)
        recordDueBy = DisplayFormat.iso8601(due.record)
        recordCompletedAt = i.recordCompletedAt.map(DisplayFormat.iso8601)
        managerReviewDueBy = due.managerReview.map(DisplayFormat.iso8601)
        managerSpokeToStaffAt = i.managerSpokeToStaffAt.map(DisplayFormat.iso8601)
        childDebriefDueBy = due.childDebrief.map(DisplayFormat.iso8601)
        childSpokenToAt = i.childSpokenToAt.map(DisplayFormat.iso8601)
    }
}

struct MissingInput: Content, Sendable {
    var lastSeenAt: String?
    var reportedToPoliceAt: String?
    var policeReference: String?
    var returnedAt: String?
    var whereFound: String?
    var foundWith: String?
    var risks: String?
}

struct MissingJSON: Content {
    var id: UUID
    var personId: UUID
    var lastSeenAt: String
    var reportedToPoliceAt: String?
    var policeReference: String?
    var returnedAt: String?
    var whereFound: String?
    var foundWith: String?
    var risks: String?
    var returnInterviewDueBy: String?
    var interviewOfferedAt: String?
    var interviewOutcome: String?

    init(_ m: MissingEpisode, timescales: TimescaleBook) throws {
        id = try m.requireID()
        personId = m.personId
        lastSeenAt = DisplayFormat.iso8601(m.lastSeenAt)
        reportedToPoliceAt = m.reportedToPoliceAt.map(DisplayFormat.iso8601)
        policeReference = m.policeReference
        returnedAt = m.returnedAt.map(DisplayFormat.iso8601)
        whereFound = m.whereFound
        foundWith = m.foundWith
        risks = m.risks
        returnInterviewDueBy = m.returnedAt.map {
            DisplayFormat.iso8601(timescales[TimescaleDefaults.returnHomeInterview].dueMoment(from: $0))
        }
        interviewOfferedAt = m.interviewOfferedAt.map(DisplayFormat.iso8601)
        interviewOutcome = m.interviewOutcome
    }
}

/// Incidents with their regulation 35 timescales, and missing episodes with the return home interview.
/// Reached through the child's record: whoever may change it (the home's staff, by the placement's
/// allocation) records them.
enum ResidentialController {
    static let incidentTypes: [CodedOption] = [
        .init("physical-intervention", "Physical intervention"),
        .init("aggression", "Aggression or violence"),
        .init("self-harm", "Self-harm"),
        .init("property-damage", "Damage to property"),
        .init("accident", "Accident or injury"),
        .init("police-call", "Police called"),
        .init("allegation", "Allegation or complaint"),
        .init("other", "Other"),
    ]

    /// When each regulation 35 step is due, worked out from when it happened.
    static func dues(_ i: Incident, timescales: TimescaleBook) -> (
        record: Date, managerReview: Date?, childDebrief: Date?
    ) {
        (
            timescales[TimescaleDefaults.restraintRecord].dueMoment(from: i.occurredAt),
            i.hasMeasure
                ? timescales[TimescaleDefaults.restraintManagerSpokeToStaff].dueMoment(from: i.occurredAt) : nil,
            i.hasMeasure
                ? timescales[TimescaleDefaults.restraintManagerSpokeToChild].dueMoment(from: i.occurredAt) : nil
        )
    }

    /// The home the child is placed in now, if any.
    static func currentHome(of personId: UUID, on db: any Database) async throws -> UUID? {
        try await Placement.query(on: db).filter(\.$personId == personId).filter(\.$endedOn == nil).first()?.homeId
    }

    static func apiCreateIncident(req: Request) async throws -> Response {
        let input = try APIController.decodeBody(IncidentInput.self, req)
        let incident = try await createIncident(req, personId: try req.uuidParameter("personId"), input: input)
        return try await IncidentJSON(incident, timescales: req.settings.timescales).encodeResponse(
            status: .created, for: req)
    }

    /// Records an incident about the child, from the API or the form.
    /// `refused` carries what the caller found wrong before it could make `input` (a duration that is not a
    /// number), so that all the messages come back together.
    static func createIncident(
        _ req: Request, personId: UUID, input: IncidentInput, refused: FieldErrorList = FieldErrorList()
    ) async throws -> Incident {
        let now = Date()
        var errors = refused
        let occurred = Moment.parse(
            input.occurredAt, "occurredAt", "when it happened", required: true, now: now, into: &errors)
        let type = input.type?.trimmed ?? ""
        if !incidentTypes.contains(code: type) {
            errors.add("type", "Choose the type of incident")
        }
        let description = errors.text(input.description, "description", "What happened", required: "Say what happened")
        let place = errors.text(input.place, "place", "Where", limit: 200)
        let involved = errors.text(input.peopleInvolved, "peopleInvolved", "Who was involved", limit: 2_000)
        let injuries = errors.text(input.injuries, "injuries", "Injuries", limit: 2_000)
        let childView = errors.text(input.childView, "childView", "The child’s view", limit: 4_000)
        var measureText: String?
        if let measure = input.measure {
            measureText = errors.text(
                measure.description, "measure.description", "The measure", limit: 2_000,
                required: "Describe the measure that was used")
            if let minutes = measure.durationMinutes, !(0...600).contains(minutes) {
                errors.add("measure.durationMinutes", "Duration must be 0 to 600 minutes")
            }
        }
        guard errors.isEmpty, let occurred, let description else { throw ValidationFailed(errors: errors.errors) }
        let measureDescription = measureText
        let user = try req.requireUser()
        let newId = UUID()
        return try await PersonAccess.load(
            personId, for: .edit, audit: .create, req,
            auditSubject: AuditSubject(type: "incident", id: newId.uuidString.lowercased()),
            detail: "about person:\(personId.uuidString.lowercased())"
        ) { _, db in
            let i = Incident()
            i.id = newId
            i.personId = personId
            i.homeId = try await currentHome(of: personId, on: db)
            i.occurredAt = occurred
            i.type = type
            i.description = description
            i.place = place
            i.peopleInvolved = involved
            i.injuries = injuries
            i.policeInvolved = input.policeInvolved ?? false
            i.medicalInvolved = input.medicalInvolved ?? false
            i.recordedAt = now
            i.recordedBy = user.id
            i.measureDescription = measureDescription
            i.measureMinutes = input.measure?.durationMinutes
            i.measureStaff = input.measure?.staff.map { $0.names.joined(separator: ",") }.flatMap(\.nilIfEmpty)
            i.childView = childView
            // The record is complete when it says what was done, for how long and by whom.
            if measureDescription == nil || (i.measureMinutes != nil && i.measureStaff != nil) {
                i.recordCompletedAt = now
            }
            i.version = 1
            try await i.create(on: db)
            return i
        }
    }

    static func apiListIncidents(req: Request) async throws -> ItemsJSON<IncidentJSON> {
        let personId = try req.uuidParameter("personId")
        let timescales = req.settings.timescales
        return try await PersonAccess.load(personId, for: .view, req, detail: "incidents") { _, db in
            ItemsJSON(
                items: try await Incident.query(on: db).filter(\.$personId == personId).sort(\.$occurredAt).all().map {
                    try IncidentJSON($0, timescales: timescales)
                })
        }
    }

    static func apiCreateMissing(req: Request) async throws -> Response {
        let input = try APIController.decodeBody(MissingInput.self, req)
        let episode = try await createMissing(req, personId: try req.uuidParameter("personId"), input: input)
        return try await MissingJSON(episode, timescales: req.settings.timescales).encodeResponse(
            status: .created, for: req)
    }

    /// Records a missing episode, from the API or the form; the return may come with it or later.
    static func createMissing(_ req: Request, personId: UUID, input: MissingInput) async throws -> MissingEpisode {
        let now = Date()
        var errors = FieldErrorList()
        let lastSeen = Moment.parse(
            input.lastSeenAt, "lastSeenAt", "when they were last seen", required: true, now: now, into: &errors)
        let reported = Moment.parse(
            input.reportedToPoliceAt, "reportedToPoliceAt", "when police were told", required: false, now: now,
            into: &errors)
        let returned = Moment.parse(
            input.returnedAt, "returnedAt", "when they came back", required: false, now: now, into: &errors)
        // Police are told once the child is missing, which starts when they were last seen.
        if let lastSeen, let reported, reported < lastSeen {
            errors.add("reportedToPoliceAt", "The police cannot be told before they were last seen")
        }
        if let lastSeen, let returned, returned < lastSeen {
            errors.add("returnedAt", "They cannot come back before they were last seen")
        }
        let reference = errors.text(input.policeReference, "policeReference", "Police reference", limit: 100)
        let whereFound = errors.text(input.whereFound, "whereFound", "Where found", limit: 500)
        let foundWith = errors.text(input.foundWith, "foundWith", "Who with", limit: 500)
        let risks = errors.text(input.risks, "risks", "Risks", limit: 4_000)
        guard errors.isEmpty, let lastSeen else { throw ValidationFailed(errors: errors.errors) }
        let user = try req.requireUser()
        let newId = UUID()
        return try await PersonAccess.load(
            personId, for: .edit, audit: .create, req,
            auditSubject: AuditSubject(type: "missing-episode", id: newId.uuidString.lowercased()),
            detail: "about person:\(personId.uuidString.lowercased())"
        ) { _, db in
            let m = MissingEpisode()
            m.id = newId
            m.personId = personId
            m.homeId = try await currentHome(of: personId, on: db)
            m.lastSeenAt = lastSeen
            m.reportedToPoliceAt = reported
            m.policeReference = reference
            m.returnedAt = returned
            m.whereFound = whereFound
            m.foundWith = foundWith
            m.risks = risks
            m.recordedAt = now
            m.recordedBy = user.id
            m.version = 1
            try await m.create(on: db)
            return m
        }
    }

    static func apiListMissing(req: Request) async throws -> ItemsJSON<MissingJSON> {
        let personId = try req.uuidParameter("personId")
        let timescales = req.settings.timescales
        return try await PersonAccess.load(personId, for: .view, req, detail: "missing episodes") { _, db in
            ItemsJSON(
                items: try await MissingEpisode.query(on: db).filter(\.$personId == personId).sort(\.$lastSeenAt).all()
                    .map { try MissingJSON($0, timescales: timescales) })
        }
    }
}

/// The follow-ups that close an incident's regulation 35 steps and a missing episode's interview.
extension ResidentialController {
    struct IncidentRecordInput: Content, Sendable {
        var durationMinutes: Int?
        var staff: NameList?
        var childView: String?
        var injuries: String?
    }

    struct ReturnInput: Content, Sendable {
        var returnedAt: String?
        var whereFound: String?
        var foundWith: String?
        var risks: String?
    }

    struct InterviewInput: Content, Sendable {
        var offeredAt: String?
        var outcome: String?
    }

    /// Loads an incident through the child's record, for the change `work` makes.
    /// A record about one child (an incident, a missing episode), reached through the child's record for
    /// the change `work` makes. It is read again inside the transaction the work runs in.
    static func personRecord<M: PersonOwned, T: Sendable>(
        _ type: M.Type, _ req: Request, parameter: String, detail: String,
        work: @escaping @Sendable (M, any Database) async throws -> T
    ) async throws -> T {
        let id = try req.uuidParameter(parameter)
        guard let found = try await M.find(id, on: req.db) else { throw Abort(.notFound) }
        return try await PersonAccess.load(
            found.personId, for: .edit, audit: .update, req,
            auditSubject: AuditSubject(type: M.auditType, id: id.uuidString.lowercased()), detail: detail
        ) { _, db in
            guard let record = try await M.find(id, on: db) else { throw Abort(.notFound) }
            return try await work(record, db)
        }
    }

    static func incident<T: Sendable>(
        _ req: Request, detail: String, managerOnly: Bool,
        work: @escaping @Sendable (Incident, any Database) async throws -> T
    ) async throws -> T {
        let actor = try req.requireUser().actor
        return try await personRecord(Incident.self, req, parameter: "incidentId", detail: detail) { incident, db in
            if managerOnly {
                let team = try await incident.homeId.asyncMap { try await Home.find($0, on: db)?.teamId } ?? nil
                guard actor.managerRole != nil, let team, actor.managedTeamIds.contains(team) else {
                    throw Abort(
                        .forbidden, reason: "The home's registered manager, or a manager of its team, does this.")
                }
            }
            return try await work(incident, db)
        }
    }

    static func apiCompleteRecord(req: Request) async throws -> IncidentJSON {
        try await completeRecord(req, input: try APIController.decodeBody(IncidentRecordInput.self, req))
    }

    static func completeRecord(_ req: Request, input: IncidentRecordInput) async throws -> IncidentJSON {
        var errors = FieldErrorList()
        if let minutes = input.durationMinutes, !(0...600).contains(minutes) {
            errors.add("durationMinutes", "Duration must be 0 to 600 minutes")
        }
        let childView = errors.text(input.childView, "childView", "The child’s view", limit: 4_000)
        let injuries = errors.text(input.injuries, "injuries", "Injuries", limit: 2_000)
        try errors.throwIfAny()
        let timescales = req.settings.timescales
        return try await incident(req, detail: "record completed", managerOnly: false) { incident, db in
            guard incident.hasMeasure else {
                throw ValidationFailed(errors: [
                    FieldError(field: "measure", message: "No measure was used in this incident")
                ])
            }
            if let minutes = input.durationMinutes { incident.measureMinutes = minutes }
            if let staff = input.staff?.names, !staff.isEmpty { incident.measureStaff = staff.joined(separator: ",") }
            if let childView { incident.childView = childView }
            if let injuries { incident.injuries = injuries }
            guard incident.measureMinutes != nil, incident.measureStaff != nil else {
                var missing = FieldErrorList()
                if incident.measureMinutes == nil { missing.add("durationMinutes", "Say how long the measure lasted") }
                if incident.measureStaff == nil { missing.add("staff", "Name the staff involved") }
                throw ValidationFailed(errors: missing.errors)
            }
            incident.recordCompletedAt = incident.recordCompletedAt ?? Date()
            incident.version += 1
            try await incident.save(on: db)
            return try IncidentJSON(incident, timescales: timescales)
        }
    }

    /// The manager has spoken to the staff who used the measure and signs the record (within 48 hours).
    static func apiManagerReview(req: Request) async throws -> IncidentJSON {
        let timescales = req.settings.timescales
        let me = try req.requireUser().id
        return try await incident(req, detail: "manager's review", managerOnly: true) { incident, db in
            guard incident.hasMeasure else { throw Abort(.conflict, reason: "No measure was used in this incident.") }
            guard incident.managerSpokeToStaffAt == nil else { throw Abort(.conflict, reason: "Already reviewed.") }
            incident.managerSpokeToStaffAt = Date()
            incident.managerSignedBy = me
            incident.version += 1
            try await incident.save(on: db)
            return try IncidentJSON(incident, timescales: timescales)
        }
    }

    /// The manager confirms they have spoken to the child about the measure (within 5 days).
    struct DebriefInput: Content, Sendable { var childView: String? }

    static func apiChildDebrief(req: Request) async throws -> IncidentJSON {
        try await childDebrief(req, input: try APIController.decodeBody(DebriefInput.self, req))
    }

    static func childDebrief(_ req: Request, input: DebriefInput) async throws -> IncidentJSON {
        var errors = FieldErrorList()
        // The step is the child being heard: what they said, or, if they would not talk, that in words.
        let view = errors.text(
            input.childView, "childView", "What the child told you", limit: 4_000,
            required: "Write what the child told you, or that they did not want to talk about it")
        guard errors.isEmpty, let view else { throw ValidationFailed(errors: errors.errors) }
        let timescales = req.settings.timescales
        return try await incident(req, detail: "spoke to the child", managerOnly: true) { incident, db in
            guard incident.hasMeasure else { throw Abort(.conflict, reason: "No measure was used in this incident.") }
            guard incident.childSpokenToAt == nil else { throw Abort(.conflict, reason: "Already recorded.") }
            incident.childSpokenToAt = Date()
            incident.childView = [incident.childView, view].compactMap { $0 }.joined(separator: "\n")
            incident.version += 1
            try await incident.save(on: db)
            return try IncidentJSON(incident, timescales: timescales)
        }
    }

    static func episode<T: Sendable>(
        _ req: Request, detail: String, work: @escaping @Sendable (MissingEpisode, any Database) async throws -> T
    ) async throws -> T {
        try await personRecord(MissingEpisode.self, req, parameter: "episodeId", detail: detail, work: work)
    }

    static func apiReturn(req: Request) async throws -> MissingJSON {
        try await recordReturn(req, input: try APIController.decodeBody(ReturnInput.self, req))
    }

    static func recordReturn(_ req: Request, input: ReturnInput) async throws -> MissingJSON {
        var errors = FieldErrorList()
        let returned = Moment.parse(
            input.returnedAt, "returnedAt", "when they came back", required: true, now: Date(), into: &errors)
        let whereFound = errors.text(input.whereFound, "whereFound", "Where found", limit: 500)
        let foundWith = errors.text(input.foundWith, "foundWith", "Who with", limit: 500)
        let risks = errors.text(input.risks, "risks", "Risks", limit: 4_000)
        try errors.throwIfAny()
        let timescales = req.settings.timescales
        return try await episode(req, detail: "returned") { episode, db in
            guard episode.returnedAt == nil else { throw Abort(.conflict, reason: "The return is already recorded.") }
            guard let returned, returned >= episode.lastSeenAt else {
                throw ValidationFailed(
                    errors: [
                        FieldError(field: "returnedAt", message: "They cannot come back before they were last seen")
                    ])
            }
            episode.returnedAt = returned
            episode.whereFound = whereFound ?? episode.whereFound
            episode.foundWith = foundWith ?? episode.foundWith
            episode.risks = risks ?? episode.risks
            episode.version += 1
            try await episode.save(on: db)
            return try MissingJSON(episode, timescales: timescales)
        }
    }

    /// The return home interview offered, and what came of it.
    static func apiInterview(req: Request) async throws -> MissingJSON {
        try await recordInterview(req, input: try APIController.decodeBody(InterviewInput.self, req))
    }

    static func recordInterview(_ req: Request, input: InterviewInput) async throws -> MissingJSON {
        var errors = FieldErrorList()
        let offered = Moment.parse(
            input.offeredAt, "offeredAt", "when the interview was offered", required: true, now: Date(), into: &errors)
        let outcome = errors.text(
            input.outcome, "outcome", "Outcome", limit: 4_000,
            required: "Record what came of it, or that it was declined")
        try errors.throwIfAny()
        let timescales = req.settings.timescales
        return try await episode(req, detail: "return home interview") { episode, db in
            guard let returnedAt = episode.returnedAt else {
                throw Abort(.conflict, reason: "Record the return before the interview.")
            }
            guard let offered, offered >= returnedAt else {
                throw ValidationFailed(
                    errors: [FieldError(field: "offeredAt", message: "The interview is offered after they came back")])
            }
            episode.interviewOfferedAt = offered
            episode.interviewOutcome = outcome
            episode.version += 1
            try await episode.save(on: db)
            return try MissingJSON(episode, timescales: timescales)
        }
    }
}

/// Who was told, and when: the placing authority, Ofsted (notifiable events), the police, parents.
extension ResidentialController {
    static let recipients: [CodedOption] = [
        .init("placing-authority", "Placing authority (the child's social worker)"),
        .init("ofsted", "Ofsted (notifiable event, regulation 40)"),
        .init("police", "Police"),
        .init("parent", "Parent or person with parental responsibility"),
        .init("other", "Someone else"),
    ]
    static let methods: [CodedOption] = [
        .init("email", "Email"), .init("phone", "Phone"), .init("online-form", "Online form"),
        .init("in-person", "In person"), .init("letter", "Letter"),
    ]

    struct NotificationInput: Content, Sendable {
        var recipient: String?
        var sentAt: String?
        var method: String?
        var reference: String?
        // The form's separate fields.
        var date: String?
        var time: String?
    }

    struct NotificationJSON: Content {
        var id: UUID
        var recipient: String
        var recipientLabel: String
        var sentAt: String
        var method: String
        var reference: String?
        var sentBy: String
    }

    static func checkNotification(_ input: NotificationInput) throws -> (String, Date, String, String?) {
        var errors = FieldErrorList()
        let recipient = input.recipient?.trimmed ?? ""
        if !recipients.contains(code: recipient) { errors.add("recipient", "Choose who was told") }
        let sent = Moment.parse(
            input.sentAt ?? Moment.joined(input.date, input.time), "sentAt", "when they were told", required: true,
            now: Date(), into: &errors)
        let method = input.method?.trimmed ?? ""
        if !methods.contains(code: method) { errors.add("method", "Choose how they were told") }
        let reference = errors.text(input.reference, "reference", "The reference", limit: 200)
        try errors.throwIfAny()
        return (recipient, sent!, method, reference)
    }

    static func notify(
        _ record: some PersonOwned, incidentId: UUID?, missingId: UUID?, homeId: UUID?,
        checked: (String, Date, String, String?), by userId: UUID, on db: any Database
    ) async throws {
        let notification = RegulatoryNotification()
        notification.personId = record.personId
        notification.homeId = homeId
        notification.incidentId = incidentId
        notification.missingEpisodeId = missingId
        notification.recipient = checked.0
        notification.sentAt = checked.1
        notification.method = checked.2
        notification.reference = checked.3
        notification.sentBy = userId
        try await notification.create(on: db)
    }

    static func notifyAboutIncident(_ req: Request, input: NotificationInput) async throws -> [NotificationJSON] {
        let checked = try checkNotification(input)
        let me = try req.requireUser().id
        return try await incident(req, detail: "notification", managerOnly: false) { incident, db in
            guard checked.1 >= incident.occurredAt else {
                throw ValidationFailed(errors: [
                    FieldError(field: "sentAt", message: "They are told after the incident happened")
                ])
            }
            let id = try incident.requireID()
            try await notify(
                incident, incidentId: id, missingId: nil, homeId: incident.homeId, checked: checked, by: me, on: db)
            return try await notifications(incidentId: id, on: db)
        }
    }

    static func notifyAboutMissing(_ req: Request, input: NotificationInput) async throws -> [NotificationJSON] {
        let checked = try checkNotification(input)
        let me = try req.requireUser().id
        return try await episode(req, detail: "notification") { episode, db in
            guard checked.1 >= episode.lastSeenAt else {
                throw ValidationFailed(errors: [
                    FieldError(field: "sentAt", message: "They are told after the child was last seen")
                ])
            }
            let id = try episode.requireID()
            try await notify(
                episode, incidentId: nil, missingId: id, homeId: episode.homeId, checked: checked, by: me, on: db)
            return try await notifications(missingId: id, on: db)
        }
    }

    static func notifications(incidentId: UUID? = nil, missingId: UUID? = nil, on db: any Database) async throws
        -> [NotificationJSON]
    {
        var query = RegulatoryNotification.query(on: db)
        if let incidentId { query = query.filter(\.$incidentId == incidentId) }
        if let missingId { query = query.filter(\.$missingEpisodeId == missingId) }
        let found = try await query.sort(\.$sentAt).all()
        let names = try await UserNames.lookup(Set(found.map(\.sentBy)), on: db.sql)
        return try found.map {
            NotificationJSON(
                id: try $0.requireID(), recipient: $0.recipient,
                recipientLabel: recipients.label(for: $0.recipient) ?? $0.recipient,
                sentAt: DisplayFormat.iso8601($0.sentAt), method: $0.method, reference: $0.reference,
                sentBy: names[$0.sentBy] ?? "Unknown")
        }
    }

    static func apiNotifyIncident(req: Request) async throws -> Response {
        try await ItemsJSON(
            items: notifyAboutIncident(req, input: APIController.decodeBody(NotificationInput.self, req))
        )
        .encodeResponse(status: .created, for: req)
    }

    static func apiNotifyMissing(req: Request) async throws -> Response {
        try await ItemsJSON(
            items: notifyAboutMissing(req, input: APIController.decodeBody(NotificationInput.self, req))
        )
        .encodeResponse(status: .created, for: req)
    }

    /// Reads one record about a child through the child's record (viewing, audited as a view).
    static func viewRecord<M: PersonOwned, T: Sendable>(
        _ type: M.Type, _ req: Request, parameter: String,
        work: @escaping @Sendable (M, PersonAccess.Granted, any Database) async throws -> T
    ) async throws -> T {
        let id = try req.uuidParameter(parameter)
        guard let found = try await M.find(id, on: req.db) else { throw Abort(.notFound) }
        return try await PersonAccess.load(
            found.personId, for: .view, audit: .view, req,
            auditSubject: AuditSubject(type: M.auditType, id: id.uuidString.lowercased())
        ) { granted, db in
            guard let record = try await M.find(id, on: db) else { throw Abort(.notFound) }
            return try await work(record, granted, db)
        }
    }

    struct IncidentDetailJSON: Content {
        var incident: IncidentJSON
        var notifications: [NotificationJSON]
    }

    struct MissingDetailJSON: Content {
        var episode: MissingJSON
        var notifications: [NotificationJSON]
    }

    static func apiShowIncident(req: Request) async throws -> IncidentDetailJSON {
        let timescales = req.settings.timescales
        return try await viewRecord(Incident.self, req, parameter: "incidentId") { incident, _, db in
            IncidentDetailJSON(
                incident: try IncidentJSON(incident, timescales: timescales),
                notifications: try await notifications(incidentId: incident.requireID(), on: db))
        }
    }

    static func apiShowMissing(req: Request) async throws -> MissingDetailJSON {
        let timescales = req.settings.timescales
        return try await viewRecord(MissingEpisode.self, req, parameter: "episodeId") { episode, _, db in
            MissingDetailJSON(
                episode: try MissingJSON(episode, timescales: timescales),
                notifications: try await notifications(missingId: episode.requireID(), on: db))
        }
    }
}
