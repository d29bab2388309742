import HearthDomain
import SQLKit
import Vapor

struct AuditIndexPage: Encodable {
    var layout: Layout
    var subject: String
    var user: String
    var action: String
    var from: String
    var to: String
    var actions: [Choice]
    var events: [AuditEventView]?
    var errors: [FieldError]?
    var subjectError: String?
    var fromError: String?
    var toError: String?
    var nextPage: String?
    var previousPage: String?
}

/// Auditors browse the trail by record, user, action and date.
enum AuditController {
    static let pageSize = 100

    struct Query: Content {
        var subject: String?
        var user: String?
        var action: String?
        var from: String?
        var to: String?
        var page: Int?
    }

    static func index(req: Request) async throws -> Response {
        let query = try req.query.decode(Query.self)
        var errors = FieldErrorList()
        var filter = AuditFilter()
        filter.limit = pageSize
        let subject = (query.subject ?? "").trimmingCharacters(in: .whitespaces)
        if !subject.isEmpty {
            switch AuditSubjectFilter.parse(subject) {
            case .success(let parsed):
                filter.subjectType = parsed.type
                filter.subjectId = parsed.id
            case .failure(let problem): errors.add("subject", problem.message)
            }
        }
        let user = UserAdministration.normaliseEmail(query.user ?? "")
        if !user.isEmpty { filter.actorEmail = user }
        let action = query.action ?? ""
        if let known = AuditAction(rawValue: action) { filter.action = known.rawValue }
        let fromText = (query.from ?? "").trimmingCharacters(in: .whitespaces)
        let toText = (query.to ?? "").trimmingCharacters(in: .whitespaces)
        if !fromText.isEmpty {
            if let from = UKTime.date(fromText, time: "00:00") {
                filter.from = from
            } else {
                errors.add("from", "From date must be a real date, like \(DateField.example)")
            }
        }
        if !toText.isEmpty {
            if let to = UKTime.date(toText, time: "00:00") {
                filter.to = to.addingTimeInterval(24 * 60 * 60)
            } else {
                errors.add("to", "To date must be a real date, like \(DateField.example)")
            }
        }
        if let from = filter.from, let to = filter.to, to <= from {
            errors.add("to", "To date must be the same as or after the from date")
        }
        let page = max(query.page ?? 1, 1)
        filter.offset = (page - 1) * pageSize
        let activeFilter = filter
        let isValid = errors.isEmpty
        let events: [AuditEventRow] = try await req.read { db in
            guard isValid else { return [] }
            let events = try await AuditQueries.events(activeFilter, on: db.sql)
            try await Audit.record(
                on: db, req, action: .search, subject: .auditTrail, role: .auditor,
                detail: [subject, user, action, fromText, toText].filter { !$0.isEmpty }.joined(separator: " "))
            return events
        }
        var components = URLComponents()
        components.queryItems = [
            URLQueryItem(name: "subject", value: subject), URLQueryItem(name: "user", value: user),
            URLQueryItem(name: "action", value: action), URLQueryItem(name: "from", value: fromText),
            URLQueryItem(name: "to", value: toText),
        ].filter { !($0.value ?? "").isEmpty }
        func pageLink(_ number: Int) -> String {
            var link = components
            link.queryItems = (link.queryItems ?? []) + [URLQueryItem(name: "page", value: String(number))]
            return "/audit" + (link.string ?? "")
        }
        let viewer = try req.requireUser().actor
        let view = AuditIndexPage(
            layout: Layout(req, title: "Audit trail", errors: errors), subject: subject, user: user,
            action: action, from: fromText, to: toText,
            actions: Choice.list(AuditAction.allCases.map { CodedOption($0.rawValue, $0.label) }, selected: action),
            events: events.map { AuditEventView($0, for: viewer) }.nonEmpty, errors: errors.forPage,
            subjectError: errors.message(for: "subject"),
            fromError: errors.message(for: "from"), toError: errors.message(for: "to"),
            nextPage: events.count == pageSize ? pageLink(page + 1) : nil,
            previousPage: page > 1 ? pageLink(page - 1) : nil)
        let response = try await req.view.render("audit/index", view).encodeResponse(for: req)
        response.status = isValid ? .ok : .unprocessableEntity
        return response
    }
}

/// `type:id` as typed into the audit filter and the API's `subject` parameter.
enum AuditSubjectFilter {
    struct Problem: Error {
        var message: String
    }

    /// A record type as the audit writes them, "person" or "missing-episode": any of them can be followed
    /// from the audit table, so the shape is checked rather than a list that would fall behind the code.
    static func isRecordType(_ text: String) -> Bool {
        !text.isEmpty
            && text.split(separator: "-", omittingEmptySubsequences: false).allSatisfy { part in
                !part.isEmpty && part.allSatisfy { $0.isASCII && $0.isLowercase }
            }
    }

    static func parse(_ text: String) -> Result<(type: String, id: String?), Problem> {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        guard let type = parts.first, isRecordType(type) else {
            return .failure(Problem(message: "Subject must be a record type and id, like person:0f8c…, or just a type"))
        }
        guard parts.count == 2 else { return .success((type, nil)) }
        guard let id = UUID(uuidString: parts[1]) else {
            return .failure(Problem(message: "The id after \(type): must be a record id, like 0f8c2a1e-…"))
        }
        return .success((type, id.uuidString.lowercased()))
    }
}
