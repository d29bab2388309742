import Foundation
import HearthDomain
import Testing
import Vapor
import VaporTesting

@testable import HearthApp

@Suite struct RecordingSearchTests {
    @Test func wordsAreFoundOnlyInRecordingsTheUserMayReadWithinTheDates() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let token = try await APITestSupport.token(for: "practitioner@test.example", app)
            let person = world.person.uuidString.lowercased()
            for (day, note) in [
                ("2026-10-01", "Amelia talked about the trampoline at school"),
                ("2026-11-01", "Visited at home; the trampoline is broken and mum is worried"),
                ("2026-11-02", "Phoned the school nurse about headaches"),
            ] {
                let made = try await CaseworkAPITests.send(
                    .POST, "/api/v1/people/\(person)/recordings",
                    #"{"kind":"call","occurredAt":"\#(day)T10:00:00Z","childSeen":"no","note":"\#(note)"}"#,
                    token: token, app)
                #expect(made.status == .created, "\(made.body.string)")
            }
            func search(_ query: String, as token: String) async throws -> [RecordingSearchController.HitJSON] {
                let response = try await CaseworkAPITests.send(
                    .GET, "/api/v1/recordings/search?\(query)", token: token, app)
                #expect(response.status == .ok, "\(response.body.string)")
                return try response.content.decode(ItemsJSON<RecordingSearchController.HitJSON>.self).items
            }
            let both = try await search("q=trampoline", as: token)
            #expect(both.count == 2)
            #expect(both.first?.matches.first?.lowercased() == "trampoline")
            #expect(both.first?.people == ["Amelia Testperson"])
            // Newest first, and the date filter narrows it.
            #expect(both.first?.occurredAt.hasPrefix("2026-11-01") == true)
            #expect(try await search("q=trampoline&from=2026-10-15", as: token).count == 1)
            #expect(try await search("q=trampoline&to=2026-10-15", as: token).count == 1)
            // Stemming: "worry" finds "worried"; every word must be there.
            #expect(try await search("q=worry", as: token).count == 1)
            #expect(try await search("q=trampoline+nurse", as: token).isEmpty)
            // Search syntax typed by a person is taken as words.
            #expect(try await search("q=%22trampoline%22%20*%20(%20-", as: token).count == 2)
            // Someone in another team finds nothing, and the search is audited.
            let south = try await APITestSupport.token(for: "south@test.example", app)
            #expect(try await search("q=trampoline", as: south).isEmpty)
            #expect(
                try await count("audit_events", in: app, where: "action = 'search' AND subject_type = 'recording'") == 7
            )
            // Bad input is a field error.
            let bad = try await CaseworkAPITests.send(
                .GET, "/api/v1/recordings/search?q=x&from=2026-13-01", token: token, app)
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("\"from\""))
        }
    }
}
