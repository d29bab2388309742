import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import HearthApp

@Suite struct AccessTests {
    @Test func theAllocatedPractitionerSeesThePersonAndLeavesOneAuditEvent() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let browser = TestBrowser(app)
            try await browser.signIn("practitioner@test.example")
            let before = try await count("audit_events", in: app)
            let response = try await browser.get(world.personPath)
            #expect(response.status == .ok)
            #expect(response.body.string.contains("Amelia"))
            #expect(try await count("audit_events", in: app) == before + 1)
            let subject = world.person.uuidString.lowercased()
            let events = try await count(
                "audit_events", in: app,
                where:
                    "subject_id = \(bind: subject) AND action = 'view' AND outcome = 'allowed' AND role = 'practitioner'"
            )
            #expect(events == 1)
        }
    }

    @Test func anotherTeamsPractitionerGetsNotFoundFromPageAndAPIEachAudited() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let browser = TestBrowser(app)
            try await browser.signIn("south@test.example")
            let subject = world.person.uuidString.lowercased()

            var before = try await count("audit_events", in: app)
            let page = try await browser.get(world.personPath)
            #expect(page.status == .notFound)
            #expect(page.body.string.contains("Page not found"))
            #expect(!page.body.string.contains("Amelia"))
            #expect(try await count("audit_events", in: app) == before + 1)

            let token = try await APITestSupport.token(for: "south@test.example", app)
            before = try await count("audit_events", in: app)
            let api = try await app.testing().sendRequest(
                .GET, "/api/v1/people/\(subject)", headers: ["Authorization": "Bearer \(token)"])
            #expect(api.status == .notFound)
            #expect(!api.body.string.contains("Amelia"))
            #expect(try await count("audit_events", in: app) == before + 1)
            let denied = try await count(
                "audit_events", in: app,
                where: "subject_id = \(bind: subject) AND outcome = 'denied' AND action = 'view'")
            #expect(denied == 2)
        }
    }

    @Test func theAllocatedPractitionersAPIReadIsAllowedAndAudited() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let token = try await APITestSupport.token(for: "practitioner@test.example", app)
            let before = try await count("audit_events", in: app)
            let response = try await app.testing().sendRequest(
                .GET, "/api/v1/people/\(world.person.uuidString.lowercased())",
                headers: ["Authorization": "Bearer \(token)"])
            #expect(response.status == .ok)
            let person = try response.content.decode(PersonJSON.self)
            #expect(person.givenName == "Amelia")
            #expect(person.familyName == "Testperson")
            #expect(try await count("audit_events", in: app) == before + 1)
        }
    }

    @Test func aRecordThatDoesNotExistLooksTheSameAsOneYouMayNotSee() async throws {
        try await withHearth { app in
            _ = try await World.build(on: app)
            let browser = TestBrowser(app)
            try await browser.signIn("south@test.example")
            let missing = try await browser.get("/people/\(UUID().uuidString.lowercased())")
            #expect(missing.status == .notFound)
            let malformed = try await browser.get("/people/not-an-id")
            #expect(malformed.status == .notFound)
        }
    }

    /// The read and its audit row share a transaction: if the audit row cannot be written, the record
    /// must not be shown. The failure is real: a database trigger refuses the insert.
    @Test func aReadWhoseAuditWriteFailsReturnsAnErrorNotTheRecord() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let browser = TestBrowser(app)
            try await browser.signIn("practitioner@test.example")
            let sql = app.db.sql
            if TestDatabase.isPostgres {
                try await sql.raw(
                    """
                    CREATE FUNCTION refuse_audit() RETURNS trigger AS $$
                    BEGIN RAISE EXCEPTION 'audit store unavailable'; END; $$ LANGUAGE plpgsql
                    """
                ).run()
                try await sql.raw(
                    "CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION refuse_audit()"
                ).run()
            } else {
                try await sql.raw(
                    """
                    CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_events
                    BEGIN SELECT RAISE(ABORT, 'audit store unavailable'); END
                    """
                ).run()
            }
            let page = try await browser.get(world.personPath)
            #expect(page.status == .internalServerError)
            #expect(!page.body.string.contains("Amelia"))
            #expect(!page.body.string.contains("audit store unavailable"))

            let token = try await APITestSupport.tokenWithoutAudit(for: "practitioner@test.example", app)
            let api = try await app.testing().sendRequest(
                .GET, "/api/v1/people/\(world.person.uuidString.lowercased())",
                headers: ["Authorization": "Bearer \(token)"])
            #expect(api.status == .internalServerError)
            #expect(!api.body.string.contains("Amelia"))
        }
    }

    @Test func listsShowExactlyThePeopleEachUserMayOpen() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let expectations: [(String, [UUID])] = [
                ("practitioner@test.example", [world.person]),
                ("colleague@test.example", [world.person]),
                ("south@test.example", []),
                ("manager@test.example", [world.person, world.restricted]),
                ("safeguarding@test.example", [world.person]),
                ("auditor@test.example", []),
                ("admin@test.example", []),
                ("tutor@test.example", []),
            ]
            for (email, expected) in expectations {
                let token = try await APITestSupport.token(for: email, app)
                let response = try await app.testing().sendRequest(
                    .GET, "/api/v1/people", headers: ["Authorization": "Bearer \(token)"])
                #expect(response.status == .ok)
                let ids = try response.content.decode(ItemsJSON<PersonJSON>.self).items.map(\.id)
                #expect(Set(ids) == Set(expected), "\(email)")
            }
        }
    }

    @Test func breakingTheGlassNeedsAReasonGrantsTimeLimitedAccessAndIsFlagged() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let browser = TestBrowser(app)
            try await browser.signIn("colleague@test.example")
            let refused = try await browser.get(world.restrictedPath)
            #expect(refused.status == .forbidden)
            #expect(refused.body.string.contains("This record is restricted"))
            #expect(!refused.body.string.contains("Rowan"))

            let empty = try await browser.post(world.restrictedPath + "/break-glass", form: [("reason", "")])
            #expect(empty.status == .unprocessableEntity)
            #expect(empty.body.string.contains("Enter why you need to see this record now"))
            #expect(try await count("access_grants", in: app) == 0)

            let reason = "Police called about Rowan's safety tonight; named worker unreachable"
            let granted = try await browser.post(world.restrictedPath + "/break-glass", form: [("reason", reason)])
            #expect(granted.status == .seeOther)
            let opened = try await browser.get(world.restrictedPath)
            #expect(opened.status == .ok)
            #expect(opened.body.string.contains("Rowan"))
            #expect(opened.body.string.contains("breaking the glass"))
            #expect(
                try await count("audit_events", in: app, where: "action = 'break-glass' AND reason = \(bind: reason)")
                    == 1)

            // The grant expires: wind it back and the record closes again.
            try await app.db.sql.update("access_grants").set("expires_at", to: Date().addingTimeInterval(-1)).run()
            #expect(try await browser.get(world.restrictedPath).status == .forbidden)

            // Flagged to the safeguarding leads on their home page.
            let lead = TestBrowser(app)
            try await lead.signIn("safeguarding@test.example")
            let home = try #require(lead.lastResponse)
            #expect(home.body.string.contains("Restricted records opened by breaking the glass"))
            #expect(home.body.string.contains(reason.replacingOccurrences(of: "'", with: "&#39;")))
        }
    }

    @Test func someoneWithNoRelationCannotBreakTheGlass() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let browser = TestBrowser(app)
            try await browser.signIn("south@test.example")
            #expect(try await browser.get(world.restrictedPath).status == .notFound)
            let attempt = try await browser.post(
                world.restrictedPath + "/break-glass", form: [("reason", "I would like to see this record please")])
            #expect(attempt.status == .notFound)
            #expect(try await count("access_grants", in: app) == 0)
        }
    }

    /// The people list says of every record whether it is restricted, rather than leaving a blank.
    @Test func thePeopleListSaysWhichRecordsAreRestricted() async throws {
        try await withHearth { app in
            _ = try await World.build(on: app)
            let manager = TestBrowser(app)
            try await manager.signIn("manager@test.example")
            let list = try await manager.get("/people").body.string
            #expect(list.contains("Rowan Restricted"))
            #expect(list.contains(#"<strong class="h-tag h-tag--red">Restricted</strong>"#))
            #expect(list.contains(#"<td class="h-table__cell">Not restricted</td>"#))
        }
    }

    @Test func managersAndAuditorsSeeWhoHasSeenTheRecordAndPractitionersDoNot() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let practitioner = TestBrowser(app)
            try await practitioner.signIn("practitioner@test.example")
            let page = try await practitioner.get(world.personPath)
            #expect(!page.body.string.contains("Who has seen this record"))
            #expect(try await practitioner.get(world.personPath + "/access-log").status == .notFound)

            let manager = TestBrowser(app)
            try await manager.signIn("manager@test.example")
            #expect(try await manager.get(world.personPath).body.string.contains("Who has seen this record"))
            let log = try await manager.get(world.personPath + "/access-log")
            #expect(log.status == .ok)
            #expect(log.body.string.contains("practitioner@test.example"))
            // A manager is not offered the audit pages' whole trail of a record, which refuses them.
            #expect(!log.body.string.contains("/audit?subject="))
            #expect(
                try await manager.get("/audit?subject=person:\(world.person.uuidString.lowercased())").status
                    == .forbidden)

            let auditor = TestBrowser(app)
            try await auditor.signIn("auditor@test.example")
            #expect(try await auditor.get(world.personPath).status == .notFound)
            let auditorLog = try await auditor.get(world.personPath + "/access-log")
            #expect(auditorLog.status == .ok)
            #expect(auditorLog.body.string.contains("manager@test.example"))
            #expect(auditorLog.body.string.contains("/audit?subject=person:\(world.person.uuidString.lowercased())"))
        }
    }
}
