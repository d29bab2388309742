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
        for table in ["people", "recordings", "recording_subjects", "involvements", "relationships", "concerns"] {
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

    @Test func theSameSeedGivesTheSameCountyAndItsSearchesWork() async throws {
        var first: [String] = []
        try await withHearth { app in
            let manifest = try await CountySeed(scale: 0.002, seed: 7).run(
                on: app.db, passwordHash: "x", resources: app.directory.resourcesDirectory)
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
            first = try await Self.fingerprint(app)
        }
        try await withHearth { app in
            _ = try await CountySeed(scale: 0.002, seed: 7).run(
                on: app.db, passwordHash: "x", resources: app.directory.resourcesDirectory)
            #expect(try await Self.fingerprint(app) == first)
        }
    }
}
