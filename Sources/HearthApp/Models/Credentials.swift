import Fluent
import Foundation

/// A signed-in browser session. The cookie carries a random token; only its keyed hash is stored.
final class UserSession: Model, @unchecked Sendable {
    static let schema = "user_sessions"
    @ID(key: .id) var id: UUID?
    @Field(key: "token_hash") var tokenHash: String
    @Parent(key: "user_id") var user: User
    @Field(key: "csrf_token") var csrfToken: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "last_seen_at") var lastSeenAt: Date
    @Field(key: "expires_at") var expiresAt: Date
    @OptionalField(key: "ended_at") var endedAt: Date?
    @OptionalField(key: "ended_reason") var endedReason: String?
    @OptionalField(key: "client_address") var clientAddress: String?

    init() {}
    init(tokenHash: String, userId: UUID, csrfToken: String, now: Date, expiresAt: Date, clientAddress: String?) {
        self.tokenHash = tokenHash
        self.$user.id = userId
        self.csrfToken = csrfToken
        self.createdAt = now
        self.lastSeenAt = now
        self.expiresAt = expiresAt
        self.clientAddress = clientAddress
    }
}

/// One attempt to sign in, kept for throttling and lock-out.
final class SignInAttempt: Model, @unchecked Sendable {
    static let schema = "sign_in_attempts"
    @ID(key: .id) var id: UUID?
    @Field(key: "email") var email: String
    @Field(key: "client_address") var clientAddress: String
    @Field(key: "at") var at: Date
    @Field(key: "succeeded") var succeeded: Bool

    init() {}
    init(email: String, clientAddress: String, at: Date, succeeded: Bool) {
        self.email = email
        self.clientAddress = clientAddress
        self.at = at
        self.succeeded = succeeded
    }
}

/// A one-time link an administrator issues so a user sets their own password.
final class SetPasswordToken: Model, @unchecked Sendable {
    static let schema = "set_password_tokens"
    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "expires_at") var expiresAt: Date
    @OptionalField(key: "used_at") var usedAt: Date?
    @OptionalField(key: "created_by") var createdBy: UUID?

    init() {}
    init(userId: UUID, tokenHash: String, createdAt: Date, expiresAt: Date, createdBy: UUID?) {
        self.$user.id = userId
        self.tokenHash = tokenHash
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.createdBy = createdBy
    }
}

/// A personal API token for `/api/v1`, shown once and stored hashed.
final class ApiToken: Model, @unchecked Sendable {
    static let schema = "api_tokens"
    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    @Field(key: "name") var name: String
    @Field(key: "token_hash") var tokenHash: String
    /// The first characters of the token, so its owner can tell tokens apart.
    @Field(key: "prefix") var prefix: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "expires_at") var expiresAt: Date
    @OptionalField(key: "revoked_at") var revokedAt: Date?
    @OptionalField(key: "last_used_at") var lastUsedAt: Date?

    init() {}
    init(userId: UUID, name: String, tokenHash: String, prefix: String, createdAt: Date, expiresAt: Date) {
        self.$user.id = userId
        self.name = name
        self.tokenHash = tokenHash
        self.prefix = prefix
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}
