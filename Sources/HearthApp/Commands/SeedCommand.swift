import Fluent
import Vapor

/// `hearth seed demo`: loads the demo organisation into an empty database. Refused in production.
struct SeedCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "dataset", help: "What to load: demo (the demo organisation, accounts and people).")
        var dataset: String
    }

    var help: String { "Loads synthetic data: `seed demo` loads the demo organisation into an empty database." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard signature.dataset == "demo" else {
            throw CommandError("Unknown data set '\(signature.dataset)'. Use: seed demo")
        }
        guard app.environment != .production else {
            throw CommandError("Demo data is refused in production: it would add accounts with a published password.")
        }
        guard try await DemoData.isDatabaseEmpty(app.db) else {
            throw CommandError("The database already has data; demo data loads only into an empty database.")
        }
        try await DemoData.load(into: app)
        context.console.print(
            "Demo organisation loaded. Accounts are listed in README.md; password: \(DemoData.password)")
    }
}

/// A command-line mistake, reported as one plain line.
struct CommandError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
