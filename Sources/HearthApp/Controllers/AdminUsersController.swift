import Fluent
import HearthDomain
import SQLKit
import Vapor

struct RoleOption: Encodable {
    var value: String
    var label: String
    var isChecked: Bool
}

struct TeamOption: Encodable {
    var id: UUID
    var name: String
    var isMember: Bool
    var isManager: Bool
}

struct UserLine: Encodable {
    var id: UUID
    var email: String
    var displayName: String
    var roles: String
    var teams: String
    var isDisabled: Bool
}

struct AdminUsersIndexPage: Encodable {
    var layout: Layout
    var users: [UserLine]
}

struct AdminUserFormPage: Encodable {
    var layout: Layout
    var userId: UUID?
    var email: String
    var displayName: String
    var isDisabled: Bool
    var version: Int
    var roles: [RoleOption]
    var teams: [TeamOption]
    var errors: [FieldError]?
    var emailError: String?
    var displayNameError: String?
    var rolesError: String?
    /// A one-time set-password link, shown once after it is issued.
    var setPasswordLink: String?
    var notice: String?
    var isSelf: Bool
}

/// Administrators add, change and disable accounts. They never see or set a password: they issue a
/// one-time link for the user to set their own.
struct AdminUsersController: Sendable {
    func index(req: Request) async throws -> View {
        let lines: [UserLine] = try await req.read { db in
            let rows = try await db.sql.raw(
                """
                SELECT u.id, u.email, u.display_name, u.is_disabled FROM users u ORDER BY u.display_name LIMIT 1000
                """
            ).all()
            let ids = try rows.map { try $0.decode(column: "id", as: UUID.self) }
            let details = try await Self.rolesAndTeams(of: ids, on: db.sql)
            try await Audit.record(on: db, req, action: .list, subject: .users, detail: "\(rows.count) shown")
            return try rows.map { row in
                let id = try row.decode(column: "id", as: UUID.self)
                return UserLine(
                    id: id, email: try row.decode(column: "email", as: String.self),
                    displayName: try row.decode(column: "display_name", as: String.self),
                    roles: details[id]?.roles.sorted().map(\.label).joined(separator: ", ") ?? "",
                    teams: details[id]?.teams.joined(separator: ", ") ?? "",
                    isDisabled: try row.decode(column: "is_disabled", as: Bool.self))
            }
        }
        return try await req.view.render(
            "admin/users/index", AdminUsersIndexPage(layout: Layout(req, title: "Users"), users: lines))
    }

    func new(req: Request) async throws -> View {
        let teams = try await Team.query(on: req.db).sort(\.$name).all()
        let page = AdminUserFormPage(
            layout: Layout(req, title: "Add a user"), email: "", displayName: "", isDisabled: false, version: 0,
            roles: Self.roleOptions(checked: []),
            teams: try teams.map {
                TeamOption(id: try $0.requireID(), name: $0.name, isMember: false, isManager: false)
            },
            errors: nil, isSelf: false)
        return try await req.view.render("admin/users/new", page)
    }

    struct UserForm: Content {
        var email: String?
        var displayName: String?
        var roles: [String]?
        var teams: [String]?
        var manages: [String]?
        var version: Int?
    }

    func create(req: Request) async throws -> Response {
        let form = try req.content.decode(UserForm.self)
        let teams = try await Team.query(on: req.db).sort(\.$name).all()
        let new = UserAdministration.NewUser(
            email: UserAdministration.normaliseEmail(form.email ?? ""),
            displayName: (form.displayName ?? "").trimmingCharacters(in: .whitespacesAndNewlines),
            roles: Set((form.roles ?? []).compactMap(Role.init(rawValue:))),
            teams: Self.memberships(from: form, teams: teams))
        let errors = try await UserAdministration.validate(new, on: req.db)
        guard errors.isEmpty else {
            var page = try Self.formPage(req, title: "Add a user", new: new, teams: teams, errors: errors)
            page.userId = nil
            return try await Self.render("admin/users/new", page, req, status: .unprocessableEntity)
        }
        let settings = req.settings
        let (userId, token): (UUID, String) = try await req.transaction { db in
            let organisationId = try await UserAdministration.defaultOrganisationId(on: db)
            let user = try await UserAdministration.create(
                new, organisationId: organisationId, on: db, audit: req.auditContext)
            let token = try await SetPasswordLinks.issue(
                for: try user.requireID(), on: db, settings: settings, audit: req.auditContext)
            return (try user.requireID(), token)
        }
        return try await showPage(
            req, userId: userId, link: SetPasswordLinks.url(for: token, settings: settings),
            notice:
                "User added. Send them the set-password link below: it works once, for 24 hours, and is not shown again."
        )
    }

    func show(req: Request) async throws -> Response {
        try await showPage(req, userId: try userId(req), link: nil, notice: nil)
    }

    func update(req: Request) async throws -> Response {
        let id = try userId(req)
        let form = try req.content.decode(UserForm.self)
        let admin = try req.requireUser()
        let teams = try await Team.query(on: req.db).sort(\.$name).all()
        guard let user = try await User.find(id, on: req.db) else { throw Abort(.notFound) }
        let roles = Set((form.roles ?? []).compactMap(Role.init(rawValue:)))
        let memberships = Self.memberships(from: form, teams: teams)
        var errors = FieldErrorList()
        if roles.isEmpty { errors.add("roles", "Select at least one role") }
        if id == admin.id, !roles.contains(.administrator) {
            errors.add("roles", "You cannot remove your own administrator role: ask another administrator")
        }
        guard form.version == user.version else {
            return try await showPage(
                req, userId: id, link: nil,
                notice:
                    "Someone else changed this user while you were editing. Their changes are shown below: make yours again.",
                status: .conflict)
        }
        guard errors.isEmpty else {
            let new = UserAdministration.NewUser(
                email: user.email, displayName: user.displayName, roles: roles, teams: memberships)
            var page = try Self.formPage(req, title: user.displayName, new: new, teams: teams, errors: errors)
            page.userId = id
            page.version = user.version
            page.isDisabled = user.isDisabled
            page.isSelf = id == admin.id
            return try await Self.render("admin/users/show", page, req, status: .unprocessableEntity)
        }
        let expectedVersion = user.version
        try await req.transaction { db in
            // The version check again inside the transaction: a concurrent save between the read above and
            // here must still lose nothing.
            let updated = try await db.sql.update("users").set("version", to: expectedVersion + 1)
                .set("updated_at", to: Date())
                .where("id", .equal, id).where("version", .equal, expectedVersion).returning("id").all()
            guard updated.count == 1 else {
                throw Abort(.conflict, reason: "Someone else changed this user. Reload and try again.")
            }
            try await UserAdministration.replaceRolesAndTeams(userId: id, roles: roles, teams: memberships, on: db)
            try await Audit.record(
                on: db, req, action: .update, subject: .user(id),
                detail: "roles: \(roles.sorted().map(\.rawValue).joined(separator: ", ")); teams: \(memberships.count)")
        }
        return try await showPage(
            req, userId: id, link: nil, notice: "Changes saved. They apply from the user’s next request.")
    }

    func disable(req: Request) async throws -> Response {
        let id = try userId(req)
        guard id != (try req.requireUser()).id else {
            throw Abort(.badRequest, reason: "You cannot disable your own account.")
        }
        try await req.transaction { db in
            guard let user = try await User.find(id, on: db) else { throw Abort(.notFound) }
            try await UserAdministration.setDisabled(user, true, on: db, audit: req.auditContext)
        }
        return try await showPage(
            req, userId: id, link: nil, notice: "Account disabled. Every session it had has ended.")
    }

    func enable(req: Request) async throws -> Response {
        let id = try userId(req)
        try await req.transaction { db in
            guard let user = try await User.find(id, on: db) else { throw Abort(.notFound) }
            try await UserAdministration.setDisabled(user, false, on: db, audit: req.auditContext)
        }
        return try await showPage(req, userId: id, link: nil, notice: "Account enabled.")
    }

    func issueSetPasswordLink(req: Request) async throws -> Response {
        let id = try userId(req)
        let settings = req.settings
        let token: String = try await req.transaction { db in
            guard try await User.find(id, on: db) != nil else { throw Abort(.notFound) }
            return try await SetPasswordLinks.issue(for: id, on: db, settings: settings, audit: req.auditContext)
        }
        return try await showPage(
            req, userId: id, link: SetPasswordLinks.url(for: token, settings: settings),
            notice: "Send the user this link. It works once, for 24 hours, and is not shown again.")
    }

    // MARK: Helpers

    private func showPage(
        _ req: Request, userId: UUID, link: String?, notice: String?, status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let admin = try req.requireUser()
        let page: AdminUserFormPage = try await req.read { db in
            guard let user = try await User.find(userId, on: db) else { throw Abort(.notFound) }
            let teams = try await Team.query(on: db).sort(\.$name).all()
            let actor = try await ActorLoader.load(userId: userId, on: db.sql)
            try await Audit.record(on: db, req, action: .view, subject: .user(userId))
            return AdminUserFormPage(
                layout: Layout(req, title: user.displayName), userId: userId, email: user.email,
                displayName: user.displayName, isDisabled: user.isDisabled, version: user.version,
                roles: Self.roleOptions(checked: actor.roles),
                teams: try teams.map { team in
                    let membership = actor.memberships.first { $0.teamId == team.id }
                    return TeamOption(
                        id: try team.requireID(), name: team.name, isMember: membership != nil,
                        isManager: membership?.isManager ?? false)
                },
                errors: nil, setPasswordLink: link, notice: notice, isSelf: userId == admin.id)
        }
        return try await Self.render("admin/users/show", page, req, status: status)
    }

    private static func render(
        _ template: String, _ page: AdminUserFormPage, _ req: Request, status: HTTPResponseStatus
    )
        async throws -> Response
    {
        let response = try await req.view.render(template, page).encodeResponse(for: req)
        response.status = status
        return response
    }

    private static func formPage(
        _ req: Request, title: String, new: UserAdministration.NewUser, teams: [Team], errors: FieldErrorList
    ) throws -> AdminUserFormPage {
        AdminUserFormPage(
            layout: Layout(req, title: title, errors: errors), email: new.email, displayName: new.displayName,
            isDisabled: false, version: 0, roles: roleOptions(checked: new.roles),
            teams: try teams.map { team in
                let membership = new.teams.first { $0.teamId == team.id }
                return TeamOption(
                    id: try team.requireID(), name: team.name, isMember: membership != nil,
                    isManager: membership?.isManager ?? false)
            },
            errors: errors.forPage, emailError: errors.message(for: "email"),
            displayNameError: errors.message(for: "displayName"), rolesError: errors.message(for: "roles"),
            isSelf: false)
    }

    private static func roleOptions(checked: Set<Role>) -> [RoleOption] {
        Role.allCases.map { RoleOption(value: $0.rawValue, label: $0.label, isChecked: checked.contains($0)) }
    }

    /// Team checkboxes: "member of" and "manages"; managing a team implies membership.
    private static func memberships(from form: UserForm, teams: [Team]) -> [TeamMembership] {
        let known = Set(teams.compactMap(\.id))
        let members = Set((form.teams ?? []).compactMap(UUID.init(uuidString:))).intersection(known)
        let managed = Set((form.manages ?? []).compactMap(UUID.init(uuidString:))).intersection(known)
        return members.union(managed).sorted { $0.uuidString < $1.uuidString }.map {
            TeamMembership(teamId: $0, isManager: managed.contains($0))
        }
    }

    /// Roles and team names for many users in one query each, for the users list.
    static func rolesAndTeams(of ids: [UUID], on db: any SQLDatabase) async throws -> [UUID: (
        roles: [Role], teams: [String]
    )] {
        guard !ids.isEmpty else { return [:] }
        var result: [UUID: (roles: [Role], teams: [String])] = [:]
        for row in try await db.raw("SELECT user_id, role FROM user_roles WHERE user_id IN (\(binds: ids))").all() {
            let id = try row.decode(column: "user_id", as: UUID.self)
            if let role = Role(rawValue: try row.decode(column: "role", as: String.self)) {
                result[id, default: ([], [])].roles.append(role)
            }
        }
        for row in try await db.raw(
            """
            SELECT m.user_id, t.name, m.is_manager FROM team_memberships m JOIN teams t ON t.id = m.team_id
            WHERE m.user_id IN (\(binds: ids)) ORDER BY t.name
            """
        ).all() {
            let id = try row.decode(column: "user_id", as: UUID.self)
            let name = try row.decode(column: "name", as: String.self)
            let manager = try row.decode(column: "is_manager", as: Bool.self)
            result[id, default: ([], [])].teams.append(manager ? "\(name) (manager)" : name)
        }
        return result
    }

    private func userId(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("userId", as: UUID.self) else { throw Abort(.notFound) }
        return id
    }
}
