import Vapor

/// Headers on every response: a strict Content Security Policy (no inline script), no framing, no MIME
/// sniffing, HSTS in production, and no caching of anything but static assets.
struct SecurityHeadersMiddleware: AsyncMiddleware {
    let isProduction: Bool

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: req)
        let headers = [
            (
                "Content-Security-Policy",
                "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
            ),
            ("X-Content-Type-Options", "nosniff"),
            ("X-Frame-Options", "DENY"),
            ("Referrer-Policy", "same-origin"),
            ("Cross-Origin-Opener-Policy", "same-origin"),
            ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"),
        ]
        for (name, value) in headers { response.headers.replaceOrAdd(name: name, value: value) }
        // The reference a 500 page gives, so a user's report can be matched to the log.
        response.headers.replaceOrAdd(name: "X-Request-Id", value: req.id)
        if isProduction {
            response.headers.replaceOrAdd(
                name: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains")
        }
        let isAsset =
            req.url.path.hasPrefix("/css/") || req.url.path.hasPrefix("/js/") || req.url.path.hasPrefix("/images/")
        if !isAsset {
            // Pages show records about children: no browser or proxy may keep a copy.
            response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        }
        return response
    }
}
