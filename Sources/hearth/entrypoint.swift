import Foundation
import HearthApp
import Logging
import Vapor

@main
enum Entrypoint {
    static func main() async {
        do {
            try await run()
        } catch {
            // A plain line, not a crash report: start-up refusals (production without its secrets, a
            // port in use) are for the person running the command to act on.
            FileHandle.standardError.write(Data("hearth: \(error)\n".utf8))
            exit(1)
        }
    }

    static func run() async throws {
        var env = try Environment.detect()
        try LoggingSystem.bootstrap(from: &env)
        let app = try await Application.make(env)
        do {
            try await configure(app)
            // `swift run hearth` with no command, or `hearth serve ...`, serves; other commands only
            // migrate first; `--help` touches nothing.
            let arguments = env.arguments.dropFirst()
            let wantsHelp = arguments.contains("--help") || arguments.contains("-h")
            let serving = arguments.first == nil || arguments.first == "serve" || arguments.first!.hasPrefix("-")
            if !wantsHelp {
                if serving {
                    try await prepareToServe(app)
                } else {
                    // A command's output may be captured (TOKEN=$(hearth token create ...)): keep the
                    // migrator's progress lines out of it unless more logging was asked for.
                    if app.logger.logLevel > .debug && app.logger.logLevel < .notice { app.logger.logLevel = .notice }
                    try await app.autoMigrate()
                }
            }
            try await app.execute()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}
