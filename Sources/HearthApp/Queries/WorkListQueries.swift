import Foundation
import HearthDomain
import SQLKit

/// The prompts on someone's work list, read from the records they come from: nothing is stored, so a
/// prompt disappears the moment its work is done and "due soon" is always worked out now.
///
/// One query per kind of prompt, whatever the size of the caseload.
enum WorkListQueries {
    /// Whose work: the user's own allocated work, or every piece of work in the teams they manage.
    enum Scope: Sendable {
        case mine(UUID)
        case teams(Set<UUID>)
    }

    static func prompts(
        for actor: Actor, scope: Scope, timescales: TimescaleBook = TimescaleBook(), on db: any SQLDatabase
    ) async throws -> [WorkPrompt] {
        let involvementCondition: SQLQueryString
        switch scope {
        case .mine(let id): involvementCondition = "i.allocated_user_id = \(bind: id) AND i.ended_on IS NULL"
        case .teams(let teams):
            guard !teams.isEmpty else { return [] }
            involvementCondition = "i.allocated_team_id IN (\(binds: Array(teams))) AND i.ended_on IS NULL"
        }
        var prompts: [WorkPrompt] = []

        // Assessments in progress: draft or returned.
        for row in try await db.raw(
            """
            SELECT a.id, a.status, a.due_on, a.person_id, i.id AS involvement_id, i.allocated_user_id
            FROM assessments a JOIN involvements i ON i.id = a.involvement_id
            WHERE a.status IN ('draft', 'returned') AND \(involvementCondition)
            """
        ).all() {
            let returned = try row.decode(column: "status", as: String.self) == AssessmentStatus.returned.rawValue
            prompts.append(
                WorkPrompt(
                    kind: .assessment,
                    title: returned ? "Make the changes the manager asked for" : "Complete the assessment",
                    due: dayEnd(try row.decode(column: "due_on", as: String.self)),
                    link: "/assessments/\(try row.decode(column: "id", as: UUID.self).uuidString.lowercased())",
                    personName: nil, workerId: try row.decode(column: "allocated_user_id", as: UUID?.self),
                    involvementId: try row.decode(column: "involvement_id", as: UUID.self)))
        }

        // Sign-offs: submitted assessments in the teams the user manages, never their own.
        let managed = actor.managerRole == nil ? [] : actor.managedTeamIds
        if !managed.isEmpty {
            for row in try await db.raw(
                """
                SELECT a.id, a.due_on, a.created_by, i.id AS involvement_id, i.allocated_user_id
                FROM assessments a JOIN involvements i ON i.id = a.involvement_id
                WHERE a.status = 'submitted' AND i.allocated_team_id IN (\(binds: Array(managed)))
                  AND a.created_by <> \(bind: actor.id)
                """
            ).all() {
                prompts.append(
                    WorkPrompt(
                        kind: .signOff, title: "Sign off the assessment",
                        due: dayEnd(try row.decode(column: "due_on", as: String.self)),
                        link: "/assessments/\(try row.decode(column: "id", as: UUID.self).uuidString.lowercased())",
                        personName: nil, workerId: try row.decode(column: "allocated_user_id", as: UUID?.self),
                        involvementId: try row.decode(column: "involvement_id", as: UUID.self)))
            }
        }

        // Concern decisions, for safeguarding leads.
        if actor.has(.safeguardingLead), case .mine = scope {
            for row in try await db.raw(
                """
                SELECT c.id, c.decision_due_by, p.given_name, p.preferred_name, p.family_name, p.is_restricted
                FROM concerns c JOIN people p ON p.id = c.person_id WHERE c.status <> 'decided'
                """
            ).all() {
                prompts.append(
                    WorkPrompt(
                        kind: .concernDecision, title: "Decide on the safeguarding concern",
                        due: try row.decode(column: "decision_due_by", as: Date.self),
                        link: "/concerns/\(try row.decode(column: "id", as: UUID.self).uuidString.lowercased())",
                        personName: try promptName(row), workerId: nil))
            }
        }

        // Plan reviews coming up or missed.
        for row in try await db.raw(
            """
            SELECT pl.id, pl.next_review_on, i.id AS involvement_id, i.allocated_user_id
            FROM plans pl JOIN involvements i ON i.id = pl.involvement_id
            WHERE pl.status = 'agreed' AND pl.next_review_on IS NOT NULL AND \(involvementCondition)
            """
        ).all() {
            prompts.append(
                WorkPrompt(
                    kind: .planReview, title: "Review the plan with the family",
                    due: dayEnd(try row.decode(column: "next_review_on", as: String.self)),
                    link: "/plans/\(try row.decode(column: "id", as: UUID.self).uuidString.lowercased())",
                    personName: nil, workerId: try row.decode(column: "allocated_user_id", as: UUID?.self),
                    involvementId: try row.decode(column: "involvement_id", as: UUID.self)))
        }

        // Plan actions still to do, on plans in force.
        for row in try await db.raw(
            """
            SELECT a.owner, a.what, a.by_when, pl.id AS plan_id, i.id AS involvement_id, i.allocated_user_id
            FROM plan_actions a JOIN plans pl ON pl.id = a.plan_id JOIN involvements i ON i.id = pl.involvement_id
            WHERE a.status IN ('not-started', 'in-progress') AND pl.status <> 'ended' AND \(involvementCondition)
            """
        ).all() {
            prompts.append(
                WorkPrompt(
                    kind: .planAction,
                    title:
                        "Action for \(try row.decode(column: "owner", as: String.self)): \(ChronologyQueries.excerpt(try row.decode(column: "what", as: String.self), limit: 80))",
                    due: dayEnd(try row.decode(column: "by_when", as: String.self)),
                    link: "/plans/\(try row.decode(column: "plan_id", as: UUID.self).uuidString.lowercased())",
                    personName: nil, workerId: try row.decode(column: "allocated_user_id", as: UUID?.self),
                    involvementId: try row.decode(column: "involvement_id", as: UUID.self)))
        }

        // Challenges: open ones for the team's managers, escalated ones for safeguarding leads.
        var challengeConditions: [SQLQueryString] = []
        if !managed.isEmpty {
            challengeConditions.append(
                "(c.status IN ('open', 'escalated') AND i.allocated_team_id IN (\(binds: Array(managed))))")
        }
        if actor.has(.safeguardingLead), case .mine = scope { challengeConditions.append("c.status = 'escalated'") }
        if !challengeConditions.isEmpty {
            var query: SQLQueryString = """
                SELECT c.id, c.status, c.respond_by, i.id AS involvement_id, i.allocated_user_id
                FROM challenges c JOIN involvements i ON i.id = c.involvement_id WHERE c.raised_by <> \(bind: actor.id) AND (
                """
            for (index, part) in challengeConditions.enumerated() {
                if index > 0 { query += " OR " }
                query += part
            }
            query += ")"
            for row in try await db.raw(query).all() {
                let involvement = try row.decode(column: "involvement_id", as: UUID.self)
                let escalated = try row.decode(column: "status", as: String.self) == "escalated"
                prompts.append(
                    WorkPrompt(
                        kind: .challenge,
                        title: escalated ? "Resolve an escalated challenge" : "Respond to a challenge to a decision",
                        due: try row.decode(column: "respond_by", as: Date.self),
                        link: "/involvements/\(involvement.uuidString.lowercased())/decisions", personName: nil,
                        workerId: try row.decode(column: "allocated_user_id", as: UUID?.self),
                        involvementId: involvement))
            }
        }

        if case .mine(let userId) = scope {
            prompts += try await developmentPrompts(for: userId, on: db)
        }
        prompts += try await residentialPrompts(for: actor, scope: scope, timescales: timescales, on: db)

        // Who each piece of work is with, in one query.
        let involvementIds = Array(Set(prompts.compactMap(\.involvementId)))
        if !involvementIds.isEmpty {
            var names: [UUID: [String]] = [:]
            var restricted: [UUID: Int] = [:]
            for row in try await db.raw(
                """
                SELECT s.involvement_id, p.given_name, p.preferred_name, p.family_name, p.is_restricted
                FROM involvement_subjects s JOIN people p ON p.id = s.person_id
                WHERE s.involvement_id IN (\(binds: involvementIds)) ORDER BY p.family_name, p.given_name
                """
            ).all() {
                let involvement = try row.decode(column: "involvement_id", as: UUID.self)
                if try row.decode(column: "is_restricted", as: Bool.self) {
                    restricted[involvement, default: 0] += 1
                } else {
                    names[involvement, default: []].append(try promptName(row))
                }
            }
            for index in prompts.indices {
                if let id = prompts[index].involvementId, prompts[index].personName == nil {
                    // Restricted people are counted, not listed one "Restricted record" after another.
                    let hidden = restricted[id].map { $0 == 1 ? "Restricted record" : "\($0) restricted records" }
                    let everyone = (names[id] ?? []) + [hidden].compactMap { $0 }
                    prompts[index].personName = everyone.isEmpty ? nil : listed(everyone)
                }
                // An action's words can identify a restricted record's family: say only that one is due.
                if let id = prompts[index].involvementId, restricted[id] != nil, prompts[index].kind == .planAction {
                    prompts[index].title = "An action on a restricted record"
                }
            }
        }
        return WorkPrompt.sorted(prompts)
    }

    /// Supervision due (monthly by default) for the supervisor and the supervisee, and apprenticeship
    /// progress reviews due (every three months) for the apprentice and their tutor: two queries.
    static func developmentPrompts(for userId: UUID, on db: any SQLDatabase) async throws -> [WorkPrompt] {
        var prompts: [WorkPrompt] = []
        for row in try await db.raw(
            """
            SELECT a.supervisee_id, a.supervisor_id, a.every_months, u.display_name, MAX(s.held_on) AS last_held
            FROM supervision_arrangements a JOIN users u ON u.id = a.supervisee_id
            LEFT JOIN supervisions s ON s.supervisee_id = a.supervisee_id
            WHERE a.supervisor_id = \(bind: userId) OR a.supervisee_id = \(bind: userId)
            GROUP BY a.supervisee_id, a.supervisor_id, a.every_months, u.display_name
            """
        ).all() {
            let supervisee = try row.decode(column: "supervisee_id", as: UUID.self)
            let months = try row.decode(column: "every_months", as: Int.self)
            let due =
                try row.decode(column: "last_held", as: String?.self).flatMap(CalendarDate.init(iso:))?.adding(
                    months: months) ?? LondonTime.calendarDate(of: Date())
            let mine = supervisee == userId
            prompts.append(
                WorkPrompt(
                    kind: .supervision,
                    title: mine
                        ? "Your supervision"
                        : "Supervise \(try row.decode(column: "display_name", as: String.self))",
                    due: LondonTime.endOfDay(due),
                    link: mine ? "/supervision" : "/supervision/new?supervisee=\(supervisee.uuidString.lowercased())",
                    personName: nil, workerId: nil))
        }
        for row in try await db.raw(
            """
            SELECT a.id, a.started_on, a.apprentice_id, u.display_name, MAX(r.held_on) AS last_held
            FROM apprenticeships a JOIN users u ON u.id = a.apprentice_id
            LEFT JOIN progress_reviews r ON r.apprenticeship_id = a.id
            WHERE (a.apprentice_id = \(bind: userId) OR a.tutor_id = \(bind: userId)) AND a.gateway_on IS NULL
            GROUP BY a.id, a.started_on, a.apprentice_id, u.display_name
            """
        ).all() {
            guard let start = CalendarDate(iso: try row.decode(column: "started_on", as: String.self)) else { continue }
            let held = try row.decode(column: "last_held", as: String?.self).flatMap(CalendarDate.init(iso:))
            let due = ProgressReviewSchedule().nextDue(start: start, reviewsHeld: [held].compactMap { $0 })
            let mine = try row.decode(column: "apprentice_id", as: UUID.self) == userId
            prompts.append(
                WorkPrompt(
                    kind: .progressReview,
                    title: mine
                        ? "Your apprenticeship progress review"
                        : "Progress review with \(try row.decode(column: "display_name", as: String.self))",
                    due: LondonTime.endOfDay(due),
                    link: "/apprenticeships/\(try row.decode(column: "id", as: UUID.self).uuidString.lowercased())",
                    personName: nil, workerId: nil))
        }
        return prompts
    }

    /// Each query starts from the homes (a handful), so its cost does not grow with a council's other
    /// records: `CROSS JOIN` keeps SQLite from starting anywhere else.
    ///
    /// Regulation 35 and return home interview prompts for a home's staff (their team) and its managers:
    /// a measure's record due within 24 hours; the manager's review within 48 hours and conversation with
    /// the child within 5 days; the return home interview within 72 hours of return; the placement plan's
    /// review, for its key worker (or, with none, the home's managers). Three queries.
    static func residentialPrompts(
        for actor: Actor, scope: Scope, timescales book: TimescaleBook, on db: any SQLDatabase
    ) async throws -> [WorkPrompt] {
        let teams: Set<UUID>
        switch scope {
        case .mine: teams = actor.teamIds
        case .teams(let managed): teams = managed
        }
        guard !teams.isEmpty else { return [] }
        let managed = actor.managerRole == nil ? Set<UUID>() : actor.managedTeamIds
        var prompts: [WorkPrompt] = []
        for row in try await db.raw(
            """
            SELECT i.id, i.person_id, i.occurred_at, i.measure_description, i.record_completed_at,
              i.manager_spoke_to_staff_at, i.child_spoken_to_at, h.team_id, p.given_name, p.preferred_name, p.family_name,
              p.is_restricted
            FROM homes h CROSS JOIN incidents i JOIN people p ON p.id = i.person_id
            WHERE i.home_id = h.id AND h.team_id IN (\(binds: Array(teams))) AND i.measure_description IS NOT NULL
              AND (i.record_completed_at IS NULL OR i.manager_spoke_to_staff_at IS NULL OR i.child_spoken_to_at IS NULL)
            """
        ).all() {
            let occurred = try row.decode(column: "occurred_at", as: Date.self)
            let name = try promptName(row)
            let link = "/incidents/\(try row.decode(column: "id", as: UUID.self).uuidString.lowercased())"
            let managesHome = managed.contains(try row.decode(column: "team_id", as: UUID.self))
            if try row.decode(column: "record_completed_at", as: Date?.self) == nil {
                prompts.append(
                    WorkPrompt(
                        kind: .incidentRecord, title: "Complete the record of a physical intervention",
                        due: book[TimescaleDefaults.restraintRecord].dueMoment(from: occurred), link: link,
                        personName: name, workerId: nil))
            }
            if managesHome, try row.decode(column: "manager_spoke_to_staff_at", as: Date?.self) == nil {
                prompts.append(
                    WorkPrompt(
                        kind: .incidentReview, title: "Speak to the staff involved and sign the record",
                        due: book[TimescaleDefaults.restraintManagerSpokeToStaff].dueMoment(from: occurred), link: link,
                        personName: name, workerId: nil))
            }
            if managesHome, try row.decode(column: "child_spoken_to_at", as: Date?.self) == nil {
                prompts.append(
                    WorkPrompt(
                        kind: .childDebrief, title: "Speak to the child about the intervention",
                        due: book[TimescaleDefaults.restraintManagerSpokeToChild].dueMoment(from: occurred), link: link,
                        personName: name, workerId: nil))
            }
        }
        for row in try await db.raw(
            """
            SELECT m.id, m.person_id, m.returned_at, p.given_name, p.preferred_name, p.family_name, p.is_restricted
            FROM homes h CROSS JOIN missing_episodes m JOIN people p ON p.id = m.person_id
            WHERE m.home_id = h.id AND h.team_id IN (\(binds: Array(teams))) AND m.returned_at IS NOT NULL
              AND m.interview_offered_at IS NULL
            """
        ).all() {
            prompts.append(
                WorkPrompt(
                    kind: .returnInterview, title: "Offer the return home interview",
                    due: book[TimescaleDefaults.returnHomeInterview].dueMoment(
                        from: try row.decode(column: "returned_at", as: Date.self)),
                    link: "/missing-episodes/\(try row.decode(column: "id", as: UUID.self).uuidString.lowercased())",
                    personName: try promptName(row),
                    workerId: nil))
        }
        for row in try await db.raw(
            """
            SELECT pp.person_id, pp.review_due_on, pp.key_worker_id, h.team_id, p.given_name, p.preferred_name,
              p.family_name, p.is_restricted
            FROM homes h CROSS JOIN placements pl JOIN placement_plans pp ON pp.placement_id = pl.id
            JOIN people p ON p.id = pp.person_id
            WHERE pl.home_id = h.id AND pl.ended_on IS NULL AND h.team_id IN (\(binds: Array(teams)))
            """
        ).all() {
            let keyWorker = try row.decode(column: "key_worker_id", as: UUID?.self)
            let homeTeam = try row.decode(column: "team_id", as: UUID.self)
            let mine: Bool
            switch scope {
            case .mine: mine = keyWorker == actor.id || (keyWorker == nil && managed.contains(homeTeam))
            case .teams: mine = true
            }
            guard mine else { continue }
            let person = try row.decode(column: "person_id", as: UUID.self)
            prompts.append(
                WorkPrompt(
                    kind: .placementPlanReview, title: "Review the placement plan",
                    due: dayEnd(try row.decode(column: "review_due_on", as: String.self)),
                    link: "/people/\(person.uuidString.lowercased())/placement-plan",
                    personName: try promptName(row),
                    workerId: keyWorker))
        }
        return prompts
    }

    /// How a prompt names the child or family it is about. Lists never show a restricted record's name,
    /// whoever reads them: the record itself says who may see it (the row must carry `given_name`,
    /// `preferred_name`, `family_name` and `is_restricted`).
    static func promptName(_ row: any SQLRow) throws -> String {
        if try row.decode(column: "is_restricted", as: Bool.self) { return "Restricted record" }
        let given =
            try row.decode(column: "preferred_name", as: String?.self)
            ?? row.decode(column: "given_name", as: String.self)
        return "\(given) \(try row.decode(column: "family_name", as: String.self))"
    }

    /// The end of a stored day in London: a thing due "by" a date is due by the end of it.
    static func dayEnd(_ day: String) -> Date {
        CalendarDate(iso: day).map(LondonTime.endOfDay) ?? Date.distantFuture
    }
}
