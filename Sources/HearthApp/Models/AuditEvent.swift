import Fluent
import Foundation

/// One line of the audit trail. Written in the same transaction as the work it records, never after.
final class AuditEvent: Model, @unchecked Sendable {
    static let schema = "audit_events"
    @ID(key: .id) var id: UUID?
    @Field(key: "at") var at: Date
    @OptionalField(key: "actor_id") var actorId: UUID?
    /// Kept as typed, so a failed sign-in for an unknown address is still traceable.
    @OptionalField(key: "actor_email") var actorEmail: String?
    @OptionalField(key: "role") var role: String?
    @Field(key: "action") var action: String
    @OptionalField(key: "subject_type") var subjectType: String?
    @OptionalField(key: "subject_id") var subjectId: String?
    @Field(key: "outcome") var outcome: String
    @OptionalField(key: "client_address") var clientAddress: String?
    @OptionalField(key: "request_id") var requestId: String?
    @OptionalField(key: "reason") var reason: String?
    @OptionalField(key: "detail") var detail: String?

    init() {}
}
