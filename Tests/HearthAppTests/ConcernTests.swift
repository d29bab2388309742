import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import HearthApp

@Suite struct ConcernTests {
    /// Friday 22 August 2025, 16:00 in London, before the August bank holiday Monday: the decision is due
    /// at the end of Tuesday 26 August (23:59:59 BST).
    @Test func aConcernRaisedOnTheFridayBeforeABankHolidayIsDueAtTheEndOfTuesday() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let token = try await APITestSupport.token(for: "practitioner@test.example", app)
            let response = try await CaseworkAPITests.send(
                .POST, "/api/v1/people/\(world.person.uuidString.lowercased())/concerns",
                #"{"categories":["neglect","online-harm"],"description":"No food in the house; messages from an adult online","childsWords":"He said not to tell","raisedAt":"2025-08-22T15:00:00Z"}"#,
                token: token, app)
            #expect(response.status == .created, "\(response.body.string)")
            let concern = try response.content.decode(ConcernJSON.self)
            #expect(concern.decisionDueBy == "2025-08-26T22:59:59Z")
            #expect(concern.categories == ["neglect", "online-harm"])
            #expect(concern.raisedAt == "2025-08-22T15:00:00Z")
            #expect(concern.recordedAt != concern.raisedAt)
            // It is in the chronology, from the concern itself.
            let chronology = try await CaseworkAPITests.send(
                .GET, "/api/v1/people/\(world.person.uuidString.lowercased())/chronology?source=concern", token: token,
                app)
            #expect(chronology.body.string.contains("Safeguarding concern (Neglect, Online harm)"))
            // And in the safeguarding leads' queue.
            let lead = TestBrowser(app)
            try await lead.signIn("safeguarding@test.example")
            let queue = try await lead.get("/safeguarding")
            #expect(queue.status == .ok)
            #expect(queue.body.string.contains("Amelia Testperson"))
            #expect(queue.body.string.contains("Neglect, Online harm"))
        }
    }

    @Test func badConcernsAreRefusedAndOutsidersCannotRaiseThem() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let token = try await APITestSupport.token(for: "practitioner@test.example", app)
            let path = "/api/v1/people/\(world.person.uuidString.lowercased())/concerns"
            let bad = try await CaseworkAPITests.send(
                .POST, path, #"{"categories":["bullying"],"description":"","raisedAt":"2099-01-01T00:00:00Z"}"#,
                token: token, app)
            #expect(bad.status == .unprocessableEntity)
            for field in ["categories", "description", "raisedAt"] { #expect(bad.body.string.contains("\"\(field)\"")) }
            let south = try await APITestSupport.token(for: "south@test.example", app)
            let outsider = try await CaseworkAPITests.send(
                .POST, path, #"{"categories":["neglect"],"description":"x"}"#, token: south, app)
            #expect(outsider.status == .notFound)
            #expect(try await count("concerns", in: app) == 0)
            let practitioner = TestBrowser(app)
            try await practitioner.signIn("practitioner@test.example")
            #expect(try await practitioner.get("/safeguarding").status == .forbidden)
        }
    }
}

@Suite struct ConcernDecisionTests {
    @Test func theSafeguardingLeadDecidesAndAReferralNeedsItsReference() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let token = try await APITestSupport.token(for: "practitioner@test.example", app)
            let raised = try await CaseworkAPITests.send(
                .POST, "/api/v1/people/\(world.person.uuidString.lowercased())/concerns",
                #"{"categories":["physical-abuse"],"description":"Bruises on both arms"}"#, token: token, app)
            let concern = try raised.content.decode(ConcernJSON.self)
            let path = "/concerns/\(concern.id.uuidString.lowercased())"

            let practitioner = TestBrowser(app)
            try await practitioner.signIn("practitioner@test.example")
            #expect(try await practitioner.get(path).status == .ok)
            #expect(
                try await practitioner.post(path + "/decision", form: [("outcome", "monitor")]).status == .forbidden)

            let lead = TestBrowser(app)
            try await lead.signIn("safeguarding@test.example")
            try await lead.get(path)
            let missing = try await lead.post(path + "/decision", form: [("outcome", "referred-csc")])
            #expect(missing.status == .unprocessableEntity)
            #expect(missing.body.string.contains("Enter the reference the other agency gave"))
            // The choice made comes back made.
            #expect(missing.body.string.contains(#"value="referred-csc" checked>"#))
            let tooLong = try await lead.post(
                path + "/decision",
                form: [("outcome", "referred-police"), ("referralReference", String(repeating: "R", count: 101))])
            #expect(tooLong.body.string.contains(#"value="\#(String(repeating: "R", count: 101))""#))
            #expect(try await count("concerns", in: app, where: "decided_at IS NOT NULL") == 0)
            let decided = try await lead.post(
                path + "/decision", form: [("outcome", "referred-csc"), ("referralReference", "MASH-2026-0117")])
            #expect(decided.status == .seeOther)
            let page = try await lead.get(path)
            #expect(page.body.string.contains("Refer to children’s social care"))
            #expect(page.body.string.contains("MASH-2026-0117"))
            #expect(!(try await lead.get("/safeguarding")).body.string.contains("Amelia Testperson"))
        }
    }
}

extension ConcernTests {
    @Test func aConcernWithErrorsShowsEachMessageBesideItsFieldAndKeepsWhatWasTicked() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let browser = TestBrowser(app)
            try await browser.signIn("practitioner@test.example")
            try await browser.get(world.personPath + "/concerns/new")
            let response = try await browser.post(
                world.personPath + "/concerns",
                form: [
                    ("categories[]", "neglect"), ("description", "Bruise on her arm"),
                    ("childsWords", String(repeating: "x", count: 4_001)),
                    ("source", String(repeating: "x", count: 501)),
                    ("immediateAction", String(repeating: "x", count: 4_001)),
                    ("whoTold", String(repeating: "x", count: 1_001)),
                ])
            #expect(response.status == .unprocessableEntity)
            let html = response.body.string
            #expect(html.contains("<title>Error: Raise a safeguarding concern – Hearth</title>"))
            ErrorPage.expectValid(html, fields: ["childsWords", "source", "immediateAction", "whoTold"])
            #expect(html.contains("The child’s words must be 4,000 characters or fewer"))
            #expect(html.contains("value=\"neglect\" checked>"))
            #expect(html.contains(">Bruise on her arm</textarea>"))
            #expect(try await count("concerns", in: app) == 0)
        }
    }
}
