import Fluent
import Foundation
import HearthDomain
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import HearthApp

@Suite struct MergeTests {
    /// A duplicate of Amelia, with a recording and an address of its own.
    static func duplicate(_ world: World, on app: Application) async throws -> UUID {
        try await Store.transaction(app.db) { db in
            let input = PersonInput(
                givenName: "Amelia", familyName: "Tesperson", dateOfBirth: "2015-04-01", addressLine1: "2 Dup Lane",
                postcode: "NB2 2AA")
            let (checked, _) = input.check(today: CalendarDate(iso: "2026-11-29")!)
            let person = try await PersonStore.create(
                checked!, teamId: world.north, allocateTo: nil, createdBy: nil, on: db)
            let id = try person.requireID()
            try await RecordingStore.insert(
                id: UUID(),
                .init(
                    kind: "call", occurredAt: Date().addingTimeInterval(-3600), place: nil, present: nil,
                    childSeen: "no",
                    seenAlone: nil, note: "Call recorded on the duplicate", isSignificant: true,
                    significanceCategory: "health",
                    involvementId: nil, alsoAbout: [], quotes: []),
                subjects: [id], status: RecordingStatus.submitted, authorId: world.users["practitioner@test.example"]!,
                on: db)
            return id
        }
    }

    @Test func aManagerMergesADuplicateAndCanUndoIt() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let duplicate = try await Self.duplicate(world, on: app)
            let duplicatePath = "/people/\(duplicate.uuidString.lowercased())"
            let manager = TestBrowser(app)
            try await manager.signIn("manager@test.example")
            let page = try await manager.get(world.personPath)
            #expect(page.body.string.contains("May be the same person"))
            let preview = try await manager.get(world.personPath + "/merge?other=\(duplicate.uuidString)")
            #expect(preview.status == .ok)
            #expect(preview.body.string.contains("1 recordings"))

            let merged = try await manager.post(world.personPath + "/merge", form: [("other", duplicate.uuidString)])
            #expect(merged.status == .seeOther)
            #expect(try await manager.get(duplicatePath).status == .notFound)
            let survivor = try await manager.get(world.personPath)
            #expect(survivor.body.string.contains("Call recorded on the duplicate"))
            #expect(survivor.body.string.contains("Merged into this record"))
            #expect(try await count("recording_subjects", in: app, where: "person_id = \(bind: world.person)") == 1)
            #expect(try await count("audit_events", in: app, where: "detail LIKE 'merged%'") == 2)

            let mergeId = try await app.db.sql.raw("SELECT id FROM person_merges").first()!.decode(
                column: "id", as: UUID.self)
            let undone = try await manager.post(world.personPath + "/merges/\(mergeId.uuidString.lowercased())/undo")
            #expect(undone.status == .seeOther)
            #expect(try await manager.get(duplicatePath).status == .ok)
            #expect(try await count("recording_subjects", in: app, where: "person_id = \(bind: duplicate)") == 1)
            #expect(try await count("recording_subjects", in: app, where: "person_id = \(bind: world.person)") == 0)
            #expect(try await count("person_names", in: app, where: "person_id = \(bind: world.person)") == 0)
            #expect(try await count("audit_events", in: app, where: "detail LIKE '%undone'") == 2)
        }
    }

    @Test func aPractitionerCannotMerge() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let duplicate = try await Self.duplicate(world, on: app)
            let practitioner = TestBrowser(app)
            try await practitioner.signIn("practitioner@test.example")
            #expect(!(try await practitioner.get(world.personPath)).body.string.contains("May be the same person"))
            let refused = try await practitioner.post(
                world.personPath + "/merge", form: [("other", duplicate.uuidString)])
            #expect(refused.status == .forbidden)
            #expect(try await count("person_merges", in: app) == 0)
            #expect(try await count("people", in: app, where: "merged_into_id IS NOT NULL") == 0)
        }
    }
}
