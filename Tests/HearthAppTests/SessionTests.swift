import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import HearthApp

@Suite struct SessionTests {
    @Test func theSessionCookieIsHostOnlySecureHttpOnlyAndLax() async throws {
        try await withHearth { app in
            _ = try await World.build(on: app)
            let browser = TestBrowser(app)
            let response = try await browser.signIn("practitioner@test.example")
            #expect(response.status == .seeOther)
            let cookie = try #require(response.headers[.setCookie].first { $0.hasPrefix("__Host-hearth-session=") })
            let attributes = cookie.lowercased()
            #expect(attributes.contains("; secure"))
            #expect(attributes.contains("; httponly"))
            #expect(attributes.contains("samesite=lax"))
            #expect(attributes.contains("path=/"))
            #expect(!attributes.contains("domain="))
            // Only the keyed hash is stored, never the token.
            let token = try #require(browser.sessionCookie)
            #expect(try await count("user_sessions", in: app, where: "token_hash = \(bind: token)") == 0)
        }
    }

    /// Activity on a session is a write and waits its turn with the other writers: under load a touch
    /// that went straight at SQLite's write lock stalled the server (ADR 0003).
    @Test func activityOnASessionWaitsItsTurnWithTheOtherWriters() async throws {
        try await withHearth { app in
            _ = try await World.build(on: app)
            let browser = TestBrowser(app)
            try await browser.signIn("practitioner@test.example")
            let row = try #require(
                try await app.db.sql.raw("SELECT id, last_seen_at FROM user_sessions WHERE ended_at IS NULL").first())
            let sessionId = try row.decode(column: "id", as: UUID.self)
            let before = try row.decode(column: "last_seen_at", as: Date.self)
            func lastSeen() async throws -> Date {
                try await app.db.sql.raw("SELECT last_seen_at FROM user_sessions WHERE id = \(bind: sessionId)")
                    .first()!.decode(column: "last_seen_at", as: Date.self)
            }
            guard Store.isSQLite(app.db) else {
                try await SessionStore.touch(sessionId, on: app.db)
                #expect(try await lastSeen() > before)
                return
            }
            await Store.writeTurns.take()
            let touch = Task { try await SessionStore.touch(sessionId, on: app.db) }
            try await Task.sleep(for: .milliseconds(300))
            #expect(try await lastSeen() == before)
            await Store.writeTurns.give()
            try await touch.value
            #expect(try await lastSeen() > before)
        }
    }

    @Test func signingInIssuesANewSessionEachTime() async throws {
        try await withHearth { app in
            _ = try await World.build(on: app)
            let browser = TestBrowser(app)
            try await browser.signIn("practitioner@test.example")
            let first = try #require(browser.sessionCookie)
            try await browser.signIn("practitioner@test.example")
            let second = try #require(browser.sessionCookie)
            #expect(first != second)
            // The earlier session was ended, not left open.
            #expect(try await count("user_sessions", in: app, where: "ended_at IS NULL") == 1)
        }
    }

    @Test func anIdleSessionExpiresAndSaysWhy() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let browser = TestBrowser(app)
            try await browser.signIn("practitioner@test.example")
            #expect(try await browser.get(world.personPath).status == .ok)
            try await app.db.sql.update("user_sessions").set("last_seen_at", to: Date().addingTimeInterval(-16 * 60))
                .run()
            let expired = try await browser.get(world.personPath)
            #expect(expired.status == .seeOther)
            #expect(expired.headers.first(name: .location) == "/sign-in?timeout=1")
            #expect(try await count("user_sessions", in: app, where: "ended_reason = 'idle-timeout'") == 1)
            let page = try await browser.get("/sign-in?timeout=1")
            #expect(page.body.string.contains("You were signed out because you had not done anything for 15 minutes"))
        }
    }

    @Test func aSessionEndsAfterTwelveHoursHoweverBusy() async throws {
        try await withHearth { app in
            _ = try await World.build(on: app)
            let browser = TestBrowser(app)
            try await browser.signIn("practitioner@test.example")
            try await app.db.sql.update("user_sessions").set("expires_at", to: Date().addingTimeInterval(-1)).run()
            #expect(try await browser.get("/").status == .seeOther)
            #expect(try await count("user_sessions", in: app, where: "ended_reason = 'absolute-timeout'") == 1)
        }
    }

    @Test func pagesCarryTheIdleWarningSettings() async throws {
        try await withHearth { app in
            _ = try await World.build(on: app)
            let browser = TestBrowser(app)
            try await browser.signIn("practitioner@test.example")
            let home = try #require(browser.lastResponse).body.string
            #expect(home.contains("data-idle-timeout=\"900\""))
            #expect(home.contains("data-idle-warning=\"120\""))
            let extended = try await browser.post("/session/extend")
            #expect(extended.status == .noContent)
        }
    }

    @Test func aMissingOrWrongCSRFTokenIsRefusedAndChangesNothing() async throws {
        try await withHearth { app in
            _ = try await World.build(on: app)
            let browser = TestBrowser(app)
            try await browser.signIn("admin@test.example")
            try await browser.get("/admin/users/new")
            let usersBefore = try await count("users", in: app)
            let auditBefore = try await count("audit_events", in: app)
            let form = [
                ("email", "new.person@test.example"), ("displayName", "New Person"), ("roles[]", "practitioner"),
            ]
            let missing = try await browser.post("/admin/users", form: form, csrf: .some(nil))
            #expect(missing.status == .forbidden)
            let wrong = try await browser.post("/admin/users", form: form, csrf: "not-the-token")
            #expect(wrong.status == .forbidden)
            #expect(try await count("users", in: app) == usersBefore)
            #expect(try await count("audit_events", in: app) == auditBefore)

            // Sign-out without the token leaves the session alive.
            #expect(try await browser.post("/sign-out", csrf: .some(nil)).status == .forbidden)
            #expect(try await browser.get("/").status == .ok)

            // The sign-in form is protected too, before anyone is signed in.
            let stranger = TestBrowser(app)
            let signIn = try await stranger.post(
                "/sign-in", form: [("email", "admin@test.example"), ("password", Fixtures.password)], csrf: .some(nil))
            #expect(signIn.status == .forbidden)
            #expect(stranger.sessionCookie == nil)
        }
    }

    @Test func wrongEmailAndWrongPasswordGetTheSameMessage() async throws {
        try await withHearth { app in
            _ = try await World.build(on: app)
            let unknown = TestBrowser(app)
            try await unknown.get("/sign-in")
            let a = try await unknown.post(
                "/sign-in", form: [("email", "nobody@test.example"), ("password", "whatever it is")])
            let known = TestBrowser(app)
            try await known.get("/sign-in")
            let b = try await known.post(
                "/sign-in", form: [("email", "practitioner@test.example"), ("password", "wrong password")])
            #expect(a.status == b.status)
            #expect(a.body.string.contains(SignInController.wrongCredentials))
            #expect(b.body.string.contains(SignInController.wrongCredentials))
            #expect(try await count("audit_events", in: app, where: "action = 'sign-in-failed'") == 2)
        }
    }

    @Test func repeatedFailuresLockTheAccountOut() async throws {
        try await withHearth { app in
            _ = try await World.build(on: app)
            let browser = TestBrowser(app)
            try await browser.get("/sign-in")
            for _ in 0..<app.settings.maxFailuresPerAccount {
                let response = try await browser.post(
                    "/sign-in", form: [("email", "practitioner@test.example"), ("password", "not the password")])
                #expect(response.status == .unauthorized)
            }
            // Now even the right password is refused, with the lock-out message.
            let locked = try await browser.post(
                "/sign-in", form: [("email", "practitioner@test.example"), ("password", Fixtures.password)])
            #expect(locked.status == .tooManyRequests)
            #expect(locked.body.string.contains(SignInController.lockedOut))
            #expect(browser.sessionCookie == nil)
            // Another account from the same address is not locked by these failures.
            let other = TestBrowser(app)
            #expect(try await other.signIn("colleague@test.example").status == .seeOther)
            // After the window passes, the account opens again.
            try await app.db.sql.update("sign_in_attempts").set("at", to: Date().addingTimeInterval(-16 * 60)).run()
            #expect(try await browser.signIn("practitioner@test.example").status == .seeOther)
        }
    }

    @Test func repeatedFailuresFromOneAddressLockThatAddressOut() async throws {
        try await withHearth { app in
            _ = try await World.build(on: app)
            let browser = TestBrowser(app)
            try await browser.get("/sign-in")
            for index in 0..<app.settings.maxFailuresPerAddress {
                try await browser.post(
                    "/sign-in", form: [("email", "guess\(index)@test.example"), ("password", "guess guess")])
            }
            let locked = try await browser.post(
                "/sign-in", form: [("email", "practitioner@test.example"), ("password", Fixtures.password)])
            #expect(locked.status == .tooManyRequests)
        }
    }

    @Test func disablingAUserEndsTheirSessionAtOnce() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let practitioner = TestBrowser(app)
            try await practitioner.signIn("practitioner@test.example")
            #expect(try await practitioner.get(world.personPath).status == .ok)

            let admin = TestBrowser(app)
            try await admin.signIn("admin@test.example")
            let userId = world.users["practitioner@test.example"]!.uuidString.lowercased()
            try await admin.get("/admin/users/\(userId)")
            #expect(try await admin.post("/admin/users/\(userId)/disable").status == .ok)

            let after = try await practitioner.get(world.personPath)
            #expect(after.status == .seeOther)
            #expect(try await practitioner.signIn("practitioner@test.example").status == .unauthorized)
        }
    }

    @Test func signOutEverywhereEndsEverySession() async throws {
        try await withHearth { app in
            _ = try await World.build(on: app)
            let laptop = TestBrowser(app)
            let phone = TestBrowser(app)
            try await laptop.signIn("practitioner@test.example")
            try await phone.signIn("practitioner@test.example")
            try await laptop.get("/account")
            let response = try await laptop.post("/sign-out-everywhere")
            #expect(response.status == .seeOther)
            #expect(try await phone.get("/").status == .seeOther)
            #expect(try await laptop.get("/").status == .seeOther)
            #expect(try await count("audit_events", in: app, where: "action = 'sign-out-everywhere'") == 1)
        }
    }

    @Test func signingInAndOutIsAudited() async throws {
        try await withHearth { app in
            _ = try await World.build(on: app)
            let browser = TestBrowser(app)
            try await browser.signIn("practitioner@test.example")
            try await browser.post("/sign-out")
            #expect(try await browser.get("/").status == .seeOther)
            #expect(
                try await count(
                    "audit_events", in: app, where: "action = 'sign-in' AND actor_email = 'practitioner@test.example'")
                    == 1)
            #expect(try await count("audit_events", in: app, where: "action = 'sign-out'") == 1)
        }
    }
}
