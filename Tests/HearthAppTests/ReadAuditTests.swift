import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import HearthApp

/// Reads and their audit events (ADR 0010): on SQLite a read runs beside other reads and its events are
/// committed by the journal before the response goes; a read may not write.
@Suite struct ReadAuditTests {
    @Test func manyReadsAtOnceAreEachAuditedBeforeTheyAnswer() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let browser = TestBrowser(app)
            try await browser.signIn("practitioner@test.example")
            let cookie = "\(SessionStore.cookieName)=\(browser.sessionCookie ?? "")"
            let subject = world.person.uuidString.lowercased()
            let before = try await count("audit_events", in: app, where: "subject_id = \(bind: subject)")
            let readers = 24
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for _ in 0..<readers {
                    group.addTask {
                        try await app.testing().sendRequest(.GET, world.personPath, headers: ["Cookie": cookie]).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses == Array(repeating: .ok, count: readers))
            // Every answer waited for its own event: none is still on its way.
            #expect(
                try await count("audit_events", in: app, where: "subject_id = \(bind: subject)") == before + readers)
        }
    }

    /// On SQLite a read runs on a connection that refuses writes, so a read that writes fails in tests
    /// rather than under load. (On PostgreSQL a read is an ordinary transaction.)
    @Test func aReadThatWritesFailsAndLeavesNothing() async throws {
        try await withHearth { app in
            guard !TestDatabase.isPostgres else { return }
            let before = try await count("organisations", in: app)
            await #expect(throws: (any Error).self) {
                try await Store.read(app.db, journal: app.auditJournal) { db in
                    try await db.sql.raw("INSERT INTO organisations (id, name) VALUES (\(bind: UUID()), 'Nowhere')")
                        .run()
                }
            }
            #expect(try await count("organisations", in: app) == before)
            // The connection is writable again afterwards.
            try await Store.transaction(app.db) { db in
                try await db.sql.raw("INSERT INTO organisations (id, name) VALUES (\(bind: UUID()), 'Somewhere')").run()
            }
            #expect(try await count("organisations", in: app) == before + 1)
        }
    }

    /// Work that opens a transaction (or a read) inside a write joins it: everything commits or rolls
    /// back together.
    @Test func aTransactionInsideAWriteJoinsIt() async throws {
        try await withHearth { app in
            let before = try await count("organisations", in: app)
            struct Abandoned: Error {}
            await #expect(throws: Abandoned.self) {
                try await Store.transaction(app.db) { db in
                    try await Store.transaction(db) { inner in
                        try await inner.sql.raw(
                            "INSERT INTO organisations (id, name) VALUES (\(bind: UUID()), 'Inner')"
                        )
                        .run()
                    }
                    let seen = try await Store.read(db, journal: app.auditJournal) { inner in
                        try await inner.sql.raw("SELECT COUNT(*) AS n FROM organisations").first()!.decode(
                            column: "n", as: Int.self)
                    }
                    #expect(seen == before + 1)
                    throw Abandoned()
                }
            }
            #expect(try await count("organisations", in: app) == before)
        }
    }

    @Test func aReadInsideAReadIsRefused() async throws {
        try await withHearth { app in
            guard !TestDatabase.isPostgres else { return }
            await #expect(throws: (any Error).self) {
                try await Store.read(app.db, journal: app.auditJournal) { db in
                    try await Store.read(db, journal: app.auditJournal) { _ in 1 }
                }
            }
        }
    }
}
