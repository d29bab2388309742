import Fluent
import Foundation
import HearthDomain
import Vapor

/// The shape every record read or write goes through: load the record and the facts about it, ask a
/// policy, write the audit event, and only then do the work, all in one transaction. A refusal is
/// audited too, and answers 404 so a record's existence does not leak.
///
/// `PersonAccess` and `RecordingAccess` are its two users; a new record type adds a `check`, not a
/// second copy of this sequence.
enum RecordGate {
    enum Verdict<Record: Sendable>: Sendable {
        case allowed(Record, role: Role)
        case denied(canBreakGlass: Bool)
        case missing
    }

    /// Thrown when the user could see the record by breaking the glass. Outside the pages that offer
    /// break-glass (the API, for one) it is an ordinary 404.
    struct RestrictedRecord: AbortError {
        var personId: UUID
        var status: HTTPResponseStatus { .notFound }
    }

    private enum Outcome<T: Sendable>: Sendable {
        case done(T)
        case refused(canBreakGlass: Bool)
    }

    static func pass<Record: Sendable, T: Sendable>(
        _ req: Request, subject: AuditSubject, audit action: AuditAction, detail: String? = nil,
        breakGlassPersonId: UUID? = nil,
        check: @escaping @Sendable (any Database) async throws -> Verdict<Record>,
        work: @escaping @Sendable (Record, Role, any Database) async throws -> T
    ) async throws -> T {
        let outcome: Outcome<T>
        do {
            outcome = try await gate(req, subject: subject, audit: action, detail: detail, check: check, work: work)
        } catch let refusal as any AbortError where refusal.status == .forbidden || refusal.status == .notFound {
            // A narrower rule inside the work (only a manager of the team signs off) refused it. The work's
            // transaction rolled back with its audit row, so the refusal is written on its own.
            try await req.transaction { db in
                try await Audit.record(
                    on: db, req, action: action, subject: subject, outcome: .denied, detail: refusal.reason)
            }
            throw refusal
        }
        switch outcome {
        case .done(let value): return value
        case .refused(canBreakGlass: true) where breakGlassPersonId != nil:
            throw RestrictedRecord(personId: breakGlassPersonId!)
        case .refused: throw Abort(.notFound)
        }
    }

    private static func gate<Record: Sendable, T: Sendable>(
        _ req: Request, subject: AuditSubject, audit action: AuditAction, detail: String?,
        check: @escaping @Sendable (any Database) async throws -> Verdict<Record>,
        work: @escaping @Sendable (Record, Role, any Database) async throws -> T
    ) async throws -> Outcome<T> {
        let body: @Sendable (any Database) async throws -> Outcome<T> = { db in
            switch try await check(db) {
            case .allowed(let record, let role):
                try await Audit.record(on: db, req, action: action, subject: subject, role: role, detail: detail)
                return .done(try await work(record, role, db))
            case .denied(let canBreakGlass):
                try await Audit.record(on: db, req, action: action, subject: subject, outcome: .denied)
                return .refused(canBreakGlass: canBreakGlass)
            case .missing:
                try await Audit.record(
                    on: db, req, action: action, subject: subject, outcome: .denied, detail: "not found")
                return .refused(canBreakGlass: false)
            }
        }
        // A read's work may not write, and on SQLite runs beside other reads (ADR 0010).
        return try await action.isRead ? req.read(body) : req.transaction(body)
    }
}
