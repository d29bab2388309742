import Fluent
import HearthDomain
import SQLKit
import Vapor

/// A concern as the API gives it.
struct ConcernJSON: Content {
    var id: UUID
    var personId: UUID
    var categories: [String]
    var description: String
    var childsWords: String?
    var source: String?
    var immediateAction: String?
    var whoTold: String?
    var practitionerLevel: Int?
    var raisedAt: String
    var recordedAt: String
    var decisionDueBy: String
    var status: String
    var decision: String?
    var decidedAt: String?
    var referredTo: String?
    var referralReference: String?
    var referredAt: String?

    init(_ concern: Concern) throws {
        id = try concern.requireID()
        personId = concern.$person.id
        categories = concern.categories.split(separator: ",").map(String.init)
        description = concern.description
        childsWords = concern.childsWords
        source = concern.source
        immediateAction = concern.immediateAction
        whoTold = concern.whoTold
        practitionerLevel = concern.practitionerLevel
        raisedAt = DisplayFormat.iso8601(concern.raisedAt)
        recordedAt = DisplayFormat.iso8601(concern.recordedAt)
        decisionDueBy = DisplayFormat.iso8601(concern.decisionDueBy)
        status = concern.status
        decision = concern.decision
        decidedAt = concern.decidedAt.map(DisplayFormat.iso8601)
        referredTo = concern.referredTo
        referralReference = concern.referralReference
        referredAt = concern.referredAt.map(DisplayFormat.iso8601)
    }
}

/// What someone raising a concern sends, from the form or the API.
struct ConcernInput: Content, Sendable {
    var categories: [String]?
    var description: String?
    var childsWords: String?
    var source: String?
    var immediateAction: String?
    var whoTold: String?
    var practitionerLevel: String?
    /// ISO 8601 (API), or `date` and `time` (form). An earlier time may be given when recorded late.
    var raisedAt: String?
    var date: String?
    var time: String?

    struct Checked: Sendable {
        var categories: [ConcernCategory]
        var description: String
        var childsWords: String?
        var source: String?
        var immediateAction: String?
        var whoTold: String?
        var practitionerLevel: Int?
        var raisedAt: Date
    }

    func check(now: Date = Date()) -> (Checked?, FieldErrorList) {
        var errors = FieldErrorList()
        let codes = (categories ?? []).map(\.trimmed).filter { !$0.isEmpty }
        let known = codes.compactMap(ConcernCategory.init(rawValue:))
        if codes.isEmpty {
            errors.add("categories", "Select at least one kind of concern")
        } else if known.count != codes.count {
            errors.add(
                "categories",
                "Categories must be from: \(ConcernCategory.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let description = self.description?.trimmed ?? ""
        if description.isEmpty { errors.add("description", "Describe what was seen or said") }
        _ = errors.text(description, "description", "Description", limit: 20_000)
        let words = errors.text(childsWords, "childsWords", "The child’s words", limit: 4_000)
        let source = errors.text(source, "source", "Source", limit: 500)
        let action = errors.text(immediateAction, "immediateAction", "Immediate action", limit: 4_000)
        let told = errors.text(whoTold, "whoTold", "Who was told", limit: 1_000)
        var level: Int?
        if let text = practitionerLevel?.trimmed, !text.isEmpty {
            level = Int(text)
            if level == nil || !(1...Vocabulary.needLevels.count).contains(level!) {
                errors.add("practitionerLevel", "Select a level of need")
            }
        }
        var raised: Date?
        if let iso = raisedAt?.trimmed, !iso.isEmpty {
            raised = ISO8601DateFormatter().date(from: iso)
            if raised == nil { errors.add("raisedAt", "Raised at must be ISO 8601, like 2026-11-27T16:00:00Z") }
        } else if let day = date?.trimmed, !day.isEmpty {
            raised = UKTime.date(day, time: (time?.trimmed).flatMap { $0.isEmpty ? nil : $0 } ?? "00:00")
            if raised == nil { errors.add("date", "Enter a real date and time, like \(DateField.example) and 16:00") }
        } else {
            raised = now
        }
        if let raised, raised > now.addingTimeInterval(5 * 60) {
            errors.add(raisedAt != nil ? "raisedAt" : "date", "The time it was raised must not be in the future")
        }
        guard errors.isEmpty, let raised else { return (nil, errors) }
        return (
            Checked(
                categories: known, description: description, childsWords: words, source: source,
                immediateAction: action,
                whoTold: told, practitionerLevel: level, raisedAt: raised),
            errors
        )
    }
}

enum ConcernStore {
    /// The decision is due by the end of the next working day after the concern was raised.
    static func create(_ checked: ConcernInput.Checked, personId: UUID, by userId: UUID, on db: any Database)
        async throws
        -> Concern
    {
        let concern = Concern()
        concern.$person.id = personId
        concern.categories = checked.categories.map(\.rawValue).joined(separator: ",")
        concern.description = checked.description
        concern.childsWords = checked.childsWords
        concern.source = checked.source
        concern.immediateAction = checked.immediateAction
        concern.whoTold = checked.whoTold
        concern.practitionerLevel = checked.practitionerLevel
        concern.raisedAt = checked.raisedAt
        concern.recordedAt = Date()
        concern.$raisedBy.id = userId
        concern.decisionDueBy = TimescaleDefaults.contactDecision.dueMoment(from: checked.raisedAt)
        concern.status = "escalated"
        concern.escalatedAt = Date()
        concern.version = 1
        try await concern.create(on: db)
        return concern
    }
}

struct ConcernFormPage: Encodable {
    var layout: Layout
    var person: PersonSummary
    var categories: [Choice]
    var levels: [LevelChoice]
    var input: ConcernInput
    var errors: [FieldError]?
    var fieldErrors: [String: String]
}

struct SafeguardingQueuePage: Encodable {
    struct Line: Encodable {
        var id: UUID
        var personId: UUID
        var person: String
        var categories: String
        var raised: String
        var waiting: String
        var due: String
        var isOverdue: Bool
    }

    var layout: Layout
    var lines: [Line]?
}

/// Raising concerns (anyone with access to the person) and the safeguarding leads' queue.
enum ConcernsController {
    static var categoryOptions: [CodedOption] { ConcernCategory.allCases.map { CodedOption($0.rawValue, $0.label) } }

    static func new(req: Request) async throws -> Response {
        try await form(req, input: ConcernInput(), errors: FieldErrorList(), status: .ok)
    }

    static func form(_ req: Request, input: ConcernInput, errors: FieldErrorList, status: HTTPResponseStatus)
        async throws
        -> Response
    {
        let personId = try req.uuidParameter("personId")
        let page: ConcernFormPage = try await PersonAccess.load(personId, for: .view, req, detail: "concern form") {
            granted, db in
            ConcernFormPage(
                layout: Layout(
                    req, title: "Raise a safeguarding concern", errors: errors),
                person: try PersonSummary(granted.person),
                categories: categoryOptions.map {
                    Choice(code: $0.code, label: $0.label, isSelected: input.categories?.contains($0.code) ?? false)
                },
                levels: ThresholdDescriptors.choices(
                    try await ThresholdDescriptors.all(on: db.sql), selected: input.practitionerLevel),
                input: input, errors: errors.forPage,
                fieldErrors: errors.byField)
        }
        let response = try await req.view.render("concerns/new", page).encodeResponse(for: req)
        response.status = status
        return response
    }

    /// Anyone who may see the person may raise a concern about them.
    static func raise(_ req: Request, input: ConcernInput) async throws -> (Concern?, FieldErrorList) {
        let personId = try req.uuidParameter("personId")
        let (checked, errors) = input.check()
        guard let checked else { return (nil, errors) }
        let user = try req.requireUser()
        let newId = UUID()
        let concern: Concern = try await PersonAccess.load(
            personId, for: .view, audit: .create, req,
            auditSubject: AuditSubject(type: "concern", id: newId.uuidString.lowercased()),
            detail: "about person:\(personId.uuidString.lowercased())"
        ) { _, db in
            let concern = try await ConcernStore.create(checked, personId: personId, by: user.id, on: db)
            return concern
        }
        return (concern, errors)
    }

    static func create(req: Request) async throws -> Response {
        let input = try req.content.decode(ConcernInput.self)
        let (concern, errors) = try await raise(req, input: input)
        guard concern != nil else {
            return try await form(req, input: input, errors: errors, status: .unprocessableEntity)
        }
        return req.redirect(to: "/people/\(try req.uuidParameter("personId").uuidString.lowercased())?concern=1")
    }

    static func apiCreate(req: Request) async throws -> Response {
        let input = try APIController.decodeBody(ConcernInput.self, req)
        let (concern, errors) = try await raise(req, input: input)
        guard let concern else { throw ValidationFailed(errors: errors.errors) }
        return try await ConcernJSON(concern).encodeResponse(status: .created, for: req)
    }

    static func apiList(req: Request) async throws -> ItemsJSON<ConcernJSON> {
        let personId = try req.uuidParameter("personId")
        return try await PersonAccess.load(personId, for: .view, req, detail: "concerns") { _, db in
            ItemsJSON(
                items: try await Concern.query(on: db).filter(\.$person.$id == personId).sort(\.$raisedAt).all().map(
                    ConcernJSON.init))
        }
    }

    /// The safeguarding leads' queue: undecided concerns, oldest first, with how long each has waited.
    static func queue(req: Request) async throws -> View {
        let now = Date()
        let lines: [SafeguardingQueuePage.Line] = try await req.read { db in
            let rows = try await db.sql.raw(
                """
                SELECT c.id, c.person_id, c.categories, c.raised_at, c.decision_due_by, p.given_name, p.family_name, p.is_restricted
                FROM concerns c JOIN people p ON p.id = c.person_id
                WHERE c.status <> 'decided' ORDER BY c.raised_at LIMIT 500
                """
            ).all()
            try await Audit.record(
                on: db, req, action: .list, subject: AuditSubject(type: "concern", id: nil), role: .safeguardingLead,
                detail: "queue: \(rows.count)")
            return try rows.map { row in
                let raised = try row.decode(column: "raised_at", as: Date.self)
                let due = try row.decode(column: "decision_due_by", as: Date.self)
                let hours = Int(now.timeIntervalSince(raised) / 3600)
                let restricted = try row.decode(column: "is_restricted", as: Bool.self)
                return SafeguardingQueuePage.Line(
                    id: try row.decode(column: "id", as: UUID.self),
                    personId: try row.decode(column: "person_id", as: UUID.self),
                    person: restricted
                        ? "Restricted record"
                        : "\(try row.decode(column: "given_name", as: String.self)) \(try row.decode(column: "family_name", as: String.self))",
                    categories: try row.decode(column: "categories", as: String.self).split(separator: ",")
                        .compactMap { ConcernCategory(rawValue: String($0))?.label }.joined(separator: ", "),
                    raised: DisplayFormat.dateTime(raised),
                    waiting: hours < 48 ? "\(hours) hours" : "\(hours / 24) days", due: DisplayFormat.dateTime(due),
                    isOverdue: due < now)
            }
        }
        return try await req.view.render(
            "concerns/queue",
            SafeguardingQueuePage(layout: Layout(req, title: "Safeguarding concerns"), lines: lines.nonEmpty))
    }
}

struct ConcernPage: Encodable {
    var layout: Layout
    var concern: ConcernJSON
    var person: PersonSummary
    var categories: String
    var raised: String
    var recorded: String
    var due: String
    var isOverdue: Bool
    var canDecide: Bool
    var outcomes: [Choice]
    /// The reference typed, when the decision comes back with an error.
    var referralReference: String?
    var outcome: String?
    var referral: String?
    var errors: [FieldError]?
    var fieldErrors: [String: String]
}

/// A concern's page, and the safeguarding lead's decision on it.
enum ConcernDecisionController {
    static let outcomes: [CodedOption] = [
        .init("no-further-action", "No further action"),
        .init("monitor", "Keep under review"),
        .init("early-help", "Offer early help"),
        .init("referred-csc", "Refer to children’s social care"),
        .init("referred-police", "Refer to the police"),
    ]

    static func load<T: Sendable>(
        _ req: Request, audit: AuditAction = .view, detail: String? = nil,
        work: @escaping @Sendable (Concern, PersonAccess.Granted, any Database) async throws -> T
    ) async throws -> T {
        let id = try req.uuidParameter("concernId")
        guard let concern = try await Concern.find(id, on: req.db) else { throw Abort(.notFound) }
        return try await PersonAccess.load(
            concern.$person.id, for: .view, audit: audit, req,
            auditSubject: AuditSubject(type: "concern", id: id.uuidString.lowercased()),
            detail: detail
        ) { granted, db in
            guard let current = try await Concern.find(id, on: db) else { throw Abort(.notFound) }
            return try await work(current, granted, db)
        }
    }

    static func show(req: Request) async throws -> Response {
        try await render(req, errors: FieldErrorList(), status: .ok)
    }

    static func render(
        _ req: Request, errors: FieldErrorList, status: HTTPResponseStatus, form: DecisionForm? = nil
    ) async throws -> Response {
        let actor = try req.requireUser().actor
        let page: ConcernPage = try await load(req) { concern, granted, _ in
            ConcernPage(
                layout: Layout(req, title: "Safeguarding concern", errors: errors),
                concern: try ConcernJSON(concern), person: try PersonSummary(granted.person),
                categories: concern.categories.split(separator: ",").compactMap {
                    ConcernCategory(rawValue: String($0))?.label
                }
                .joined(separator: ", "),
                raised: DisplayFormat.dateTime(concern.raisedAt), recorded: DisplayFormat.dateTime(concern.recordedAt),
                due: DisplayFormat.dateTime(concern.decisionDueBy),
                isOverdue: concern.decidedAt == nil && concern.decisionDueBy < Date(),
                canDecide: actor.has(.safeguardingLead) && concern.decidedAt == nil,
                outcomes: Choice.list(outcomes, selected: form?.outcome), referralReference: form?.referralReference,
                outcome: concern.decision.flatMap { code in outcomes.label(for: code) },
                referral: concern.referredTo.map { "\($0), reference \(concern.referralReference ?? "not given")" },
                errors: errors.forPage,
                fieldErrors: errors.byField)
        }
        let response = try await req.view.render("concerns/show", page).encodeResponse(for: req)
        response.status = status
        return response
    }

    struct DecisionForm: Content {
        var outcome: String?
        var referralReference: String?
        var version: String?
    }

    /// Only a safeguarding lead decides. An onward referral needs its reference.
    static func decide(req: Request) async throws -> Response {
        let form = try req.content.decode(DecisionForm.self)
        let errors = try await record(req, form)
        guard errors.isEmpty else {
            return try await render(req, errors: errors, status: .unprocessableEntity, form: form)
        }
        return req.redirect(to: "/concerns/\(try req.uuidParameter("concernId").uuidString.lowercased())")
    }

    static func apiDecide(req: Request) async throws -> ConcernJSON {
        let form = try APIController.decodeBody(DecisionForm.self, req)
        try await record(req, form).throwIfAny()
        return try await load(req, detail: "after decision") { concern, _, _ in try ConcernJSON(concern) }
    }

    static func record(_ req: Request, _ form: DecisionForm) async throws -> FieldErrorList {
        let user = try req.requireUser()
        guard user.actor.has(.safeguardingLead) else {
            throw Abort(.forbidden, reason: "Only a safeguarding lead decides on a concern.")
        }
        var errors = FieldErrorList()
        let outcome = form.outcome ?? ""
        if !outcomes.contains(code: outcome) { errors.add("outcome", "Select the decision") }
        let reference = form.referralReference?.trimmed.nilIfEmpty
        let refers = outcome.hasPrefix("referred-")
        if refers, reference == nil { errors.add("referralReference", "Enter the reference the other agency gave") }
        if (reference?.count ?? 0) > 100 {
            errors.add("referralReference", "Reference must be 100 characters or fewer")
        }
        guard errors.isEmpty else { return errors }
        try await load(req, audit: .update, detail: "decision: \(outcome)") { concern, _, db in
            guard concern.decidedAt == nil else {
                throw Abort(.conflict, reason: "This concern already has a decision.")
            }
            let now = Date()
            concern.decision = outcome
            concern.decidedAt = now
            concern.decidedBy = user.id
            concern.status = "decided"
            if refers {
                concern.referredTo = outcome == "referred-police" ? "Police" : "Children’s social care"
                concern.referralReference = reference
                concern.referredAt = now
            }
            concern.version += 1
            try await concern.save(on: db)
        }
        return errors
    }
}
