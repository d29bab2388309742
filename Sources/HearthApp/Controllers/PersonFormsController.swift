import Fluent
import HearthDomain
import SQLKit
import Vapor

struct PersonFormPage: Encodable {
    var layout: Layout
    var person: PersonSummary
    var values: [String: String]
    var errors: [FieldError]?
    var fieldErrors: [String: String]
    var services: [CodedOption]
    var levels: [CodedOption]
    var consents: [CodedOption]
    var kinds: [CodedOption]
    var people: [CodedOption]
    var others: [PeopleQueries.CircleMember]?
}

/// The smaller forms on a person's record: starting a piece of work, a move, and a relationship.
enum PersonFormsController {
    struct Form: Content {
        var service: String?
        /// Text, not a number: an unselected list sends "", which must be a field error, not a 400.
        var levelOfNeed: String?
        var reason: String?
        var consent: String?
        var startedOn: String?
        var alsoAbout: [String]?
        var line1: String?
        var town: String?
        var postcode: String?
        var movedInOn: String?
        var relatedPersonId: String?
        var kind: String?
        var livesWith: Bool?
        var importantToMe: Bool?
        var endedOn: String?
        var name: String?
        var members: [String]?
    }

    /// `reading`, when given, adds values read inside the audited load (what the form is about).
    static func page(
        _ req: Request, template: String, title: String, values: [String: String] = [:],
        errors: FieldErrorList = FieldErrorList(),
        status: HTTPResponseStatus = .ok,
        reading: (@Sendable (any Database) async throws -> [String: String])? = nil
    ) async throws -> Response {
        let personId = try req.uuidParameter("personId")
        let actor = try req.requireUser().actor
        let page: PersonFormPage = try await PersonAccess.load(personId, for: .edit, req, detail: title) {
            granted, db in
            let circle = try await PeopleQueries.circle(of: personId, on: db.sql)
            let editable = try await PersonAccess.permitted(.edit, circle.map(\.id), actor: actor, on: db.sql)
            let people =
                template == "people/relationship-form"
                ? try await PeopleQueries.visible(PersonVisibilityScope(for: actor), on: db.sql).filter {
                    $0.id != personId
                }
                .map {
                    CodedOption(
                        $0.id.uuidString,
                        "\($0.givenName) \($0.familyName)\($0.dateOfBirth.map { ", born \(DisplayFormat.calendarDate($0))" } ?? "")"
                    )
                }
                : []
            let read = try await reading?(db) ?? [:]
            return PersonFormPage(
                layout: Layout(req, title: title, errors: errors),
                person: try PersonSummary(granted.person),
                values: values.merging(read) { typed, _ in typed }, errors: errors.forPage,
                fieldErrors: errors.byField,
                services: Vocabulary.services, levels: Vocabulary.needLevels, consents: Vocabulary.consent,
                kinds: RelationshipKind.allCases.map { CodedOption($0.rawValue, $0.label) }, people: people,
                others: circle.filter { $0.id != personId && editable.contains($0.id) }.nonEmpty)
        }
        let response = try await req.view.render(template, page).encodeResponse(for: req)
        response.status = status
        return response
    }

    static func personPath(_ req: Request) throws -> String {
        "/people/\(try req.uuidParameter("personId").uuidString.lowercased())"
    }

    // MARK: Start a piece of work

    static func newInvolvement(req: Request) async throws -> Response {
        try await page(
            req, template: "people/involvement-form", title: "Start a piece of work",
            values: ["startedOn": UKTime.today()])
    }

    static func createInvolvement(req: Request) async throws -> Response {
        let personId = try req.uuidParameter("personId")
        let form = try req.content.decode(Form.self)
        let user = try req.requireUser()
        var errors = FieldErrorList()
        let service = form.service ?? ""
        if !Vocabulary.services.contains(code: service) { errors.add("service", "Select the service") }
        let level = form.levelOfNeed.flatMap { Int($0) } ?? 0
        if !(1...Vocabulary.needLevels.count).contains(level) { errors.add("levelOfNeed", "Select the level of need") }
        let reason = form.reason?.trimmed ?? ""
        if reason.isEmpty { errors.add("reason", "Give the reason for the involvement") }
        if reason.count > 4000 { errors.add("reason", "Reason must be 4,000 characters or fewer") }
        let consent = form.consent ?? ""
        if !Vocabulary.consent.contains(code: consent) { errors.add("consent", "Select whether they consented") }
        let start = DateField.parse(
            form.startedOn, field: "startedOn", label: "the start date", required: true, into: &errors)
        if let start, start > CalendarDate(iso: UKTime.today())! {
            errors.add("startedOn", "The start date must not be in the future")
        }
        guard let teamId = user.actor.memberships.first?.teamId else {
            throw Abort(.forbidden, reason: "You need to belong to a team to start a piece of work.")
        }
        let also = (form.alsoAbout ?? []).compactMap(UUID.init(uuidString:))
        guard errors.isEmpty else {
            return try await page(
                req, template: "people/involvement-form", title: "Start a piece of work",
                values: ["service": service, "reason": reason, "consent": consent, "startedOn": form.startedOn ?? ""],
                errors: errors, status: .unprocessableEntity)
        }
        let circle = Set(try await PeopleQueries.circle(of: personId, on: req.sql).map(\.id))
        let extra = also.filter { circle.contains($0) && $0 != personId }
        // Starting work with someone allocates them to this team: only people the user may already change.
        guard Set(extra).isSubset(of: try await PersonAccess.permitted(.edit, extra, actor: user.actor, on: req.sql))
        else {
            var errors = FieldErrorList()
            errors.add("alsoAbout", "You can only start work with people whose records you can change")
            return try await page(
                req, template: "people/involvement-form", title: "Start a piece of work",
                values: ["service": service, "reason": reason, "consent": consent, "startedOn": form.startedOn ?? ""],
                errors: errors, status: .unprocessableEntity)
        }
        let involvementId: UUID = try await PersonAccess.load(
            personId, for: .edit, audit: .create, req, detail: "involvement"
        ) {
            _, db in
            let involvement = try await InvolvementStore.create(
                .init(
                    service: service, familyId: nil,
                    subjects: [personId] + extra,
                    levelOfNeed: level, workerId: user.id, teamId: teamId, startedOn: start!.iso, reason: reason,
                    consent: consent, createdBy: user.id),
                on: db)
            return try involvement.requireID()
        }
        return req.redirect(to: "/involvements/\(involvementId.uuidString.lowercased())")
    }

    // MARK: A move

    static func newAddress(req: Request) async throws -> Response {
        try await page(
            req, template: "people/address-form", title: "Record a move", values: ["movedInOn": UKTime.today()])
    }

    static func createAddress(req: Request) async throws -> Response {
        let personId = try req.uuidParameter("personId")
        let form = try req.content.decode(Form.self)
        var errors = FieldErrorList()
        let line1 = form.line1?.trimmed ?? ""
        if line1.isEmpty { errors.add("line1", "Enter the first line of the address") }
        if line1.count > 200 { errors.add("line1", "Address must be 200 characters or fewer") }
        let town = form.town?.trimmed.nilIfEmpty
        if (town?.count ?? 0) > 100 { errors.add("town", "Town must be 100 characters or fewer") }
        var postcode: UKPostcode?
        switch UKPostcode.validate(form.postcode ?? "") {
        case .success(let valid): postcode = valid
        case .failure(let error): errors.add("postcode", error.message)
        }
        let movedIn = DateField.parse(
            form.movedInOn, field: "movedInOn", label: "the date they moved in", required: true, into: &errors)
        if let movedIn, movedIn > CalendarDate(iso: UKTime.today())! {
            errors.add("movedInOn", "The move date must not be in the future")
        }
        // The move ends the current address: it cannot end before it began.
        if let movedIn,
            let current = try await Address.query(on: req.db).filter(\.$person.$id == personId)
                .filter(\.$movedOutOn == nil).sort(\.$movedInOn, .descending).first(),
            let currentStart = CalendarDate(iso: current.movedInOn), movedIn < currentStart
        {
            errors.add(
                "movedInOn",
                "The move must be on or after \(DisplayFormat.calendarDate(current.movedInOn)), when they moved to \(current.line1)"
            )
        }
        guard errors.isEmpty, let postcode, let movedIn else {
            return try await page(
                req, template: "people/address-form", title: "Record a move",
                values: [
                    "line1": line1, "town": town ?? "", "postcode": form.postcode ?? "",
                    "movedInOn": form.movedInOn ?? "",
                ],
                errors: errors, status: .unprocessableEntity)
        }
        let user = try req.requireUser()
        try await PersonAccess.load(personId, for: .edit, audit: .create, req, detail: "address") { _, db in
            try await db.sql.update("addresses").set("moved_out_on", to: movedIn.iso)
                .where("person_id", .equal, personId).where("moved_out_on", .is, SQLLiteral.null).run()
            try await AddressStore.create(
                .init(
                    line1: line1, line2: nil, town: town, postcode: postcode.value, movedInOn: movedIn.iso,
                    movedOutOn: nil),
                personId: personId, createdBy: user.id, on: db)
            try await PersonSearch.reindex([personId], on: db.sql)
        }
        return req.redirect(to: try personPath(req))
    }

    // MARK: A relationship

    static func newRelationship(req: Request) async throws -> Response {
        try await page(req, template: "people/relationship-form", title: "Add someone to their network")
    }

    static func createRelationship(req: Request) async throws -> Response {
        let personId = try req.uuidParameter("personId")
        let form = try req.content.decode(Form.self)
        let title = "Add someone to their network"
        return try await FormPage.submit(
            req,
            redisplay: { errors, typed in
                try await page(
                    req, template: "people/relationship-form", title: title, values: typed, errors: errors,
                    status: .unprocessableEntity)
            }
        ) {
            var errors = FieldErrorList()
            let kind = form.kind ?? ""
            if RelationshipKind(rawValue: kind) == nil { errors.add("kind", "Select how they are related") }
            let relatedId = form.relatedPersonId.flatMap(UUID.init(uuidString:))
            if relatedId == nil || relatedId == personId { errors.add("relatedPersonId", "Select the person") }
            let since = RelationshipStore.parseStart(
                form.startedOn, today: LondonTime.calendarDate(of: Date()), into: &errors)
            let user = try req.requireUser()
            if errors.isEmpty, let relatedId {
                let facts = try await PersonAccess.loadFacts(personId: relatedId, on: req.sql)
                if !PersonAccess.policy.decide(user.actor, .edit, facts).isAllowed {
                    errors.add("relatedPersonId", "Select the person")
                }
            }
            guard errors.isEmpty, let relatedId else { throw ValidationFailed(errors: errors.errors) }
            _ = try await PersonAccess.load(personId, for: .edit, audit: .create, req, detail: "relationship") {
                granted, db in
                guard let related = try await Person.find(relatedId, on: db) else {
                    throw ValidationFailed(errors: [FieldError(field: "relatedPersonId", message: "Select the person")])
                }
                try RelationshipStore.checkStart(since, of: granted.person, and: related)
                try await RelationshipStore.create(
                    personId: personId, kind: kind, relatedPersonId: relatedId,
                    personSex: granted.person.sex ?? "U", livesWith: form.livesWith ?? false,
                    importantToMe: form.importantToMe ?? false, startedOn: since?.iso, createdBy: user.id, on: db)
            }
            return try personPath(req)
        }
    }

    /// The page for ending one relationship, also shown when the date given on the person page is refused.
    static func endRelationshipForm(req: Request) async throws -> Response {
        try await endRelationshipPage(req, endedOn: nil, errors: FieldErrorList(), status: .ok)
    }

    static func endRelationshipPage(
        _ req: Request, endedOn: String?, errors: FieldErrorList, status: HTTPResponseStatus
    ) async throws -> Response {
        let personId = try req.uuidParameter("personId")
        let relationshipId = try req.uuidParameter("relationshipId")
        return try await page(
            req, template: "people/relationship-end", title: "End a relationship",
            values: ["relationshipId": relationshipId.uuidString.lowercased(), "endedOn": endedOn ?? ""],
            errors: errors, status: status
        ) { db in
            // Only a relationship still open can be ended.
            guard
                let line = try await PersonPageQueries.relationships(of: personId, on: db.sql)
                    .first(where: { $0.id == relationshipId })
            else { throw Abort(.notFound) }
            return ["with": line.name, "relationship": line.relationship.lowercased()]
        }
    }

    /// Ends a relationship from both sides on a date, which the chronology then shows. A refused date
    /// comes back on the relationship's own page, with its message beside the field.
    static func endRelationship(req: Request) async throws -> Response {
        let personId = try req.uuidParameter("personId")
        let relationshipId = try req.uuidParameter("relationshipId")
        let form = try req.content.decode(Form.self)
        var errors = FieldErrorList()
        let ended = DateField.parse(
            form.endedOn, field: "endedOn", label: "the date the relationship ended", required: true, into: &errors)
        if let ended, ended > LondonTime.calendarDate(of: Date()) {
            errors.add("endedOn", "The date it ended must be today or earlier")
        }
        return try await FormPage.submit(
            req,
            redisplay: { refused, typed in
                try await endRelationshipPage(
                    req, endedOn: typed["endedOn"], errors: refused, status: .unprocessableEntity)
            }
        ) {
            try errors.throwIfAny()
            try await PersonAccess.load(personId, for: .edit, audit: .update, req, detail: "relationship ended") {
                _, db in
                guard
                    let row = try await Relationship.query(on: db).filter(\.$id == relationshipId).filter(
                        \.$person.$id == personId
                    )
                    .first(), let ended
                else { throw Abort(.notFound) }
                if let started = row.startedOn.flatMap({ CalendarDate(iso: $0) }), ended < started {
                    throw ValidationFailed(errors: [
                        FieldError(
                            field: "endedOn",
                            message: "The end must be on or after the start, \(DisplayFormat.calendarDate(started.iso))"
                        )
                    ])
                }
                try await db.sql.update("relationships").set("ended_on", to: ended.iso)
                    .where("pair_id", .equal, row.pairId).run()
            }
            return try personPath(req)
        }
    }

    // MARK: A family or household

    static func newFamily(req: Request) async throws -> Response {
        try await page(req, template: "people/family-form", title: "Start a family group")
    }

    static func createFamily(req: Request) async throws -> Response {
        let personId = try req.uuidParameter("personId")
        let form = try req.content.decode(Form.self)
        let name = form.name?.trimmed ?? ""
        var errors = FieldErrorList()
        if name.isEmpty { errors.add("name", "Enter a name for the family or household, like “Okafor household”") }
        if name.count > 100 { errors.add("name", "Name must be 100 characters or fewer") }
        guard errors.isEmpty else {
            return try await page(
                req, template: "people/family-form", title: "Start a family group", values: ["name": name],
                errors: errors,
                status: .unprocessableEntity)
        }
        let circle = Set(try await PeopleQueries.circle(of: personId, on: req.sql).map(\.id))
        let requested = (form.members ?? []).compactMap(UUID.init(uuidString:)).filter {
            circle.contains($0) && $0 != personId
        }
        let allowed = try await PersonAccess.permitted(
            .edit, requested, actor: try req.requireUser().actor, on: req.sql)
        let members = [personId] + requested.filter(allowed.contains)
        let familyId: UUID = try await PersonAccess.load(
            personId, for: .edit, audit: .create, req, detail: "family \(name)"
        ) { _, db in
            let family = Family(name: name)
            try await family.create(on: db)
            let id = try family.requireID()
            for member in members { try await FamilyMember(familyId: id, personId: member, role: nil).create(on: db) }
            return id
        }
        return req.redirect(to: "/families/\(familyId.uuidString.lowercased())")
    }
}
