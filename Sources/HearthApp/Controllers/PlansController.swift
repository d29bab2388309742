import Fluent
import HearthDomain
import SQLKit
import Vapor

struct PlanFormPage: Encodable {
    var layout: Layout
    var involvementId: UUID
    var service: String
    var kinds: [Choice]
    var subjects: [Choice]
    var assessments: [Choice]?
    var startedOn: String
    var reviewEveryWeeks: String
    var errors: [FieldError]?
    var fieldErrors: [String: String]
}

struct PlanPage: Encodable {
    struct ActionLine: Encodable {
        var id: UUID
        /// The id as field ids use it, lower case.
        var key: String
        var owner: String
        var what: String
        var byWhen: String
        var status: String
        var statuses: [Choice]
        var thirdParty: Bool
    }

    struct GoalBlock: Encodable {
        var id: String
        var number: Int
        var familyWords: String
        var practitionerWords: String
        var need: String?
        var thirdPartyNote: String?
        var actions: [ActionLine]?
        var scoreError: String?
        var wordError: String?
        /// The review form's choices for this goal, as sent when the review comes back with an error.
        var scores: [Choice]
        var words: [Choice]
    }

    struct ReviewLine: Encodable {
        var reviewedOn: String
        var progress: [String]
        var childViews: String?
        var familyViews: String?
        var decisions: String
        var nextReviewOn: String
    }

    var layout: Layout
    var plan: PlanJSON
    var title: String
    var service: String
    var status: String
    var nextReview: String?
    var nextReviewState: String?
    var agreement: String?
    var goals: [GoalBlock]?
    var goalChoices: [Choice]?
    var unlinkedActions: [ActionLine]?
    var reviews: [ReviewLine]?
    var needs: [Choice]
    var owners: [Choice]
    var methods: [Choice]
    var canChange: Bool
    var isDraft: Bool
    var evidenceLink: String?
    var form: [String: String]
    var errors: [FieldError]?
    var fieldErrors: [String: String]
}

struct FamilyCopyPage: Encodable {
    struct Goal: Encodable {
        var number: Int
        var words: String
        var actions: [String]?
    }

    var layout: Layout
    var title: String
    var forWhom: String
    var goals: [Goal]?
    var agreement: String?
    var nextReview: String?
    var lastReview: String?
}

/// Plans made with the family: goals in their words, actions, agreement and reviews on a cycle.
enum PlansController {
    static let plainStatus: [String: String] = [
        "not-started": "not started yet", "in-progress": "happening now", "done": "done", "not-done": "did not happen",
    ]

    // MARK: Pages

    static func new(req: Request) async throws -> Response {
        try await form(req, input: PlanInput(), errors: FieldErrorList(), status: .ok)
    }

    static func form(_ req: Request, input: PlanInput, errors: FieldErrorList, status: HTTPResponseStatus)
        async throws -> Response
    {
        let involvementId = try req.uuidParameter("involvementId")
        let defaultWeeks = req.settings.timescales[TimescaleDefaults.planReview].duration.days.map { $0 / 7 } ?? 6
        let page: PlanFormPage = try await PracticeAccess.involvement(
            req, id: involvementId, for: .edit, audit: .view, subject: .involvement(involvementId), detail: "plan form"
        ) { context, db in
            let names = try await AssessmentStore.names(of: context.subjects, on: db.sql)
            let assessments = try await Assessment.query(on: db).filter(\.$involvementId == involvementId)
                .sort(\.$createdAt, .descending).all()
            return PlanFormPage(
                layout: Layout(req, title: "New plan", errors: errors),
                involvementId: involvementId,
                service: Vocabulary.services.label(for: context.involvement.service) ?? context.involvement.service,
                kinds: Choice.list(PlanVocabulary.kinds, selected: input.kind ?? "family"),
                subjects: names.sorted { $0.value < $1.value }.map {
                    Choice(
                        code: $0.key.uuidString.lowercased(), label: $0.value,
                        isSelected: input.personId?.lowercased() == $0.key.uuidString.lowercased())
                },
                assessments: try assessments.map {
                    let id = try $0.requireID().uuidString.lowercased()
                    return Choice(
                        code: id,
                        label:
                            "Assessment started \(DisplayFormat.calendarDate($0.startedOn)) (\(AssessmentStatus(rawValue: $0.status)?.label ?? $0.status))",
                        isSelected: input.assessmentId?.lowercased() == id
                            || (input.assessmentId == nil && $0.status == "approved"))
                }.nonEmpty,
                startedOn: input.startedOn ?? LondonTime.calendarDate(of: Date()).iso,
                reviewEveryWeeks: input.reviewEveryWeeks ?? String(defaultWeeks),
                errors: errors.forPage, fieldErrors: errors.byField)
        }
        return try await req.page("plans/new", page, status: status)
    }

    static func create(req: Request) async throws -> Response {
        let input = try req.content.decode(PlanInput.self)
        let (plan, errors) = try await start(req, input: input)
        guard let plan else { return try await form(req, input: input, errors: errors, status: .unprocessableEntity) }
        return req.redirect(to: "/plans/\(try plan.requireID().uuidString.lowercased())")
    }

    static func show(req: Request) async throws -> Response {
        try await render(req, errors: FieldErrorList(), form: [:], status: .ok)
    }

    static func render(_ req: Request, errors: FieldErrorList, form: [String: String], status: HTTPResponseStatus)
        async throws -> Response
    {
        let id = try req.uuidParameter("planId")
        let page: PlanPage = try await PracticeAccess.record(Plan.self, req, id: id, for: .view) { plan, context, db in
            let loaded = try await PlanStore.load(plan, on: db)
            let json = try PlanStore.json(loaded)
            let names = try await AssessmentStore.names(of: context.subjects, on: db.sql)
            let mayEdit =
                try await InvolvementController.check(plan.involvementId, for: .edit, actor: context.actor, on: db)
                .isAllowed
            let title = plan.personId.flatMap { names[$0].map { "\($0)’s plan" } } ?? "Family plan"
            func line(_ action: PlanJSON.Action) -> PlanPage.ActionLine {
                PlanPage.ActionLine(
                    id: action.id, key: action.id.uuidString.lowercased(),
                    owner: "\(action.owner) (\(PlanVocabulary.actionOwners.label(for: action.ownerKind) ?? ""))",
                    what: action.what, byWhen: DisplayFormat.calendarDate(action.byWhen),
                    status: PlanVocabulary.actionStatuses.label(for: action.status) ?? action.status,
                    statuses: Choice.list(PlanVocabulary.actionStatuses, selected: action.status),
                    thirdParty: action.thirdParty)
            }
            let goalText = Dictionary(
                uniqueKeysWithValues: json.goals.map { ($0.id, "\($0.position). \($0.familyWords)") })
            let nextDue = plan.nextReviewOn.flatMap(CalendarDate.init(iso:)).map(LondonTime.endOfDay)
            return PlanPage(
                layout: Layout(req, title: title, errors: errors), plan: json, title: title,
                service: Vocabulary.services.label(for: context.involvement.service) ?? context.involvement.service,
                status: plan.status == "agreed" ? "Agreed with the family" : plan.status == "ended" ? "Ended" : "Draft",
                nextReview: plan.nextReviewOn.map(DisplayFormat.calendarDate),
                nextReviewState: nextDue.map { DueState.of($0) }.flatMap { $0 == .later ? nil : $0.label },
                agreement: PlansController.agreementText(json.agreement),
                goals: json.goals.map { goal in
                    let key = goal.id.uuidString.lowercased()
                    return PlanPage.GoalBlock(
                        id: key, number: goal.position, familyWords: goal.familyWords,
                        practitionerWords: goal.practitionerWords,
                        need: AssessmentFramework.dimensions.label(for: goal.need), thirdPartyNote: goal.thirdPartyNote,
                        actions: json.actions.filter { $0.goalId == goal.id }.map(line).nonEmpty,
                        scoreError: errors.message(for: "score-\(key)"), wordError: errors.message(for: "word-\(key)"),
                        scores: Choice.list(PlansController.scoreOptions, selected: form["score-\(key)"]),
                        words: Choice.list(PlanVocabulary.progressWords, selected: form["word-\(key)"]))
                }.nonEmpty,
                goalChoices: json.goals.map {
                    Choice(
                        code: $0.id.uuidString.lowercased(), label: goalText[$0.id] ?? "",
                        isSelected: form["goalId"]?.lowercased() == $0.id.uuidString.lowercased())
                }.nonEmpty,
                unlinkedActions: json.actions.filter { $0.goalId == nil }.map(line).nonEmpty,
                reviews: json.reviews.reversed().map { review in
                    PlanPage.ReviewLine(
                        reviewedOn: DisplayFormat.calendarDate(review.reviewedOn),
                        progress: review.progress.map {
                            "\(goalText[$0.goalId] ?? "A goal"): \($0.score) out of 10, \(PlanVocabulary.progressWords.label(for: $0.word) ?? $0.word)"
                        }, childViews: review.childViews, familyViews: review.familyViews, decisions: review.decisions,
                        nextReviewOn: DisplayFormat.calendarDate(review.nextReviewOn))
                }.nonEmpty,
                needs: Choice.list(AssessmentFramework.dimensions, selected: form["need"]),
                owners: Choice.list(PlanVocabulary.actionOwners, selected: form["ownerKind"]),
                methods: Choice.list(PlanVocabulary.agreementMethods, selected: form["method"]),
                canChange: mayEdit && plan.status != "ended", isDraft: plan.status == "draft",
                evidenceLink: try await req.evidenceLink(type: "plan", id: id, authorId: plan.createdBy, on: db),
                form: form,
                errors: errors.forPage, fieldErrors: errors.byField)
        }
        return try await req.page("plans/show", page, status: status)
    }

    static func agreementText(_ agreement: PlanJSON.Agreement?) -> String? {
        guard let agreement, let on = agreement.agreedOn else { return nil }
        let how = PlanVocabulary.agreementMethods.label(for: agreement.method)?.lowercased() ?? ""
        return "Agreed by \(agreement.agreedBy ?? "the family"), \(how), on \(DisplayFormat.calendarDate(on))"
    }

    /// The family's copy: their words, the actions that are not third-party information, and the dates, in
    /// plain language. Practitioners' wording and third-party notes are left out.
    static func familyCopy(req: Request) async throws -> Response {
        let id = try req.uuidParameter("planId")
        let page: FamilyCopyPage = try await PracticeAccess.record(
            Plan.self, req, id: id, for: .view, audit: .export, detail: "family copy"
        ) { plan, context, db in
            let copy = try PlansController.copy(
                try await PlanStore.load(plan, on: db),
                names: try await AssessmentStore.names(of: context.subjects, on: db.sql))
            return FamilyCopyPage(
                layout: Layout(req, title: copy.title), title: copy.title, forWhom: copy.forWhom,
                goals: copy.goals.enumerated().map { index, goal in
                    FamilyCopyPage.Goal(number: index + 1, words: goal.words, actions: goal.actions.nonEmpty)
                }.nonEmpty,
                agreement: copy.agreement, nextReview: copy.nextReview, lastReview: copy.lastReview)
        }
        return try await req.page("plans/family-copy", page)
    }

    struct FamilyCopyJSON: Content {
        struct Goal: Content {
            var words: String
            var actions: [String]
        }

        var title: String
        var forWhom: String
        var goals: [Goal]
        var agreement: String?
        var nextReview: String?
        var lastReview: String?
    }

    /// One place decides what the family copy holds, for the page and the API alike.
    static func copy(_ loaded: PlanStore.Loaded, names: [UUID: String]) throws -> FamilyCopyJSON {
        let json = try PlanStore.json(loaded)
        let firstNames = names.values.sorted().map { String($0.split(separator: " ").first ?? "") }
        let shared = json.actions.filter { !$0.thirdParty }
        func sentence(_ action: PlanJSON.Action) -> String {
            "\(action.owner) will \(lowercasedFirst(action.what)) by \(DisplayFormat.calendarDate(action.byWhen)) (\(plainStatus[action.status] ?? action.status))"
        }
        let lastReview = json.reviews.last.map { review in
            "At the review on \(DisplayFormat.calendarDate(review.reviewedOn)) we decided: \(review.decisions)"
        }
        return FamilyCopyJSON(
            title: json.personId.flatMap { names[$0] }.map { "\($0.split(separator: " ").first ?? "")’s plan" }
                ?? "Our family plan",
            forWhom: json.personId.flatMap { names[$0] } ?? listed(firstNames),
            goals: json.goals.map { goal in
                FamilyCopyJSON.Goal(
                    words: goal.familyWords, actions: shared.filter { $0.goalId == goal.id }.map(sentence))
            }
                + (shared.contains { $0.goalId == nil }
                    ? [
                        FamilyCopyJSON.Goal(
                            words: "Other things we agreed", actions: shared.filter { $0.goalId == nil }.map(sentence))
                    ]
                    : []),
            agreement: agreementText(json.agreement), nextReview: json.nextReviewOn.map(DisplayFormat.calendarDate),
            lastReview: lastReview)
    }

    static func lowercasedFirst(_ text: String) -> String {
        guard let first = text.first, !text.hasPrefix("I ") else { return text }
        return first.lowercased() + text.dropFirst()
    }

    static func addGoalPage(req: Request) async throws -> Response {
        let input = try req.content.decode(GoalInput.self)
        let errors = try await addGoal(req, input: input)
        return try await afterForm(req, errors: errors, form: input.asForm)
    }

    static func addActionPage(req: Request) async throws -> Response {
        let input = try req.content.decode(ActionInput.self)
        let errors = try await addAction(req, input: input)
        return try await afterForm(req, errors: errors, form: input.asForm)
    }

    static func actionStatusPage(req: Request) async throws -> Response {
        struct StatusForm: Content { var status: String? }
        let status = try req.content.decode(StatusForm.self).status ?? ""
        let errors = try await setActionStatus(req, status: status)
        return try await afterForm(req, errors: errors, form: [:])
    }

    static func agreementPage(req: Request) async throws -> Response {
        let input = try req.content.decode(AgreementInput.self)
        let errors = try await agree(req, input: input)
        return try await afterForm(
            req, errors: errors,
            form: [
                "agreedBy": input.agreedBy ?? "", "method": input.method ?? "", "agreedOn": input.agreedOn ?? "",
                "disagreement": input.disagreement ?? "",
            ])
    }

    static func reviewPage(req: Request) async throws -> Response {
        let input = try req.content.decode(ReviewInput.self)
        let errors = try await review(req, input: input)
        return try await afterForm(
            req, errors: errors,
            form: [
                "reviewedOn": input.reviewedOn ?? "", "childViews": input.childViews ?? "",
                "familyViews": input.familyViews ?? "", "decisions": input.decisions ?? "",
                "nextReviewOn": input.nextReviewOn ?? "",
            ].merging(keyed("score", input.score).merging(keyed("word", input.word)) { a, _ in a }) { a, _ in a })
    }

    /// A review's per-goal choices under the keys its messages use: "score-<goal id>".
    static func keyed(_ field: String, _ values: [String: String]?) -> [String: String] {
        Dictionary((values ?? [:]).map { ("\(field)-\($0.key.lowercased())", $0.value) }) { a, _ in a }
    }

    /// A goal's progress, from 0 to 10.
    static let scoreOptions = (0...10).map { CodedOption(String($0), String($0)) }

    static func afterForm(_ req: Request, errors: FieldErrorList, form: [String: String]) async throws -> Response {
        guard errors.isEmpty else {
            return try await render(req, errors: errors, form: form, status: .unprocessableEntity)
        }
        return req.redirect(to: "/plans/\(try req.uuidParameter("planId").uuidString.lowercased())")
    }

    // MARK: The work, shared by pages and the API

    static func start(_ req: Request, input: PlanInput) async throws -> (Plan?, FieldErrorList) {
        let involvementId = try req.uuidParameter("involvementId")
        let user = try req.requireUser()
        let newId = UUID()
        let defaultDays = req.settings.timescales[TimescaleDefaults.planReview].duration.days ?? 42
        return try await PracticeAccess.involvement(
            req, id: involvementId, for: .edit, audit: .create,
            subject: AuditSubject(type: "plan", id: newId.uuidString.lowercased()),
            detail: "on involvement:\(involvementId.uuidString.lowercased())"
        ) { context, db in
            let assessments = try await Assessment.query(on: db).filter(\.$involvementId == involvementId).all()
                .compactMap(\.id)
            let (checked, errors) = input.check(
                subjects: context.subjects, assessments: assessments, defaultReviewDays: defaultDays,
                workStartedOn: CalendarDate(iso: context.involvement.startedOn),
                today: LondonTime.calendarDate(of: Date()))
            guard let checked else { return (nil, errors) }
            let plan = Plan()
            plan.id = newId
            plan.involvementId = involvementId
            plan.kind = checked.kind
            plan.personId = checked.personId
            plan.assessmentId = checked.assessmentId
            plan.status = "draft"
            plan.startedOn = checked.startedOn.iso
            plan.reviewEveryDays = checked.reviewEveryDays
            plan.createdBy = user.id
            plan.createdAt = Date()
            plan.version = 1
            try await plan.create(on: db)
            return (plan, errors)
        }
    }

    /// Changes to a plan go through one gate: edit access to the work, and a plan that has not ended.
    static func changePlan(
        _ req: Request, detail: String,
        work: @escaping @Sendable (Plan, PlanStore.Loaded, any Database) async throws -> FieldErrorList
    ) async throws -> FieldErrorList {
        let id = try req.uuidParameter("planId")
        return try await PracticeAccess.record(Plan.self, req, id: id, for: .edit, audit: .update, detail: detail) {
            plan, _, db in
            guard plan.status != "ended" else { throw Abort(.conflict, reason: "This plan has ended.") }
            let loaded = try await PlanStore.load(plan, on: db)
            let errors = try await work(plan, loaded, db)
            if errors.isEmpty {
                plan.version += 1
                try await plan.save(on: db)
            }
            return errors
        }
    }

    static func addGoal(_ req: Request, input: GoalInput) async throws -> FieldErrorList {
        let errors = input.check()
        guard errors.isEmpty else { return errors }
        return try await changePlan(req, detail: "goal added") { plan, loaded, db in
            let goal = PlanGoal()
            goal.planId = try plan.requireID()
            goal.position = (loaded.goals.map(\.position).max() ?? 0) + 1
            goal.familyWords = input.familyWords!.trimmed
            goal.practitionerWords = input.practitionerWords!.trimmed
            goal.need = input.need?.trimmed.nilIfEmpty
            goal.thirdPartyNote = input.thirdPartyNote?.trimmed.nilIfEmpty
            try await goal.create(on: db)
            return FieldErrorList()
        }
    }

    static func addAction(_ req: Request, input: ActionInput) async throws -> FieldErrorList {
        try await changePlan(req, detail: "action added") { plan, loaded, db in
            let (goal, byWhen, errors) = input.check(
                goals: loaded.goals.compactMap(\.id), planStartedOn: CalendarDate(iso: plan.startedOn))
            guard errors.isEmpty, let byWhen else { return errors }
            let action = PlanAction()
            action.planId = try plan.requireID()
            action.goalId = goal
            action.ownerKind = input.ownerKind!
            action.owner = input.owner!.trimmed
            action.what = input.what!.trimmed
            action.byWhen = byWhen.iso
            action.status = input.status?.trimmed.nilIfEmpty ?? "not-started"
            action.thirdParty = input.isThirdParty
            try await action.create(on: db)
            return errors
        }
    }

    static func setActionStatus(_ req: Request, status: String) async throws -> FieldErrorList {
        let actionId = try req.uuidParameter("actionId")
        var errors = FieldErrorList()
        if !PlanVocabulary.actionStatuses.contains(code: status) {
            errors.add("status", "Choose how the action is going")
        }
        guard errors.isEmpty else { return errors }
        return try await changePlan(req, detail: "action \(actionId.uuidString.lowercased()): \(status)") {
            _, loaded, db in
            guard let action = loaded.actions.first(where: { $0.id == actionId }) else { throw Abort(.notFound) }
            action.status = status
            try await action.save(on: db)
            return FieldErrorList()
        }
    }

    static func agree(_ req: Request, input: AgreementInput) async throws -> FieldErrorList {
        try await changePlan(req, detail: "agreement recorded") { plan, loaded, _ in
            guard plan.status == "draft" else {
                throw Abort(.conflict, reason: "The family’s agreement is already recorded for this plan.")
            }
            let (date, errors) = PlanStore.checkAgreement(
                input, goals: loaded.goals.count, startedOn: plan.startedOn, today: LondonTime.calendarDate(of: Date()))
            guard errors.isEmpty, let date else { return errors }
            plan.status = "agreed"
            plan.agreedBy = input.agreedBy?.trimmed
            plan.agreementMethod = input.method
            plan.agreedOn = date.iso
            plan.disagreement = input.disagreement?.trimmed.nilIfEmpty
            if plan.nextReviewOn == nil {
                plan.nextReviewOn = PlanStore.nextReview(after: date, days: plan.reviewEveryDays).iso
            }
            return errors
        }
    }

    static func review(_ req: Request, input: ReviewInput) async throws -> FieldErrorList {
        let user = try req.requireUser()
        return try await changePlan(req, detail: "review recorded") { plan, loaded, db in
            let (checked, errors) = PlanStore.checkReview(
                input, goals: loaded.goals.compactMap(\.id), reviewEveryDays: plan.reviewEveryDays,
                startedOn: plan.startedOn, today: LondonTime.calendarDate(of: Date()))
            guard let checked else { return errors }
            // Reviewing a plan the family has not agreed would measure progress against goals nobody took on.
            guard plan.status == "agreed" else {
                throw Abort(.conflict, reason: "A plan is reviewed once the family’s agreement is recorded.")
            }
            let review = PlanReview()
            review.planId = try plan.requireID()
            review.reviewedOn = checked.reviewedOn.iso
            review.progress = try AssessmentStore.encode(checked.progress)
            review.childViews = checked.childViews
            review.familyViews = checked.familyViews
            review.decisions = checked.decisions
            review.nextReviewOn = checked.nextReviewOn.iso
            review.recordedBy = user.id
            review.recordedAt = Date()
            try await review.create(on: db)
            plan.nextReviewOn = checked.nextReviewOn.iso
            return errors
        }
    }

    // MARK: API

    static func apiList(req: Request) async throws -> ItemsJSON<PlanJSON> {
        let involvementId = try req.uuidParameter("involvementId")
        return try await PracticeAccess.involvement(
            req, id: involvementId, for: .view, audit: .list, subject: AuditSubject(type: "plan", id: nil),
            detail: "on involvement:\(involvementId.uuidString.lowercased())"
        ) { _, db in
            var items: [PlanJSON] = []
            for plan in try await Plan.query(on: db).filter(\.$involvementId == involvementId).sort(\.$createdAt).all()
            {
                items.append(try PlanStore.json(try await PlanStore.load(plan, on: db)))
            }
            return ItemsJSON(items: items)
        }
    }

    static func apiCreate(req: Request) async throws -> Response {
        let input = try APIController.decodeBody(PlanInput.self, req)
        let (plan, errors) = try await start(req, input: input)
        guard plan != nil else { throw ValidationFailed(errors: errors.errors) }
        return try await apiPlan(req, id: try plan!.requireID()).encodeResponse(status: .created, for: req)
    }

    static func apiShow(req: Request) async throws -> PlanJSON {
        try await apiPlan(req, id: try req.uuidParameter("planId"))
    }

    static func apiPlan(_ req: Request, id: UUID) async throws -> PlanJSON {
        try await PracticeAccess.record(Plan.self, req, id: id, for: .view) { plan, _, db in
            try PlanStore.json(try await PlanStore.load(plan, on: db))
        }
    }

    static func apiFamilyCopy(req: Request) async throws -> FamilyCopyJSON {
        let id = try req.uuidParameter("planId")
        return try await PracticeAccess.record(
            Plan.self, req, id: id, for: .view, audit: .export, detail: "family copy"
        ) {
            plan, context, db in
            try copy(
                try await PlanStore.load(plan, on: db),
                names: try await AssessmentStore.names(of: context.subjects, on: db.sql))
        }
    }

    /// Runs a change and answers with the plan as it now is, or 422 with the field messages.
    static func apiChange(_ req: Request, _ change: () async throws -> FieldErrorList) async throws -> Response {
        try await change().throwIfAny()
        return try await apiPlan(req, id: try req.uuidParameter("planId")).encodeResponse(status: .created, for: req)
    }

    static func apiAddGoal(req: Request) async throws -> Response {
        let input = try APIController.decodeBody(GoalInput.self, req)
        return try await apiChange(req) { try await addGoal(req, input: input) }
    }

    static func apiAddAction(req: Request) async throws -> Response {
        let input = try APIController.decodeBody(ActionInput.self, req)
        return try await apiChange(req) { try await addAction(req, input: input) }
    }

    static func apiAgree(req: Request) async throws -> Response {
        let input = try APIController.decodeBody(AgreementInput.self, req)
        return try await apiChange(req) { try await agree(req, input: input) }
    }

    static func apiActionStatus(req: Request) async throws -> Response {
        struct Body: Content { var status: String? }
        let status = try APIController.decodeBody(Body.self, req).status ?? ""
        return try await apiChange(req) { try await setActionStatus(req, status: status) }
    }

    static func apiReview(req: Request) async throws -> Response {
        let input = try APIController.decodeBody(ReviewInput.self, req)
        return try await apiChange(req) { try await review(req, input: input) }
    }
}

extension GoalInput {
    var asForm: [String: String] {
        [
            "familyWords": familyWords ?? "", "practitionerWords": practitionerWords ?? "", "need": need ?? "",
            "thirdPartyNote": thirdPartyNote ?? "",
        ]
    }
}

extension ActionInput {
    var asForm: [String: String] {
        var form = [
            "goalId": goalId ?? "", "ownerKind": ownerKind ?? "", "owner": owner ?? "", "what": what ?? "",
            "byWhen": byWhen ?? "",
        ]
        // Only when ticked: Leaf counts an empty string as true.
        if let thirdParty { form["thirdParty"] = thirdParty }
        return form
    }
}

extension TimescaleDuration {
    /// The length in days, for a duration stated in calendar days.
    var days: Int? {
        if case .calendarDays(let n) = self { return n }
        return nil
    }
}
