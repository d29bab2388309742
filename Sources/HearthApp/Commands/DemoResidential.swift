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
        home.capacity = 5
        home.statementOfPurpose =
            "Oak House is a five-bedded home for young people aged 11 to 17 who need a stable, nurturing base. We work as professional parents: routines, education every day, and the young person's voice in every plan."
        home.ethos =
            "Every young person here is known, listened to and cared for as our own: we keep our promises, we repair after hard moments, and we celebrate small steps."
        home.version = 2
        try await home.create(on: db)
        let homeId = try home.requireID()
        for version in 1...2 {
            let statement = HomeStatement()
            statement.homeId = homeId
            statement.version = version
            statement.statementOfPurpose = home.statementOfPurpose
            statement.ethos = version == 2 ? home.ethos : nil
            statement.changeNote = version == 2 ? "Added the ethos the young people helped write" : nil
            statement.revisedBy = manager
            statement.revisedAt = Date().addingTimeInterval(Double(version - 3) * 120 * 86_400)
            try await statement.create(on: db)
        }
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
            try await loadDay(
                personId: personId, placement: placement, homeId: homeId, given: child.given, since: start,
                worker: worker, manager: manager, random: &random, on: db)

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
                if measure {
                    try await notification(
                        personId: personId, homeId: homeId, incident: incident.id, missing: nil,
                        recipient: "placing-authority",
                        at: occurred.addingTimeInterval(5 * 3600), by: worker, on: db)
                }
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
                try await notification(
                    personId: personId, homeId: homeId, incident: nil, missing: episode.id, recipient: "police",
                    at: episode.reportedToPoliceAt!, by: worker, on: db)
                try await notification(
                    personId: personId, homeId: homeId, incident: nil, missing: episode.id,
                    recipient: "placing-authority",
                    at: lastSeen.addingTimeInterval(3 * 3600), by: worker, on: db)
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
        try await loadHome(homeId: homeId, team: team, worker: worker, manager: manager, on: db)
        try await loadBirchLodge(teams: teams, manager: manager, on: db)
    }

    static func notification(
        personId: UUID, homeId: UUID, incident: UUID?, missing: UUID?, recipient: String, at: Date, by: UUID,
        on db: any Database
    ) async throws {
        let notification = RegulatoryNotification()
        notification.personId = personId
        notification.homeId = homeId
        notification.incidentId = incident
        notification.missingEpisodeId = missing
        notification.recipient = recipient
        notification.sentAt = at
        notification.method = recipient == "police" ? "phone" : "email"
        notification.sentBy = by
        try await notification.create(on: db)
    }

    static let logLines: [(area: String, text: String)] = [
        ("daily-care", "Up on time, showered and had breakfast with the group."),
        ("education", "Went to school without fuss; teacher said a good morning in maths."),
        ("friendships", "Played football in the garden with two others after tea."),
        ("emotional", "Quiet after school; talked with staff about a worry and settled."),
        ("family-time", "Phone call with Mum went well; looking forward to Saturday's visit."),
        ("health", "Dentist appointment kept; no concerns."),
        ("independence", "Cooked pasta with staff support and washed up after."),
        ("identity", "Talked about a family recipe and asked to cook it at the weekend."),
    ]

    /// A year of the child's day: two or three daily log entries a day, key work every fortnight, and the
    /// placement plan with its reviews.
    static func loadDay(
        personId: UUID, placement: Placement, homeId: UUID, given: String, since start: Date, worker: UUID,
        manager: UUID, random: inout SeededRandom, on db: any Database
    ) async throws {
        var logs: [DailyLog] = []
        var day = 0
        let now = Date()
        while start.addingTimeInterval(Double(day + 1) * 86_400) < now {
            for slot in 0..<(2 + random.next(in: 0...1)) {
                let line = random.element(of: logLines)
                let log = DailyLog()
                log.personId = personId
                log.homeId = homeId
                log.writtenAt = start.addingTimeInterval(Double(day) * 86_400 + Double(9 + slot * 5) * 3600)
                log.area = line.area
                log.text = "\(given): \(line.text)"
                log.writtenBy = slot == 2 ? manager : worker
                logs.append(log)
            }
            day += 1
        }
        try await logs.create(on: db)
        var sessions: [KeyWorkSession] = []
        let topics = [
            ("Feeling safe here", "I like my room but the hallway is noisy at night."),
            ("School", "Maths is alright now. I want to do the cooking course."),
            ("Family time", "I want to see my little brother more, not just on Saturdays."),
            ("Going out", "I know I have to say where I'm going. Sometimes I forget."),
        ]
        var held = 7
        while start.addingTimeInterval(Double(held) * 86_400) < now {
            let topic = topics[(held / 14) % topics.count]
            let session = KeyWorkSession()
            session.personId = personId
            session.homeId = homeId
            session.heldOn = UKTime.dayString(start.addingTimeInterval(Double(held) * 86_400))
            session.topic = topic.0
            session.childWords = topic.1
            session.followUps = "Share with the team at handover."
            session.writtenBy = worker
            session.recordedAt = start.addingTimeInterval(Double(held) * 86_400)
            sessions.append(session)
            held += 14
        }
        try await sessions.create(on: db)
        let plan = PlacementPlan()
        plan.personId = personId
        plan.placementId = try placement.requireID()
        plan.keyWorkerId = worker
        let areas: [String: String] = [
            "health": "Registered with the local GP and dentist; annual health assessment done.",
            "education": "Attends Northbridge Academy, year group with a mentor; aiming for full attendance.",
            "emotional": "Weekly sessions with the therapeutic practitioner; staff use calm, low-voice de-escalation.",
            "identity": "Supported to keep links with their culture, faith and food they love.",
            "family-time": "Supervised visit with family every Saturday; phone calls on weekday evenings.",
            "friendships": "Football club on Tuesdays; friends can visit with notice.",
            "daily-care": "Up by 7:30 on school days; bedtime 21:30, later at weekends.",
            "independence": "Cooking one meal a week; learning to manage pocket money.",
        ]
        plan.areas = String(decoding: try JSONEncoder().encode(areas), as: UTF8.self)
        plan.childWords = "I want to stay here, do well at school and see my brother more."
        plan.childVersion =
            "You live at Oak House. Staff help you get to school every day, see your family on Saturdays, and keep you safe. If you feel cross or sad, tell your key worker and we'll sort it together."
        plan.school = "Northbridge Academy"
        plan.pepDate = UKTime.dayString(now.addingTimeInterval(-60 * 86_400))
        plan.attendancePercent = 88 + random.next(in: 0...10)
        let reviewed = now.addingTimeInterval(-50 * 86_400)
        plan.reviewDueOn = UKTime.dayString(reviewed.addingTimeInterval(91 * 86_400))
        plan.updatedBy = worker
        plan.updatedAt = reviewed
        plan.version = 2
        try await plan.create(on: db)
        let review = PlacementPlanReview()
        review.planId = try plan.requireID()
        review.personId = personId
        review.reviewedOn = UKTime.dayString(reviewed)
        review.reason = "cycle"
        review.summary = "Settled and attending school; family time going well. Keep the plan as it is."
        review.childView = "It's OK here. I want more time with my brother."
        review.nextReviewOn = plan.reviewDueOn
        review.reviewedBy = manager
        review.recordedAt = reviewed
        try await review.create(on: db)
    }

    /// The home's own records: this week's rota with the residential worker on shift now, handovers (the
    /// latest not yet read by the residential worker), complaints, and a child referred and waiting for
    /// admission.
    static func loadHome(homeId: UUID, team: UUID, worker: UUID, manager: UUID, on db: any Database) async throws {
        let today = LondonTime.calendarDate(of: Date())
        var shifts: [Shift] = []
        for offset in -1...6 {
            let day = today.adding(days: offset)
            for (who, start, hours, lead) in [(worker, 7, 15, false), (manager, 9, 8, true), (worker, 22, 9, false)] {
                let shift = Shift()
                shift.homeId = homeId
                shift.userId = who
                shift.startsAt = LondonTime.moment(day, hour: start)
                shift.endsAt = shift.startsAt.addingTimeInterval(Double(hours) * 3600)
                shift.isLead = lead
                shift.createdBy = manager
                shifts.append(shift)
            }
        }
        try await shifts.create(on: db)
        for (index, text) in [
            (
                "Calm evening. Kayden and Connor played pool; Sophie came back late from college and went to bed at 23:00.",
                "Sophie's return home interview is due: offer it today. Aaliyah has the dentist at 10:00."
            ),
            (
                "Busy morning: all four at school. Connor's youth offending worker visited at 16:00.",
                "Kayden's football kit needs washing for Tuesday. Check the fire door alarm, it beeped twice."
            ),
        ].enumerated() {
            let handover = Handover()
            handover.homeId = homeId
            handover.writtenBy = manager
            handover.writtenAt = Date().addingTimeInterval(-Double(index * 24 + 2) * 3600)
            handover.whatHappened = text.0
            handover.nextShift = text.1
            try await handover.create(on: db)
            if index == 1 {
                let read = HandoverRead()
                read.handoverId = try handover.requireID()
                read.userId = worker
                read.readAt = handover.writtenAt.addingTimeInterval(3600)
                try await read.create(on: db)
            }
        }
        for (days, who, summary, outcome) in [
            (
                150, "Kayden Wright", "Not allowed to stay up for the late football match.",
                "Agreed later bedtime for big matches."
            ),
            (
                60, "A neighbour", "Music too loud in the garden on a Sunday evening.",
                "Apologised; garden music ends at 20:00."
            ),
            (5, "Sophie Barnes", "Says a member of staff read her diary.", nil),
        ] as [(Int, String, String, String?)] {
            let complaint = Complaint()
            complaint.homeId = homeId
            complaint.receivedOn = UKTime.dayString(Date().addingTimeInterval(-Double(days) * 86_400))
            complaint.complainant = who
            complaint.summary = summary
            complaint.outcome = outcome
            complaint.resolvedOn = outcome.map { _ in
                UKTime.dayString(Date().addingTimeInterval(-Double(days - 7) * 86_400))
            }
            complaint.recordedBy = worker
            complaint.version = 1
            try await complaint.create(on: db)
        }
        // Mia has been referred to Oak House and is waiting to be matched and admitted.
        let mia = Person(givenName: "Mia", familyName: "Collins", dateOfBirth: "2012-05-09")
        mia.sex = "F"
        try await mia.create(on: db)
        try await Allocation(personId: try mia.requireID(), userId: manager, teamId: team, startsOn: Date()).create(
            on: db)
    }

    /// A second home, for moves between homes: Birch Lodge, with two children.
    static func loadBirchLodge(teams: [String: UUID], manager: UUID, on db: any Database) async throws {
        guard let team = teams["Birch Lodge"] else { return }
        let home = Home()
        home.name = "Birch Lodge"
        home.urn = "SC999002"
        home.kind = "childrens-home"
        home.teamId = team
        home.capacity = 3
        home.statementOfPurpose =
            "Birch Lodge is a three-bedded home for young people aged 13 to 17 preparing to live independently."
        home.version = 1
        try await home.create(on: db)
        let homeId = try home.requireID()
        let statement = HomeStatement()
        statement.homeId = homeId
        statement.version = 1
        statement.statementOfPurpose = home.statementOfPurpose
        statement.revisedAt = Date().addingTimeInterval(-400 * 86_400)
        try await statement.create(on: db)
        for (given, family, born) in [("Ellis", "Grant", "2009-02-17"), ("Noor", "Haddad", "2010-10-05")] {
            let person = Person(givenName: given, familyName: family, dateOfBirth: born)
            try await person.create(on: db)
            let personId = try person.requireID()
            let start = UKTime.dayString(Date().addingTimeInterval(-200 * 86_400))
            let involvement = try await InvolvementStore.create(
                .init(
                    service: "residential-care", familyId: nil, subjects: [personId], levelOfNeed: 4, workerId: nil,
                    teamId: team, startedOn: start, reason: "Placed at Birch Lodge", consent: "not-required",
                    createdBy: manager),
                on: db)
            let placement = Placement()
            placement.personId = personId
            placement.homeId = homeId
            placement.startedOn = start
            placement.reason = "Preparing for independence"
            placement.placingAuthority = "Hearth demo council"
            placement.legalStatus = "C2 (care order)"
            placement.impactAssessment = "Both older young people with similar goals; no known conflicts."
            placement.childrenConsidered = "None (first placements)"
            placement.involvementId = try involvement.requireID()
            placement.createdAt = Date().addingTimeInterval(-200 * 86_400)
            try await placement.create(on: db)
        }
    }
}
