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
    var sourceType: String
    var sourceId: String
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
        /// "recording", "assessment", "plan", "supervision" or "reflection"; with `recordingId` alone, a recording.
        var sourceType: String?
        var sourceId: String?
        var recordingId: String?
    }

    /// A piece of practice offered as evidence, as the tutor would see it.
    struct Source: Sendable {
        var title: String
        var extract: PseudonymisedText
        /// Items the source itself is linked to (a reflection's), used when none are chosen.
        var linkedItems: [String] = []
    }

    static let sourceTypes = ["recording", "assessment", "plan", "supervision", "reflection"]

    static func title(_ recording: Recording) -> String {
        "\(Vocabulary.recordingKinds.label(for: recording.kind) ?? recording.kind), \(DisplayFormat.calendarDate(UKTime.dayString(recording.occurredAt)))"
    }

    /// Reads a source through its own gate (so the apprentice must be allowed to see it, and the reading
    /// is audited) and makes its extract. Only the apprentice's own work and writing can be offered: their
    /// recordings, the assessments and plans they wrote, their supervision and reflections. The preview
    /// is audited as a view and sharing as an export, so the trail counts only extracts that left.
    static func source(_ req: Request, type: String, id: UUID, audit: AuditAction) async throws -> Source {
        let me = try req.requireUser().id
        switch type {
        case "recording":
            return try await RecordingAccess.load(id, for: .view, audit: audit, req) { granted, db in
                guard granted.recording.$author.id == me, granted.recording.status == RecordingStatus.submitted else {
                    throw Abort(.notFound)
                }
                return Source(
                    title: title(granted.recording),
                    extract: try await EvidenceExtract.forRecording(
                        granted.recording, subjects: granted.subjectIds, on: db))
            }
        case "assessment":
            return try await PracticeAccess.record(Assessment.self, req, id: id, for: .view, audit: audit) {
                assessment, context, db in
                guard assessment.createdBy == me else { throw Abort(.notFound) }
                let json = try AssessmentJSON(assessment)
                var lines = json.dimensions.map {
                    // A sentence's own full stop would sit before the semicolon (".; needs").
                    let strengths = ($0.strengths ?? "none recorded").trimmingCharacters(
                        in: CharacterSet(charactersIn: ". "))
                    return "\($0.label): strengths: \(strengths); needs: \($0.needs ?? "none recorded")"
                }
                lines += json.views.map { "\($0.name) said: \($0.words)" }
                lines += [json.analysis, json.judgement].compactMap { $0 }
                return Source(
                    title: "Assessment started \(DisplayFormat.calendarDate(assessment.startedOn))",
                    extract: try await EvidenceExtract.forWorkText(
                        lines.joined(separator: "\n"), subjects: context.subjects, primary: assessment.personId, on: db)
                )
            }
        case "plan":
            return try await PracticeAccess.record(Plan.self, req, id: id, for: .view, audit: audit) {
                plan, context, db in
                guard plan.createdBy == me else { throw Abort(.notFound) }
                let json = try PlanStore.json(try await PlanStore.load(plan, on: db))
                var lines = json.goals.map { "Goal: “\($0.familyWords)” (\($0.practitionerWords))" }
                lines += json.actions.filter { !$0.thirdParty }.map { "\($0.owner): \($0.what), by \($0.byWhen)" }
                lines += json.reviews.map { "Review \($0.reviewedOn): \($0.decisions)" }
                return Source(
                    title:
                        "\(PlanVocabulary.kinds.label(for: plan.kind) ?? "Plan") from \(DisplayFormat.calendarDate(plan.startedOn))",
                    extract: try await EvidenceExtract.forWorkText(
                        lines.joined(separator: "\n"), subjects: context.subjects, primary: plan.personId, on: db))
            }
        case "supervision":
            return try await SupervisionController.load(req, id: id, audit: audit) { granted, db in
                let s = granted.supervision
                guard s.superviseeId == me else { throw Abort(.notFound) }
                let cases = try await SupervisionCase.query(on: db).filter(\.$supervisionId == id).all()
                var lines = zip(SupervisionFunction.all, [s.management, s.support, s.development, s.mediation])
                    .compactMap { function, text in text.map { "\(function.label): \($0)" } }
                lines += cases.flatMap {
                    [$0.discussion, $0.experience, $0.reflection, $0.analysis, $0.actionPlan].compactMap { $0 }
                }
                return Source(
                    title: "Supervision, \(DisplayFormat.calendarDate(s.heldOn))",
                    extract: try await EvidenceExtract.forAuthorsText(
                        lines.joined(separator: "\n"), authorId: me, on: db))
            }
        case "reflection":
            return try await JournalController.load(req, id: id, audit: audit, authorOnly: true) { r, db in
                let model = ReflectiveModel.named(r.model) ?? .gibbs
                let parts = AssessmentStore.decode([String: String].self, r.parts) ?? [:]
                let text =
                    [r.title]
                    + model.prompts.compactMap { prompt in parts[prompt.code].map { "\(prompt.label)\n\($0)" } }
                let extract = try await EvidenceExtract.forAuthorsText(
                    text.joined(separator: "\n\n"), authorId: r.authorId, on: db)
                // The title is the extract's first line: the reflection's title, pseudonymised with the rest.
                return Source(
                    title: "Reflection: \(extract.text.split(separator: "\n").first.map(String.init) ?? "")",
                    extract: extract, linkedItems: r.items.split(separator: ",").map(String.init))
            }
        default:
            throw ValidationFailed(
                errors: [
                    FieldError(
                        field: "sourceType", message: "Evidence comes from a \(sourceTypes.joined(separator: ", "))")
                ])
        }
    }

    /// Anyone who may see the recording may see its extract, as a tutor would; offering it as evidence
    /// is narrower (the apprentice's own submitted recordings).
    static func apiExtract(req: Request) async throws -> ExtractJSON {
        let id = try req.uuidParameter("recordingId")
        return try await RecordingAccess.load(id, for: .view, audit: .export, req) { granted, db in
            ExtractJSON(
                text: try await EvidenceExtract.forRecording(granted.recording, subjects: granted.subjectIds, on: db)
                    .text)
        }
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

    /// The source named by the path (a recording's pages) or by the query or form.
    static func sourceReference(_ req: Request, input: EvidenceInput? = nil) throws -> (String, UUID) {
        if let id = req.parameters.get("recordingId", as: UUID.self) { return ("recording", id) }
        let type = input?.sourceType ?? (try? req.query.get(String.self, at: "sourceType")) ?? ""
        guard
            let id = (input?.sourceId ?? (try? req.query.get(String.self, at: "sourceId"))).flatMap({
                UUID(uuidString: $0)
            })
        else { throw Abort(.notFound) }
        return (type, id)
    }

    static func form(req: Request) async throws -> Response {
        try await renderForm(req, reference: try sourceReference(req), errors: FieldErrorList(), status: .ok)
    }

    static func renderForm(
        _ req: Request, reference: (String, UUID), errors: FieldErrorList, status: HTTPResponseStatus
    ) async throws -> Response {
        let a = try await ownApprenticeship(req)
        let source = try await source(req, type: reference.0, id: reference.1, audit: .view)
        let items = try await StandardStore.items(standardId: a.standardId, on: req.db.sql).filter {
            $0.option == nil || $0.option == a.option
        }
        let taken = Dictionary(grouping: source.extract.replacements, by: \.category)
        let counts = PseudonymCategory.allCases.compactMap { category in
            taken[category].map { category.counted($0.count) }
        }
        return try await req.page(
            "evidence/new",
            EvidenceFormPage(
                layout: Layout(req, title: "Use as evidence", errors: errors),
                sourceType: reference.0, sourceId: reference.1.uuidString.lowercased(), title: source.title,
                extract: source.extract.text, replaced: counts.nonEmpty,
                items: items.map {
                    Choice(
                        code: $0.code, label: "\($0.code): \($0.text)", isSelected: source.linkedItems.contains($0.code)
                    )
                },
                errors: errors.forPage, fieldErrors: errors.byField),
            status: status)
    }

    static func create(req: Request) async throws -> Response {
        let input = try req.content.decode(EvidenceInput.self)
        let reference = try sourceReference(req, input: input)
        let (a, errors) = try await add(req, type: reference.0, id: reference.1, items: input.items ?? [])
        guard let a else {
            return try await renderForm(req, reference: reference, errors: errors, status: .unprocessableEntity)
        }
        return req.redirect(to: "/apprenticeships/\(try a.requireID().uuidString.lowercased())")
    }

    /// Links a piece of practice as evidence for items of the standard. The extract is made here, on the
    /// server, from the source as it is now: what the apprentice confirmed on the previous page.
    static func add(_ req: Request, type: String, id: UUID, items: [String]) async throws -> (
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
        let source = try await source(req, type: type, id: id, audit: .export)
        let apprenticeshipId = try a.requireID()
        try await req.transaction { db in
            try await Audit.record(
                on: db, req, action: .create, subject: AuditSubject(type: "evidence", id: nil),
                detail:
                    "\(type):\(id.uuidString.lowercased()) for apprenticeship:\(apprenticeshipId.uuidString.lowercased())"
            )
            let evidence = Evidence()
            evidence.apprenticeshipId = apprenticeshipId
            evidence.sourceType = type
            evidence.sourceId = id
            evidence.title = source.title
            evidence.extract = source.extract.text
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

    static func apiAdd(req: Request) async throws -> Response {
        let input = try APIController.decodeBody(EvidenceInput.self, req)
        let type = input.recordingId != nil ? "recording" : input.sourceType ?? ""
        guard let id = (input.recordingId ?? input.sourceId).flatMap({ UUID(uuidString: $0) }) else {
            throw ValidationFailed(errors: [
                FieldError(
                    field: "sourceId",
                    message: "Give the id of the recording, assessment, plan, supervision or reflection")
            ])
        }
        let apprenticeshipId = try req.uuidParameter("apprenticeshipId")
        guard try await ownApprenticeship(req).id == apprenticeshipId else { throw Abort(.notFound) }
        let (_, errors) = try await add(req, type: type, id: id, items: input.items ?? [])
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
