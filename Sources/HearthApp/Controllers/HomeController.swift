import HearthDomain
import SQLKit
import Vapor

struct HomePage: Encodable {
    var layout: Layout
    var firstName: String
    var roles: [String]
    var canSeePeople: Bool
    var canAudit: Bool
    var canAdminister: Bool
    /// Break-glass access flagged to safeguarding leads.
    var breakGlassEvents: [AuditEventView]?
}

enum HomeController {
    static func show(req: Request) async throws -> View {
        let user = try req.requireUser()
        let actor = user.actor
        var breakGlass: [AuditEventView]?
        if actor.has(.safeguardingLead) {
            breakGlass = try await req.read { db in
                var filter = AuditFilter()
                filter.action = AuditAction.breakGlass.rawValue
                filter.from = Date().addingTimeInterval(-30 * 24 * 60 * 60)
                filter.limit = 50
                let events = try await AuditQueries.events(filter, on: db.sql)
                try await Audit.record(
                    on: db, req, action: .list, subject: AuditSubject(type: "break-glass", id: nil),
                    role: .safeguardingLead, detail: "\(events.count) shown")
                return events.map { AuditEventView($0, for: actor) }.nonEmpty
            }
        }
        let page = HomePage(
            layout: Layout(req, title: "Home"),
            firstName: String(user.displayName.split(separator: " ").first ?? Substring(user.displayName)),
            roles: actor.roles.sorted().map(\.label),
            canSeePeople: actor.practiceRole != nil || actor.has(.safeguardingLead),
            canAudit: AuditTrailPolicy().mayBrowse(actor),
            canAdminister: AdministrationPolicy().mayAdminister(actor),
            breakGlassEvents: breakGlass)
        return try await req.view.render("home", page)
    }
}
