import Fluent
import HearthDomain
import SQLKit
import Vapor

struct SafetyPlanInput: Content, Sendable {
    var worries: String?
    var workingWell: String?
    var needsToHappen: String?
    var safetyGoals: String?
    var network: String?
    var version: Int?
}

struct SafetyScoreInput: Content, Sendable {
    var scoredOn: String?
    var score: String?
    var scorerKind: String?
    var scorerName: String?
    var note: String?
}

struct SafetyJSON: Content {
    struct Score: Content {
        var scoredOn: String
        var score: Int
        var scorerKind: String
        var scorerName: String
        var note: String?
    }

    var involvementId: UUID
    var worries: String
    var workingWell: String
    var needsToHappen: String
    var safetyGoals: String
    var network: String
    var updatedAt: String?
    var version: Int
    var scores: [Score]
}

struct SafetyPage: Encodable {
    struct Point: Encodable {
        var x: Int
        var y: Int
    }

    struct Series: Encodable {
        var name: String
        var points: String
        var colour: String
        var dots: [Point]
    }

    var layout: Layout
    var safety: SafetyJSON
    var service: String
    var canChange: Bool
    var scores: [SafetyJSON.Score]?
    var first: String?
    var last: String?
    var series: [Series]?
    var scorers: [Choice]
    var scale: [Choice]
    var today: String
    var form: [String: String]
    var errors: [FieldError]?
    var fieldErrors: [String: String]
}

/// Risk and safety planning with the family: worries, what is working well, what needs to happen, safety
/// goals and who in the network does what; and a 0 to 10 safety scale recorded over time.
enum SafetyController {
    static func json(_ plan: SafetyPlan?, scores: [SafetyScore], involvementId: UUID) -> SafetyJSON {
        SafetyJSON(
            involvementId: involvementId, worries: plan?.worries ?? "", workingWell: plan?.workingWell ?? "",
            needsToHappen: plan?.needsToHappen ?? "", safetyGoals: plan?.safetyGoals ?? "",
            network: plan?.network ?? "", updatedAt: plan.map { DisplayFormat.iso8601($0.updatedAt) },
            version: plan?.version ?? 0,
            scores: scores.map {
                .init(
                    scoredOn: $0.scoredOn, score: $0.score, scorerKind: $0.scorerKind, scorerName: $0.scorerName,
                    note: $0.note)
            })
    }

    static func load(_ involvementId: UUID, on db: any Database) async throws -> SafetyJSON {
        let plan = try await SafetyPlan.query(on: db).filter(\.$involvementId == involvementId).first()
        let scores = try await SafetyScore.query(on: db).filter(\.$involvementId == involvementId)
            .sort(\.$scoredOn).sort(\.$recordedAt).all()
        return json(plan, scores: scores, involvementId: involvementId)
    }

    static func show(req: Request) async throws -> Response {
        try await render(req, errors: FieldErrorList(), form: [:], status: .ok)
    }

    static func render(_ req: Request, errors: FieldErrorList, form: [String: String], status: HTTPResponseStatus)
        async throws -> Response
    {
        let id = try req.uuidParameter("involvementId")
        let page: SafetyPage = try await PracticeAccess.involvement(
            req, id: id, for: .view, audit: .view,
            subject: AuditSubject(type: "safety-plan", id: id.uuidString.lowercased())
        ) { context, db in
            var safety = try await load(id, on: db)
            if !form.isEmpty, form["worries"] != nil {
                safety.worries = form["worries"] ?? ""
                safety.workingWell = form["workingWell"] ?? ""
                safety.needsToHappen = form["needsToHappen"] ?? ""
                safety.safetyGoals = form["safetyGoals"] ?? ""
                safety.network = form["network"] ?? ""
            }
            let mayEdit = try await InvolvementController.check(id, for: .edit, actor: context.actor, on: db).isAllowed
            return SafetyPage(
                layout: Layout(req, title: "Safety planning", errors: errors),
                safety: safety,
                service: Vocabulary.services.label(for: context.involvement.service) ?? context.involvement.service,
                canChange: mayEdit && context.involvement.endedOn == nil,
                scores: safety.scores.reversed().map {
                    var shown = $0
                    shown.scoredOn = DisplayFormat.calendarDate($0.scoredOn)
                    return shown
                }.nonEmpty,
                first: safety.scores.first.map { DisplayFormat.calendarDate($0.scoredOn) },
                last: safety.scores.last.map { DisplayFormat.calendarDate($0.scoredOn) },
                series: chart(safety.scores).nonEmpty,
                scorers: Choice.list(PlanVocabulary.scorers, selected: form["scorerKind"]),
                scale: (0...10).map {
                    Choice(code: String($0), label: String($0), isSelected: form["score"] == String($0))
                },
                today: LondonTime.calendarDate(of: Date()).iso, form: form, errors: errors.forPage,
                fieldErrors: errors.byField)
        }
        return try await req.page("safety/show", page, status: status)
    }

    /// The scale over time as polylines, one per person scoring: x by date order, y from 0 (bottom) to 10.
    static func chart(_ scores: [SafetyJSON.Score]) -> [SafetyPage.Series] {
        let dates = Array(Set(scores.map(\.scoredOn))).sorted()
        guard !dates.isEmpty else { return [] }
        let step = dates.count > 1 ? 560 / (dates.count - 1) : 0
        let colours = ["#1d70b8", "#d4351c", "#00703c", "#4c2c92", "#f47738"]
        let groups = Dictionary(grouping: scores, by: \.scorerName)
        return groups.keys.sorted().enumerated().map { index, name in
            let dots = groups[name]!.map { score in
                SafetyPage.Point(x: 40 + (dates.firstIndex(of: score.scoredOn) ?? 0) * step, y: 210 - score.score * 20)
            }
            return SafetyPage.Series(
                name: name, points: dots.map { "\($0.x),\($0.y)" }.joined(separator: " "),
                colour: colours[index % colours.count], dots: dots)
        }
    }

    static func savePage(req: Request) async throws -> Response {
        let input = try req.content.decode(SafetyPlanInput.self)
        let errors = try await save(req, input: input)
        guard errors.isEmpty else {
            return try await render(
                req, errors: errors,
                form: [
                    "worries": input.worries ?? "", "workingWell": input.workingWell ?? "",
                    "needsToHappen": input.needsToHappen ?? "", "safetyGoals": input.safetyGoals ?? "",
                    "network": input.network ?? "",
                ], status: .unprocessableEntity)
        }
        return req.redirect(
            to: "/involvements/\(try req.uuidParameter("involvementId").uuidString.lowercased())/safety")
    }

    static func scorePage(req: Request) async throws -> Response {
        let input = try req.content.decode(SafetyScoreInput.self)
        let errors = try await addScore(req, input: input)
        guard errors.isEmpty else {
            return try await render(
                req, errors: errors,
                form: [
                    "scoredOn": input.scoredOn ?? "", "score": input.score ?? "", "scorerKind": input.scorerKind ?? "",
                    "scorerName": input.scorerName ?? "", "note": input.note ?? "",
                ], status: .unprocessableEntity)
        }
        return req.redirect(
            to: "/involvements/\(try req.uuidParameter("involvementId").uuidString.lowercased())/safety")
    }

    static func save(_ req: Request, input: SafetyPlanInput) async throws -> FieldErrorList {
        var errors = FieldErrorList()
        let worries = errors.text(
            input.worries, "worries", "What we are worried about", required: "Say what you are worried about")
        let well = errors.text(input.workingWell, "workingWell", "What is working well")
        let needs = errors.text(input.needsToHappen, "needsToHappen", "What needs to happen")
        let goals = errors.text(input.safetyGoals, "safetyGoals", "Safety goals")
        let network = errors.text(input.network, "network", "Who in the network does what")
        guard errors.isEmpty else { return errors }
        let id = try req.uuidParameter("involvementId")
        let user = try req.requireUser()
        try await PracticeAccess.involvement(
            req, id: id, for: .edit, audit: .update,
            subject: AuditSubject(type: "safety-plan", id: id.uuidString.lowercased())
        ) { _, db in
            let plan = try await SafetyPlan.query(on: db).filter(\.$involvementId == id).first() ?? SafetyPlan()
            let current = plan.id == nil ? 0 : plan.version
            if input.version != current {
                throw Abort(
                    .conflict, reason: "Someone else changed the safety plan. Reload the page to see their changes.")
            }
            plan.involvementId = id
            plan.worries = worries ?? ""
            plan.workingWell = well ?? ""
            plan.needsToHappen = needs ?? ""
            plan.safetyGoals = goals ?? ""
            plan.network = network ?? ""
            plan.updatedAt = Date()
            plan.updatedBy = user.id
            plan.version = current + 1
            try await plan.save(on: db)
        }
        return errors
    }

    static func addScore(_ req: Request, input: SafetyScoreInput) async throws -> FieldErrorList {
        var errors = FieldErrorList()
        let date = DateField.parse(input.scoredOn, field: "scoredOn", label: "the date", required: true, into: &errors)
        if let date, date > LondonTime.calendarDate(of: Date()) {
            errors.add("scoredOn", "The date must not be in the future")
        }
        let score = input.score.flatMap { Int($0.trimmed) }
        if score == nil || !(0...10).contains(score!) { errors.add("score", "Choose a score from 0 to 10") }
        if !PlanVocabulary.scorers.contains(code: input.scorerKind ?? "") {
            errors.add("scorerKind", "Say who gave the score")
        }
        let name = errors.text(
            input.scorerName, "scorerName", "Name", limit: 200, required: "Give the name of the person scoring")
        let note = errors.text(input.note, "note", "Why that number", limit: 2_000)
        guard errors.isEmpty, let date, let score, let name else { return errors }
        let id = try req.uuidParameter("involvementId")
        let user = try req.requireUser()
        try await PracticeAccess.involvement(
            req, id: id, for: .edit, audit: .create,
            subject: AuditSubject(type: "safety-plan", id: id.uuidString.lowercased()),
            detail: "safety scale \(score)"
        ) { _, db in
            let row = SafetyScore()
            row.involvementId = id
            row.scoredOn = date.iso
            row.score = score
            row.scorerKind = input.scorerKind!
            row.scorerName = name
            row.note = note
            row.recordedBy = user.id
            row.recordedAt = Date()
            try await row.create(on: db)
        }
        return errors
    }

    // MARK: API

    static func apiShow(req: Request) async throws -> SafetyJSON {
        let id = try req.uuidParameter("involvementId")
        return try await PracticeAccess.involvement(
            req, id: id, for: .view, audit: .view,
            subject: AuditSubject(type: "safety-plan", id: id.uuidString.lowercased())
        ) { _, db in try await load(id, on: db) }
    }

    static func apiSave(req: Request) async throws -> SafetyJSON {
        let input = try APIController.decodeBody(SafetyPlanInput.self, req)
        try await save(req, input: input).throwIfAny()
        return try await apiShow(req: req)
    }

    static func apiScore(req: Request) async throws -> Response {
        let input = try APIController.decodeBody(SafetyScoreInput.self, req)
        try await addScore(req, input: input).throwIfAny()
        return try await apiShow(req: req).encodeResponse(status: .created, for: req)
    }
}
