import Fluent
import Foundation
import HearthDomain
import SQLKit
import Vapor

/// The one way to reach a person's record. It loads the record and the facts about it, asks the policy,
/// writes the audit event in the same transaction, and only then hands the record back. A refusal is
/// audited too, and answers 404 so a record's existence does not leak.
enum PersonAccess {
    struct Granted: Sendable {
        var person: Person
        var facts: PersonAccessFacts
        var role: Role
    }

    /// Thrown when the user could see the record by breaking the glass.
    /// Outside the pages that offer break-glass (the API, for one) it is an ordinary 404.
    struct RestrictedRecord: AbortError {
        var personId: UUID
        var status: HTTPResponseStatus { .notFound }
    }

    static let policy = PersonAccessPolicy()

    private enum Outcome<T: Sendable>: Sendable {
        case granted(T)
        case denied(canBreakGlass: Bool)
    }

    /// Loads the person for `action`, writing `auditAction` (view by default) in the same transaction.
    /// `work`, if given, runs inside that transaction after the check: an update and its audit event
    /// commit together.
    static func load<T: Sendable>(
        _ id: UUID, for action: RecordAction, audit auditAction: AuditAction = .view, _ req: Request,
        detail: String? = nil,
        work: @escaping @Sendable (Granted, any Database) async throws -> T
    ) async throws -> T {
        let user = try req.requireUser()
        let outcome: Outcome<T> = try await req.transaction { db in
            guard let person = try await Person.find(id, on: db) else {
                try await Audit.record(
                    on: db, req, action: auditAction, subject: .person(id), outcome: .denied, detail: "not found")
                return .denied(canBreakGlass: false)
            }
            let facts = try await loadFacts(personId: id, on: db.sql)
            switch policy.decide(user.actor, action, facts) {
            case .allowed(let role):
                try await Audit.record(
                    on: db, req, action: auditAction, subject: .person(id), role: role, detail: detail)
                return .granted(try await work(Granted(person: person, facts: facts, role: role), db))
            case .denied(let canBreakGlass):
                try await Audit.record(on: db, req, action: auditAction, subject: .person(id), outcome: .denied)
                return .denied(canBreakGlass: canBreakGlass)
            }
        }
        switch outcome {
        case .granted(let value): return value
        case .denied(canBreakGlass: true): throw RestrictedRecord(personId: id)
        case .denied(canBreakGlass: false): throw Abort(.notFound)
        }
    }

    static func load(_ id: UUID, for action: RecordAction, _ req: Request) async throws -> Granted {
        try await load(id, for: action, req) { granted, _ in granted }
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
