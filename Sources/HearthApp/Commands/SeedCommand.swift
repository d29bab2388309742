import Fluent
import Vapor

/// `hearth seed demo`: loads the demo organisation into an empty database. `hearth seed county
/// [--scale F] [--seed S] [--manifest FILE]`: a large council's ten years, for the benchmarks. Both are
/// refused in production and into a database that already has data.
struct SeedCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "dataset", help: "What to load: demo (the demo organisation), or county (benchmark data).")
        var dataset: String
        @Option(name: "scale", help: "county: a fraction of the largest council (default 1; 0.01 for tests).")
        var scale: Double?
        @Option(name: "seed", help: "county: the random seed; the same seed gives the same data (default 1).")
        var seed: UInt64?
        @Option(name: "manifest", help: "county: write what the benchmark needs (JSON) to this file.")
        var manifest: String?
    }

    var help: String {
        "Loads synthetic data into an empty database: `seed demo` (the demo organisation) or `seed county` (benchmarks)."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard ["demo", "county"].contains(signature.dataset) else {
            throw CommandError("Unknown data set '\(signature.dataset)'. Use: seed demo, or seed county")
        }
        guard app.environment != .production else {
            throw CommandError(
                "Synthetic data is refused in production: it would add accounts with a published password.")
        }
        guard try await DemoData.isDatabaseEmpty(app.db) else {
            throw CommandError("The database already has data; synthetic data loads only into an empty database.")
        }
        if signature.dataset == "county" {
            try await seedCounty(app, signature: signature, console: context.console)
            return
        }
        try await DemoData.load(into: app)
        context.console.print(
            "Demo organisation loaded. Accounts are listed in README.md; password: \(DemoData.password)")
    }
}

extension SeedCommand {
    func seedCounty(_ app: Application, signature: Signature, console: any Console) async throws {
        let scale = signature.scale ?? 1
        guard scale > 0, scale <= 2 else { throw CommandError("--scale must be more than 0 and at most 2") }
        let started = Date()
        let seeder = CountySeed(
            scale: scale, seed: signature.seed ?? 1,
            progress: { line in
                let seconds = Int(Date().timeIntervalSince(started))
                FileHandle.standardError.write(Data("[\(seconds)s] \(line)\n".utf8))
            })
        let hash = try await app.password.async.hash(CountySeed.benchPassword)
        let manifest = try await seeder.run(
            on: app.db, passwordHash: hash, resources: app.directory.resourcesDirectory)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let json = try encoder.encode(manifest)
        if let path = signature.manifest {
            try json.write(to: URL(fileURLWithPath: path))
        }
        console.print(String(decoding: json, as: UTF8.self))
    }
}

/// A command-line mistake, reported as one plain line.
struct CommandError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
