import Fluent
import Foundation
import HearthDomain

/// The demo apprentice: Jordan Ashby, option 2 (community), eleven months in, with a year's off-the-job
/// log, two signed progress reviews and evidence drawn from their own visits, some confirmed by the tutor.
enum DemoApprenticeship {
    static func load(users: [String: UUID], on db: any Database) async throws {
        guard let apprentice = users["apprentice@hearth.example"], let tutor = users["tutor@hearth.example"],
            let manager = users["manager@hearth.example"],
            let (standardId, items) = try await StandardStore.items(reference: "ST0088", on: db.sql)
        else { return }
        let today = LondonTime.calendarDate(of: Date())
        let start = today.adding(days: -330)
        let a = Apprenticeship()
        a.apprenticeId = apprentice
        a.apprenticeBornOn = "2003-05-14"
        a.standardId = standardId
        a.option = "community"
        a.startedOn = start.iso
        a.plannedGatewayOn = start.adding(months: 22).iso
        a.plannedEndOn = start.adding(months: 24).iso
        a.employer = "Hearth demo council, early help"
        a.trainingProvider = "Northgate College"
        a.mentor = "Gareth Llewellyn"
        a.tutorId = tutor
        a.weeklyHours = 37
        a.plannedOffTheJobHours = 600
        a.dbsCertificate = "001234567890"
        a.dbsIssuedOn = start.adding(days: -40).iso
        a.dbsBarredList = true
        a.dbsUpdateService = true
        a.englishStatus = EnglishMathsStatus.achieved.rawValue
        a.englishEvidence = "GCSE English language, grade 5 (2019)"
        a.mathsStatus = EnglishMathsStatus.workingTowards.rawValue
        a.qualification = ApprenticeshipInput.qualifications["community"]!
        a.qualificationStatus = "in-progress"
        a.createdAt = Date().addingTimeInterval(-330 * 86_400)
        a.version = 1
        try await a.create(on: db)
        let id = try a.requireID()

        // A year of off-the-job training: a college day most weeks, shadowing and online learning between.
        let activities: [(OffTheJobActivity, Double, String, String)] = [
            (.teaching, 6, "College day: child development and attachment", "K1,K2"),
            (.shadowing, 3.5, "Shadowed a senior practitioner at a team around the family meeting", "S5,K9"),
            (.onlineLearning, 2, "Online module: Working Together to Safeguard Children", "K4"),
            (.writingAssignments, 3, "Assignment: reflective account of a home visit", "S12,B1"),
            (.mentoring, 1.5, "Mentoring with my mentor on recording in the child's words", "S3"),
        ]
        var day = 3
        var index = 0
        while day < 325 {
            let activity = activities[index % activities.count]
            let entry = OffTheJobLogEntry()
            entry.apprenticeshipId = id
            entry.doneOn = start.adding(days: day).iso
            entry.hours = activity.1
            entry.activity = activity.0.rawValue
            entry.description = activity.2
            entry.items = activity.3
            entry.recordedAt = Date().addingTimeInterval(Double(day - 330) * 86_400)
            try await entry.create(on: db)
            day += index % 2 == 0 ? 4 : 3
            index += 1
        }

        // Two progress reviews, three months apart, each signed by all three.
        for (offset, summary) in [
            (90, "Settled well; first home visits shadowed. Next: lead a visit with support; start maths level 2."),
            (
                180,
                "Leading visits on two pieces of work; recording in children's words is a strength. Next: a family plan."
            ),
        ] {
            let review = ProgressReview()
            review.apprenticeshipId = id
            review.heldOn = start.adding(days: offset).iso
            review.summary = summary
            let signed = Date().addingTimeInterval(Double(offset - 329) * 86_400)
            review.apprenticeSignedAt = signed
            review.employerSignedAt = signed
            review.employerSignedBy = "Helen Achterberg"
            review.tutorSignedAt = signed
            review.recordedBy = manager
            try await review.create(on: db)
        }

        // Supervision: the senior practitioner supervises the apprentice and the practitioner, monthly.
        if let senior = users["senior@hearth.example"], let practitioner = users["practitioner@hearth.example"] {
            for supervisee in [apprentice, practitioner] {
                let arrangement = SupervisionArrangement()
                arrangement.superviseeId = supervisee
                arrangement.supervisorId = senior
                arrangement.everyMonths = 1
                try await arrangement.create(on: db)
            }
            let work = try await Involvement.query(on: db).filter(\.$allocatedUser.$id == apprentice).first()
            let session = Supervision()
            session.supervisorId = senior
            session.superviseeId = apprentice
            session.heldOn = today.adding(days: -26).iso
            session.management =
                "Caseload of two; both visits recorded within a day. Plan review due for the youth justice work."
            session.support = "Found the last home visit upsetting; talked through what helped."
            session.development = "Maths level 2 starts next month. Evidence for S1 and S3 is strong; look for B2."
            session.supervisorConfirmedAt = Date().addingTimeInterval(-26 * 86_400)
            session.superviseeConfirmedAt = Date().addingTimeInterval(-25 * 86_400)
            session.createdAt = session.supervisorConfirmedAt!
            try await session.create(on: db)
            if let work {
                let discussed = SupervisionCase()
                discussed.supervisionId = try session.requireID()
                discussed.involvementId = try work.requireID()
                discussed.discussion =
                    "Progress is steady; the young person engages best in short sessions away from home."
                discussed.experience = "A visit where the young person walked out after ten minutes."
                discussed.reflection = "I pushed too quickly on school."
                discussed.analysis = "Trust first: he decides the agenda for the first part of each session."
                discussed.actionPlan = "Meet at the youth centre; review in four weeks."
                try await discussed.create(on: db)
            }
            let reflection = Reflection()
            reflection.authorId = apprentice
            reflection.model = "gibbs"
            reflection.title = "A visit that went wrong"
            reflection.parts = try AssessmentStore.encode([
                "description": "He walked out ten minutes into the session when I asked about school.",
                "feelings": "Embarrassed, and worried I had damaged the relationship.",
                "analysis": "Trauma-informed practice: he needed to feel in control before talking about school.",
                "action-plan": "Let him set the agenda for the first part of each session.",
            ])
            reflection.items = "S1,B1"
            reflection.cpdHours = 1
            reflection.sharedWithId = tutor
            reflection.sharedAt = Date().addingTimeInterval(-20 * 86_400)
            reflection.createdAt = Date().addingTimeInterval(-21 * 86_400)
            try await reflection.create(on: db)
        }

        // Evidence from the apprentice's own recent visits, as the tutor sees it; some items confirmed.
        let recordings = try await Recording.query(on: db).filter(\.$author.$id == apprentice)
            .filter(\.$status == RecordingStatus.submitted).sort(\.$occurredAt, .descending).range(..<3).all()
        let known = Set(items.map(\.code))
        for (position, recording) in recordings.enumerated() {
            let subjects = try await RecordingSubject.query(on: db).filter(\.$recording.$id == recording.requireID())
                .all().map(\.$person.id)
            let extract = try await EvidenceExtract.forRecording(recording, subjects: subjects, on: db)
            let evidence = Evidence()
            evidence.apprenticeshipId = id
            evidence.sourceType = "recording"
            evidence.sourceId = try recording.requireID()
            evidence.title = EvidenceController.title(recording)
            evidence.extract = extract.text
            evidence.sharedAt = recording.occurredAt.addingTimeInterval(86_400)
            evidence.createdAt = evidence.sharedAt!
            try await evidence.create(on: db)
            let claims: [[String]] = [["S1", "S3", "K2"], ["S2", "B2"], ["K5", "S4"]]
            for (offset, code) in claims[position].enumerated() where known.contains(code) {
                let item = EvidenceItem()
                item.evidenceId = try evidence.requireID()
                item.code = code
                if position > 0 || offset == 0 {
                    item.confirmedAt = evidence.createdAt.addingTimeInterval(7 * 86_400)
                    item.confirmedBy = tutor
                }
                try await item.create(on: db)
            }
        }
    }
}
