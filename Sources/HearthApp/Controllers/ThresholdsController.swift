import Fluent
import HearthDomain
import SQLKit
import Vapor

struct ThresholdJSON: Content {
    struct Item: Content {
        var level: Int
        var label: String
        var text: String
    }

    var items: [Item]
}

struct ThresholdsPage: Encodable {
    struct Level: Encodable {
        var level: Int
        var label: String
        var text: String
        var error: String?
    }

    var layout: Layout
    var levels: [Level]
    var saved: Bool
    var errors: [FieldError]?
}

/// The local threshold descriptors: the organisation's words for each level of need. Everyone working
/// with children reads them beside the level; administrators write them.
enum ThresholdsController {
    static func items(on db: any SQLDatabase) async throws -> ThresholdJSON {
        let descriptors = try await ThresholdDescriptors.all(on: db)
        return ThresholdJSON(
            items: Vocabulary.needLevels.compactMap { option in
                Int(option.code).map { .init(level: $0, label: option.label, text: descriptors[$0] ?? "") }
            })
    }

    static func check(level: Int, text: String?) -> (String?, FieldErrorList) {
        var errors = FieldErrorList()
        if !(1...Vocabulary.needLevels.count).contains(level) { errors.add("level", "There is no level \(level)") }
        let text = errors.text(
            text, "text-\(level)", "The descriptor", limit: 4_000, required: "Write what this level means locally")
        return (text, errors)
    }

    static func save(_ req: Request, level: Int, text: String) async throws {
        let user = try req.requireUser()
        try await req.transaction { db in
            try await Audit.record(
                on: db, req, action: .update, subject: AuditSubject(type: "threshold-descriptor", id: String(level)))
            try await ThresholdDescriptors.save(level: level, text: text, by: user.id, on: db)
        }
    }

    static func show(req: Request) async throws -> Response {
        try await render(req, errors: FieldErrorList(), typed: [:], status: .ok)
    }

    static func render(_ req: Request, errors: FieldErrorList, typed: [Int: String], status: HTTPResponseStatus)
        async throws -> Response
    {
        let items = try await items(on: req.db.sql)
        let page = ThresholdsPage(
            layout: Layout(req, title: "Threshold descriptors", errors: errors),
            levels: items.items.map {
                .init(
                    level: $0.level, label: $0.label, text: typed[$0.level] ?? $0.text,
                    error: errors.message(for: "text-\($0.level)"))
            }, saved: req.query[String.self, at: "saved"] != nil, errors: errors.forPage)
        return try await req.page("admin/thresholds", page, status: status)
    }

    static func update(req: Request) async throws -> Response {
        struct Form: Content { var text: String? }
        guard let level = req.parameters.get("level", as: Int.self) else { throw Abort(.notFound) }
        let form = try req.content.decode(Form.self)
        let (text, errors) = check(level: level, text: form.text)
        guard errors.isEmpty, let text else {
            return try await render(req, errors: errors, typed: [level: form.text ?? ""], status: .unprocessableEntity)
        }
        try await save(req, level: level, text: text)
        return req.redirect(to: "/admin/thresholds?saved=1")
    }

    static func apiList(req: Request) async throws -> ThresholdJSON {
        _ = try req.requireUser()
        return try await items(on: req.db.sql)
    }

    static func apiUpdate(req: Request) async throws -> ThresholdJSON {
        struct Body: Content { var text: String? }
        guard let level = req.parameters.get("level", as: Int.self) else { throw Abort(.notFound) }
        let body = try APIController.decodeBody(Body.self, req)
        let (text, errors) = check(level: level, text: body.text)
        // The form names the field for its level ("text-2"); the API's body calls it `text`.
        try await ValidationFailed.naming({ $0.hasPrefix("text-") ? "text" : $0 }) { try errors.throwIfAny() }
        try await save(req, level: level, text: text!)
        return try await items(on: req.db.sql)
    }
}
