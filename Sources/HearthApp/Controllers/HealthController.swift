import SQLKit
import Vapor

enum HealthController {
    /// 200 when the database answers, 503 when it does not. No sign-in, no audit: load balancers call it.
    static func check(req: Request) async throws -> Response {
        do {
            _ = try await req.sql.raw("SELECT 1 AS ok").first()
            return try await ["status": "ok"].encodeResponse(status: .ok, for: req)
        } catch {
            req.logger.error("Health check failed: \(String(reflecting: error))")
            return try await ["status": "unavailable"].encodeResponse(status: .serviceUnavailable, for: req)
        }
    }
}
