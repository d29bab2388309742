import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import HearthApp

@Suite struct CaseworkAPITests {
    static func send(_ method: HTTPMethod, _ path: String, _ body: String? = nil, token: String, _ app: Application)
        async throws
        -> TestingHTTPResponse
    {
        try await app.testing().sendRequest(
            method, path, headers: APITestSupport.bearer(token).merging(["Content-Type": "application/json"]),
            body: body.map { ByteBuffer(string: $0) })
    }

    @Test func involvementsAllocateTheirSubjectsAndRefuseAnEndBeforeTheStart() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let family = try await world.addFamily(on: app)
            let token = try await APITestSupport.token(for: "practitioner@test.example", app)
            let bad = try await Self.send(
                .POST, "/api/v1/involvements",
                #"{"service":"early-help","subjects":["\#(world.person)"],"levelOfNeed":2,"startedOn":"2026-10-01","endedOn":"2026-09-01","reason":"x","consent":"given"}"#,
                token: token, app)
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("endedOn"))
            #expect(try await count("involvements", in: app) == 0)

            let south = try await APITestSupport.token(for: "south@test.example", app)
            let toSouth =
                #"{"service":"family-support","subjects":["\#(world.person)","\#(family.brother)"],"levelOfNeed":3,"startedOn":"2026-10-01","reason":"Worries at school","consent":"given","allocatedUserId":"\#(world.users["south@test.example"]!)","teamId":"\#(world.south)"}"#
            // Allocating opens the children's records: a practitioner cannot open them to another team.
            let refused = try await Self.send(.POST, "/api/v1/involvements", toSouth, token: token, app)
            #expect(refused.status == .unprocessableEntity)
            #expect(try APITestSupport.fieldErrors(refused).map(\.field).contains("teamId"))
            // Nor allocate their own team's work to someone outside it, to someone who holds no casework,
            // or file it under a family group that does not exist: each is a field error, not a 500.
            let north = world.north.uuidString.lowercased()
            for (field, extra) in [
                ("allocatedUserId", #""allocatedUserId":"\#(world.users["south@test.example"]!)""#),
                ("allocatedUserId", #""allocatedUserId":"\#(world.users["tutor@test.example"]!)""#),
                ("allocatedUserId", #""allocatedUserId":"\#(UUID())""#),
                ("familyId", #""familyId":"\#(UUID())""#),
            ] {
                let wrong = try await Self.send(
                    .POST, "/api/v1/involvements",
                    #"{"service":"family-support","subjects":["\#(world.person)"],"levelOfNeed":2,"startedOn":"2026-10-01","reason":"x","consent":"given","teamId":"\#(north)",\#(extra)}"#,
                    token: token, app)
                #expect(wrong.status == .unprocessableEntity, "\(extra): \(wrong.body.string)")
                #expect(try APITestSupport.fieldErrors(wrong).map(\.field).contains(field), "\(extra)")
            }
            #expect(try await count("involvements", in: app) == 0)
            // A manager passes the work to South.
            let manager = try await APITestSupport.token(for: "manager@test.example", app)
            let created = try await Self.send(.POST, "/api/v1/involvements", toSouth, token: manager, app)
            #expect(created.status == .created, "\(created.body.string)")
            // The work is allocated to South's worker: now they may open both children.
            let read = try await Self.send(
                .GET, "/api/v1/people/\(family.brother.uuidString.lowercased())", token: south, app)
            #expect(read.status == .ok)
            let list = try await Self.send(
                .GET, "/api/v1/people/\(world.person.uuidString.lowercased())/involvements", token: token, app)
            #expect(list.body.string.contains("Worries at school"))
        }
    }

    @Test func relationshipsAreStoredFromBothSides() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let family = try await world.addFamily(on: app)
            let token = try await APITestSupport.token(for: "practitioner@test.example", app)
            let created = try await Self.send(
                .POST, "/api/v1/people/\(family.mother.uuidString.lowercased())/relationships",
                #"{"relatedPersonId":"\#(family.brother)","kind":"child","livesWith":true}"#, token: token, app)
            #expect(created.status == .created, "\(created.body.string)")
            // The same relationship twice is refused: it would list the person twice.
            let again = try await Self.send(
                .POST, "/api/v1/people/\(family.mother.uuidString.lowercased())/relationships",
                #"{"relatedPersonId":"\#(family.brother)","kind":"child","livesWith":true}"#, token: token, app)
            #expect(again.status == .unprocessableEntity)
            #expect(again.body.string.contains("They are already recorded as child"))
            let fromBrother = try await Self.send(
                .GET, "/api/v1/people/\(family.brother.uuidString.lowercased())/relationships", token: token, app)
            #expect(fromBrother.body.string.contains("\"kind\":\"mother\""))
            let bad = try await Self.send(
                .POST, "/api/v1/people/\(world.person.uuidString.lowercased())/relationships",
                #"{"relatedPersonId":"\#(world.restricted)","kind":"cousin"}"#, token: token, app)
            #expect(bad.status == .unprocessableEntity)
        }
    }

    @Test func recordingsThroughTheAPIKeepVersionsAndRefuseStaleEdits() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let token = try await APITestSupport.token(for: "practitioner@test.example", app)
            let created = try await Self.send(
                .POST, "/api/v1/people/\(world.person.uuidString.lowercased())/recordings",
                #"{"kind":"call","occurredAt":"2026-11-01T10:00:00Z","childSeen":"no","note":"Phoned mum","quoteSpeaker":["\#(world.person)"],"quoteWords":["I'm fine"]}"#,
                token: token, app)
            #expect(created.status == .created, "\(created.body.string)")
            let recording = try created.content.decode(CaseworkAPIController.RecordingJSON.self)
            #expect(recording.version == 1)
            #expect(recording.quotes.first?.words == "I'm fine")
            let path = "/api/v1/recordings/\(recording.id.uuidString.lowercased())"
            let first = try await Self.send(
                .PUT, path,
                #"{"kind":"call","occurredAt":"2026-11-01T10:00:00Z","childSeen":"no","note":"Phoned mum (edited)","version":1}"#,
                token: token, app)
            #expect(first.status == .ok)
            let stale = try await Self.send(
                .PUT, path,
                #"{"kind":"call","occurredAt":"2026-11-01T10:00:00Z","childSeen":"no","note":"Stale edit","version":1}"#,
                token: token, app)
            #expect(stale.status == .conflict)
            let current = try await Self.send(.GET, path, token: token, app)
            #expect(try current.content.decode(CaseworkAPIController.RecordingJSON.self).note == "Phoned mum (edited)")
            let future = try await Self.send(
                .POST, "/api/v1/people/\(world.person.uuidString.lowercased())/recordings",
                #"{"kind":"call","occurredAt":"2099-11-01T10:00:00Z","childSeen":"no","note":"x"}"#, token: token, app)
            #expect(future.status == .unprocessableEntity)
            // Messages use the API's names for its fields, not the form's.
            let undated = try await Self.send(
                .POST, "/api/v1/people/\(world.person.uuidString.lowercased())/recordings",
                #"{"kind":"call","childSeen":"no","note":"x"}"#, token: token, app)
            #expect(try APITestSupport.fieldErrors(undated).map(\.field) == ["occurredAt"])
            let outsider = try await APITestSupport.token(for: "south@test.example", app)
            #expect(try await Self.send(.GET, path, token: outsider, app).status == .notFound)
            // Someone else's recording is not found whatever the body: a 422 would say it exists.
            #expect(try await Self.send(.PUT, path, #"{"version":1}"#, token: outsider, app).status == .notFound)
            let personPath = "/api/v1/people/\(world.person.uuidString.lowercased())/recordings"
            #expect(try await Self.send(.POST, personPath, "{}", token: outsider, app).status == .notFound)
            // A body that is missing or not JSON gets a field-level answer, like any other bad input.
            for body in [nil, "not json"] {
                let unreadable = try await Self.send(.POST, personPath, body, token: token, app)
                #expect(unreadable.status == .unprocessableEntity)
                #expect(try APITestSupport.fieldErrors(unreadable).map(\.field) == ["body"])
            }

            // A recording is filed only under work the author can see that its person is in: filing it
            // under South's work would show it to South.
            let southPerson = Person(givenName: "Sam", familyName: "Southside", dateOfBirth: "2014-01-01")
            try await southPerson.create(on: app.db)
            let southWork = try await InvolvementStore.create(
                .init(
                    service: "family-support", familyId: nil, subjects: [try southPerson.requireID()], levelOfNeed: 2,
                    workerId: world.users["south@test.example"], teamId: world.south, startedOn: "2026-09-01",
                    reason: "South's work", consent: "given", createdBy: nil),
                on: app.db
            ).requireID()
            let ownWork = try await world.addInvolvement(on: app)
            for work in [southWork, UUID()] {
                let filed = try await Self.send(
                    .POST, "/api/v1/people/\(world.person.uuidString.lowercased())/recordings",
                    #"{"kind":"call","occurredAt":"2026-11-01T10:00:00Z","childSeen":"no","note":"x","involvementId":"\#(work)"}"#,
                    token: token, app)
                #expect(filed.status == .unprocessableEntity, "\(filed.body.string)")
                #expect(try APITestSupport.fieldErrors(filed).map(\.field) == ["involvementId"])
                let moved = try await Self.send(
                    .PUT, path,
                    #"{"kind":"call","occurredAt":"2026-11-01T10:00:00Z","childSeen":"no","note":"x","involvementId":"\#(work)","version":2}"#,
                    token: token, app)
                #expect(moved.status == .unprocessableEntity, "\(moved.body.string)")
            }
            #expect(try await count("recordings", in: app, where: "involvement_id IS NOT NULL") == 0)
            let filed = try await Self.send(
                .POST, "/api/v1/people/\(world.person.uuidString.lowercased())/recordings",
                #"{"kind":"call","occurredAt":"2026-11-01T10:00:00Z","childSeen":"no","note":"x","involvementId":"\#(ownWork)"}"#,
                token: token, app)
            #expect(filed.status == .created, "\(filed.body.string)")
        }
    }
}
