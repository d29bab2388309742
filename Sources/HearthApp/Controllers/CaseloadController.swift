import HearthDomain
import SQLKit
import Vapor

struct CaseloadPage: Encodable {
    var layout: Layout
    var lines: [CaseloadQueries.Line]?
    var counts: WorkListJSON.Counts
}

enum CaseloadController {
    static func show(req: Request) async throws -> View {
        let user = try req.requireUser()
        let now = Date()
        let (lines, counts): ([CaseloadQueries.Line], WorkListJSON.Counts) = try await req.read { db in
            var lines = try await CaseloadQueries.caseload(of: user.id, on: db.sql)
            // The work list's prompts, counted per piece of work and in total.
            let prompts = try await WorkListQueries.prompts(
                for: user.actor, scope: .mine(user.id), timescales: req.settings.timescales, on: db.sql)
            for index in lines.indices {
                let mine = prompts.filter { $0.involvementId == lines[index].involvementId }
                lines[index].setPrompts(
                    mine.count, overdue: mine.filter { DueState.of($0.due, now: now) == .overdue }.count)
            }
            try await Audit.record(
                on: db, req, action: .list, subject: AuditSubject(type: "involvement", id: nil),
                detail: "caseload: \(lines.count)")
            let states = prompts.map { DueState.of($0.due, now: now) }
            return (
                lines,
                WorkListJSON.Counts(
                    overdue: states.filter { $0 == .overdue }.count, dueSoon: states.filter { $0 == .dueSoon }.count,
                    later: states.filter { $0 == .later }.count)
            )
        }
        return try await req.view.render(
            "caseload",
            CaseloadPage(layout: Layout(req, title: "My caseload"), lines: lines.nonEmpty, counts: counts))
    }
}
