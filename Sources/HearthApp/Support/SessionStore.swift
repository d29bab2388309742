import Fluent
import Foundation
import SQLKit
import Vapor

/// Browser sessions: stored in the database so app servers stay stateless, keyed by the HMAC of a
/// random token the cookie carries.
enum SessionStore {
    /// `__Host-` makes the browser insist on Secure, Path=/ and no Domain, so no sibling host can set or
    /// read it.
    static let cookieName = "__Host-hearth-session"
    /// Touching the session on every request would add a write to every read; a minute's slack on a
    /// 15-minute idle time-out is harmless.
    static let touchInterval: TimeInterval = 30

    enum Resumed {
        case active(CurrentUser)
        case ended
    }

    /// Starts a new session for the user (always a new id, so a session fixed before sign-in is useless).
    static func start(for user: User, on db: any Database, _ req: Request) async throws -> (
        token: String, session: UserSession
    ) {
        let token = Secrets.newToken()
        let now = Date()
        let session = UserSession(
            tokenHash: req.hashSecret(token), userId: try user.requireID(), csrfToken: Secrets.newToken(), now: now,
            expiresAt: now.addingTimeInterval(req.settings.absoluteTimeout), clientAddress: req.clientAddress)
        try await session.create(on: db)
        return (token, session)
    }

    static func resume(token: String, _ req: Request) async throws -> Resumed {
        let row = try await req.sql.raw(
            """
            SELECT s.id, s.user_id, s.csrf_token, s.last_seen_at, s.expires_at, u.email, u.display_name, u.is_disabled
            FROM user_sessions s JOIN users u ON u.id = s.user_id
            WHERE s.token_hash = \(bind: req.hashSecret(token)) AND s.ended_at IS NULL
            """
        ).first()
        guard let row else { return .ended }
        let sessionId = try row.decode(column: "id", as: UUID.self)
        let lastSeen = try row.decode(column: "last_seen_at", as: Date.self)
        let now = Date()
        let endReason: String? =
            if try row.decode(column: "is_disabled", as: Bool.self) {
                "user-disabled"
            } else if try row.decode(column: "expires_at", as: Date.self) <= now {
                "absolute-timeout"
            } else if lastSeen.addingTimeInterval(req.settings.idleTimeout) <= now { "idle-timeout" } else { nil }
        if let endReason {
            try await req.transaction { db in try await end(sessionIds: [sessionId], reason: endReason, on: db.sql) }
            return .ended
        }
        if now.timeIntervalSince(lastSeen) >= touchInterval {
            try await touch(sessionId, on: req.db)
        }
        let userId = try row.decode(column: "user_id", as: UUID.self)
        return .active(
            CurrentUser(
                id: userId,
                email: try row.decode(column: "email", as: String.self),
                displayName: try row.decode(column: "display_name", as: String.self),
                actor: try await ActorLoader.load(userId: userId, on: req.sql),
                sessionId: sessionId,
                csrfToken: try row.decode(column: "csrf_token", as: String.self)))
    }

    /// Records activity on a session. It is a write, so on SQLite it takes its turn with the other writers
    /// (ADR 0003): written straight on a pooled connection it waited for the write lock inside SQLite,
    /// whose busy handler spins on a thread of the pool the audit journal needs to release that lock. Under
    /// load, with every request of a session touching it at once, that stalled the server.
    static func touch(_ sessionId: UUID, on db: any Database) async throws {
        let now = Date()
        try await Store.transaction(db) { db in
            try await db.sql.update("user_sessions").set("last_seen_at", to: now).where("id", .equal, sessionId).run()
        }
    }

    static func end(sessionIds: [UUID], reason: String, on db: any SQLDatabase) async throws {
        guard !sessionIds.isEmpty else { return }
        try await db.update("user_sessions")
            .set("ended_at", to: Date()).set("ended_reason", to: reason)
            .where("id", .in, sessionIds).where("ended_at", .is, SQLLiteral.null)
            .run()
    }

    /// Ends every open session of a user: sign out everywhere, and disabling an account.
    static func endAll(userId: UUID, reason: String, on db: any SQLDatabase) async throws {
        try await db.update("user_sessions")
            .set("ended_at", to: Date()).set("ended_reason", to: reason)
            .where("user_id", .equal, userId).where("ended_at", .is, SQLLiteral.null)
            .run()
    }

    static func cookie(token: String) -> HTTPCookies.Value {
        HTTPCookies.Value(
            string: token, expires: nil, maxAge: nil, domain: nil, path: "/", isSecure: true, isHTTPOnly: true,
            sameSite: .lax)
    }

    static var expiredCookie: HTTPCookies.Value {
        HTTPCookies.Value(
            string: "", expires: Date(timeIntervalSince1970: 0), maxAge: 0, domain: nil, path: "/", isSecure: true,
            isHTTPOnly: true, sameSite: .lax)
    }
}
