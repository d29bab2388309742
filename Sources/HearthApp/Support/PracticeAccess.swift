import Fluent
import Foundation
import HearthDomain
import Vapor

/// A record of the practice core that belongs to a piece of work: assessments, safety plans, plans,
/// decisions and challenges.
protocol InvolvementOwned: Model, Sendable where IDValue == UUID {
    var involvementId: UUID { get }
    /// The audit subject type: "assessment", "plan" and so on.
    static var auditType: String { get }
}

extension Assessment: InvolvementOwned { static let auditType = "assessment" }
extension Plan: InvolvementOwned { static let auditType = "plan" }
extension Decision: InvolvementOwned { static let auditType = "decision" }
extension Challenge: InvolvementOwned { static let auditType = "challenge" }

/// Access to anything that belongs to a piece of work is access to the piece of work: every person it is
/// with. One gate for all of them, so a new record type cannot forget the check or the audit.
enum PracticeAccess {
    /// What the work closure gets: the piece of work, the people it is with, and the user.
    struct Context: Sendable {
        var involvement: Involvement
        var subjects: [UUID]
        var actor: Actor
        var role: Role
    }

    /// Reach a piece of work to read it or add to it. `subject` is what the audit event is about: the new
    /// record's id when creating one.
    static func involvement<T: Sendable>(
        _ req: Request, id: UUID, for action: RecordAction, audit: AuditAction, subject: AuditSubject,
        detail: String? = nil,
        work: @escaping @Sendable (Context, any Database) async throws -> T
    ) async throws -> T {
        let actor = try req.requireUser().actor
        return try await RecordGate.pass(
            req, subject: subject, audit: audit, detail: detail,
            check: { db in try await InvolvementController.check(id, for: action, actor: actor, on: db) },
            work: { loaded, role, db in
                try await work(
                    Context(involvement: loaded.involvement, subjects: loaded.subjects, actor: actor, role: role), db)
            })
    }

    /// Reach one record that belongs to a piece of work. The record is read again inside the transaction
    /// the work runs in, so a write sees the row as it is now.
    static func record<R: InvolvementOwned, T: Sendable>(
        _ type: R.Type, _ req: Request, id: UUID, for action: RecordAction, audit: AuditAction = .view,
        detail: String? = nil,
        work: @escaping @Sendable (R, Context, any Database) async throws -> T
    ) async throws -> T {
        let actor = try req.requireUser().actor
        let subject = AuditSubject(type: R.auditType, id: id.uuidString.lowercased())
        return try await RecordGate.pass(
            req, subject: subject, audit: audit, detail: detail,
            check: { db -> RecordGate.Verdict<(R, InvolvementController.Loaded)> in
                guard let record = try await R.find(id, on: db) else { return .missing }
                switch try await InvolvementController.check(record.involvementId, for: action, actor: actor, on: db)
                {
                case .allowed(let loaded, let role): return .allowed((record, loaded), role: role)
                case .denied(let canBreakGlass): return .denied(canBreakGlass: canBreakGlass)
                case .missing: return .missing
                }
            },
            work: { loaded, role, db in
                try await work(
                    loaded.0,
                    Context(involvement: loaded.1.involvement, subjects: loaded.1.subjects, actor: actor, role: role),
                    db)
            })
    }
}

/// Date fields on practice forms: YYYY-MM-DD, checked as a real date.
enum DateField {
    static func parse(
        _ text: String?, field: String, label: String, required: Bool, into errors: inout FieldErrorList
    ) -> CalendarDate? {
        guard let text = text?.trimmed, !text.isEmpty else {
            if required { errors.add(field, "Enter \(label)") }
            return nil
        }
        // Date fields send ISO; a browser that shows them as plain text lets people type the date as the
        // hints write it ("27 November 2026") or as they would on paper ("27/11/2026").
        guard let date = CalendarDate(ukOrISO: text) else {
            errors.add(field, "\(sentence(label)) must be a real date, like \(example)")
            return nil
        }
        return date
    }

    /// The example a message about a date gives, written as the hints write dates.
    static let example = "27 November 2026"

    /// Refuses a day after `today`, for something that has already happened: "The start date must not be
    /// in the future".
    static func notInFuture(
        _ date: CalendarDate?, today: CalendarDate, field: String, label: String, into errors: inout FieldErrorList
    ) {
        if let date, date > today { errors.add(field, "\(sentence(label)) must not be in the future") }
    }

    /// Refuses a day before `earliest`, saying when that was and, when given, what happened then: "The start
    /// date must be on or after 1 September 2026, when the piece of work started".
    static func notBefore(
        _ date: CalendarDate?, _ earliest: CalendarDate?, when event: String? = nil, field: String, label: String,
        into errors: inout FieldErrorList
    ) {
        guard let date, let earliest, date < earliest else { return }
        errors.add(
            field, "\(sentence(label)) must be on or after \(earliest.written)" + (event.map { ", when \($0)" } ?? ""))
    }

    /// "the start date" as the start of a message: "The start date".
    private static func sentence(_ label: String) -> String { label.prefix(1).uppercased() + label.dropFirst() }
}

extension FieldErrorList {
    /// Trimmed text, nil when empty, with a message when too long or required and missing.
    mutating func text(
        _ value: String?, _ field: String, _ label: String, limit: Int = 8_000, required: String? = nil
    ) -> String? {
        guard let value = value?.trimmed, !value.isEmpty else {
            if let required { add(field, required) }
            return nil
        }
        if value.count > limit { add(field, "\(label) must be \(DisplayFormat.number(limit)) characters or fewer") }
        return value
    }
}

extension Request {
    /// The "use as apprenticeship evidence" link for a source the user wrote, when they are an apprentice.
    func evidenceLink(type: String, id: UUID, authorId: UUID, on db: any Database) async throws -> String? {
        guard let user = currentUser, user.id == authorId, user.actor.has(.apprentice),
            try await Apprenticeship.query(on: db).filter(\.$apprenticeId == user.id).count() > 0
        else { return nil }
        return "/evidence/new?sourceType=\(type)&sourceId=\(id.uuidString.lowercased())"
    }
}
