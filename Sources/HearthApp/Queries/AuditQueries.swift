import Foundation
import SQLKit

/// One audit event as the audit pages and the API show it.
struct AuditEventRow: Codable, Sendable {
    var id: UUID
    var at: Date
    var actorId: UUID?
    var actorEmail: String?
    var role: String?
    var action: String
    var subjectType: String?
    var subjectId: String?
    var outcome: String
    var clientAddress: String?
    var requestId: String?
    var reason: String?
    var detail: String?
}

/// Filters the audit trail. Each filter has an index behind it (subject, actor, action, time).
struct AuditFilter: Sendable {
    var subjectType: String?
    var subjectId: String?
    var actorEmail: String?
    var action: String?
    var from: Date?
    var to: Date?
    var newestFirst = true
    var limit = 200
    var offset = 0
}

enum AuditQueries {
    static func events(_ filter: AuditFilter, on db: any SQLDatabase) async throws -> [AuditEventRow] {
        var conditions: [SQLQueryString] = []
        if let type = filter.subjectType { conditions.append("subject_type = \(bind: type)") }
        if let id = filter.subjectId { conditions.append("subject_id = \(bind: id)") }
        if let email = filter.actorEmail { conditions.append("actor_email = \(bind: email)") }
        if let action = filter.action { conditions.append("action = \(bind: action)") }
        if let from = filter.from { conditions.append("at >= \(bind: from)") }
        if let to = filter.to { conditions.append("at < \(bind: to)") }
        var query: SQLQueryString = """
            SELECT id, at, actor_id, actor_email, role, action, subject_type, subject_id, outcome, client_address,
              request_id, reason, detail FROM audit_events
            """
        if !conditions.isEmpty {
            query += " WHERE " + conditions.dropFirst().reduce(conditions[0]) { $0 + " AND " + $1 }
        }
        query += filter.newestFirst ? " ORDER BY at DESC, id" : " ORDER BY at ASC, id"
        query += " LIMIT \(literal: filter.limit) OFFSET \(literal: filter.offset)"
        return try await db.raw(query).all().map { row in
            AuditEventRow(
                id: try row.decode(column: "id", as: UUID.self),
                at: try row.decode(column: "at", as: Date.self),
                actorId: try row.decode(column: "actor_id", as: UUID?.self),
                actorEmail: try row.decode(column: "actor_email", as: String?.self),
                role: try row.decode(column: "role", as: String?.self),
                action: try row.decode(column: "action", as: String.self),
                subjectType: try row.decode(column: "subject_type", as: String?.self),
                subjectId: try row.decode(column: "subject_id", as: String?.self),
                outcome: try row.decode(column: "outcome", as: String.self),
                clientAddress: try row.decode(column: "client_address", as: String?.self),
                requestId: try row.decode(column: "request_id", as: String?.self),
                reason: try row.decode(column: "reason", as: String?.self),
                detail: try row.decode(column: "detail", as: String?.self))
        }
    }
}
