import Fluent
import Foundation
import HearthDomain
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import HearthApp

@Suite struct ApprenticeshipTests {
    /// Adds an apprentice in team North, and starts their apprenticeship (option 2) through the API as the
    /// North manager, with the tutor.
    static func apprenticeship(_ world: World, _ app: Application, start: String = "2025-09-01") async throws -> (
        apprentice: UUID, path: String
    ) {
        let hash = try app.password.hash(Fixtures.password)
        let organisation = try await Organisation.query(on: app.db).first()!.requireID()
        let user = User(
            organisationId: organisation, email: "apprentice@test.example", displayName: "Test apprentice",
            passwordHash: hash)
        try await user.create(on: app.db)
        try await UserAdministration.replaceRolesAndTeams(
            userId: try user.requireID(), roles: [.apprentice],
            teams: [TeamMembership(teamId: world.north, isManager: false)],
            on: app.db)
        let manager = try await APITestSupport.token(for: "manager@test.example", app)
        let body = """
            {"apprenticeId":"\(try user.requireID().uuidString.lowercased())","option":"community","startedOn":"\(start)",
             "plannedGatewayOn":"2027-03-01","plannedEndOn":"2027-06-01","employer":"Test council","trainingProvider":"Test college",
             "tutorId":"\(world.users["tutor@test.example"]!.uuidString.lowercased())","weeklyHours":"37","plannedOffTheJobHours":"600",
             "dbsCertificate":"001234567890","dbsIssuedOn":"2025-08-01","dbsBarredList":"true",
             "englishStatus":"achieved","englishEvidence":"GCSE grade 5","mathsStatus":"working-towards"}
            """
        let created = try await CaseworkAPITests.send(.POST, "/api/v1/apprenticeships", body, token: manager, app)
        #expect(created.status == .created, "\(created.body.string)")
        let id = try created.content.decode(ApprenticeshipSummary.self).id
        return (try user.requireID(), "/api/v1/apprenticeships/\(id.uuidString.lowercased())")
    }

    @Test func theStandardIsLoadedAsDataWithTheItemsCountedInTheSeedText() async throws {
        try await withHearth { app in
            _ = try await World.build(on: app)
            let token = try await APITestSupport.token(for: "tutor@test.example", app)
            let response = try await CaseworkAPITests.send(.GET, "/api/v1/standards/ST0088/items", token: token, app)
            #expect(response.status == .ok)
            let items = try response.content.decode(EvidenceController.StandardItemsJSON.self).items
            let parsed = try StandardTextParser.parse(
                String(contentsOfFile: "standards/ST0088-standard.txt", encoding: .utf8))
            #expect(items.map(\.code) == parsed.items.map(\.code))
            for kind in ["knowledge", "skill", "behaviour"] {
                #expect(
                    items.filter { $0.kind == kind }.count == parsed.items.filter { $0.kind.rawValue == kind }.count)
            }
            #expect(items.filter { $0.kind == "behaviour" }.count == 6)
            #expect(items.first { $0.code == "K1" }?.option == nil)
            #expect(response.body.string.contains(#""option":null"#))
            #expect(Set(items.compactMap(\.option)) == ["residential", "community"])
            #expect(
                try await CaseworkAPITests.send(.GET, "/api/v1/standards/ST9999/items", token: token, app).status
                    == .notFound)
        }
    }

    @Test func startingNeedsTheDBSCheckBeforeTheStartAndTheEnglishAndMathsRule() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let (_, _) = try await Self.apprenticeship(world, app)
            let manager = try await APITestSupport.token(for: "manager@test.example", app)
            let apprentice = try await User.query(on: app.db).filter(\.$email == "apprentice@test.example").first()!
            let bad = try await CaseworkAPITests.send(
                .POST, "/api/v1/apprenticeships",
                #"{"apprenticeId":"\#(try apprentice.requireID().uuidString.lowercased())","option":"community","startedOn":"2025-09-01","plannedGatewayOn":"2027-03-01","plannedEndOn":"2027-06-01","employer":"x","trainingProvider":"y","weeklyHours":"37","dbsIssuedOn":"2025-10-01","englishStatus":"decided-not-to-take","mathsStatus":"achieved","bornOn":"2010-01-01"}"#,
                token: manager, app)
            #expect(bad.status == .unprocessableEntity)
            let text = bad.body.string
            #expect(text.contains("An enhanced DBS check is required before the start"))
            #expect(text.contains("The DBS check must be issued before the apprenticeship starts"))
            #expect(text.contains("must include the children’s barred list"))
            #expect(text.contains("English can only be left out for an apprentice aged 19 or over"))
            #expect(text.contains("\"mathsEvidence\""))
            #expect(try await count("apprenticeships", in: app) == 1)
            // A practitioner who does not manage the team cannot start one.
            let practitioner = try await APITestSupport.token(for: "practitioner@test.example", app)
            #expect(
                try await CaseworkAPITests.send(.POST, "/api/v1/apprenticeships", "{}", token: practitioner, app).status
                    == .forbidden)
        }
    }

    @Test func offTheJobHoursAfterGatewayAndOnEnglishAndMathsAreRefused() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let (_, path) = try await Self.apprenticeship(world, app)
            let token = try await APITestSupport.token(for: "apprentice@test.example", app)
            let good = try await CaseworkAPITests.send(
                .POST, path + "/off-the-job",
                #"{"doneOn":"2025-10-06","hours":"6","activity":"teaching","description":"College day","items":["K1","S2"]}"#,
                token: token, app)
            #expect(good.status == .created, "\(good.body.string)")
            let summary = try good.content.decode(ApprenticeshipSummary.self)
            #expect(summary.offTheJob?.countedHours == 6)
            #expect(summary.offTheJob?.plannedHours == 600)
            let maths = try await CaseworkAPITests.send(
                .POST, path + "/off-the-job",
                #"{"doneOn":"2025-10-07","hours":"2","activity":"english-and-maths","description":"Maths class"}"#,
                token: token, app)
            #expect(maths.status == .unprocessableEntity)
            #expect(maths.body.string.contains("\"activity\""))
            // Gateway reached: nothing after it counts.
            let apprenticeship = try await Apprenticeship.query(on: app.db).first()!
            apprenticeship.gatewayOn = "2026-03-01"
            try await apprenticeship.save(on: app.db)
            let late = try await CaseworkAPITests.send(
                .POST, path + "/off-the-job",
                #"{"doneOn":"2026-03-02","hours":"3","activity":"teaching","description":"After gateway"}"#,
                token: token, app)
            #expect(late.status == .unprocessableEntity)
            #expect(late.body.string.contains("\"doneOn\""))
            #expect(late.body.string.lowercased().contains("gateway"))
            #expect(try await count("otj_entries", in: app) == 1)
            // Someone outside the apprenticeship cannot see it.
            let outsider = try await APITestSupport.token(for: "colleague@test.example", app)
            #expect(try await CaseworkAPITests.send(.GET, path, token: outsider, app).status == .notFound)
        }
    }

    @Test func offTheJobTrainingDatedInTheFutureIsRefusedOnThePageAndThroughTheAPI() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let (_, path) = try await Self.apprenticeship(world, app)
            let tomorrow = LondonTime.calendarDate(of: Date()).adding(days: 1).iso
            let token = try await APITestSupport.token(for: "apprentice@test.example", app)
            let api = try await CaseworkAPITests.send(
                .POST, path + "/off-the-job",
                #"{"doneOn":"\#(tomorrow)","hours":"6","activity":"teaching","description":"College day"}"#,
                token: token, app)
            #expect(api.status == .unprocessableEntity)
            #expect(
                try APITestSupport.fieldErrors(api) == [
                    FieldError(field: "doneOn", message: "The date must not be in the future")
                ])
            #expect(try await count("otj_entries", in: app) == 0)
            let browser = TestBrowser(app)
            try await browser.signIn("apprentice@test.example")
            let pagePath = path.replacingOccurrences(of: "/api/v1", with: "")
            try await browser.get(pagePath)
            let page = try await browser.post(
                pagePath + "/off-the-job",
                form: [
                    ("doneOn", tomorrow), ("hours", "6"), ("activity", "teaching"), ("description", "College day"),
                ])
            #expect(page.status == .unprocessableEntity)
            let html = page.body.string
            #expect(html.contains("<title>Error:"))
            #expect(html.contains(##"href="#doneOn""##))
            #expect(html.contains(#"id="doneOn-error""#))
            #expect(html.contains("The date must not be in the future"))
            #expect(html.contains(#"value="\#(tomorrow)""#))
            #expect(try await count("otj_entries", in: app) == 0)
        }
    }

    /// A recording naming the child and her brother, with preferred names and an alias, her address,
    /// postcode, date of birth, NHS number and school, yields an extract holding none of them; the tutor
    /// sees the extract, never the recording, and confirming items changes the coverage.
    @Test func theTutorSeesOnlyAPseudonymisedExtractAndConfirmsItems() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let (brother, mother) = try await world.addFamily(on: app)
            let amelia = try await Person.find(world.person, on: app.db)!
            amelia.preferredName = "Millie"
            amelia.nhsNumber = "9434765870"
            amelia.school = "Parkside Primary School"
            try await amelia.save(on: app.db)
            try await PersonName(personId: world.person, kind: "alias", name: "Amy Smith", position: 0).create(
                on: app.db)
            let theo = try await Person.find(brother, on: app.db)!
            theo.preferredName = "Teddy"
            try await theo.save(on: app.db)
            try await AddressStore.create(
                .init(
                    line1: "14 Elm Grove", line2: nil, town: "Leeds", postcode: "LS6 2AB", movedInOn: "2020-01-01",
                    movedOutOn: nil),
                personId: world.person, createdBy: nil, on: app.db)
            let involvement = try await world.addInvolvement(on: app, subjects: [world.person, brother, mother])
            let (_, path) = try await Self.apprenticeship(world, app)
            let apprentice = try await APITestSupport.token(for: "apprentice@test.example", app)
            let note =
                "Visited Millie (Amelia Testperson) at 14 Elm Grove, Leeds LS6 2AB. She goes by Amy Smith online. Born 01/04/2015, NHS 943 476 5870. Teddy and Theo were home; Maria said Parkside Primary rang about Amelia's attendance."
            let recording = try await CaseworkAPITests.send(
                .POST, "/api/v1/people/\(world.person.uuidString.lowercased())/recordings",
                #"{"kind":"home-visit","occurredAt":"2025-11-03T10:00:00Z","note":"\#(note)","childSeen":"yes","seenAlone":"yes","involvementId":"\#(involvement.uuidString.lowercased())","quoteSpeaker":["\#(world.person.uuidString.lowercased())"],"quoteWords":["I like Parkside but Theo doesn't"]}"#,
                token: apprentice, app)
            #expect(recording.status == .created, "\(recording.body.string)")
            let recordingId = try recording.content.decode(RecordingJSONProbe.self).id.uuidString.lowercased()
            let extract = try await CaseworkAPITests.send(
                .POST, "/api/v1/recordings/\(recordingId)/extract", token: apprentice, app)
            #expect(extract.status == .ok)
            let text = try extract.content.decode(ExtractJSON.self).text
            #expect(text.contains("Child A"))
            #expect(text.contains("Parent ") && text.contains("Sibling "))
            // The preview says in words what was taken out, in the order of the kinds.
            let browser = TestBrowser(app)
            try await browser.signIn("apprentice@test.example")
            let exports: SQLQueryString =
                "action = 'export' AND subject_type = 'recording' AND subject_id = \(bind: recordingId)"
            let exportedBefore = try await count("audit_events", in: app, where: exports)
            let preview = try await browser.get("/evidence/new?sourceType=recording&sourceId=\(recordingId)")
            #expect(preview.status == .ok)
            // Previewing is a view; only sharing is an export.
            #expect(try await count("audit_events", in: app, where: exports) == exportedBefore)
            #expect(
                try await count(
                    "audit_events", in: app,
                    where: "action = 'view' AND subject_type = 'recording' AND subject_id = \(bind: recordingId)") >= 1)
            let page = preview.body.string
            let start = try #require(page.range(of: "Taken out: "))
            let takenOut = String(page[start.upperBound...].prefix { $0 != "<" })
            #expect(takenOut.contains(" names, ") && takenOut.contains("1 NHS number"), "\(takenOut)")
            #expect(!takenOut.contains("["), "\(takenOut)")
            // Every identifying field of every person linked to the involvement.
            var identifying: [String] = []
            for id in [world.person, brother, mother] {
                let person = try await Person.find(id, on: app.db)!
                identifying += [
                    person.givenName, person.familyName, person.preferredName, person.nhsNumber, person.school,
                ]
                .compactMap { $0 }
                if let born = person.dateOfBirth.flatMap(CalendarDate.init(iso:)) {
                    identifying += [
                        born.iso, String(format: "%02d/%02d/%04d", born.day, born.month, born.year),
                    ]
                }
                identifying += try await PersonName.query(on: app.db).filter(\.$person.$id == id).all().map(\.name)
                for address in try await Address.query(on: app.db).filter(\.$person.$id == id).all() {
                    identifying += [address.line1, address.postcode] + [address.town].compactMap { $0 }
                }
            }
            identifying += ["943 476 5870", "Parkside", "Amy", "Smith", "Elm Grove"]
            for value in identifying {
                #expect(!text.lowercased().contains(value.lowercased()), "\(value) in: \(text)")
            }
            // The apprentice shares it as evidence for three items; the tutor sees the extract only.
            let added = try await CaseworkAPITests.send(
                .POST, path + "/evidence", #"{"recordingId":"\#(recordingId)","items":["S1","S3","K2"]}"#,
                token: apprentice, app)
            #expect(added.status == .created, "\(added.body.string)")
            #expect(try await count("audit_events", in: app, where: exports) == exportedBefore + 1)
            let tutor = try await APITestSupport.token(for: "tutor@test.example", app)
            #expect(
                try await CaseworkAPITests.send(.GET, "/api/v1/recordings/\(recordingId)", token: tutor, app).status
                    == .notFound)
            #expect(
                try await CaseworkAPITests.send(.POST, "/api/v1/recordings/\(recordingId)/extract", token: tutor, app)
                    .status == .notFound)
            let evidence = try await CaseworkAPITests.send(.GET, path + "/evidence", token: tutor, app)
            let items = try evidence.content.decode(ItemsJSON<EvidenceJSON>.self).items
            #expect(items.count == 1 && items[0].extract == text)
            #expect(!evidence.body.string.contains("Testperson"))
            let before = try await CaseworkAPITests.send(.GET, path, token: tutor, app)
            #expect(
                try before.content.decode(ApprenticeshipSummary.self).coverage.first { $0.code == "S1" }?.state
                    == "evidenced")
            // The apprentice may not confirm their own evidence; the tutor confirms two items.
            let evidenceId = items[0].id.uuidString.lowercased()
            #expect(
                try await CaseworkAPITests.send(
                    .POST, path + "/evidence/\(evidenceId)/items/S1/confirm", token: apprentice, app
                )
                .status == .notFound)
            for code in ["S1", "K2"] {
                let confirmed = try await CaseworkAPITests.send(
                    .POST, path + "/evidence/\(evidenceId)/items/\(code)/confirm", token: tutor, app)
                #expect(confirmed.status == .ok, "\(confirmed.body.string)")
            }
            let after = try await CaseworkAPITests.send(.GET, path, token: tutor, app)
            let coverage = try after.content.decode(ApprenticeshipSummary.self).coverage
            #expect(coverage.filter { $0.state == "confirmed" }.map(\.code).sorted() == ["K2", "S1"])
            #expect(coverage.first { $0.code == "S3" }?.state == "evidenced")
            #expect(coverage.first { $0.code == "K1" }?.state == "none")
            // The evidence card names each item's state as the coverage tiles count it.
            let card = try await browser.get(path.replacingOccurrences(of: "/api/v1", with: "")).body.string
            #expect(card.contains("S3: evidenced") && card.contains("S1: <strong>confirmed</strong>"))
            #expect(!card.contains("S3: claimed"))
        }
    }
}

/// Just the id of an API recording.
struct RecordingJSONProbe: Decodable {
    var id: UUID
}

extension ApprenticeshipTests {
    @Test func gatewayIsRefusedUntilEveryReadinessCheckIsMet() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let (_, path) = try await Self.apprenticeship(world, app)
            let manager = try await APITestSupport.token(for: "manager@test.example", app)
            let early = try await CaseworkAPITests.send(
                .POST, path + "/progress", #"{"gatewayOn":"2026-10-01","version":1}"#, token: manager, app)
            #expect(early.status == .unprocessableEntity)
            #expect(early.body.string.contains("Not ready for gateway yet"))
            #expect(early.body.string.contains("off-the-job training"))
            let maths = try await CaseworkAPITests.send(
                .POST, path + "/progress", #"{"mathsStatus":"achieved","version":1}"#, token: manager, app)
            #expect(maths.status == .unprocessableEntity)
            #expect(maths.body.string.contains("\"mathsEvidence\""))
            let saved = try await CaseworkAPITests.send(
                .POST, path + "/progress",
                #"{"mathsStatus":"achieved","mathsEvidence":"Functional skills level 2","qualificationStatus":"achieved","employerConfirmedOn":"2026-10-01","version":1}"#,
                token: manager, app)
            #expect(saved.status == .ok, "\(saved.body.string)")
            let summary = try saved.content.decode(ApprenticeshipSummary.self)
            #expect(summary.gateway.first { $0.name == "Maths at level 2" }?.isMet == true)
            // The API, like the page, gives back only the certificate's last four digits.
            #expect(summary.dbsCertificateEnding == "7890")
            #expect(!saved.body.string.contains("001234567890"))
            #expect(summary.gateway.first { $0.name == "Employer’s confirmation" }?.isMet == true)
            // The page gives the qualification's progress and the dates in words, not as codes.
            let browser = TestBrowser(app)
            try await browser.signIn("manager@test.example")
            let page = try await browser.get(path.replacingOccurrences(of: "/api/v1", with: "")).body.string
            #expect(page.contains("Certificate of Higher Education: Achieved</dd>"))
            #expect(page.contains("maths: Achieved at level 2 (with evidence)</dd>"))
            #expect(!page.contains(": achieved"))
            // The DBS certificate shows by its last four digits; the whole number stays in the record.
            #expect(page.contains("certificate ending 7890, issued"))
            #expect(!page.contains("001234567890"))
            #expect(page.contains("Started \(CalendarDate(iso: summary.startedOn)!.written)"))
            // The evidence recorded fills its box; a form that comes back with an error keeps what was sent,
            // while the summary above it still says what is recorded.
            #expect(page.contains(#"value="Functional skills level 2""#))
            let pagePath = path.replacingOccurrences(of: "/api/v1", with: "")
            let refused = try await browser.post(
                pagePath + "/progress",
                form: [
                    ("gatewayOn", "2026-13-01"), ("englishEvidence", "GCSE English grade 6"),
                    ("qualificationStatus", "in-progress"), ("version", "2"),
                ])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains(#"value="GCSE English grade 6""#))
            #expect(refused.body.string.contains(#"<option value="in-progress" selected>"#))
            #expect(refused.body.string.contains("Certificate of Higher Education: Achieved</dd>"))
            #expect(
                try await CaseworkAPITests.send(
                    .POST, path + "/progress", #"{"qualificationStatus":"achieved","version":1}"#, token: manager, app
                ).status == .conflict)
            let apprentice = try await APITestSupport.token(for: "apprentice@test.example", app)
            #expect(
                try await CaseworkAPITests.send(
                    .POST, path + "/progress", #"{"qualificationStatus":"achieved"}"#, token: apprentice, app
                ).status == .notFound)
        }
    }
}

extension ApprenticeshipTests {
    @Test func aReflectionBecomesEvidenceWithoutTheNamesOfThePeopleInTheWork() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let (apprenticeId, path) = try await Self.apprenticeship(world, app)
            try await InvolvementStore.create(
                .init(
                    service: "youth-work", familyId: nil, subjects: [world.person], levelOfNeed: 2,
                    workerId: apprenticeId,
                    teamId: world.north, startedOn: "2025-09-01", reason: "Mentoring", consent: "given", createdBy: nil),
                on: app.db)
            let token = try await APITestSupport.token(for: "apprentice@test.example", app)
            let written = try await CaseworkAPITests.send(
                .POST, "/api/v1/reflections",
                #"{"model":"kolb","title":"Listening to Amelia","parts":{"experience":"Amelia Testperson told me about her dad leaving."},"items":["S1"]}"#,
                token: token, app)
            let id = try written.content.decode(ReflectionJSON.self).id.uuidString.lowercased()
            let browser = TestBrowser(app)
            try await browser.signIn("apprentice@test.example")
            let page = try await browser.get("/journal/\(id)")
            #expect(page.body.string.contains("Use as apprenticeship evidence"))
            let form = try await browser.get("/evidence/new?sourceType=reflection&sourceId=\(id)")
            #expect(form.status == .ok)
            #expect(!form.body.string.contains("Amelia"))
            let shared = try await browser.post(
                "/evidence", form: [("sourceType", "reflection"), ("sourceId", id), ("items[]", "S1")])
            #expect(shared.status == .seeOther)
            let tutor = try await APITestSupport.token(for: "tutor@test.example", app)
            let evidence = try await CaseworkAPITests.send(.GET, path + "/evidence", token: tutor, app)
            let items = try evidence.content.decode(ItemsJSON<EvidenceJSON>.self).items
            #expect(items.count == 1)
            #expect(items.first?.items.map(\.code) == ["S1"])
            #expect(items.first?.extract.contains("Child A") == true)
            #expect(!evidence.body.string.contains("Amelia"))
            #expect(!evidence.body.string.contains("Testperson"))
        }
    }
}

extension ApprenticeshipTests {
    @Test func anAssessmentAndASupervisionBecomeEvidenceAsExtracts() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let (apprenticeId, path) = try await Self.apprenticeship(world, app)
            let involvement = try await InvolvementStore.create(
                .init(
                    service: "youth-work", familyId: nil, subjects: [world.person], levelOfNeed: 2,
                    workerId: apprenticeId,
                    teamId: world.north, startedOn: "2025-09-01", reason: "Mentoring", consent: "given", createdBy: nil),
                on: app.db
            ).requireID()
            let arrangement = SupervisionArrangement()
            arrangement.superviseeId = apprenticeId
            arrangement.supervisorId = world.users["manager@test.example"]!
            arrangement.everyMonths = 1
            try await arrangement.create(on: app.db)
            let token = try await APITestSupport.token(for: "apprentice@test.example", app)
            let manager = try await APITestSupport.token(for: "manager@test.example", app)
            let assessment = try await CaseworkAPITests.send(
                .POST, "/api/v1/involvements/\(involvement.uuidString.lowercased())/assessments",
                #"{"startedOn":"2025-10-01","analysis":"Amelia Testperson is thriving at Parkside."}"#, token: token,
                app)
            let assessmentId = try assessment.content.decode(AssessmentJSON.self).id.uuidString.lowercased()
            let supervision = try await CaseworkAPITests.send(
                .POST, "/api/v1/supervisions",
                #"{"superviseeId":"\#(apprenticeId.uuidString.lowercased())","heldOn":"2025-11-01","development":"Good work with Amelia","involvementId":"\#(involvement.uuidString.lowercased())","discussion":"Amelia Testperson needs a steady adult"}"#,
                token: manager, app)
            #expect(supervision.status == .created, "\(supervision.body.string)")
            let supervisionId = try supervision.content.decode(SupervisionJSON.self).id.uuidString.lowercased()
            for (type, id, code) in [("assessment", assessmentId, "S2"), ("supervision", supervisionId, "B1")] {
                let added = try await CaseworkAPITests.send(
                    .POST, path + "/evidence", #"{"sourceType":"\#(type)","sourceId":"\#(id)","items":["\#(code)"]}"#,
                    token: token, app)
                #expect(added.status == .created, "\(type): \(added.body.string)")
            }
            let bad = try await CaseworkAPITests.send(
                .POST, path + "/evidence", #"{"sourceType":"diary","sourceId":"\#(assessmentId)","items":["S2"]}"#,
                token: token, app)
            #expect(bad.status == .unprocessableEntity)
            let tutor = try await APITestSupport.token(for: "tutor@test.example", app)
            let evidence = try await CaseworkAPITests.send(.GET, path + "/evidence", token: tutor, app)
            let items = try evidence.content.decode(ItemsJSON<EvidenceJSON>.self).items
            #expect(items.map(\.sourceType).sorted() == ["assessment", "supervision"])
            #expect(!evidence.body.string.contains("Amelia"))
            #expect(items.allSatisfy { $0.extract.contains("Child A") })
        }
    }
}

extension ApprenticeshipTests {
    @Test func reviewsAreSignedByAllThreeAndBreaksAndObservationsAreRecorded() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let (_, path) = try await Self.apprenticeship(world, app)
            let manager = try await APITestSupport.token(for: "manager@test.example", app)
            let apprentice = try await APITestSupport.token(for: "apprentice@test.example", app)
            let tutor = try await APITestSupport.token(for: "tutor@test.example", app)
            // Reviews are recorded by the employer or tutor, not the apprentice; next due three months on.
            #expect(
                try await CaseworkAPITests.send(
                    .POST, path + "/reviews", #"{"heldOn":"2025-11-30","summary":"x"}"#, token: apprentice, app
                ).status
                    == .notFound)
            let review = try await CaseworkAPITests.send(
                .POST, path + "/reviews", #"{"heldOn":"2025-11-30","summary":"Settling in"}"#, token: manager, app)
            #expect(review.status == .created)
            let summary = try review.content.decode(ApprenticeshipSummary.self)
            // Three calendar months on from 30 November, clamped to February's last day.
            #expect(summary.nextReviewDue == "2026-02-28")
            let beforeStart = try await CaseworkAPITests.send(
                .POST, path + "/reviews", #"{"heldOn":"2025-08-01","summary":"Too early"}"#, token: manager, app)
            #expect(beforeStart.status == .unprocessableEntity)
            let reviewId = summary.reviews[0].id.uuidString.lowercased()
            for token in [apprentice, manager, tutor] {
                #expect(
                    try await CaseworkAPITests.send(.POST, path + "/reviews/\(reviewId)/sign", token: token, app).status
                        == .ok)
            }
            let signed = try await CaseworkAPITests.send(.GET, path, token: tutor, app)
            let r = try signed.content.decode(ApprenticeshipSummary.self).reviews[0]
            #expect(r.apprenticeSignedAt != nil && r.employerSignedAt != nil && r.tutorSignedAt != nil)
            // A break, and an observation that needs the family's consent.
            let badBreak = try await CaseworkAPITests.send(
                .POST, path + "/breaks", #"{"fromOn":"2026-01-10","toOn":"2026-01-01"}"#, token: manager, app)
            #expect(badBreak.status == .unprocessableEntity)
            #expect(badBreak.body.string.contains("\"toOn\"") && badBreak.body.string.contains("\"reason\""))
            #expect(
                try await CaseworkAPITests.send(
                    .POST, path + "/breaks", #"{"fromOn":"2026-01-10","reason":"Illness"}"#, token: manager, app
                ).status
                    == .created)
            let noConsent = try await CaseworkAPITests.send(
                .POST, path + "/observations", #"{"plannedOn":"2027-02-01","setting":"A home visit"}"#,
                token: apprentice, app)
            #expect(noConsent.status == .unprocessableEntity)
            #expect(noConsent.body.string.contains("Record who in the family agreed to be observed"))
            let observed = try await CaseworkAPITests.send(
                .POST, path + "/observations",
                #"{"plannedOn":"2027-02-01","setting":"A home visit","consentBy":"Parent","consentHow":"In person","consentOn":"2027-01-10"}"#,
                token: apprentice, app)
            #expect(observed.status == .created, "\(observed.body.string)")
            let after = try observed.content.decode(ApprenticeshipSummary.self)
            #expect(after.breaks.count == 1 && after.observations.count == 1)
        }
    }

    @Test func aLineManagerArrangesSupervisionInTheirTeamOnly() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let manager = try await APITestSupport.token(for: "manager@test.example", app)
            let practitioner = world.users["practitioner@test.example"]!.uuidString.lowercased()
            let colleague = world.users["colleague@test.example"]!.uuidString.lowercased()
            let south = world.users["south@test.example"]!.uuidString.lowercased()
            let outside = try await CaseworkAPITests.send(
                .POST, "/api/v1/supervision-arrangements",
                #"{"superviseeId":"\#(south)","supervisorId":"\#(colleague)"}"#,
                token: manager, app)
            #expect(outside.status == .unprocessableEntity)
            let tooRare = try await CaseworkAPITests.send(
                .POST, "/api/v1/supervision-arrangements",
                #"{"superviseeId":"\#(practitioner)","supervisorId":"\#(colleague)","everyMonths":"6"}"#,
                token: manager, app)
            #expect(tooRare.status == .unprocessableEntity)
            // On the page, the arrangement comes back as it was asked for.
            let browser = TestBrowser(app)
            try await browser.signIn("manager@test.example")
            let rare = try await browser.post(
                "/supervision/arrangements",
                form: [("superviseeId", practitioner), ("supervisorId", colleague), ("everyMonths", "6")])
            #expect(rare.status == .unprocessableEntity)
            #expect(rare.body.string.contains(#"value="6""#))
            #expect(rare.body.string.contains(#"<option value="\#(colleague)" selected>"#))
            let arranged = try await CaseworkAPITests.send(
                .POST, "/api/v1/supervision-arrangements",
                #"{"superviseeId":"\#(practitioner)","supervisorId":"\#(colleague)"}"#, token: manager, app)
            #expect(arranged.status == .ok, "\(arranged.body.string)")
            let token = try await APITestSupport.token(for: "practitioner@test.example", app)
            #expect(
                try await CaseworkAPITests.send(
                    .POST, "/api/v1/supervision-arrangements",
                    #"{"superviseeId":"\#(colleague)","supervisorId":"\#(practitioner)"}"#, token: token, app
                ).status
                    == .forbidden)
            let colleagueToken = try await APITestSupport.token(for: "colleague@test.example", app)
            let list = try await CaseworkAPITests.send(.GET, "/api/v1/work-list", token: colleagueToken, app)
            #expect(try list.content.decode(WorkListJSON.self).items.contains { $0.kind == "supervision" })
        }
    }
}
