import Vapor

/// Turns any error into a safe answer: JSON for the API, a plain page for browsers. Neither shows
/// internals; the detail goes to the log with the request id.
struct ErrorPageMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: req)
        } catch {
            return try await answer(error, req)
        }
    }

    private func answer(_ error: any Error, _ req: Request) async throws -> Response {
        let status: HTTPResponseStatus
        var reason: String?
        switch error {
        case let abort as any AbortError:
            status = abort.status
            // Only our own reasons are meant for people; a 5xx reason may hold internals.
            reason = status.code < 500 ? abort.reason : nil
        default:
            status = .internalServerError
        }
        if status.code >= 500 {
            req.logger.report(error: error)
        }
        if req.url.path.hasPrefix("/api/") {
            let response = Response(status: status)
            if let failed = error as? ValidationFailed {
                try response.content.encode(["errors": failed.errors])
            } else {
                try response.content.encode([
                    "error": status.code >= 500 ? "Something went wrong." : (reason ?? status.reasonPhrase)
                ])
            }
            if status == .unauthorized { response.headers.replaceOrAdd(name: .wwwAuthenticate, value: "Bearer") }
            return response
        }
        let page = ErrorPage(status: status, reason: reason, requestId: req.id, req: req)
        let view = try await req.view.render(page.template, page)
        let response = try await view.encodeResponse(for: req)
        response.status = status
        return response
    }
}

struct ErrorPage: Encodable {
    var layout: Layout
    var title: String
    var message: String?
    var requestId: String
    var template: String

    init(status: HTTPResponseStatus, reason: String?, requestId: String, req: Request) {
        switch status.code {
        case 404:
            title = "Page not found"
            template = "errors/404"
        case 403:
            title = "You cannot do that"
            template = "errors/403"
        case 400..<500:
            title = "There is a problem"
            template = "errors/4xx"
        default:
            title = "Sorry, there is a problem with Hearth"
            template = "errors/500"
        }
        message = reason
        self.requestId = requestId
        layout = Layout(req, title: title)
    }
}
