import Fluent
import FluentSQLiteDriver
import Foundation
import HearthDomain
import Vapor

/// What an audit event is about.
struct AuditSubject: Sendable {
    var type: String
    var id: String?

    static func person(_ id: UUID?) -> AuditSubject { .init(type: "person", id: id?.uuidString.lowercased()) }
    static func user(_ id: UUID?) -> AuditSubject { .init(type: "user", id: id?.uuidString.lowercased()) }
    static let people = AuditSubject(type: "person", id: nil)
    static let users = AuditSubject(type: "user", id: nil)
    static let auditTrail = AuditSubject(type: "audit", id: nil)
    static func apiToken(_ id: UUID?) -> AuditSubject { .init(type: "api-token", id: id?.uuidString.lowercased()) }
}

/// Who is acting and from where: a web or API request, or the command line.
struct AuditContext: Sendable {
    var actorId: UUID?
    var actorEmail: String?
    var clientAddress: String?
    var requestId: String?

    static func commandLine(actorId: UUID? = nil, actorEmail: String? = nil) -> AuditContext {
        AuditContext(actorId: actorId, actorEmail: actorEmail, clientAddress: "command-line", requestId: nil)
    }
}

extension Request {
    var auditContext: AuditContext {
        AuditContext(
            actorId: currentUser?.id, actorEmail: currentUser?.email, clientAddress: clientAddress, requestId: id)
    }
}

/// Writes audit events. Callers pass the transaction's database, so the event commits with the work or
/// not at all: a view whose audit row cannot be written fails rather than shows the record.
enum Audit {
    static func write(
        on db: any Database, _ context: AuditContext, action: AuditAction, subject: AuditSubject? = nil,
        outcome: AuditOutcome = .allowed, role: Role? = nil, reason: String? = nil, detail: String? = nil
    ) async throws {
        let event = AuditEvent()
        event.at = Date()
        event.actorId = context.actorId
        event.actorEmail = context.actorEmail
        event.role = role?.rawValue
        event.action = action.rawValue
        event.subjectType = subject?.type
        event.subjectId = subject?.id
        event.outcome = outcome.rawValue
        event.clientAddress = context.clientAddress
        event.requestId = context.requestId
        event.reason = reason
        event.detail = detail
        if let buffer = AuditBuffer.current {
            buffer.append(event)
        } else {
            try await event.create(on: db)
        }
    }

    /// Records an event for this request, by the signed-in user unless `actorId`/`actorEmail` say
    /// otherwise (sign-in, before anyone is signed in).
    static func record(
        on db: any Database, _ req: Request, action: AuditAction, subject: AuditSubject? = nil,
        outcome: AuditOutcome = .allowed, role: Role? = nil, actorId: UUID? = nil, actorEmail: String? = nil,
        reason: String? = nil, detail: String? = nil
    ) async throws {
        var context = req.auditContext
        if let actorId { context.actorId = actorId }
        if let actorEmail, context.actorEmail == nil || actorId != nil { context.actorEmail = actorEmail }
        try await write(
            on: db, context, action: action, subject: subject, outcome: outcome, role: role, reason: reason,
            detail: detail)
    }
}

/// The audit events of one read on SQLite, held until the read is over (see `Store.read`).
final class AuditBuffer: @unchecked Sendable {
    @TaskLocal static var current: AuditBuffer?

    // A read's queries run one after another, but on the database's threads: the lock keeps it honest.
    private let lock = NSLock()
    private var held: [AuditEvent] = []

    func append(_ event: AuditEvent) { lock.withLock { held.append(event) } }
    var events: [AuditEvent] { lock.withLock { held } }
}

/// Commits the audit events of reads on SQLite: whatever has arrived while the last write was going on
/// goes in the next one, so fifty readers wait for one commit rather than queueing for fifty. Each
/// caller resumes when its own events are durable, or with the error that stopped them.
///
/// With a database file the journal has a connection of its own, so a commit never queues behind the
/// reads waiting for the pooled connections; an in-memory database (the tests) is one connection, so
/// there it uses the pool.
actor AuditJournal {
    enum Target: Sendable {
        case pool(@Sendable () -> any Database)
        case file(path: String, threadPool: NIOThreadPool, eventLoop: any EventLoop, logger: Logger)
    }

    private let target: Target
    private var connection: SQLiteConnection?
    private var pending: [AuditEvent] = []
    private var waiting: [CheckedContinuation<Void, any Error>] = []
    private var isWriting = false

    /// Rows per INSERT, well inside SQLite's limit on bound values.
    private static let rowsPerInsert = 500

    init(_ target: Target) {
        self.target = target
    }

    func commit(_ events: [AuditEvent]) async throws {
        guard !events.isEmpty else { return }
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            pending += events
            waiting.append(continuation)
            if !isWriting {
                isWriting = true
                Task.detached { await self.writePending() }
            }
        }
    }

    func close() async {
        try? await connection?.close()
        connection = nil
    }

    private func writePending() async {
        while !pending.isEmpty {
            let batch = pending
            let waiters = waiting
            pending = []
            waiting = []
            do {
                try await write(batch)
                waiters.forEach { $0.resume() }
            } catch {
                waiters.forEach { $0.resume(throwing: error) }
            }
        }
        isWriting = false
    }

    private func write(_ batch: [AuditEvent]) async throws {
        switch target {
        case .pool(let database):
            try await Store.transaction(database()) { db in try await Self.insert(batch, on: db.sql) }
        case .file(let path, let threadPool, let eventLoop, let logger):
            if connection == nil {
                let opened = try await SQLiteConnection.open(
                    storage: .file(path: path), threadPool: threadPool, logger: logger, on: eventLoop
                ).get()
                try await opened.sql().raw("PRAGMA synchronous = FULL").run()
                connection = opened
            }
            let sql = connection!.sql()
            // The same turns as every other writer (ADR 0003), so no one spins on the lock.
            try await Store.inWriteTurn {
                try await Store.inTransaction(on: sql, begin: "BEGIN IMMEDIATE") {
                    try await Self.insert(batch, on: sql)
                }
            }
        }
    }

    /// Closes the journal's own connection when the application stops.
    struct Closer: LifecycleHandler {
        func shutdownAsync(_ application: Application) async { await application.auditJournal.close() }
    }

    private static func insert(_ batch: [AuditEvent], on sql: any SQLDatabase) async throws {
        var start = 0
        while start < batch.count {
            let end = min(start + rowsPerInsert, batch.count)
            var insert = sql.insert(into: AuditEvent.schema).columns(
                "id", "at", "actor_id", "actor_email", "role", "action", "subject_type", "subject_id", "outcome",
                "client_address", "request_id", "reason", "detail")
            for event in batch[start..<end] {
                insert = insert.values(
                    event.id ?? UUID(), event.at, event.actorId, event.actorEmail, event.role, event.action,
                    event.subjectType, event.subjectId, event.outcome, event.clientAddress, event.requestId,
                    event.reason, event.detail)
            }
            try await insert.run()
            start = end
        }
    }
}

extension Application {
    private struct AuditJournalKey: StorageKey { typealias Value = AuditJournal }

    /// Made by `configure(_:)`; see `AuditJournal`.
    var auditJournal: AuditJournal {
        get {
            guard let journal = storage[AuditJournalKey.self] else { fatalError("configure(_:) makes the journal") }
            return journal
        }
        set { storage[AuditJournalKey.self] = newValue }
    }
}
