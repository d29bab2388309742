import Fluent
import Vapor

/// `hearth token create --email E --name N`: prints a personal API token for that user, once.
struct TokenCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "create")
        var action: String
        @Option(name: "email", help: "The user the token acts as")
        var email: String?
        @Option(name: "name", help: "A name for the token, to tell it apart later")
        var name: String?
        @Option(name: "days", help: "Days until it expires (1 to 365; default 90)")
        var days: String?
    }

    var help: String { "Creates a personal API token for a user and prints it. It is shown once and stored hashed." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard signature.action == "create" else {
            throw CommandError("Unknown action '\(signature.action)'. Use: token create")
        }
        guard let emailText = signature.email else { throw CommandError("Give the user's address with --email.") }
        let email = UserAdministration.normaliseEmail(emailText)
        let name = (signature.name ?? "").trimmingCharacters(in: .whitespaces)
        let days = signature.days ?? "90"
        let errors = ApiTokens.validate(name: name, days: days)
        guard errors.isEmpty else {
            throw CommandError(errors.errors.map { "--\($0.field): \($0.message)" }.joined(separator: "\n"))
        }
        let token: String = try await Store.transaction(app.db) { db in
            guard let user = try await User.query(on: db).filter(\.$email == email).first(), !user.isDisabled else {
                throw CommandError("No active user has the address \(email).")
            }
            return try await ApiTokens.create(
                userId: try user.requireID(), name: name, days: Int(days)!, on: db, secretKey: app.settings.secretKey,
                audit: .commandLine(actorId: user.id, actorEmail: user.email))
        }
        context.console.print(token)
    }
}
