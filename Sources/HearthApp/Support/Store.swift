import Fluent
import FluentSQLiteDriver
import SQLKit
import Vapor

/// Database access rules shared by every write: durable settings on SQLite, and one transaction shape for
/// both engines.
enum Store {
    /// One-time settings for the database file. WAL lets readers run beside the single writer; FULL
    /// synchronous makes an acknowledged commit survive a power cut.
    static func prepare(_ db: any Database) async throws {
        guard let sql = db as? any SQLDatabase, sql.dialect.name == "sqlite" else { return }
        try await sql.raw("PRAGMA journal_mode = WAL").run()
    }

    static func isSQLite(_ db: any Database) -> Bool {
        (db as? any SQLDatabase)?.dialect.name == "sqlite"
    }

    /// Runs `work` in one transaction: the audit event and the work it records commit together or not
    /// at all. On SQLite the transaction begins IMMEDIATE, taking the write lock up front, so a
    /// transaction that reads before it writes cannot fail half-way when another connection commits.
    static func transaction<T: Sendable>(
        _ db: any Database, _ work: @escaping @Sendable (any Database) async throws -> T
    ) async throws -> T {
        guard isSQLite(db) else { return try await db.transaction(work) }
        guard AuditBuffer.current == nil else {
            throw Abort(.internalServerError, reason: "A write began inside a read")
        }
        // A transaction begun inside another joins it, on the connection it was handed.
        if holdsWriteTurn { return try await work(db) }
        return try await inWriteTurn {
            try await db.withConnection { connection in
                let sql = connection.sql
                try await sql.raw("PRAGMA synchronous = FULL").run()
                // Set here, not around `withConnection`: the pool runs this closure in a task of its own.
                return try await $holdsWriteTurn.withValue(true) {
                    try await inTransaction(on: sql, begin: "BEGIN IMMEDIATE") { try await work(connection) }
                }
            }
        }
    }

    /// Runs `work` in this process's write turn (see `WriteTurns`), giving it back however `work` ends.
    static func inWriteTurn<T: Sendable>(_ work: () async throws -> T) async throws -> T {
        await writeTurns.take()
        do {
            let result = try await work()
            await writeTurns.give()
            return result
        } catch {
            await writeTurns.give()
            throw error
        }
    }

    /// `begin`, then `work`, then COMMIT on one connection; ROLLBACK if `work` or the commit fails.
    static func inTransaction<T: Sendable>(
        on sql: any SQLDatabase, begin: SQLQueryString, _ work: () async throws -> T
    ) async throws -> T {
        try await sql.raw(begin).run()
        do {
            let result = try await work()
            try await sql.raw("COMMIT").run()
            return result
        } catch {
            try? await sql.raw("ROLLBACK").run()
            throw error
        }
    }

    /// Runs `work`, which only reads, with the audit events it records. On PostgreSQL this is one
    /// transaction, as for a write. On SQLite the reads run in a read transaction (a snapshot, beside
    /// other readers and the writer) on a connection that refuses writes, and the audit events are
    /// handed to the `AuditJournal`, which commits them with other requests' events in one write. The
    /// caller gets the result only once its events are durable: nothing read is shown unaudited, and a
    /// failed audit write fails the read. ADR 0010.
    static func read<T: Sendable>(
        _ db: any Database, journal: AuditJournal, _ work: @escaping @Sendable (any Database) async throws -> T
    ) async throws -> T {
        // Inside a write, or on PostgreSQL, the events commit with the transaction as before.
        guard isSQLite(db), !holdsWriteTurn else { return try await transaction(db, work) }
        guard AuditBuffer.current == nil else {
            throw Abort(.internalServerError, reason: "A read began inside another read")
        }
        let buffer = AuditBuffer()
        // The pool runs the closure in a task of its own, which does not inherit task-local values: the
        // buffer is set inside it.
        let result = try await db.withConnection { connection in
            try await AuditBuffer.$current.withValue(buffer) {
                let sql = connection.sql
                try await sql.raw("PRAGMA query_only = 1").run()
                do {
                    let result = try await inTransaction(on: sql, begin: "BEGIN") { try await work(connection) }
                    try await sql.raw("PRAGMA query_only = 0").run()
                    return result
                } catch {
                    try? await sql.raw("PRAGMA query_only = 0").run()
                    throw error
                }
            }
        }
        try await journal.commit(buffer.events)
        return result
    }

    static let writeTurns = WriteTurns()
    @TaskLocal static var holdsWriteTurn = false

}

extension Request {
    var sql: any SQLDatabase { db as! any SQLDatabase }

    /// See `Store.transaction`.
    func transaction<T: Sendable>(_ work: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        try await Store.transaction(db, work)
    }

    /// See `Store.read`: for work that only reads and audits what it read.
    func read<T: Sendable>(_ work: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        try await Store.read(db, journal: application.auditJournal, work)
    }
}

extension Database {
    var sql: any SQLDatabase { self as! any SQLDatabase }
}

/// Write transactions on SQLite take turns here, in the process, before they take a connection: one
/// writer holds the database's write lock at a time anyway (ADR 0003), and SQLiteNIO's busy handler
/// retries without pausing, so a second writer waiting inside SQLite keeps a CPU busy doing nothing.
/// Waiting here costs nothing and leaves the pooled connections free for reads.
actor WriteTurns {
    private var taken = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func take() async {
        guard taken else {
            taken = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func give() {
        if waiting.isEmpty { taken = false } else { waiting.removeFirst().resume() }
    }
}
