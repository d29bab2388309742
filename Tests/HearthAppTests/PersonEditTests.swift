import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import HearthApp

@Suite struct PersonEditTests {
    @Test func detailsAreChangedWithTheVersionReadAndAStaleSaveGetsAConflict() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let first = TestBrowser(app)
            let second = TestBrowser(app)
            try await first.signIn("practitioner@test.example")
            try await second.signIn("colleague@test.example")
            let page = try await first.get(world.personPath + "/edit")
            #expect(page.status == .ok)
            try await second.get(world.personPath + "/edit")
            let version = try #require(TestBrowser.firstMatch(in: page.body.string, after: "name=\"version\" value=\""))
            let base = [
                ("givenName", "Amelia"), ("familyName", "Testperson"), ("dateOfBirth", "2015-04-01"),
                ("version", version),
            ]
            let saved = try await first.post(
                world.personPath, form: base + [("preferredName", "Millie"), ("nhsNumber", "9434765870")])
            #expect(saved.status == .seeOther)
            let stale = try await second.post(world.personPath, form: base + [("preferredName", "Mia")])
            #expect(stale.status == .conflict)
            #expect(stale.body.string.contains("Someone else changed these details"))
            #expect(stale.body.string.contains("value=\"Mia\""))
            #expect(
                try await count("people", in: app, where: "preferred_name = 'Millie' AND nhs_number = '9434765870'")
                    == 1)
            let invalid = try await first.post(
                world.personPath,
                form: [("givenName", ""), ("familyName", "Testperson"), ("nhsNumber", "1234567890"), ("version", "2")])
            #expect(invalid.status == .unprocessableEntity)
            #expect(try await count("people", in: app, where: "given_name = 'Amelia'") == 1)
            // The new preferred name is searchable at once.
            let token = try await APITestSupport.token(for: "practitioner@test.example", app)
            let search = try await app.testing().sendRequest(
                .GET, "/api/v1/people/search?q=Millie+Testperson", headers: APITestSupport.bearer(token))
            #expect(search.body.string.contains("Amelia"))
        }
    }

    @Test func aPersonFormWithErrorsKeepsItsOwnTitleAndHeading() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let browser = TestBrowser(app)
            try await browser.signIn("practitioner@test.example")
            // Changing someone's details: the edit page's title, with "Error: " in the title only.
            let page = try await browser.get(world.personPath + "/edit")
            let version = try #require(TestBrowser.firstMatch(in: page.body.string, after: "name=\"version\" value=\""))
            let edit = try await browser.post(
                world.personPath, form: [("givenName", ""), ("familyName", "Testperson"), ("version", version)])
            #expect(edit.status == .unprocessableEntity)
            let html = edit.body.string
            #expect(html.contains("<title>Error: Change Amelia Testperson’s details – Hearth</title>"))
            #expect(html.contains("<h1 class=\"h-heading-l\">Change Amelia Testperson’s details</h1>"))
            ErrorPage.expectValid(html, fields: ["givenName"])
            // Adding a person: the same.
            try await browser.get("/people/new")
            let add = try await browser.post("/people", form: [("givenName", ""), ("familyName", "Nowak")])
            #expect(add.status == .unprocessableEntity)
            #expect(add.body.string.contains("<title>Error: Add a person – Hearth</title>"))
            #expect(add.body.string.contains("<h1 class=\"h-heading-l\">Add a person</h1>"))
            ErrorPage.expectValid(add.body.string, fields: ["givenName"])
            #expect(add.body.string.contains("value=\"Nowak\""))
        }
    }

    @Test func aNewPersonGoesToTheRequestedTeamOnlyIfTheCreatorBelongsToIt() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let token = try await APITestSupport.token(for: "practitioner@test.example", app)
            let headers = APITestSupport.bearer(token).merging(["Content-Type": "application/json"])
            let refused = try await app.testing().sendRequest(
                .POST, "/api/v1/people", headers: headers,
                body: ByteBuffer(string: #"{"givenName":"Ola","familyName":"Nowak","teamId":"\#(world.south)"}"#))
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("teamId"))
        }
    }
}
