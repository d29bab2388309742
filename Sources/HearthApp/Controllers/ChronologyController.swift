import Fluent
import HearthDomain
import SQLKit
import Vapor

struct ChronologyPage: Encodable {
    struct Entry: Encodable {
        var date: String
        var isoDate: String
        var summary: String
        var source: String
        var sourceType: String
        var sourceId: String
        var link: String?
        var linkedAs: String?
        var linkedName: String?
        var category: String?
        var notes: [ChronologyNoteView]
        var noteFormId: String

        /// An entry as pages show it. `byline` replaces the linked person's relationship (the family
        /// page names whose event it is instead).
        init(_ entry: ChronologyEntry, noteFormId: String = "", byline: String? = nil) {
            date = DisplayFormat.dateTime(entry.at)
            isoDate = DisplayFormat.iso8601(entry.at)
            summary = entry.summary
            source = ChronologyFilter.sources.label(for: entry.sourceType) ?? entry.sourceType
            sourceType = entry.sourceType
            sourceId = entry.sourceId
            link =
                switch entry.sourceType {
                case "recording": "/recordings/\(entry.sourceId)"
                case "concern": "/concerns/\(entry.sourceId)"
                case "assessment": "/assessments/\(entry.sourceId)"
                case "plan": "/plans/\(entry.sourceId)"
                case "incident": "/incidents/\(entry.sourceId)"
                case "missing-episode": "/missing-episodes/\(entry.sourceId)"
                case "daily-log", "key-work", "placement", "placement-plan":
                    "/people/\(entry.personId.uuidString.lowercased())/residential"
                default: nil
                }
            linkedAs = byline ?? entry.linkedAs
            linkedName = byline == nil ? entry.linkedName : nil
            category = Vocabulary.significanceCategories.label(for: entry.category)
            notes = entry.notes
            self.noteFormId = noteFormId
        }
    }

    var layout: Layout
    var person: PersonSummary
    var entries: [Entry]?
    var from: String
    var to: String
    var category: String
    var source: String
    var categories: [CodedOption]
    var sources: [CodedOption]
    var isPrint: Bool
    var canAddNotes: Bool
    var errors: [FieldError]?
}

/// A person's chronology: every significant event, from the records themselves.
enum ChronologyController {
    struct Query: Content {
        var from: String?
        var to: String?
        var category: String?
        var source: String?
        var print: String?
    }

    /// Reads the filter from the query string, with field errors for dates that are not real.
    static func filter(from query: Query) -> (ChronologyFilter, FieldErrorList) {
        var filter = ChronologyFilter()
        var errors = FieldErrorList()
        if let text = query.from?.trimmed.nilIfEmpty {
            if let day = UKTime.date(text, time: "00:00") {
                filter.from = day
            } else {
                errors.add("from", "From date must be a real date, like 2026-01-31")
            }
        }
        if let text = query.to?.trimmed.nilIfEmpty {
            if let day = UKTime.date(text, time: "00:00") {
                filter.to = day.addingTimeInterval(24 * 60 * 60)
            } else {
                errors.add("to", "To date must be a real date, like 2026-11-30")
            }
        }
        if let from = filter.from, let to = filter.to, to <= from {
            errors.add("to", "To date must be on or after the from date")
        }
        filter.category = query.category?.trimmed.nilIfEmpty
        if let source = query.source?.trimmed.nilIfEmpty {
            if ChronologyFilter.sources.contains(code: source) {
                filter.source = source
            } else {
                errors.add("source", "Select a source from the list")
            }
        }
        return (filter, errors)
    }

    /// The person's entries and their visible linked people's, for the page and the API.
    static func entries(for personId: UUID, filter: ChronologyFilter, actor: Actor, on db: any Database) async throws
        -> [ChronologyEntry]
    {
        let linked = try await ChronologyQueries.linkedPeople(of: personId, on: db.sql)
        // A linked person's events show only to someone who may open that person's record.
        let visible = try await PeopleQueries.visibleIds(
            among: Array(linked.keys), PersonVisibilityScope(for: actor), on: db.sql)
        return try await ChronologyQueries.entries(
            focus: [personId], linked: linked.filter { visible.contains($0.key) }, filter: filter, on: db.sql)
    }

    static func page(req: Request) async throws -> Response {
        let personId = try req.uuidParameter("personId")
        let query = try req.query.decode(Query.self)
        let (filter, errors) = filter(from: query)
        let actor = try req.requireUser().actor
        let page: ChronologyPage = try await PersonAccess.load(personId, for: .view, req, detail: "chronology") {
            granted, db in
            let entries = errors.isEmpty ? try await entries(for: personId, filter: filter, actor: actor, on: db) : []
            let summary = try PersonSummary(granted.person)
            var page = ChronologyPage(
                layout: Layout(req, title: errors.isEmpty ? "Chronology" : "Error: Chronology"), person: summary,
                entries: entries.enumerated().map { ChronologyPage.Entry($1, noteFormId: "note-\($0)") },
                from: query.from ?? "", to: query.to ?? "", category: query.category ?? "", source: query.source ?? "",
                categories: Vocabulary.significanceCategories, sources: ChronologyFilter.sources,
                isPrint: query.print != nil,
                canAddNotes: PersonAccess.decide(.edit, granted.facts, req).isAllowed, errors: errors.forPage)
            page.entries = page.entries.flatMap(\.nonEmpty)
            return page
        }
        let response = try await req.view.render("people/chronology", page).encodeResponse(for: req)
        if !errors.isEmpty { response.status = .unprocessableEntity }
        return response
    }

    struct NoteForm: Content {
        var sourceType: String?
        var sourceId: String?
        var significance: String?
        var analysis: String?
    }

    static let noteLimit = 4_000

    /// Adds a practitioner's significance or analysis to an entry.
    static func addNote(req: Request) async throws -> Response {
        let personId = try req.uuidParameter("personId")
        let form = try req.content.decode(NoteForm.self)
        let significance = form.significance?.trimmed.nilIfEmpty
        let analysis = form.analysis?.trimmed.nilIfEmpty
        let sourceType = form.sourceType ?? ""
        let sourceId = form.sourceId ?? ""
        var errors = FieldErrorList()
        if significance == nil && analysis == nil { errors.add("analysis", "Enter the significance or your analysis") }
        if (significance?.count ?? 0) > noteLimit || (analysis?.count ?? 0) > noteLimit {
            errors.add("analysis", "Each must be \(noteLimit) characters or fewer")
        }
        if !ChronologyFilter.sources.contains(code: sourceType) || UUID(uuidString: sourceId) == nil {
            errors.add("sourceId", "Choose an entry in the chronology")
        }
        guard errors.isEmpty else {
            throw Abort(.unprocessableEntity, reason: errors.errors.map(\.message).joined(separator: ". "))
        }
        let user = try req.requireUser()
        try await PersonAccess.load(
            personId, for: .edit, audit: .create, req, detail: "chronology note on \(sourceType):\(sourceId)"
        ) {
            _, db in
            let note = ChronologyNote()
            note.$person.id = personId
            note.sourceType = sourceType
            note.sourceId = sourceId.lowercased()
            note.significance = significance
            note.analysis = analysis
            note.authorId = user.id
            note.createdAt = Date()
            try await note.create(on: db)
        }
        return req.redirect(to: "/people/\(personId.uuidString.lowercased())/chronology")
    }
}
