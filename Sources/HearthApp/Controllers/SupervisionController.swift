import Fluent
import HearthDomain
import SQLKit
import Vapor

struct SupervisionInput: Content, Sendable {
    var superviseeId: String?
    var heldOn: String?
    var management: String?
    var support: String?
    var development: String?
    var mediation: String?
    var involvementId: String?
    var discussion: String?
    var experience: String?
    var reflection: String?
    var analysis: String?
    var actionPlan: String?
    var actionOwner: String?
    var actionWhat: String?
    var actionBy: String?
}

struct SupervisionJSON: Content {
    struct CaseJSON: Content {
        var involvementId: UUID
        var discussion: String
        var experience: String?
        var reflection: String?
        var analysis: String?
        var actionPlan: String?
    }

    struct ActionJSON: Content {
        var owner: String
        var what: String
        var byWhen: String
        var done: Bool
    }

    var id: UUID
    var supervisor: String?
    var supervisee: String?
    var heldOn: String
    var management: String?
    var support: String?
    var development: String?
    var mediation: String?
    var cases: [CaseJSON]
    var actions: [ActionJSON]
    var supervisorConfirmedAt: String?
    var superviseeConfirmedAt: String?
}

/// Supervision: a supervisor records a session on the four functions with the cases discussed (each
/// also shown on the piece of work as management oversight) and the actions; the supervisee confirms.
enum SupervisionController {
    struct Granted: Sendable {
        var supervision: Supervision
        var actor: Actor
    }

    static func load<T: Sendable>(
        _ req: Request, id: UUID, audit: AuditAction = .view, detail: String? = nil,
        work: @escaping @Sendable (Granted, any Database) async throws -> T
    ) async throws -> T {
        let actor = try req.requireUser().actor
        return try await RecordGate.pass(
            req, subject: AuditSubject(type: "supervision", id: id.uuidString.lowercased()), audit: audit,
            detail: detail,
            check: { db -> RecordGate.Verdict<Supervision> in
                guard let supervision = try await Supervision.find(id, on: db) else { return .missing }
                let teams = try await TeamMember.query(on: db).filter(\.$user.$id == supervision.superviseeId).all()
                    .map(\.$team.id)
                guard
                    SupervisionPolicy().mayView(
                        actor, supervisorId: supervision.supervisorId, superviseeId: supervision.superviseeId,
                        superviseeTeamIds: Set(teams))
                else { return .denied(canBreakGlass: false) }
                return .allowed(supervision, role: actor.practiceRole ?? actor.managerRole ?? .practitioner)
            },
            work: { supervision, _, db in try await work(Granted(supervision: supervision, actor: actor), db) })
    }

    /// The record as `actor` may see it: a case discussed is shown only to someone the piece of work's own
    /// policy lets in (a line manager of another team, or a record restricted since, hides it).
    static func json(_ s: Supervision, for actor: Actor, on db: any Database) async throws -> SupervisionJSON {
        let id = try s.requireID()
        var cases: [SupervisionCase] = []
        for item in try await SupervisionCase.query(on: db).filter(\.$supervisionId == id).all() {
            if try await InvolvementController.check(item.involvementId, for: .view, actor: actor, on: db).isAllowed {
                cases.append(item)
            }
        }
        let actions = try await SupervisionAction.query(on: db).filter(\.$supervisionId == id).all()
        let names = try await UserNames.lookup([s.supervisorId, s.superviseeId], on: db.sql)
        return SupervisionJSON(
            id: id, supervisor: names[s.supervisorId], supervisee: names[s.superviseeId], heldOn: s.heldOn,
            management: s.management, support: s.support, development: s.development, mediation: s.mediation,
            cases: cases.map {
                .init(
                    involvementId: $0.involvementId, discussion: $0.discussion, experience: $0.experience,
                    reflection: $0.reflection, analysis: $0.analysis, actionPlan: $0.actionPlan)
            },
            actions: actions.map { .init(owner: $0.owner, what: $0.what, byWhen: $0.byWhen, done: $0.done) },
            supervisorConfirmedAt: s.supervisorConfirmedAt.map(DisplayFormat.iso8601),
            superviseeConfirmedAt: s.superviseeConfirmedAt.map(DisplayFormat.iso8601))
    }

    /// The people the user supervises, from the arrangements, with when each is next due.
    struct Supervisee: Encodable, Sendable {
        var id: UUID
        var name: String
        var nextDue: String
        var state: String?
    }

    static func supervisees(of userId: UUID, on db: any Database) async throws -> [Supervisee] {
        // One query: each arrangement with its supervisee's last session.
        let rows = try await db.sql.raw(
            """
            SELECT a.supervisee_id, a.every_months, u.display_name, MAX(s.held_on) AS last_held
            FROM supervision_arrangements a JOIN users u ON u.id = a.supervisee_id
            LEFT JOIN supervisions s ON s.supervisee_id = a.supervisee_id
            WHERE a.supervisor_id = \(bind: userId)
            GROUP BY a.supervisee_id, a.every_months, u.display_name
            """
        ).all()
        return try rows.map { row in
            let months = try row.decode(column: "every_months", as: Int.self)
            let due =
                try row.decode(column: "last_held", as: String?.self).flatMap(CalendarDate.init(iso:))?.adding(
                    months: months) ?? LondonTime.calendarDate(of: Date())
            let state = DueState.of(LondonTime.endOfDay(due))
            return Supervisee(
                id: try row.decode(column: "supervisee_id", as: UUID.self),
                name: try row.decode(column: "display_name", as: String.self),
                nextDue: DisplayFormat.calendarDate(due.iso), state: state == .later ? nil : state.label)
        }.sorted { $0.name < $1.name }
    }

    /// Monthly by default: the last session plus the arrangement's months, or now if there has been none.
    static func nextDue(superviseeId: UUID, everyMonths: Int, on db: any Database) async throws -> CalendarDate {
        let last = try await Supervision.query(on: db).filter(\.$superviseeId == superviseeId)
            .sort(\.$heldOn, .descending).first()
        return last.flatMap { CalendarDate(iso: $0.heldOn) }.map { $0.adding(months: everyMonths) }
            ?? LondonTime.calendarDate(of: Date())
    }

    // MARK: Pages

    static func index(req: Request) async throws -> Response {
        try await render(req, errors: FieldErrorList(), status: .ok)
    }

    /// The page, with the arrangement form as typed when it is drawn again with errors.
    static func render(
        _ req: Request, errors: FieldErrorList, arrangement: ArrangementInput = ArrangementInput(),
        status: HTTPResponseStatus
    ) async throws -> Response {
        struct Line: Encodable {
            var id: UUID
            var heldOn: String
            var with: String
            var confirmed: Bool
        }
        struct Page: Encodable {
            var layout: Layout
            var supervisees: [Supervisee]?
            var sessions: [Line]?
            var supervisor: String?
            var nextDue: String?
            /// The team's staff, for the arrangement form's two lists.
            var staffSupervisees: [Choice]?
            var staffSupervisors: [Choice]?
            var everyMonths: String
            var errors: [FieldError]?
            var fieldErrors: [String: String]
        }
        let user = try req.requireUser()
        let page: Page = try await req.read { db in
            try await Audit.record(on: db, req, action: .list, subject: AuditSubject(type: "supervision", id: nil))
            let sessions = try await Supervision.query(on: db).group(.or) {
                $0.filter(\.$supervisorId == user.id).filter(\.$superviseeId == user.id)
            }.sort(\.$heldOn, .descending).all()
            let names = try await UserNames.lookup(
                Set(sessions.flatMap { [$0.supervisorId, $0.superviseeId] }), on: db.sql)
            let mine = try await SupervisionArrangement.query(on: db).filter(\.$superviseeId == user.id).first()
            var supervisorName: String?
            var due: CalendarDate?
            let staff = try await teamStaff(user.actor, on: db.sql).sorted { $0.value < $1.value }
            func choice(_ member: (key: UUID, value: String), _ typed: String?) -> Choice {
                Choice(
                    code: member.key.uuidString.lowercased(), label: member.value,
                    isSelected: typed?.lowercased() == member.key.uuidString.lowercased())
            }
            if let mine {
                supervisorName = try await UserNames.lookup([mine.supervisorId], on: db.sql)[mine.supervisorId]
                due = try await nextDue(superviseeId: user.id, everyMonths: mine.everyMonths, on: db)
            }
            return Page(
                layout: Layout(req, title: "Supervision", errors: errors),
                supervisees: try await supervisees(of: user.id, on: db).nonEmpty,
                sessions: try sessions.map {
                    Line(
                        id: try $0.requireID(), heldOn: DisplayFormat.calendarDate($0.heldOn),
                        with: $0.supervisorId == user.id
                            ? "Supervising \(names[$0.superviseeId] ?? "")" : "With \(names[$0.supervisorId] ?? "")",
                        confirmed: $0.superviseeConfirmedAt != nil && $0.supervisorConfirmedAt != nil)
                }.nonEmpty,
                supervisor: supervisorName, nextDue: due.map { DisplayFormat.calendarDate($0.iso) },
                staffSupervisees: staff.map { choice($0, arrangement.superviseeId) }.nonEmpty,
                staffSupervisors: staff.map { choice($0, arrangement.supervisorId) }.nonEmpty,
                everyMonths: arrangement.everyMonths ?? "1", errors: errors.forPage, fieldErrors: errors.byField)
        }
        return try await req.page("supervision/index", page, status: status)
    }

    struct Function: Encodable {
        var code: String
        var label: String
        var value: String?
        var error: String?
    }

    struct FormPage: Encodable {
        var layout: Layout
        var supervisees: [Choice]
        var involvements: [Choice]?
        var functions: [Function]
        var input: SupervisionInput
        var today: String
        var errors: [FieldError]?
        var fieldErrors: [String: String]
    }

    static func new(req: Request) async throws -> Response {
        var input = SupervisionInput()
        input.superviseeId = try? req.query.get(String.self, at: "supervisee")
        return try await form(req, input: input, errors: FieldErrorList(), status: .ok)
    }

    static func form(_ req: Request, input: SupervisionInput, errors: FieldErrorList, status: HTTPResponseStatus)
        async throws -> Response
    {
        let user = try req.requireUser()
        let supervisees = try await supervisees(of: user.id, on: req.db)
        guard !supervisees.isEmpty else { throw Abort(.forbidden, reason: "Nobody is arranged for you to supervise.") }
        // Only someone the user supervises; anyone else is not found.
        let chosen = input.superviseeId.flatMap { UUID(uuidString: $0) } ?? supervisees[0].id
        guard supervisees.contains(where: { $0.id == chosen }) else { throw Abort(.notFound) }
        // The supervisee's open work, limited to people the supervisor may see, read and audited together.
        let scope = PersonVisibilityScope(for: user.actor)
        let involvements = try await req.read { db in
            try await Audit.record(
                on: db, req, action: .list, subject: AuditSubject(type: "involvement", id: nil),
                detail: "supervision form: work of user:\(chosen.uuidString.lowercased())")
            return try await db.sql.raw(
                """
                SELECT i.id, i.service, p.given_name, p.family_name, p.is_restricted FROM involvements i
                JOIN involvement_subjects s ON s.involvement_id = i.id JOIN people p ON p.id = s.person_id
                WHERE i.allocated_user_id = \(bind: chosen) AND i.ended_on IS NULL
                  AND \(PeopleQueries.visibilityCondition(scope))
                ORDER BY p.family_name
                """
            ).all()
        }
        var seen = Set<UUID>()
        var choices: [Choice] = []
        for row in involvements {
            let id = try row.decode(column: "id", as: UUID.self)
            guard seen.insert(id).inserted else { continue }
            let service = try row.decode(column: "service", as: String.self)
            choices.append(
                Choice(
                    code: id.uuidString.lowercased(),
                    label: try row.decode(column: "is_restricted", as: Bool.self)
                        ? "Restricted record: \(Vocabulary.services.label(for: service) ?? service)"
                        : "\(try row.decode(column: "given_name", as: String.self)) \(try row.decode(column: "family_name", as: String.self)): \(Vocabulary.services.label(for: service) ?? service)",
                    isSelected: input.involvementId?.lowercased() == id.uuidString.lowercased()))
        }
        return try await req.page(
            "supervision/new",
            FormPage(
                layout: Layout(req, title: "Record supervision", errors: errors),
                supervisees: supervisees.map {
                    Choice(code: $0.id.uuidString.lowercased(), label: $0.name, isSelected: $0.id == chosen)
                }, involvements: choices.nonEmpty,
                functions: zip(
                    SupervisionFunction.all, [input.management, input.support, input.development, input.mediation]
                )
                .map { Function(code: $0.code, label: $0.label, value: $1, error: errors.message(for: $0.code)) },
                input: input,
                today: LondonTime.calendarDate(of: Date()).iso, errors: errors.forPage, fieldErrors: errors.byField),
            status: status)
    }

    static func create(req: Request) async throws -> Response {
        let input = try req.content.decode(SupervisionInput.self)
        let (supervision, errors) = try await record(req, input: input)
        guard let supervision else {
            return try await form(req, input: input, errors: errors, status: .unprocessableEntity)
        }
        return req.redirect(to: "/supervisions/\(try supervision.requireID().uuidString.lowercased())")
    }

    static func show(req: Request) async throws -> Response {
        struct Page: Encodable {
            var layout: Layout
            var supervision: SupervisionJSON
            var heldOn: String
            var functions: [Function]
            var cases: [CaseLine]?
            var canConfirm: Bool
            var evidenceLink: String?
            var actions: [SupervisionJSON.ActionJSON]?
        }
        struct Function: Encodable {
            var label: String
            var text: String?
        }
        struct CaseLine: Encodable {
            var work: String
            var json: SupervisionJSON.CaseJSON
        }
        let id = try req.uuidParameter("supervisionId")
        let page: Page = try await load(req, id: id) { granted, db in
            let json = try await json(granted.supervision, for: granted.actor, on: db)
            let works = try await Involvement.query(on: db).filter(\.$id ~~ json.cases.map(\.involvementId)).all()
            return Page(
                layout: Layout(req, title: "Supervision"), supervision: json,
                heldOn: DisplayFormat.calendarDate(json.heldOn),
                functions: zip(
                    SupervisionFunction.all, [json.management, json.support, json.development, json.mediation]
                )
                .map { Function(label: $0.label, text: $1) },
                cases: json.cases.map { item in
                    CaseLine(
                        work: works.first { $0.id == item.involvementId }.map {
                            Vocabulary.services.label(for: $0.service) ?? $0.service
                        } ?? "Piece of work", json: item)
                }.nonEmpty,
                canConfirm: granted.actor.id == granted.supervision.superviseeId
                    && granted.supervision.superviseeConfirmedAt == nil,
                evidenceLink: try await req.evidenceLink(
                    type: "supervision", id: id, authorId: granted.supervision.superviseeId, on: db),
                actions: json.actions.nonEmpty)
        }
        return try await req.page("supervision/show", page)
    }

    static func confirmPage(req: Request) async throws -> Response {
        try await confirm(req)
        return req.redirect(to: "/supervisions/\(try req.uuidParameter("supervisionId").uuidString.lowercased())")
    }

    // MARK: The work

    static func record(_ req: Request, input: SupervisionInput) async throws -> (Supervision?, FieldErrorList) {
        let user = try req.requireUser()
        var errors = FieldErrorList()
        let supervisees = try await supervisees(of: user.id, on: req.db)
        let supervisee = input.superviseeId.flatMap { UUID(uuidString: $0.trimmed) }
        if supervisee == nil || !supervisees.contains(where: { $0.id == supervisee }) {
            errors.add("superviseeId", "Choose someone you supervise")
        }
        let held = DateField.parse(input.heldOn, field: "heldOn", label: "the date", required: true, into: &errors)
        if let held, held > LondonTime.calendarDate(of: Date()) {
            errors.add("heldOn", "The date must not be in the future")
        }
        let management = errors.text(input.management, "management", "Management")
        let support = errors.text(input.support, "support", "Support")
        let development = errors.text(input.development, "development", "Development")
        let mediation = errors.text(input.mediation, "mediation", "Mediation")
        if [management, support, development, mediation].allSatisfy({ $0 == nil }) {
            errors.add("management", "Record what was discussed under at least one of the four functions")
        }
        var involvement: UUID?
        if let text = input.involvementId?.trimmed.nilIfEmpty {
            involvement = UUID(uuidString: text)
            if involvement == nil { errors.add("involvementId", "Choose a piece of work") }
        }
        let discussion = errors.text(
            input.discussion, "discussion", "The discussion",
            required: involvement != nil ? "Say what was discussed about this piece of work" : nil)
        let experience = errors.text(input.experience, "experience", "Experience")
        let reflection = errors.text(input.reflection, "reflection", "Reflection")
        let analysis = errors.text(input.analysis, "analysis", "Analysis")
        let actionPlan = errors.text(input.actionPlan, "actionPlan", "The action plan")
        // A case discussion belongs to a piece of work: without one it would be dropped, not saved.
        if involvement == nil,
            [discussion, experience, reflection, analysis, actionPlan].contains(where: { $0 != nil })
        {
            errors.add("involvementId", "Choose the piece of work this case discussion is about")
        }
        let action = errors.text(input.actionWhat, "actionWhat", "The action", limit: 1_000)
        let owner = errors.text(
            input.actionOwner, "actionOwner", "Who", limit: 200, required: action != nil ? "Say who will do it" : nil)
        let by = DateField.parse(
            input.actionBy, field: "actionBy", label: "when it is due", required: action != nil, into: &errors)
        guard errors.isEmpty, let supervisee, let held else { return (nil, errors) }
        let id = UUID()
        let caseDiscussed = involvement.flatMap { work in
            discussion.map {
                SupervisionJSON.CaseJSON(
                    involvementId: work, discussion: $0, experience: experience, reflection: reflection,
                    analysis: analysis, actionPlan: actionPlan)
            }
        }
        do {
            return (
                try await save(
                    req, user: user, id: id, supervisee: supervisee, held: held, caseDiscussed: caseDiscussed,
                    parts: (management, support, development, mediation), action: action, owner: owner, by: by),
                errors
            )
        } catch is CaseNotHeld {
            errors.add("involvementId", "Choose a piece of work the supervisee holds that you may see")
            return (nil, errors)
        }
    }

    static func save(
        _ req: Request, user: CurrentUser, id: UUID, supervisee: UUID, held: CalendarDate,
        caseDiscussed: SupervisionJSON.CaseJSON?,
        parts: (String?, String?, String?, String?), action: String?, owner: String?, by: CalendarDate?
    ) async throws -> Supervision {
        let (management, support, development, mediation) = parts
        return try await req.transaction { db in
            if let involvement = caseDiscussed?.involvementId {
                // The case must be the supervisee's allocated work, which the supervisor may see.
                guard
                    let work = try await Involvement.find(involvement, on: db), work.$allocatedUser.id == supervisee,
                    case .allowed = try await InvolvementController.check(
                        involvement, for: .view, actor: user.actor, on: db)
                else {
                    throw ValidationFailed(errors: [
                        FieldError(field: "involvementId", message: "Choose a piece of work the supervisee holds")
                    ])
                }
            }
            try await Audit.record(
                on: db, req, action: .create, subject: AuditSubject(type: "supervision", id: id.uuidString.lowercased())
            )
            let s = Supervision()
            s.id = id
            s.supervisorId = user.id
            s.superviseeId = supervisee
            s.heldOn = held.iso
            s.management = management
            s.support = support
            s.development = development
            s.mediation = mediation
            s.supervisorConfirmedAt = Date()
            s.createdAt = Date()
            try await s.create(on: db)
            if let discussed = caseDiscussed {
                let c = SupervisionCase()
                c.supervisionId = id
                c.involvementId = discussed.involvementId
                c.discussion = discussed.discussion
                c.experience = discussed.experience
                c.reflection = discussed.reflection
                c.analysis = discussed.analysis
                c.actionPlan = discussed.actionPlan
                try await c.create(on: db)
            }
            if let action, let owner, let by {
                let a = SupervisionAction()
                a.supervisionId = id
                a.owner = owner
                a.what = action
                a.byWhen = by.iso
                a.done = false
                try await a.create(on: db)
            }
            return s
        }
    }

    struct CaseNotHeld: Error {}

    /// The supervisee confirms the record is a fair account.
    static func confirm(_ req: Request) async throws {
        let id = try req.uuidParameter("supervisionId")
        try await load(req, id: id, audit: .update, detail: "confirmed") { granted, db in
            guard granted.actor.id == granted.supervision.superviseeId else {
                throw Abort(.forbidden, reason: "Only the supervisee confirms the record.")
            }
            granted.supervision.superviseeConfirmedAt = granted.supervision.superviseeConfirmedAt ?? Date()
            try await granted.supervision.save(on: db)
        }
    }

    // MARK: API

    static func apiCreate(req: Request) async throws -> Response {
        let input = try APIController.decodeBody(SupervisionInput.self, req)
        let (supervision, errors) = try await record(req, input: input)
        guard let supervision else { throw ValidationFailed(errors: errors.errors) }
        let actor = try req.requireUser().actor
        return try await req.transaction { db in
            try await json(supervision, for: actor, on: db)
        }.encodeResponse(status: .created, for: req)
    }

    /// Sessions the user held or had, newest first.
    static func apiList(req: Request) async throws -> ItemsJSON<SupervisionJSON> {
        let user = try req.requireUser()
        return try await req.read { db in
            try await Audit.record(on: db, req, action: .list, subject: AuditSubject(type: "supervision", id: nil))
            var items: [SupervisionJSON] = []
            let sessions = try await Supervision.query(on: db).group(.or) { group in
                group.filter(\.$supervisorId == user.id).filter(\.$superviseeId == user.id)
            }.sort(\.$heldOn, .descending).range(..<100).all()
            for session in sessions {
                items.append(try await json(session, for: user.actor, on: db))
            }
            return ItemsJSON(items: items)
        }
    }

    static func apiShow(req: Request) async throws -> SupervisionJSON {
        let id = try req.uuidParameter("supervisionId")
        return try await load(req, id: id) { granted, db in
            try await json(granted.supervision, for: granted.actor, on: db)
        }
    }

    static func apiConfirm(req: Request) async throws -> SupervisionJSON {
        try await confirm(req)
        return try await apiShow(req: req)
    }
}

/// Arranging supervision: a line manager says who supervises whom in their team, and how often.
extension SupervisionController {
    struct ArrangementInput: Content {
        var superviseeId: String?
        var supervisorId: String?
        var everyMonths: String?
    }

    struct ArrangementJSON: Content {
        var superviseeId: UUID
        var supervisorId: UUID
        var everyMonths: Int
    }

    /// Staff in the teams the user manages, who may be arranged as supervisee or supervisor.
    static func teamStaff(_ actor: Actor, on db: any SQLDatabase) async throws -> [UUID: String] {
        guard actor.managerRole != nil, !actor.managedTeamIds.isEmpty else { return [:] }
        let rows = try await db.raw(
            """
            SELECT DISTINCT u.id, u.display_name FROM users u JOIN team_memberships m ON m.user_id = u.id
            WHERE m.team_id IN (\(binds: Array(actor.managedTeamIds))) AND u.is_disabled = \(bind: false)
            """
        ).all()
        var staff = Dictionary(
            uniqueKeysWithValues: try rows.map {
                (try $0.decode(column: "id", as: UUID.self), try $0.decode(column: "display_name", as: String.self))
            })
        staff[actor.id] = staff[actor.id] ?? "Yourself"
        return staff
    }

    static func arrange(_ req: Request, input: ArrangementInput) async throws -> FieldErrorList {
        let actor = try req.requireUser().actor
        let staff = try await teamStaff(actor, on: req.db.sql)
        guard !staff.isEmpty else {
            throw Abort(.forbidden, reason: "Line managers arrange supervision for their teams.")
        }
        var errors = FieldErrorList()
        let supervisee = input.superviseeId.flatMap { UUID(uuidString: $0) }
        let supervisor = input.supervisorId.flatMap { UUID(uuidString: $0) }
        if supervisee == nil || staff[supervisee!] == nil { errors.add("superviseeId", "Choose someone in your team") }
        if supervisor == nil || staff[supervisor!] == nil {
            errors.add("supervisorId", "Choose a supervisor in your team")
        }
        if let supervisee, supervisee == supervisor { errors.add("supervisorId", "Nobody supervises themselves") }
        let monthsText = input.everyMonths?.trimmed.nilIfEmpty ?? "1"
        let months = Int(monthsText) ?? 0
        if !(1...3).contains(months) {
            errors.add("everyMonths", "Supervision is at least every three months: choose 1 to 3")
        }
        guard errors.isEmpty, let supervisee, let supervisor else { return errors }
        try await req.transaction { db in
            try await Audit.record(
                on: db, req, action: .update, subject: .user(supervisee),
                detail: "supervised by user:\(supervisor.uuidString.lowercased()) every \(months) months")
            let arrangement =
                try await SupervisionArrangement.query(on: db).filter(\.$superviseeId == supervisee).first()
                ?? SupervisionArrangement()
            arrangement.superviseeId = supervisee
            arrangement.supervisorId = supervisor
            arrangement.everyMonths = months
            try await arrangement.save(on: db)
        }
        return errors
    }

    static func arrangePage(req: Request) async throws -> Response {
        let input = try req.content.decode(ArrangementInput.self)
        let errors = try await arrange(req, input: input)
        guard errors.isEmpty else {
            return try await render(req, errors: errors, arrangement: input, status: .unprocessableEntity)
        }
        return req.redirect(to: "/supervision")
    }

    static func apiArrange(req: Request) async throws -> ArrangementJSON {
        let input = try APIController.decodeBody(ArrangementInput.self, req)
        try await arrange(req, input: input).throwIfAny()
        let supervisee = UUID(uuidString: input.superviseeId!)!
        let arrangement = try await SupervisionArrangement.query(on: req.db).filter(\.$superviseeId == supervisee)
            .first()!
        return ArrangementJSON(
            superviseeId: supervisee, supervisorId: arrangement.supervisorId, everyMonths: arrangement.everyMonths)
    }
}
