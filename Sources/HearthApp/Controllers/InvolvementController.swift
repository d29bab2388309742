import Fluent
import HearthDomain
import SQLKit
import Vapor

struct InvolvementPage: Encodable {
    var layout: Layout
    var involvement: CaseworkAPIController.InvolvementJSON
    var service: String
    var level: String
    var subjects: [PersonSummary]
    var worker: String?
    var team: String
    var consent: String
    var levels: [CodedOption]
    var changes: [Change]?
    var isOpen: Bool
    var errors: [FieldError]?
    var fieldErrors: [String: String]
    var form: [String: String]
    var version: Int
    var currentLevel: String
    var startedOn: String
    var assessments: [PracticeLink]?
    var plans: [PracticeLink]?
    var mayChange: Bool

    /// A link to an assessment or plan on the piece of work, with where it is.
    struct PracticeLink: Encodable {
        var href: String
        var label: String
        var status: String
    }

    struct Change: Encodable {
        var at: String
        var text: String
    }
}

/// A piece of work: its level of need can change (each change is a chronology event) and it closes
/// with a reason, which ends the allocation it gave.
enum InvolvementController {
    /// Access to a piece of work is access to every person it is with.
    static func load<T: Sendable>(
        _ req: Request, for action: RecordAction, audit: AuditAction = .view, detail: String? = nil,
        work: @escaping @Sendable (Involvement, [UUID], any Database) async throws -> T
    ) async throws -> T {
        let id = try req.uuidParameter("involvementId")
        let actor = try req.requireUser().actor
        return try await RecordGate.pass(
            req, subject: .involvement(id), audit: audit, detail: detail,
            check: { db in try await check(id, for: action, actor: actor, on: db) },
            work: { loaded, _, db in try await work(loaded.involvement, loaded.subjects, db) })
    }

    /// The policy question for a piece of work, shared by everything that belongs to one.
    static func check(_ id: UUID, for action: RecordAction, actor: Actor, on db: any Database) async throws
        -> RecordGate.Verdict<Loaded>
    {
        guard let involvement = try await Involvement.find(id, on: db) else { return .missing }
        let subjects = try await InvolvementSubject.query(on: db).filter(\.$involvement.$id == id).all().map {
            $0.$person.id
        }
        guard let role = try await PersonAccess.roleForAll(action, subjects, actor: actor, on: db.sql) else {
            return .denied(canBreakGlass: false)
        }
        return .allowed(Loaded(involvement: involvement, subjects: subjects), role: role)
    }

    struct Loaded: Sendable {
        var involvement: Involvement
        var subjects: [UUID]
    }

    static func show(req: Request) async throws -> View {
        try await render(req, errors: FieldErrorList(), form: [:])
    }

    static func render(_ req: Request, errors: FieldErrorList, form: [String: String]) async throws -> View {
        let page: InvolvementPage = try await load(req, for: .view) { involvement, subjects, db in
            let json = try await CaseworkAPIController.involvementJSON([try involvement.requireID()], on: db)[0]
            let people = try await Person.query(on: db).filter(\.$id ~~ subjects).sort(\.$familyName).all().map(
                PersonSummary.init)
            let names = try await UserNames.lookup(Set([involvement.$allocatedUser.id].compactMap { $0 }), on: db.sql)
            let team = try await Team.find(involvement.$allocatedTeam.id, on: db)?.name ?? ""
            let changes = try await NeedLevelChange.query(on: db).filter(\.$involvement.$id == involvement.requireID())
                .sort(\.$changedAt, .descending).all()
            let service = Vocabulary.services.label(for: involvement.service) ?? involvement.service
            let id = try involvement.requireID()
            let assessments = try await Assessment.query(on: db).filter(\.$involvementId == id)
                .sort(\.$createdAt, .descending).all().map {
                    InvolvementPage.PracticeLink(
                        href: "/assessments/\(try $0.requireID().uuidString.lowercased())",
                        label: "Assessment started \(DisplayFormat.calendarDate($0.startedOn))",
                        status: AssessmentStatus(rawValue: $0.status)?.label ?? $0.status)
                }
            let plans = try await Plan.query(on: db).filter(\.$involvementId == id).sort(\.$createdAt, .descending)
                .all().map {
                    InvolvementPage.PracticeLink(
                        href: "/plans/\(try $0.requireID().uuidString.lowercased())",
                        label:
                            "\(PlanVocabulary.kinds.label(for: $0.kind) ?? "Plan") from \(DisplayFormat.calendarDate($0.startedOn))",
                        status: $0.status == "agreed" ? "Agreed" : $0.status == "ended" ? "Ended" : "Draft")
                }
            let mayChange =
                try await check(id, for: .edit, actor: try req.requireUser().actor, on: db).isAllowed
                && involvement.endedOn == nil
            return InvolvementPage(
                layout: Layout(req, title: service, errors: errors), involvement: json,
                service: service,
                level: Vocabulary.needLevels.label(for: String(involvement.levelOfNeed)) ?? "",
                subjects: people, worker: involvement.$allocatedUser.id.flatMap { names[$0] }, team: team,
                consent: Vocabulary.consent.label(for: involvement.consent) ?? involvement.consent,
                levels: Vocabulary.needLevels,
                changes: changes.map {
                    InvolvementPage.Change(
                        at: NeedLevelChange.dayOfFirstLevel(changedAt: $0.changedAt, previousLevel: $0.previousLevel)
                            .map(DisplayFormat.calendarDate) ?? DisplayFormat.dateTime($0.changedAt),
                        text: (Vocabulary.needLevels.label(for: String($0.level)) ?? "")
                            + ($0.reason.map { ": \($0)" } ?? ""))
                }.nonEmpty,
                isOpen: involvement.endedOn == nil, errors: errors.forPage,
                fieldErrors: errors.byField, form: form,
                version: involvement.version, currentLevel: String(involvement.levelOfNeed),
                startedOn: DisplayFormat.calendarDate(involvement.startedOn), assessments: assessments.nonEmpty,
                plans: plans.nonEmpty, mayChange: mayChange)
        }
        return try await req.view.render("involvements/show", page)
    }

    struct LevelForm: Content {
        var level: String?
        var reason: String?
        var version: Int?
    }

    static func changeLevel(req: Request) async throws -> Response {
        let form = try req.content.decode(LevelForm.self)
        var errors = FieldErrorList()
        let level = form.level.flatMap { Int($0) } ?? 0
        if !(1...Vocabulary.needLevels.count).contains(level) { errors.add("level", "Select a level of need") }
        let reason = form.reason?.trimmed ?? ""
        if reason.isEmpty { errors.add("reason", "Say why the level of need has changed") }
        if reason.count > 2000 { errors.add("reason", "Reason must be 2,000 characters or fewer") }
        guard errors.isEmpty else {
            let response = try await render(req, errors: errors, form: ["reason": reason]).encodeResponse(for: req)
            response.status = .unprocessableEntity
            return response
        }
        let user = try req.requireUser()
        try await load(req, for: .edit, audit: .update, detail: "level of need \(level)") { involvement, _, db in
            guard involvement.version == form.version else {
                throw Abort(
                    .conflict, reason: "Someone else changed this piece of work. Reload the page and try again.")
            }
            let change = NeedLevelChange()
            change.$involvement.id = try involvement.requireID()
            change.level = level
            change.previousLevel = involvement.levelOfNeed
            change.changedAt = Date()
            change.changedBy = user.id
            change.reason = reason
            try await change.create(on: db)
            involvement.levelOfNeed = level
            involvement.version += 1
            try await involvement.save(on: db)
        }
        return req.redirect(to: req.url.path.replacingOccurrences(of: "/level", with: ""))
    }

    struct CloseForm: Content {
        var endedOn: String?
        var closureReason: String?
        var version: Int?
    }

    static func close(req: Request) async throws -> Response {
        let form = try req.content.decode(CloseForm.self)
        var errors = FieldErrorList()
        let end = DateField.parse(
            form.endedOn, field: "endedOn", label: "the date the work ended", required: true, into: &errors)
        if let end, end > CalendarDate(iso: UKTime.today())! {
            errors.add("endedOn", "The end date must not be in the future")
        }
        let reason = form.closureReason?.trimmed ?? ""
        if reason.isEmpty { errors.add("closureReason", "Give the reason for closing") }
        if reason.count > 2000 { errors.add("closureReason", "Reason must be 2,000 characters or fewer") }
        let closeErrors = errors
        do {
            try await closeChecked(req, form: form, end: end, reason: reason, errors: closeErrors)
        } catch let failed as ValidationFailed {
            let response = try await render(
                req, errors: FieldErrorList(failed.errors),
                form: ["closureReason": reason, "endedOn": form.endedOn ?? ""]
            ).encodeResponse(for: req)
            response.status = .unprocessableEntity
            return response
        }
        return req.redirect(to: req.url.path.replacingOccurrences(of: "/close", with: ""))
    }

    private static func closeChecked(
        _ req: Request, form: CloseForm, end: CalendarDate?, reason: String, errors closeErrors: FieldErrorList
    ) async throws {
        try await load(req, for: .edit, audit: .update, detail: "closed") { involvement, _, db in
            var errors = closeErrors
            if let end, let start = CalendarDate(iso: involvement.startedOn), end < start {
                errors.add(
                    "endedOn",
                    "The end date must be the same as or after the start, \(DisplayFormat.calendarDate(involvement.startedOn))"
                )
            }
            guard errors.isEmpty else { throw ValidationFailed(errors: errors.errors) }
            guard involvement.version == form.version else {
                throw Abort(
                    .conflict, reason: "Someone else changed this piece of work. Reload the page and try again.")
            }
            involvement.endedOn = end!.iso
            involvement.closureReason = reason
            involvement.version += 1
            try await involvement.save(on: db)
            // Closing the work ends the access it gave.
            try await db.sql.update("allocations").set("ends_on", to: UKTime.date(end!.iso, time: "23:59") ?? Date())
                .where("involvement_id", .equal, try involvement.requireID()).run()
        }
    }
}
