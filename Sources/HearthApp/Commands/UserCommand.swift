import Fluent
import HearthDomain
import Vapor

/// `hearth user create|disable|roles`: account administration from the command line, for the first
/// administrator and for scripts. Uses the same rules and audit as the admin pages.
struct UserCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "create, disable or roles")
        var action: String
        @Option(name: "email", help: "The user's email address")
        var email: String?
        @Option(name: "name", help: "create: the user's full name")
        var name: String?
        @Option(
            name: "roles",
            help: "create, roles: comma-separated roles (\(Role.allCases.map(\.rawValue).joined(separator: ", ")))")
        var roles: String?
        @Option(name: "teams", help: "create: comma-separated team names the user belongs to (created if missing)")
        var teams: String?
        @Option(name: "manages", help: "create: comma-separated team names the user manages")
        var manages: String?
    }

    var help: String {
        """
        Manages accounts. create prints a one-time set-password link; disable ends the user's sessions; \
        roles sets the user's roles (or lists them when --roles is absent).
        """
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard let emailText = signature.email else { throw CommandError("Give the user's address with --email.") }
        let email = UserAdministration.normaliseEmail(emailText)
        let audit = AuditContext.commandLine()
        switch signature.action {
        case "create":
            let roles = try parseRoles(signature.roles ?? "")
            let token: String = try await Store.transaction(app.db) { db in
                let teams = try await teamMemberships(member: signature.teams, manages: signature.manages, on: db)
                let new = UserAdministration.NewUser(
                    email: email, displayName: (signature.name ?? "").trimmingCharacters(in: .whitespaces),
                    roles: roles,
                    teams: teams)
                let errors = try await UserAdministration.validate(new, on: db)
                guard errors.isEmpty else {
                    throw CommandError(
                        errors.errors.map { "--\(optionName($0.field)): \($0.message)" }.joined(separator: "\n"))
                }
                let organisationId = try await UserAdministration.defaultOrganisationId(on: db)
                let user = try await UserAdministration.create(
                    new, organisationId: organisationId, on: db, audit: audit)
                return try await SetPasswordLinks.issue(
                    for: try user.requireID(), on: db, settings: app.settings, audit: audit)
            }
            context.console.print("Created \(email). Send them this one-time link to set a password (valid 24 hours):")
            context.console.print(SetPasswordLinks.url(for: token, settings: app.settings))
        case "disable":
            try await Store.transaction(app.db) { db in
                guard let user = try await User.query(on: db).filter(\.$email == email).first() else {
                    throw CommandError("No user has the address \(email).")
                }
                try await UserAdministration.setDisabled(user, true, on: db, audit: audit)
            }
            context.console.print("Disabled \(email) and ended their sessions.")
        case "roles":
            guard let user = try await User.query(on: app.db).filter(\.$email == email).first() else {
                throw CommandError("No user has the address \(email).")
            }
            let userId = try user.requireID()
            if let rolesText = signature.roles {
                let roles = try parseRoles(rolesText)
                try await Store.transaction(app.db) { db in
                    let current = try await ActorLoader.load(userId: userId, on: db.sql)
                    try await UserAdministration.replaceRolesAndTeams(
                        userId: userId, roles: roles, teams: current.memberships, on: db)
                    user.version += 1
                    try await user.save(on: db)
                    try await Audit.write(
                        on: db, audit, action: .update, subject: .user(userId),
                        detail: "roles: \(roles.sorted().map(\.rawValue).joined(separator: ", "))")
                }
            }
            let actor = try await ActorLoader.load(userId: userId, on: app.db.sql)
            context.console.print("\(email): \(actor.roles.sorted().map(\.rawValue).joined(separator: ", "))")
        default:
            throw CommandError("Unknown action '\(signature.action)'. Use: user create|disable|roles --email E")
        }
    }

    private func parseRoles(_ text: String) throws -> Set<Role> {
        var roles = Set<Role>()
        for name in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !name.isEmpty {
            guard let role = Role(rawValue: name) else {
                throw CommandError(
                    "--roles: '\(name)' is not a role. Roles: \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            roles.insert(role)
        }
        return roles
    }

    private func optionName(_ field: String) -> String {
        field == "displayName" ? "name" : field
    }

    /// Resolves team names, creating teams that do not exist yet.
    private func teamMemberships(member: String?, manages: String?, on db: any Database) async throws
        -> [TeamMembership]
    {
        func names(_ text: String?) -> [String] {
            (text ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        let managed = Set(names(manages))
        var result: [TeamMembership] = []
        for name in Set(names(member)).union(managed).sorted() {
            let team: Team
            if let existing = try await Team.query(on: db).filter(\.$name == name).first() {
                team = existing
            } else {
                team = Team(organisationId: try await UserAdministration.defaultOrganisationId(on: db), name: name)
                try await team.create(on: db)
            }
            result.append(TeamMembership(teamId: try team.requireID(), isManager: managed.contains(name)))
        }
        return result
    }
}
