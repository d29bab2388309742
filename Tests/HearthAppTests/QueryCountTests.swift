import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import HearthApp

/// A page's query count must not grow with the data behind it.
@Suite struct QueryCountTests {
    static func addRecordings(_ count: Int, about personId: UUID, involvement: UUID, author: UUID, on app: Application)
        async throws
    {
        try await Store.transaction(app.db) { db in
            for index in 0..<count {
                let checked = RecordingInput.Checked(
                    kind: "home-visit", occurredAt: Date().addingTimeInterval(-Double(index + 1) * 3600), place: nil,
                    present: nil, childSeen: "yes", seenAlone: "no", note: "Visit \(index)",
                    isSignificant: index % 3 == 0,
                    significanceCategory: index % 3 == 0 ? "health" : nil, involvementId: involvement, alsoAbout: [],
                    quotes: [.init(speakerPersonId: personId, speakerLabel: "Amelia", words: "Words \(index)")])
                try await RecordingStore.insert(
                    id: UUID(), checked, subjects: [personId], status: RecordingStatus.submitted, authorId: author,
                    on: db)
            }
        }
    }

    /// A plan on the involvement with `actions` actions and as many reviews, for the plan page and the
    /// work list to be measured against.
    static func addPlan(actions: Int, involvement: UUID, author: UUID, on app: Application) async throws -> UUID {
        try await Store.transaction(app.db) { db in
            let plan = Plan()
            plan.involvementId = involvement
            plan.kind = "family"
            plan.status = "agreed"
            plan.startedOn = "2025-01-01"
            plan.reviewEveryDays = 42
            plan.nextReviewOn = "2026-01-01"
            plan.createdBy = author
            plan.createdAt = Date()
            plan.version = 1
            try await plan.create(on: db)
            let goal = PlanGoal()
            goal.planId = try plan.requireID()
            goal.position = 1
            goal.familyWords = "Calmer mornings"
            goal.practitionerWords = "A routine"
            try await goal.create(on: db)
            for index in 0..<actions {
                let action = PlanAction()
                action.planId = try plan.requireID()
                action.goalId = try goal.requireID()
                action.ownerKind = "practitioner"
                action.owner = "Worker"
                action.what = "Action \(index)"
                action.byWhen = "2026-02-01"
                action.status = "not-started"
                action.thirdParty = false
                try await action.create(on: db)
                let review = PlanReview()
                review.planId = try plan.requireID()
                review.reviewedOn = "2025-03-01"
                review.progress = "[]"
                review.decisions = "Review \(index)"
                review.nextReviewOn = "2025-04-12"
                review.recordedBy = author
                review.recordedAt = Date()
                try await review.create(on: db)
            }
            return try plan.requireID()
        }
    }

    func measure(recordings: Int) async throws -> (
        person: Int, caseload: Int, chronology: Int, workList: Int, plan: Int
    ) {
        QueryCountingLogHandler.installed
        var result = (person: 0, caseload: 0, chronology: 0, workList: 0, plan: 0)
        try await withHearth(exclusive: true, logLevel: .trace) { app in
            let world = try await World.build(on: app)
            _ = try await world.addFamily(on: app)
            let author = world.users["practitioner@test.example"]!
            let involvement = try await Store.transaction(app.db) { db in
                try await InvolvementStore.create(
                    .init(
                        service: "early-help", familyId: nil, subjects: [world.person], levelOfNeed: 2,
                        workerId: author,
                        teamId: world.north, startedOn: "2025-01-01", reason: "Test", consent: "given",
                        createdBy: author),
                    on: db)
            }
            try await Self.addRecordings(
                recordings, about: world.person, involvement: try involvement.requireID(), author: author, on: app)
            let plan = try await Self.addPlan(
                actions: recordings / 10, involvement: try involvement.requireID(), author: author, on: app)
            let browser = TestBrowser(app)
            try await browser.signIn("practitioner@test.example")
            let (person, personQueries) = try await countingQueries { try await browser.get(world.personPath) }
            #expect(person.status == .ok)
            let (caseload, caseloadQueries) = try await countingQueries { try await browser.get("/caseload") }
            #expect(caseload.status == .ok)
            #expect(caseload.body.string.contains("Amelia"))
            let (chronology, chronologyQueries) = try await countingQueries {
                try await browser.get(world.personPath + "/chronology")
            }
            #expect(chronology.status == .ok)
            let (workList, workListQueries) = try await countingQueries { try await browser.get("/work-list") }
            #expect(workList.status == .ok)
            let (planPage, planQueries) = try await countingQueries {
                try await browser.get("/plans/\(plan.uuidString.lowercased())")
            }
            #expect(planPage.status == .ok)
            result = (personQueries, caseloadQueries, chronologyQueries, workListQueries, planQueries)
        }
        return result
    }

    @Test func pagesMakeAsManyQueriesWithTenRecordingsAsWithAThousand() async throws {
        let small = try await measure(recordings: 10)
        let large = try await measure(recordings: 1000)
        print("queries per page: 10 recordings \(small), 1000 recordings \(large)")
        // Every page reads the session, the user and the record, and writes an audit event: a count this low
        // means the counter is not seeing the queries, and the comparisons below would prove nothing.
        for count in [small.person, small.caseload, small.chronology, small.workList, small.plan] { #expect(count > 4) }
        #expect(small.workList == large.workList)
        #expect(small.plan == large.plan)
        #expect(small.person == large.person)
        #expect(small.caseload == large.caseload)
        #expect(small.chronology == large.chronology)
    }
}
