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
            let clock = DueClock(now: now)
            let states = prompts.map { clock.state(of: $0.due) }
            var perWork: [UUID: (prompts: Int, overdue: Int)] = [:]
            for (prompt, state) in zip(prompts, states) {
                guard let work = prompt.involvementId else { continue }
                perWork[work, default: (0, 0)].prompts += 1
                if state == .overdue { perWork[work, default: (0, 0)].overdue += 1 }
            }
            for index in lines.indices {
                let tally = perWork[lines[index].involvementId] ?? (0, 0)
                lines[index].setPrompts(tally.prompts, overdue: tally.overdue)
            }
            try await Audit.record(
                on: db, req, action: .list, subject: AuditSubject(type: "involvement", id: nil),
                detail: "caseload: \(lines.count)")
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
