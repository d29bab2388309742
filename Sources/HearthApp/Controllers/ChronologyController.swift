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
        /// The source, and the significance category when there is one: "Recording · Health".
        var title: String
        /// Whose event it is when it is not the page's person's: "Sibling: Kai Brown".
        var byline: String?
        var notes: [ChronologyNoteView]
        /// Where to add significance or analysis, on the chronology of someone the user may edit.
        var addNoteHref: String?
        // What the templates test, as Bools, and whole strings made here rather than pieced together in
        // the template: every Leaf expression costs a lookup and an escape, and a chronology shows
        // hundreds of entries (ADR 0011).
        var hasLink: Bool
        var hasByline: Bool
        var offersNote: Bool

        /// An entry as pages show it. `byline` replaces the linked person's relationship (the family
        /// page names whose event it is instead); `notesFor` is the person whose chronology offers a
        /// link to add a note to the entry.
        init(_ entry: ChronologyEntry, byline: String? = nil, notesFor personId: UUID? = nil) {
            date = entry.day.map(DisplayFormat.calendarDate) ?? DisplayFormat.dateTime(entry.at)
            isoDate = entry.day ?? DisplayFormat.iso8601(entry.at)
            summary = entry.summary
            let source = ChronologyFilter.sources.label(for: entry.sourceType) ?? entry.sourceType
            self.source = source
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
            title = Vocabulary.significanceCategories.label(for: entry.category).map { "\(source) · \($0)" } ?? source
            let relationship = entry.linkedAs.map { linkedAs in
                entry.linkedName.map { "\(linkedAs): \($0)" } ?? linkedAs
            }
            self.byline = byline ?? relationship
            notes = entry.notes
            addNoteHref = personId.map {
                "/people/\($0.uuidString.lowercased())/chronology/notes/new?sourceType=\(entry.sourceType)"
                    + "&sourceId=\(entry.sourceId)"
            }
            hasLink = link != nil
            hasByline = self.byline != nil
            offersNote = addNoteHref != nil
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
    /// On paper the record must say whose it is, what it covers, and who printed it when.
    var printHeading: PrintHeading?
    var errors: [FieldError]?
    var fieldErrors: [String: String] = [:]

    struct PrintHeading: Encodable {
        var born: String
        var nhsNumber: String?
        var covering: String
        var printed: String
    }

    /// What a filtered chronology covers, in words: "Events from 1 January 2026 to 30 November 2026;
    /// category Safeguarding; recordings only", or "All events".
    static func covering(from: String, to: String, category: String, source: String) -> String {
        let range = [
            CalendarDate(iso: from).map { "from \($0.written)" }, CalendarDate(iso: to).map { "to \($0.written)" },
        ].compactMap { $0 }.joined(separator: " ")
        let parts = [
            range.nilIfEmpty,
            category.nilIfEmpty.map { "category \(Vocabulary.significanceCategories.label(for: $0) ?? $0)" },
            ChronologyFilter.sources.label(for: source).map { "\($0.lowercased()) only" },
        ].compactMap { $0 }
        return parts.isEmpty ? "All events" : "Events " + parts.joined(separator: "; ")
    }
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
                errors.add("from", "From date must be a real date, like \(DateField.example)")
            }
        }
        if let text = query.to?.trimmed.nilIfEmpty {
            if let day = UKTime.date(text, time: "00:00") {
                filter.to = day.addingTimeInterval(24 * 60 * 60)
            } else {
                errors.add("to", "To date must be a real date, like \(DateField.example)")
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
            let isPrint = query.print != nil
            let offersNotes = !isPrint && PersonAccess.decide(.edit, granted.facts, req).isAllowed
            var page = ChronologyPage(
                layout: Layout(req, title: "Chronology", errors: errors), person: summary,
                entries: entries.map { ChronologyPage.Entry($0, notesFor: offersNotes ? personId : nil) },
                from: query.from ?? "", to: query.to ?? "", category: query.category ?? "", source: query.source ?? "",
                categories: Vocabulary.significanceCategories, sources: ChronologyFilter.sources,
                isPrint: isPrint,
                printHeading: isPrint
                    ? ChronologyPage.PrintHeading(
                        born: PersonProfile.born(granted.person), nhsNumber: granted.person.nhsNumber,
                        covering: ChronologyPage.covering(
                            from: query.from ?? "", to: query.to ?? "", category: query.category ?? "",
                            source: query.source ?? ""),
                        printed: "\(DisplayFormat.dateTime(Date())) by \(try req.requireUser().displayName)")
                    : nil,
                errors: errors.forPage, fieldErrors: errors.byField)
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

    struct NotePage: Encodable {
        var layout: Layout
        var person: PersonSummary
        var entry: ChronologyPage.Entry
        var values: [String: String]
        var fieldErrors: [String: String]
        var errors: [FieldError]?
    }

    static let noteLimit = 4_000

    /// The page for adding significance or analysis to one entry, showing the entry and what others
    /// have added. The chronology links each entry here rather than carrying a form for every entry.
    static func noteForm(req: Request) async throws -> View {
        let personId = try req.uuidParameter("personId")
        let form = try req.query.decode(NoteForm.self)
        return try await notePage(req, personId: personId, form: form, errors: FieldErrorList())
    }

    private static func notePage(_ req: Request, personId: UUID, form: NoteForm, errors: FieldErrorList)
        async throws -> View
    {
        let actor = try req.requireUser().actor
        let sourceType = form.sourceType ?? ""
        let sourceId = form.sourceId?.lowercased() ?? ""
        let page: NotePage = try await PersonAccess.load(
            personId, for: .edit, req, detail: "chronology entry \(sourceType):\(sourceId)"
        ) { granted, db in
            var filter = ChronologyFilter()
            filter.source = ChronologyFilter.sources.contains(code: sourceType) ? sourceType : nil
            guard filter.source != nil,
                let entry = try await entries(for: personId, filter: filter, actor: actor, on: db).first(where: {
                    $0.sourceId == sourceId
                })
            else { throw Abort(.notFound) }
            return NotePage(
                layout: Layout(req, title: "Add significance or analysis", errors: errors),
                person: try PersonSummary(granted.person), entry: ChronologyPage.Entry(entry),
                values: ["significance": form.significance ?? "", "analysis": form.analysis ?? ""],
                fieldErrors: errors.byField, errors: errors.forPage)
        }
        return try await req.view.render("people/chronology-note", page)
    }

    /// Adds a practitioner's significance or analysis to an entry.
    static func addNote(req: Request) async throws -> Response {
        let personId = try req.uuidParameter("personId")
        let form = try req.content.decode(NoteForm.self)
        let significance = form.significance?.trimmed.nilIfEmpty
        let analysis = form.analysis?.trimmed.nilIfEmpty
        let sourceType = form.sourceType ?? ""
        let sourceId = form.sourceId ?? ""
        guard ChronologyFilter.sources.contains(code: sourceType), UUID(uuidString: sourceId) != nil else {
            throw Abort(.notFound)
        }
        var errors = FieldErrorList()
        if significance == nil && analysis == nil {
            errors.add("significance", "Enter why it matters or your analysis")
        }
        if (significance?.count ?? 0) > noteLimit {
            errors.add("significance", "Enter \(DisplayFormat.number(noteLimit)) characters or fewer")
        }
        if (analysis?.count ?? 0) > noteLimit {
            errors.add("analysis", "Enter \(DisplayFormat.number(noteLimit)) characters or fewer")
        }
        guard errors.isEmpty else {
            let page = try await notePage(req, personId: personId, form: form, errors: errors)
            let response = try await page.encodeResponse(for: req)
            response.status = .unprocessableEntity
            return response
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
