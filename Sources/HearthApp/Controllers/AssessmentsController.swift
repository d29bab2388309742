import Fluent
import HearthDomain
import SQLKit
import Vapor

/// A choice on a form: a code, what people see, and whether it is chosen.
struct Choice: Encodable, Sendable {
    var code: String
    var label: String
    var isSelected: Bool

    static func list(_ options: [CodedOption], selected: String?) -> [Choice] {
        options.map { Choice(code: $0.code, label: $0.label, isSelected: $0.code == selected) }
    }
}

struct AssessmentFormPage: Encodable {
    struct DimensionBlock: Encodable {
        var code: String
        var label: String
        var strengths: String?
        var needs: String?
        var strengthsError: String?
        var needsError: String?
        /// Either box has a message: the dimension's group is marked as a whole.
        var hasError: Bool
    }

    struct DomainBlock: Encodable {
        var code: String
        var label: String
        var dimensions: [DimensionBlock]
    }

    struct ViewBlock: Encodable {
        var id: String
        var name: String
        var words: String?
        var error: String?
    }

    var layout: Layout
    var involvementId: UUID
    var service: String
    var formAction: String
    var version: Int
    var subjects: [Choice]
    var domains: [DomainBlock]
    var views: [ViewBlock]
    var startedOn: String
    var dueOn: String?
    var analysis: String?
    var judgement: String?
    var levels: [LevelChoice]
    var outcomes: [Choice]
    var returnedComments: String?
    var errors: [FieldError]?
    var fieldErrors: [String: String]
}

struct AssessmentPage: Encodable {
    struct DomainBlock: Encodable {
        var label: String
        var dimensions: [AssessmentJSON.Dimension]
    }

    struct SignOffLine: Encodable {
        var decision: String
        var comments: String?
        var at: String
        var by: String
    }

    var layout: Layout
    var assessment: AssessmentJSON
    var service: String
    var about: String
    var status: String
    var started: String
    var due: String
    var dueState: String?
    var completed: String?
    var domains: [DomainBlock]?
    var views: [AssessmentView]?
    var level: String?
    var levelDescriptor: String?
    var outcome: String?
    var signOffs: [SignOffLine]?
    var canEdit: Bool
    var canSubmit: Bool
    var canSignOff: Bool
    /// The sign-off form as it was sent, when it comes back with an error.
    var signOffComments: String?
    var approveChosen: Bool
    var returnChosen: Bool
    var evidenceLink: String?
    var errors: [FieldError]?
    var fieldErrors: [String: String]
}

/// Holistic assessments on a piece of work, and a manager's sign-off.
enum AssessmentsController {
    // MARK: Pages

    static func new(req: Request) async throws -> Response {
        try await form(req, input: nil, errors: FieldErrorList(), status: .ok)
    }

    static func edit(req: Request) async throws -> Response {
        try await form(req, input: nil, errors: FieldErrorList(), status: .ok)
    }

    /// The form, new (an involvement id in the path) or editing (an assessment id).
    static func form(_ req: Request, input: AssessmentInput?, errors: FieldErrorList, status: HTTPResponseStatus)
        async throws -> Response
    {
        let build: @Sendable (Assessment?, PracticeAccess.Context, any Database) async throws -> AssessmentFormPage = {
            existing, context, db in
            let involvementId = try context.involvement.requireID()
            let names = try await AssessmentStore.names(of: context.subjects, on: db.sql)
            let descriptors = try await ThresholdDescriptors.all(on: db.sql)
            let json = try existing.map { try AssessmentJSON($0) }
            let fromRecordings =
                existing == nil && input == nil
                ? try await AssessmentStore.wordsFromRecordings(of: context.subjects, on: db.sql) : [:]
            let storedViews = Dictionary(
                (json?.views ?? []).map { ($0.personId, $0.words) }, uniquingKeysWith: { a, _ in a })
            let today = LondonTime.calendarDate(of: Date()).iso
            func value(_ typed: String?, _ stored: String?) -> String? { input != nil ? typed : stored }
            let service = Vocabulary.services.label(for: context.involvement.service) ?? context.involvement.service
            let personChoice = value(input?.personId, json?.personId?.uuidString)
            return AssessmentFormPage(
                layout: Layout(req, title: "Assessment", errors: errors), involvementId: involvementId,
                service: service,
                formAction: existing.map { "/assessments/\($0.id!.uuidString.lowercased())" }
                    ?? "/involvements/\(involvementId.uuidString.lowercased())/assessments",
                version: existing?.version ?? 0,
                subjects: names.sorted { $0.value < $1.value }.map {
                    Choice(
                        code: $0.key.uuidString.lowercased(), label: $0.value,
                        isSelected: personChoice?.lowercased() == $0.key.uuidString.lowercased())
                },
                domains: AssessmentFramework.domains.map { domain in
                    AssessmentFormPage.DomainBlock(
                        code: domain.code, label: domain.label,
                        dimensions: domain.dimensions.map { dimension in
                            let stored = json?.dimensions.first { $0.code == dimension.code }
                            let strengthsError = errors.message(for: "strengths-\(dimension.code)")
                            let needsError = errors.message(for: "needs-\(dimension.code)")
                            return AssessmentFormPage.DimensionBlock(
                                code: dimension.code, label: dimension.label,
                                strengths: value(input?.strengths?[dimension.code], stored?.strengths),
                                needs: value(input?.needs?[dimension.code], stored?.needs),
                                strengthsError: strengthsError, needsError: needsError,
                                hasError: strengthsError != nil || needsError != nil)
                        })
                },
                views: names.sorted { $0.value < $1.value }.map { id, name in
                    let key = id.uuidString.lowercased()
                    return AssessmentFormPage.ViewBlock(
                        id: key, name: name,
                        words: value(
                            input?.views?[key] ?? input?.views?[id.uuidString], storedViews[id] ?? fromRecordings[id]),
                        error: errors.message(for: "views-\(key)"))
                },
                startedOn: value(input?.startedOn, existing?.startedOn) ?? today,
                dueOn: value(input?.dueOn, existing?.dueOn),
                analysis: value(input?.analysis, existing?.analysis),
                judgement: value(input?.judgement, existing?.judgement),
                levels: ThresholdDescriptors.choices(
                    descriptors,
                    selected: value(input?.levelOfNeed, existing?.levelOfNeed.map(String.init))
                        ?? String(context.involvement.levelOfNeed)),
                outcomes: Choice.list(
                    AssessmentFramework.outcomes, selected: value(input?.outcome, existing?.outcome)),
                returnedComments: existing?.status == AssessmentStatus.returned.rawValue
                    ? try await AssessmentSignOff.query(on: db).filter(\.$assessmentId == existing!.requireID())
                        .sort(\.$decidedAt, .descending).first()?.comments : nil,
                errors: errors.forPage, fieldErrors: errors.byField)
        }
        let page: AssessmentFormPage
        if let id = req.parameters.get("assessmentId", as: UUID.self) {
            page = try await PracticeAccess.record(Assessment.self, req, id: id, for: .edit, detail: "edit form") {
                assessment, context, db in
                guard AssessmentStatus(rawValue: assessment.status)?.isEditable == true else {
                    throw Abort(.conflict, reason: AssessmentsController.notEditable(assessment))
                }
                return try await build(assessment, context, db)
            }
        } else {
            let involvementId = try req.uuidParameter("involvementId")
            page = try await PracticeAccess.involvement(
                req, id: involvementId, for: .edit, audit: .view, subject: .involvement(involvementId),
                detail: "assessment form"
            ) { context, db in try await build(nil, context, db) }
        }
        return try await req.page("assessments/form", page, status: status)
    }

    static func notEditable(_ assessment: Assessment) -> String {
        assessment.status == AssessmentStatus.approved.rawValue
            ? "An approved assessment cannot be changed. Start a new assessment to record what has changed."
            : "This assessment is waiting for a manager’s sign-off and cannot be changed until it is returned."
    }

    static func create(req: Request) async throws -> Response {
        let input = try req.content.decode(AssessmentInput.self)
        let (assessment, errors) = try await start(req, input: input)
        guard let assessment else {
            return try await form(req, input: input, errors: errors, status: .unprocessableEntity)
        }
        return req.redirect(to: "/assessments/\(try assessment.requireID().uuidString.lowercased())")
    }

    static func update(req: Request) async throws -> Response {
        let input = try req.content.decode(AssessmentInput.self)
        let (assessment, errors) = try await change(req, input: input)
        guard let assessment else {
            return try await form(req, input: input, errors: errors, status: .unprocessableEntity)
        }
        return req.redirect(to: "/assessments/\(try assessment.requireID().uuidString.lowercased())")
    }

    static func show(req: Request) async throws -> Response {
        try await render(req, errors: FieldErrorList(), status: .ok)
    }

    static func render(
        _ req: Request, errors: FieldErrorList, status: HTTPResponseStatus, signOff: SignOffInput? = nil
    ) async throws -> Response {
        let id = try req.uuidParameter("assessmentId")
        let page: AssessmentPage = try await PracticeAccess.record(Assessment.self, req, id: id, for: .view) {
            assessment, context, db in
            let signOffs = try await AssessmentSignOff.query(on: db).filter(\.$assessmentId == id)
                .sort(\.$decidedAt).all()
            let userNames = try await UserNames.lookup(Set(signOffs.map(\.decidedBy)), on: db.sql)
            let json = try AssessmentJSON(assessment, signOffs: signOffs, names: userNames)
            let names = try await AssessmentStore.names(of: context.subjects, on: db.sql)
            let descriptors = try await ThresholdDescriptors.all(on: db.sql)
            let status = AssessmentStatus(rawValue: assessment.status) ?? .draft
            let mayEdit =
                try await InvolvementController.check(
                    assessment.involvementId, for: .edit, actor: context.actor, on: db
                ).isAllowed
            let service = Vocabulary.services.label(for: context.involvement.service) ?? context.involvement.service
            let filled = AssessmentFramework.domains.compactMap { domain -> AssessmentPage.DomainBlock? in
                let dimensions = json.dimensions.filter { $0.domain == domain.code }
                return dimensions.isEmpty ? nil : .init(label: domain.label, dimensions: dimensions)
            }
            let due = AssessmentStore.dueMoment(assessment)
            return AssessmentPage(
                layout: Layout(req, title: "Assessment", errors: errors), assessment: json,
                service: service,
                about: assessment.personId.flatMap { names[$0] } ?? "The family: "
                    + names.values.sorted().joined(separator: ", "),
                status: status.label, started: DisplayFormat.calendarDate(assessment.startedOn),
                due: DisplayFormat.calendarDate(assessment.dueOn),
                dueState: status == .approved || DueState.of(due) == .later ? nil : DueState.of(due).label,
                completed: assessment.completedOn.map(DisplayFormat.calendarDate),
                domains: filled.nonEmpty, views: json.views.nonEmpty,
                level: assessment.levelOfNeed.flatMap { Vocabulary.needLevels.label(for: String($0)) },
                levelDescriptor: assessment.levelOfNeed.flatMap { descriptors[$0] },
                outcome: AssessmentFramework.outcomes.label(for: assessment.outcome),
                signOffs: signOffs.map {
                    AssessmentPage.SignOffLine(
                        decision: $0.decision == "approved" ? "Approved" : "Returned for changes",
                        comments: $0.comments,
                        at: DisplayFormat.dateTime($0.decidedAt), by: userNames[$0.decidedBy] ?? "")
                }.nonEmpty,
                canEdit: status.isEditable && mayEdit, canSubmit: status.isEditable && mayEdit,
                canSignOff: status == .submitted
                    && SignOffPolicy().maySignOff(
                        context.actor, teamId: context.involvement.$allocatedTeam.id, authorId: assessment.createdBy),
                signOffComments: signOff?.comments, approveChosen: signOff?.decision == "approve",
                returnChosen: signOff?.decision == "return",
                evidenceLink: try await req.evidenceLink(
                    type: "assessment", id: id, authorId: assessment.createdBy, on: db),
                errors: errors.forPage, fieldErrors: errors.byField)
        }
        return try await req.page("assessments/show", page, status: status)
    }

    struct SignOffInput: Content {
        var decision: String?
        var comments: String?
    }

    static func signOffPage(req: Request) async throws -> Response {
        let input = try req.content.decode(SignOffInput.self)
        let errors = try await signOff(req, input: input)
        guard errors.isEmpty else {
            return try await render(req, errors: errors, status: .unprocessableEntity, signOff: input)
        }
        return req.redirect(to: "/assessments/\(try req.uuidParameter("assessmentId").uuidString.lowercased())")
    }

    // MARK: The work, shared by pages and the API

    static func start(_ req: Request, input: AssessmentInput) async throws -> (Assessment?, FieldErrorList) {
        let involvementId = try req.uuidParameter("involvementId")
        let user = try req.requireUser()
        let newId = UUID()
        let timescales = req.settings.timescales
        return try await PracticeAccess.involvement(
            req, id: involvementId, for: .edit, audit: .create,
            subject: AuditSubject(type: "assessment", id: newId.uuidString.lowercased()),
            detail: "on involvement:\(involvementId.uuidString.lowercased())"
        ) { context, db in
            let (checked, errors) = input.check(
                subjects: context.subjects, workStartedOn: CalendarDate(iso: context.involvement.startedOn),
                today: LondonTime.calendarDate(of: Date()))
            guard let checked else { return (nil, errors) }
            let assessment = Assessment()
            assessment.id = newId
            assessment.involvementId = involvementId
            assessment.status = AssessmentStatus.draft.rawValue
            assessment.createdBy = user.id
            assessment.createdAt = Date()
            assessment.version = 1
            try AssessmentStore.apply(
                checked, to: assessment, names: try await AssessmentStore.names(of: context.subjects, on: db.sql),
                timescales: timescales)
            if input.submits {
                assessment.status = AssessmentStatus.submitted.rawValue
                assessment.submittedAt = Date()
            }
            try await assessment.create(on: db)
            return (assessment, errors)
        }
    }

    /// Saves changes to a draft or returned assessment, and submits it when asked. A stale version is a
    /// conflict, never a silent overwrite.
    static func change(_ req: Request, input: AssessmentInput) async throws -> (Assessment?, FieldErrorList) {
        let id = try req.uuidParameter("assessmentId")
        let timescales = req.settings.timescales
        return try await PracticeAccess.record(
            Assessment.self, req, id: id, for: .edit, audit: .update, detail: input.submits ? "submitted" : "saved"
        ) { assessment, context, db in
            guard AssessmentStatus(rawValue: assessment.status)?.isEditable == true else {
                throw Abort(.conflict, reason: notEditable(assessment))
            }
            // A change must say which version it was made to: a missing or stale one is a conflict.
            if input.version != assessment.version {
                throw Abort(
                    .conflict, reason: "Someone else changed this assessment. Reload the page to see their changes.")
            }
            let (checked, errors) = input.check(
                subjects: context.subjects, workStartedOn: CalendarDate(iso: context.involvement.startedOn),
                today: LondonTime.calendarDate(of: Date()))
            guard let checked else { return (nil, errors) }
            try AssessmentStore.apply(
                checked, to: assessment, names: try await AssessmentStore.names(of: context.subjects, on: db.sql),
                timescales: timescales)
            if input.submits {
                assessment.status = AssessmentStatus.submitted.rawValue
                assessment.submittedAt = Date()
            }
            assessment.version += 1
            try await assessment.save(on: db)
            return (assessment, errors)
        }
    }

    /// A manager of the team approves (the approved assessment is kept, and can no longer change) or
    /// returns it with comments.
    static func signOff(_ req: Request, input: SignOffInput) async throws -> FieldErrorList {
        let id = try req.uuidParameter("assessmentId")
        var errors = FieldErrorList()
        let decision = input.decision?.trimmed ?? ""
        if !["approve", "return"].contains(decision) { errors.add("decision", "Choose to approve or return it") }
        let comments = errors.text(
            input.comments, "comments", "Comments", limit: 8_000,
            required: decision == "return" ? "Say what needs to change before it can be approved" : nil)
        guard errors.isEmpty else { return errors }
        try await PracticeAccess.record(
            Assessment.self, req, id: id, for: .view, audit: .update, detail: "sign-off: \(decision)"
        ) { assessment, context, db in
            guard
                SignOffPolicy().maySignOff(
                    context.actor, teamId: context.involvement.$allocatedTeam.id, authorId: assessment.createdBy)
            else {
                throw Abort(
                    .forbidden,
                    reason:
                        "Only a manager of the team the work is allocated to signs off, and not their own assessment."
                )
            }
            guard assessment.status == AssessmentStatus.submitted.rawValue else {
                throw Abort(.conflict, reason: "This assessment is not waiting for sign-off.")
            }
            let now = Date()
            let record = AssessmentSignOff()
            record.assessmentId = id
            record.decidedBy = context.actor.id
            record.decidedAt = now
            record.comments = comments
            assessment.version += 1
            if decision == "approve" {
                assessment.status = AssessmentStatus.approved.rawValue
                assessment.completedOn = LondonTime.calendarDate(of: now).iso
                record.decision = "approved"
                record.snapshot = try AssessmentStore.encode(try AssessmentJSON(assessment))
            } else {
                assessment.status = AssessmentStatus.returned.rawValue
                record.decision = "returned"
            }
            record.assessmentVersion = assessment.version
            try await assessment.save(on: db)
            try await record.create(on: db)
        }
        return errors
    }

    // MARK: API

    static func apiList(req: Request) async throws -> ItemsJSON<AssessmentJSON> {
        let involvementId = try req.uuidParameter("involvementId")
        return try await PracticeAccess.involvement(
            req, id: involvementId, for: .view, audit: .list, subject: AuditSubject(type: "assessment", id: nil),
            detail: "on involvement:\(involvementId.uuidString.lowercased())"
        ) { _, db in
            ItemsJSON(
                items: try await Assessment.query(on: db).filter(\.$involvementId == involvementId)
                    .sort(\.$createdAt).all().map { try AssessmentJSON($0) })
        }
    }

    static func apiCreate(req: Request) async throws -> Response {
        let input = try APIController.decodeBody(AssessmentInput.self, req)
        let (assessment, errors) = try await start(req, input: input)
        guard let assessment else { throw ValidationFailed(errors: errors.errors) }
        return try await AssessmentJSON(assessment).encodeResponse(status: .created, for: req)
    }

    static func apiShow(req: Request) async throws -> AssessmentJSON {
        let id = try req.uuidParameter("assessmentId")
        return try await PracticeAccess.record(Assessment.self, req, id: id, for: .view) { assessment, _, db in
            let signOffs = try await AssessmentSignOff.query(on: db).filter(\.$assessmentId == id)
                .sort(\.$decidedAt).all()
            return try AssessmentJSON(
                assessment, signOffs: signOffs,
                names: try await UserNames.lookup(Set(signOffs.map(\.decidedBy)), on: db.sql))
        }
    }

    static func apiUpdate(req: Request) async throws -> AssessmentJSON {
        let input = try APIController.decodeBody(AssessmentInput.self, req)
        let (assessment, errors) = try await change(req, input: input)
        guard let assessment else { throw ValidationFailed(errors: errors.errors) }
        return try AssessmentJSON(assessment)
    }

    static func apiSignOff(req: Request) async throws -> AssessmentJSON {
        let input = try APIController.decodeBody(SignOffInput.self, req)
        try await signOff(req, input: input).throwIfAny()
        return try await apiShow(req: req)
    }
}

extension RecordGate.Verdict {
    var isAllowed: Bool {
        if case .allowed = self { return true }
        return false
    }
}
