import Fluent
import Foundation
import HearthDomain
import SQLKit
import Testing
import Vapor

@testable import HearthApp

@Suite struct CountySeedTests {
    /// A fingerprint of what was loaded: counts, and the first and last recording in id order.
    static func fingerprint(_ app: Application) async throws -> [String] {
        var parts: [String] = []
        for table in [
            "people", "recordings", "recording_subjects", "involvements", "relationships", "concerns", "plans",
            "plan_goals", "plan_actions", "plan_reviews", "decisions",
        ] {
            parts.append("\(table)=\(try await count(table, in: app))")
        }
        for order in ["ASC", "DESC"] {
            let row = try await app.db.sql.raw(
                "SELECT id, note, occurred_at FROM recordings ORDER BY id \(unsafeRaw: order) LIMIT 1"
            ).first()!
            parts.append(
                "\(try row.decode(column: "id", as: UUID.self)) \(try row.decode(column: "note", as: String.self).count)"
                    + " \(try row.decode(column: "occurred_at", as: Date.self).timeIntervalSince1970)")
        }
        return parts
    }

    /// Every index in the database, by name and definition.
    static func indexes(_ app: Application) async throws -> [String] {
        let query: SQLQueryString =
            Store.isSQLite(app.db)
            ? "SELECT name || ' ' || sql AS line FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
            : "SELECT indexname || ' ' || indexdef AS line FROM pg_indexes WHERE schemaname = current_schema()"
        return try await app.db.sql.raw(query).all().map { try $0.decode(column: "line", as: String.self) }.sorted()
    }

    @Test func theSameSeedGivesTheSameCountyAndItsSearchesWork() async throws {
        var first: [String] = []
        try await withHearth { app in
            // The seed drops indexes while it loads: they are all back, as they were, when it is done.
            let indexesBefore = try await Self.indexes(app)
            let manifest = try await CountySeed(scale: 0.002, seed: 7).run(
                on: app.db, passwordHash: "x", resources: app.directory.resourcesDirectory)
            #expect(try await Self.indexes(app) == indexesBefore)
            #expect(manifest.counts["recordings"] == 10_000)
            #expect(try await count("recordings", in: app) == 10_000)
            #expect(try await count("users", in: app) >= 6)
            // Some children have many more recordings than most: the tail is heavy.
            let busiest = try await app.db.sql.raw(
                "SELECT COUNT(*) AS n FROM recording_subjects GROUP BY person_id ORDER BY n DESC LIMIT 1"
            ).first()!.decode(column: "n", as: Int.self)
            #expect(busiest >= manifest.heavyPersonRecordings)
            // Near-duplicates with typos are there for search and duplicate checks to meet.
            #expect(
                try await count("people", in: app, where: "nhs_number IS NULL AND date_of_birth > '2001-12-01'") > 0)
            // The benchmark's practitioner finds the heavy child by name and by words in a recording.
            let user = try await User.query(on: app.db).filter(\.$email == CountySeed.benchUser).first()!
            let actor = try await ActorLoader.load(userId: user.requireID(), on: app.db.sql)
            let found = try await PersonSearch.search(
                PersonQuery(text: manifest.personSearch), scope: PersonVisibilityScope(for: actor), on: app.db.sql)
            #expect(found.results.contains { $0.personId == manifest.heavyPersonId })
            let hits = try await RecordingSearch.search(
                .init(text: "visited home"), scope: PersonVisibilityScope(for: actor), userId: user.requireID(),
                on: app.db.sql)
            #expect(!hits.isEmpty)
            if Store.isSQLite(app.db) {
                // The index built after loading agrees with the recordings it was built from.
                try await app.db.sql.raw(
                    "INSERT INTO recordings_fts(recordings_fts, rank) VALUES ('integrity-check', 1)"
                )
                .run()
                // The large buffer for building it is not left for the server's writes.
                let hashSize = try await app.db.sql.raw("SELECT v FROM recordings_fts_config WHERE k = 'hashsize'")
                    .first()?.decode(column: "v", as: Int.self)
                #expect(hashSize == 1 << 20)
            }
            // Plans, their reviews and decisions are there as the product would have made them: every plan
            // has goals, open work's plans wait for their next review, and the practitioner's work list
            // shows it.
            // The manifest's counts are the tables' (the benchmark reports them).
            #expect(try await count("plans", in: app) == manifest.counts["plans"])
            #expect(try await count("plan_reviews", in: app) == manifest.counts["planReviews"])
            #expect(try await count("decisions", in: app) == manifest.counts["decisions"])
            #expect(try await count("recordings", in: app) == manifest.counts["recordings"])
            #expect(try await count("plan_reviews", in: app) > 0)
            #expect(try await count("decisions", in: app, where: "kind = 'oversight'") > 0)
            #expect(try await count("plans", in: app, where: "id NOT IN (SELECT plan_id FROM plan_goals)") == 0)
            #expect(
                try await count(
                    "plans", in: app,
                    where:
                        "status = 'agreed' AND next_review_on IS NULL OR status = 'ended' AND next_review_on IS NOT NULL"
                ) == 0)
            let prompts = try await WorkListQueries.prompts(
                for: actor, scope: .mine(try user.requireID()), on: app.db.sql)
            #expect(prompts.contains { $0.kind == .planReview })
            first = try await Self.fingerprint(app)
        }
        try await withHearth { app in
            _ = try await CountySeed(scale: 0.002, seed: 7).run(
                on: app.db, passwordHash: "x", resources: app.directory.resourcesDirectory)
            #expect(try await Self.fingerprint(app) == first)
        }
    }
}
