import Fluent
import Foundation
import HearthDomain
import SQLKit
import Vapor

/// The one way to reach a person's record, through `RecordGate`: load, ask the policy, audit, then work.
enum PersonAccess {
    struct Granted: Sendable {
        var person: Person
        var facts: PersonAccessFacts
        var role: Role
    }

    typealias RestrictedRecord = RecordGate.RestrictedRecord

    static let policy = PersonAccessPolicy()

    /// Loads the person for `action`, writing `auditAction` (view by default) in the same transaction.
    /// `work` runs inside that transaction after the check: an update and its audit event commit
    /// together.
    static func load<T: Sendable>(
        _ id: UUID, for action: RecordAction, audit auditAction: AuditAction = .view, _ req: Request,
        auditSubject: AuditSubject? = nil, detail: String? = nil,
        work: @escaping @Sendable (Granted, any Database) async throws -> T
    ) async throws -> T {
        let actor = try req.requireUser().actor
        return try await RecordGate.pass(
            req, subject: auditSubject ?? .person(id), audit: auditAction, detail: detail, breakGlassPersonId: id,
            check: { db in
                guard let person = try await Person.find(id, on: db), person.mergedIntoId == nil else {
                    return .missing
                }
                let facts = try await loadFacts(personId: id, on: db.sql)
                switch policy.decide(actor, action, facts) {
                case .allowed(let role): return .allowed(Granted(person: person, facts: facts, role: role), role: role)
                case .denied(let canBreakGlass): return .denied(canBreakGlass: canBreakGlass)
                }
            },
            work: { granted, _, db in try await work(granted, db) })
    }

    static func load(_ id: UUID, for action: RecordAction, _ req: Request) async throws -> Granted {
        try await load(id, for: action, req) { granted, _ in granted }
    }

    /// The role through which the user may do `action` to every one of `ids` (the first one's), or nil
    /// if any refuses: a recording or a piece of work is open only to those allowed on all its people.
    static func roleForAll(_ action: RecordAction, _ ids: [UUID], actor: Actor, on db: any SQLDatabase) async throws
        -> Role?
    {
        var role: Role?
        for id in ids {
            guard case .allowed(let granted) = policy.decide(actor, action, try await loadFacts(personId: id, on: db))
            else {
                return nil
            }
            role = role ?? granted
        }
        return role
    }

    /// Which of `ids` the user may do `action` to: for the extra people a recording or a piece of work
    /// is also about, so that naming someone never reaches a record the user could not otherwise change.
    static func permitted(_ action: RecordAction, _ ids: [UUID], actor: Actor, on db: any SQLDatabase) async throws
        -> Set<UUID>
    {
        var allowed = Set<UUID>()
        for id in Set(ids) where policy.decide(actor, action, try await loadFacts(personId: id, on: db)).isAllowed {
            allowed.insert(id)
        }
        return allowed
    }

    /// Asks the policy without auditing: for deciding what to offer on a page already audited.
    static func decide(_ action: RecordAction, _ facts: PersonAccessFacts, _ req: Request) -> AccessDecision {
        guard let user = req.currentUser else { return .denied(canBreakGlass: false) }
        return policy.decide(user.actor, action, facts)
    }

    /// Everything the policy needs about one person, in one query.
    static func loadFacts(personId: UUID, on db: any SQLDatabase) async throws -> PersonAccessFacts {
        let now = Date()
        // The person row comes first: PostgreSQL types each UNION column from the earliest branch
        // that is not a bare NULL, and the flag column is boolean only there.
        let rows = try await db.raw(
            """
            SELECT 'person' AS kind, NULL AS user_id, NULL AS team_id, is_restricted AS flag FROM people
              WHERE id = \(bind: personId)
            UNION ALL
            SELECT 'allocation', user_id, team_id, NULL FROM allocations
              WHERE person_id = \(bind: personId) AND (ends_on IS NULL OR ends_on > \(bind: now))
            UNION ALL
            SELECT 'named', user_id, NULL, NULL FROM person_named_users WHERE person_id = \(bind: personId)
            UNION ALL
            SELECT 'grant', user_id, NULL, NULL FROM access_grants
              WHERE person_id = \(bind: personId) AND expires_at > \(bind: now)
            """
        ).all()
        var facts = PersonAccessFacts()
        for row in rows {
            let userId = try row.decode(column: "user_id", as: UUID?.self)
            switch try row.decode(column: "kind", as: String.self) {
            case "allocation":
                if let userId { facts.allocatedUserIds.insert(userId) }
                if let teamId = try row.decode(column: "team_id", as: UUID?.self) {
                    facts.allocatedTeamIds.insert(teamId)
                }
            case "named": if let userId { facts.namedUserIds.insert(userId) }
            case "grant": if let userId { facts.breakGlassUserIds.insert(userId) }
            default: facts.isRestricted = try row.decode(column: "flag", as: Bool?.self) ?? false
            }
        }
        return facts
    }
}
