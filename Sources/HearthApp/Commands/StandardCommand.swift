import Fluent
import Foundation
import Vapor

/// `hearth standard load --file path.json`: loads another apprenticeship standard, or a new version of
/// one, from a file in the shape of `standards/ST0088.json`. Data, not code.
struct StandardCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "load")
        var action: String
        @Option(name: "file", help: "The standard's JSON file.")
        var file: String?
    }

    var help: String {
        "Loads an apprenticeship standard from a JSON file: `standard load --file standards/ST0088.json`."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.action == "load", let file = signature.file else {
            throw CommandError("Use: standard load --file path/to/standard.json")
        }
        guard let data = FileManager.default.contents(atPath: file) else { throw CommandError("Cannot read \(file)") }
        let app = context.application
        do {
            let id = try await Store.transaction(app.db) { db in
                let id = try await StandardStore.load(json: data, on: db)
                try await Audit.write(
                    on: db, .commandLine(), action: .create,
                    subject: AuditSubject(type: "standard", id: id.uuidString.lowercased()),
                    detail: "loaded from \(file)")
                return id
            }
            context.console.print("Loaded \(file) as standard \(id.uuidString.lowercased()).")
        } catch let error as StandardStore.LoadError {
            throw CommandError(error.description)
        }
    }
}
