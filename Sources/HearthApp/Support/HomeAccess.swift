import Fluent
import Foundation
import HearthDomain
import Vapor

/// A home's own records (its statement of purpose, rota, handovers, complaints, admissions and reports)
/// are reached through the home: `HomeAccessPolicy` decides, and the read or write is audited in the same
/// transaction, through `RecordGate` like every other record.
enum HomeAccess {
    static func load<T: Sendable>(
        _ req: Request, homeId: UUID, for action: HomeAccessPolicy.Action, audit: AuditAction,
        subject: AuditSubject? = nil, detail: String? = nil,
        work: @escaping @Sendable (Home, Actor, any Database) async throws -> T
    ) async throws -> T {
        let actor = try req.requireUser().actor
        return try await RecordGate.pass(
            req, subject: subject ?? AuditSubject(type: "home", id: homeId.uuidString.lowercased()), audit: audit,
            detail: detail,
            check: { db -> RecordGate.Verdict<Home> in
                guard let home = try await Home.find(homeId, on: db) else { return .missing }
                switch HomeAccessPolicy().decide(actor, action, homeTeamId: home.teamId) {
                case .allowed(let role): return .allowed(home, role: role)
                case .denied: return .denied(canBreakGlass: false)
                }
            },
            work: { home, _, db in try await work(home, actor, db) })
    }

    /// The homes whose team the user works in or manages.
    static func homes(for actor: Actor, on db: any Database) async throws -> [Home] {
        let teams = Array(actor.teamIds)
        guard !teams.isEmpty else { return [] }
        return try await Home.query(on: db).filter(\.$teamId ~~ teams).sort(\.$name).all()
    }
}

/// Moments typed into forms and sent to the API: ISO 8601 with its zone (the API), or a London date and
/// time, "2026-11-27 16:00" (the forms' date and time fields, joined).
enum Moment {
    static func parse(
        _ text: String?, _ field: String, _ label: String, required: Bool, now: Date, into errors: inout FieldErrorList
    ) -> Date? {
        let capitalised = label.prefix(1).uppercased() + label.dropFirst()
        guard let text = text?.trimmed, !text.isEmpty else {
            if required { errors.add(field, "Enter \(label)") }
            return nil
        }
        let parts = text.split(separator: " ").map(String.init)
        guard
            let date = ISO8601DateFormatter().date(from: text)
                // The time is the last word: the date before it may be written out ("27 November 2026").
                ?? (parts.count >= 2
                    ? UKTime.date(parts.dropLast().joined(separator: " "), time: parts[parts.count - 1]) : nil)
        else {
            // A form's date and time fields never hold the "T" of ISO 8601: show them an example of their own.
            let example = text.contains("T") ? "2026-11-27T16:00:00Z" : "\(DateField.example) and 16:00"
            errors.add(field, "\(capitalised) must be a real date and time, like \(example)")
            return nil
        }
        if date > now.addingTimeInterval(5 * 60) { errors.add(field, "\(capitalised) must not be in the future") }
        return date
    }

    /// A form's separate date and time fields as one value for `parse`; nil when both are empty.
    static func joined(_ date: String?, _ time: String?) -> String? {
        let parts = [date?.trimmed ?? "", time?.trimmed ?? ""]
        return parts.allSatisfy(\.isEmpty) ? nil : parts.joined(separator: " ")
    }
}

/// Pages whose forms post back to themselves: on a field error the page is drawn again with the messages
/// and what was typed (422), and nothing is saved.
enum FormPage {
    /// What was typed, to put back in the fields.
    static func typed(_ req: Request) -> [String: String] {
        (try? req.content.decode([String: String].self)) ?? [:]
    }

    static func submit(
        _ req: Request, redisplay: (FieldErrorList, [String: String]) async throws -> Response,
        act: () async throws -> String
    ) async throws -> Response {
        do {
            return req.redirect(to: try await act())
        } catch let failed as ValidationFailed {
            let response = try await redisplay(FieldErrorList(failed.errors), typed(req))
            response.status = .unprocessableEntity
            return response
        }
    }
}
