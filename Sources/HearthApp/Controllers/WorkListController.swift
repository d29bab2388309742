import HearthDomain
import SQLKit
import Vapor

struct WorkListJSON: Content {
    struct Item: Content {
        var kind: String
        var title: String
        var dueBy: String
        var state: String
        var link: String
        var person: String?
        var worker: String?
        /// True for a piece of work's prompt when nobody is allocated to the work.
        var isUnallocated: Bool
    }

    struct Counts: Content {
        var overdue: Int
        var dueSoon: Int
        var later: Int
    }

    var items: [Item]
    var counts: Counts
}

struct WorkListPage: Encodable {
    struct Line: Encodable {
        var title: String
        var kind: String
        var due: String
        var state: String
        var stateLabel: String
        var link: String
        var person: String?
        var worker: String?
    }

    var layout: Layout
    var heading: String
    var isTeam: Bool
    var canSeeTeam: Bool
    var lines: [Line]?
    var counts: WorkListJSON.Counts
}

/// Each user's work list, and the team view for managers: prompts sorted by when they are due.
enum WorkListController {
    static let kindLabels: [WorkPrompt.Kind: String] = [
        .assessment: "Assessment", .signOff: "Sign-off", .concernDecision: "Concern decision",
        .planReview: "Plan review", .planAction: "Plan action", .challenge: "Challenge", .supervision: "Supervision",
        .progressReview: "Apprenticeship review", .incidentRecord: "Incident record",
        .incidentReview: "Manager’s review",
        .childDebrief: "Talk with the child", .returnInterview: "Return home interview",
        .placementPlanReview: "Placement plan review",
    ]

    /// Reads the prompts and audits the reading in one transaction.
    static func load(_ req: Request, team: Bool) async throws -> WorkListJSON {
        let user = try req.requireUser()
        let actor = user.actor
        if team, actor.managerRole == nil || actor.managedTeamIds.isEmpty {
            throw Abort(.forbidden, reason: "The team view is for managers of a team.")
        }
        let now = Date()
        let timescales = req.settings.timescales
        return try await req.read { db in
            let prompts = try await WorkListQueries.prompts(
                for: actor, scope: team ? .teams(actor.managedTeamIds) : .mine(user.id), timescales: timescales,
                on: db.sql)
            let workers = try await UserNames.lookup(Set(prompts.compactMap(\.workerId)), on: db.sql)
            try await Audit.record(
                on: db, req, action: .list, subject: AuditSubject(type: "work-list", id: nil),
                detail: "\(team ? "team" : "own") work list: \(prompts.count)")
            let clock = DueClock(now: now)
            let items = prompts.map { prompt in
                WorkListJSON.Item(
                    kind: prompt.kind.rawValue, title: prompt.title, dueBy: DisplayFormat.iso8601(prompt.due),
                    state: clock.state(of: prompt.due).rawValue, link: prompt.link, person: prompt.personName,
                    worker: prompt.workerId.flatMap { workers[$0] },
                    isUnallocated: prompt.involvementId != nil && prompt.workerId == nil)
            }
            return WorkListJSON(items: items, counts: counts(items))
        }
    }

    static func counts(_ items: [WorkListJSON.Item]) -> WorkListJSON.Counts {
        WorkListJSON.Counts(
            overdue: items.filter { $0.state == DueState.overdue.rawValue }.count,
            dueSoon: items.filter { $0.state == DueState.dueSoon.rawValue }.count,
            later: items.filter { $0.state == DueState.later.rawValue }.count)
    }

    static func mine(req: Request) async throws -> Response { try await page(req, team: false) }
    static func team(req: Request) async throws -> Response { try await page(req, team: true) }

    static func page(_ req: Request, team: Bool) async throws -> Response {
        let list = try await load(req, team: team)
        let actor = try req.requireUser().actor
        let heading = team ? "Team work list" : "My work list"
        let lines = list.items.map { item in
            WorkListPage.Line(
                title: item.title, kind: WorkPrompt.Kind(rawValue: item.kind).flatMap { kindLabels[$0] } ?? item.kind,
                due: ISO8601DateFormatter().date(from: item.dueBy).map(DisplayFormat.due) ?? item.dueBy,
                state: item.state, stateLabel: DueState(rawValue: item.state)?.label ?? "", link: item.link,
                person: item.person, worker: item.worker ?? (item.isUnallocated ? "Not allocated" : nil))
        }
        return try await req.page(
            "work-list",
            WorkListPage(
                layout: Layout(req, title: heading), heading: heading, isTeam: team,
                canSeeTeam: actor.managerRole != nil && !actor.managedTeamIds.isEmpty, lines: lines.nonEmpty,
                counts: list.counts))
    }

    static func api(req: Request) async throws -> WorkListJSON {
        try await load(req, team: (try? req.query.get(Bool.self, at: "team")) ?? false)
    }
}
