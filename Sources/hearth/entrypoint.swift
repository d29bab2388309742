import HearthApp
import Logging
import Vapor

@main
enum Entrypoint {
    static func main() async throws {
        var env = try Environment.detect()
        try LoggingSystem.bootstrap(from: &env)
        let app = try await Application.make(env)
        do {
            try await configure(app)
            // `swift run hearth` with no command, or `hearth serve ...`, serves.
            let arguments = env.arguments.dropFirst()
            let serving = arguments.first == nil || arguments.first == "serve" || arguments.first!.hasPrefix("-")
            if serving && !arguments.contains("--help") && !arguments.contains("-h") {
                try await prepareToServe(app)
            } else if !arguments.contains("--help") && !arguments.contains("-h") {
                try await app.autoMigrate()
            }
            try await app.execute()
        } catch {
            app.logger.report(error: error)
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}
