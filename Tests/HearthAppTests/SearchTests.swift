import Fluent
import Foundation
import HearthDomain
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import HearthApp

@Suite struct SearchTests {
    struct Item: Decodable {
        struct Person: Decodable {
            var id: UUID
            var givenName: String
            var familyName: String
        }
        var person: Person
        var score: Int
        var reasons: [String]
    }

    struct Results: Decodable {
        var items: [Item]
        var possibleMatchNotShown: Bool
    }

    /// A synthetic population with near neighbours, all allocated to North.
    static func population(_ world: World, on app: Application) async throws -> [String: UUID] {
        let people: [(String, String, String)] = [
            ("Muhammad", "Rahman", "2009-11-30"), ("Mohammed", "Rahim", "2010-01-12"),
            ("Shaun", "Murphy", "2011-05-06"),
            ("Sean", "Murray", "2012-07-08"), ("Katherine", "Okoro", "2013-02-03"),
            ("Kathleen", "Okafor", "2013-02-04"),
            ("Amira", "Testperson", "2015-04-02"), ("Jayden", "Mensah", "2016-06-16"), ("Jaden", "Mensa", "2016-09-09"),
            ("Oliver", "Smith", "2014-10-10"), ("Olivia", "Smith", "2014-11-10"),
            ("Catherine", "O'Connor", "2012-03-02"),
        ]
        return try await Store.transaction(app.db) { db in
            var ids: [String: UUID] = [:]
            for (given, family, dob) in people {
                let input = PersonInput(givenName: given, familyName: family, dateOfBirth: dob)
                let (checked, _) = input.check(today: CalendarDate(iso: "2026-11-29")!)
                let person = try await PersonStore.create(
                    checked!, teamId: world.north, allocateTo: nil, createdBy: nil, on: db)
                ids["\(given) \(family)"] = try person.requireID()
            }
            return ids
        }
    }

    func search(_ q: String, dob: String? = nil, as email: String, _ app: Application) async throws -> Results {
        let token = try await APITestSupport.token(for: email, app)
        var path = "/api/v1/people/search?q=\(q.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? q)"
        if let dob { path += "&dateOfBirth=\(dob)" }
        let response = try await app.testing().sendRequest(.GET, path, headers: APITestSupport.bearer(token))
        #expect(response.status == .ok, "\(q): \(response.body.string)")
        return try JSONDecoder().decode(Results.self, from: Data(buffer: response.body))
    }

    @Test(
        "Typos, sound-alikes and swapped dates find the person in the top three",
        arguments: [
            ("Mohammed Rahman", nil, "Muhammad Rahman"),
            ("Muhamad Rahman", nil, "Muhammad Rahman"),
            ("Sean Murphy", nil, "Shaun Murphy"),
            ("Catherine Okoro", nil, "Katherine Okoro"),
            ("Katherine Okroo", nil, "Katherine Okoro"),
            ("Amleia Testperson", nil, "Amelia Testperson"),
            ("Testperson", "2015-01-04", "Amelia Testperson"),
            ("Okoro", "2013-03-02", "Katherine Okoro"),
        ] as [(String, String?, String)])
    func findsThePerson(query: String, dob: String?, expected: String) async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            var ids = try await Self.population(world, on: app)
            ids["Amelia Testperson"] = world.person
            let results = try await search(query, dob: dob, as: "practitioner@test.example", app)
            let top = results.items.prefix(3).map(\.person.id)
            #expect(
                top.contains(ids[expected]!),
                "\(query) → \(results.items.map { "\($0.person.givenName) \($0.person.familyName) \($0.score)" })")
            #expect(!(results.items.first?.reasons.isEmpty ?? true))
            // Best first.
            #expect(results.items.map(\.score) == results.items.map(\.score).sorted(by: >))
        }
    }

    @Test func searchNeverShowsARecordTheUserMayNotSeeButSaysOneExists() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            _ = try await Self.population(world, on: app)
            let results = try await search("Amelia Testperson", dob: "2015-04-01", as: "south@test.example", app)
            #expect(results.items.isEmpty)
            #expect(results.possibleMatchNotShown)
            let browser = TestBrowser(app)
            try await browser.signIn("south@test.example")
            let page = try await browser.get("/people/search?q=Amelia+Testperson&dateOfBirth=2015-04-01")
            #expect(page.body.string.contains("A possible match exists that you cannot see: ask your manager"))
            #expect(!page.body.string.lowercased().contains(world.person.uuidString.lowercased()))
            #expect(
                !page.body.string.contains("Best matches first"),
                "\(page.body.string.components(separatedBy: "Best matches first").last?.prefix(1500) ?? "")")
        }
    }

    @Test func identifiersAndPostcodesFindPeople() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let token = try await APITestSupport.token(for: "practitioner@test.example", app)
            let created = try await app.testing().sendRequest(
                .POST, "/api/v1/people",
                headers: APITestSupport.bearer(token).merging(["Content-Type": "application/json"]),
                body: ByteBuffer(
                    string:
                        #"{"givenName":"Noor","familyName":"Haddad","dateOfBirth":"2012-01-01","nhsNumber":"943 476 5870","upn":"B801200005001","postcode":"nb1 4qt","addressLine1":"1 Test Row"}"#
                ))
            #expect(created.status == .created, "\(created.body.string)")
            for query in ["9434765870", "B801200005001", "NB1 4QT"] {
                let results = try await search(query, as: "practitioner@test.example", app)
                #expect(results.items.first?.person.givenName == "Noor", "\(query)")
            }
            _ = world
        }
    }
}

extension HTTPHeaders {
    func merging(_ other: HTTPHeaders) -> HTTPHeaders {
        var copy = self
        for (name, value) in other { copy.replaceOrAdd(name: name, value: value) }
        return copy
    }
}

@Suite struct PersonCreateTests {
    static let json: HTTPHeaders = ["Content-Type": "application/json"]

    @Test func aLikelyDuplicateIsRefusedWithCandidatesUntilConfirmed() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let token = try await APITestSupport.token(for: "practitioner@test.example", app)
            let headers = APITestSupport.bearer(token).merging(Self.json)
            let body = #"{"givenName":"Amelia","familyName":"Tesperson","dateOfBirth":"2015-04-01"}"#
            let before = try await count("people", in: app)
            let first = try await app.testing().sendRequest(
                .POST, "/api/v1/people", headers: headers, body: ByteBuffer(string: body))
            #expect(first.status == .conflict)
            #expect(
                first.body.string.contains(world.person.uuidString.uppercased())
                    || first.body.string.contains(world.person.uuidString.lowercased()))
            #expect(try await count("people", in: app) == before)
            let confirmed = try await app.testing().sendRequest(
                .POST, "/api/v1/people", headers: headers,
                body: ByteBuffer(
                    string:
                        #"{"givenName":"Amelia","familyName":"Tesperson","dateOfBirth":"2015-04-01","confirmNotDuplicate":true}"#
                ))
            #expect(confirmed.status == .created)
            let person = try confirmed.content.decode(PersonJSON.self)
            #expect(person.familyName == "Tesperson")
            // Allocated to the creator's team: a colleague in North may open it.
            let colleague = try await APITestSupport.token(for: "colleague@test.example", app)
            let read = try await app.testing().sendRequest(
                .GET, "/api/v1/people/\(person.id.uuidString.lowercased())", headers: APITestSupport.bearer(colleague))
            #expect(read.status == .ok)
            #expect(
                try await count("audit_events", in: app, where: "action = 'create' AND subject_type = 'person'") == 1)
        }
    }

    @Test func theFormWarnsOfDuplicatesBeforeCreating() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let browser = TestBrowser(app)
            try await browser.signIn("practitioner@test.example")
            try await browser.get("/people/new")
            let form = [("givenName", "Amelia"), ("familyName", "Testperson"), ("dateOfBirth", "2015-04-01")]
            let warned = try await browser.post("/people", form: form)
            #expect(warned.status == .conflict)
            #expect(warned.body.string.contains("This person may already be known to Hearth"))
            #expect(
                warned.body.string.contains(
                    world.personPath.uppercased().replacingOccurrences(of: "/PEOPLE/", with: "/people/")))
            let created = try await browser.post("/people", form: form + [("confirmNotDuplicate", "true")])
            #expect(created.status == .seeOther)
        }
    }

    @Test func badInputGetsFieldMessagesAndNothingIsSaved() async throws {
        try await withHearth { app in
            _ = try await World.build(on: app)
            let token = try await APITestSupport.token(for: "practitioner@test.example", app)
            let headers = APITestSupport.bearer(token).merging(Self.json)
            let before = try await count("people", in: app)
            let long = String(repeating: "a", count: 101)
            let response = try await app.testing().sendRequest(
                .POST, "/api/v1/people", headers: headers,
                body: ByteBuffer(
                    string:
                        #"{"givenName":"\#(long)","familyName":"","dateOfBirth":"2099-01-01","nhsNumber":"9434765871","upn":"A801200005001","uln":"123","postcode":"NOT A POSTCODE"}"#
                ))
            #expect(response.status == .unprocessableEntity)
            struct Errors: Decodable { var errors: [FieldError] }
            let fields = Set(try response.content.decode(Errors.self).errors.map(\.field))
            #expect(
                fields.isSuperset(of: ["givenName", "familyName", "dateOfBirth", "nhsNumber", "upn", "uln", "postcode"])
            )
            let wrongType = try await app.testing().sendRequest(
                .POST, "/api/v1/people", headers: headers, body: ByteBuffer(string: #"{"givenName":42}"#))
            #expect(wrongType.status == .unprocessableEntity)
            #expect(try await count("people", in: app) == before)
        }
    }
}
