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
            // Someone in another team finds nothing; a safeguarding lead, who may see every unrestricted
            // record, finds them all.
            let south = try await APITestSupport.token(for: "south@test.example", app)
            #expect(try await search("q=trampoline", as: south).isEmpty)
            let lead = try await APITestSupport.token(for: "safeguarding@test.example", app)
            #expect(try await search("q=trampoline", as: lead).count == 2)
            // A restricted child's recording is found only by those named on the record: the manager, not
            // the practitioners of the team it is allocated to, nor the lead.
            let manager = try await APITestSupport.token(for: "manager@test.example", app)
            let restricted = try await CaseworkAPITests.send(
                .POST, "/api/v1/people/\(world.restricted.uuidString.lowercased())/recordings",
                #"{"kind":"call","occurredAt":"2026-11-03T10:00:00Z","childSeen":"no","note":"The trampoline again"}"#,
                token: manager, app)
            #expect(restricted.status == .created, "\(restricted.body.string)")
            #expect(try await search("q=trampoline", as: manager).count == 3)
            #expect(try await search("q=trampoline", as: token).count == 2)
            #expect(try await search("q=trampoline", as: lead).count == 2)
            #expect(
                try await count("audit_events", in: app, where: "action = 'search' AND subject_type = 'recording'")
                    == 11
            )
            // Bad input is a field error.
            let bad = try await CaseworkAPITests.send(
                .GET, "/api/v1/recordings/search?q=x&from=2026-13-01", token: token, app)
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("\"from\""))
        }
    }

    /// A recording edited in its words or its time is found by its new words at its new time, and not by
    /// the old ones (on SQLite the index is keyed by time, ADR 0012); recordings of the same minute all
    /// show, newest first.
    @Test func anEditedRecordingIsFoundByItsNewWordsAndTime() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let browser = TestBrowser(app)
            try await browser.signIn("practitioner@test.example")
            try await browser.get(world.personPath + "/recordings/new")
            for minute in ["10:00", "10:00", "10:00", "10:01"] {
                let made = try await browser.post(
                    world.personPath + "/recordings",
                    form: RecordingTests.form(world, note: "Talked about the bicycle", date: "2026-06-01", time: minute)
                )
                #expect(made.status == .seeOther)
            }
            try await browser.post(
                world.personPath + "/recordings",
                form: RecordingTests.form(world, note: "Visited; the trampoline is broken", date: "2026-03-01"))
            let token = try await APITestSupport.token(for: "practitioner@test.example", app)
            func found(_ query: String) async throws -> [String] {
                let response = try await CaseworkAPITests.send(
                    .GET, "/api/v1/recordings/search?\(query)", token: token, app)
                #expect(response.status == .ok, "\(response.body.string)")
                return try response.content.decode(ItemsJSON<RecordingSearchController.HitJSON>.self).items.map(
                    \.occurredAt)
            }
            let bicycles = try await found("q=bicycle")
            #expect(bicycles.count == 4)
            #expect(bicycles == bicycles.sorted(by: >))
            #expect(try await found("q=trampoline&from=2026-02-01&to=2026-04-01").count == 1)

            // Move the trampoline visit to October and change its words.
            let id = try await app.db.sql.raw("SELECT id FROM recordings WHERE note LIKE '%trampoline%'").first()!
                .decode(column: "id", as: UUID.self)
            let path = "/recordings/\(id.uuidString.lowercased())"
            try await browser.get(path + "/edit")
            let edited = try await browser.post(
                path,
                form: RecordingTests.form(world, note: "Visited; the swing is broken", date: "2026-10-01", version: 1))
            #expect(edited.status == .seeOther)
            #expect(try await found("q=trampoline").isEmpty)
            #expect(try await found("q=swing&from=2026-02-01&to=2026-04-01").isEmpty)
            #expect(try await found("q=swing&from=2026-09-30&to=2026-10-02").count == 1)
            #expect(try await found("q=bicycle&from=2026-06-01&to=2026-06-02").count == 4)
            if Store.isSQLite(app.db) {
                // FTS5 compares its index with the text it was built from, and throws if they differ.
                try await app.db.sql.raw(
                    "INSERT INTO recordings_fts(recordings_fts, rank) VALUES ('integrity-check', 1)"
                ).run()
            }
        }
    }
}
