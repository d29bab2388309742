import Fluent
import Foundation
import Vapor
import VaporTesting

@testable import HearthApp

enum APITestSupport {
    /// A personal API token for the user, made the way the `token create` command makes one.
    static func token(for email: String, _ app: Application) async throws -> String {
        try await Store.transaction(app.db) { db in
            let user = try await User.query(on: db).filter(\.$email == email).first()!
            return try await ApiTokens.create(
                userId: try user.requireID(), name: "test", days: 1, on: db, secretKey: app.settings.secretKey,
                audit: .commandLine(actorId: user.id, actorEmail: email))
        }
    }

    /// The same, for tests where the audit table refuses writes.
    static func tokenWithoutAudit(for email: String, _ app: Application) async throws -> String {
        let user = try await User.query(on: app.db).filter(\.$email == email).first()!
        let token = Secrets.newToken(prefix: ApiTokens.prefix)
        try await ApiToken(
            userId: try user.requireID(), name: "test", tokenHash: Secrets.hash(token, key: app.settings.secretKey),
            prefix: "test", createdAt: Date(), expiresAt: Date().addingTimeInterval(3600)
        ).create(on: app.db)
        return token
    }

    static func bearer(_ token: String) -> HTTPHeaders { ["Authorization": "Bearer \(token)"] }

    /// The field errors of a 422 answer.
    static func fieldErrors(_ response: TestingHTTPResponse) throws -> [FieldError] {
        struct Errors: Decodable { var errors: [FieldError] }
        return try response.content.decode(Errors.self).errors
    }
}
