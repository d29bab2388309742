import Fluent
import Foundation
import HearthDomain
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import HearthApp

@Suite struct ResidentialTests {
    /// A home run by team North (the North manager as registered manager) with Amelia placed there.
    static func home(_ world: World, _ app: Application) async throws -> UUID {
        let home = Home()
        home.name = "Test House"
        home.urn = "SC000001"
        home.kind = "childrens-home"
        home.teamId = world.north
        home.registeredManagerId = world.users["manager@test.example"]
        home.capacity = 4
        home.statementOfPurpose = "A small home for children aged 11 to 17."
        home.version = 1
        try await home.create(on: app.db)
        let placement = Placement()
        placement.personId = world.person
        placement.homeId = try home.requireID()
        placement.startedOn = "2026-01-05"
        placement.reason = "Family breakdown"
        placement.placingAuthority = "Testshire"
        placement.legalStatus = "C2"
        placement.impactAssessment = "Compatible with the two children already living there."
        placement.childrenConsidered = "Child one, Child two"
        placement.createdAt = Date()
        try await placement.create(on: app.db)
        return try home.requireID()
    }

    /// A second home with no one placed, for moves: SC000002, with two places, run by `team`.
    static func secondHome(named name: String, team: UUID, _ app: Application) async throws -> Home {
        let other = Home()
        other.name = name
        other.urn = "SC000002"
        other.kind = "childrens-home"
        other.teamId = team
        other.capacity = 2
        other.statementOfPurpose = "A home for two."
        other.version = 1
        try await other.create(on: app.db)
        return other
    }

    @Test func aComplaintsOutcomeRefusedComesBackBesideTheComplaint() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let home = try await Self.home(world, app).uuidString.lowercased()
            let manager = TestBrowser(app)
            try await manager.signIn("manager@test.example")
            let recorded = try await manager.post(
                "/homes/\(home)/complaints",
                form: [("receivedOn", "2026-11-02"), ("complainant", "A parent"), ("summary", "Late for contact")])
            #expect(recorded.status == .seeOther)
            let complaint = try await app.db.sql.raw("SELECT id FROM complaints").first()!
                .decode(column: "id", as: UUID.self).uuidString.lowercased()
            let long = String(repeating: "o", count: 8_001)
            let refused = try await manager.post(
                "/complaints/\(complaint)/resolve", form: [("outcome", long), ("resolvedOn", "2026-11-03")])
            #expect(refused.status == .unprocessableEntity)
            let page = refused.body.string
            #expect(page.contains("<title>Error: Test House"))
            #expect(page.contains(##"href="#outcome-\##(complaint)""##))
            #expect(page.contains(#"id="outcome-\#(complaint)-error""#))
            #expect(page.contains(#"value="\#(long)""#))
            let blank = try await manager.post(
                "/complaints/\(complaint)/resolve", form: [("outcome", ""), ("resolvedOn", "2026-11-03")])
            #expect(blank.body.string.contains("Say how the complaint was resolved"))
            #expect(try await count("complaints", in: app, where: "resolved_on IS NOT NULL") == 0)
        }
    }

    @Test func anInterventionsRegulation35StepsArePromptedUntilDone() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            _ = try await Self.home(world, app)
            let token = try await APITestSupport.token(for: "practitioner@test.example", app)
            let occurred = Date().addingTimeInterval(-30 * 3600)
            let iso = DisplayFormat.iso8601(occurred)
            let path = "/api/v1/people/\(world.person.uuidString.lowercased())/incidents"
            let bad = try await CaseworkAPITests.send(
                .POST, path, #"{"occurredAt":"tomorrow","type":"fight","measure":{"durationMinutes":900}}"#,
                token: token, app)
            #expect(bad.status == .unprocessableEntity)
            for field in ["occurredAt", "type", "description", "measure.description", "measure.durationMinutes"] {
                #expect(bad.body.string.contains("\"\(field)\""), "\(field)")
            }
            #expect(try await count("incidents", in: app) == 0)
            // A restraint recorded without its duration or staff: the record is not complete.
            let created = try await CaseworkAPITests.send(
                .POST, path,
                #"{"occurredAt":"\#(iso)","type":"physical-intervention","description":"Held to stop her hitting another child","measure":{"description":"Two-person standing hold"}}"#,
                token: token, app)
            #expect(created.status == .created, "\(created.body.string)")
            let incident = try created.content.decode(IncidentJSON.self)
            #expect(incident.recordDueBy == DisplayFormat.iso8601(occurred.addingTimeInterval(24 * 3600)))
            #expect(incident.managerReviewDueBy == DisplayFormat.iso8601(occurred.addingTimeInterval(48 * 3600)))
            #expect(incident.childDebriefDueBy != nil)
            #expect(incident.recordCompletedAt == nil)
            // Thirty hours on, the missing record is overdue for the registered manager.
            let manager = try await APITestSupport.token(for: "manager@test.example", app)
            let list = try await CaseworkAPITests.send(.GET, "/api/v1/work-list", token: manager, app)
            let items = try list.content.decode(WorkListJSON.self).items
            #expect(items.first { $0.kind == "incident-record" }?.state == "overdue")
            #expect(items.contains { $0.kind == "incident-review" })
            #expect(items.contains { $0.kind == "child-debrief" })
            // A complete record with staff and duration prompts only the manager's steps.
            let complete = try await CaseworkAPITests.send(
                .POST, path,
                #"{"occurredAt":"\#(iso)","type":"physical-intervention","description":"Guided away from the door","measure":{"description":"Single-person guide","durationMinutes":2,"staff":["Dee Mensah","Sam Lee"]}}"#,
                token: token, app)
            let second = try complete.content.decode(IncidentJSON.self)
            #expect(second.recordCompletedAt != nil)
            #expect(second.measure?.staff == ["Dee Mensah", "Sam Lee"])
            // Someone in another team cannot record one.
            let south = try await APITestSupport.token(for: "south@test.example", app)
            #expect(
                try await CaseworkAPITests.send(
                    .POST, path, #"{"occurredAt":"\#(iso)","type":"other","description":"x"}"#, token: south, app
                ).status
                    == .notFound)
        }
    }

    @Test func aReturnFromMissingPromptsTheReturnHomeInterviewWithin72Hours() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            _ = try await Self.home(world, app)
            let token = try await APITestSupport.token(for: "practitioner@test.example", app)
            let returned = Date().addingTimeInterval(-80 * 3600)
            let told = returned.addingTimeInterval(-19 * 3600)
            let path = "/api/v1/people/\(world.person.uuidString.lowercased())/missing-episodes"
            let bad = try await CaseworkAPITests.send(
                .POST, path,
                #"{"lastSeenAt":"\#(DisplayFormat.iso8601(returned))","returnedAt":"\#(DisplayFormat.iso8601(returned.addingTimeInterval(-3600)))"}"#,
                token: token, app)
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("\"returnedAt\""))
            let created = try await CaseworkAPITests.send(
                .POST, path,
                #"{"lastSeenAt":"\#(DisplayFormat.iso8601(returned.addingTimeInterval(-20 * 3600)))","returnedAt":"\#(DisplayFormat.iso8601(returned))","reportedToPoliceAt":"\#(DisplayFormat.iso8601(told))","policeReference":"MP-2026-118"}"#,
                token: token, app)
            #expect(created.status == .created, "\(created.body.string)")
            let episode = try created.content.decode(MissingJSON.self)
            #expect(episode.returnInterviewDueBy == DisplayFormat.iso8601(returned.addingTimeInterval(72 * 3600)))
            // The episode's page gives when police were told in UK time, as every other moment is shown.
            let browser = TestBrowser(app)
            try await browser.signIn("practitioner@test.example")
            // A date that does not exist, typed into the form, is answered with an example like the form's.
            let personPath = "/people/\(world.person.uuidString.lowercased())"
            try await browser.get(personPath + "/missing-episodes/new")
            let refused = try await browser.post(
                personPath + "/missing-episodes", form: [("date", "2026-02-30"), ("time", "21:00")])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("must be a real date and time, like 27 November 2026 and 16:00"))
            let page = try await browser.get("/missing-episodes/\(episode.id.uuidString.lowercased())").body.string
            #expect(page.contains("Told \(DisplayFormat.dateTime(told)), reference MP-2026-118"))
            for email in ["manager@test.example", "practitioner@test.example"] {
                let who = try await APITestSupport.token(for: email, app)
                let list = try await CaseworkAPITests.send(.GET, "/api/v1/work-list", token: who, app)
                #expect(
                    try list.content.decode(WorkListJSON.self).items.first { $0.kind == "return-interview" }?.state
                        == "overdue", "\(email)")
            }
            // The prompt names the child, unless their record is restricted: lists never show that name.
            let manager = try await APITestSupport.token(for: "manager@test.example", app)
            func promptedPerson() async throws -> String? {
                let list = try await CaseworkAPITests.send(.GET, "/api/v1/work-list", token: manager, app)
                return try list.content.decode(WorkListJSON.self).items.first { $0.kind == "return-interview" }?.person
            }
            let named = try await promptedPerson()
            #expect(named != nil && named != "Restricted record")
            try await app.db.sql.update("people").set("is_restricted", to: true).where("id", .equal, world.person).run()
            #expect(try await promptedPerson() == "Restricted record")
            try await app.db.sql.update("people").set("is_restricted", to: false).where("id", .equal, world.person)
                .run()
            // Still missing: no interview is due yet.
            let away = try await CaseworkAPITests.send(
                .POST, path, #"{"lastSeenAt":"\#(DisplayFormat.iso8601(Date().addingTimeInterval(-3600)))"}"#,
                token: token,
                app)
            #expect(try away.content.decode(MissingJSON.self).returnInterviewDueBy == nil)
        }
    }
}

extension ResidentialTests {
    @Test func theFollowUpsCloseThePrompts() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            _ = try await Self.home(world, app)
            let token = try await APITestSupport.token(for: "practitioner@test.example", app)
            let manager = try await APITestSupport.token(for: "manager@test.example", app)
            let occurred = DisplayFormat.iso8601(Date().addingTimeInterval(-3 * 3600))
            let created = try await CaseworkAPITests.send(
                .POST, "/api/v1/people/\(world.person.uuidString.lowercased())/incidents",
                #"{"occurredAt":"\#(occurred)","type":"physical-intervention","description":"Held","measure":{"description":"Standing hold"}}"#,
                token: token, app)
            let id = try created.content.decode(IncidentJSON.self).id.uuidString.lowercased()
            let incomplete = try await CaseworkAPITests.send(
                .POST, "/api/v1/incidents/\(id)/record", "{}", token: token, app)
            #expect(incomplete.status == .unprocessableEntity)
            #expect(
                incomplete.body.string.contains("\"durationMinutes\"") && incomplete.body.string.contains("\"staff\""))
            let recorded = try await CaseworkAPITests.send(
                .POST, "/api/v1/incidents/\(id)/record", #"{"durationMinutes":1,"staff":"Dee Mensah, Sam Lee"}"#,
                token: token,
                app)
            #expect(try recorded.content.decode(IncidentJSON.self).recordCompletedAt != nil)
            let browser = TestBrowser(app)
            try await browser.signIn("practitioner@test.example")
            let record = try await browser.get("/incidents/\(id)").body.string
            #expect(record.contains("Standing hold, 1 minute, by Dee Mensah"))
            // Only a manager of the home reviews and speaks to the child.
            #expect(
                try await CaseworkAPITests.send(.POST, "/api/v1/incidents/\(id)/manager-review", token: token, app)
                    .status == .forbidden)
            #expect(
                try await CaseworkAPITests.send(.POST, "/api/v1/incidents/\(id)/manager-review", token: manager, app)
                    .status == .ok)
            #expect(
                try await CaseworkAPITests.send(.POST, "/api/v1/incidents/\(id)/manager-review", token: manager, app)
                    .status == .conflict)
            let debrief = try await CaseworkAPITests.send(
                .POST, "/api/v1/incidents/\(id)/child-debrief", #"{"childView":"She said it felt fair"}"#,
                token: manager, app)
            #expect(try debrief.content.decode(IncidentJSON.self).childSpokenToAt != nil)
            let list = try await CaseworkAPITests.send(.GET, "/api/v1/work-list", token: manager, app)
            #expect(
                !(try list.content.decode(WorkListJSON.self).items.contains {
                    $0.kind.hasPrefix("incident") || $0.kind == "child-debrief"
                }))
            // A missing episode: the return, then the interview, which clears the prompt.
            let lastSeen = DisplayFormat.iso8601(Date().addingTimeInterval(-10 * 3600))
            let away = try await CaseworkAPITests.send(
                .POST, "/api/v1/people/\(world.person.uuidString.lowercased())/missing-episodes",
                #"{"lastSeenAt":"\#(lastSeen)"}"#,
                token: token, app)
            let episode = try away.content.decode(MissingJSON.self).id.uuidString.lowercased()
            #expect(
                try await CaseworkAPITests.send(
                    .POST, "/api/v1/missing-episodes/\(episode)/interview",
                    #"{"offeredAt":"\#(lastSeen)","outcome":"x"}"#, token: token, app
                ).status == .conflict)
            let back = DisplayFormat.iso8601(Date().addingTimeInterval(-2 * 3600))
            let returned = try await CaseworkAPITests.send(
                .POST, "/api/v1/missing-episodes/\(episode)/return",
                #"{"returnedAt":"\#(back)","whereFound":"Bus station"}"#, token: token, app)
            #expect(try returned.content.decode(MissingJSON.self).returnInterviewDueBy != nil)
            let noOutcome = try await CaseworkAPITests.send(
                .POST, "/api/v1/missing-episodes/\(episode)/interview", #"{"offeredAt":"\#(back)"}"#, token: token, app)
            #expect(noOutcome.status == .unprocessableEntity)
            let interviewed = try await CaseworkAPITests.send(
                .POST, "/api/v1/missing-episodes/\(episode)/interview",
                #"{"offeredAt":"\#(DisplayFormat.iso8601(Date().addingTimeInterval(-3600)))","outcome":"Talked about where she went"}"#,
                token: token, app)
            #expect(interviewed.status == .ok, "\(interviewed.body.string)")
            let after = try await CaseworkAPITests.send(.GET, "/api/v1/work-list", token: token, app)
            #expect(!(try after.content.decode(WorkListJSON.self).items.contains { $0.kind == "return-interview" }))
        }
    }
}

extension ResidentialTests {
    /// Every form of a child's day and of the home, sent back with errors: the title starts "Error: ", each
    /// message sits beside its field and every link in the summary reaches something on the page.
    @Test func aFailedResidentialOrHomeFormIsAnErrorPage() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let home = try await Self.home(world, app).uuidString.lowercased()
            let person = world.person.uuidString.lowercased()
            let placement = try #require(try await Placement.query(on: app.db).first()?.requireID()).uuidString
                .lowercased()
            // Somewhere to move to.
            _ = try await Self.secondHome(named: "Elm House", team: world.north, app)
            let worker = TestBrowser(app)
            try await worker.signIn("practitioner@test.example")
            let manager = TestBrowser(app)
            try await manager.signIn("manager@test.example")
            let cases: [(TestBrowser, String, [(String, String)], title: String, fields: [String])] = [
                (
                    worker, "/people/\(person)/incidents",
                    [
                        ("date", ""), ("time", ""), ("type", ""), ("description", ""), ("place", "The kitchen"),
                        ("measureUsed", "yes"), ("measureDescription", ""), ("durationMinutes", "ten"),
                    ],
                    "Record an incident: Amelia Testperson",
                    // A duration that is not a number is listed with the rest, not on its own first.
                    ["occurredAt", "type", "description", "measureDescription", "durationMinutes"]
                ),
                (
                    worker, "/people/\(person)/missing-episodes", [("date", ""), ("time", "")],
                    "Record a missing episode: Amelia Testperson", ["lastSeenAt"]
                ),
                (
                    worker, "/people/\(person)/daily-logs", [("area", ""), ("text", "")],
                    "Daily life: Amelia Testperson", ["area", "text"]
                ),
                (
                    worker, "/people/\(person)/key-work",
                    [("heldOn", UKTime.today()), ("topic", ""), ("childWords", "")],
                    "Daily life: Amelia Testperson", ["topic", "childWords"]
                ),
                (
                    worker, "/people/\(person)/placement-plan", [], "Placement plan: Amelia Testperson",
                    ["area-health"]
                ),
                (worker, "/homes/\(home)/handovers", [], "Test House", ["whatHappened", "nextShift"]),
                (
                    worker, "/homes/\(home)/complaints", [("receivedOn", UKTime.today())], "Test House",
                    ["complainant", "summary"]
                ),
                (
                    worker, "/homes/\(home)/statement", [("statementOfPurpose", ""), ("version", "1")],
                    "Statement of purpose: Test House", ["statementOfPurpose"]
                ),
                (manager, "/homes/\(home)/shifts", [], "Rota: Test House", ["userId"]),
                (
                    manager, "/homes/\(home)/admissions", [], "Admit a child to Test House",
                    ["personId", "placingAuthority", "legalStatus"]
                ),
                (
                    manager, "/homes/\(home)/reports", [("kind", "reg45"), ("to", "2099-01-01")],
                    "Regulation 44 and 45 reports: Test House", ["to"]
                ),
                (manager, "/placements/\(placement)/move", [], "Move to another home", ["toHomeId", "reason"]),
            ]
            for (browser, path, form, title, fields) in cases {
                let response = try await browser.post(path, form: form)
                #expect(response.status == .unprocessableEntity, "\(path)")
                let html = response.body.string
                #expect(html.contains("<title>Error: \(title) – Hearth</title>"), "\(path)")
                ErrorPage.expectValid(html, fields: fields)
            }
            // What was typed is kept, and a period's problem is listed once, not once per check.
            let incident = try await worker.post(
                "/people/\(person)/incidents", form: [("description", ""), ("place", "The kitchen")])
            #expect(incident.body.string.contains("value=\"The kitchen\""))
            let report = try await manager.post(
                "/homes/\(home)/reports", form: [("kind", "reg45"), ("to", "2099-01-01")])
            #expect(ErrorPage.summaryLinks(report.body.string) == ["to"])
            // Each area of the placement plan has its own message, named for the area.
            let plan = try await worker.post(
                "/people/\(person)/placement-plan",
                form: [("area-health", "Asthma inhaler"), ("area-education", String(repeating: "x", count: 8_001))])
            ErrorPage.expectValid(plan.body.string, fields: ["area-education"])
            #expect(plan.body.string.contains("Education (PEP, school, attendance) must be 8,000 characters or fewer"))
            #expect(plan.body.string.contains(">Asthma inhaler</textarea>"))
            #expect(try await count("incidents", in: app) == 0)
            #expect(try await count("handovers", in: app) == 0)
        }
    }

    /// The police are told once a child is missing: not before they were last seen, nor in the future.
    @Test func thePoliceCannotBeToldBeforeTheChildWasLastSeen() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            _ = try await Self.home(world, app)
            let token = try await APITestSupport.token(for: "practitioner@test.example", app)
            let lastSeen = Date().addingTimeInterval(-10 * 3600)
            let told = lastSeen.addingTimeInterval(-3600)
            let path = "/api/v1/people/\(world.person.uuidString.lowercased())/missing-episodes"
            let refused = try await CaseworkAPITests.send(
                .POST, path,
                #"{"lastSeenAt":"\#(DisplayFormat.iso8601(lastSeen))","reportedToPoliceAt":"\#(DisplayFormat.iso8601(told))"}"#,
                token: token, app)
            #expect(refused.status == .unprocessableEntity)
            #expect(
                try APITestSupport.fieldErrors(refused) == [
                    FieldError(
                        field: "reportedToPoliceAt", message: "The police cannot be told before they were last seen")
                ])
            let later = try await CaseworkAPITests.send(
                .POST, path,
                #"{"lastSeenAt":"\#(DisplayFormat.iso8601(lastSeen))","reportedToPoliceAt":"\#(DisplayFormat.iso8601(Date().addingTimeInterval(24 * 3600)))"}"#,
                token: token, app)
            #expect(
                try APITestSupport.fieldErrors(later) == [
                    FieldError(field: "reportedToPoliceAt", message: "When police were told must not be in the future")
                ])
            #expect(try await count("missing_episodes", in: app) == 0)
            let browser = TestBrowser(app)
            try await browser.signIn("practitioner@test.example")
            let personPath = "/people/\(world.person.uuidString.lowercased())"
            try await browser.get(personPath + "/missing-episodes/new")
            let page = try await browser.post(
                personPath + "/missing-episodes",
                form: [
                    ("date", UKTime.dayString(lastSeen)), ("time", UKTime.timeString(lastSeen)),
                    ("reportedDate", UKTime.dayString(told)), ("reportedTime", UKTime.timeString(told)),
                ])
            #expect(page.status == .unprocessableEntity)
            let html = page.body.string
            #expect(html.contains("<title>Error:"))
            #expect(html.contains(##"href="#reportedToPoliceAt""##))
            #expect(html.contains(#"id="reportedToPoliceAt-error""#))
            #expect(html.contains("The police cannot be told before they were last seen"))
            #expect(html.contains(#"value="\#(UKTime.timeString(told))""#))
            #expect(try await count("missing_episodes", in: app) == 0)
        }
    }

    /// Speaking to the child after a measure records what they said, or that they would not talk: an empty
    /// box is refused and the step stays open.
    @Test func theChildDebriefNeedsWhatTheChildSaid() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            _ = try await Self.home(world, app)
            let token = try await APITestSupport.token(for: "practitioner@test.example", app)
            let manager = try await APITestSupport.token(for: "manager@test.example", app)
            let created = try await CaseworkAPITests.send(
                .POST, "/api/v1/people/\(world.person.uuidString.lowercased())/incidents",
                #"{"occurredAt":"\#(DisplayFormat.iso8601(Date().addingTimeInterval(-3 * 3600)))","type":"physical-intervention","description":"Held","measure":{"description":"Standing hold"}}"#,
                token: token, app)
            let id = try created.content.decode(IncidentJSON.self).id.uuidString.lowercased()
            for body in [#"{"childView":"  "}"#, "{}"] {
                let refused = try await CaseworkAPITests.send(
                    .POST, "/api/v1/incidents/\(id)/child-debrief", body, token: manager, app)
                #expect(refused.status == .unprocessableEntity)
                #expect(
                    try APITestSupport.fieldErrors(refused) == [
                        FieldError(
                            field: "childView",
                            message: "Write what the child told you, or that they did not want to talk about it")
                    ])
            }
            #expect(try await count("incidents", in: app, where: "child_spoken_to_at IS NOT NULL") == 0)
            let browser = TestBrowser(app)
            try await browser.signIn("manager@test.example")
            try await browser.get("/incidents/\(id)")
            let page = try await browser.post("/incidents/\(id)/child-debrief", form: [("debriefView", "")])
            #expect(page.status == .unprocessableEntity)
            let html = page.body.string
            #expect(html.contains("<title>Error:"))
            #expect(html.contains(##"href="#debriefView""##))
            #expect(html.contains(#"id="debriefView-error""#))
            #expect(html.contains("Write what the child told you, or that they did not want to talk about it"))
            #expect(try await count("incidents", in: app, where: "child_spoken_to_at IS NOT NULL") == 0)
            // Saying they would not talk is a record of the child being offered the chance.
            let declined = try await browser.post(
                "/incidents/\(id)/child-debrief", form: [("debriefView", "She did not want to talk about it")])
            #expect(declined.status == .seeOther)
            #expect(try await count("incidents", in: app, where: "child_spoken_to_at IS NOT NULL") == 1)
            #expect(
                try await browser.get("/incidents/\(id)").body.string.contains("She did not want to talk about it"))
        }
    }
}
