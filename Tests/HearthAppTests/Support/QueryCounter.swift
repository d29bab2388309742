import Foundation
import Logging
import NIOConcurrencyHelpers
import Vapor
import VaporTesting

/// Counts the SQL statements each request runs, by request id, from the drivers' own query log.
/// Installed once per test process; it passes warnings and worse on to standard error.
struct QueryCountingLogHandler: LogHandler {
    /// Every statement the process runs. Drivers log statements inside a transaction with the pooled
    /// connection's logger, not the request's, so counting is by process: measure with the test gate
    /// held alone (`withHearth(exclusive: true)`).
    final class Counts: @unchecked Sendable {
        private let lock = NIOLock()
        private var total = 0

        func add() { lock.withLock { total += 1 } }
        var current: Int { lock.withLock { total } }
    }

    static let counts = Counts()
    /// Bootstrapping the logging system twice traps, so it happens exactly once.
    static let installed: Void = LoggingSystem.bootstrap { label in QueryCountingLogHandler(label: label) }

    var label: String
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace
    private var stream: StreamLogHandler

    init(label: String) {
        self.label = label
        stream = StreamLogHandler.standardError(label: label)
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        if event.message.description == "Executing query" { Self.counts.add() }
        if event.level >= .warning { stream.log(event: event) }
    }
}

/// The number of SQL statements `request` runs.
func countingQueries(_ request: () async throws -> TestingHTTPResponse) async throws -> (TestingHTTPResponse, Int) {
    let before = QueryCountingLogHandler.counts.current
    let response = try await request()
    return (response, QueryCountingLogHandler.counts.current - before)
}
