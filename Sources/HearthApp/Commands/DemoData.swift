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
        var key: String
        var given: String
        var family: String
        var dateOfBirth: String?
        var sex: String
        var isChild: Bool
        var language: String = "English"
        var ethnicity: String? = nil
        var expectedDateOfBirth: String? = nil
        var interpreterNeeded = false
        var hasEHCP = false
        var isRestricted = false
        var named: [String] = []
    }

    struct DemoFamily {
        var name: String
        var people: [DemoPerson]
        /// (from key, kind, to key): "to is kind of from", e.g. ("amara", "mother", "chiamaka").
        var relationships: [(String, String, String)]
        var service: String
        var level: Int
        var worker: String?
        var reason: String
        var address: (line1: String, town: String, postcode: String)
        /// A move during the year, for the chronology.
        var movedTo: (line1: String, town: String, postcode: String)? = nil
    }

    /// Twelve synthetic families, all worked by team North (some with a named worker); none by South.
    static let families: [DemoFamily] = [
        DemoFamily(
            name: "Okafor family",
            people: [
                .init(
                    key: "amara", given: "Amara", family: "Okafor", dateOfBirth: "2014-03-12", sex: "F", isChild: true,
                    ethnicity: "BAFR"),
                .init(
                    key: "jayden", given: "Jayden", family: "Okafor", dateOfBirth: "2017-09-01", sex: "M",
                    isChild: true, ethnicity: "BAFR"),
                .init(
                    key: "chiamaka", given: "Chiamaka", family: "Okafor", dateOfBirth: "1986-05-20", sex: "F",
                    isChild: false, language: "English and Igbo", ethnicity: "BAFR"),
            ],
            relationships: [
                ("amara", "mother", "chiamaka"), ("jayden", "mother", "chiamaka"), ("amara", "sibling", "jayden"),
            ],
            service: "early-help", level: 2, worker: "practitioner@hearth.example",
            reason: "School worried about Amara's attendance and low mood since her father left",
            address: ("14 Larch Row", "Northbridge", "NB1 4QT"), movedTo: ("3 Hawthorn Close", "Northbridge", "NB2 7LP")
        ),
        DemoFamily(
            name: "Rahman family",
            people: [
                .init(
                    key: "mohammed", given: "Mohammed", family: "Rahman", dateOfBirth: "2009-11-30", sex: "M",
                    isChild: true, ethnicity: "ABAN"),
                .init(
                    key: "aisha", given: "Aisha", family: "Rahman", dateOfBirth: "2012-02-19", sex: "F", isChild: true,
                    ethnicity: "ABAN"),
                .init(
                    key: "nasreen", given: "Nasreen", family: "Rahman", dateOfBirth: "1982-08-02", sex: "F",
                    isChild: false, language: "Bengali (Sylheti)", ethnicity: "ABAN", interpreterNeeded: true),
            ],
            relationships: [
                ("mohammed", "mother", "nasreen"), ("aisha", "mother", "nasreen"), ("mohammed", "sibling", "aisha"),
            ],
            service: "youth-work", level: 2, worker: "practitioner@hearth.example",
            reason: "Mohammed referred by his college after fights and missed sessions",
            address: ("27 Foundry Lane", "Northbridge", "NB3 2DF")),
        DemoFamily(
            name: "Turner household",
            people: [
                .init(
                    key: "lily", given: "Lily-Mae", family: "Turner", dateOfBirth: "2011-06-22", sex: "F",
                    isChild: true, ethnicity: "WBRI"),
                .init(
                    key: "kerry", given: "Kerry", family: "Turner", dateOfBirth: "1990-01-09", sex: "F", isChild: false,
                    ethnicity: "WBRI"),
                .init(
                    key: "dean", given: "Dean", family: "Holt", dateOfBirth: "1987-10-30", sex: "M", isChild: false,
                    ethnicity: "WBRI"),
            ],
            relationships: [
                ("lily", "mother", "kerry"), ("lily", "parents-partner", "dean"), ("kerry", "partner", "dean"),
            ],
            service: "family-support", level: 3, worker: "senior@hearth.example",
            reason: "Police attended two domestic incidents at the home; Lily-Mae was present",
            address: ("9 Canal Side", "Northbridge", "NB1 8RS")),
        DemoFamily(
            name: "Kowalczyk family",
            people: [
                .init(
                    key: "zofia", given: "Zofia", family: "Kowalczyk", dateOfBirth: "2016-02-14", sex: "F",
                    isChild: true, language: "Polish and English", ethnicity: "WOTH"),
                .init(
                    key: "piotr", given: "Piotr", family: "Kowalczyk", dateOfBirth: "1984-04-11", sex: "M",
                    isChild: false, language: "Polish", ethnicity: "WOTH"),
                .init(
                    key: "agnieszka", given: "Agnieszka", family: "Kowalczyk", dateOfBirth: "1988-12-01", sex: "F",
                    isChild: false, language: "Polish", ethnicity: "WOTH"),
            ],
            relationships: [
                ("zofia", "father", "piotr"), ("zofia", "mother", "agnieszka"), ("piotr", "partner", "agnieszka"),
            ],
            service: "early-help", level: 2, worker: nil,
            reason: "Health visitor concerned about Zofia's speech and the family's isolation",
            address: ("51 Mill Street", "Northbridge", "NB4 1AE")),
        DemoFamily(
            name: "Bennett household",
            people: [
                .init(
                    key: "tyler", given: "Tyler", family: "Bennett", dateOfBirth: "2008-08-08", sex: "M", isChild: true,
                    ethnicity: "MWBC"),
                .init(
                    key: "maureen", given: "Maureen", family: "Bennett", dateOfBirth: "1958-03-27", sex: "F",
                    isChild: false, ethnicity: "WBRI"),
            ],
            relationships: [("tyler", "grandparent", "maureen")],
            service: "youth-justice", level: 3, worker: "apprentice@hearth.example",
            reason: "Referral order after a shoplifting offence; concern about older associates",
            address: ("2 Beacon Terrace", "Northbridge", "NB5 6GH")),
        DemoFamily(
            name: "Adeyemi family",
            people: [
                .init(
                    key: "grace", given: "Grace", family: "Adeyemi", dateOfBirth: "2019-12-03", sex: "F", isChild: true,
                    ethnicity: "BAFR"),
                .init(
                    key: "funmi", given: "Funmilayo", family: "Adeyemi", dateOfBirth: "1995-07-15", sex: "F",
                    isChild: false, language: "English and Yoruba", ethnicity: "BAFR"),
                .init(
                    key: "unborn", given: "Baby", family: "Adeyemi", dateOfBirth: nil, sex: "U", isChild: true,
                    ethnicity: "BAFR", expectedDateOfBirth: "2027-02-20"),
            ],
            relationships: [
                ("grace", "mother", "funmi"), ("unborn", "mother", "funmi"), ("grace", "sibling", "unborn"),
            ],
            service: "early-years", level: 2, worker: "practitioner@hearth.example",
            reason: "Young mother with a second baby due, housing insecure, asked for help",
            address: ("Flat 6, Riverside Court", "Northbridge", "NB2 3HU")),
        DemoFamily(
            name: "Morgan family",
            people: [
                .init(
                    key: "ellis", given: "Ellis", family: "Morgan", dateOfBirth: "2012-05-05", sex: "M", isChild: true,
                    ethnicity: "WBRI", isRestricted: true, named: ["manager@hearth.example"]),
                .init(
                    key: "sian", given: "Sian", family: "Morgan", dateOfBirth: "1983-09-14", sex: "F", isChild: false,
                    ethnicity: "WBRI", isRestricted: true, named: ["manager@hearth.example"]),
            ],
            relationships: [("ellis", "mother", "sian")],
            service: "family-support", level: 3, worker: nil,
            reason: "A colleague's family: restricted to the team manager",
            address: ("18 Orchard Way", "Northbridge", "NB6 2JJ")),
        DemoFamily(
            name: "Nguyen family",
            people: [
                .init(
                    key: "minh", given: "Minh", family: "Nguyen", dateOfBirth: "2013-07-07", sex: "M", isChild: true,
                    language: "Vietnamese and English", ethnicity: "AOTH", hasEHCP: true),
                .init(
                    key: "linh", given: "Linh", family: "Nguyen", dateOfBirth: "2015-10-10", sex: "F", isChild: true,
                    language: "Vietnamese and English", ethnicity: "AOTH"),
                .init(
                    key: "tuan", given: "Tuan", family: "Nguyen", dateOfBirth: "1979-02-02", sex: "M", isChild: false,
                    language: "Vietnamese", ethnicity: "AOTH", interpreterNeeded: true),
            ],
            relationships: [("minh", "father", "tuan"), ("linh", "father", "tuan"), ("minh", "sibling", "linh")],
            service: "send", level: 2, worker: "senior@hearth.example",
            reason: "Minh's EHC plan review: support for the move to secondary school",
            address: ("40 Station Road", "Northbridge", "NB1 2BB")),
        DemoFamily(
            name: "O'Brien household",
            people: [
                .init(
                    key: "cian", given: "Cian", family: "O'Brien", dateOfBirth: "2010-01-15", sex: "M", isChild: true,
                    ethnicity: "WIRI"),
                .init(
                    key: "saoirse", given: "Saoirse", family: "O'Brien", dateOfBirth: "2014-05-20", sex: "F",
                    isChild: true, ethnicity: "WIRI"),
                .init(
                    key: "niamh", given: "Niamh", family: "O'Brien", dateOfBirth: "1985-11-11", sex: "F",
                    isChild: false, ethnicity: "WIRI"),
                .init(
                    key: "gary", given: "Gary", family: "Walsh", dateOfBirth: "1981-06-06", sex: "M", isChild: false,
                    ethnicity: "WBRI"),
            ],
            relationships: [
                ("cian", "mother", "niamh"), ("saoirse", "mother", "niamh"), ("cian", "step-parent", "gary"),
                ("saoirse", "step-parent", "gary"), ("cian", "sibling", "saoirse"), ("niamh", "partner", "gary"),
            ],
            service: "family-support", level: 3, worker: "practitioner@hearth.example",
            reason: "Cian going missing overnight; arguments at home since the family blended",
            address: ("7 Quarry Hill", "Northbridge", "NB3 9XY")),
        DemoFamily(
            name: "Hussain family",
            people: [
                .init(
                    key: "yusuf", given: "Yusuf", family: "Hussain", dateOfBirth: "2008-03-03", sex: "M", isChild: true,
                    language: "Urdu and English", ethnicity: "APKN"),
                .init(
                    key: "shazia", given: "Shazia", family: "Hussain", dateOfBirth: "1976-12-24", sex: "F",
                    isChild: false, language: "Urdu", ethnicity: "APKN"),
            ],
            relationships: [("yusuf", "mother", "shazia")],
            service: "youth-work", level: 1, worker: "apprentice@hearth.example",
            reason: "Yusuf asked for help finding an apprenticeship after leaving sixth form",
            address: ("63 Chapel Street", "Northbridge", "NB4 5PL")),
        DemoFamily(
            name: "Williams household",
            people: [
                .init(
                    key: "maya", given: "Maya", family: "Williams-Clarke", dateOfBirth: "2012-12-12", sex: "F",
                    isChild: true, ethnicity: "MWBC"),
                .init(
                    key: "jordan", given: "Jordan", family: "Williams", dateOfBirth: "2009-09-09", sex: "M",
                    isChild: true, ethnicity: "MWBC"),
                .init(
                    key: "tanya", given: "Tanya", family: "Williams", dateOfBirth: "1991-04-18", sex: "F",
                    isChild: false, ethnicity: "WBRI"),
            ],
            relationships: [
                ("maya", "mother", "tanya"), ("jordan", "mother", "tanya"), ("maya", "half-sibling", "jordan"),
            ],
            service: "early-help", level: 2, worker: "practitioner@hearth.example",
            reason: "Mother asked for help with Jordan's anger and Maya's sleep after a bereavement",
            address: ("22 Kiln Road", "Northbridge", "NB5 1QQ"), movedTo: ("11 Sandpit Lane", "Northbridge", "NB5 3RT")),
        DemoFamily(
            name: "Popescu family",
            people: [
                .init(
                    key: "andrei", given: "Andrei", family: "Popescu", dateOfBirth: "2011-04-04", sex: "M",
                    isChild: true, language: "Romanian and English", ethnicity: "WROM"),
                .init(
                    key: "elena", given: "Elena", family: "Popescu", dateOfBirth: "1989-09-30", sex: "F",
                    isChild: false, language: "Romanian", ethnicity: "WROM", interpreterNeeded: true),
            ],
            relationships: [("andrei", "mother", "elena")],
            service: "early-help", level: 2, worker: "senior@hearth.example",
            reason: "New to the area; Andrei not yet in school and mother working nights",
            address: ("5 Wharf Street", "Northbridge", "NB2 6MN")),
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
            for name in ["North", "South", "Oak House", "Birch Lodge"] {
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
            var random = SeededRandom(seed: 20_261_129)
            for (index, family) in families.enumerated() {
                try await loadFamily(family, index: index, teams: teams, users: users, random: &random, on: db)
            }
            try await DemoApprenticeship.load(users: users, on: db)
            try await DemoResidential.load(teams: teams, users: users, on: db)
            let everyone = try await Person.query(on: db).all().map { try $0.requireID() }
            try await PersonSearch.reindex(everyone, on: db.sql)
            try await Audit.write(
                on: db, .commandLine(), action: .create, subject: AuditSubject(type: "demo", id: nil),
                detail: "demo data loaded")
        }
    }

    private static func loadFamily(
        _ demo: DemoFamily, index familyIndex: Int, teams: [String: UUID], users: [String: UUID],
        random: inout SeededRandom,
        on db: any Database
    ) async throws {
        let family = Family(name: demo.name)
        try await family.create(on: db)
        let familyId = try family.requireID()
        var ids: [String: UUID] = [:]
        var sexes: [String: String] = [:]
        let yearAgo = UKTime.calendar.startOfDay(for: Date().addingTimeInterval(-365 * 86_400))
        for demoPerson in demo.people {
            let person = Person(
                givenName: demoPerson.given, familyName: demoPerson.family, dateOfBirth: demoPerson.dateOfBirth,
                isRestricted: demoPerson.isRestricted)
            person.expectedDateOfBirth = demoPerson.expectedDateOfBirth
            person.sex = demoPerson.sex
            person.ethnicity = demoPerson.ethnicity
            person.firstLanguage = demoPerson.language
            person.interpreterNeeded = demoPerson.interpreterNeeded
            person.hasEHCP = demoPerson.hasEHCP
            person.hasSEND = demoPerson.hasEHCP ? true : nil
            try await person.create(on: db)
            let id = try person.requireID()
            ids[demoPerson.key] = id
            sexes[demoPerson.key] = demoPerson.sex
            try await FamilyMember(familyId: familyId, personId: id, role: demoPerson.isChild ? "child" : "adult")
                .create(on: db)
            for email in demoPerson.named {
                try await PersonNamedUser(personId: id, userId: users[email]!).create(on: db)
            }
            var first = AddressStore.New(
                line1: demo.address.line1, line2: nil, town: demo.address.town, postcode: demo.address.postcode,
                movedInOn: "2021-06-01", movedOutOn: nil)
            if let moved = demo.movedTo {
                let moveDay = UKTime.dayString(yearAgo.addingTimeInterval(150 * 86_400))
                first.movedOutOn = moveDay
                try await AddressStore.create(first, personId: id, createdBy: nil, on: db)
                try await AddressStore.create(
                    .init(
                        line1: moved.line1, line2: nil, town: moved.town, postcode: moved.postcode, movedInOn: moveDay,
                        movedOutOn: nil),
                    personId: id, createdBy: nil, on: db)
            } else {
                try await AddressStore.create(first, personId: id, createdBy: nil, on: db)
            }
        }
        for (from, kind, to) in demo.relationships {
            try await RelationshipStore.create(
                personId: ids[from]!, kind: kind, relatedPersonId: ids[to]!, personSex: sexes[from]!,
                livesWith: true, importantToMe: true, startedOn: nil, createdBy: nil, on: db)
        }
        let worker = demo.worker.flatMap { users[$0] }
        let involvement = try await InvolvementStore.create(
            .init(
                service: demo.service, familyId: familyId, subjects: demo.people.map { ids[$0.key]! },
                levelOfNeed: demo.level,
                workerId: worker, teamId: teams["North"]!, startedOn: UKTime.dayString(yearAgo), reason: demo.reason,
                consent: "given", createdBy: worker),
            on: db)
        let children = demo.people.filter { $0.isChild && $0.dateOfBirth != nil }
        let carer = demo.people.first { !$0.isChild }?.given ?? "carer"
        let author = worker ?? users["practitioner@hearth.example"]!
        // A contact every two weeks or so across the year, some significant, many with the child's words.
        var day = 3
        var index = 0
        while day < 362 {
            let child = children[index % children.count]
            let occurred = yearAgo.addingTimeInterval(
                TimeInterval(day) * 86_400 + TimeInterval(random.next(in: 9...17)) * 3600)
            let significant = index % 5 == 4
            let script = random.element(of: DemoScripts.visits)
            let words =
                index % 2 == 0 ? random.element(of: DemoScripts.childWords) : nil
            let checked = RecordingInput.Checked(
                kind: script.kind, occurredAt: occurred, place: script.place, present: "\(child.given), \(carer)",
                childSeen: "yes", seenAlone: index % 2 == 0 ? "yes" : "no",
                note: script.note.replacingOccurrences(of: "{child}", with: child.given), isSignificant: significant,
                significanceCategory: significant ? DemoScripts.categories[index % DemoScripts.categories.count] : nil,
                involvementId: involvement.id, alsoAbout: [],
                quotes: words.map {
                    [.init(speakerPersonId: ids[child.key]!, speakerLabel: "\(child.given) \(child.family)", words: $0)]
                } ?? [])
            try await RecordingStore.insert(
                id: UUID(), checked, subjects: [ids[child.key]!], status: RecordingStatus.submitted, authorId: author,
                on: db)
            day += random.next(in: 10...18)
            index += 1
        }
        try await DemoPractice.load(
            .init(
                index: familyIndex, involvementId: try involvement.requireID(), level: demo.level,
                children: children.map { (ids[$0.key]!, $0.given) }, carer: carer, start: yearAgo, author: author,
                manager: users["manager@hearth.example"]!),
            on: db)
    }
}

/// A small deterministic generator (SplitMix64), so the demo is the same every time.
struct SeededRandom {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func next(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    /// One of `choices`, which must not be empty.
    mutating func element<T>(of choices: [T]) -> T {
        choices[next(in: 0...(choices.count - 1))]
    }
}

/// Invented notes and words for the demo's recordings.
enum DemoScripts {
    static let categories = ["education", "health", "family-change", "safeguarding", "achievement"]

    static let visits: [(kind: String, place: String, note: String)] = [
        (
            "home-visit", "Family home",
            "Visited at home after school. {child} showed me their room and a drawing from art club. The house was warm and there was food in the kitchen. We talked about mornings, which are still the hardest part of the day; we agreed a picture timetable to try this week."
        ),
        (
            "session", "Youth centre",
            "One-to-one session at the centre. {child} arrived on time and stayed for the whole hour. We used the three houses tool: worries about money at home and a friend who has moved away; good things were football and a teacher they trust."
        ),
        (
            "call", "Phone",
            "Phone call with the parent to check how the week had gone. School had rung twice about lateness. Parent sounded tired but engaged and asked for help with the housing form; I will bring a copy on Thursday."
        ),
        (
            "meeting", "School",
            "Team around the family meeting at school with the head of year and the school nurse. Attendance is up from 78% to 86% this half term. Actions agreed: nurse to review sleep, school to offer breakfast club, I will visit the family fortnightly."
        ),
        (
            "observation", "Contact centre",
            "Observed family time at the contact centre. Warm greeting; parent brought snacks and a game. {child} sought comfort when upset and was soothed quickly. Some difficulty ending the session; parent prepared {child} well for goodbye."
        ),
        (
            "visit", "Park",
            "Walk in the park with {child}, who found it easier to talk side by side. Spoke about feeling left out at home since the changes were shared. We named two adults they could talk to at school."
        ),
    ]

    static let childWords = [
        "I like it when Mum walks me to school, it makes my tummy feel better.",
        "Nobody listens when I say I'm tired.",
        "Football is the best bit of my week.",
        "I don't want to move again, I only just made friends.",
        "It's calmer at home now. Mostly.",
        "I worry about Mum when she's sad.",
        "My teacher Miss Patel gets it.",
        "Can you come back next week?",
    ]
}
