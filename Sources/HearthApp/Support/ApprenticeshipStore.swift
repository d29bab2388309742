import Fluent
import Foundation
import HearthDomain
import SQLKit
import Vapor

/// The one way to an apprenticeship: load it, work out how the user stands to it, ask the policy, audit,
/// then do the work, in one transaction. Anyone else gets 404.
enum ApprenticeshipAccess {
    struct Granted: Sendable {
        var apprenticeship: Apprenticeship
        var relation: ApprenticeshipRelation
        var actor: Actor
    }

    static func load<T: Sendable>(
        _ req: Request, id: UUID, audit: AuditAction = .view, detail: String? = nil,
        allowed: @escaping @Sendable (ApprenticeshipRelation) -> Bool = { $0 != .none },
        work: @escaping @Sendable (Granted, any Database) async throws -> T
    ) async throws -> T {
        let actor = try req.requireUser().actor
        return try await RecordGate.pass(
            req, subject: AuditSubject(type: "apprenticeship", id: id.uuidString.lowercased()), audit: audit,
            detail: detail,
            check: { db -> RecordGate.Verdict<Granted> in
                guard let apprenticeship = try await Apprenticeship.find(id, on: db) else { return .missing }
                let relation = try await relation(actor, to: apprenticeship, on: db)
                guard allowed(relation) else { return .denied(canBreakGlass: false) }
                let role: Role =
                    switch relation {
                    case .apprentice: actor.practiceRole ?? .apprentice
                    case .tutor: .tutorAssessor
                    case .lineManager, .none: actor.managerRole ?? .teamManager
                    }
                return .allowed(Granted(apprenticeship: apprenticeship, relation: relation, actor: actor), role: role)
            },
            work: { granted, _, db in try await work(granted, db) })
    }

    static func relation(_ actor: Actor, to apprenticeship: Apprenticeship, on db: any Database) async throws
        -> ApprenticeshipRelation
    {
        let teams = try await TeamMember.query(on: db).filter(\.$user.$id == apprenticeship.apprenticeId).all()
            .map(\.$team.id)
        return ApprenticeshipPolicy().relation(
            of: actor, apprenticeId: apprenticeship.apprenticeId, tutorId: apprenticeship.tutorId,
            apprenticeTeamIds: Set(teams))
    }

    /// Apprenticeships the user may see: their own, those they tutor, and those of their teams' apprentices.
    static func visible(to actor: Actor, on db: any SQLDatabase) async throws -> [UUID] {
        // The same rule as ApprenticeshipPolicy.relation: a tutor only while they hold the tutor role.
        var query: SQLQueryString = "SELECT a.id FROM apprenticeships a WHERE a.apprentice_id = \(bind: actor.id)"
        if actor.has(.tutorAssessor) { query += " OR a.tutor_id = \(bind: actor.id)" }
        if actor.managerRole != nil, !actor.managedTeamIds.isEmpty {
            query += """
                 OR a.apprentice_id IN (SELECT user_id FROM team_memberships WHERE team_id IN (\(binds: Array(actor.managedTeamIds))))
                """
        }
        return try await db.raw(query).all().map { try $0.decode(column: "id", as: UUID.self) }
    }
}

/// What an apprenticeship page and its API show, worked out from the records when asked.
struct ApprenticeshipSummary: Content {
    struct OffTheJob: Content {
        var requiredHours: Int
        /// The training plan's planned hours, when recorded.
        var plannedHours: Int?
        var basis: String
        var loggedHours: Double
        var countedHours: Double
        var expectedByNow: Double
        var onTrack: Bool
        var message: String
    }

    struct Coverage: Content {
        var code: String
        var kind: String
        var option: String?
        var text: String
        /// "none", "claimed" (linked to evidence not yet shared), "evidenced" (shared), "confirmed".
        var state: String
    }

    var id: UUID
    var apprenticeId: UUID
    var apprentice: String
    var option: String
    var standard: String
    var startedOn: String
    var plannedGatewayOn: String
    var plannedEndOn: String
    var gatewayOn: String?
    var employer: String
    var trainingProvider: String
    var mentor: String?
    var tutor: String?
    var weeklyHours: Double
    var englishStatus: String
    var mathsStatus: String
    var qualification: String
    var qualificationStatus: String
    /// The certificate's last four digits: enough to match it against the paper one, while the whole
    /// number stays in the record for those who entered it (`GatewayReadiness.certificateEnding`).
    var dbsCertificateEnding: String?
    var dbsIssuedOn: String?
    var dbsBarredList: Bool
    var dbsUpdateService: Bool
    var offTheJob: OffTheJob?
    var nextReviewDue: String
    var reviews: [Review]
    var breaks: [Break]
    var observations: [Observation]
    var coverage: [Coverage]
    var gateway: [GatewayCheck]
    var version: Int

    struct Review: Content {
        var id: UUID
        var heldOn: String
        var summary: String
        var apprenticeSignedAt: String?
        var employerSignedBy: String?
        var employerSignedAt: String?
        var tutorSignedAt: String?
    }

    struct Break: Content {
        var fromOn: String
        var toOn: String?
        var reason: String
    }

    struct Observation: Content {
        var plannedOn: String
        var setting: String
        var consentBy: String?
        var consentHow: String?
        var consentOn: String?
    }
}

enum ApprenticeshipStore {
    static func summary(_ a: Apprenticeship, on db: any Database) async throws -> ApprenticeshipSummary {
        let id = try a.requireID()
        let start = CalendarDate(iso: a.startedOn) ?? LondonTime.calendarDate(of: a.createdAt)
        let today = LondonTime.calendarDate(of: Date())
        let entries = try await OffTheJobLogEntry.query(on: db).filter(\.$apprenticeshipId == id).all()
        let reviews = try await ProgressReview.query(on: db).filter(\.$apprenticeshipId == id).all()
        let names = try await UserNames.lookup(Set([a.apprenticeId] + [a.tutorId].compactMap { $0 }), on: db.sql)
        let standard = try await db.sql.raw("SELECT reference, title FROM standards WHERE id = \(bind: a.standardId)")
            .first()
        let items = try await StandardStore.items(standardId: a.standardId, on: db.sql).filter {
            $0.option == nil || $0.option == a.option
        }
        let claims = try await db.sql.raw(
            """
            SELECT i.code, i.confirmed_at, e.shared_at FROM evidence_items i JOIN evidence e ON e.id = i.evidence_id
            WHERE e.apprenticeship_id = \(bind: id)
            """
        ).all()
        var states: [String: Int] = [:]  // 1 claimed, 2 evidenced, 3 confirmed: the best state wins.
        for row in claims {
            let code = try row.decode(column: "code", as: String.self)
            let state =
                try row.decode(column: "confirmed_at", as: Date?.self) != nil
                ? 3 : try row.decode(column: "shared_at", as: Date?.self) != nil ? 2 : 1
            states[code] = max(states[code] ?? 0, state)
        }
        let stateNames = ["none", "claimed", "evidenced", "confirmed"]
        let logEntries = entries.compactMap { entry in
            CalendarDate(iso: entry.doneOn).map {
                OffTheJobEntry(
                    date: $0, hours: entry.hours, activity: OffTheJobActivity(rawValue: entry.activity) ?? .other,
                    itemCodes: [])
            }
        }
        let rules = OffTheJobLogRules(start: start, gateway: a.gatewayOn.flatMap(CalendarDate.init(iso:)))
        var offTheJob: ApprenticeshipSummary.OffTheJob?
        if let end = CalendarDate(iso: a.plannedEndOn),
            let requirement = try? OffTheJobRule.requirement(
                start: start, plannedEnd: end, weeklyContractedHours: a.weeklyHours,
                perStandardMinimumHours: a.perStandardMinimumHours)
        {
            let counted = rules.countedHours(logEntries)
            let projection = OffTheJobProgress.project(
                loggedHours: counted, today: today, start: start, plannedEnd: end,
                requiredHours: requirement.minimumHours)
            offTheJob = .init(
                requiredHours: requirement.minimumHours, plannedHours: a.plannedOffTheJobHours,
                basis: requirement.basis,
                loggedHours: entries.map(\.hours).reduce(0, +), countedHours: counted,
                expectedByNow: projection.expectedByNow, onTrack: projection.isOnTrack, message: projection.message)
        }
        let coverage = items.map {
            ApprenticeshipSummary.Coverage(
                code: $0.code, kind: $0.kind, option: $0.option, text: $0.text,
                state: stateNames[states[$0.code] ?? 0])
        }
        let english = EnglishMathsStatus(rawValue: a.englishStatus) ?? .workingTowards
        let maths = EnglishMathsStatus(rawValue: a.mathsStatus) ?? .workingTowards
        let gateway = GatewayReadiness().checks(
            .init(
                start: start, today: today, offTheJobLogged: offTheJob?.countedHours ?? 0,
                offTheJobRequired: offTheJob?.requiredHours ?? 0, english: english, maths: maths,
                qualificationAchieved: a.qualificationStatus == "achieved", qualification: a.qualification,
                dbsCertificate: a.dbsCertificate, dbsIssuedOn: a.dbsIssuedOn.flatMap(CalendarDate.init(iso:)),
                dbsBarredList: a.dbsBarredList, employerConfirmed: a.employerConfirmedOn != nil,
                confirmedItems: coverage.filter { $0.state == "confirmed" }.count, totalItems: coverage.count))
        let held = reviews.compactMap { CalendarDate(iso: $0.heldOn) }
        let breaks = try await LearningBreak.query(on: db).filter(\.$apprenticeshipId == id).sort(\.$fromOn).all()
        let observations = try await ObservationPlan.query(on: db).filter(\.$apprenticeshipId == id)
            .sort(\.$plannedOn).all()
        return ApprenticeshipSummary(
            id: id, apprenticeId: a.apprenticeId, apprentice: names[a.apprenticeId] ?? "",
            option: a.option,
            standard: standard.map { "\((try? $0.decode(column: "reference", as: String.self)) ?? "")" } ?? "",
            startedOn: a.startedOn, plannedGatewayOn: a.plannedGatewayOn, plannedEndOn: a.plannedEndOn,
            gatewayOn: a.gatewayOn, employer: a.employer, trainingProvider: a.trainingProvider, mentor: a.mentor,
            tutor: a.tutorId.flatMap { names[$0] }, weeklyHours: a.weeklyHours, englishStatus: a.englishStatus,
            mathsStatus: a.mathsStatus, qualification: a.qualification, qualificationStatus: a.qualificationStatus,
            dbsCertificateEnding: a.dbsCertificate.map(GatewayReadiness.certificateEnding), dbsIssuedOn: a.dbsIssuedOn,
            dbsBarredList: a.dbsBarredList,
            dbsUpdateService: a.dbsUpdateService, offTheJob: offTheJob,
            nextReviewDue: ProgressReviewSchedule().nextDue(start: start, reviewsHeld: held).iso,
            reviews: try reviews.sorted { $0.heldOn < $1.heldOn }.map {
                .init(
                    id: try $0.requireID(), heldOn: $0.heldOn, summary: $0.summary,
                    apprenticeSignedAt: $0.apprenticeSignedAt.map(DisplayFormat.iso8601),
                    employerSignedBy: $0.employerSignedBy,
                    employerSignedAt: $0.employerSignedAt.map(DisplayFormat.iso8601),
                    tutorSignedAt: $0.tutorSignedAt.map(DisplayFormat.iso8601))
            },
            breaks: breaks.map { .init(fromOn: $0.fromOn, toOn: $0.toOn, reason: $0.reason) },
            observations: observations.map {
                .init(
                    plannedOn: $0.plannedOn, setting: $0.setting, consentBy: $0.consentBy, consentHow: $0.consentHow,
                    consentOn: $0.consentOn)
            },
            coverage: coverage, gateway: gateway, version: a.version)
    }
}
