import Fluent
import HearthDomain
import SQLKit
import Vapor

struct ReflectionInput: Content, Sendable {
    var model: String?
    var title: String?
    /// Keyed by the model's prompt codes.
    var parts: [String: String]?
    var items: [String]?
    var cpdHours: String?
}

struct ReflectionJSON: Content {
    var id: UUID
    var model: String
    var title: String
    var parts: [String: String]
    var items: [String]
    var cpdHours: Double?
    var sharedWith: String?
    var createdAt: String
}

/// The reflective journal and CPD log: private to the author until they share an entry with their
/// supervisor or tutor.
enum JournalController {
    static func json(_ r: Reflection, names: [UUID: String] = [:]) throws -> ReflectionJSON {
        ReflectionJSON(
            id: try r.requireID(), model: r.model, title: r.title,
            parts: AssessmentStore.decode([String: String].self, r.parts) ?? [:],
            items: r.items.split(separator: ",").map(String.init), cpdHours: r.cpdHours,
            sharedWith: r.sharedWithId.flatMap { names[$0] }, createdAt: DisplayFormat.iso8601(r.createdAt))
    }

    /// Only the author, and the one person it is shared with, may read an entry; everyone else gets 404.
    static func load<T: Sendable>(
        _ req: Request, id: UUID? = nil, audit: AuditAction = .view, authorOnly: Bool = false,
        work: @escaping @Sendable (Reflection, any Database) async throws -> T
    ) async throws -> T {
        let id = try id ?? req.uuidParameter("reflectionId")
        let actor = try req.requireUser().actor
        return try await RecordGate.pass(
            req, subject: AuditSubject(type: "reflection", id: id.uuidString.lowercased()), audit: audit,
            check: { db -> RecordGate.Verdict<Reflection> in
                guard let r = try await Reflection.find(id, on: db) else { return .missing }
                let allowed = r.authorId == actor.id || (!authorOnly && r.sharedWithId == actor.id)
                return allowed
                    ? .allowed(r, role: actor.practiceRole ?? actor.managerRole ?? .tutorAssessor)
                    : .denied(canBreakGlass: false)
            },
            work: { r, _, db in try await work(r, db) })
    }

    /// Who an entry may be shared with: the author's supervisor and their tutor.
    static func shareTargets(of userId: UUID, on db: any Database) async throws -> [UUID: String] {
        var ids: [UUID] = []
        if let arrangement = try await SupervisionArrangement.query(on: db).filter(\.$superviseeId == userId).first() {
            ids.append(arrangement.supervisorId)
        }
        ids += try await Apprenticeship.query(on: db).filter(\.$apprenticeId == userId).all().compactMap(\.tutorId)
        return try await UserNames.lookup(Set(ids), on: db.sql)
    }

    static func index(req: Request) async throws -> Response {
        struct Line: Encodable {
            var id: UUID
            var title: String
            var model: String
            var date: String
            var shared: String?
            var isMine: Bool
        }
        struct Page: Encodable {
            var layout: Layout
            var lines: [Line]?
            var cpdHours: String
        }
        let user = try req.requireUser()
        let page: Page = try await req.read { db in
            try await Audit.record(on: db, req, action: .list, subject: AuditSubject(type: "reflection", id: nil))
            let entries = try await Reflection.query(on: db).group(.or) {
                $0.filter(\.$authorId == user.id).filter(\.$sharedWithId == user.id)
            }.sort(\.$createdAt, .descending).all()
            let names = try await UserNames.lookup(
                Set(entries.flatMap { [$0.authorId] + [$0.sharedWithId].compactMap { $0 } }), on: db.sql)
            return Page(
                layout: Layout(req, title: "Reflective journal"),
                lines: try entries.map {
                    Line(
                        id: try $0.requireID(), title: $0.title,
                        model: ReflectiveModel.named($0.model)?.name ?? $0.model,
                        date: DisplayFormat.dateTime($0.createdAt),
                        shared: $0.authorId == user.id
                            ? $0.sharedWithId.flatMap { names[$0] }.map { "Shared with \($0)" }
                            : "Shared with you by \(names[$0.authorId] ?? "")",
                        isMine: $0.authorId == user.id)
                }.nonEmpty,
                cpdHours: String(
                    format: "%.1f", entries.filter { $0.authorId == user.id }.compactMap(\.cpdHours).reduce(0, +)))
        }
        return try await req.page("journal/index", page)
    }

    struct FormPage: Encodable {
        struct Prompt: Encodable {
            var code: String
            var label: String
            var value: String?
            var error: String?
        }

        var layout: Layout
        var model: String
        var models: [Choice]
        var prompts: [Prompt]
        var items: [Choice]?
        var input: ReflectionInput
        var errors: [FieldError]?
        var fieldErrors: [String: String]
    }

    static func new(req: Request) async throws -> Response {
        var input = ReflectionInput()
        input.model = (try? req.query.get(String.self, at: "model")) ?? "gibbs"
        return try await form(req, input: input, errors: FieldErrorList(), status: .ok)
    }

    static func form(_ req: Request, input: ReflectionInput, errors: FieldErrorList, status: HTTPResponseStatus)
        async throws -> Response
    {
        let model = ReflectiveModel.named(input.model) ?? .gibbs
        let items = try await StandardStore.items(reference: "ST0088", on: req.db.sql)?.1 ?? []
        return try await req.page(
            "journal/new",
            FormPage(
                layout: Layout(req, title: "New reflection", errors: errors),
                model: model.code,
                models: ReflectiveModel.all.map {
                    Choice(code: $0.code, label: $0.name, isSelected: $0.code == model.code)
                },
                prompts: model.prompts.map {
                    .init(
                        code: $0.code, label: $0.label, value: input.parts?[$0.code],
                        error: errors.message(for: "part-\($0.code)"))
                },
                items: items.map { Choice(code: $0.code, label: "\($0.code): \($0.text)", isSelected: false) }.nonEmpty,
                input: input, errors: errors.forPage, fieldErrors: errors.byField),
            status: status)
    }

    static func create(req: Request) async throws -> Response {
        let input = try req.content.decode(ReflectionInput.self)
        let (reflection, errors) = try await write(req, input: input)
        guard let reflection else {
            return try await form(req, input: input, errors: errors, status: .unprocessableEntity)
        }
        return req.redirect(to: "/journal/\(try reflection.requireID().uuidString.lowercased())")
    }

    static func write(_ req: Request, input: ReflectionInput) async throws -> (Reflection?, FieldErrorList) {
        let user = try req.requireUser()
        var errors = FieldErrorList()
        let model = ReflectiveModel.named(input.model)
        if model == nil { errors.add("model", "Choose Gibbs’ or Kolb’s model") }
        let title = errors.text(input.title, "title", "Title", limit: 200, required: "Give the reflection a title")
        var parts: [String: String] = [:]
        for prompt in model?.prompts ?? [] {
            // Named by its stage: the whole label is a question, which reads badly at the start of a message.
            if let text = errors.text(input.parts?[prompt.code], "part-\(prompt.code)", prompt.stage, limit: 8_000) {
                parts[prompt.code] = text
            }
        }
        if model != nil, parts.isEmpty, let first = model?.prompts.first {
            errors.add("part-\(first.code)", "Write at least the first part of the reflection")
        }
        var hours: Double?
        if let text = input.cpdHours?.trimmed.nilIfEmpty {
            hours = Double(text)
            if hours == nil || hours! <= 0 || hours! > 100 {
                errors.add("cpdHours", "Enter CPD hours as a number, like 1.5")
            }
        }
        let known = Set(try await StandardStore.items(reference: "ST0088", on: req.db.sql)?.1.map(\.code) ?? [])
        let codes = (input.items ?? []).map(\.trimmed).filter { !$0.isEmpty }
        if let unknown = codes.first(where: { !known.contains($0) }) {
            errors.add("items", "\(unknown) is not an item of the standard")
        }
        guard errors.isEmpty, let model, let title else { return (nil, errors) }
        let id = UUID()
        let reflection = Reflection()
        reflection.id = id
        reflection.authorId = user.id
        reflection.model = model.code
        reflection.title = title
        reflection.parts = try AssessmentStore.encode(parts)
        reflection.items = codes.joined(separator: ",")
        reflection.cpdHours = hours
        reflection.createdAt = Date()
        try await req.transaction { db in
            try await Audit.record(
                on: db, req, action: .create, subject: AuditSubject(type: "reflection", id: id.uuidString.lowercased()))
            try await reflection.create(on: db)
        }
        return (reflection, errors)
    }

    static func show(req: Request) async throws -> Response {
        struct Part: Encodable {
            var label: String
            var text: String
        }
        struct Page: Encodable {
            var layout: Layout
            var reflection: ReflectionJSON
            var model: String
            var parts: [Part]
            var isMine: Bool
            var targets: [Choice]?
            var canUseAsEvidence: Bool
            var items: [String]?
        }
        let user = try req.requireUser()
        let page: Page = try await load(req) { r, db in
            let targets =
                r.authorId == user.id && r.sharedWithId == nil ? try await shareTargets(of: user.id, on: db) : [:]
            let apprenticeships =
                r.authorId == user.id
                ? try await Apprenticeship.query(on: db).filter(\.$apprenticeId == user.id).count() : 0
            let apprentice = apprenticeships > 0
            let names = try await UserNames.lookup(Set([r.sharedWithId].compactMap { $0 }), on: db.sql)
            let json = try json(r, names: names)
            let model = ReflectiveModel.named(r.model) ?? .gibbs
            return Page(
                layout: Layout(req, title: r.title), reflection: json, model: model.name,
                parts: model.prompts.compactMap { prompt in
                    json.parts[prompt.code].map { Part(label: prompt.label, text: $0) }
                },
                isMine: r.authorId == user.id,
                targets: targets.map {
                    Choice(code: $0.key.uuidString.lowercased(), label: $0.value, isSelected: false)
                }.nonEmpty, canUseAsEvidence: apprentice, items: json.items.nonEmpty)
        }
        return try await req.page("journal/show", page)
    }

    static func sharePage(req: Request) async throws -> Response {
        struct Form: Content { var with: String? }
        try await share(req, with: try req.content.decode(Form.self).with)
        return req.redirect(to: "/journal/\(try req.uuidParameter("reflectionId").uuidString.lowercased())")
    }

    /// Shares an entry with the author's supervisor or tutor: one person, chosen by the author.
    static func share(_ req: Request, with target: String?) async throws {
        let user = try req.requireUser()
        try await load(req, audit: .update, authorOnly: true) { r, db in
            let targets = try await shareTargets(of: user.id, on: db)
            guard let id = target.flatMap({ UUID(uuidString: $0) }), targets[id] != nil else {
                throw ValidationFailed(errors: [FieldError(field: "with", message: "Choose your supervisor or tutor")])
            }
            r.sharedWithId = id
            r.sharedAt = Date()
            try await r.save(on: db)
        }
    }

    static func apiCreate(req: Request) async throws -> Response {
        let input = try APIController.decodeBody(ReflectionInput.self, req)
        let (reflection, errors) = try await write(req, input: input)
        guard let reflection else { throw ValidationFailed(errors: errors.errors) }
        return try await json(reflection).encodeResponse(status: .created, for: req)
    }

    static func apiShow(req: Request) async throws -> ReflectionJSON {
        try await load(req) { r, db in
            try json(r, names: try await UserNames.lookup(Set([r.sharedWithId].compactMap { $0 }), on: db.sql))
        }
    }

    /// The user's own entries and those shared with them.
    static func apiList(req: Request) async throws -> ItemsJSON<ReflectionJSON> {
        let user = try req.requireUser()
        return try await req.read { db in
            try await Audit.record(on: db, req, action: .list, subject: AuditSubject(type: "reflection", id: nil))
            let entries = try await Reflection.query(on: db).group(.or) {
                $0.filter(\.$authorId == user.id).filter(\.$sharedWithId == user.id)
            }.sort(\.$createdAt, .descending).all()
            let names = try await UserNames.lookup(Set(entries.compactMap(\.sharedWithId)), on: db.sql)
            return ItemsJSON(items: try entries.map { try json($0, names: names) })
        }
    }

    static func apiShare(req: Request) async throws -> ReflectionJSON {
        struct Body: Content { var with: String? }
        try await share(req, with: try APIController.decodeBody(Body.self, req).with)
        return try await apiShow(req: req)
    }
}
