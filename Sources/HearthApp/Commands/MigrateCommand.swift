import Fluent
import Vapor

/// `hearth migrate`: applies pending migrations without asking (the entrypoint has already run them by
/// the time this runs, so it reports the state).
struct MigrateCommand: AsyncCommand {
    struct Signature: CommandSignature {}
    var help: String { "Applies any pending database migrations, then reports that the schema is current." }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await context.application.autoMigrate()
        context.console.print("The database schema is up to date.")
    }
}
