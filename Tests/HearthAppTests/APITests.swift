import Fluent
import Foundation
import HearthDomain
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import HearthApp

@Suite struct APITests {
    @Test func requestsWithoutAValidTokenAreRefused() async throws {
        try await withHearth { app in
            _ = try await World.build(on: app)
            let none = try await app.testing().sendRequest(.GET, "/api/v1/people")
            #expect(none.status == .unauthorized)
            #expect(none.headers.first(name: .wwwAuthenticate) == "Bearer")
            let wrong = try await app.testing().sendRequest(
                .GET, "/api/v1/people", headers: APITestSupport.bearer("hearth_nope"))
            #expect(wrong.status == .unauthorized)
        }
    }

    @Test func aBrowserSessionCookieDoesNotOpenTheAPI() async throws {
        try await withHearth { app in
            _ = try await World.build(on: app)
            let browser = TestBrowser(app)
            try await browser.signIn("practitioner@test.example")
            #expect(try await browser.get("/api/v1/people").status == .unauthorized)
        }
    }

    @Test func tokensAreShownOnceStoredHashedAndRevocable() async throws {
        try await withHearth { app in
            _ = try await World.build(on: app)
            let browser = TestBrowser(app)
            try await browser.signIn("practitioner@test.example")
            try await browser.get("/account")
            let invalid = try await browser.post("/account/tokens", form: [("name", ""), ("days", "900")])
            #expect(invalid.status == .unprocessableEntity)
            #expect(invalid.body.string.contains("Enter a name for the token"))
            #expect(invalid.body.string.contains("between 1 and 365"))
            #expect(try await count("api_tokens", in: app) == 0)

            let created = try await browser.post("/account/tokens", form: [("name", "Export script"), ("days", "30")])
            #expect(created.status == .ok)
            let token = try #require(
                TestBrowser.firstMatch(in: created.body.string, after: "id=\"new-token\">")?
                    .components(separatedBy: "<").first)
            #expect(token.hasPrefix("hearth_"))
            #expect(try await count("api_tokens", in: app, where: "token_hash = \(bind: token)") == 0)
            #expect(!(try await browser.get("/account")).body.string.contains(token))

            let ok = try await app.testing().sendRequest(.GET, "/api/v1/people", headers: APITestSupport.bearer(token))
            #expect(ok.status == .ok)

            let id = try await app.db.sql.raw("SELECT id FROM api_tokens").first()!.decode(column: "id", as: UUID.self)
            try await browser.get("/account")
            #expect(try await browser.post("/account/tokens/\(id.uuidString.lowercased())/revoke").status == .seeOther)
            let revoked = try await app.testing().sendRequest(
                .GET, "/api/v1/people", headers: APITestSupport.bearer(token))
            #expect(revoked.status == .unauthorized)
        }
    }

    @Test func theAuditEndpointAnswersAuditorsAndNobodyElse() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let subject = "person:\(world.person.uuidString.lowercased())"
            // Two visits: one allowed, one refused.
            let practitioner = try await APITestSupport.token(for: "practitioner@test.example", app)
            let south = try await APITestSupport.token(for: "south@test.example", app)
            let path = "/api/v1/people/\(world.person.uuidString.lowercased())"
            #expect(
                try await app.testing().sendRequest(.GET, path, headers: APITestSupport.bearer(practitioner)).status
                    == .ok)
            #expect(
                try await app.testing().sendRequest(.GET, path, headers: APITestSupport.bearer(south)).status
                    == .notFound)

            for email in World.accounts.map(\.email) where email != "auditor@test.example" {
                let token = try await APITestSupport.token(for: email, app)
                let response = try await app.testing().sendRequest(
                    .GET, "/api/v1/audit?subject=\(subject)", headers: APITestSupport.bearer(token))
                #expect(response.status == .forbidden, "\(email)")
                #expect(!response.body.string.contains("practitioner@test.example"))
            }

            let auditor = try await APITestSupport.token(for: "auditor@test.example", app)
            let response = try await app.testing().sendRequest(
                .GET, "/api/v1/audit?subject=\(subject)", headers: APITestSupport.bearer(auditor))
            #expect(response.status == .ok)
            let events = try response.content.decode(ItemsJSON<AuditEventJSON>.self).items
            #expect(events.map(\.outcome) == ["allowed", "denied"])
            #expect(events.map(\.actorEmail) == ["practitioner@test.example", "south@test.example"])
            #expect(events.allSatisfy { $0.action == "view" && $0.subjectType == "person" })
            #expect(events.first?.actorId == world.users["practitioner@test.example"])
            // ISO 8601 in UTC.
            #expect(events.allSatisfy { $0.at.hasSuffix("Z") && ISO8601DateFormatter().date(from: $0.at) != nil })
        }
    }

    @Test func invalidInputAnswers422WithFieldErrors() async throws {
        try await withHearth { app in
            _ = try await World.build(on: app)
            let auditor = try await APITestSupport.token(for: "auditor@test.example", app)
            for query in [
                "", "?subject=person", "?subject=person:not-an-id", "?subject=planet:1", "?subject=Person",
                "?subject=person-:\(UUID().uuidString)", "?subject=1",
            ] {
                let response = try await app.testing().sendRequest(
                    .GET, "/api/v1/audit\(query)", headers: APITestSupport.bearer(auditor))
                #expect(response.status == .unprocessableEntity, "\(query)")
                struct Errors: Decodable { var errors: [FieldError] }
                let errors = try response.content.decode(Errors.self).errors
                #expect(errors.first?.field == "subject")
                #expect(!(errors.first?.message.isEmpty ?? true))
            }
            // Any record type the audit writes can be followed, as the audit table links them all.
            let otherType = try await app.testing().sendRequest(
                .GET, "/api/v1/audit?subject=missing-episode:\(UUID().uuidString)",
                headers: APITestSupport.bearer(auditor))
            #expect(otherType.status == .ok)
            let limit = try await app.testing().sendRequest(
                .GET, "/api/v1/audit?subject=person:\(UUID().uuidString)&limit=0",
                headers: APITestSupport.bearer(auditor))
            #expect(limit.status == .unprocessableEntity)
        }
    }

    /// Every `/api/v1` route the app registers appears in the OpenAPI document, with its method.
    @Test func theOpenAPIDocumentCoversEveryRoute() async throws {
        try await withHearth { app in
            let response = try await app.testing().sendRequest(.GET, "/api/v1/openapi.json")
            #expect(response.status == .ok)
            let document = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as! [String: Any]
            #expect((document["openapi"] as? String)?.hasPrefix("3.") == true)
            let paths = document["paths"] as! [String: [String: Any]]
            let apiRoutes = app.routes.all.filter { $0.path.first?.description == "api" }
            #expect(!apiRoutes.isEmpty)
            for route in apiRoutes {
                let path =
                    "/"
                    + route.path.map { component -> String in
                        if case .parameter(let name) = component { return "{\(name)}" }
                        return component.description
                    }.joined(separator: "/")
                let operations = paths[path]
                #expect(operations != nil, "\(path) is missing from openapi.json")
                #expect(operations?[route.method.rawValue.lowercased()] != nil, "\(route.method) \(path) is missing")
            }
        }
    }

    /// The document lists every value the API can send in the chronology's and the work list's coded fields,
    /// taken from the lists the code makes them from, and describes every field of their items.
    @Test func theOpenAPIDocumentListsEveryChronologyAndWorkListValue() async throws {
        try await withHearth { app in
            let response = try await app.testing().sendRequest(.GET, "/api/v1/openapi.json")
            let document = try JSONDecoder().decode(OpenAPIDocument.self, from: Data(buffer: response.body))
            let entry = try #require(document.components.schemas["ChronologyEntry"]?.properties)
            let kinds = Set(ChronologyEntry.Kind.allCases.map(\.rawValue))
            #expect(Self.mismatch(entry["kind"], kinds) == [])
            // A decision's kind is read from the record as a chronology entry's kind.
            #expect(Set(PlanVocabulary.decisionKinds.map(\.code)).isSubset(of: kinds))
            let sources = Set(ChronologyFilter.sources.map(\.code))
            #expect(Self.mismatch(entry["sourceType"], sources) == [])
            let source = document.paths["/api/v1/people/{personId}/chronology"]?["get"]?.parameters?
                .first { $0.name == "source" }
            #expect(Self.mismatch(source?.schema, sources) == [])
            let item = APIController.ChronologyItem(
                at: "", kind: "", summary: "", sourceType: "", sourceId: "", personId: UUID(), linkedAs: "",
                category: "")
            let itemFields = try Self.fields(of: item)
            #expect(itemFields.subtracting(entry.keys) == [])

            let prompt = try #require(document.components.schemas["WorkPrompt"]?.properties)
            #expect(Self.mismatch(prompt["kind"], Set(WorkPrompt.Kind.allCases.map(\.rawValue))) == [])
            let line = WorkListJSON.Item(
                kind: "", title: "", dueBy: "", state: "", link: "", person: "", worker: "", isUnallocated: true)
            let lineFields = try Self.fields(of: line)
            #expect(lineFields.subtracting(prompt.keys) == [])
        }
    }

    /// The parts of the OpenAPI document that tests read.
    struct OpenAPIDocument: Decodable {
        struct Schema: Decodable {
            var `enum`: [String?]?
            var properties: [String: Schema]?
            /// The enum's values, without the null a nullable enum lists.
            var values: Set<String> { Set(self.enum?.compactMap { $0 } ?? []) }
        }

        struct Operation: Decodable {
            struct Parameter: Decodable {
                var name: String
                var schema: Schema?
            }

            var parameters: [Parameter]?
        }

        struct Components: Decodable {
            var schemas: [String: Schema]
        }

        var paths: [String: [String: Operation]]
        var components: Components
    }

    /// The values an enum in the document lacks or has beyond `expected`, sorted: none when it is right.
    static func mismatch(_ schema: OpenAPIDocument.Schema?, _ expected: Set<String>) -> [String] {
        (schema?.values ?? []).symmetricDifference(expected).sorted()
    }

    /// The names of the fields a value is sent with (every optional field set, so none is left out).
    static func fields(of value: some Encodable) throws -> Set<String> {
        let object = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(value)) as? [String: Any]
        return Set((object ?? [:]).keys)
    }
}
