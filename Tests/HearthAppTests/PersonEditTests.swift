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
