import Fluent
import Foundation
import HearthDomain

/// Oak House: a children's home with four children placed, looked after by the Oak House team
/// (residential@ works there; registered.manager@ manages it), with a year of incidents and missing
/// episodes. Most are closed off; the latest leave prompts on the home's work lists.
enum DemoResidential {
    static let children: [(given: String, family: String, born: String, sex: String, legal: String)] = [
        ("Kayden", "Wright", "2011-03-14", "M", "C2 (care order)"),
        ("Sophie", "Barnes", "2010-07-02", "F", "V2 (section 20)"),
        ("Aaliyah", "Osei", "2012-11-23", "F", "C2 (care order)"),
        ("Connor", "Price", "2009-09-30", "M", "J2 (remand)"),
    ]

    static func load(teams: [String: UUID], users: [String: UUID], on db: any Database) async throws {
        guard let team = teams["Oak House"], let worker = users["residential@hearth.example"],
            let manager = users["registered.manager@hearth.example"]
        else { return }
        let home = Home()
        home.name = "Oak House"
        home.urn = "SC999001"
        home.kind = "childrens-home"
        home.teamId = team
        home.registeredManagerId = manager
        home.capacity = 4
        home.statementOfPurpose =
            "Oak House is a four-bedded home for young people aged 11 to 17 who need a stable, nurturing base. We work as professional parents: routines, education every day, and the young person's voice in every plan."
        home.version = 1
        try await home.create(on: db)
        let homeId = try home.requireID()
        let yearAgo = Date().addingTimeInterval(-365 * 86_400)
        var random = SeededRandom(seed: 44_001)
        var placed: [String] = []
        for (index, child) in children.enumerated() {
            let person = Person(givenName: child.given, familyName: child.family, dateOfBirth: child.born)
            person.sex = child.sex
            try await person.create(on: db)
            let personId = try person.requireID()
            let start = yearAgo.addingTimeInterval(Double(index * 20) * 86_400)
            let involvement = try await InvolvementStore.create(
                .init(
                    service: "residential-care", familyId: nil, subjects: [personId], levelOfNeed: 4, workerId: worker,
                    teamId: team, startedOn: UKTime.dayString(start), reason: "Placed at Oak House",
                    consent: "not-required", createdBy: manager),
                on: db)
            let placement = Placement()
            placement.personId = personId
            placement.homeId = homeId
            placement.startedOn = UKTime.dayString(start)
            placement.reason = "Needs a stable home after a placement ended"
            placement.placingAuthority = "Hearth demo council"
            placement.socialWorker = "Children's social care, duty team"
            placement.legalStatus = child.legal
            placement.impactAssessment =
                "Considered with the young people already at Oak House: ages and routines fit; no known associations."
            placement.childrenConsidered = placed.isEmpty ? "None (first placement)" : placed.joined(separator: ", ")
            placement.involvementId = try involvement.requireID()
            placement.createdBy = manager
            placement.createdAt = start
            try await placement.create(on: db)
            placed.append("\(child.given) \(child.family)")

            // Incidents every few weeks; about one in three with a physical intervention.
            var day = 10 + random.next(in: 0...10)
            var count = 0
            while Double(day) < Date().timeIntervalSince(start) / 86_400 - 1 {
                let occurred = start.addingTimeInterval(Double(day) * 86_400 + Double(random.next(in: 15...22)) * 3600)
                let measure = count % 3 == 1
                let incident = Incident()
                incident.personId = personId
                incident.homeId = homeId
                incident.occurredAt = occurred
                incident.type =
                    measure ? "physical-intervention" : ["aggression", "property-damage", "police-call"][count % 3]
                incident.place = ["Lounge", "Kitchen", "Garden", "Hallway"][count % 4]
                incident.description =
                    measure
                    ? "\(child.given) tried to hit another young person; staff stepped in."
                    : "\(child.given) became upset after a phone call and shouted at staff; calmed with support."
                incident.policeInvolved = incident.type == "police-call"
                incident.medicalInvolved = false
                incident.recordedAt = occurred.addingTimeInterval(3 * 3600)
                incident.recordedBy = worker
                if measure {
                    incident.measureDescription = "Two-person guide to a quiet room"
                    incident.measureMinutes = random.next(in: 1...6)
                    incident.measureStaff = "Dee Mensah,Sam Lee"
                    incident.childView =
                        "\(child.given) said staff were fair but \(child.sex == "F" ? "she" : "he") wanted to be left alone."
                    incident.recordCompletedAt = incident.recordedAt
                    // The most recent ones are still waiting for the manager's steps.
                    if occurred < Date().addingTimeInterval(-10 * 86_400) {
                        incident.managerSpokeToStaffAt = occurred.addingTimeInterval(20 * 3600)
                        incident.managerSignedBy = manager
                        incident.childSpokenToAt = occurred.addingTimeInterval(2 * 86_400)
                    }
                }
                incident.version = 1
                try await incident.create(on: db)
                day += random.next(in: 14...30)
                count += 1
            }

            // Missing episodes, each found and the return home interview offered, except the latest.
            var missingDay = 30 + index * 7
            var episodes = 0
            while Double(missingDay) < Date().timeIntervalSince(start) / 86_400 - 3, episodes < 5 {
                let lastSeen = start.addingTimeInterval(Double(missingDay) * 86_400 + 20 * 3600)
                let episode = MissingEpisode()
                episode.personId = personId
                episode.homeId = homeId
                episode.lastSeenAt = lastSeen
                episode.reportedToPoliceAt = lastSeen.addingTimeInterval(2 * 3600)
                episode.policeReference = "MP-\(1000 + index * 100 + episodes)"
                episode.returnedAt = lastSeen.addingTimeInterval(Double(random.next(in: 5...30)) * 3600)
                episode.whereFound =
                    ["Town centre", "A friend's flat", "The train station", "Near Mum's house"][episodes % 4]
                episode.foundWith = episodes % 2 == 0 ? "Older friends" : "Alone"
                episode.risks = "Out late; unknown adults"
                if index != 1 || episodes < 4 {
                    episode.interviewOfferedAt = episode.returnedAt!.addingTimeInterval(30 * 3600)
                    episode.interviewOutcome = "Talked about who they were with; agreed a safety plan for evenings."
                }
                episode.recordedAt = lastSeen.addingTimeInterval(3 * 3600)
                episode.recordedBy = worker
                episode.version = 1
                try await episode.create(on: db)
                missingDay += random.next(in: 40...80)
                episodes += 1
            }
        }
        // Sophie came back yesterday: her return home interview is due within 72 hours.
        if let sophie = try await Person.query(on: db).filter(\.$givenName == "Sophie").filter(
            \.$familyName == "Barnes"
        ).first() {
            let episode = MissingEpisode()
            episode.personId = try sophie.requireID()
            episode.homeId = homeId
            episode.lastSeenAt = Date().addingTimeInterval(-40 * 3600)
            episode.reportedToPoliceAt = Date().addingTimeInterval(-38 * 3600)
            episode.policeReference = "MP-2099"
            episode.returnedAt = Date().addingTimeInterval(-26 * 3600)
            episode.whereFound = "Bus station"
            episode.foundWith = "Alone"
            episode.recordedAt = Date().addingTimeInterval(-25 * 3600)
            episode.recordedBy = worker
            episode.version = 1
            try await episode.create(on: db)
        }
    }
}
