import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import HearthApp

@Suite struct AdminTests {
    @Test func onlyAdministratorsReachAdministration() async throws {
        try await withHearth { app in
            _ = try await World.build(on: app)
            for (email, _, _, _) in World.accounts {
                let browser = TestBrowser(app)
                try await browser.signIn(email)
                let status = try await browser.get("/admin/users").status
                #expect(status == (email == "admin@test.example" ? .ok : .forbidden), "\(email)")
            }
        }
    }

    @Test func anAdministratorAddsAUserWhoSetsTheirOwnPassword() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let admin = TestBrowser(app)
            try await admin.signIn("admin@test.example")
            try await admin.get("/admin/users/new")
            let created = try await admin.post(
                "/admin/users",
                form: [
                    ("displayName", "Noor Haddad"), ("email", "Noor.Haddad@Test.example"), ("roles[]", "practitioner"),
                    ("teams[]", world.north.uuidString),
                ])
            #expect(created.status == .ok)
            let html = created.body.string
            let link = try #require(
                TestBrowser.firstMatch(in: html, after: "id=\"set-password-link\">")?
                    .components(separatedBy: "<").first)
            let path = try #require(URL(string: link)?.path)
            #expect(path.hasPrefix("/set-password/"))
            // No password was set or shown by the administrator.
            #expect(
                try await count("users", in: app, where: "email = 'noor.haddad@test.example' AND password_hash IS NULL")
                    == 1)

            let newcomer = TestBrowser(app)
            try await newcomer.get(path)
            let short = try await newcomer.post(path, form: [("password", "short"), ("confirmation", "short")])
            #expect(short.status == .unprocessableEntity)
            #expect(short.body.string.contains("12 characters or more"))
            let set = try await newcomer.post(
                path, form: [("password", "a long new passphrase"), ("confirmation", "a long new passphrase")])
            #expect(set.status == .seeOther)
            #expect(
                try await newcomer.signIn("noor.haddad@test.example", password: "a long new passphrase").status
                    == .seeOther)
            #expect(try await newcomer.get(world.personPath).status == .ok)
            // The link works once.
            let again = TestBrowser(app)
            #expect(try await again.get(path).status == .notFound)
        }
    }

    @Test func invalidNewUsersGetFieldMessagesAndNothingIsSaved() async throws {
        try await withHearth { app in
            _ = try await World.build(on: app)
            let admin = TestBrowser(app)
            try await admin.signIn("admin@test.example")
            try await admin.get("/admin/users/new")
            let before = try await count("users", in: app)
            let response = try await admin.post(
                "/admin/users", form: [("displayName", ""), ("email", "not an email")])
            #expect(response.status == .unprocessableEntity)
            let html = response.body.string
            #expect(html.contains("Enter the user’s full name"))
            #expect(html.contains("Enter an email address in the correct format"))
            #expect(html.contains("Select at least one role"))
            #expect(html.contains("<title>Error:"))
            let duplicate = try await admin.post(
                "/admin/users",
                form: [("displayName", "Dup"), ("email", "practitioner@test.example"), ("roles[]", "practitioner")])
            #expect(duplicate.body.string.contains("A user with this email address already exists"))
            #expect(try await count("users", in: app) == before)
        }
    }

    @Test func aRoleChangeTakesEffectOnTheUsersNextRequest() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let practitioner = TestBrowser(app)
            try await practitioner.signIn("practitioner@test.example")
            #expect(try await practitioner.get(world.personPath).status == .ok)

            let admin = TestBrowser(app)
            try await admin.signIn("admin@test.example")
            let userId = world.users["practitioner@test.example"]!.uuidString.lowercased()
            let page = try await admin.get("/admin/users/\(userId)")
            let version = try #require(TestBrowser.firstMatch(in: page.body.string, after: "name=\"version\" value=\""))
            let saved = try await admin.post(
                "/admin/users/\(userId)", form: [("roles[]", "tutor-assessor"), ("version", version)])
            #expect(saved.status == .ok)
            #expect(try await practitioner.get(world.personPath).status == .notFound)
        }
    }

    @Test func aStaleEditGetsAConflictAndOverwritesNothing() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let userId = world.users["colleague@test.example"]!.uuidString.lowercased()
            let first = TestBrowser(app)
            let second = TestBrowser(app)
            try await first.signIn("admin@test.example")
            try await second.signIn("admin@test.example")
            let page = try await first.get("/admin/users/\(userId)")
            let version = try #require(TestBrowser.firstMatch(in: page.body.string, after: "name=\"version\" value=\""))
            try await second.get("/admin/users/\(userId)")

            let one = try await first.post(
                "/admin/users/\(userId)", form: [("roles[]", "senior-practitioner"), ("version", version)])
            #expect(one.status == .ok)
            let two = try await second.post(
                "/admin/users/\(userId)", form: [("roles[]", "auditor"), ("version", version)])
            #expect(two.status == .conflict)
            #expect(two.body.string.contains("Someone else changed this user"))
            let roles = try await app.db.sql.raw(
                "SELECT role FROM user_roles WHERE user_id = \(bind: world.users["colleague@test.example"]!)"
            )
            .all().map { try $0.decode(column: "role", as: String.self) }
            #expect(roles == ["senior-practitioner"])
        }
    }

    @Test func aUserSavedWithNoRoleIsAnErrorPageTitledOnce() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let admin = TestBrowser(app)
            try await admin.signIn("admin@test.example")
            let userId = world.users["colleague@test.example"]!.uuidString.lowercased()
            let page = try await admin.get("/admin/users/\(userId)")
            let version = try #require(TestBrowser.firstMatch(in: page.body.string, after: "name=\"version\" value=\""))
            let response = try await admin.post("/admin/users/\(userId)", form: [("version", version)])
            #expect(response.status == .unprocessableEntity)
            let html = response.body.string
            #expect(html.contains("<title>Error: Test colleague@test.example – Hearth</title>"))
            ErrorPage.expectValid(html, fields: ["roles"])
        }
    }

    @Test func administratorsCannotLockThemselvesOut() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let admin = TestBrowser(app)
            try await admin.signIn("admin@test.example")
            let me = world.users["admin@test.example"]!.uuidString.lowercased()
            let page = try await admin.get("/admin/users/\(me)")
            let version = try #require(TestBrowser.firstMatch(in: page.body.string, after: "name=\"version\" value=\""))
            let response = try await admin.post(
                "/admin/users/\(me)", form: [("roles[]", "auditor"), ("version", version)])
            #expect(response.status == .unprocessableEntity)
            #expect(response.body.string.contains("You cannot remove your own administrator role"))
            #expect(try await admin.post("/admin/users/\(me)/disable").status == .badRequest)
        }
    }
}
