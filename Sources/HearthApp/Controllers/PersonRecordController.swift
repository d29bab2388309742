import Fluent
import HearthDomain
import SQLKit
import Vapor

struct PersonNewPage: Encodable {
    var layout: Layout
    /// The page's own heading: the title without its "Error: " prefix.
    var heading: String
    var input: PersonInput
    var errors: [FieldError]?
    var fieldErrors: [String: String]
    var duplicates: [SearchResultView]?
    var hiddenDuplicate: Bool
    var sexOptions: [CodedOption]
    var ethnicityOptions: [CodedOption]
    /// Set when editing an existing person: the form posts there, with the version read.
    var editing: EditTarget?

    struct EditTarget: Encodable {
        var action: String
        var version: Int
    }
}

struct PeopleSearchPage: Encodable {
    var layout: Layout
    var q: String
    var dateOfBirth: String
    var searched: Bool
    var results: [SearchResultView]?
    var hiddenMatch: Bool
    var notes: [String]
    var errors: [FieldError]?
}

struct SearchResultView: Encodable, Sendable {
    var id: UUID
    var name: String
    var dateOfBirth: String
    var score: Int
    var reasons: [String]
}

/// Finding people, and adding a new person after checking they are not already known.
struct PersonRecordController: Sendable {
    static var sexOptions: [CodedOption] { CINSex.codesAndLabels.map { CodedOption($0.code, $0.label) } }
    static var ethnicityOptions: [CodedOption] { CINEthnicity.codesAndLabels.map { CodedOption($0.code, $0.label) } }

    func search(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let q = (req.query[String.self, at: "q"] ?? "").trimmed
        let dobText = (req.query[String.self, at: "dateOfBirth"] ?? "").trimmed
        var errors = FieldErrorList()
        let dob = dobText.isEmpty ? nil : (CalendarDate(iso: dobText) ?? CalendarDate(ukOrISO: dobText))
        if !dobText.isEmpty, dob == nil {
            errors.add("dateOfBirth", "Date of birth must be a real date, like \(DateField.example)")
        }
        if q.count > 200 { errors.add("q", "Search for 200 characters or fewer") }
        let searched = !q.isEmpty || dob != nil
        let validated = errors.isEmpty
        let outcome: PersonSearch.Outcome = try await req.read { db in
            guard searched, validated else { return .init(results: [], hiddenMatchExists: false) }
            let outcome = try await PersonSearch.search(
                PersonQuery(text: q, dateOfBirth: dob), scope: PersonVisibilityScope(for: user.actor), on: db.sql)
            try await Audit.record(
                on: db, req, action: .search, subject: .people,
                detail: "\(outcome.results.count) shown\(outcome.hiddenMatchExists ? ", hidden match" : "")")
            return outcome
        }
        let page = PeopleSearchPage(
            layout: Layout(req, title: "Find a person", errors: errors), q: q,
            dateOfBirth: dobText,
            searched: searched && validated, results: outcome.results.map(Self.view).nonEmpty,
            hiddenMatch: outcome.hiddenMatchExists,
            notes: searched ? PersonQuery(text: q, dateOfBirth: dob).notes : [], errors: errors.forPage)
        let response = try await req.view.render("people/search", page).encodeResponse(for: req)
        if !validated { response.status = .unprocessableEntity }
        return response
    }

    func new(req: Request) async throws -> View {
        _ = try req.requireUser()
        return try await req.view.render(
            "people/new",
            Self.formPage(req, heading: "Add a person", input: PersonInput(), errors: FieldErrorList()))
    }

    enum CreateOutcome: Sendable {
        case created(Person)
        case possibleDuplicates(PersonSearch.Outcome)
    }

    /// Creates the person unless they look like someone already known and the caller has not confirmed
    /// otherwise. Shared by the form and the API.
    static func create(_ input: PersonInput, _ req: Request) async throws -> (CreateOutcome?, FieldErrorList) {
        let user = try req.requireUser()
        guard user.actor.practiceRole != nil else {
            throw Abort(.forbidden, reason: "Only practitioners and managers add people.")
        }
        let (checked, errors) = input.check(today: CalendarDate(iso: UKTime.today())!)
        guard let checked else { return (nil, errors) }
        let confirmed = input.confirmNotDuplicate ?? false
        if let requested = input.teamId, !user.actor.teamIds.contains(requested) {
            return (
                nil,
                {
                    var list = FieldErrorList()
                    list.add("teamId", "You can only allocate a new person to a team you belong to")
                    return list
                }()
            )
        }
        let teamId = input.teamId ?? user.actor.memberships.first?.teamId
        let outcome: CreateOutcome = try await req.transaction { db in
            if !confirmed {
                let duplicates = try await PersonSearch.duplicates(
                    of: checked.facts, scope: PersonVisibilityScope(for: user.actor), on: db.sql)
                if !duplicates.results.isEmpty || duplicates.hiddenMatchExists {
                    return .possibleDuplicates(duplicates)
                }
            }
            let person = try await PersonStore.create(
                checked, teamId: teamId, allocateTo: user.id, createdBy: user.id, on: db)
            try await Audit.record(
                on: db, req, action: .create, subject: .person(person.id), role: user.actor.practiceRole,
                detail: confirmed ? "confirmed not a duplicate" : nil)
            return .created(person)
        }
        return (outcome, errors)
    }

    func create(req: Request) async throws -> Response {
        let input = try req.content.decode(PersonInput.self)
        let (outcome, errors) = try await Self.create(input, req)
        switch outcome {
        case .created(let person):
            return req.redirect(to: "/people/\(try person.requireID().uuidString.lowercased())")
        case .possibleDuplicates(let duplicates):
            var page = Self.formPage(req, heading: "Check this is a new person", input: input, errors: FieldErrorList())
            page.duplicates = duplicates.results.map(Self.view).nonEmpty
            page.hiddenDuplicate = duplicates.hiddenMatchExists
            let response = try await req.view.render("people/new", page).encodeResponse(for: req)
            response.status = .conflict
            return response
        case nil:
            let response = try await req.view.render(
                "people/new", Self.formPage(req, heading: "Add a person", input: input, errors: errors)
            )
            .encodeResponse(for: req)
            response.status = .unprocessableEntity
            return response
        }
    }

    static func formPage(_ req: Request, heading: String, input: PersonInput, errors: FieldErrorList)
        -> PersonNewPage
    {
        PersonNewPage(
            layout: Layout(req, title: heading, errors: errors), heading: heading, input: input,
            errors: errors.forPage, fieldErrors: errors.byField,
            hiddenDuplicate: false, sexOptions: sexOptions, ethnicityOptions: ethnicityOptions)
    }

    static func editHeading(_ person: Person) -> String { "Change \(person.givenName) \(person.familyName)’s details" }

    // MARK: Editing

    func edit(req: Request) async throws -> Response {
        let personId = try req.uuidParameter("personId")
        let page: PersonNewPage = try await PersonAccess.load(personId, for: .edit, req, detail: "edit form") {
            granted, db in
            let person = granted.person
            let others = try await PersonName.query(on: db).filter(\.$person.$id == personId).sort(\.$position).all()
            let input = PersonInput(
                givenName: person.givenName, familyName: person.familyName, preferredName: person.preferredName,
                otherNamesText: others.map(\.name).joined(separator: "\n"), dateOfBirth: person.dateOfBirth,
                expectedDateOfBirth: person.expectedDateOfBirth, sex: person.sex, genderIdentity: person.genderIdentity,
                ethnicity: person.ethnicity, firstLanguage: person.firstLanguage,
                interpreterNeeded: person.interpreterNeeded,
                communicationNeeds: person.communicationNeeds, disability: person.disability, hasSEND: person.hasSEND,
                hasEHCP: person.hasEHCP, religion: person.religion, nhsNumber: person.nhsNumber, upn: person.upn,
                uln: person.uln, email: person.email, phone: person.phone, version: person.version)
            var page = Self.formPage(req, heading: Self.editHeading(person), input: input, errors: FieldErrorList())
            page.editing = .init(action: "/people/\(personId.uuidString.lowercased())", version: person.version)
            return page
        }
        return try await req.view.render("people/new", page).encodeResponse(for: req)
    }

    /// Saves changed details. A stale version answers 409 with the form as typed, so nothing is lost.
    func update(req: Request) async throws -> Response {
        let personId = try req.uuidParameter("personId")
        let input = try req.content.decode(PersonInput.self)
        let (checked, errors) = input.check(today: CalendarDate(iso: UKTime.today())!)
        let user = try req.requireUser()
        func form(_ errors: FieldErrorList, status: HTTPResponseStatus, conflict: Bool = false) async throws -> Response
        {
            let heading: String
            if conflict {
                heading = "Someone else changed these details: check them and save again"
            } else {
                // The edit page's own heading, naming the person as stored rather than as typed; read through
                // the same access check as the edit form.
                heading = try await PersonAccess.load(personId, for: .edit, req, detail: "edit form") { granted, _ in
                    Self.editHeading(granted.person)
                }
            }
            var page = Self.formPage(req, heading: heading, input: input, errors: errors)
            page.editing = .init(action: "/people/\(personId.uuidString.lowercased())", version: input.version ?? 0)
            if conflict, let current = try await Person.find(personId, on: req.db) {
                page.editing?.version = current.version
            }
            let response = try await req.view.render("people/new", page).encodeResponse(for: req)
            response.status = status
            return response
        }
        guard let checked else { return try await form(errors, status: .unprocessableEntity) }
        let saved: Bool = try await PersonAccess.load(personId, for: .edit, audit: .update, req, detail: "details") {
            granted, db in
            let person = granted.person
            guard person.version == input.version else { return false }
            PersonStore.apply(checked, to: person)
            person.version += 1
            try await person.save(on: db)
            try await PersonName.query(on: db).filter(\.$person.$id == personId).delete()
            for (position, name) in checked.otherNames.enumerated() {
                try await PersonName(personId: personId, kind: "alias", name: name, position: position).create(on: db)
            }
            try await PersonSearch.reindex([personId], on: db.sql)
            _ = user
            return true
        }
        guard saved else { return try await form(FieldErrorList(), status: .conflict, conflict: true) }
        return req.redirect(to: "/people/\(personId.uuidString.lowercased())")
    }

    static func view(_ result: PersonSearch.Result) -> SearchResultView {
        let legal = result.facts.names.first { $0.kind == .legal } ?? result.facts.names.first
        return SearchResultView(
            id: result.personId, name: legal.map { "\($0.given) \($0.family)" } ?? "",
            dateOfBirth: result.facts.dateOfBirth.map { DisplayFormat.calendarDate($0.iso) } ?? "Not known",
            score: result.match.score, reasons: result.match.reasons)
    }
}
