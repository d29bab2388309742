import Fluent
import HearthDomain
import SQLKit
import Vapor

/// `/api/v1` for relationships, involvements and recordings. Every read and write goes through the
/// same gates as the pages.
enum CaseworkAPIController {
    // MARK: Relationships

    struct RelationshipJSON: Content {
        var id: UUID
        var pairId: UUID
        var personId: UUID
        var relatedPersonId: UUID
        var kind: String
        var importantToMe: Bool
        var livesWith: Bool
        var startedOn: String?
        var endedOn: String?
    }

    struct NewRelationship: Content {
        var relatedPersonId: UUID?
        var kind: String?
        var importantToMe: Bool?
        var livesWith: Bool?
        var startedOn: String?
    }

    static func relationships(req: Request) async throws -> ItemsJSON<RelationshipJSON> {
        let personId = try req.uuidParameter("personId")
        return try await PersonAccess.load(personId, for: .view, req, detail: "relationships") { _, db in
            ItemsJSON(items: try await rows(of: personId, on: db))
        }
    }

    static func rows(of personId: UUID, on db: any Database) async throws -> [RelationshipJSON] {
        try await Relationship.query(on: db).filter(\.$person.$id == personId).all().map {
            RelationshipJSON(
                id: try $0.requireID(), pairId: $0.pairId, personId: personId, relatedPersonId: $0.$relatedPerson.id,
                kind: $0.kind, importantToMe: $0.importantToMe, livesWith: $0.livesWith, startedOn: $0.startedOn,
                endedOn: $0.endedOn)
        }
    }

    static func createRelationship(req: Request) async throws -> Response {
        let personId = try req.uuidParameter("personId")
        let input = try APIController.decodeBody(NewRelationship.self, req)
        var errors = FieldErrorList()
        let kind = input.kind?.trimmed ?? ""
        if RelationshipKind(rawValue: kind) == nil {
            errors.add(
                "kind", "Kind must be one of: \(RelationshipKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if input.relatedPersonId == nil { errors.add("relatedPersonId", "Give the related person's id") }
        if input.relatedPersonId == personId { errors.add("relatedPersonId", "A person cannot be related to themself") }
        let since = RelationshipStore.parseStart(
            input.startedOn, today: LondonTime.calendarDate(of: Date()), into: &errors)
        try errors.throwIfAny()
        let actor = try req.requireUser().actor
        let user = try req.requireUser()
        let relatedId = input.relatedPersonId!
        return try await PersonAccess.load(personId, for: .edit, audit: .create, req, detail: "relationship") {
            granted, db in
            // The other person must be someone this user may change too, or the link would leak them.
            let facts = try await PersonAccess.loadFacts(personId: relatedId, on: db.sql)
            guard PersonAccess.policy.decide(actor, .edit, facts).isAllowed,
                let related = try await Person.find(relatedId, on: db), related.mergedIntoId == nil
            else {
                throw ValidationFailed(errors: [
                    FieldError(field: "relatedPersonId", message: "No person you can change has that id")
                ])
            }
            try RelationshipStore.checkStart(since, of: granted.person, and: related)
            try await RelationshipStore.create(
                personId: personId, kind: kind, relatedPersonId: relatedId, personSex: granted.person.sex ?? "U",
                livesWith: input.livesWith ?? false, importantToMe: input.importantToMe ?? false,
                startedOn: since?.iso,
                createdBy: user.id, on: db)
            let created = try await rows(of: personId, on: db).filter { $0.relatedPersonId == relatedId }.last!
            return try await created.encodeResponse(status: .created, for: req)
        }
    }

    // MARK: Involvements

    struct InvolvementJSON: Content {
        var id: UUID
        var service: String
        var levelOfNeed: Int
        var subjects: [UUID]
        var allocatedUserId: UUID?
        var teamId: UUID
        var startedOn: String
        var endedOn: String?
        var reason: String
        var closureReason: String?
        var consent: String
        var familyId: UUID?
    }

    struct NewInvolvement: Content {
        var service: String?
        var subjects: [UUID]?
        var levelOfNeed: Int?
        var allocatedUserId: UUID?
        var teamId: UUID?
        var startedOn: String?
        var endedOn: String?
        var reason: String?
        var closureReason: String?
        var consent: String?
        var familyId: UUID?
    }

    static func involvements(req: Request) async throws -> ItemsJSON<InvolvementJSON> {
        let personId = try req.uuidParameter("personId")
        return try await PersonAccess.load(personId, for: .view, req, detail: "involvements") { _, db in
            let ids = try await InvolvementSubject.query(on: db).filter(\.$person.$id == personId).all().map {
                $0.$involvement.id
            }
            return ItemsJSON(items: try await involvementJSON(ids, on: db))
        }
    }

    static func involvementJSON(_ ids: [UUID], on db: any Database) async throws -> [InvolvementJSON] {
        guard !ids.isEmpty else { return [] }
        let subjects = try await InvolvementSubject.query(on: db).filter(\.$involvement.$id ~~ ids).all()
        return try await Involvement.query(on: db).filter(\.$id ~~ ids).sort(\.$startedOn).all().map { involvement in
            let id = try involvement.requireID()
            return InvolvementJSON(
                id: id, service: involvement.service, levelOfNeed: involvement.levelOfNeed,
                subjects: subjects.filter { $0.$involvement.id == id }.map { $0.$person.id },
                allocatedUserId: involvement.$allocatedUser.id, teamId: involvement.$allocatedTeam.id,
                startedOn: involvement.startedOn, endedOn: involvement.endedOn, reason: involvement.reason,
                closureReason: involvement.closureReason, consent: involvement.consent, familyId: involvement.$family.id
            )
        }
    }

    static func createInvolvement(req: Request) async throws -> Response {
        let input = try APIController.decodeBody(NewInvolvement.self, req)
        let user = try req.requireUser()
        var errors = FieldErrorList()
        let service = input.service?.trimmed ?? ""
        if !Vocabulary.services.contains(code: service) {
            errors.add("service", "Service must be one of: \(Vocabulary.services.map(\.code).joined(separator: ", "))")
        }
        let subjects = Array(Set(input.subjects ?? []))
        if subjects.isEmpty { errors.add("subjects", "Give at least one person the work is with") }
        let level = input.levelOfNeed ?? 0
        if !(1...Vocabulary.needLevels.count).contains(level) {
            errors.add("levelOfNeed", "Level of need must be from 1 to \(Vocabulary.needLevels.count)")
        }
        let start = input.startedOn.flatMap { CalendarDate(iso: $0) }
        if start == nil { errors.add("startedOn", "Started on must be a real date as YYYY-MM-DD") }
        if let endText = input.endedOn {
            if let end = CalendarDate(iso: endText) {
                if let start, end < start { errors.add("endedOn", "Ended on must be the same as or after the start") }
            } else {
                errors.add("endedOn", "Ended on must be a real date as YYYY-MM-DD")
            }
        }
        let reason = input.reason?.trimmed ?? ""
        if reason.isEmpty { errors.add("reason", "Give the reason for the involvement") }
        if reason.count > 4000 { errors.add("reason", "Reason must be 4,000 characters or fewer") }
        let consent = input.consent ?? ""
        if !Vocabulary.consent.contains(code: consent) {
            errors.add("consent", "Consent must be one of: \(Vocabulary.consent.map(\.code).joined(separator: ", "))")
        }
        let teamId = input.teamId ?? user.actor.memberships.first?.teamId
        if teamId == nil { errors.add("teamId", "Give the team the work is allocated to") }
        // Allocating work opens the child's record to the team and the worker. A practitioner gives it to
        // a team of their own, as the page does; passing work to another team is for managers and the
        // safeguarding leads.
        let mayAllocateAnywhere = [Role.teamManager, .registeredManager, .safeguardingLead].contains(
            where: user.actor.has)
        if let teamId, !mayAllocateAnywhere, !user.actor.memberships.contains(where: { $0.teamId == teamId }) {
            errors.add("teamId", "Give one of your own teams: a manager passes work to another team")
        }
        try errors.throwIfAny()
        let id: UUID = try await req.transaction { db in
            for subject in subjects {
                let facts = try await PersonAccess.loadFacts(personId: subject, on: db.sql)
                guard PersonAccess.policy.decide(user.actor, .edit, facts).isAllowed else {
                    throw ValidationFailed(errors: [
                        FieldError(field: "subjects", message: "No person you can change has the id \(subject)")
                    ])
                }
            }
            guard try await Team.find(teamId!, on: db) != nil else {
                throw ValidationFailed(errors: [FieldError(field: "teamId", message: "No team has that id")])
            }
            if let worker = input.allocatedUserId,
                try await !InvolvementStore.mayHoldWork(worker, inTeam: teamId!, on: db.sql)
            {
                throw ValidationFailed(errors: [
                    FieldError(field: "allocatedUserId", message: "Give a practitioner in that team")
                ])
            }
            if let familyId = input.familyId,
                try await !InvolvementStore.mayFileUnder(familyId, actor: user.actor, on: db.sql)
            {
                throw ValidationFailed(errors: [
                    FieldError(field: "familyId", message: "No family group you can see has that id")
                ])
            }
            let involvement = try await InvolvementStore.create(
                .init(
                    service: service, familyId: input.familyId, subjects: subjects, levelOfNeed: level,
                    workerId: input.allocatedUserId, teamId: teamId!, startedOn: start!.iso, reason: reason,
                    consent: consent,
                    createdBy: user.id),
                on: db)
            if let ended = input.endedOn {
                involvement.endedOn = ended
                involvement.closureReason = input.closureReason
                try await involvement.save(on: db)
            }
            try await Audit.record(
                on: db, req, action: .create, subject: .involvement(involvement.id), role: user.actor.practiceRole)
            return try involvement.requireID()
        }
        return try await involvementJSON([id], on: req.db)[0].encodeResponse(status: .created, for: req)
    }

    // MARK: Recordings

    struct RecordingJSON: Content {
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
        var status: String
        var version: Int
        var subjects: [UUID]
        var quotes: [RecordingInput.Quote]
    }

    static func recordingJSON(_ recording: Recording, subjects: [UUID], on db: any Database) async throws
        -> RecordingJSON
    {
        let id = try recording.requireID()
        let quotes = try await RecordingQuote.query(on: db).filter(\.$recording.$id == id).sort(\.$position).all()
        return RecordingJSON(
            id: id, kind: recording.kind, occurredAt: DisplayFormat.iso8601(recording.occurredAt),
            place: recording.place,
            present: recording.present, childSeen: recording.childSeen, seenAlone: recording.seenAlone,
            note: recording.note,
            isSignificant: recording.isSignificant, significanceCategory: recording.significanceCategory,
            status: recording.status, version: recording.version, subjects: subjects,
            quotes: quotes.map {
                .init(speakerPersonId: $0.speakerPersonId, speakerLabel: $0.speakerLabel, words: $0.words)
            })
    }

    /// Submitted recordings about the person, and the caller's own drafts, newest first.
    static func recordings(req: Request) async throws -> ItemsJSON<RecordingJSON> {
        let personId = try req.uuidParameter("personId")
        let user = try req.requireUser()
        return try await PersonAccess.load(personId, for: .view, req, detail: "recordings") { _, db in
            let lines = try await PersonPageQueries.recordings(of: personId, viewer: user.id, limit: 200, on: db.sql)
            let recordings = try await Recording.query(on: db).filter(\.$id ~~ lines.map(\.id)).sort(
                \.$occurredAt, .descending
            ).all()
            var items: [RecordingJSON] = []
            for recording in recordings {
                items.append(try await recordingJSON(recording, subjects: [personId], on: db))
            }
            return ItemsJSON(items: items)
        }
    }

    /// A recording's messages under the API's names: the form's separate date and time are its
    /// `occurredAt`.
    static func apiField(_ field: String) -> String { ["date", "time"].contains(field) ? "occurredAt" : field }

    /// The API's recordings are submitted unless `intent` says "draft".
    static func apiInput(_ req: Request) throws -> RecordingInput {
        var input = try APIController.decodeBody(RecordingInput.self, req)
        if input.intent != "draft" { input.intent = "submit" }
        return input
    }

    /// Quotes from the API name the speaker by `quoteSpeaker` ids, as the form does.
    static func createRecording(req: Request) async throws -> Response {
        let personId = try req.uuidParameter("personId")
        let input = try apiInput(req)
        let user = try req.requireUser()
        let newId = UUID()
        // The body is checked once the person is open to the caller, as for an edit.
        let json: RecordingJSON = try await PersonAccess.load(
            personId, for: .edit, audit: .create, req, auditSubject: .recording(newId),
            detail: "about person:\(personId.uuidString.lowercased())"
        ) { _, db in
            let circle = try await PeopleQueries.circle(of: personId, on: db.sql)
            let (checked, errors) = input.check(circle: circle)
            guard let checked else { throw ValidationFailed(errors: errors.errors).renamed(apiField) }
            let subjects = [personId] + checked.alsoAbout.filter { $0 != personId }
            try await RecordingsController.refusals(checked, subjects: subjects, user.actor, on: db).throwIfAny()
            try await RecordingStore.insert(
                id: newId, checked, subjects: subjects,
                status: input.isSubmission ? RecordingStatus.submitted : RecordingStatus.draft, authorId: user.id,
                on: db)
            return try await recordingJSON(try await Recording.find(newId, on: db)!, subjects: subjects, on: db)
        }
        return try await json.encodeResponse(status: .created, for: req)
    }

    static func recording(req: Request) async throws -> RecordingJSON {
        let id = try req.uuidParameter("recordingId")
        return try await RecordingAccess.load(id, for: .view, req) { granted, db in
            try await recordingJSON(granted.recording, subjects: granted.subjectIds, on: db)
        }
    }

    /// Replaces a recording's content. `version` must be the version read: a stale one answers 409.
    static func updateRecording(req: Request) async throws -> RecordingJSON {
        let id = try req.uuidParameter("recordingId")
        let input = try apiInput(req)
        guard input.version != nil else {
            throw ValidationFailed(errors: [
                FieldError(field: "version", message: "Give the version you read, so a newer edit is not overwritten")
            ])
        }
        let user = try req.requireUser()
        // The body is checked only once the record is open to the caller: a 422 for someone else's
        // recording would tell them it exists.
        return try await RecordingAccess.load(id, for: .edit, audit: .update, req) { granted, db in
            let circle = try await PeopleQueries.circle(of: granted.subjectIds.first!, on: db.sql)
            let (checked, errors) = input.check(circle: circle)
            guard let checked else { throw ValidationFailed(errors: errors.errors).renamed(apiField) }
            try await RecordingsController.refusals(checked, subjects: granted.subjectIds, user.actor, on: db)
                .throwIfAny()
            switch try await RecordingStore.update(
                granted.recording, with: checked, expectedVersion: input.version!, submit: input.isSubmission,
                editorId: user.id, on: db)
            {
            case .saved:
                return try await recordingJSON(
                    try await Recording.find(id, on: db)!, subjects: granted.subjectIds, on: db)
            case .conflict(let current):
                throw Abort(
                    .conflict,
                    reason:
                        "Someone else saved version \(current.version) first. Read the recording again and make your change to that version."
                )
            }
        }
    }
}
