import Fluent
import SQLKit
import Vapor

/// Authenticates `/api/v1` requests by personal API token (`Authorization: Bearer <token>`). Anything
/// else answers 401: the API never accepts the browser's cookie, so it needs no CSRF defence.
struct BearerAuthenticator: AsyncMiddleware {
    /// Recording every use would add a write to every API read; the day is precise enough.
    static let lastUsedResolution: TimeInterval = 60 * 60

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let bearer = req.headers.bearerAuthorization, !bearer.token.isEmpty else {
            throw Abort(.unauthorized, reason: "Send a personal API token as Authorization: Bearer <token>.")
        }
        let now = Date()
        let row = try await req.sql.raw(
            """
            SELECT t.id, t.last_used_at, u.id AS user_id, u.email, u.display_name
            FROM api_tokens t JOIN users u ON u.id = t.user_id
            WHERE t.token_hash = \(bind: req.hashSecret(bearer.token)) AND t.revoked_at IS NULL
              AND t.expires_at > \(bind: now) AND u.is_disabled = \(bind: false)
            """
        ).first()
        guard let row else {
            throw Abort(.unauthorized, reason: "The API token is not valid: it may have expired or been revoked.")
        }
        let tokenId = try row.decode(column: "id", as: UUID.self)
        let lastUsed = try row.decode(column: "last_used_at", as: Date?.self)
        if lastUsed.map({ now.timeIntervalSince($0) > Self.lastUsedResolution }) ?? true {
            // A write, so it takes its turn with the other writers (ADR 0003), as a session's touch does.
            try await req.transaction { db in
                try await db.sql.update("api_tokens").set("last_used_at", to: now).where("id", .equal, tokenId).run()
            }
        }
        let userId = try row.decode(column: "user_id", as: UUID.self)
        req.auth.login(
            CurrentUser(
                id: userId, email: try row.decode(column: "email", as: String.self),
                displayName: try row.decode(column: "display_name", as: String.self),
                actor: try await ActorLoader.load(userId: userId, on: req.sql)))
        return try await next.respond(to: req)
    }
}
