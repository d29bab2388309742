import HearthDomain
import SQLKit
import Vapor

struct CaseloadPage: Encodable {
    var layout: Layout
    var lines: [CaseloadQueries.Line]?
}

enum CaseloadController {
    static func show(req: Request) async throws -> View {
        let user = try req.requireUser()
        let lines: [CaseloadQueries.Line] = try await req.transaction { db in
            let lines = try await CaseloadQueries.caseload(of: user.id, on: db.sql)
            try await Audit.record(
                on: db, req, action: .list, subject: AuditSubject(type: "involvement", id: nil),
                detail: "caseload: \(lines.count)")
            return lines
        }
        return try await req.view.render(
            "caseload", CaseloadPage(layout: Layout(req, title: "My caseload"), lines: lines.nonEmpty))
    }
}
