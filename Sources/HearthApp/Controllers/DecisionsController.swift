import Fluent
import HearthDomain
import SQLKit
import Vapor

struct DecisionInput: Content, Sendable {
    /// "decision" (a key decision) or "oversight" (a manager's oversight note).
    var kind: String?
    var decidedOn: String?
    var summary: String?
    var reasons: String?
    var optionsConsidered: String?
}

struct ChallengeInput: Content, Sendable {
    var reason: String?
    var note: String?
    var resolution: String?
}

struct DecisionJSON: Content {
    struct ChallengeJSON: Content {
        var id: UUID
        var reason: String
        var status: String
        var raisedAt: String
        var raisedBy: String?
        var respondBy: String
        var escalatedAt: String?
        var escalationNote: String?
        var resolution: String?
        var resolvedAt: String?
        var resolvedBy: String?
    }

    var id: UUID
    var involvementId: UUID
    var kind: String
    var decidedOn: String
    var summary: String
    var reasons: String?
    var optionsConsidered: String?
    var madeBy: String?
    var challenges: [ChallengeJSON]
}

struct DecisionsPage: Encodable {
    struct ChallengeLine: Encodable {
        /// The id as it appears in field ids and error links, lower case.
        var key: String
        var challenge: DecisionJSON.ChallengeJSON
        var status: String
        var canEscalate: Bool
        var canResolve: Bool
        var escalateError: String?
        var resolveError: String?
        /// What was typed into the escalation or resolution, when it comes back with an error.
        var escalateText: String?
        var resolveText: String?
    }

    struct DecisionLine: Encodable {
        var key: String
        var decision: DecisionJSON
        var isOversight: Bool
        var decidedOn: String
        var challenges: [ChallengeLine]?
        var challengeError: String?
        var challengeText: String?
    }

    var layout: Layout
    var involvementId: UUID
    var service: String
    var decisions: [DecisionLine]?
    /// Case discussions in supervision: management oversight recorded where it happened.
    var supervision: [String]?
    var canDecide: Bool
    var canOversee: Bool
    var kinds: [Choice]
    var today: String
    var form: [String: String]
    var errors: [FieldError]?
    var fieldErrors: [String: String]
}

/// Key decisions with their reasons and the options considered, management oversight notes, and a
/// practitioner's challenge to a decision: raised, escalated if need be, and resolved.
enum DecisionsController {
    static func mayOversee(_ actor: Actor, _ involvement: Involvement) -> Bool {
        actor.managerRole != nil && actor.managedTeamIds.contains(involvement.$allocatedTeam.id)
    }

    /// Who may resolve a challenge: a manager of the team, or a safeguarding lead once it is escalated;
    /// never the person who raised it.
    static func mayResolve(_ actor: Actor, _ involvement: Involvement, _ challenge: Challenge) -> Bool {
        guard actor.id != challenge.raisedBy else { return false }
        return mayOversee(actor, involvement) || (challenge.status == "escalated" && actor.has(.safeguardingLead))
    }

    static func list(_ involvementId: UUID, on db: any Database) async throws -> [DecisionJSON] {
        let decisions = try await Decision.query(on: db).filter(\.$involvementId == involvementId)
            .sort(\.$decidedOn, .descending).sort(\.$madeAt, .descending).all()
        let challenges = try await Challenge.query(on: db).filter(\.$involvementId == involvementId).sort(\.$raisedAt)
            .all()
        let names = try await UserNames.lookup(
            Set(decisions.map(\.madeBy) + challenges.flatMap { [$0.raisedBy] + [$0.resolvedBy].compactMap { $0 } }),
            on: db.sql)
        return try decisions.map { decision in
            let id = try decision.requireID()
            return DecisionJSON(
                id: id, involvementId: involvementId, kind: decision.kind, decidedOn: decision.decidedOn,
                summary: decision.summary, reasons: decision.reasons, optionsConsidered: decision.optionsConsidered,
                madeBy: names[decision.madeBy],
                challenges: try challenges.filter { $0.decisionId == id }.map {
                    .init(
                        id: try $0.requireID(), reason: $0.reason, status: $0.status,
                        raisedAt: DisplayFormat.iso8601($0.raisedAt), raisedBy: names[$0.raisedBy],
                        respondBy: DisplayFormat.iso8601($0.respondBy),
                        escalatedAt: $0.escalatedAt.map(DisplayFormat.iso8601), escalationNote: $0.escalationNote,
                        resolution: $0.resolution, resolvedAt: $0.resolvedAt.map(DisplayFormat.iso8601),
                        resolvedBy: $0.resolvedBy.flatMap { names[$0] })
                })
        }
    }

    static func supervisionNotes(_ involvementId: UUID, on db: any Database) async throws -> [String] {
        try await db.sql.raw(
            """
            SELECT s.held_on, c.discussion, c.action_plan, u.display_name FROM supervision_cases c
            JOIN supervisions s ON s.id = c.supervision_id JOIN users u ON u.id = s.supervisor_id
            WHERE c.involvement_id = \(bind: involvementId) ORDER BY s.held_on DESC
            """
        ).all().map { row in
            let plan = try row.decode(column: "action_plan", as: String?.self).map { " Action plan: \($0)" } ?? ""
            return
                "\(DisplayFormat.calendarDate(try row.decode(column: "held_on", as: String.self))), supervision with \(try row.decode(column: "display_name", as: String.self)): \(try row.decode(column: "discussion", as: String.self))\(plan)"
        }
    }

    // MARK: Pages

    static func show(req: Request) async throws -> Response {
        try await render(req, errors: FieldErrorList(), form: [:], status: .ok)
    }

    static func render(_ req: Request, errors: FieldErrorList, form: [String: String], status: HTTPResponseStatus)
        async throws -> Response
    {
        let id = try req.uuidParameter("involvementId")
        let page: DecisionsPage = try await PracticeAccess.involvement(
            req, id: id, for: .view, audit: .list, subject: AuditSubject(type: "decision", id: nil),
            detail: "on involvement:\(id.uuidString.lowercased())"
        ) { context, db in
            let mayEdit = try await InvolvementController.check(id, for: .edit, actor: context.actor, on: db).isAllowed
            let oversee = mayOversee(context.actor, context.involvement)
            let challenges = try await Challenge.query(on: db).filter(\.$involvementId == id).all()
            let lines = try await list(id, on: db).map { decision in
                DecisionsPage.DecisionLine(
                    key: decision.id.uuidString.lowercased(), decision: decision,
                    isOversight: decision.kind == "oversight",
                    decidedOn: DisplayFormat.calendarDate(decision.decidedOn),
                    challenges: decision.challenges.map { json in
                        let stored = challenges.first { $0.id == json.id }!
                        let key = json.id.uuidString.lowercased()
                        return DecisionsPage.ChallengeLine(
                            key: key, challenge: json,
                            status: [
                                "open": "Waiting for the team manager", "escalated": "Escalated",
                                "resolved": "Resolved",
                            ][
                                json.status] ?? json.status,
                            canEscalate: stored.status == "open"
                                && (stored.raisedBy == context.actor.id || oversee),
                            canResolve: stored.status != "resolved"
                                && mayResolve(context.actor, context.involvement, stored),
                            escalateError: errors.message(for: "note-\(key)"),
                            resolveError: errors.message(for: "resolution-\(key)"),
                            escalateText: form["note-\(key)"], resolveText: form["resolution-\(key)"])
                    }.nonEmpty,
                    challengeError: errors.message(for: "reason-\(decision.id.uuidString.lowercased())"),
                    challengeText: form["reason-\(decision.id.uuidString.lowercased())"])
            }
            return DecisionsPage(
                layout: Layout(
                    req, title: "Decisions and oversight", errors: errors),
                involvementId: id,
                service: Vocabulary.services.label(for: context.involvement.service) ?? context.involvement.service,
                decisions: lines.nonEmpty,
                supervision: try await supervisionNotes(id, on: db).nonEmpty, canDecide: mayEdit, canOversee: oversee,
                kinds: Choice.list(
                    oversee ? PlanVocabulary.decisionKinds : [PlanVocabulary.decisionKinds[0]],
                    selected: form["kind"] ?? "decision"),
                today: LondonTime.calendarDate(of: Date()).iso, form: form, errors: errors.forPage,
                fieldErrors: errors.byField)
        }
        return try await req.page("decisions/index", page, status: status)
    }

    static func createPage(req: Request) async throws -> Response {
        let input = try req.content.decode(DecisionInput.self)
        let (decision, errors) = try await record(req, input: input)
        guard decision != nil else {
            return try await render(
                req, errors: errors,
                form: [
                    "kind": input.kind ?? "", "decidedOn": input.decidedOn ?? "", "summary": input.summary ?? "",
                    "reasons": input.reasons ?? "", "optionsConsidered": input.optionsConsidered ?? "",
                ], status: .unprocessableEntity)
        }
        return req.redirect(
            to: "/involvements/\(try req.uuidParameter("involvementId").uuidString.lowercased())/decisions")
    }

    /// Challenge forms post from the decisions page and return to it. Several forms share the page, so a
    /// message is keyed by the field and the record it is about ("reason-<decision id>").
    static func challengePage(
        _ req: Request, record parameter: String,
        _ act: @escaping (Request, ChallengeInput) async throws -> (UUID?, FieldErrorList)
    ) async throws -> Response {
        let input = try req.content.decode(ChallengeInput.self)
        let (involvementId, errors) = try await act(req, input)
        guard involvementId != nil else {
            let key = try req.uuidParameter(parameter).uuidString.lowercased()
            var keyed = FieldErrorList()
            for error in errors.errors { keyed.add("\(error.field)-\(key)", error.message) }
            // What was typed goes back under the same keys, so a message never costs the words.
            let typed = ["reason": input.reason, "note": input.note, "resolution": input.resolution]
            let form = Dictionary(
                uniqueKeysWithValues: typed.compactMap { field, value in value.map { ("\(field)-\(key)", $0) } })
            return try await render(req, errors: keyed, form: form, status: .unprocessableEntity)
        }
        return req.redirect(
            to: "/involvements/\(try req.uuidParameter("involvementId").uuidString.lowercased())/decisions")
    }

    static func challengeFormPage(req: Request) async throws -> Response {
        try await challengePage(req, record: "decisionId", challenge)
    }
    static func escalatePage(req: Request) async throws -> Response {
        try await challengePage(req, record: "challengeId", escalate)
    }
    static func resolvePage(req: Request) async throws -> Response {
        try await challengePage(req, record: "challengeId", resolve)
    }

    // MARK: The work

    static func record(_ req: Request, input: DecisionInput) async throws -> (Decision?, FieldErrorList) {
        let involvementId = try req.uuidParameter("involvementId")
        let user = try req.requireUser()
        let newId = UUID()
        var errors = FieldErrorList()
        let kind = input.kind?.trimmed.nilIfEmpty ?? "decision"
        if !PlanVocabulary.decisionKinds.contains(code: kind) {
            errors.add("kind", "Choose a decision or an oversight note")
        }
        let date = DateField.parse(
            input.decidedOn, field: "decidedOn", label: "the date", required: true, into: &errors)
        if let date, date > LondonTime.calendarDate(of: Date()) {
            errors.add("decidedOn", "The date must not be in the future")
        }
        let summary = errors.text(
            input.summary, "summary", kind == "oversight" ? "The note" : "The decision", limit: 4_000,
            required: kind == "oversight" ? "Write the oversight note" : "Say what was decided")
        let reasons = errors.text(
            input.reasons, "reasons", "Reasons",
            required: kind == "decision" ? "Give the reasons for the decision" : nil)
        let options = errors.text(input.optionsConsidered, "optionsConsidered", "Options considered")
        guard errors.isEmpty, let date, let summary else { return (nil, errors) }
        return try await PracticeAccess.involvement(
            req, id: involvementId, for: kind == "oversight" ? .view : .edit, audit: .create,
            subject: AuditSubject(type: "decision", id: newId.uuidString.lowercased()),
            detail: "\(kind) on involvement:\(involvementId.uuidString.lowercased())"
        ) { context, db in
            if kind == "oversight", !mayOversee(context.actor, context.involvement) {
                throw Abort(.forbidden, reason: "Only a manager of the team records management oversight.")
            }
            let decision = Decision()
            decision.id = newId
            decision.involvementId = involvementId
            decision.kind = kind
            decision.decidedOn = date.iso
            decision.summary = summary
            decision.reasons = reasons
            decision.optionsConsidered = options
            decision.madeBy = user.id
            decision.madeAt = Date()
            try await decision.create(on: db)
            return (decision, FieldErrorList())
        }
    }

    /// Anyone working on the involvement may challenge a decision; the team's managers are to respond
    /// within the local timescale.
    static func challenge(_ req: Request, input: ChallengeInput) async throws -> (UUID?, FieldErrorList) {
        var errors = FieldErrorList()
        let reason = errors.text(
            input.reason, "reason", "Your challenge", required: "Say why you disagree with the decision")
        guard errors.isEmpty, let reason else { return (nil, errors) }
        let decisionId = try req.uuidParameter("decisionId")
        let timescale = req.settings.timescales[TimescaleDefaults.challengeResponse]
        let newId = UUID()
        return try await PracticeAccess.record(
            Decision.self, req, id: decisionId, for: .edit, audit: .create,
            detail: "challenge \(newId.uuidString.lowercased())"
        ) { decision, context, db in
            let now = Date()
            let challenge = Challenge()
            challenge.id = newId
            challenge.decisionId = decisionId
            challenge.involvementId = decision.involvementId
            challenge.reason = reason
            challenge.status = "open"
            challenge.raisedBy = context.actor.id
            challenge.raisedAt = now
            challenge.respondBy = timescale.dueMoment(from: now)
            try await challenge.create(on: db)
            return (decision.involvementId, FieldErrorList())
        }
    }

    /// The challenger (or a manager) escalates an open challenge beyond the team, to the safeguarding leads.
    static func escalate(_ req: Request, input: ChallengeInput) async throws -> (UUID?, FieldErrorList) {
        var errors = FieldErrorList()
        let note = errors.text(input.note, "note", "Why it is escalated", required: "Say why it needs escalating")
        guard errors.isEmpty else { return (nil, errors) }
        let id = try req.uuidParameter("challengeId")
        let timescale = req.settings.timescales[TimescaleDefaults.challengeResponse]
        return try await PracticeAccess.record(
            Challenge.self, req, id: id, for: .view, audit: .update, detail: "escalated"
        ) {
            challenge, context, db in
            guard challenge.status == "open" else {
                throw Abort(.conflict, reason: "Only an open challenge can be escalated.")
            }
            guard challenge.raisedBy == context.actor.id || mayOversee(context.actor, context.involvement) else {
                throw Abort(.forbidden, reason: "Only the person who raised the challenge, or a manager, escalates it.")
            }
            let now = Date()
            challenge.status = "escalated"
            challenge.escalatedAt = now
            challenge.escalatedBy = context.actor.id
            challenge.escalationNote = note
            challenge.respondBy = timescale.dueMoment(from: now)
            try await challenge.save(on: db)
            return (challenge.involvementId, FieldErrorList())
        }
    }

    static func resolve(_ req: Request, input: ChallengeInput) async throws -> (UUID?, FieldErrorList) {
        var errors = FieldErrorList()
        let resolution = errors.text(
            input.resolution, "resolution", "The resolution", required: "Say how the challenge was resolved")
        guard errors.isEmpty else { return (nil, errors) }
        let id = try req.uuidParameter("challengeId")
        return try await PracticeAccess.record(
            Challenge.self, req, id: id, for: .view, audit: .update, detail: "resolved"
        ) {
            challenge, context, db in
            guard challenge.status != "resolved" else {
                throw Abort(.conflict, reason: "This challenge is already resolved.")
            }
            guard mayResolve(context.actor, context.involvement, challenge) else {
                throw Abort(
                    .forbidden,
                    reason: "A manager of the team resolves a challenge, or a safeguarding lead once it is escalated.")
            }
            challenge.status = "resolved"
            challenge.resolution = resolution
            challenge.resolvedAt = Date()
            challenge.resolvedBy = context.actor.id
            try await challenge.save(on: db)
            return (challenge.involvementId, FieldErrorList())
        }
    }

    // MARK: API

    static func apiList(req: Request) async throws -> ItemsJSON<DecisionJSON> {
        let id = try req.uuidParameter("involvementId")
        return try await PracticeAccess.involvement(
            req, id: id, for: .view, audit: .list, subject: AuditSubject(type: "decision", id: nil),
            detail: "on involvement:\(id.uuidString.lowercased())"
        ) { _, db in ItemsJSON(items: try await list(id, on: db)) }
    }

    static func apiCreate(req: Request) async throws -> Response {
        let input = try APIController.decodeBody(DecisionInput.self, req)
        let (decision, errors) = try await record(req, input: input)
        guard let decision else { throw ValidationFailed(errors: errors.errors) }
        let items = try await PracticeAccess.involvement(
            req, id: decision.involvementId, for: .view, audit: .view,
            subject: AuditSubject(type: "decision", id: try decision.requireID().uuidString.lowercased())
        ) { _, db in try await list(decision.involvementId, on: db) }
        return try await items.first { $0.id == decision.id }!.encodeResponse(status: .created, for: req)
    }

    static func apiChallenge(
        _ req: Request, _ act: @escaping (Request, ChallengeInput) async throws -> (UUID?, FieldErrorList)
    ) async throws -> ItemsJSON<DecisionJSON> {
        let input = try APIController.decodeBody(ChallengeInput.self, req)
        let (involvementId, errors) = try await act(req, input)
        guard let involvementId else { throw ValidationFailed(errors: errors.errors) }
        return try await PracticeAccess.involvement(
            req, id: involvementId, for: .view, audit: .list, subject: AuditSubject(type: "decision", id: nil)
        ) { _, db in ItemsJSON(items: try await list(involvementId, on: db)) }
    }

    static func apiRaiseChallenge(req: Request) async throws -> ItemsJSON<DecisionJSON> {
        try await apiChallenge(req, challenge)
    }
    static func apiEscalate(req: Request) async throws -> ItemsJSON<DecisionJSON> {
        try await apiChallenge(req, escalate)
    }
    static func apiResolve(req: Request) async throws -> ItemsJSON<DecisionJSON> {
        try await apiChallenge(req, resolve)
    }
}
