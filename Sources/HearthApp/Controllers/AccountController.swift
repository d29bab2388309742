import Fluent
import HearthDomain
import SQLKit
import Vapor

struct AccountPage: Encodable {
    struct TokenLine: Encodable {
        var id: UUID
        var name: String
        var prefix: String
        var created: String
        var expires: String
        var lastUsed: String
    }

    var layout: Layout
    var displayName: String
    var email: String
    var roles: [String]
    var tokens: [TokenLine]?
    /// A token just created: shown this once and never again.
    var newToken: String?
    var tokenName: String
    var tokenDays: String
    var errors: [FieldError]?
    var nameError: String?
    var daysError: String?
}

/// The user's own account: who they are, signing out everywhere, and personal API tokens.
struct AccountController: Sendable {
    struct TokenForm: Content {
        var name: String?
        var days: String?
    }

    static let maximumTokenDays = 365

    func show(req: Request) async throws -> View {
        try await render(req, newToken: nil, name: "", days: "90", errors: FieldErrorList())
    }

    func createToken(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = try req.content.decode(TokenForm.self)
        let name = (form.name ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let daysText = (form.days ?? "").trimmingCharacters(in: .whitespaces)
        let errors = ApiTokens.validate(name: name, days: daysText)
        guard errors.isEmpty else {
            let response = try await render(req, newToken: nil, name: name, days: daysText, errors: errors)
                .encodeResponse(for: req)
            response.status = .unprocessableEntity
            return response
        }
        let token = try await req.transaction { db in
            try await ApiTokens.create(
                userId: user.id, name: name, days: Int(daysText)!, on: db, secretKey: req.settings.secretKey,
                audit: req.auditContext)
        }
        return try await render(req, newToken: token, name: "", days: "90", errors: FieldErrorList()).encodeResponse(
            for: req)
    }

    func revokeToken(req: Request) async throws -> Response {
        let user = try req.requireUser()
        guard let tokenId = req.parameters.get("tokenId", as: UUID.self) else { throw Abort(.notFound) }
        try await req.transaction { db in
            guard
                let token = try await ApiToken.query(on: db).filter(\.$id == tokenId).filter(\.$user.$id == user.id)
                    .first()
            else { throw Abort(.notFound) }
            token.revokedAt = Date()
            try await token.save(on: db)
            try await Audit.record(on: db, req, action: .delete, subject: .apiToken(tokenId), detail: "revoked")
        }
        return req.redirect(to: "/account")
    }

    private func render(_ req: Request, newToken: String?, name: String, days: String, errors: FieldErrorList)
        async throws
        -> View
    {
        let user = try req.requireUser()
        let tokens = try await ApiToken.query(on: req.db)
            .filter(\.$user.$id == user.id).filter(\.$revokedAt == nil).filter(\.$expiresAt > Date())
            .sort(\.$createdAt, .descending).all()
        var page = AccountPage(
            layout: Layout(req, title: "Your account", errors: errors),
            displayName: user.displayName, email: user.email, roles: user.roles.sorted().map(\.label),
            tokens: try tokens.map {
                AccountPage.TokenLine(
                    id: try $0.requireID(), name: $0.name, prefix: $0.prefix,
                    created: DisplayFormat.dateTime($0.createdAt),
                    expires: DisplayFormat.dateTime($0.expiresAt),
                    lastUsed: $0.lastUsedAt.map(DisplayFormat.dateTime) ?? "Never")
            },
            newToken: newToken, tokenName: name, tokenDays: days, errors: errors.forPage,
            nameError: errors.message(for: "name"), daysError: errors.message(for: "days"))
        page.tokens = page.tokens.flatMap(\.nonEmpty)
        return try await req.view.render("account/show", page)
    }
}

/// Personal API tokens: the same rules from the account page and the `token create` command.
enum ApiTokens {
    static let prefix = "hearth_"

    static func validate(name: String, days: String) -> FieldErrorList {
        var errors = FieldErrorList()
        if name.isEmpty {
            errors.add("name", "Enter a name for the token, so you can tell it apart later")
        } else if name.count > 100 {
            errors.add("name", "Name must be 100 characters or fewer")
        }
        if let value = Int(days) {
            if value < 1 || value > AccountController.maximumTokenDays {
                errors.add("days", "Days until it expires must be between 1 and \(AccountController.maximumTokenDays)")
            }
        } else {
            errors.add("days", "Days until it expires must be a whole number, like 90")
        }
        return errors
    }

    /// Creates a token and returns it: the only time it exists outside the user's hands.
    static func create(
        userId: UUID, name: String, days: Int, on db: any Database, secretKey: String, audit: AuditContext
    ) async throws -> String {
        let token = Secrets.newToken(prefix: prefix)
        let now = Date()
        let record = ApiToken(
            userId: userId, name: name, tokenHash: Secrets.hash(token, key: secretKey),
            prefix: String(token.prefix(prefix.count + 6)),
            createdAt: now, expiresAt: now.addingTimeInterval(TimeInterval(days) * 24 * 60 * 60))
        try await record.create(on: db)
        try await Audit.write(on: db, audit, action: .create, subject: .apiToken(record.id), detail: name)
        return token
    }
}
