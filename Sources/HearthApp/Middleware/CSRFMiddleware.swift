import Vapor

/// Refuses any state-changing browser request that does not carry the form's CSRF token.
///
/// Signed-in users' tokens live in their session row. Before sign-in (the sign-in and set-password forms)
/// a double-submit cookie stands in. The API is exempt: it accepts only bearer tokens, which a forged
/// cross-site request cannot carry.
struct CSRFMiddleware: AsyncMiddleware {
    static let cookieName = "__Host-hearth-csrf"
    static let fieldName = "_csrf"

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let safe: [HTTPMethod] = [.GET, .HEAD, .OPTIONS]
        if safe.contains(req.method) || req.url.path.hasPrefix("/api/") {
            return try await issueAnonymousToken(req, next)
        }
        if req.currentUser == nil, req.storage[SessionAuthenticator.EndedKey.self] == true {
            return req.redirect(to: "/sign-in?timeout=1")
        }
        let expected = req.currentUser?.csrfToken ?? req.cookies[Self.cookieName]?.string
        _ = try await req.body.collect(max: 1 << 20).get()
        let provided =
            req.headers.first(name: "X-CSRF-Token") ?? (try? req.content.get(String.self, at: Self.fieldName))
        guard let expected, !expected.isEmpty, let provided, Secrets.constantTimeEquals(expected, provided) else {
            throw Abort(
                .forbidden,
                reason: "The form had expired or did not come from Hearth. Go back, reload the page and try again.")
        }
        return try await next.respond(to: req)
    }

    /// Gives a signed-out visitor a CSRF cookie the first time they load a page, for the sign-in form.
    private func issueAnonymousToken(_ req: Request, _ next: any AsyncResponder) async throws -> Response {
        guard req.currentUser == nil, !req.url.path.hasPrefix("/api/") else { return try await next.respond(to: req) }
        let token = req.cookies[Self.cookieName]?.string ?? Secrets.newToken()
        req.storage[AnonymousTokenKey.self] = token
        let response = try await next.respond(to: req)
        if req.cookies[Self.cookieName]?.string == nil {
            response.cookies[Self.cookieName] = HTTPCookies.Value(
                string: token, path: "/", isSecure: true, isHTTPOnly: true, sameSite: .strict)
        }
        return response
    }

    struct AnonymousTokenKey: StorageKey { typealias Value = String }
}

extension Request {
    /// The CSRF token forms on this page must carry.
    var csrfToken: String {
        currentUser?.csrfToken ?? storage[CSRFMiddleware.AnonymousTokenKey.self] ?? cookies[CSRFMiddleware.cookieName]?
            .string ?? ""
    }
}
