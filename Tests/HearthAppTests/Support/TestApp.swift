import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import HearthApp

/// Who may run at once. SQLite tests each get their own in-memory database and share the gate; tests
/// on the one PostgreSQL database, and query-count measurements (which count every statement the
/// process runs), take it alone.
actor TestGate {
    static let shared = TestGate()
    private var readers = 0
    private var writer = false
    private var waitingReaders: [CheckedContinuation<Void, Never>] = []
    private var waitingWriters: [CheckedContinuation<Void, Never>] = []

    func enter(exclusive: Bool) async {
        if exclusive {
            if !writer && readers == 0 {
                writer = true
                return
            }
            await withCheckedContinuation { waitingWriters.append($0) }
        } else {
            if !writer && waitingWriters.isEmpty {
                readers += 1
                return
            }
            await withCheckedContinuation { waitingReaders.append($0) }
        }
    }

    func leave(exclusive: Bool) {
        if exclusive { writer = false } else { readers -= 1 }
        guard !writer, readers == 0 else { return }
        if !waitingWriters.isEmpty {
            writer = true
            waitingWriters.removeFirst().resume()
        } else {
            readers += waitingReaders.count
            waitingReaders.forEach { $0.resume() }
            waitingReaders.removeAll()
        }
    }
}

enum TestDatabase {
    static var isPostgres: Bool { ProcessInfo.processInfo.environment["HEARTH_TEST_DATABASE_URL"] != nil }
}

/// Runs `test` against a freshly configured and migrated Hearth, on in-memory SQLite or, when
/// HEARTH_TEST_DATABASE_URL is set, on an emptied PostgreSQL database.
///
/// `logLevel` is set before the database is configured, because pooled connections keep the level the
/// logger had then: counting queries needs `.trace` from the start.
func withHearth(
    exclusive: Bool = false, logLevel: Logger.Level = .warning, _ test: (Application) async throws -> Void
) async throws {
    let postgres = TestDatabase.isPostgres
    let alone = postgres || exclusive
    await TestGate.shared.enter(exclusive: alone)
    do {
        try await withApp(configure: { app in
            // Migrations announce themselves at info for every test; only problems matter here.
            app.logger.logLevel = logLevel
            try await configure(app)
            if postgres {
                try await app.db.sql.raw("DROP SCHEMA public CASCADE").run()
                try await app.db.sql.raw("CREATE SCHEMA public").run()
            }
            try await app.autoMigrate()
        }) { app in
            try await test(app)
        }
    } catch {
        await TestGate.shared.leave(exclusive: alone)
        throw error
    }
    await TestGate.shared.leave(exclusive: alone)
}

/// A browser stand-in for request tests: keeps cookies like a browser would (including `__Host-`
/// ones), and the last page's CSRF token, so tests drive forms exactly as a person does.
final class TestBrowser: @unchecked Sendable {
    let app: Application
    private(set) var cookies: [String: String] = [:]
    private(set) var csrfToken: String?
    private(set) var lastResponse: TestingHTTPResponse?

    init(_ app: Application) { self.app = app }

    @discardableResult
    func get(_ path: String, headers: HTTPHeaders = [:]) async throws -> TestingHTTPResponse {
        try await send(.GET, path, headers: headers, body: nil)
    }

    /// Posts a form. The page's CSRF token is added unless `csrf` says otherwise (nil leaves it out).
    @discardableResult
    func post(_ path: String, form: [(String, String)] = [], csrf: String?? = .none) async throws -> TestingHTTPResponse
    {
        var fields = form
        switch csrf {
        case .none: if let token = csrfToken { fields.append(("_csrf", token)) }
        case .some(.some(let token)): fields.append(("_csrf", token))
        case .some(.none): break
        }
        let body = fields.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        var headers = HTTPHeaders()
        headers.contentType = .urlEncodedForm
        return try await send(.POST, path, headers: headers, body: ByteBuffer(string: body))
    }

    private func send(_ method: HTTPMethod, _ path: String, headers: HTTPHeaders, body: ByteBuffer?) async throws
        -> TestingHTTPResponse
    {
        var headers = headers
        if !cookies.isEmpty {
            headers.replaceOrAdd(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
        }
        let response = try await app.testing().sendRequest(method, path, headers: headers, body: body) { request in
            request.url = URI(string: path)
        }
        for header in response.headers[.setCookie] {
            let pair = header.split(separator: ";").first.map(String.init) ?? ""
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count >= 1 else { continue }
            let value = parts.count == 2 ? parts[1] : ""
            let expired = header.lowercased().contains("max-age=0") || value.isEmpty
            if expired { cookies.removeValue(forKey: parts[0]) } else { cookies[parts[0]] = value }
        }
        let html = response.body.string
        if let token = Self.firstMatch(in: html, after: "name=\"csrf-token\" content=\"") {
            csrfToken = token
        }
        lastResponse = response
        return response
    }

    /// Signs in through the real sign-in form.
    @discardableResult
    func signIn(_ email: String, password: String = Fixtures.password) async throws -> TestingHTTPResponse {
        try await get("/sign-in")
        let response = try await post("/sign-in", form: [("email", email), ("password", password)])
        if response.status == .seeOther { try await get("/") }
        return response
    }

    var sessionCookie: String? { cookies[SessionStore.cookieName] }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    static func firstMatch(in text: String, after marker: String) -> String? {
        guard let start = text.range(of: marker) else { return nil }
        let rest = text[start.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<end])
    }
}

/// Counts rows in a table, for "changed nothing" and "exactly one audit event" assertions.
func count(_ table: String, in app: Application, where condition: SQLQueryString? = nil) async throws -> Int {
    var query: SQLQueryString = "SELECT COUNT(*) AS n FROM \(ident: table)"
    if let condition { query += " WHERE " + condition }
    return try await app.db.sql.raw(query).first()!.decode(column: "n", as: Int.self)
}
