import Fluent
import HearthDomain
import SQLKit
import Vapor

struct PeopleIndexPage: Encodable {
    var layout: Layout
    var people: [PersonSummary]?
}

struct PersonShowPage: Encodable {
    var layout: Layout
    var person: PersonSummary
    var profile: [ProfileRow]
    var allocations: [PeopleQueries.AllocationLine]?
    var roleUsed: String
    var canSeeAccessLog: Bool
    var canEdit: Bool
    var accessedByBreakingGlass: Bool
    var words: [PersonPageQueries.QuoteLine]?
    var network: [PersonPageQueries.RelationshipLine]?
    var families: [PersonPageQueries.FamilyLine]?
    /// For the team's managers: records that may be the same person, and merges that can be undone.
    var possibleDuplicates: [SearchResultView]?
    var merges: [PersonPageQueries.MergeLine]?
    var notice: String?
    var involvements: [PersonPageQueries.InvolvementLine]?
    var recordings: [PersonPageQueries.RecordingLine]?
    var chronology: [ChronologyPage.Entry]?
    var justRecorded: Bool
    /// "12 March 2014 (12)", "Due 20 February 2027", or "Date of birth not known".
    var born: String

    struct ProfileRow: Encodable {
        var key: String
        var value: String
    }
}

struct PersonRestrictedPage: Encodable {
    var layout: Layout
    var personId: UUID
    var reason: String
    var errors: [FieldError]?
    var reasonError: String?
}

struct PersonAccessLogPage: Encodable {
    var layout: Layout
    var person: PersonSummary
    var events: [AuditEventView]?
}

struct PeopleController: Sendable {
    func index(req: Request) async throws -> View {
        let user = try req.requireUser()
        let people: [PersonSummary] = try await req.read { db in
            let people = try await PeopleQueries.visible(
                PersonVisibilityScope(for: user.actor), on: db.sql, includingBreakGlass: true)
            try await Audit.record(on: db, req, action: .list, subject: .people, detail: "\(people.count) shown")
            return people
        }
        return try await req.view.render(
            "people/index", PeopleIndexPage(layout: Layout(req, title: "People"), people: people.nonEmpty))
    }

    func show(req: Request) async throws -> Response {
        let id = try personId(req)
        do {
            let viewer = try req.requireUser()
            let page: PersonShowPage = try await PersonAccess.load(id, for: .view, req) { granted, db in
                let summary = try PersonSummary(granted.person)
                let canSeeAccessLog = PersonAccess.decide(.viewAudit, granted.facts, req).isAllowed
                var filter = ChronologyFilter()
                filter.from = Calendar.current.date(byAdding: .month, value: -6, to: Date())
                let chronology = try await ChronologyController.entries(
                    for: id, filter: filter, actor: viewer.actor, on: db)
                let page = PersonShowPage(
                    layout: Layout(req, title: "\(summary.givenName) \(summary.familyName)"), person: summary,
                    profile: PersonProfile.rows(granted.person),
                    allocations: try await PeopleQueries.allocations(personId: id, on: db.sql).nonEmpty,
                    roleUsed: granted.role.label, canSeeAccessLog: canSeeAccessLog,
                    canEdit: PersonAccess.decide(.edit, granted.facts, req).isAllowed,
                    accessedByBreakingGlass: granted.facts.isRestricted
                        && granted.facts.breakGlassUserIds.contains(viewer.id)
                        && !granted.facts.namedUserIds.contains(viewer.id),
                    words: try await PersonPageQueries.words(of: id, on: db.sql).nonEmpty,
                    network: try await PersonPageQueries.relationships(of: id, on: db.sql).nonEmpty,
                    families: try await PersonPageQueries.families(of: id, on: db.sql).nonEmpty,
                    possibleDuplicates: try await managerDuplicates(granted, viewer: viewer, on: db),
                    merges: MergeController.isManager(granted.role)
                        ? try await PersonPageQueries.merges(into: id, on: db.sql).nonEmpty : nil,
                    notice: req.query[String.self, at: "merged"] != nil
                        ? "Records merged." : req.query[String.self, at: "unmerged"] != nil ? "Merge undone." : nil,
                    involvements: try await PersonPageQueries.involvements(of: id, on: db.sql).nonEmpty,
                    recordings: try await PersonPageQueries.recordings(of: id, viewer: viewer.id, on: db.sql).nonEmpty,
                    chronology: chronology.suffix(8).reversed().map { ChronologyPage.Entry($0) }.nonEmpty,
                    justRecorded: req.query[String.self, at: "recorded"] != nil,
                    born: PersonProfile.born(granted.person))
                return page
            }
            return try await req.view.render("people/show", page).encodeResponse(for: req)
        } catch let restricted as PersonAccess.RestrictedRecord {
            return try await renderRestricted(req, personId: restricted.personId, reason: "", errors: FieldErrorList())
        }
    }

    /// Likely duplicates of this person that the viewer, a manager of the team, could merge.
    private func managerDuplicates(_ granted: PersonAccess.Granted, viewer: CurrentUser, on db: any Database)
        async throws
        -> [SearchResultView]?
    {
        guard MergeController.isManager(granted.role), let id = granted.person.id else { return nil }
        guard let facts = try await PersonSearch.facts(for: [id], on: db.sql)[id] else { return nil }
        let outcome = try await PersonSearch.duplicates(
            of: facts, scope: PersonVisibilityScope(for: viewer.actor), on: db.sql, excluding: id)
        return outcome.results.map(PersonRecordController.view).nonEmpty
    }

    /// "Who has seen this record": for the allocated team's managers and for auditors.
    func accessLog(req: Request) async throws -> Response {
        let id = try personId(req)
        let actor = try req.requireUser().actor
        let page: PersonAccessLogPage = try await PersonAccess.load(id, for: .viewAudit, req, detail: "access log") {
            granted, db in
            var filter = AuditFilter()
            filter.subjectType = "person"
            filter.subjectId = id.uuidString.lowercased()
            let events = try await AuditQueries.events(filter, on: db.sql)
            let summary = try PersonSummary(granted.person)
            return PersonAccessLogPage(
                layout: Layout(req, title: "Who has seen the record of \(summary.givenName) \(summary.familyName)"),
                person: summary, events: events.map { AuditEventView($0, for: actor) }.nonEmpty)
        }
        return try await req.view.render("people/access-log", page).encodeResponse(for: req)
    }

    struct BreakGlassForm: Content {
        var reason: String?
    }

    static let breakGlassReasonMinimum = 10
    static let breakGlassReasonMaximum = 1000

    /// Time-limited access to a restricted record, for a user the ordinary rules would let in.
    func breakGlass(req: Request) async throws -> Response {
        let id = try personId(req)
        let user = try req.requireUser()
        let reason = (try req.content.decode(BreakGlassForm.self).reason ?? "").trimmingCharacters(
            in: .whitespacesAndNewlines)
        var errors = FieldErrorList()
        if reason.isEmpty {
            errors.add("reason", "Enter why you need to see this record now")
        } else if reason.count < Self.breakGlassReasonMinimum {
            errors.add(
                "reason",
                "Reason must be \(Self.breakGlassReasonMinimum) characters or more: say why you need the record now")
        } else if reason.count > Self.breakGlassReasonMaximum {
            errors.add(
                "reason", "Reason must be \(DisplayFormat.number(Self.breakGlassReasonMaximum)) characters or fewer")
        }
        let settings = req.settings
        let isValid = errors.isEmpty
        let granted: Bool = try await req.transaction { db in
            let facts = try await PersonAccess.loadFacts(personId: id, on: db.sql)
            guard case .denied(canBreakGlass: true) = PersonAccess.policy.decide(user.actor, .view, facts) else {
                try await Audit.record(on: db, req, action: .breakGlass, subject: .person(id), outcome: .denied)
                return false
            }
            guard isValid else { return true }
            let now = Date()
            try await AccessGrant(
                personId: id, userId: user.id, reason: reason, grantedAt: now,
                expiresAt: now.addingTimeInterval(settings.breakGlassDuration)
            ).create(on: db)
            try await Audit.record(on: db, req, action: .breakGlass, subject: .person(id), reason: reason)
            return true
        }
        guard granted else { throw Abort(.notFound) }
        guard errors.isEmpty else {
            return try await renderRestricted(req, personId: id, reason: reason, errors: errors)
        }
        return req.redirect(to: "/people/\(id.uuidString.lowercased())")
    }

    private func renderRestricted(_ req: Request, personId: UUID, reason: String, errors: FieldErrorList) async throws
        -> Response
    {
        let page = PersonRestrictedPage(
            layout: Layout(
                req, title: "This record is restricted", errors: errors),
            personId: personId, reason: reason, errors: errors.forPage, reasonError: errors.message(for: "reason"))
        let response = try await req.view.render("people/restricted", page).encodeResponse(for: req)
        response.status = errors.isEmpty ? .forbidden : .unprocessableEntity
        return response
    }

    private func personId(_ req: Request) throws -> UUID {
        // A malformed id is just a page that does not exist.
        guard let id = req.parameters.get("personId", as: UUID.self) else { throw Abort(.notFound) }
        return id
    }
}

extension PersonSummary {
    init(_ person: Person) throws {
        self.init(
            id: try person.requireID(), givenName: person.givenName, familyName: person.familyName,
            dateOfBirth: person.dateOfBirth, isRestricted: person.isRestricted)
    }
}
