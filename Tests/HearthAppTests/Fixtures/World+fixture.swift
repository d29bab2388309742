import Fluent
import Foundation
import HearthDomain
import Vapor

@testable import HearthApp

enum Fixtures {
    static let password = "correct horse battery staple"
}

/// A small organisation with one user per relation to one allocated person, built through the real
/// models (no shortcuts past the schema).
struct World {
    var north: UUID
    var south: UUID
    var users: [String: UUID]
    /// Allocated to team North and to `practitioner@test.example`.
    var person: UUID
    /// Restricted, allocated to North, with only the manager named.
    var restricted: UUID

    static let accounts: [(email: String, roles: [Role], team: String?, manages: Bool)] = [
        ("practitioner@test.example", [.practitioner], "North", false),
        ("colleague@test.example", [.practitioner], "North", false),
        ("south@test.example", [.practitioner], "South", false),
        ("manager@test.example", [.teamManager], "North", true),
        ("safeguarding@test.example", [.safeguardingLead], nil, false),
        ("auditor@test.example", [.auditor], nil, false),
        ("admin@test.example", [.administrator], nil, false),
        ("tutor@test.example", [.tutorAssessor], nil, false),
    ]

    static func build(on app: Application) async throws -> World {
        let hash = try app.password.hash(Fixtures.password)
        let db = app.db
        let organisation = Organisation(name: "Test council")
        try await organisation.create(on: db)
        let north = Team(organisationId: try organisation.requireID(), name: "North")
        let south = Team(organisationId: try organisation.requireID(), name: "South")
        try await north.create(on: db)
        try await south.create(on: db)
        var users: [String: UUID] = [:]
        for account in accounts {
            let user = User(
                organisationId: try organisation.requireID(), email: account.email,
                displayName: "Test \(account.email)",
                passwordHash: hash)
            try await user.create(on: db)
            let id = try user.requireID()
            users[account.email] = id
            var teams: [TeamMembership] = []
            if let team = account.team {
                teams.append(
                    TeamMembership(
                        teamId: try (team == "North" ? north : south).requireID(), isManager: account.manages))
            }
            try await UserAdministration.replaceRolesAndTeams(
                userId: id, roles: Set(account.roles), teams: teams, on: db)
        }
        let person = Person(givenName: "Amelia", familyName: "Testperson", dateOfBirth: "2015-04-01")
        try await person.create(on: db)
        try await Allocation(
            personId: try person.requireID(), userId: users["practitioner@test.example"], teamId: try north.requireID(),
            startsOn: Date().addingTimeInterval(-86_400)
        ).create(on: db)
        let restricted = Person(
            givenName: "Rowan", familyName: "Restricted", dateOfBirth: "2013-01-01", isRestricted: true)
        try await restricted.create(on: db)
        try await Allocation(
            personId: try restricted.requireID(), userId: nil, teamId: try north.requireID(),
            startsOn: Date().addingTimeInterval(-86_400)
        ).create(on: db)
        try await PersonNamedUser(personId: try restricted.requireID(), userId: users["manager@test.example"]!).create(
            on: db)
        try await PersonSearch.reindex([try person.requireID(), try restricted.requireID()], on: db.sql)
        return World(
            north: try north.requireID(), south: try south.requireID(), users: users, person: try person.requireID(),
            restricted: try restricted.requireID())
    }

    var personPath: String { "/people/\(person.uuidString.lowercased())" }
    var restrictedPath: String { "/people/\(restricted.uuidString.lowercased())" }
}

extension World {
    /// Adds Amelia's family: a brother (also allocated to North) and their mother, related both ways.
    func addFamily(on app: Application) async throws -> (brother: UUID, mother: UUID) {
        let db = app.db
        let brother = Person(givenName: "Theo", familyName: "Testperson", dateOfBirth: "2017-08-09")
        let mother = Person(givenName: "Maria", familyName: "Testperson", dateOfBirth: "1988-02-03")
        brother.sex = "M"
        mother.sex = "F"
        try await brother.create(on: db)
        try await mother.create(on: db)
        for id in [try brother.requireID(), try mother.requireID()] {
            try await Allocation(personId: id, userId: nil, teamId: north, startsOn: Date().addingTimeInterval(-86_400))
                .create(on: db)
        }
        try await RelationshipStore.create(
            personId: person, kind: "sibling", relatedPersonId: try brother.requireID(), personSex: "F",
            livesWith: true,
            importantToMe: true, startedOn: nil, createdBy: nil, on: db)
        try await RelationshipStore.create(
            personId: person, kind: "mother", relatedPersonId: try mother.requireID(), personSex: "F", livesWith: true,
            importantToMe: true, startedOn: nil, createdBy: nil, on: db)
        try await PersonSearch.reindex([try brother.requireID(), try mother.requireID()], on: db.sql)
        return (try brother.requireID(), try mother.requireID())
    }
}

extension World {
    /// A piece of family support (or `service`) with `subjects` (Amelia by default), allocated to the
    /// practitioner in North.
    func addInvolvement(
        on app: Application, subjects: [UUID]? = nil, level: Int = 2, service: String = "family-support"
    ) async throws -> UUID {
        try await InvolvementStore.create(
            .init(
                service: service, familyId: nil, subjects: subjects ?? [person], levelOfNeed: level,
                workerId: users["practitioner@test.example"], teamId: north, startedOn: "2026-09-01",
                reason: "Family asked for help with routines", consent: "given", createdBy: nil),
            on: app.db
        ).requireID()
    }
}
