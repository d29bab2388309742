import HearthDomain
import SQLKit
import Vapor

/// A person in `/api/v1`.
struct PersonJSON: Content {
    var id: UUID
    var givenName: String
    var familyName: String
    var dateOfBirth: String?
    var isRestricted: Bool

    init(_ summary: PersonSummary) {
        id = summary.id
        givenName = summary.givenName
        familyName = summary.familyName
        dateOfBirth = summary.dateOfBirth
        isRestricted = summary.isRestricted
    }
}

/// An audit event in `/api/v1/audit`.
struct AuditEventJSON: Content {
    var id: UUID
    var actorId: UUID?
    var actorEmail: String?
    var role: String?
    var action: String
    var subjectType: String?
    var subjectId: String?
    var at: String
    var outcome: String
    var clientAddress: String?
    var requestId: String?
    var reason: String?

    init(_ row: AuditEventRow) {
        id = row.id
        actorId = row.actorId
        actorEmail = row.actorEmail
        role = row.role
        action = row.action
        subjectType = row.subjectType
        subjectId = row.subjectId
        at = DisplayFormat.iso8601(row.at)
        outcome = row.outcome
        clientAddress = row.clientAddress
        requestId = row.requestId
        reason = row.reason
    }
}

struct ItemsJSON<Item: Content>: Content {
    var items: [Item]
}

enum APIController {
    static func people(req: Request) async throws -> ItemsJSON<PersonJSON> {
        let user = try req.requireUser()
        return try await req.transaction { db in
            let people = try await PeopleQueries.visible(PersonVisibilityScope(for: user.actor), on: db.sql)
            try await Audit.record(on: db, req, action: .list, subject: .people, detail: "\(people.count) shown")
            return ItemsJSON(items: people.map(PersonJSON.init))
        }
    }

    static func person(req: Request) async throws -> PersonJSON {
        guard let id = req.parameters.get("personId", as: UUID.self) else { throw Abort(.notFound) }
        let granted = try await PersonAccess.load(id, for: .view, req)
        return PersonJSON(try PersonSummary(granted.person))
    }

    struct ChronologyItem: Content {
        var at: String
        var kind: String
        var summary: String
        var sourceType: String
        var sourceId: String
        var personId: UUID
        var linkedAs: String?
        var category: String?
    }

    /// A person's chronology, oldest first.
    static func chronology(req: Request) async throws -> ItemsJSON<ChronologyItem> {
        let personId = try req.uuidParameter("personId")
        let (filter, errors) = ChronologyController.filter(from: try req.query.decode(ChronologyController.Query.self))
        try errors.throwIfAny()
        let actor = try req.requireUser().actor
        return try await PersonAccess.load(personId, for: .view, req, detail: "chronology") { _, db in
            let entries = try await ChronologyController.entries(for: personId, filter: filter, actor: actor, on: db)
            return ItemsJSON(
                items: entries.map {
                    ChronologyItem(
                        at: DisplayFormat.iso8601($0.at), kind: $0.kind, summary: $0.summary, sourceType: $0.sourceType,
                        sourceId: $0.sourceId, personId: $0.personId, linkedAs: $0.linkedAs, category: $0.category)
                })
        }
    }

    struct AuditQuery: Content {
        var subject: String?
        var limit: String?
    }

    /// A record's audit events, oldest first. Auditors only (the route's guard).
    static func audit(req: Request) async throws -> ItemsJSON<AuditEventJSON> {
        let query = try req.query.decode(AuditQuery.self)
        var errors = FieldErrorList()
        var filter = AuditFilter()
        filter.newestFirst = false
        filter.limit = 1000
        switch AuditSubjectFilter.parse(query.subject ?? "") {
        case .success(let parsed) where parsed.id != nil:
            filter.subjectType = parsed.type
            filter.subjectId = parsed.id
        case .success:
            errors.add("subject", "Give a record as type:id, like person:0f8c2a1e-…")
        case .failure(let problem):
            errors.add(
                "subject",
                (query.subject ?? "").isEmpty ? "Give the record to audit, like subject=person:<id>" : problem.message)
        }
        if let limitText = query.limit {
            if let limit = Int(limitText), (1...1000).contains(limit) {
                filter.limit = limit
            } else {
                errors.add("limit", "Limit must be a whole number from 1 to 1000")
            }
        }
        try errors.throwIfAny()
        let activeFilter = filter
        return try await req.transaction { db in
            let events = try await AuditQueries.events(activeFilter, on: db.sql)
            try await Audit.record(
                on: db, req, action: .search, subject: .auditTrail, role: .auditor,
                detail: "\(activeFilter.subjectType ?? ""):\(activeFilter.subjectId ?? "")")
            return ItemsJSON(items: events.map(AuditEventJSON.init))
        }
    }

    /// The OpenAPI 3 document for `/api/v1`, kept beside the code as `Resources/openapi.json`.
    static func openAPI(req: Request) async throws -> Response {
        let path = req.application.directory.resourcesDirectory + "openapi.json"
        let response = try await req.fileio.asyncStreamFile(at: path)
        response.headers.contentType = .json
        return response
    }
}
