import Fluent
import Foundation
import HearthDomain
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import HearthApp

@Suite struct SupervisionTests {
    /// The manager supervises the practitioner monthly.
    static func arrange(_ world: World, _ app: Application) async throws {
        let arrangement = SupervisionArrangement()
        arrangement.superviseeId = world.users["practitioner@test.example"]!
        arrangement.supervisorId = world.users["manager@test.example"]!
        arrangement.everyMonths = 1
        try await arrangement.create(on: app.db)
    }

    @Test func aSessionIsRecordedConfirmedAndShownOnTheWorkAsOversight() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            try await Self.arrange(world, app)
            let involvement = try await world.addInvolvement(on: app)
            let manager = try await APITestSupport.token(for: "manager@test.example", app)
            let practitioner = try await APITestSupport.token(for: "practitioner@test.example", app)
            // Due now: no session yet.
            let before = try await CaseworkAPITests.send(.GET, "/api/v1/work-list", token: manager, app)
            #expect(try before.content.decode(WorkListJSON.self).items.contains { $0.kind == "supervision" })
            let empty = try await CaseworkAPITests.send(
                .POST, "/api/v1/supervisions",
                #"{"superviseeId":"\#(world.users["practitioner@test.example"]!.uuidString.lowercased())","heldOn":"2026-11-02"}"#,
                token: manager, app)
            #expect(empty.status == .unprocessableEntity)
            #expect(empty.body.string.contains("at least one of the four functions"))
            let notMine = try await CaseworkAPITests.send(
                .POST, "/api/v1/supervisions",
                #"{"superviseeId":"\#(world.users["colleague@test.example"]!.uuidString.lowercased())","heldOn":"2026-11-02","support":"x"}"#,
                token: manager, app)
            #expect(notMine.status == .unprocessableEntity)
            // A reflection with no piece of work would be dropped: it is refused, and so is one too long.
            let practitionerId = world.users["practitioner@test.example"]!.uuidString.lowercased()
            let noWork = try await CaseworkAPITests.send(
                .POST, "/api/v1/supervisions",
                #"{"superviseeId":"\#(practitionerId)","heldOn":"2026-11-02","support":"x","reflection":"Worried"}"#,
                token: manager, app)
            #expect(noWork.status == .unprocessableEntity)
            #expect(noWork.body.string.contains("Choose the piece of work this case discussion is about"))
            let long = String(repeating: "a", count: 8_001)
            let tooLong = try await CaseworkAPITests.send(
                .POST, "/api/v1/supervisions",
                #"{"superviseeId":"\#(practitionerId)","heldOn":"2026-11-02","support":"x","involvementId":"\#(involvement.uuidString.lowercased())","discussion":"d","experience":"\#(long)"}"#,
                token: manager, app)
            #expect(tooLong.status == .unprocessableEntity)
            #expect(tooLong.body.string.contains("Experience must be 8,000 characters or fewer"))
            #expect(try await count("supervisions", in: app) == 0)
            let created = try await CaseworkAPITests.send(
                .POST, "/api/v1/supervisions",
                #"{"superviseeId":"\#(world.users["practitioner@test.example"]!.uuidString.lowercased())","heldOn":"2026-11-02","management":"Caseload fine","support":"Tired after a hard visit","involvementId":"\#(involvement.uuidString.lowercased())","discussion":"Amelia's school attendance: keep the plan, ask school for weekly data","reflection":"Worried we rely on mum","actionOwner":"Practitioner","actionWhat":"Ring school","actionBy":"2026-11-09"}"#,
                token: manager, app)
            #expect(created.status == .created, "\(created.body.string)")
            let supervision = try created.content.decode(SupervisionJSON.self)
            #expect(supervision.cases.count == 1 && supervision.actions.count == 1)
            #expect(supervision.superviseeConfirmedAt == nil)
            let path = "/api/v1/supervisions/\(supervision.id.uuidString.lowercased())"
            // Only the supervisee confirms; a colleague cannot even see it.
            #expect(try await CaseworkAPITests.send(.POST, path + "/confirm", token: manager, app).status == .forbidden)
            let colleague = try await APITestSupport.token(for: "colleague@test.example", app)
            #expect(try await CaseworkAPITests.send(.GET, path, token: colleague, app).status == .notFound)
            let confirmed = try await CaseworkAPITests.send(.POST, path + "/confirm", token: practitioner, app)
            #expect(try confirmed.content.decode(SupervisionJSON.self).superviseeConfirmedAt != nil)
            let mine = try await CaseworkAPITests.send(.GET, "/api/v1/supervisions", token: practitioner, app)
            #expect(try mine.content.decode(ItemsJSON<SupervisionJSON>.self).items.map(\.id) == [supervision.id])
            let theirs = try await CaseworkAPITests.send(.GET, "/api/v1/supervisions", token: colleague, app)
            #expect(try theirs.content.decode(ItemsJSON<SupervisionJSON>.self).items.isEmpty)
            // The discussion shows on the piece of work as management oversight.
            let browser = TestBrowser(app)
            try await browser.signIn("practitioner@test.example")
            let decisions = try await browser.get("/involvements/\(involvement.uuidString.lowercased())/decisions")
            #expect(decisions.body.string.contains("Discussed in supervision"))
            #expect(decisions.body.string.contains("keep the plan, ask school for weekly data"))
            #expect(try await browser.get("/supervision").status == .ok)
        }
    }

    @Test func aReflectionIsPrivateUntilSharedWithTheSupervisor() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            try await Self.arrange(world, app)
            let practitioner = try await APITestSupport.token(for: "practitioner@test.example", app)
            let bad = try await CaseworkAPITests.send(
                .POST, "/api/v1/reflections", #"{"model":"freud","title":""}"#, token: practitioner, app)
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("\"model\"") && bad.body.string.contains("\"title\""))
            let written = try await CaseworkAPITests.send(
                .POST, "/api/v1/reflections",
                #"{"model":"gibbs","title":"A hard visit","parts":{"description":"Mum shouted at me","feelings":"Shaken"},"items":["S1","B1"],"cpdHours":"1.5"}"#,
                token: practitioner, app)
            #expect(written.status == .created, "\(written.body.string)")
            let id = try written.content.decode(ReflectionJSON.self).id.uuidString.lowercased()
            let manager = try await APITestSupport.token(for: "manager@test.example", app)
            #expect(
                try await CaseworkAPITests.send(.GET, "/api/v1/reflections/\(id)", token: manager, app).status
                    == .notFound)
            // Sharing only with the author's supervisor or tutor.
            let wrong = try await CaseworkAPITests.send(
                .POST, "/api/v1/reflections/\(id)/share",
                #"{"with":"\#(world.users["colleague@test.example"]!.uuidString.lowercased())"}"#, token: practitioner,
                app)
            #expect(wrong.status == .unprocessableEntity)
            let shared = try await CaseworkAPITests.send(
                .POST, "/api/v1/reflections/\(id)/share",
                #"{"with":"\#(world.users["manager@test.example"]!.uuidString.lowercased())"}"#, token: practitioner,
                app)
            #expect(shared.status == .ok)
            let sharedList = try await CaseworkAPITests.send(.GET, "/api/v1/reflections", token: manager, app)
            #expect(
                try sharedList.content.decode(ItemsJSON<ReflectionJSON>.self).items.map(\.title) == ["A hard visit"])
            let read = try await CaseworkAPITests.send(.GET, "/api/v1/reflections/\(id)", token: manager, app)
            #expect(try read.content.decode(ReflectionJSON.self).parts["feelings"] == "Shaken")
            let colleague = try await APITestSupport.token(for: "colleague@test.example", app)
            #expect(
                try await CaseworkAPITests.send(.GET, "/api/v1/reflections/\(id)", token: colleague, app).status
                    == .notFound)
        }
    }
}

extension SupervisionTests {
    @Test func supervisionFormsWithErrorsShowEachMessageBesideItsField() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            try await Self.arrange(world, app)
            let manager = TestBrowser(app)
            try await manager.signIn("manager@test.example")
            let practitioner = world.users["practitioner@test.example"]!.uuidString.lowercased()
            // The arrangement form on the supervision page: its title says Error, and what was chosen stays.
            try await manager.get("/supervision")
            let arrangement = try await manager.post(
                "/supervision/arrangements",
                form: [("superviseeId", practitioner), ("supervisorId", practitioner), ("everyMonths", "9")])
            #expect(arrangement.status == .unprocessableEntity)
            let page = arrangement.body.string
            #expect(page.contains("<title>Error: Supervision – Hearth</title>"))
            ErrorPage.expectValid(page, fields: ["supervisorId", "everyMonths"])
            #expect(page.contains("value=\"9\""))
            #expect(page.contains("<option value=\"\(practitioner)\" selected>"))
            // A session whose functions are too long: a message beside each.
            try await manager.get("/supervision/new")
            let long = String(repeating: "x", count: 8_001)
            let session = try await manager.post(
                "/supervisions",
                form: [
                    ("superviseeId", practitioner), ("heldOn", "2026-11-02"), ("management", "Caseload fine"),
                    ("support", long), ("development", long), ("mediation", long),
                ])
            #expect(session.status == .unprocessableEntity)
            ErrorPage.expectValid(session.body.string, fields: ["support", "development", "mediation"])
            #expect(session.body.string.contains("Support must be 8,000 characters or fewer"))
            #expect(try await count("supervisions", in: app) == 0)
        }
    }

    @Test func aReflectionsMessageNamesThePartAsItsLabelDoes() async throws {
        try await withHearth { app in
            _ = try await World.build(on: app)
            let browser = TestBrowser(app)
            try await browser.signIn("practitioner@test.example")
            try await browser.get("/journal/new")
            let response = try await browser.post(
                "/journal",
                form: [
                    ("model", "gibbs"), ("title", "A hard visit"),
                    ("parts[description]", String(repeating: "x", count: 8_001)),
                ])
            #expect(response.status == .unprocessableEntity)
            let html = response.body.string
            ErrorPage.expectValid(html, fields: ["part-description"])
            #expect(html.contains("Description must be 8,000 characters or fewer"))
            #expect(!html.contains("what happened? must"))
            #expect(try await count("reflections", in: app) == 0)
        }
    }
}
