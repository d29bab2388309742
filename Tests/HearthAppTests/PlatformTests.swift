import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import HearthApp

@Suite struct PlatformTests {
    @Test func healthzAnswersWithoutSigningIn() async throws {
        try await withHearth { app in
            let response = try await app.testing().sendRequest(.GET, "/healthz")
            #expect(response.status == .ok)
            #expect(response.body.string.contains("ok"))
        }
    }

    @Test func pagesCarrySecurityHeadersAndAreNeverCached() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let browser = TestBrowser(app)
            try await browser.signIn("practitioner@test.example")
            let response = try await browser.get(world.personPath)
            let csp = try #require(response.headers.first(name: "Content-Security-Policy"))
            #expect(csp.contains("script-src 'self'"))
            #expect(!csp.contains("unsafe-inline"))
            #expect(csp.contains("frame-ancestors 'none'"))
            #expect(response.headers.first(name: "X-Content-Type-Options") == "nosniff")
            #expect(response.headers.first(name: .cacheControl) == "no-store")
            // HSTS only in production, where Hearth is served over https.
            #expect(response.headers.first(name: "Strict-Transport-Security") == nil)
        }
    }

    @Test func signedOutVisitorsAreSentToSignIn() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            for path in ["/", world.personPath, "/people", "/audit", "/admin/users", "/account"] {
                let response = try await app.testing().sendRequest(.GET, path)
                #expect(response.status == .seeOther, "\(path)")
                #expect(response.headers.first(name: .location) == "/sign-in", "\(path)")
            }
        }
    }

    @Test func errorPagesShowNoInternals() async throws {
        try await withHearth { app in
            _ = try await World.build(on: app)
            let browser = TestBrowser(app)
            try await browser.signIn("practitioner@test.example")
            let missing = try await browser.get("/no-such-page")
            #expect(missing.status == .notFound)
            #expect(missing.body.string.contains("Page not found"))
            #expect(!missing.body.string.contains("Abort"))
            // A database failure is a 500 with a reference, not a stack trace.
            try await app.db.sql.raw("DROP TABLE allocations").run()
            let broken = try await browser.get("/people")
            #expect(broken.status == .internalServerError)
            #expect(broken.body.string.contains("Sorry, there is a problem with Hearth"))
            #expect(!broken.body.string.lowercased().contains("allocations"))
        }
    }

    @Test func auditorsFilterTheTrailByRecordUserAndDate() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let practitioner = TestBrowser(app)
            try await practitioner.signIn("practitioner@test.example")
            try await practitioner.get(world.personPath)

            let auditor = TestBrowser(app)
            try await auditor.signIn("auditor@test.example")
            let subject = "person:\(world.person.uuidString.lowercased())"
            let byRecord = try await auditor.get("/audit?subject=\(subject)")
            #expect(byRecord.status == .ok)
            #expect(byRecord.body.string.contains("practitioner@test.example"))
            // The record reads as words, not as the code's name for its type.
            #expect(byRecord.body.string.contains(">Person \(world.person.uuidString.lowercased().prefix(8))</a>"))
            // Actions and roles read as words; an event with no role used says so.
            #expect(byRecord.body.string.contains(#"<td class="h-table__cell">View</td>"#))
            #expect(!byRecord.body.string.contains(#"<td class="h-table__cell">view</td>"#))
            let signIns = try await auditor.get("/audit?action=sign-in&user=practitioner@test.example").body.string
            #expect(signIns.contains(#"<td class="h-table__cell">None</td>"#))
            #expect(signIns.contains(#"<td class="h-table__cell">Sign-in</td>"#))
            #expect(signIns.contains(#"<option value="sign-in" selected>Sign-in</option>"#))
            #expect(signIns.contains(#"<option value="break-glass">Break-glass access</option>"#))
            let byUser = try await auditor.get("/audit?user=manager@test.example")
            #expect(!byUser.body.string.contains("practitioner@test.example"))
            let today = ISO8601DateFormatter.string(
                from: Date(), timeZone: TimeZone(identifier: "Europe/London")!, formatOptions: [.withFullDate])
            let byDate = try await auditor.get("/audit?from=\(today)&to=\(today)&user=practitioner@test.example")
            #expect(byDate.body.string.contains("/audit?subject=\(subject)"))
            let bad = try await auditor.get("/audit?from=2026-02-31")
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("From date must be a real date"))
        }
    }

    @Test func auditDetailsNameRecordsInWordsAndLinkThemForAuditors() {
        let id = "0f3c2a9e-1b2c-4d5e-8f90-123456789abc"
        let parts = AuditEventView.parts("reviewed, about person:\(id). 2026-05-31 to 2026-11-30", linking: true)
        #expect(
            parts == [
                .init(text: "reviewed, about "), .init(text: "Person 0f3c2a9e.", filter: "person:\(id)"),
                .init(text: " 31 May 2026 to 30 November 2026"),
            ])
        // Those the audit pages do not let in see the words without the link.
        #expect(AuditEventView.parts("on involvement:\(id.uppercased())", linking: false).map(\.filter) == [nil, nil])
        #expect(
            AuditEventView.parts("on involvement:\(id)", linking: false).map(\.text) == ["on ", "Involvement 0f3c2a9e"])
        // Words that only look like references stay as they are.
        #expect(AuditEventView.parts("3 shown · time: 10:00", linking: true) == [.init(text: "3 shown · time: 10:00")])
        #expect(AuditEventView.typeName("safety-plan") == "Safety plan")
        #expect(AuditEventView.typeName("api-token") == "API token")
    }
}
