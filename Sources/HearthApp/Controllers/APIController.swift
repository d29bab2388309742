import HearthDomain
import SQLKit
import Vapor

/// A person in `/api/v1`.
struct PersonJSON: Content {
    var id: UUID
    var givenName: String
    var familyName: String
    var preferredName: String?
    var otherNames: [String]
    var dateOfBirth: String?
    var expectedDateOfBirth: String?
    var sex: String?
    var ethnicity: String?
    var nhsNumber: String?
    var upn: String?
    var uln: String?
    /// The current address's postcode.
    var postcode: String?
    var isRestricted: Bool
}

/// Everything the API says about people, read for many at once (three queries whatever the count).
enum PersonJSONQueries {
    static func load(_ ids: [UUID], on db: any SQLDatabase) async throws -> [PersonJSON] {
        guard !ids.isEmpty else { return [] }
        var otherNames: [UUID: [String]] = [:]
        for row in try await db.raw(
            "SELECT person_id, name FROM person_names WHERE person_id IN (\(binds: ids)) ORDER BY position"
        ).all() {
            otherNames[try row.decode(column: "person_id", as: UUID.self), default: []].append(
                try row.decode(column: "name", as: String.self))
        }
        var postcodes: [UUID: String] = [:]
        for row in try await db.raw(
            """
            SELECT person_id, postcode FROM addresses WHERE person_id IN (\(binds: ids)) AND moved_out_on IS NULL
            ORDER BY moved_in_on
            """
        ).all() {
            postcodes[try row.decode(column: "person_id", as: UUID.self)] = try row.decode(
                column: "postcode", as: String.self)
        }
        let rows = try await db.raw(
            """
            SELECT id, given_name, family_name, preferred_name, date_of_birth, expected_date_of_birth, sex, ethnicity,
              nhs_number, upn, uln, is_restricted
            FROM people WHERE id IN (\(binds: ids))
            """
        ).all()
        var byId: [UUID: PersonJSON] = [:]
        for row in rows {
            let id = try row.decode(column: "id", as: UUID.self)
            byId[id] = PersonJSON(
                id: id, givenName: try row.decode(column: "given_name", as: String.self),
                familyName: try row.decode(column: "family_name", as: String.self),
                preferredName: try row.decode(column: "preferred_name", as: String?.self),
                otherNames: otherNames[id] ?? [],
                dateOfBirth: try row.decode(column: "date_of_birth", as: String?.self),
                expectedDateOfBirth: try row.decode(column: "expected_date_of_birth", as: String?.self),
                sex: try row.decode(column: "sex", as: String?.self),
                ethnicity: try row.decode(column: "ethnicity", as: String?.self),
                nhsNumber: try row.decode(column: "nhs_number", as: String?.self),
                upn: try row.decode(column: "upn", as: String?.self),
                uln: try row.decode(column: "uln", as: String?.self),
                postcode: postcodes[id], isRestricted: try row.decode(column: "is_restricted", as: Bool.self))
        }
        return ids.compactMap { byId[$0] }
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
        return try await req.read { db in
            let people = try await PeopleQueries.visible(PersonVisibilityScope(for: user.actor), on: db.sql)
            try await Audit.record(on: db, req, action: .list, subject: .people, detail: "\(people.count) shown")
            return ItemsJSON(items: try await PersonJSONQueries.load(people.map(\.id), on: db.sql))
        }
    }

    static func person(req: Request) async throws -> PersonJSON {
        guard let id = req.parameters.get("personId", as: UUID.self) else { throw Abort(.notFound) }
        return try await PersonAccess.load(id, for: .view, req) { _, db in
            try await PersonJSONQueries.load([id], on: db.sql)[0]
        }
    }

    struct SearchItem: Content {
        var person: PersonJSON
        var score: Int
        var reasons: [String]
    }

    struct SearchJSON: Content {
        var items: [SearchItem]
        /// A likely match exists that the caller may not see: they should ask their manager.
        var possibleMatchNotShown: Bool
        var message: String?
    }

    static let hiddenMatchMessage = "A possible match exists that you cannot see: ask your manager."

    static func search(req: Request) async throws -> SearchJSON {
        let user = try req.requireUser()
        let q = (req.query[String.self, at: "q"] ?? "").trimmed
        let dobText = (req.query[String.self, at: "dateOfBirth"] ?? "").trimmed
        var errors = FieldErrorList()
        let dob = dobText.isEmpty ? nil : CalendarDate(iso: dobText)
        if !dobText.isEmpty, dob == nil { errors.add("dateOfBirth", "Date of birth must be a real date as YYYY-MM-DD") }
        if q.isEmpty, dob == nil { errors.add("q", "Give a name, identifier or postcode to search for") }
        if q.count > 200 { errors.add("q", "Search for 200 characters or fewer") }
        try errors.throwIfAny()
        return try await req.read { db in
            let outcome = try await PersonSearch.search(
                PersonQuery(text: q, dateOfBirth: dob), scope: PersonVisibilityScope(for: user.actor), on: db.sql)
            try await Audit.record(
                on: db, req, action: .search, subject: .people, detail: "\(outcome.results.count) shown")
            let people = try await PersonJSONQueries.load(outcome.results.map(\.personId), on: db.sql)
            return SearchJSON(
                items: zip(people, outcome.results).map {
                    SearchItem(person: $0, score: $1.match.score, reasons: $1.match.reasons)
                },
                possibleMatchNotShown: outcome.hiddenMatchExists,
                message: outcome.hiddenMatchExists ? hiddenMatchMessage : nil)
        }
    }

    struct DuplicatesJSON: Content {
        var error: String
        var candidates: [SearchItem]
        var possibleMatchNotShown: Bool
    }

    static func createPerson(req: Request) async throws -> Response {
        let input = try decodeBody(PersonInput.self, req)
        let (outcome, errors) = try await PersonRecordController.create(input, req)
        switch outcome {
        case .created(let person):
            let json = try await PersonJSONQueries.load([try person.requireID()], on: req.sql)[0]
            return try await json.encodeResponse(status: .created, for: req)
        case .possibleDuplicates(let duplicates):
            let people = try await PersonJSONQueries.load(duplicates.results.map(\.personId), on: req.sql)
            return try await DuplicatesJSON(
                error:
                    "This person may already be known. Check the candidates; send \"confirmNotDuplicate\": true to add them anyway.",
                candidates: zip(people, duplicates.results).map {
                    SearchItem(person: $0, score: $1.match.score, reasons: $1.match.reasons)
                },
                possibleMatchNotShown: duplicates.hiddenMatchExists
            ).encodeResponse(status: .conflict, for: req)
        case nil:
            throw ValidationFailed(errors: errors.errors)
        }
    }

    /// Decodes a JSON body; a body that does not fit answers 422 naming the field, like any bad input.
    static func decodeBody<T: Decodable>(_ type: T.Type, _ req: Request) throws -> T {
        // No body at all gets the same field-level answer as a body that is not JSON.
        guard let body = req.body.data, body.readableBytes > 0 else {
            throw ValidationFailed(errors: [FieldError(field: "body", message: "Send the fields as a JSON object")])
        }
        do {
            return try req.content.decode(T.self)
        } catch let error as DecodingError {
            let (path, message): ([any CodingKey], String) =
                switch error {
                case .typeMismatch(_, let context): (context.codingPath, "has the wrong type")
                case .valueNotFound(_, let context): (context.codingPath, "is missing")
                case .keyNotFound(let key, let context): (context.codingPath + [key], "is missing")
                case .dataCorrupted(let context): (context.codingPath, "is not valid JSON")
                @unknown default: ([], "is not valid")
                }
            let field = path.map(\.stringValue).joined(separator: ".")
            throw ValidationFailed(errors: [
                FieldError(field: field.isEmpty ? "body" : field, message: "This value \(message)")
            ])
        }
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
                        at: DisplayFormat.iso8601($0.at), kind: $0.kind.rawValue, summary: $0.summary,
                        sourceType: $0.sourceType, sourceId: $0.sourceId, personId: $0.personId,
                        linkedAs: $0.linkedAs, category: $0.category)
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
        return try await req.read { db in
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
