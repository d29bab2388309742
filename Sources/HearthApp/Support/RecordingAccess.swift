import Fluent
import Foundation
import HearthDomain
import SQLKit
import Vapor

/// The one way to reach a recording. A recording is about one or more people: the user must be allowed
/// the action on every one of them, and a draft belongs to its author alone until it is submitted.
enum RecordingAccess {
    struct Granted: Sendable {
        var recording: Recording
        var subjectIds: [UUID]
        var role: Role
    }

    static func load<T: Sendable>(
        _ id: UUID, for action: RecordAction, audit auditAction: AuditAction = .view, _ req: Request,
        work: @escaping @Sendable (Granted, any Database) async throws -> T
    ) async throws -> T {
        let actor = try req.requireUser().actor
        return try await RecordGate.pass(
            req, subject: .recording(id), audit: auditAction,
            check: { db in
                guard let recording = try await Recording.find(id, on: db) else { return .missing }
                if recording.status == RecordingStatus.draft, recording.$author.id != actor.id { return .missing }
                let subjectIds = try await RecordingSubject.query(on: db).filter(\.$recording.$id == id).all()
                    .map { $0.$person.id }
                guard let role = try await PersonAccess.roleForAll(action, subjectIds, actor: actor, on: db.sql) else {
                    return .denied(canBreakGlass: false)
                }
                return .allowed(Granted(recording: recording, subjectIds: subjectIds, role: role), role: role)
            },
            work: { granted, _, db in try await work(granted, db) })
    }
}

enum RecordingStatus {
    static let draft = "draft"
    static let submitted = "submitted"
}

extension AuditSubject {
    static func recording(_ id: UUID?) -> AuditSubject { .init(type: "recording", id: id?.uuidString.lowercased()) }
    static func involvement(_ id: UUID?) -> AuditSubject { .init(type: "involvement", id: id?.uuidString.lowercased()) }
    static func family(_ id: UUID?) -> AuditSubject { .init(type: "family", id: id?.uuidString.lowercased()) }
}
