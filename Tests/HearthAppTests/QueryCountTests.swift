import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import HearthApp

/// A page's query count must not grow with the data behind it.
@Suite struct QueryCountTests {
    static func addRecordings(_ count: Int, about personId: UUID, involvement: UUID, author: UUID, on app: Application)
        async throws
    {
        try await Store.transaction(app.db) { db in
            for index in 0..<count {
                let checked = RecordingInput.Checked(
                    kind: "home-visit", occurredAt: Date().addingTimeInterval(-Double(index + 1) * 3600), place: nil,
                    present: nil, childSeen: "yes", seenAlone: "no", note: "Visit \(index)",
                    isSignificant: index % 3 == 0,
                    significanceCategory: index % 3 == 0 ? "health" : nil, involvementId: involvement, alsoAbout: [],
                    quotes: [.init(speakerPersonId: personId, speakerLabel: "Amelia", words: "Words \(index)")])
                try await RecordingStore.insert(
                    id: UUID(), checked, subjects: [personId], status: RecordingStatus.submitted, authorId: author,
                    on: db)
            }
        }
    }

    func measure(recordings: Int) async throws -> (person: Int, caseload: Int, chronology: Int) {
        QueryCountingLogHandler.installed
        var result = (person: 0, caseload: 0, chronology: 0)
        try await withHearth(exclusive: true) { app in
            app.logger.logLevel = .trace
            let world = try await World.build(on: app)
            _ = try await world.addFamily(on: app)
            let author = world.users["practitioner@test.example"]!
            let involvement = try await Store.transaction(app.db) { db in
                try await InvolvementStore.create(
                    .init(
                        service: "early-help", familyId: nil, subjects: [world.person], levelOfNeed: 2,
                        workerId: author,
                        teamId: world.north, startedOn: "2025-01-01", reason: "Test", consent: "given",
                        createdBy: author),
                    on: db)
            }
            try await Self.addRecordings(
                recordings, about: world.person, involvement: try involvement.requireID(), author: author, on: app)
            let browser = TestBrowser(app)
            try await browser.signIn("practitioner@test.example")
            let (person, personQueries) = try await countingQueries { try await browser.get(world.personPath) }
            #expect(person.status == .ok)
            let (caseload, caseloadQueries) = try await countingQueries { try await browser.get("/caseload") }
            #expect(caseload.status == .ok)
            #expect(caseload.body.string.contains("Amelia"))
            let (chronology, chronologyQueries) = try await countingQueries {
                try await browser.get(world.personPath + "/chronology")
            }
            #expect(chronology.status == .ok)
            result = (personQueries, caseloadQueries, chronologyQueries)
        }
        return result
    }

    @Test func thePersonPageCaseloadAndChronologyMakeAsManyQueriesWithTenRecordingsAsWithAThousand() async throws {
        let small = try await measure(recordings: 10)
        let large = try await measure(recordings: 1000)
        print("queries per page (person, caseload, chronology): 10 recordings \(small), 1000 recordings \(large)")
        #expect(small.person > 0 && small.caseload > 0 && small.chronology > 0)
        #expect(small.person == large.person)
        #expect(small.caseload == large.caseload)
        #expect(small.chronology == large.chronology)
    }
}
