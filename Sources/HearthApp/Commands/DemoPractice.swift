import Fluent
import Foundation
import HearthDomain

/// The practice core in the demo: each family's work has an assessment, a plan with the family and its
/// reviews, decisions and oversight; some have safety planning. A few are left mid-flow so every work list
/// has something on it: an assessment waiting for sign-off, one overdue, a plan review coming up, an open
/// challenge and an undecided concern.
enum DemoPractice {
    struct Context {
        var index: Int
        var involvementId: UUID
        var level: Int
        var children: [(id: UUID, given: String)]
        var carer: String
        var start: Date
        var author: UUID
        var manager: UUID
    }

    static func day(_ start: Date, plus days: Int) -> String {
        UKTime.dayString(start.addingTimeInterval(Double(days) * 86_400))
    }

    static func load(_ c: Context, on db: any Database) async throws {
        let child = c.children[0]
        let now = Date()
        // An approved assessment at the start of the work.
        let assessment = try await makeAssessment(
            c, startedDay: 5, status: .approved,
            analysis:
                "\(child.given) is doing best when routines at home are steady; \(c.carer)’s warmth is the strength to build on. Needs centre on school attendance and the family’s housing stress.",
            on: db)
        let signOff = AssessmentSignOff()
        signOff.assessmentId = try assessment.requireID()
        signOff.decision = "approved"
        signOff.comments = "Clear analysis; the plan should say who helps with the housing form."
        signOff.assessmentVersion = assessment.version
        signOff.snapshot = try AssessmentStore.encode(try AssessmentJSON(assessment))
        signOff.decidedBy = c.manager
        // Decided mid-afternoon: a moment at midnight would read as a time nobody chose.
        signOff.decidedAt = c.start.addingTimeInterval(40 * 86_400 + 15.5 * 3_600)
        try await signOff.create(on: db)

        // The family plan, agreed after the assessment and reviewed every six weeks since.
        let plan = Plan()
        plan.involvementId = c.involvementId
        plan.kind = "family"
        plan.assessmentId = try assessment.requireID()
        plan.status = "agreed"
        plan.startedOn = day(c.start, plus: 45)
        plan.reviewEveryDays = 42
        plan.agreedBy = "\(c.carer) and \(child.given)"
        plan.agreementMethod = "in-person"
        plan.agreedOn = day(c.start, plus: 47)
        plan.createdBy = c.author
        plan.createdAt = c.start.addingTimeInterval(45 * 86_400)
        plan.version = 1
        try await plan.create(on: db)
        let planId = try plan.requireID()
        let goals: [(String, String, String)] = [
            ("I want to get to school on time and not get told off", "Attendance above 95% and on time", "education"),
            ("Mornings without shouting", "A calm morning routine the family keeps", "guidance-boundaries"),
        ]
        var goalIds: [UUID] = []
        for (position, goal) in goals.enumerated() {
            let row = PlanGoal()
            row.planId = planId
            row.position = position + 1
            row.familyWords = goal.0
            row.practitionerWords = goal.1
            row.need = goal.2
            row.thirdPartyNote = position == 0 ? "School report shares concerns raised by another parent." : nil
            try await row.create(on: db)
            goalIds.append(try row.requireID())
        }
        let actions: [(Int, String, String, String, Int, String, Bool)] = [
            (0, "family-member", c.carer, "Set two alarms on school days", 60, "done", false),
            (0, "agency", "School", "Share attendance each Friday with the family worker", 180, "done", true),
            (
                1, "practitioner", "Family worker", "Book a place on the parenting course", 372 - c.index * 4,
                "not-started", false
            ),
        ]
        for action in actions {
            let row = PlanAction()
            row.planId = planId
            row.goalId = goalIds[action.0]
            row.ownerKind = action.1
            row.owner = action.2
            row.what = action.3
            row.byWhen = day(c.start, plus: action.4)
            row.status = action.5
            row.thirdParty = action.6
            try await row.create(on: db)
        }
        // Reviews every six weeks until the last one before today; the next is then due.
        // The fifth family's last review slipped, so one review is overdue.
        let lastReviewDay = 365 - (c.index == 4 ? 30 : 0)
        var reviewDay = 47 + 42
        var score = 3
        while reviewDay <= lastReviewDay {
            let review = PlanReview()
            review.planId = planId
            review.reviewedOn = day(c.start, plus: reviewDay)
            score = min(score + 1, 9)
            review.progress = try AssessmentStore.encode(
                goalIds.map { GoalProgress(goalId: $0, score: score, word: score > 6 ? "better" : "same") })
            review.childViews = "\(child.given): “It’s better when Mum isn’t rushing.”"
            review.familyViews = "\(c.carer) says the alarms help but Mondays are still hard."
            review.decisions = "Keep the routine; ask school about a breakfast club place."
            review.nextReviewOn = day(c.start, plus: reviewDay + 42)
            review.recordedBy = c.author
            review.recordedAt = c.start.addingTimeInterval(Double(reviewDay) * 86_400)
            try await review.create(on: db)
            plan.nextReviewOn = review.nextReviewOn
            reviewDay += 42
        }
        try await plan.save(on: db)

        // Safety planning where the level of need is complex.
        if c.level >= 3 {
            let safety = SafetyPlan()
            safety.involvementId = c.involvementId
            safety.worries = "Arguments at home late at night, and \(child.given) going out without saying where."
            safety.workingWell = "Nan has the children at weekends; \(c.carer) rings the worker when things build up."
            safety.needsToHappen = "An agreed plan for evenings; \(child.given) to have a trusted adult at school."
            safety.safetyGoals = "\(child.given) is safe at home every night and someone always knows where they are."
            safety.network = "Nan: Friday pick-up. School mentor: daily check-in. Family worker: weekly visit."
            safety.updatedAt = c.start.addingTimeInterval(60 * 86_400)
            safety.updatedBy = c.author
            safety.version = 1
            try await safety.create(on: db)
            for (offset, practitioner, family) in [(30, 3, 4), (90, 4, 6), (180, 6, 6), (300, 7, 8)] {
                for (who, kind, value) in [
                    ("Family worker", "practitioner", practitioner), (c.carer, "family-member", family),
                ] {
                    let row = SafetyScore()
                    row.involvementId = c.involvementId
                    row.scoredOn = day(c.start, plus: offset)
                    row.score = value
                    row.scorerKind = kind
                    row.scorerName = who
                    row.recordedBy = c.author
                    row.recordedAt = c.start.addingTimeInterval(Double(offset) * 86_400)
                    try await row.create(on: db)
                }
            }
        }

        // A key decision and the manager's oversight.
        let decision = Decision()
        decision.involvementId = c.involvementId
        decision.kind = "decision"
        decision.decidedOn = day(c.start, plus: 41)
        decision.summary = "Work with the family under an early help plan rather than refer to children’s social care."
        decision.reasons =
            "The family asked for help, engage well, and the worries are about routines and housing, not harm."
        decision.optionsConsidered = "Refer to children’s social care; universal services only; early help plan."
        decision.madeBy = c.manager
        decision.madeAt = c.start.addingTimeInterval(41 * 86_400)
        try await decision.create(on: db)
        let oversight = Decision()
        oversight.involvementId = c.involvementId
        oversight.kind = "oversight"
        oversight.decidedOn = day(c.start, plus: 200)
        oversight.summary =
            "Plan on track. Reviews are on time and the family’s words are in them. Check the school’s attendance data next supervision."
        oversight.madeBy = c.manager
        oversight.madeAt = c.start.addingTimeInterval(200 * 86_400)
        try await oversight.create(on: db)

        switch c.index {
        case 0:
            // A re-assessment waiting for the manager's sign-off.
            _ = try await makeAssessment(
                c, startedDay: 330, status: .submitted,
                analysis:
                    "Much has changed since the first assessment: attendance is at 96% and the family’s housing is secure.",
                on: db)
        case 1:
            // A review assessment that has slipped past its due date.
            _ = try await makeAssessment(c, startedDay: 300, status: .draft, analysis: nil, due: 355, on: db)
        case 2:
            // A challenge to the decision, waiting for the manager.
            let challenge = Challenge()
            challenge.decisionId = try decision.requireID()
            challenge.involvementId = c.involvementId
            challenge.reason = "The decision was made before we knew about the police call-out in the summer."
            challenge.status = "open"
            challenge.raisedBy = c.author
            challenge.raisedAt = now.addingTimeInterval(-2 * 86_400)
            challenge.respondBy = TimescaleDefaults.challengeResponse.dueMoment(from: challenge.raisedAt)
            try await challenge.create(on: db)
        case 3:
            // A concern raised this morning, not yet decided.
            let raised = now.addingTimeInterval(-3 * 3600)
            let concern = Concern()
            concern.$person.id = child.id
            concern.categories = "neglect"
            concern.description = "\(child.given) came to the session hungry and in the same clothes as last week."
            concern.childsWords = "There wasn’t any breakfast again."
            concern.source = "Seen by the family worker at the session"
            concern.immediateAction = "Gave breakfast; spoke to the parent at pick-up."
            concern.raisedAt = raised
            concern.recordedAt = raised
            concern.$raisedBy.id = c.author
            concern.decisionDueBy = TimescaleDefaults.contactDecision.dueMoment(from: raised)
            concern.status = "escalated"
            concern.escalatedAt = raised
            concern.version = 1
            try await concern.create(on: db)
        default: break
        }
    }

    private static func makeAssessment(
        _ c: Context, startedDay: Int, status: AssessmentStatus, analysis: String?, due: Int? = nil,
        on db: any Database
    ) async throws -> Assessment {
        let child = c.children[0]
        let row = Assessment()
        row.involvementId = c.involvementId
        row.status = status.rawValue
        row.startedOn = day(c.start, plus: startedDay)
        row.dueOn =
            due.map { day(c.start, plus: $0) }
            ?? LondonTime.calendarDate(
                of: TimescaleDefaults.earlyHelpAssessment.dueMoment(
                    from: c.start.addingTimeInterval(Double(startedDay) * 86_400))
            ).iso
        row.completedOn = status == .approved ? day(c.start, plus: 40) : nil
        row.dimensions = try AssessmentStore.encode([
            AssessmentDimensionEntry(
                code: "health", strengths: "Registered with a GP and dentist; immunisations up to date.", needs: nil),
            AssessmentDimensionEntry(
                code: "education", strengths: "Likes art and a teacher they trust.",
                needs: "Attendance has dropped to 84%; often late on Mondays."),
            AssessmentDimensionEntry(
                code: "emotional-warmth", strengths: "\(c.carer) is warm and proud of the children.", needs: nil),
            AssessmentDimensionEntry(
                code: "guidance-boundaries", strengths: nil, needs: "Mornings are chaotic; bedtimes vary."),
            AssessmentDimensionEntry(
                code: "housing", strengths: nil, needs: "Damp in the children’s bedroom; a rent arrears letter."),
        ])
        row.views = try AssessmentStore.encode([
            AssessmentView(
                personId: child.id, name: child.given, words: "“I don’t like being late. Everyone looks at me.”")
        ])
        row.analysis = analysis
        row.judgement =
            analysis == nil ? nil : "Early help is the right response; there is no indication of significant harm."
        row.levelOfNeed = analysis == nil ? nil : c.level
        row.outcome = analysis == nil ? nil : "plan"
        row.createdBy = c.author
        row.createdAt = c.start.addingTimeInterval(Double(startedDay) * 86_400 + 9.75 * 3_600)
        row.updatedAt = row.createdAt
        row.submittedAt =
            status == .draft ? nil : c.start.addingTimeInterval(Double(startedDay + 30) * 86_400 + 11.25 * 3_600)
        row.version = status == .approved ? 2 : 1
        try await row.create(on: db)
        return row
    }
}
