import Fluent
import HearthDomain
import SQLKit
import Vapor

struct ExtractJSON: Content {
    var text: String
}

struct EvidenceJSON: Content {
    struct Item: Content {
        var code: String
        var confirmed: Bool
    }

    var id: UUID
    var apprenticeshipId: UUID
    var sourceType: String
    var title: String
    var extract: String
    var sharedAt: String?
    var items: [Item]
}

struct EvidenceFormPage: Encodable {
    var layout: Layout
    var recordingId: String
    var title: String
    var extract: String
    var replaced: [String]?
    var items: [Choice]
    var errors: [FieldError]?
    var fieldErrors: [String: String]
}

/// Practice as apprenticeship evidence: the apprentice sees the pseudonymised extract of their recording,
/// confirms it, and only then is it shared. The tutor sees the extract and never the record.
enum EvidenceController {
    struct EvidenceInput: Content {
        var items: [String]?
        var recordingId: String?
    }

    static func title(_ recording: Recording) -> String {
        "\(Vocabulary.recordingKinds.label(for: recording.kind) ?? recording.kind), \(DisplayFormat.calendarDate(UKTime.dayString(recording.occurredAt)))"
    }

    /// The extract of a recording the user may see, audited as an export.
    static func extract(_ req: Request, recordingId: UUID) async throws -> (Recording, PseudonymisedText) {
        try await RecordingAccess.load(recordingId, for: .view, audit: .export, req) { granted, db in
            (
                granted.recording,
                try await EvidenceExtract.forRecording(granted.recording, subjects: granted.subjectIds, on: db)
            )
        }
    }

    static func apiExtract(req: Request) async throws -> ExtractJSON {
        ExtractJSON(text: try await extract(req, recordingId: try req.uuidParameter("recordingId")).1.text)
    }

    /// The user's own apprenticeship, where they are the apprentice.
    static func ownApprenticeship(_ req: Request) async throws -> Apprenticeship {
        let user = try req.requireUser()
        guard
            let a = try await Apprenticeship.query(on: req.db).filter(\.$apprenticeId == user.id)
                .sort(\.$startedOn, .descending).first()
        else { throw Abort(.notFound, reason: "You have no apprenticeship to add evidence to.") }
        return a
    }

    static func form(req: Request) async throws -> Response {
        try await renderForm(req, errors: FieldErrorList(), status: .ok)
    }

    static func renderForm(_ req: Request, errors: FieldErrorList, status: HTTPResponseStatus) async throws -> Response
    {
        let a = try await ownApprenticeship(req)
        let recordingId = try req.uuidParameter("recordingId")
        let (recording, extract) = try await extract(req, recordingId: recordingId)
        let items = try await StandardStore.items(standardId: a.standardId, on: req.db.sql).filter {
            $0.option == nil || $0.option == a.option
        }
        let counts = Dictionary(grouping: extract.replacements, by: \.category).map { "\($1.count) \($0.placeholder)" }
        return try await req.page(
            "evidence/new",
            EvidenceFormPage(
                layout: Layout(req, title: errors.isEmpty ? "Use as evidence" : "Error: Use as evidence"),
                recordingId: recordingId.uuidString.lowercased(), title: title(recording), extract: extract.text,
                replaced: counts.sorted().nonEmpty,
                items: items.map { Choice(code: $0.code, label: "\($0.code): \($0.text)", isSelected: false) },
                errors: errors.forPage, fieldErrors: errors.byField),
            status: status)
    }

    static func create(req: Request) async throws -> Response {
        let input = try req.content.decode(EvidenceInput.self)
        let (a, errors) = try await add(
            req, recordingId: try req.uuidParameter("recordingId"), items: input.items ?? [])
        guard let a else { return try await renderForm(req, errors: errors, status: .unprocessableEntity) }
        return req.redirect(to: "/apprenticeships/\(try a.requireID().uuidString.lowercased())")
    }

    /// Links a recording as evidence for items of the standard. The extract is made here, on the server,
    /// from the recording as it is now: what the apprentice confirmed on the previous page.
    static func add(_ req: Request, recordingId: UUID, items: [String]) async throws -> (
        Apprenticeship?, FieldErrorList
    ) {
        let a = try await ownApprenticeship(req)
        let known = Set(
            try await StandardStore.items(standardId: a.standardId, on: req.db.sql).filter {
                $0.option == nil || $0.option == a.option
            }.map(\.code))
        var errors = FieldErrorList()
        let codes = Array(Set(items.map(\.trimmed).filter { !$0.isEmpty })).sorted()
        if codes.isEmpty { errors.add("items", "Choose the items of the standard this shows") }
        if let unknown = codes.first(where: { !known.contains($0) }) {
            errors.add("items", "\(unknown) is not an item of your standard and option")
        }
        guard errors.isEmpty else { return (nil, errors) }
        let apprenticeshipId = try a.requireID()
        try await RecordingAccess.load(recordingId, for: .view, audit: .export, req) { granted, db in
            let extract = try await EvidenceExtract.forRecording(
                granted.recording, subjects: granted.subjectIds, on: db)
            let evidence = Evidence()
            evidence.apprenticeshipId = apprenticeshipId
            evidence.sourceType = "recording"
            evidence.sourceId = recordingId
            evidence.title = title(granted.recording)
            evidence.extract = extract.text
            evidence.sharedAt = Date()
            evidence.createdAt = Date()
            try await evidence.create(on: db)
            for code in codes {
                let item = EvidenceItem()
                item.evidenceId = try evidence.requireID()
                item.code = code
                try await item.create(on: db)
            }
        }
        return (a, errors)
    }

    /// A reflection offered as evidence: its author's own writing, pseudonymised against everyone in their
    /// work, and shared when they press the button.
    static func addReflection(req: Request) async throws -> Response {
        let input = try req.content.decode(EvidenceInput.self)
        let a = try await ownApprenticeship(req)
        let known = Set(
            try await StandardStore.items(standardId: a.standardId, on: req.db.sql).filter {
                $0.option == nil || $0.option == a.option
            }.map(\.code))
        let codes = Array(Set((input.items ?? []).map(\.trimmed).filter { known.contains($0) })).sorted()
        let apprenticeshipId = try a.requireID()
        let reflectionId = try req.uuidParameter("reflectionId")
        try await JournalController.load(req, audit: .export, authorOnly: true) { r, db in
            let model = ReflectiveModel.named(r.model) ?? .gibbs
            let parts = AssessmentStore.decode([String: String].self, r.parts) ?? [:]
            let text =
                [r.title] + model.prompts.compactMap { prompt in parts[prompt.code].map { "\(prompt.label)\n\($0)" } }
            let extract = try await EvidenceExtract.forAuthorsText(
                text.joined(separator: "\n\n"), authorId: r.authorId, on: db)
            let evidence = Evidence()
            evidence.apprenticeshipId = apprenticeshipId
            evidence.sourceType = "reflection"
            evidence.sourceId = reflectionId
            // The title is the extract's first line: the reflection's title, pseudonymised with the rest.
            evidence.title = "Reflection: \(extract.text.split(separator: "\n").first.map(String.init) ?? "")"
            evidence.extract = extract.text
            evidence.sharedAt = Date()
            evidence.createdAt = Date()
            try await evidence.create(on: db)
            for code in codes.isEmpty ? r.items.split(separator: ",").map(String.init) : codes
            where known.contains(code) {
                let item = EvidenceItem()
                item.evidenceId = try evidence.requireID()
                item.code = code
                try await item.create(on: db)
            }
        }
        return req.redirect(to: "/apprenticeships/\(apprenticeshipId.uuidString.lowercased())")
    }

    static func apiAdd(req: Request) async throws -> Response {
        let input = try APIController.decodeBody(EvidenceInput.self, req)
        guard let recordingId = input.recordingId.flatMap({ UUID(uuidString: $0) }) else {
            throw ValidationFailed(errors: [FieldError(field: "recordingId", message: "Give the recording's id")])
        }
        let apprenticeshipId = try req.uuidParameter("apprenticeshipId")
        guard try await ownApprenticeship(req).id == apprenticeshipId else { throw Abort(.notFound) }
        let (_, errors) = try await add(req, recordingId: recordingId, items: input.items ?? [])
        try errors.throwIfAny()
        return try await apiList(req: req).encodeResponse(status: .created, for: req)
    }

    /// The evidence on an apprenticeship: a tutor gets only what was shared.
    static func apiList(req: Request) async throws -> ItemsJSON<EvidenceJSON> {
        let id = try req.uuidParameter("apprenticeshipId")
        return try await ApprenticeshipAccess.load(req, id: id, audit: .list, detail: "evidence") { granted, db in
            var query = Evidence.query(on: db).filter(\.$apprenticeshipId == id)
            if granted.relation != .apprentice { query = query.filter(\.$sharedAt != nil) }
            let evidence = try await query.sort(\.$createdAt).all()
            let items = try await EvidenceItem.query(on: db).filter(\.$evidenceId ~~ evidence.compactMap(\.id)).all()
            return ItemsJSON(
                items: try evidence.map { e in
                    let eid = try e.requireID()
                    return EvidenceJSON(
                        id: eid, apprenticeshipId: id, sourceType: e.sourceType, title: e.title, extract: e.extract,
                        sharedAt: e.sharedAt.map(DisplayFormat.iso8601),
                        items: items.filter { $0.evidenceId == eid }.map {
                            .init(code: $0.code, confirmed: $0.confirmedAt != nil)
                        })
                })
        }
    }

    // MARK: The standard

    struct StandardItemsJSON: Content {
        var items: [StandardStore.Item]
    }

    static func apiStandardItems(req: Request) async throws -> StandardItemsJSON {
        _ = try req.requireUser()
        guard let reference = req.parameters.get("reference"),
            let (_, items) = try await StandardStore.items(reference: reference, on: req.db.sql)
        else { throw Abort(.notFound) }
        return StandardItemsJSON(items: items)
    }

    static func standardPage(req: Request) async throws -> Response {
        struct Group: Encodable {
            var heading: String
            var items: [StandardStore.Item]
        }
        struct Page: Encodable {
            var layout: Layout
            var reference: String
            var title: String
            var numbering: String
            var groups: [Group]
        }
        guard let reference = req.parameters.get("reference"),
            let row = try await req.db.sql.raw(
                "SELECT id, title, numbering FROM standards WHERE reference = \(bind: reference) ORDER BY loaded_at DESC LIMIT 1"
            ).first()
        else { throw Abort(.notFound) }
        let items = try await StandardStore.items(
            standardId: try row.decode(column: "id", as: UUID.self), on: req.db.sql)
        let groups = [
            ("Core knowledge", "knowledge", nil), ("Core skills", "skill", nil), ("Behaviours", "behaviour", nil),
            ("Option 1, residential: knowledge and skills", nil, "residential"),
            ("Option 2, community: knowledge and skills", nil, "community"),
        ].map { heading, kind, option -> Group in
            Group(
                heading: heading,
                items: items.filter { item in
                    option.map { item.option == $0 } ?? (item.option == nil && item.kind == kind)
                })
        }
        return try await req.page(
            "standards/show",
            Page(
                layout: Layout(req, title: reference), reference: reference,
                title: try row.decode(column: "title", as: String.self),
                numbering: try row.decode(column: "numbering", as: String.self), groups: groups))
    }
}
