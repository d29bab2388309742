import Fluent
import Foundation
import HearthDomain
import SQLKit
import Vapor

/// The demo organisation: synthetic people and one account per role, for trying Hearth and for the
/// browser tests. Every name here is invented.
enum DemoData {
    static let password = "hearth-demo-password"

    struct Account {
        var email: String
        var name: String
        var roles: [Role]
        var teams: [String] = []
        var manages: [String] = []
    }

    static let accounts: [Account] = [
        Account(
            email: "practitioner@hearth.example", name: "Priya Natarajan", roles: [.practitioner], teams: ["North"]),
        Account(
            email: "practitioner.south@hearth.example", name: "Sam Okonedo", roles: [.practitioner], teams: ["South"]),
        Account(
            email: "senior@hearth.example", name: "Gareth Llewellyn", roles: [.seniorPractitioner], teams: ["North"]),
        Account(email: "manager@hearth.example", name: "Helen Achterberg", roles: [.teamManager], manages: ["North"]),
        Account(email: "manager.south@hearth.example", name: "Tomasz Wilk", roles: [.teamManager], manages: ["South"]),
        Account(
            email: "residential@hearth.example", name: "Dee Mensah", roles: [.residentialWorker], teams: ["Oak House"]),
        Account(
            email: "registered.manager@hearth.example", name: "Rosa Ferreira", roles: [.registeredManager],
            manages: ["Oak House"]),
        Account(email: "safeguarding@hearth.example", name: "Nadia Brookes", roles: [.safeguardingLead]),
        Account(email: "apprentice@hearth.example", name: "Jordan Ashby", roles: [.apprentice], teams: ["North"]),
        Account(email: "tutor@hearth.example", name: "Imogen Hale", roles: [.tutorAssessor]),
        Account(email: "auditor@hearth.example", name: "Marcus Whitfield", roles: [.auditor]),
        Account(email: "admin@hearth.example", name: "Ada Pemberton", roles: [.administrator]),
    ]

    struct DemoPerson {
        var given: String
        var family: String
        var dateOfBirth: String
        var allocatedTo: String?
        var isRestricted = false
        var named: [String] = []
    }

    /// All allocated to team North (some to a worker in it as well); none to South.
    static let people: [DemoPerson] = [
        DemoPerson(
            given: "Amara", family: "Okafor", dateOfBirth: "2014-03-12", allocatedTo: "practitioner@hearth.example"),
        DemoPerson(
            given: "Jayden", family: "Okafor", dateOfBirth: "2017-09-01", allocatedTo: "practitioner@hearth.example"),
        DemoPerson(
            given: "Lily-Mae", family: "Turner", dateOfBirth: "2011-06-22", allocatedTo: "senior@hearth.example"),
        DemoPerson(
            given: "Mohammed", family: "Rahman", dateOfBirth: "2009-11-30", allocatedTo: "practitioner@hearth.example"),
        DemoPerson(given: "Zofia", family: "Kowalczyk", dateOfBirth: "2016-02-14", allocatedTo: nil),
        DemoPerson(
            given: "Tyler", family: "Bennett", dateOfBirth: "2008-08-08", allocatedTo: "apprentice@hearth.example"),
        DemoPerson(given: "Grace", family: "Adeyemi", dateOfBirth: "2019-12-03", allocatedTo: nil),
        DemoPerson(
            given: "Ellis", family: "Morgan", dateOfBirth: "2012-05-05", allocatedTo: nil, isRestricted: true,
            named: ["manager@hearth.example"]),
    ]

    static func isDatabaseEmpty(_ db: any Database) async throws -> Bool {
        try await User.query(on: db).count() == 0
    }

    static func load(into app: Application) async throws {
        let hash = try await app.password.async.hash(password)
        try await Store.transaction(app.db) { db in
            let organisation = Organisation(name: "Hearth demo council")
            try await organisation.create(on: db)
            let organisationId = try organisation.requireID()
            var teams: [String: UUID] = [:]
            for name in ["North", "South", "Oak House"] {
                let team = Team(organisationId: organisationId, name: name)
                try await team.create(on: db)
                teams[name] = try team.requireID()
            }
            var users: [String: UUID] = [:]
            for account in accounts {
                let user = User(
                    organisationId: organisationId, email: account.email, displayName: account.name, passwordHash: hash)
                try await user.create(on: db)
                let userId = try user.requireID()
                users[account.email] = userId
                let memberships =
                    account.teams.map { TeamMembership(teamId: teams[$0]!, isManager: false) }
                    + account.manages.map { TeamMembership(teamId: teams[$0]!, isManager: true) }
                try await UserAdministration.replaceRolesAndTeams(
                    userId: userId, roles: Set(account.roles), teams: memberships, on: db)
            }
            let start = Date().addingTimeInterval(-180 * 24 * 60 * 60)
            for demo in people {
                let person = Person(
                    givenName: demo.given, familyName: demo.family, dateOfBirth: demo.dateOfBirth,
                    isRestricted: demo.isRestricted)
                try await person.create(on: db)
                let personId = try person.requireID()
                try await Allocation(
                    personId: personId, userId: demo.allocatedTo.flatMap { users[$0] }, teamId: teams["North"],
                    startsOn: start
                ).create(on: db)
                for email in demo.named {
                    try await PersonNamedUser(personId: personId, userId: users[email]!).create(on: db)
                }
            }
            try await Audit.write(
                on: db, .commandLine(), action: .create, subject: AuditSubject(type: "demo", id: nil),
                detail: "demo data loaded")
        }
    }
}
