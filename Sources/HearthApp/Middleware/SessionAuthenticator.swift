import Vapor

/// Signs in the browser's session, if it has a live one. Pages that need a user ask for one through
/// `RequireSignedIn`; this only finds out who is there.
struct SessionAuthenticator: AsyncMiddleware {
    struct EndedKey: StorageKey { typealias Value = Bool }

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard !req.url.path.hasPrefix("/api/"), let token = req.cookies[SessionStore.cookieName]?.string,
            !token.isEmpty
        else {
            return try await next.respond(to: req)
        }
        switch try await SessionStore.resume(token: token, req) {
        case .active(let user):
            req.auth.login(user)
            return try await next.respond(to: req)
        case .ended:
            req.storage[EndedKey.self] = true
            let response = try await next.respond(to: req)
            response.cookies[SessionStore.cookieName] = SessionStore.expiredCookie
            return response
        }
    }
}

/// Sends visitors without a live session to sign in, saying so when their session timed out.
struct RequireSignedIn: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard req.currentUser == nil else { return try await next.respond(to: req) }
        let ended = req.storage[SessionAuthenticator.EndedKey.self] == true
        return req.redirect(to: ended ? "/sign-in?timeout=1" : "/sign-in")
    }
}
