import HearthDomain
import Vapor

/// Guards a group of routes with a policy predicate on the signed-in user. A refusal is audited and
/// answers 403: these areas (administration, the audit trail) are known to exist, so 404 would hide
/// nothing.
struct RequirePolicy: AsyncMiddleware {
    let area: String
    let allows: @Sendable (Actor) -> Bool

    init(_ area: String, _ allows: @escaping @Sendable (Actor) -> Bool) {
        self.area = area
        self.allows = allows
    }

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let user = try req.requireUser()
        guard allows(user.actor) else {
            try await req.transaction { db in
                try await Audit.record(
                    on: db, req, action: .view, subject: AuditSubject(type: area, id: nil), outcome: .denied,
                    detail: req.url.path)
            }
            throw Abort(.forbidden, reason: "Your account does not have access to this part of Hearth.")
        }
        return try await next.respond(to: req)
    }
}
