import Fluent
import HearthDomain
import SQLKit
import Vapor

struct RecordingFormPage: Encodable {
    struct QuoteRow: Encodable {
        var index: Int
        var number: Int
        var speaker: String
        var words: String
        var speakerError: String?
        var wordsError: String?
    }

    var layout: Layout
    /// The page's own heading: the title without its "Error: " prefix.
    var heading: String
    var person: PersonSummary
    var action: String
    var recordingId: UUID?
    var isDraft: Bool
    var version: Int
    var kind: String
    var date: String
    var time: String
    var place: String
    var present: String
    var childSeen: String
    var seenAlone: String
    var note: String
    var isSignificant: Bool
    var significanceCategory: String
    var involvementId: String
    var alsoAbout: [String]
    var quotes: [QuoteRow]
    var circle: [PeopleQueries.CircleMember]
    var others: [PeopleQueries.CircleMember]?
    var involvements: [CodedOption]?
    var kinds: [CodedOption]
    var seenOptions: [CodedOption]
    var categories: [CodedOption]
    var errors: [FieldError]?
    var fieldErrors: [String: String]
    /// Set when someone else saved first: their text, shown beside this person's.
    var conflict: ConflictView?

    struct ConflictView: Encodable {
        var savedBy: String
        var savedAt: String
        var savedNote: String
    }
}

struct RecordingShowPage: Encodable {
    var layout: Layout
    var recording: RecordingView
    var revisions: [RevisionView]?
    var canEdit: Bool
    /// An apprentice may offer their submitted recordings as evidence, as a pseudonymised extract.
    var canUseAsEvidence = false

    struct RevisionView: Encodable {
        var version: Int
        var editedBy: String
        var editedAt: String
        var previousNote: String
    }
}

/// A recording as pages show it.
struct RecordingView: Encodable, Sendable {
    var id: UUID
    var kind: String
    var occurredAt: String
    var place: String?
    var present: String?
    var childSeen: String?
    var seenAlone: String?
    var note: String
    var isSignificant: Bool
    var significanceCategory: String?
    var isDraft: Bool
    var author: String
    var subjects: [PersonSummary]
    var quotes: [RecordingInput.Quote]?
}

/// Recording visits, sessions, calls, meetings and observations, with the child's own words.
struct RecordingsController: Sendable {
    func new(req: Request) async throws -> Response {
        let personId = try req.uuidParameter("personId")
        let now = Date()
        var input = RecordingInput()
        input.date = UKTime.dayString(now)
        input.time = UKTime.timeString(now)
        input.kind = "home-visit"
        return try await renderForm(req, personId: personId, recording: nil, input: input, errors: FieldErrorList())
    }

    /// Creates a recording from the form (a draft, a submission, or the page's autosave) or the API.
    func create(req: Request) async throws -> Response {
        let personId = try req.uuidParameter("personId")
        let input = try req.content.decode(RecordingInput.self)
        let circle = try await PeopleQueries.circle(of: personId, on: req.sql)
        let (checked, errors) = input.check(circle: circle)
        let user = try req.requireUser()
        guard let checked else {
            return try await invalid(req, personId: personId, recording: nil, input: input, errors: errors)
        }
        let refused = try await Self.refusals(checked, subjects: [personId] + checked.alsoAbout, user.actor, on: req.db)
        guard refused.isEmpty else {
            return try await invalid(req, personId: personId, recording: nil, input: input, errors: refused)
        }
        let newId = UUID()
        let status = input.isSubmission ? RecordingStatus.submitted : RecordingStatus.draft
        try await PersonAccess.load(
            personId, for: .edit, audit: .create, req, auditSubject: .recording(newId),
            detail: "about person:\(personId.uuidString.lowercased())"
        ) { _, db in
            try await RecordingStore.insert(
                id: newId, checked, subjects: [personId] + checked.alsoAbout.filter { $0 != personId }, status: status,
                authorId: user.id, on: db)
        }
        return try await saved(req, recordingId: newId, version: 1, personId: personId, intent: input.intent)
    }

    func show(req: Request) async throws -> View {
        let id = try req.uuidParameter("recordingId")
        let actor = try req.requireUser().actor
        let page: RecordingShowPage = try await RecordingAccess.load(id, for: .view, req) { granted, db in
            let view = try await RecordingStore.view(granted.recording, subjectIds: granted.subjectIds, on: db)
            let revisions = try await RecordingRevision.query(on: db).filter(\.$recording.$id == id)
                .sort(\.$version, .descending).all()
            let editors = try await UserNames.lookup(Set(revisions.map(\.editedBy)), on: db.sql)
            var page = RecordingShowPage(
                layout: Layout(
                    req,
                    title:
                        "\(Vocabulary.recordingKinds.label(for: granted.recording.kind) ?? "Recording"), \(view.occurredAt)"
                ),
                recording: view,
                revisions: revisions.map {
                    RecordingShowPage.RevisionView(
                        version: $0.version, editedBy: editors[$0.editedBy] ?? "Unknown",
                        editedAt: DisplayFormat.dateTime($0.editedAt),
                        previousNote: (try? JSONDecoder().decode(
                            RecordingStore.Snapshot.self, from: Data($0.snapshot.utf8)
                        ).note) ?? "")
                },
                // Offered only to those the edit page will let in (a safeguarding lead reads every
                // record but edits only their own work's).
                canEdit: try await PersonAccess.roleForAll(.edit, granted.subjectIds, actor: actor, on: db.sql) != nil)
            page.revisions = page.revisions.flatMap(\.nonEmpty)
            let authorId = granted.recording.$author.id
            if granted.recording.status == RecordingStatus.submitted, authorId == (try req.requireUser()).id {
                let apprenticeships = try await Apprenticeship.query(on: db).filter(\.$apprenticeId == authorId).count()
                page.canUseAsEvidence = apprenticeships > 0
            }
            return page
        }
        return try await req.view.render("recordings/show", page)
    }

    func edit(req: Request) async throws -> Response {
        let id = try req.uuidParameter("recordingId")
        let (recording, personId, input) = try await RecordingAccess.load(id, for: .edit, req) { granted, db in
            let quotes = try await RecordingQuote.query(on: db).filter(\.$recording.$id == id).sort(\.$position).all()
            return (
                granted.recording, granted.subjectIds.first!,
                RecordingStore.input(from: granted.recording, subjects: granted.subjectIds, quotes: quotes)
            )
        }
        return try await renderForm(
            req, personId: personId, recording: recording, input: input, errors: FieldErrorList())
    }

    func update(req: Request) async throws -> Response {
        let id = try req.uuidParameter("recordingId")
        let input = try req.content.decode(RecordingInput.self)
        guard let subject = try await RecordingSubject.query(on: req.db).filter(\.$recording.$id == id).first() else {
            throw Abort(.notFound)
        }
        let personId = subject.$person.id
        let circle = try await PeopleQueries.circle(of: personId, on: req.sql)
        let (checked, errors) = input.check(circle: circle)
        guard let checked else {
            return try await invalid(
                req, personId: personId, recording: try await Recording.find(id, on: req.db), input: input,
                errors: errors)
        }
        let user = try req.requireUser()
        let refused = try await Self.refusals(checked, subjects: [personId], user.actor, on: req.db)
        guard refused.isEmpty else {
            return try await invalid(
                req, personId: personId, recording: try await Recording.find(id, on: req.db), input: input,
                errors: refused)
        }
        let outcome: RecordingStore.UpdateOutcome = try await RecordingAccess.load(id, for: .edit, audit: .update, req)
        {
            granted, db in
            try await RecordingStore.update(
                granted.recording, with: checked, expectedVersion: input.version ?? -1, submit: input.isSubmission,
                editorId: user.id, on: db)
        }
        switch outcome {
        case .saved(let version):
            return try await saved(req, recordingId: id, version: version, personId: personId, intent: input.intent)
        case .conflict(let current):
            if req.url.path.hasPrefix("/api/") || input.intent == "autosave" {
                throw Abort(
                    .conflict, reason: "Someone else saved this recording first. Reload it and make your change again.")
            }
            let author = try await UserNames.lookup([current.$author.id], on: req.sql)
            var mine = input
            mine.version = current.version
            let response = try await renderForm(
                req, personId: personId, recording: current, input: mine, errors: FieldErrorList(),
                conflict: .init(
                    savedBy: author[current.$author.id] ?? "someone else",
                    savedAt: DisplayFormat.dateTime(current.updatedAt),
                    savedNote: current.note))
            response.status = .conflict
            return response
        }
    }

    /// The other people a recording is also about must be people the author may change.
    /// What the user may not do with a recording that is otherwise valid: name people whose records they
    /// cannot change, or file it under a piece of work they cannot see or that none of `subjects` is in
    /// (filing it there would show it to that work's team). Empty when it may be saved.
    static func refusals(
        _ checked: RecordingInput.Checked, subjects: [UUID], _ actor: Actor, on db: any Database
    ) async throws -> FieldErrorList {
        var errors = FieldErrorList()
        if !checked.alsoAbout.isEmpty {
            let allowed = try await PersonAccess.permitted(.edit, checked.alsoAbout, actor: actor, on: db.sql)
            if !Set(checked.alsoAbout).isSubset(of: allowed) {
                errors.add("alsoAbout", "You can only record about people whose records you can change")
            }
        }
        if let work = checked.involvementId {
            let verdict = try await InvolvementController.check(work, for: .view, actor: actor, on: db)
            guard case .allowed(let loaded, _) = verdict, !Set(loaded.subjects).isDisjoint(with: subjects) else {
                errors.add("involvementId", "Select a piece of work from the list")
                return errors
            }
        }
        return errors
    }

    // MARK: Responses

    private func saved(_ req: Request, recordingId: UUID, version: Int, personId: UUID, intent: String?) async throws
        -> Response
    {
        let path = "/recordings/\(recordingId.uuidString.lowercased())"
        if intent == "autosave" {
            struct Autosaved: Content {
                var id: UUID
                var version: Int
                var action: String
                var savedAt: String
            }
            return try await Autosaved(
                id: recordingId, version: version, action: path, savedAt: UKTime.timeString(Date())
            )
            .encodeResponse(for: req)
        }
        if intent == "submit" { return req.redirect(to: "/people/\(personId.uuidString.lowercased())?recorded=1") }
        return req.redirect(to: path + "/edit?saved=1")
    }

    private func invalid(
        _ req: Request, personId: UUID, recording: Recording?, input: RecordingInput, errors: FieldErrorList
    ) async throws -> Response {
        if input.intent == "autosave" { throw ValidationFailed(errors: errors.errors) }
        let response = try await renderForm(req, personId: personId, recording: recording, input: input, errors: errors)
        response.status = .unprocessableEntity
        return response
    }

    private func renderForm(
        _ req: Request, personId: UUID, recording: Recording?, input: RecordingInput, errors: FieldErrorList,
        conflict: RecordingFormPage.ConflictView? = nil
    ) async throws -> Response {
        let page: RecordingFormPage = try await PersonAccess.load(personId, for: .edit, req, detail: "recording form") {
            granted, db in
            let circle = try await PeopleQueries.circle(of: personId, on: db.sql)
            let editable = try await PersonAccess.permitted(
                .edit, circle.map(\.id), actor: try req.requireUser().actor, on: db.sql)
            let involvements = try await InvolvementQueries.open(forPerson: personId, on: db.sql)
            var quotes: [RecordingFormPage.QuoteRow] = []
            let speakers = input.quoteSpeaker ?? []
            let words = input.quoteWords ?? []
            for index in 0..<max(3, max(speakers.count, words.count)) {
                quotes.append(
                    .init(
                        index: index, number: index + 1,
                        speaker: index < speakers.count ? speakers[index] : (index == 0 ? personId.uuidString : ""),
                        words: index < words.count ? words[index] : "",
                        speakerError: errors.message(for: "quoteSpeaker\(index)"),
                        wordsError: errors.message(for: "quoteWords\(index)")))
            }
            let summary = try PersonSummary(granted.person)
            let isDraft = recording.map { $0.status == RecordingStatus.draft } ?? true
            let title = recording == nil ? "Record a contact" : (isDraft ? "Carry on with a draft" : "Edit a recording")
            return RecordingFormPage(
                layout: Layout(req, title: title, hasErrors: !errors.isEmpty || conflict != nil), heading: title,
                person: summary,
                action: recording?.id.map { "/recordings/\($0.uuidString.lowercased())" }
                    ?? "/people/\(personId.uuidString.lowercased())/recordings",
                recordingId: recording?.id, isDraft: isDraft, version: input.version ?? recording?.version ?? 0,
                kind: input.kind ?? "", date: input.date ?? "", time: input.time ?? "", place: input.place ?? "",
                present: input.present ?? "", childSeen: input.childSeen ?? "", seenAlone: input.seenAlone ?? "",
                note: input.note ?? "", isSignificant: ["true", "on", "yes"].contains(input.isSignificant ?? ""),
                significanceCategory: input.significanceCategory ?? "",
                involvementId: input.involvementId
                    ?? (recording == nil && involvements.count == 1 ? involvements[0].code : ""),
                alsoAbout: input.alsoAbout ?? [], quotes: quotes, circle: circle,
                others: circle.filter { $0.id != personId && editable.contains($0.id) }.nonEmpty,
                involvements: involvements.nonEmpty, kinds: Vocabulary.recordingKinds, seenOptions: Vocabulary.seen,
                categories: Vocabulary.significanceCategories, errors: errors.forPage,
                fieldErrors: errors.byField,
                conflict: conflict)
        }
        return try await req.view.render("recordings/form", page).encodeResponse(for: req)
    }
}

extension Request {
    /// A UUID path parameter; a malformed one is a page that does not exist.
    func uuidParameter(_ name: String) throws -> UUID {
        guard let id = parameters.get(name, as: UUID.self) else { throw Abort(.notFound) }
        return id
    }
}

/// Display names for user ids, in one query.
enum UserNames {
    static func lookup(_ ids: Set<UUID>, on db: any SQLDatabase) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await db.raw("SELECT id, display_name FROM users WHERE id IN (\(binds: Array(ids)))").all()
        return Dictionary(
            uniqueKeysWithValues: try rows.map {
                (try $0.decode(column: "id", as: UUID.self), try $0.decode(column: "display_name", as: String.self))
            })
    }
}
