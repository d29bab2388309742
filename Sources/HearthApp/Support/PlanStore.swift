import Fluent
import Foundation
import HearthDomain
import SQLKit
import Vapor

/// A goal's progress at a review: 0 to 10 and a word.
struct GoalProgress: Codable, Sendable, Equatable {
    var goalId: UUID
    var score: Int
    var word: String
}

/// Starting a plan: which kind, for whom, answering which assessment, and how often it is reviewed.
struct PlanInput: Content, Sendable {
    var kind: String?
    var personId: String?
    var assessmentId: String?
    var startedOn: String?
    var reviewEveryWeeks: String?

    struct Checked: Sendable {
        var kind: String
        var personId: UUID?
        var assessmentId: UUID?
        var startedOn: CalendarDate
        var reviewEveryDays: Int
    }

    /// A plan starts on a day that has come, within the piece of work (`workStartedOn`) it belongs to.
    func check(
        subjects: [UUID], assessments: [UUID], defaultReviewDays: Int, workStartedOn: CalendarDate?,
        today: CalendarDate
    ) -> (Checked?, FieldErrorList) {
        var errors = FieldErrorList()
        let kind = kind?.trimmed.nilIfEmpty ?? "family"
        if !PlanVocabulary.kinds.contains(code: kind) { errors.add("kind", "Choose a child’s plan or a family plan") }
        var person: UUID?
        if let text = personId?.trimmed.nilIfEmpty {
            person = UUID(uuidString: text)
            if person == nil || !subjects.contains(person!) {
                errors.add("personId", "Choose a child this piece of work is with")
            }
        } else if kind == "child" {
            errors.add("personId", "Choose the child this plan is for")
        }
        var assessment: UUID?
        if let text = assessmentId?.trimmed.nilIfEmpty {
            assessment = UUID(uuidString: text)
            if assessment == nil || !assessments.contains(assessment!) {
                errors.add("assessmentId", "Choose an assessment of this piece of work")
            }
        }
        let started = DateField.parse(
            startedOn ?? today.iso, field: "startedOn", label: "the start date", required: true, into: &errors)
        DateField.notInFuture(started, today: today, field: "startedOn", label: "the start date", into: &errors)
        DateField.notBefore(
            started, workStartedOn, when: "the piece of work started", field: "startedOn", label: "the start date",
            into: &errors)
        var days = defaultReviewDays
        if let text = reviewEveryWeeks?.trimmed.nilIfEmpty {
            if let weeks = Int(text), (1...26).contains(weeks) {
                days = weeks * 7
            } else {
                errors.add("reviewEveryWeeks", "Review every 1 to 26 weeks")
            }
        }
        guard errors.isEmpty, let started else { return (nil, errors) }
        return (
            Checked(
                kind: kind, personId: kind == "child" ? person : nil, assessmentId: assessment, startedOn: started,
                reviewEveryDays: days), errors
        )
    }
}

/// A goal: the family's words first, the practitioner's beside them.
struct GoalInput: Content, Sendable {
    var familyWords: String?
    var practitionerWords: String?
    var need: String?
    var thirdPartyNote: String?

    func check() -> FieldErrorList {
        var errors = FieldErrorList()
        _ = errors.text(
            familyWords, "familyWords", "The family’s words", limit: 2_000,
            required: "Write the goal as the family said it")
        _ = errors.text(
            practitionerWords, "practitionerWords", "Your wording", limit: 2_000,
            required: "Write the goal in your words too")
        if let need = need?.trimmed.nilIfEmpty, !AssessmentFramework.dimensions.contains(code: need) {
            errors.add("need", "Choose one of the assessment’s dimensions")
        }
        _ = errors.text(thirdPartyNote, "thirdPartyNote", "The third-party note", limit: 4_000)
        return errors
    }
}

/// An action: who (someone in the family, the practitioner or an agency), what, by when.
struct ActionInput: Content, Sendable {
    var goalId: String?
    var ownerKind: String?
    var owner: String?
    var what: String?
    var byWhen: String?
    var status: String?
    var thirdParty: String?

    /// An action is due within the plan: not before `planStartedOn`.
    func check(goals: [UUID], planStartedOn: CalendarDate?) -> (
        goal: UUID?, byWhen: CalendarDate?, errors: FieldErrorList
    ) {
        var errors = FieldErrorList()
        var goal: UUID?
        if let text = goalId?.trimmed.nilIfEmpty {
            goal = UUID(uuidString: text)
            if goal == nil || !goals.contains(goal!) { errors.add("goalId", "Choose one of this plan’s goals") }
        }
        if !PlanVocabulary.actionOwners.contains(code: ownerKind ?? "") {
            errors.add("ownerKind", "Choose who will do it")
        }
        _ = errors.text(owner, "owner", "Who", limit: 200, required: "Name who will do it")
        _ = errors.text(what, "what", "What", limit: 2_000, required: "Say what will be done")
        let date = DateField.parse(byWhen, field: "byWhen", label: "the date it is due", required: true, into: &errors)
        DateField.notBefore(
            date, planStartedOn, when: "the plan started", field: "byWhen", label: "the date it is due", into: &errors)
        if let status = status?.trimmed.nilIfEmpty, !PlanVocabulary.actionStatuses.contains(code: status) {
            errors.add("status", "Choose how the action is going")
        }
        return (goal, date, errors)
    }

    var isThirdParty: Bool { ["on", "true", "yes", "1"].contains(thirdParty?.lowercased() ?? "") }
}

/// The family's agreement, or what they disagreed with.
struct AgreementInput: Content, Sendable {
    var agreedBy: String?
    var method: String?
    var agreedOn: String?
    var disagreement: String?
}

/// A review: progress on every goal, the child's and family's views, decisions and the next date.
struct ReviewInput: Content, Sendable {
    var reviewedOn: String?
    /// Keyed by goal id: "0" to "10", and a word from `PlanVocabulary.progressWords`.
    var score: [String: String]?
    var word: [String: String]?
    var childViews: String?
    var familyViews: String?
    var decisions: String?
    var nextReviewOn: String?
}

struct PlanJSON: Content {
    struct Goal: Content {
        var id: UUID
        var position: Int
        var familyWords: String
        var practitionerWords: String
        var need: String?
        var thirdPartyNote: String?
    }

    struct Action: Content {
        var id: UUID
        var goalId: UUID?
        var ownerKind: String
        var owner: String
        var what: String
        var byWhen: String
        var status: String
        var thirdParty: Bool
    }

    struct Agreement: Content {
        var agreedBy: String?
        var method: String?
        var agreedOn: String?
        var disagreement: String?
    }

    struct Review: Content {
        var id: UUID
        var reviewedOn: String
        var progress: [GoalProgress]
        var childViews: String?
        var familyViews: String?
        var decisions: String
        var nextReviewOn: String
    }

    var id: UUID
    var involvementId: UUID
    var kind: String
    var personId: UUID?
    var assessmentId: UUID?
    var status: String
    var startedOn: String
    var reviewEveryDays: Int
    var nextReviewOn: String?
    var agreement: Agreement?
    var goals: [Goal]
    var actions: [Action]
    var reviews: [Review]
    var version: Int
}

enum PlanStore {
    struct Loaded: Sendable {
        var plan: Plan
        var goals: [PlanGoal]
        var actions: [PlanAction]
        var reviews: [PlanReview]
    }

    static func load(_ plan: Plan, on db: any Database) async throws -> Loaded {
        let id = try plan.requireID()
        return Loaded(
            plan: plan,
            goals: try await PlanGoal.query(on: db).filter(\.$planId == id).sort(\.$position).all(),
            actions: try await PlanAction.query(on: db).filter(\.$planId == id).sort(\.$byWhen).all(),
            reviews: try await PlanReview.query(on: db).filter(\.$planId == id).sort(\.$reviewedOn).all())
    }

    static func json(_ loaded: Loaded) throws -> PlanJSON {
        let plan = loaded.plan
        return PlanJSON(
            id: try plan.requireID(), involvementId: plan.involvementId, kind: plan.kind, personId: plan.personId,
            assessmentId: plan.assessmentId, status: plan.status, startedOn: plan.startedOn,
            reviewEveryDays: plan.reviewEveryDays, nextReviewOn: plan.nextReviewOn,
            agreement: plan.agreedOn == nil && plan.disagreement == nil
                ? nil
                : .init(
                    agreedBy: plan.agreedBy, method: plan.agreementMethod, agreedOn: plan.agreedOn,
                    disagreement: plan.disagreement),
            goals: try loaded.goals.map {
                .init(
                    id: try $0.requireID(), position: $0.position, familyWords: $0.familyWords,
                    practitionerWords: $0.practitionerWords, need: $0.need, thirdPartyNote: $0.thirdPartyNote)
            },
            actions: try loaded.actions.map {
                .init(
                    id: try $0.requireID(), goalId: $0.goalId, ownerKind: $0.ownerKind, owner: $0.owner, what: $0.what,
                    byWhen: $0.byWhen, status: $0.status, thirdParty: $0.thirdParty)
            },
            reviews: try loaded.reviews.map {
                .init(
                    id: try $0.requireID(), reviewedOn: $0.reviewedOn,
                    progress: AssessmentStore.decode([GoalProgress].self, $0.progress) ?? [],
                    childViews: $0.childViews, familyViews: $0.familyViews, decisions: $0.decisions,
                    nextReviewOn: $0.nextReviewOn)
            }, version: plan.version)
    }

    /// The next review date: `days` after `date`.
    static func nextReview(after date: CalendarDate, days: Int) -> CalendarDate { date.adding(days: days) }

    /// The family agree a plan on a day that has come, and not before the plan started.
    static func checkAgreement(_ input: AgreementInput, goals: Int, startedOn: String, today: CalendarDate) -> (
        CalendarDate?, FieldErrorList
    ) {
        var errors = FieldErrorList()
        if goals == 0 { errors.add("goals", "Add the plan’s goals before the family agrees it") }
        _ = errors.text(input.agreedBy, "agreedBy", "Who agreed", limit: 500, required: "Say who agreed the plan")
        if !PlanVocabulary.agreementMethods.contains(code: input.method ?? "") {
            errors.add("method", "Choose how they agreed it")
        }
        let date = DateField.parse(
            input.agreedOn, field: "agreedOn", label: "the date they agreed", required: true, into: &errors)
        DateField.notInFuture(date, today: today, field: "agreedOn", label: "the date they agreed", into: &errors)
        DateField.notBefore(
            date, CalendarDate(iso: startedOn), when: "the plan started", field: "agreedOn",
            label: "the date they agreed", into: &errors)
        _ = errors.text(input.disagreement, "disagreement", "What they disagreed with", limit: 4_000)
        return (date, errors)
    }

    struct CheckedReview: Sendable {
        var reviewedOn: CalendarDate
        var progress: [GoalProgress]
        var childViews: String?
        var familyViews: String?
        var decisions: String
        var nextReviewOn: CalendarDate
    }

    /// A review needs goals to review: progress is recorded per goal. It records a meeting that was held,
    /// so its date has come and is not before the plan started.
    static func checkReview(
        _ input: ReviewInput, goals: [UUID], reviewEveryDays: Int, startedOn: String, today: CalendarDate
    ) -> (CheckedReview?, FieldErrorList) {
        var errors = FieldErrorList()
        if goals.isEmpty { errors.add("goals", "A plan with no goals cannot be reviewed: add its goals first") }
        let reviewed = DateField.parse(
            input.reviewedOn, field: "reviewedOn", label: "the date of the review", required: true, into: &errors)
        DateField.notInFuture(
            reviewed, today: today, field: "reviewedOn", label: "the date of the review", into: &errors)
        DateField.notBefore(
            reviewed, CalendarDate(iso: startedOn), when: "the plan started", field: "reviewedOn",
            label: "the date of the review", into: &errors)
        var progress: [GoalProgress] = []
        for goal in goals {
            let key = goal.uuidString.lowercased()
            let scoreText = input.score?[key] ?? input.score?[goal.uuidString]
            let word = input.word?[key] ?? input.word?[goal.uuidString]
            guard let score = scoreText.flatMap({ Int($0.trimmed) }), (0...10).contains(score) else {
                errors.add("score-\(key)", "Score each goal from 0 to 10")
                continue
            }
            guard let word, PlanVocabulary.progressWords.contains(code: word) else {
                errors.add("word-\(key)", "Choose a word for how the goal is going")
                continue
            }
            progress.append(GoalProgress(goalId: goal, score: score, word: word))
        }
        let child = errors.text(input.childViews, "childViews", "The child’s views", limit: 4_000)
        let family = errors.text(input.familyViews, "familyViews", "The family’s views", limit: 4_000)
        let decisions = errors.text(
            input.decisions, "decisions", "Decisions", limit: 8_000, required: "Record what was decided")
        var next = DateField.parse(
            input.nextReviewOn, field: "nextReviewOn", label: "the next review date", required: false, into: &errors)
        if let reviewed, next == nil { next = nextReview(after: reviewed, days: reviewEveryDays) }
        if let reviewed, let chosen = next, chosen <= reviewed {
            errors.add("nextReviewOn", "The next review must be after this one")
        }
        guard errors.isEmpty, let reviewed, let decisions, let next else { return (nil, errors) }
        return (
            CheckedReview(
                reviewedOn: reviewed, progress: progress, childViews: child, familyViews: family, decisions: decisions,
                nextReviewOn: next), errors
        )
    }
}
