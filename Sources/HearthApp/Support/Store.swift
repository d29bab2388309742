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
        // A transaction begun inside another keeps the turn it is already in.
        if holdsWriteTurn { return try await immediate(db, work) }
        await writeTurns.take()
        do {
            let result = try await $holdsWriteTurn.withValue(true) { try await immediate(db, work) }
            await writeTurns.give()
            return result
        } catch {
            await writeTurns.give()
            throw error
        }
    }

    static let writeTurns = WriteTurns()
    @TaskLocal static var holdsWriteTurn = false

    private static func immediate<T: Sendable>(
        _ db: any Database, _ work: @escaping @Sendable (any Database) async throws -> T
    ) async throws -> T {
        try await db.withConnection { connection in
            let sql = connection as! any SQLDatabase
            try await sql.raw("PRAGMA synchronous = FULL").run()
            try await sql.raw("BEGIN IMMEDIATE").run()
            do {
                let result = try await work(connection)
                try await sql.raw("COMMIT").run()
                return result
            } catch {
                try? await sql.raw("ROLLBACK").run()
                throw error
            }
        }
    }
}

extension Request {
    var sql: any SQLDatabase { db as! any SQLDatabase }

    /// See `Store.transaction`.
    func transaction<T: Sendable>(_ work: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        try await Store.transaction(db, work)
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
