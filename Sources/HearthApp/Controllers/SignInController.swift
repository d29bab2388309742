import Fluent
import HearthDomain
import SQLKit
import Vapor

struct SignInPage: Encodable {
    var layout: Layout
    var email: String
    var errors: [FieldError]?
    var emailError: String?
    var passwordError: String?
    var notice: String?
}

struct SetPasswordPage: Encodable {
    var layout: Layout
    var token: String
    var isValid: Bool
    var errors: [FieldError]?
    var passwordError: String?
    var confirmationError: String?
}

/// Signing in and out, the session's keep-alive, and setting a password from a one-time link.
struct SignInController: Sendable {
    struct SignInForm: Content {
        var email: String?
        var password: String?
    }

    static let wrongCredentials = "The email address or password is not right. Check them and try again."
    static let lockedOut = "There have been too many attempts to sign in. Wait 15 minutes, then try again."

    func form(req: Request) async throws -> Response {
        if req.currentUser != nil { return req.redirect(to: "/") }
        var notice: String?
        if req.query[String.self, at: "timeout"] != nil {
            notice = "You were signed out because you had not done anything for 15 minutes. Sign in again to carry on."
        } else if req.query[String.self, at: "signed-out"] != nil {
            notice = "You have signed out."
        } else if req.query[String.self, at: "password-set"] != nil {
            notice = "Your password is set. Sign in with it now."
        }
        return try await render(req, email: "", errors: FieldErrorList(), notice: notice, status: .ok)
    }

    func submit(req: Request) async throws -> Response {
        let form = try req.content.decode(SignInForm.self)
        let email = (form.email ?? "").trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        let password = form.password ?? ""
        var errors = FieldErrorList()
        if email.isEmpty { errors.add("email", "Enter your email address") }
        if password.isEmpty { errors.add("password", "Enter your password") }
        guard errors.isEmpty else {
            return try await render(req, email: email, errors: errors, status: .unprocessableEntity)
        }

        let address = req.clientAddress
        if try await SignInThrottle.isLockedOut(email: email, address: address, req) {
            try await req.transaction { db in
                try await SignInAttempt(email: email, clientAddress: address, at: Date(), succeeded: false).create(
                    on: db)
                try await Audit.record(
                    on: db, req, action: .signInFailed, outcome: .denied, actorEmail: email, detail: "locked out")
            }
            errors.add("email", Self.lockedOut)
            return try await render(req, email: email, errors: errors, status: .tooManyRequests)
        }

        let user = try await User.query(on: req.db).filter(\.$email == email).first()
        // Verify against a stand-in hash when there is no usable account, so the time taken does not say
        // whether the address is known.
        let hash = user.flatMap { $0.isDisabled ? nil : $0.passwordHash } ?? req.application.dummyPasswordHash
        let matches = try await req.password.async.verify(password, created: hash)
        guard let user, matches, !user.isDisabled, user.passwordHash != nil else {
            try await req.transaction { db in
                try await SignInAttempt(email: email, clientAddress: address, at: Date(), succeeded: false).create(
                    on: db)
                try await Audit.record(on: db, req, action: .signInFailed, outcome: .denied, actorEmail: email)
            }
            errors.add("email", Self.wrongCredentials)
            return try await render(req, email: email, errors: errors, status: .unauthorized)
        }

        let previousSessionId = req.currentUser?.sessionId
        let token: String = try await req.transaction { db in
            if let previousSessionId {
                try await SessionStore.end(sessionIds: [previousSessionId], reason: "signed-in-again", on: db.sql)
            }
            try await SignInAttempt(email: email, clientAddress: address, at: Date(), succeeded: true).create(on: db)
            let (token, _) = try await SessionStore.start(for: user, on: db, req)
            try await Audit.record(
                on: db, req, action: .signIn, subject: .user(user.id), actorId: user.id, actorEmail: user.email)
            return token
        }
        let response = req.redirect(to: "/")
        response.cookies[SessionStore.cookieName] = SessionStore.cookie(token: token)
        return response
    }

    func signOut(req: Request) async throws -> Response {
        let user = try req.requireUser()
        try await req.transaction { db in
            if let sessionId = user.sessionId {
                try await SessionStore.end(sessionIds: [sessionId], reason: "signed-out", on: db.sql)
            }
            try await Audit.record(on: db, req, action: .signOut, subject: .user(user.id))
        }
        return signedOutResponse(req)
    }

    func signOutEverywhere(req: Request) async throws -> Response {
        let user = try req.requireUser()
        try await req.transaction { db in
            try await SessionStore.endAll(userId: user.id, reason: "signed-out-everywhere", on: db.sql)
            try await Audit.record(on: db, req, action: .signOutEverywhere, subject: .user(user.id))
        }
        return signedOutResponse(req)
    }

    /// The idle-warning's "Stay signed in": counts as activity.
    func extend(req: Request) async throws -> HTTPStatus {
        let user = try req.requireUser()
        if let sessionId = user.sessionId { try await SessionStore.touch(sessionId, on: req.db) }
        return .noContent
    }

    private func signedOutResponse(_ req: Request) -> Response {
        let response = req.redirect(to: "/sign-in?signed-out=1")
        response.cookies[SessionStore.cookieName] = SessionStore.expiredCookie
        return response
    }

    private func render(
        _ req: Request, email: String, errors: FieldErrorList, notice: String? = nil, status: HTTPResponseStatus
    ) async throws -> Response {
        let page = SignInPage(
            layout: Layout(req, title: "Sign in", errors: errors), email: email,
            errors: errors.forPage, emailError: errors.message(for: "email"),
            passwordError: errors.message(for: "password"), notice: notice)
        let response = try await req.view.render("sign-in", page).encodeResponse(for: req)
        response.status = status
        return response
    }

    // MARK: Set password

    struct SetPasswordForm: Content {
        var password: String?
        var confirmation: String?
    }

    func setPasswordForm(req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        let valid = try await SetPasswordLinks.find(token: token, req) != nil
        return try await renderSetPassword(
            req, token: token, isValid: valid, errors: FieldErrorList(), status: valid ? .ok : .notFound)
    }

    func setPassword(req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        guard let link = try await SetPasswordLinks.find(token: token, req) else {
            return try await renderSetPassword(
                req, token: token, isValid: false, errors: FieldErrorList(), status: .notFound)
        }
        let form = try req.content.decode(SetPasswordForm.self)
        let password = form.password ?? ""
        let user = try await link.$user.get(on: req.db)
        var errors = FieldErrorList()
        if let problem = PasswordRules.problem(with: password, email: user.email) { errors.add("password", problem) }
        if errors.isEmpty, password != (form.confirmation ?? "") {
            errors.add("confirmation", "The passwords do not match. Type the same password twice.")
        }
        guard errors.isEmpty else {
            return try await renderSetPassword(
                req, token: token, isValid: true, errors: errors, status: .unprocessableEntity)
        }
        let hash = try await req.password.async.hash(password)
        try await req.transaction { db in
            link.usedAt = Date()
            try await link.save(on: db)
            user.passwordHash = hash
            user.version += 1
            try await user.save(on: db)
            // A new password ends every session opened with the old one.
            try await SessionStore.endAll(userId: try user.requireID(), reason: "password-set", on: db.sql)
            try await Audit.record(
                on: db, req, action: .update, subject: .user(user.id), actorId: user.id, actorEmail: user.email,
                detail: "password set")
        }
        return req.redirect(to: "/sign-in?password-set=1")
    }

    private func renderSetPassword(
        _ req: Request, token: String, isValid: Bool, errors: FieldErrorList, status: HTTPResponseStatus
    ) async throws -> Response {
        let page = SetPasswordPage(
            // A link that cannot be used has no form, so no field errors either.
            layout: Layout(req, title: isValid ? "Set your password" : "This link cannot be used", errors: errors),
            token: token, isValid: isValid, errors: errors.forPage, passwordError: errors.message(for: "password"),
            confirmationError: errors.message(for: "confirmation"))
        let response = try await req.view.render("set-password", page).encodeResponse(for: req)
        response.status = status
        return response
    }
}

/// Counting failed sign-ins, per account and per client address.
enum SignInThrottle {
    static func isLockedOut(email: String, address: String, _ req: Request) async throws -> Bool {
        let settings = req.settings
        let windowStart = Date().addingTimeInterval(-settings.failureWindow)
        let row = try await req.sql.raw(
            """
            SELECT
              (SELECT COUNT(*) FROM sign_in_attempts WHERE email = \(bind: email) AND succeeded = \(bind: false)
                 AND at > \(bind: windowStart)
                 AND at > COALESCE((SELECT MAX(at) FROM sign_in_attempts WHERE email = \(bind: email) AND succeeded = \(bind: true)), \(bind: windowStart))
              ) AS by_account,
              (SELECT COUNT(*) FROM sign_in_attempts WHERE client_address = \(bind: address) AND succeeded = \(bind: false)
                 AND at > \(bind: windowStart)) AS by_address
            """
        ).first()
        let byAccount = try row?.decode(column: "by_account", as: Int.self) ?? 0
        let byAddress = try row?.decode(column: "by_address", as: Int.self) ?? 0
        return byAccount >= settings.maxFailuresPerAccount || byAddress >= settings.maxFailuresPerAddress
    }
}

/// One-time set-password links.
enum SetPasswordLinks {
    static func issue(for userId: UUID, on db: any Database, settings: Settings, audit: AuditContext) async throws
        -> String
    {
        let token = Secrets.newToken()
        let now = Date()
        try await SetPasswordToken(
            userId: userId, tokenHash: Secrets.hash(token, key: settings.secretKey), createdAt: now,
            expiresAt: now.addingTimeInterval(settings.setPasswordLinkLifetime), createdBy: audit.actorId
        ).create(on: db)
        try await Audit.write(
            on: db, audit, action: .create, subject: .user(userId), detail: "set-password link issued")
        return token
    }

    static func find(token: String, _ req: Request) async throws -> SetPasswordToken? {
        guard !token.isEmpty else { return nil }
        return try await SetPasswordToken.query(on: req.db)
            .filter(\.$tokenHash == req.hashSecret(token))
            .filter(\.$usedAt == nil)
            .filter(\.$expiresAt > Date())
            .first()
    }

    static func url(for token: String, settings: Settings) -> String {
        "\(settings.publicURL)/set-password/\(token)"
    }
}

/// What makes a password acceptable: long rather than complicated, as the NCSC advises.
enum PasswordRules {
    static let minimumLength = 12
    static let maximumLength = 200

    static func problem(with password: String, email: String) -> String? {
        if password.isEmpty { return "Enter a password" }
        if password.count < minimumLength { return "Password must be \(minimumLength) characters or more" }
        if password.count > maximumLength { return "Password must be \(maximumLength) characters or fewer" }
        if password.lowercased().contains(email.lowercased()) { return "Password must not contain your email address" }
        return nil
    }
}

extension Application {
    private struct DummyHashKey: StorageKey { typealias Value = String }

    /// A bcrypt hash of nothing anyone knows, made once at start-up at the configured cost.
    var dummyPasswordHash: String {
        get { storage[DummyHashKey.self] ?? "" }
        set { storage[DummyHashKey.self] = newValue }
    }
}
