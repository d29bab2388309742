import Fluent
import HearthDomain
import SQLKit
import Vapor

struct ApprenticeshipPage: Encodable {
    struct LogLine: Encodable {
        var doneOn: String
        var hours: String
        var activity: String
        var description: String
        var items: String
    }

    struct ReviewLine: Encodable {
        var id: String
        var heldOn: String
        var summary: String
        var signatures: String
        var canSign: Bool
    }

    struct EvidenceLine: Encodable {
        var id: String
        var title: String
        var extract: String
        var isShared: Bool
        var items: [ItemLine]
    }

    struct ItemLine: Encodable {
        var code: String
        var isConfirmed: Bool
        var canConfirm: Bool
    }

    struct MatrixRow: Encodable {
        var kind: String
        var cells: [ApprenticeshipSummary.Coverage]
    }

    var layout: Layout
    var summary: ApprenticeshipSummary
    var relation: String
    var canManage: Bool
    var isApprentice: Bool
    var offTheJobLogged: String?
    var log: [LogLine]?
    var olderEntries: Int
    var reviews: [ReviewLine]?
    var nextReviewDue: String
    var nextReviewState: String?
    var breaks: [String]?
    var evidence: [EvidenceLine]?
    var matrix: [MatrixRow]
    var counts: [String: Int]
    var observations: [String]?
    var activities: [Choice]
    var items: [Choice]
    /// English, maths and the qualification as recorded, for the summary.
    var englishNow: String
    var mathsNow: String
    var qualificationNow: String
    /// The progress form's choices and evidence: as sent when it comes back with an error, else as recorded.
    var statuses: [Choice]
    var englishStatuses: [Choice]
    var qualificationStatuses: [Choice]
    var englishEvidence: String?
    var mathsEvidence: String?
    var today: String
    var form: [String: String]
    var errors: [FieldError]?
    var fieldErrors: [String: String]
}

/// Apprenticeships: the record, the off-the-job log, progress reviews, breaks, evidence and its coverage of
/// the standard, the gateway checklist and observation planning.
enum ApprenticeshipsController {
    static let kindLabels = ["knowledge": "Knowledge", "skill": "Skills", "behaviour": "Behaviours"]

    // MARK: Pages

    static func index(req: Request) async throws -> Response {
        struct Line: Encodable {
            var id: UUID
            var apprentice: String
            var option: String
            var startedOn: String
        }
        struct Page: Encodable {
            var layout: Layout
            var lines: [Line]?
            var canStart: Bool
        }
        let actor = try req.requireUser().actor
        let lines: [Line] = try await req.read { db in
            let ids = try await ApprenticeshipAccess.visible(to: actor, on: db.sql)
            try await Audit.record(
                on: db, req, action: .list, subject: AuditSubject(type: "apprenticeship", id: nil),
                detail: counted(ids.count, "apprenticeship", "apprenticeships"))
            let rows = try await Apprenticeship.query(on: db).filter(\.$id ~~ ids).sort(\.$startedOn).all()
            let names = try await UserNames.lookup(Set(rows.map(\.apprenticeId)), on: db.sql)
            return try rows.map {
                Line(
                    id: try $0.requireID(), apprentice: names[$0.apprenticeId] ?? "",
                    option: $0.option == "residential" ? "Option 1: residential" : "Option 2: community",
                    startedOn: DisplayFormat.calendarDate($0.startedOn))
            }
        }
        return try await req.page(
            "apprenticeships/index",
            Page(
                layout: Layout(req, title: "Apprenticeships"), lines: lines.nonEmpty,
                canStart: actor.managerRole != nil && !actor.managedTeamIds.isEmpty))
    }

    static func show(req: Request) async throws -> Response {
        try await render(req, errors: FieldErrorList(), form: [:], status: .ok)
    }

    static func render(_ req: Request, errors: FieldErrorList, form: [String: String], status: HTTPResponseStatus)
        async throws -> Response
    {
        let id = try req.uuidParameter("apprenticeshipId")
        let page: ApprenticeshipPage = try await ApprenticeshipAccess.load(req, id: id) { granted, db in
            let a = granted.apprenticeship
            let summary = try await ApprenticeshipStore.summary(a, on: db)
            let entries = try await OffTheJobLogEntry.query(on: db).filter(\.$apprenticeshipId == id)
                .sort(\.$doneOn, .descending).all()
            let reviews = try await ProgressReview.query(on: db).filter(\.$apprenticeshipId == id)
                .sort(\.$heldOn, .descending).all()
            let breaks = try await LearningBreak.query(on: db).filter(\.$apprenticeshipId == id).sort(\.$fromOn).all()
            let observations = try await ObservationPlan.query(on: db).filter(\.$apprenticeshipId == id)
                .sort(\.$plannedOn).all()
            var evidenceQuery = Evidence.query(on: db).filter(\.$apprenticeshipId == id)
            // A tutor sees only what the apprentice confirmed and shared.
            if granted.relation != .apprentice { evidenceQuery = evidenceQuery.filter(\.$sharedAt != nil) }
            let evidence = try await evidenceQuery.sort(\.$createdAt, .descending).all()
            let evidenceItems = try await EvidenceItem.query(on: db).filter(\.$evidenceId ~~ evidence.compactMap(\.id))
                .all()
            let mayConfirm = ApprenticeshipPolicy().mayConfirmEvidence(granted.relation)
            let due = CalendarDate(iso: summary.nextReviewDue).map(LondonTime.endOfDay)
            let standardItems = summary.coverage
            return ApprenticeshipPage(
                layout: Layout(req, title: "Apprenticeship", errors: errors),
                summary: summary,
                relation: granted.relation.rawValue,
                canManage: ApprenticeshipPolicy().mayManage(granted.relation),
                isApprentice: granted.relation == .apprentice,
                offTheJobLogged: summary.offTheJob.map { String(format: "%.1f", $0.countedHours) },
                log: entries.prefix(12).map {
                    .init(
                        doneOn: DisplayFormat.calendarDate($0.doneOn), hours: String(format: "%.1f", $0.hours),
                        activity: OffTheJobActivity(rawValue: $0.activity)?.label ?? $0.activity,
                        description: $0.description, items: $0.items.replacingOccurrences(of: ",", with: ", "))
                }.nonEmpty,
                olderEntries: max(entries.count - 12, 0),
                reviews: try reviews.map { review in
                    let signed = [
                        review.apprenticeSignedAt.map { _ in "apprentice" },
                        review.employerSignedAt.map { _ in "employer (\(review.employerSignedBy ?? ""))" },
                        review.tutorSignedAt.map { _ in "tutor" },
                    ].compactMap { $0 }
                    let mine: Date? =
                        switch granted.relation {
                        case .apprentice: review.apprenticeSignedAt
                        case .tutor: review.tutorSignedAt
                        case .lineManager: review.employerSignedAt
                        case .none: Date()
                        }
                    return .init(
                        id: try review.requireID().uuidString.lowercased(),
                        heldOn: DisplayFormat.calendarDate(review.heldOn), summary: review.summary,
                        signatures: signed.isEmpty ? "Not signed yet" : "Signed by " + signed.joined(separator: ", "),
                        canSign: mine == nil)
                }.nonEmpty,
                nextReviewDue: DisplayFormat.calendarDate(summary.nextReviewDue),
                nextReviewState: due.map { DueState.of($0) }.flatMap { $0 == .later ? nil : $0.label },
                breaks: breaks.map {
                    "From \(DisplayFormat.calendarDate($0.fromOn))\($0.toOn.map { " to \(DisplayFormat.calendarDate($0))" } ?? " (continuing)"): \($0.reason)"
                }.nonEmpty,
                evidence: try evidence.map { item in
                    let evidenceId = try item.requireID()
                    return .init(
                        id: evidenceId.uuidString.lowercased(), title: item.title, extract: item.extract,
                        isShared: item.sharedAt != nil,
                        items: evidenceItems.filter { $0.evidenceId == evidenceId }.sorted { $0.code < $1.code }.map {
                            .init(
                                code: $0.code, isConfirmed: $0.confirmedAt != nil,
                                canConfirm: mayConfirm && $0.confirmedAt == nil)
                        })
                }.nonEmpty,
                matrix: ["knowledge", "skill", "behaviour"].map { kind in
                    .init(kind: kindLabels[kind] ?? kind, cells: standardItems.filter { $0.kind == kind })
                },
                counts: Dictionary(grouping: standardItems, by: \.state).mapValues(\.count),
                observations: observations.map {
                    "\(DisplayFormat.calendarDate($0.plannedOn)), \($0.setting): consent from \($0.consentBy ?? "not recorded") (\($0.consentHow ?? ""), \($0.consentOn.map(DisplayFormat.calendarDate) ?? ""))"
                }.nonEmpty,
                activities: OffTheJobActivity.allCases.map {
                    Choice(code: $0.rawValue, label: $0.label, isSelected: $0.rawValue == form["activity"])
                },
                items: standardItems.map { Choice(code: $0.code, label: "\($0.code): \($0.text)", isSelected: false) },
                englishNow: EnglishMathsStatus(rawValue: a.englishStatus)?.label ?? a.englishStatus,
                mathsNow: EnglishMathsStatus(rawValue: a.mathsStatus)?.label ?? a.mathsStatus,
                qualificationNow: qualificationStatuses.label(for: a.qualificationStatus) ?? a.qualificationStatus,
                statuses: Choice.list(EnglishMathsStatus.options, selected: form["mathsStatus"] ?? a.mathsStatus),
                englishStatuses: Choice.list(
                    EnglishMathsStatus.options, selected: form["englishStatus"] ?? a.englishStatus),
                qualificationStatuses: Choice.list(
                    qualificationStatuses, selected: form["qualificationStatus"] ?? a.qualificationStatus),
                englishEvidence: form["englishEvidence"] ?? a.englishEvidence,
                mathsEvidence: form["mathsEvidence"] ?? a.mathsEvidence,
                today: LondonTime.calendarDate(of: Date()).iso, form: form, errors: errors.forPage,
                fieldErrors: errors.byField)
        }
        return try await req.page("apprenticeships/show", page, status: status)
    }

    static func afterForm(_ req: Request, _ errors: FieldErrorList, form: [String: String]) async throws -> Response {
        guard errors.isEmpty else {
            return try await render(req, errors: errors, form: form, status: .unprocessableEntity)
        }
        return req.redirect(to: "/apprenticeships/\(try req.uuidParameter("apprenticeshipId").uuidString.lowercased())")
    }

    static func logPage(req: Request) async throws -> Response {
        let input = try req.content.decode(OffTheJobInput.self)
        return try await afterForm(
            req, try await log(req, input: input),
            form: [
                "doneOn": input.doneOn ?? "", "hours": input.hours ?? "", "activity": input.activity ?? "",
                "description": input.description ?? "",
            ])
    }

    static func reviewPage(req: Request) async throws -> Response {
        let input = try req.content.decode(ReviewForm.self)
        return try await afterForm(
            req, try await review(req, input: input),
            form: ["heldOn": input.heldOn ?? "", "summary": input.summary ?? ""])
    }

    static func signPage(req: Request) async throws -> Response {
        try await sign(req)
        return try await afterForm(req, FieldErrorList(), form: [:])
    }

    static func breakPage(req: Request) async throws -> Response {
        let input = try req.content.decode(BreakForm.self)
        return try await afterForm(
            req, try await addBreak(req, input: input),
            form: ["fromOn": input.fromOn ?? "", "toOn": input.toOn ?? "", "reason": input.reason ?? ""])
    }

    static func observationPage(req: Request) async throws -> Response {
        let input = try req.content.decode(ObservationForm.self)
        return try await afterForm(
            req, try await planObservation(req, input: input),
            form: [
                "plannedOn": input.plannedOn ?? "", "setting": input.setting ?? "", "consentBy": input.consentBy ?? "",
                "consentHow": input.consentHow ?? "", "consentOn": input.consentOn ?? "",
            ])
    }

    static func confirmItemPage(req: Request) async throws -> Response {
        try await confirmItem(req)
        return try await afterForm(req, FieldErrorList(), form: [:])
    }

    // MARK: The work

    static func log(_ req: Request, input: OffTheJobInput) async throws -> FieldErrorList {
        let id = try req.uuidParameter("apprenticeshipId")
        return try await ApprenticeshipAccess.load(
            req, id: id, audit: .create, detail: "off-the-job entry", allowed: { $0 == .apprentice || $0 == .tutor }
        ) { granted, db in
            let a = granted.apprenticeship
            guard let start = CalendarDate(iso: a.startedOn) else { throw Abort(.internalServerError) }
            let rules = OffTheJobLogRules(start: start, gateway: a.gatewayOn.flatMap(CalendarDate.init(iso:)))
            let known = Set(try await StandardStore.items(standardId: a.standardId, on: db.sql).map(\.code))
            let (entry, errors) = input.check(
                rules: rules, knownItems: known, today: LondonTime.calendarDate(of: Date()))
            guard let entry else { return errors }
            entry.apprenticeshipId = id
            try await entry.create(on: db)
            return errors
        }
    }

    struct ReviewForm: Content {
        var heldOn: String?
        var summary: String?
    }

    static func review(_ req: Request, input: ReviewForm) async throws -> FieldErrorList {
        var errors = FieldErrorList()
        let held = DateField.parse(
            input.heldOn, field: "heldOn", label: "the date of the review", required: true, into: &errors)
        if let held, held > LondonTime.calendarDate(of: Date()) {
            errors.add("heldOn", "The review date must not be in the future")
        }
        let summary = errors.text(input.summary, "summary", "Summary", required: "Summarise the progress discussed")
        guard errors.isEmpty, let held, let summary else { return errors }
        let id = try req.uuidParameter("apprenticeshipId")
        return try await ApprenticeshipAccess.load(
            req, id: id, audit: .create, detail: "progress review", allowed: { ApprenticeshipPolicy().mayManage($0) }
        ) { granted, db in
            if let start = CalendarDate(iso: granted.apprenticeship.startedOn), held < start {
                var early = FieldErrorList()
                early.add("heldOn", "A progress review cannot be before the apprenticeship started")
                return early
            }
            let review = ProgressReview()
            review.apprenticeshipId = id
            review.heldOn = held.iso
            review.summary = summary
            review.recordedBy = granted.actor.id
            try await review.create(on: db)
            return FieldErrorList()
        }
    }

    /// Each of the three signs for themselves: the apprentice, the employer (a line manager) and the tutor.
    static func sign(_ req: Request) async throws {
        let id = try req.uuidParameter("apprenticeshipId")
        let reviewId = try req.uuidParameter("reviewId")
        let name = try req.requireUser().displayName
        try await ApprenticeshipAccess.load(req, id: id, audit: .update, detail: "review signed") { granted, db in
            guard let review = try await ProgressReview.find(reviewId, on: db), review.apprenticeshipId == id else {
                throw Abort(.notFound)
            }
            let now = Date()
            switch granted.relation {
            case .apprentice: review.apprenticeSignedAt = review.apprenticeSignedAt ?? now
            case .tutor: review.tutorSignedAt = review.tutorSignedAt ?? now
            case .lineManager:
                review.employerSignedAt = review.employerSignedAt ?? now
                review.employerSignedBy = review.employerSignedBy ?? name
            case .none: throw Abort(.notFound)
            }
            try await review.save(on: db)
        }
    }

    struct BreakForm: Content {
        var fromOn: String?
        var toOn: String?
        var reason: String?
    }

    static func addBreak(_ req: Request, input: BreakForm) async throws -> FieldErrorList {
        var errors = FieldErrorList()
        let from = DateField.parse(
            input.fromOn, field: "fromOn", label: "the first day of the break", required: true, into: &errors)
        let to = DateField.parse(
            input.toOn, field: "toOn", label: "the day learning restarted", required: false, into: &errors)
        if let from, let to, to < from { errors.add("toOn", "The break cannot end before it starts") }
        let reason = errors.text(
            input.reason, "reason", "Reason", limit: 1_000, required: "Give the reason for the break")
        guard errors.isEmpty, let from, let reason else { return errors }
        let id = try req.uuidParameter("apprenticeshipId")
        try await ApprenticeshipAccess.load(
            req, id: id, audit: .create, detail: "break in learning", allowed: { ApprenticeshipPolicy().mayManage($0) }
        ) { _, db in
            let row = LearningBreak()
            row.apprenticeshipId = id
            row.fromOn = from.iso
            row.toOn = to?.iso
            row.reason = reason
            try await row.create(on: db)
        }
        return errors
    }

    struct ObservationForm: Content {
        var plannedOn: String?
        var setting: String?
        var consentBy: String?
        var consentHow: String?
        var consentOn: String?
        var notes: String?
    }

    /// An observation of practice needs the family's consent to be observed, recorded before it is planned.
    static func planObservation(_ req: Request, input: ObservationForm) async throws -> FieldErrorList {
        var errors = FieldErrorList()
        let planned = DateField.parse(
            input.plannedOn, field: "plannedOn", label: "the date", required: true, into: &errors)
        let setting = errors.text(
            input.setting, "setting", "Setting", limit: 500, required: "Say what will be observed, and where")
        let by = errors.text(
            input.consentBy, "consentBy", "Who consented", limit: 500,
            required: "Record who in the family agreed to be observed")
        let how = errors.text(input.consentHow, "consentHow", "How", limit: 200, required: "Record how they agreed")
        let on = DateField.parse(
            input.consentOn, field: "consentOn", label: "the date they agreed", required: true, into: &errors)
        if let planned, let on, on > planned { errors.add("consentOn", "Consent must be given before the observation") }
        guard errors.isEmpty, let planned, let setting, let by, let how, let on else { return errors }
        let id = try req.uuidParameter("apprenticeshipId")
        try await ApprenticeshipAccess.load(req, id: id, audit: .create, detail: "observation planned") { granted, db in
            guard granted.relation != .none else { throw Abort(.notFound) }
            let row = ObservationPlan()
            row.apprenticeshipId = id
            row.plannedOn = planned.iso
            row.setting = setting
            row.consentBy = by
            row.consentHow = how
            row.consentOn = on.iso
            row.notes = input.notes?.trimmed.nilIfEmpty
            try await row.create(on: db)
        }
        return errors
    }

    /// The tutor or assessor confirms that a shared piece of evidence meets one item of the standard.
    static func confirmItem(_ req: Request) async throws {
        let id = try req.uuidParameter("apprenticeshipId")
        let evidenceId = try req.uuidParameter("evidenceId")
        guard let code = req.parameters.get("code") else { throw Abort(.notFound) }
        try await ApprenticeshipAccess.load(
            req, id: id, audit: .update, detail: "confirmed \(code) on evidence:\(evidenceId.uuidString.lowercased())",
            allowed: { ApprenticeshipPolicy().mayConfirmEvidence($0) }
        ) { granted, db in
            guard let evidence = try await Evidence.find(evidenceId, on: db), evidence.apprenticeshipId == id,
                evidence.sharedAt != nil,
                let item = try await EvidenceItem.query(on: db).filter(\.$evidenceId == evidenceId).filter(
                    \.$code == code
                )
                .first()
            else { throw Abort(.notFound) }
            guard item.confirmedAt == nil else { throw Abort(.conflict, reason: "\(code) is already confirmed.") }
            item.confirmedAt = Date()
            item.confirmedBy = granted.actor.id
            try await item.save(on: db)
        }
    }

    // MARK: API

    static func apiList(req: Request) async throws -> ItemsJSON<ApprenticeshipSummary> {
        let actor = try req.requireUser().actor
        return try await req.read { db in
            let ids = try await ApprenticeshipAccess.visible(to: actor, on: db.sql)
            try await Audit.record(
                on: db, req, action: .list, subject: AuditSubject(type: "apprenticeship", id: nil),
                detail: counted(ids.count, "apprenticeship", "apprenticeships"))
            var items: [ApprenticeshipSummary] = []
            for a in try await Apprenticeship.query(on: db).filter(\.$id ~~ ids).all() {
                items.append(try await ApprenticeshipStore.summary(a, on: db))
            }
            return ItemsJSON(items: items)
        }
    }

    static func apiShow(req: Request) async throws -> ApprenticeshipSummary {
        let id = try req.uuidParameter("apprenticeshipId")
        return try await ApprenticeshipAccess.load(req, id: id) { granted, db in
            try await ApprenticeshipStore.summary(granted.apprenticeship, on: db)
        }
    }

    static func apiLog(req: Request) async throws -> Response {
        let input = try APIController.decodeBody(OffTheJobInput.self, req)
        try await log(req, input: input).throwIfAny()
        return try await apiShow(req: req).encodeResponse(status: .created, for: req)
    }

    static func apiReview(req: Request) async throws -> Response {
        let input = try APIController.decodeBody(ReviewForm.self, req)
        try await review(req, input: input).throwIfAny()
        return try await apiShow(req: req).encodeResponse(status: .created, for: req)
    }

    static func apiBreak(req: Request) async throws -> Response {
        let input = try APIController.decodeBody(BreakForm.self, req)
        try await addBreak(req, input: input).throwIfAny()
        return try await apiShow(req: req).encodeResponse(status: .created, for: req)
    }

    static func apiObservation(req: Request) async throws -> Response {
        let input = try APIController.decodeBody(ObservationForm.self, req)
        try await planObservation(req, input: input).throwIfAny()
        return try await apiShow(req: req).encodeResponse(status: .created, for: req)
    }

    static func apiSign(req: Request) async throws -> ApprenticeshipSummary {
        try await sign(req)
        return try await apiShow(req: req)
    }

    static func apiConfirmItem(req: Request) async throws -> ApprenticeshipSummary {
        try await confirmItem(req)
        return try await apiShow(req: req)
    }
}

/// Starting an apprenticeship: a line manager of the apprentice's team does it, with the entry checks.
extension ApprenticeshipsController {
    struct NewPage: Encodable {
        var layout: Layout
        var apprentices: [Choice]
        var tutors: [Choice]
        var englishStatuses: [Choice]
        var mathsStatuses: [Choice]
        var input: ApprenticeshipInput
        var errors: [FieldError]?
        var fieldErrors: [String: String]
    }

    /// Apprentices in the teams the user manages, and every tutor or assessor.
    static func people(_ actor: Actor, on db: any SQLDatabase) async throws -> (
        apprentices: [UUID: String], tutors: [UUID: String]
    ) {
        guard actor.managerRole != nil, !actor.managedTeamIds.isEmpty else { throw Abort(.forbidden) }
        func names(_ query: SQLQueryString) async throws -> [UUID: String] {
            Dictionary(
                uniqueKeysWithValues: try await db.raw(query).all().map {
                    (try $0.decode(column: "id", as: UUID.self), try $0.decode(column: "display_name", as: String.self))
                })
        }
        let apprentices = try await names(
            """
            SELECT DISTINCT u.id, u.display_name FROM users u JOIN user_roles r ON r.user_id = u.id
            JOIN team_memberships m ON m.user_id = u.id
            WHERE r.role = 'apprentice' AND m.team_id IN (\(binds: Array(actor.managedTeamIds)))
            """)
        let tutors = try await names(
            "SELECT DISTINCT u.id, u.display_name FROM users u JOIN user_roles r ON r.user_id = u.id WHERE r.role = 'tutor-assessor'"
        )
        return (apprentices, tutors)
    }

    static func new(req: Request) async throws -> Response {
        try await newForm(req, input: ApprenticeshipInput(), errors: FieldErrorList(), status: .ok)
    }

    static func newForm(_ req: Request, input: ApprenticeshipInput, errors: FieldErrorList, status: HTTPResponseStatus)
        async throws -> Response
    {
        let (apprentices, tutors) = try await people(try req.requireUser().actor, on: req.db.sql)
        func choices(_ names: [UUID: String], _ selected: String?) -> [Choice] {
            names.sorted { $0.value < $1.value }.map {
                Choice(
                    code: $0.key.uuidString.lowercased(), label: $0.value,
                    isSelected: selected?.lowercased() == $0.key.uuidString.lowercased())
            }
        }
        return try await req.page(
            "apprenticeships/new",
            NewPage(
                layout: Layout(
                    req, title: "Start an apprenticeship", errors: errors),
                apprentices: choices(apprentices, input.apprenticeId), tutors: choices(tutors, input.tutorId),
                englishStatuses: Choice.list(EnglishMathsStatus.options, selected: input.englishStatus),
                mathsStatuses: Choice.list(EnglishMathsStatus.options, selected: input.mathsStatus),
                input: input, errors: errors.forPage, fieldErrors: errors.byField),
            status: status)
    }

    static func start(_ req: Request, input: ApprenticeshipInput) async throws -> (Apprenticeship?, FieldErrorList) {
        let actor = try req.requireUser().actor
        let (apprentices, tutors) = try await people(actor, on: req.db.sql)
        let (apprenticeship, errors) = input.check(apprentices: Set(apprentices.keys), tutors: Set(tutors.keys))
        guard let apprenticeship else { return (nil, errors) }
        guard let (standardId, _) = try await StandardStore.items(reference: "ST0088", on: req.db.sql) else {
            throw Abort(.internalServerError, reason: "The ST0088 standard is not loaded")
        }
        apprenticeship.standardId = standardId
        let id = UUID()
        apprenticeship.id = id
        try await req.transaction { db in
            try await Audit.record(
                on: db, req, action: .create,
                subject: AuditSubject(type: "apprenticeship", id: id.uuidString.lowercased()))
            try await apprenticeship.create(on: db)
        }
        return (apprenticeship, errors)
    }

    static func create(req: Request) async throws -> Response {
        let input = try req.content.decode(ApprenticeshipInput.self)
        let (apprenticeship, errors) = try await start(req, input: input)
        guard let apprenticeship else {
            return try await newForm(req, input: input, errors: errors, status: .unprocessableEntity)
        }
        return req.redirect(to: "/apprenticeships/\(try apprenticeship.requireID().uuidString.lowercased())")
    }

    static func apiCreate(req: Request) async throws -> Response {
        let input = try APIController.decodeBody(ApprenticeshipInput.self, req)
        let (apprenticeship, errors) = try await start(req, input: input)
        guard let apprenticeship else { throw ValidationFailed(errors: errors.errors) }
        return try await ApprenticeshipStore.summary(apprenticeship, on: req.db).encodeResponse(
            status: .created, for: req)
    }
}

/// Progress towards gateway: English and maths, the qualification, the employer's confirmation and the
/// gateway itself, which is refused until every readiness check is met.
extension ApprenticeshipsController {
    struct ProgressForm: Content {
        var englishStatus: String?
        var englishEvidence: String?
        var mathsStatus: String?
        var mathsEvidence: String?
        var qualificationStatus: String?
        var employerConfirmedOn: String?
        var gatewayOn: String?
        var version: Int?
    }

    static let qualificationStatuses: [CodedOption] = [
        .init("not-started", "Not started"), .init("in-progress", "In progress"), .init("achieved", "Achieved"),
    ]

    static func updateProgress(_ req: Request, input: ProgressForm) async throws -> FieldErrorList {
        let id = try req.uuidParameter("apprenticeshipId")
        return try await ApprenticeshipAccess.load(
            req, id: id, audit: .update, detail: "progress towards gateway",
            allowed: { ApprenticeshipPolicy().mayManage($0) }
        ) { granted, db in
            let a = granted.apprenticeship
            if input.version != a.version {
                throw Abort(
                    .conflict, reason: "Someone else changed this apprenticeship. Reload the page and try again.")
            }
            var errors = FieldErrorList()
            let start = CalendarDate(iso: a.startedOn)!
            let born = a.apprenticeBornOn.flatMap(CalendarDate.init(iso:))
            var statuses: [EnglishMathsStatus] = []
            for (field, value, evidence, current, label) in [
                (
                    "englishStatus", input.englishStatus, input.englishEvidence ?? a.englishEvidence, a.englishStatus,
                    "English"
                ),
                ("mathsStatus", input.mathsStatus, input.mathsEvidence ?? a.mathsEvidence, a.mathsStatus, "Maths"),
            ] {
                if let status = ApprenticeshipInput.checkEnglishMaths(
                    field, value ?? current, evidence: evidence, label: label, bornOn: born, start: start,
                    into: &errors)
                {
                    statuses.append(status)
                }
            }
            let qualification = input.qualificationStatus ?? a.qualificationStatus
            if !qualificationStatuses.contains(code: qualification) {
                errors.add("qualificationStatus", "Choose how the qualification is going")
            }
            let confirmed = DateField.parse(
                input.employerConfirmedOn, field: "employerConfirmedOn", label: "the date the employer confirmed",
                required: false, into: &errors)
            let gateway = DateField.parse(
                input.gatewayOn, field: "gatewayOn", label: "the gateway date", required: false, into: &errors)
            if let gateway, gateway <= start { errors.add("gatewayOn", "Gateway must be after the start") }
            guard errors.isEmpty, statuses.count == 2 else { return errors }
            a.englishStatus = statuses[0].rawValue
            a.englishEvidence = input.englishEvidence?.trimmed.nilIfEmpty ?? a.englishEvidence
            a.mathsStatus = statuses[1].rawValue
            a.mathsEvidence = input.mathsEvidence?.trimmed.nilIfEmpty ?? a.mathsEvidence
            a.qualificationStatus = qualification
            if let confirmed { a.employerConfirmedOn = confirmed.iso }
            if let gateway {
                // Gateway only when every readiness check is met, worked out with the changes above.
                let unmet = try await ApprenticeshipStore.summary(a, on: db).gateway.filter { !$0.isMet }
                guard unmet.isEmpty else {
                    errors.add(
                        "gatewayOn",
                        "Not ready for gateway yet: " + unmet.map { $0.name.lowercased() }.joined(separator: "; "))
                    return errors
                }
                a.gatewayOn = gateway.iso
            }
            a.version += 1
            try await a.save(on: db)
            return errors
        }
    }

    static func progressPage(req: Request) async throws -> Response {
        let input = try req.content.decode(ProgressForm.self)
        return try await afterForm(
            req, try await updateProgress(req, input: input),
            form: [
                "gatewayOn": input.gatewayOn, "employerConfirmedOn": input.employerConfirmedOn,
                "englishStatus": input.englishStatus, "englishEvidence": input.englishEvidence,
                "mathsStatus": input.mathsStatus, "mathsEvidence": input.mathsEvidence,
                "qualificationStatus": input.qualificationStatus,
            ].compactMapValues { $0 })
    }

    static func apiProgress(req: Request) async throws -> ApprenticeshipSummary {
        let input = try APIController.decodeBody(ProgressForm.self, req)
        try await updateProgress(req, input: input).throwIfAny()
        return try await apiShow(req: req)
    }
}
