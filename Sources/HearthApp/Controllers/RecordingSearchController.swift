import Foundation
import HearthDomain
import SQLKit
import Vapor

/// Searching the words of recordings, with date and piece-of-work filters, on a page and in the API.
/// The search is audited with what was asked and how many were shown.
enum RecordingSearchController {
    struct Input: Content {
        var q: String?
        var from: String?
        var to: String?
        var involvementId: String?
    }

    struct Checked: Sendable {
        var query: RecordingSearch.Query?
        var errors: FieldErrorList
    }

    static func check(_ input: Input) -> Checked {
        var errors = FieldErrorList()
        let text = input.q?.trimmed ?? ""
        if text.count > 200 { errors.add("q", "Search for 200 characters or fewer") }
        let from = DateField.parse(input.from, field: "from", label: "the first date", required: false, into: &errors)
        let to = DateField.parse(input.to, field: "to", label: "the last date", required: false, into: &errors)
        if let from, let to, to < from { errors.add("to", "The last date must be on or after the first") }
        var involvement: UUID?
        if let raw = input.involvementId?.trimmed.nilIfEmpty {
            involvement = UUID(uuidString: raw)
            if involvement == nil { errors.add("involvementId", "Choose a piece of work from the list") }
        }
        guard errors.isEmpty, !text.isEmpty else { return Checked(query: nil, errors: errors) }
        return Checked(
            query: RecordingSearch.Query(
                text: text, from: from.map { LondonTime.moment($0, hour: 0) },
                to: to.map { LondonTime.moment($0.adding(days: 1), hour: 0) }, involvementId: involvement),
            errors: errors)
    }

    static func run(_ req: Request, _ query: RecordingSearch.Query) async throws -> [RecordingSearch.Hit] {
        let user = try req.requireUser()
        return try await req.read { db in
            let hits = try await RecordingSearch.search(
                query, scope: PersonVisibilityScope(for: user.actor), userId: user.id, on: db.sql)
            try await Audit.record(
                on: db, req, action: .search, subject: AuditSubject(type: "recording", id: nil),
                detail: "words; \(hits.count) shown")
            return hits
        }
    }

    struct HitJSON: Content {
        var id: UUID
        var occurredAt: String
        var kind: String
        var involvementId: UUID?
        var excerpt: String
        var matches: [String]
        var people: [String]
    }

    static func api(req: Request) async throws -> ItemsJSON<HitJSON> {
        let checked = check(try req.query.decode(Input.self))
        try checked.errors.throwIfAny()
        guard let query = checked.query else {
            throw ValidationFailed(errors: [FieldError(field: "q", message: "Enter the words to search for")])
        }
        return ItemsJSON(
            items: try await run(req, query).map { hit in
                HitJSON(
                    id: hit.id, occurredAt: DisplayFormat.iso8601(hit.occurredAt), kind: hit.kind,
                    involvementId: hit.involvementId, excerpt: hit.excerpt.map(\.text).joined(),
                    matches: hit.excerpt.filter(\.isMatch).map(\.text), people: hit.people)
            })
    }

    static func page(req: Request) async throws -> Response {
        let input = try req.query.decode(Input.self)
        let checked = check(input)
        struct Line: Encodable {
            var key: String
            var when: String
            var kind: String
            var people: String
            var excerpt: [RecordingSearch.Hit.Part]
        }
        struct Page: Encodable {
            var layout: Layout
            var q: String
            var from: String
            var to: String
            var involvementId: String
            var searched: Bool
            var lines: [Line]?
            var limit: Int
            var errors: [FieldError]?
            var fieldErrors: [String: String]
        }
        let hits = try await checked.query.asyncMap { try await run(req, $0) } ?? []
        let page = Page(
            layout: Layout(req, title: "Search recordings", errors: checked.errors),
            q: input.q ?? "", from: input.from ?? "", to: input.to ?? "", involvementId: input.involvementId ?? "",
            searched: checked.query != nil,
            lines: hits.map {
                Line(
                    key: $0.id.uuidString.lowercased(), when: DisplayFormat.dateTime($0.occurredAt),
                    kind: Vocabulary.recordingKinds.label(for: $0.kind) ?? $0.kind,
                    people: $0.people.joined(separator: ", "), excerpt: $0.excerpt)
            }.nonEmpty, limit: RecordingSearch.Query(text: "").limit, errors: checked.errors.forPage,
            fieldErrors: checked.errors.byField)
        return try await req.page(
            "recordings/search", page, status: checked.errors.isEmpty ? .ok : .unprocessableEntity)
    }
}
