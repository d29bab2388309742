import Foundation
import Vapor

/// Counts the requests being answered, so that stopping the server lets them finish before the
/// database pools and the audit journal close: a request that reached the database after Fluent shut
/// its pools down trapped inside Fluent.
final class RequestsInFlight: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    var current: Int { lock.withLock { count } }

    func enter() { lock.withLock { count += 1 } }
    func leave() { lock.withLock { count -= 1 } }

    /// Waits until no request is being answered, or `limit` has passed; answers whether it drained.
    func drained(within limit: Duration) async -> Bool {
        let deadline = ContinuousClock.now + limit
        while current > 0 {
            guard ContinuousClock.now < deadline else { return false }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return true
    }

    /// First in the middleware chain, so every request is counted until its response is made.
    struct Middleware: AsyncMiddleware {
        let requests: RequestsInFlight

        func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
            requests.enter()
            defer { requests.leave() }
            return try await next.respond(to: req)
        }
    }

    /// Registered after the database and the journal, so it runs before they close (handlers shut down
    /// in reverse order).
    struct Drain: LifecycleHandler {
        let requests: RequestsInFlight

        func shutdownAsync(_ application: Application) async {
            if !(await requests.drained(within: .seconds(10))) {
                application.logger.warning("Stopping with \(requests.current) requests still being answered")
            }
        }
    }
}
