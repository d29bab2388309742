import Fluent
import Foundation
import HearthDomain
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import HearthApp

@Suite struct PlanTests {
    /// Goals, actions, agreement and a review through the API; the family copy holds the family's words and
    /// none of the third-party information.
    @Test func aPlanIsMadeAgreedAndReviewedAndTheFamilyCopyLeavesOutThirdPartyNotes() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let involvement = try await world.addInvolvement(on: app)
            let token = try await APITestSupport.token(for: "practitioner@test.example", app)
            let created = try await CaseworkAPITests.send(
                .POST, "/api/v1/involvements/\(involvement.uuidString.lowercased())/plans",
                #"{"kind":"child","personId":"\#(world.person.uuidString.lowercased())","startedOn":"2026-10-05"}"#,
                token: token, app)
            #expect(created.status == .created, "\(created.body.string)")
            let plan = try created.content.decode(PlanJSON.self)
            #expect(plan.reviewEveryDays == 42)
            let path = "/api/v1/plans/\(plan.id.uuidString.lowercased())"
            // A review with no goals is refused, and so is agreeing a plan with none.
            let early = try await CaseworkAPITests.send(
                .POST, path + "/reviews", #"{"reviewedOn":"2026-10-06","decisions":"Carry on"}"#, token: token, app)
            #expect(early.status == .unprocessableEntity)
            #expect(early.body.string.contains("A plan with no goals cannot be reviewed"))
            #expect(try await count("plan_reviews", in: app) == 0)
            let goal = try await CaseworkAPITests.send(
                .POST, path + "/goals",
                #"{"familyWords":"I want to get to school on time","practitionerWords":"Improve punctuality and attendance above 95%","need":"education","thirdPartyNote":"School nurse reports concerns from a neighbour"}"#,
                token: token, app)
            #expect(goal.status == .created, "\(goal.body.string)")
            let goalId = try goal.content.decode(PlanJSON.self).goals[0].id.uuidString.lowercased()
            for (owner, what, secret) in [
                ("Maria", "Set two alarms on school days", false),
                ("Police", "Check the neighbour's report with the PCSO", true),
            ] {
                let action = try await CaseworkAPITests.send(
                    .POST, path + "/actions",
                    #"{"goalId":"\#(goalId)","ownerKind":"\#(secret ? "agency" : "family-member")","owner":"\#(owner)","what":"\#(what)","byWhen":"2026-10-20","thirdParty":"\#(secret)"}"#,
                    token: token, app)
                #expect(action.status == .created, "\(action.body.string)")
            }
            // A draft is not reviewed: the family has not agreed its goals yet.
            let draftReview = try await CaseworkAPITests.send(
                .POST, path + "/reviews",
                #"{"reviewedOn":"2026-10-06","score":{"\#(goalId)":"5"},"word":{"\#(goalId)":"same"},"decisions":"Wait"}"#,
                token: token, app)
            #expect(draftReview.status == .conflict, "\(draftReview.body.string)")
            #expect(try await count("plan_reviews", in: app) == 0)
            // Agreement before the start is refused; then agreed, which sets the review six weeks on.
            let tooEarly = try await CaseworkAPITests.send(
                .POST, path + "/agreement",
                #"{"agreedBy":"Maria and Amelia","method":"in-person","agreedOn":"2026-10-01"}"#,
                token: token, app)
            #expect(tooEarly.status == .unprocessableEntity)
            let agreed = try await CaseworkAPITests.send(
                .POST, path + "/agreement",
                #"{"agreedBy":"Maria and Amelia","method":"in-person","agreedOn":"2026-10-06","disagreement":"Maria does not agree school is the main problem"}"#,
                token: token, app)
            #expect(agreed.status == .created, "\(agreed.body.string)")
            let agreedPlan = try agreed.content.decode(PlanJSON.self)
            #expect(agreedPlan.status == "agreed")
            #expect(agreedPlan.nextReviewOn == "2026-11-17")
            // A review needs a score and a word for every goal.
            let unscored = try await CaseworkAPITests.send(
                .POST, path + "/reviews", #"{"reviewedOn":"2026-11-16","decisions":"Carry on"}"#, token: token, app)
            #expect(unscored.status == .unprocessableEntity)
            #expect(unscored.body.string.contains("score-\(goalId)"))
            let reviewed = try await CaseworkAPITests.send(
                .POST, path + "/reviews",
                #"{"reviewedOn":"2026-11-16","score":{"\#(goalId)":"7"},"word":{"\#(goalId)":"better"},"childViews":"Mornings are easier","decisions":"Keep the alarms; stop the taxi"}"#,
                token: token, app)
            #expect(reviewed.status == .created, "\(reviewed.body.string)")
            let afterReview = try reviewed.content.decode(PlanJSON.self)
            #expect(
                afterReview.reviews.first?.progress == [
                    GoalProgress(goalId: UUID(uuidString: goalId)!, score: 7, word: "better")
                ])
            #expect(afterReview.nextReviewOn == "2026-12-28")
            // The family copy: their words and their actions, none of the third-party information, and
            // not the practitioner's wording.
            let copy = try await CaseworkAPITests.send(.GET, path + "/family-copy", token: token, app)
            #expect(copy.status == .ok)
            let text = copy.body.string
            #expect(text.contains("I want to get to school on time"))
            #expect(text.contains("Maria will set two alarms on school days by 20 October 2026"))
            #expect(!text.contains("neighbour"))
            #expect(!text.contains("PCSO"))
            #expect(!text.contains("punctuality"))
            let browser = TestBrowser(app)
            try await browser.signIn("practitioner@test.example")
            let page = try await browser.get("/plans/\(plan.id.uuidString.lowercased())/family-copy")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("I want to get to school on time"))
            #expect(!page.body.string.contains("neighbour"))
            #expect(!page.body.string.contains("PCSO"))
            let full = try await browser.get("/plans/\(plan.id.uuidString.lowercased())")
            #expect(full.body.string.contains("School nurse reports concerns"))
            #expect(full.body.string.contains("Keep the alarms"))
        }
    }

    @Test func planFormsShowFieldMessagesAndSaveNothing() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let involvement = try await world.addInvolvement(on: app)
            let browser = TestBrowser(app)
            try await browser.signIn("practitioner@test.example")
            let base = "/involvements/\(involvement.uuidString.lowercased())/plans"
            #expect(try await browser.get(base + "/new").status == .ok)
            let bad = try await browser.post(base, form: [("kind", "child"), ("reviewEveryWeeks", "0")])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("id=\"personId-error\""))
            #expect(bad.body.string.contains("id=\"reviewEveryWeeks-error\""))
            #expect(try await count("plans", in: app) == 0)
            let made = try await browser.post(base, form: [("kind", "family"), ("startedOn", "2026-10-05")])
            #expect(made.status == .seeOther)
            let location = made.headers.first(name: .location) ?? ""
            let noGoal = try await browser.post(location + "/goals", form: [("familyWords", "")])
            #expect(noGoal.status == .unprocessableEntity)
            #expect(noGoal.body.string.contains("id=\"familyWords-error\""))
            let noReview = try await browser.post(location + "/agreement", form: [("agreedBy", "Maria")])
            #expect(noReview.status == .unprocessableEntity)
            #expect(noReview.body.string.contains("Add the plan’s goals before the family agrees it"))
            #expect(try await count("plan_goals", in: app) == 0)
            // Someone in another team cannot see the plan at all.
            let south = TestBrowser(app)
            try await south.signIn("south@test.example")
            #expect(try await south.get(location).status == .notFound)
        }
    }
}

extension PlanTests {
    @Test func anActionsStatusChangesAndLeavesTheWorkList() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let involvement = try await world.addInvolvement(on: app)
            let token = try await APITestSupport.token(for: "practitioner@test.example", app)
            let plan = try await CaseworkAPITests.send(
                .POST, "/api/v1/involvements/\(involvement.uuidString.lowercased())/plans", #"{"kind":"family"}"#,
                token: token, app)
            let path = "/api/v1/plans/\(try plan.content.decode(PlanJSON.self).id.uuidString.lowercased())"
            let added = try await CaseworkAPITests.send(
                .POST, path + "/actions",
                #"{"ownerKind":"practitioner","owner":"Worker","what":"Ring the school","byWhen":"2026-12-01"}"#,
                token: token, app)
            let action = try added.content.decode(PlanJSON.self).actions[0].id.uuidString.lowercased()
            let bad = try await CaseworkAPITests.send(
                .POST, path + "/actions/\(action)/status", #"{"status":"finished"}"#, token: token, app)
            #expect(bad.status == .unprocessableEntity)
            let done = try await CaseworkAPITests.send(
                .POST, path + "/actions/\(action)/status", #"{"status":"done"}"#, token: token, app)
            #expect(try done.content.decode(PlanJSON.self).actions[0].status == "done")
            let list = try await CaseworkAPITests.send(.GET, "/api/v1/work-list", token: token, app)
            #expect(try list.content.decode(WorkListJSON.self).items.isEmpty)
            let elsewhere = try await CaseworkAPITests.send(
                .POST, path + "/actions/\(UUID().uuidString.lowercased())/status", #"{"status":"done"}"#, token: token,
                app)
            #expect(elsewhere.status == .notFound)
        }
    }
}

extension PlanTests {
    @Test func planPageErrorsSitBesideTheirFieldsAndLinkToThingsOnThePage() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let involvement = try await world.addInvolvement(on: app)
            let browser = TestBrowser(app)
            try await browser.signIn("practitioner@test.example")
            let made = try await browser.post(
                "/involvements/\(involvement.uuidString.lowercased())/plans",
                form: [("kind", "family"), ("startedOn", "2026-10-05")])
            let plan = made.headers.first(name: .location) ?? ""
            // Agreed with no goals: the summary's link goes to the goals, which are on the page, and the form
            // for adding one is open.
            let agreement = try await browser.post(
                plan + "/agreement",
                form: [
                    ("agreedBy", ""), ("method", "in-person"), ("agreedOn", "2026-10-06"),
                    ("disagreement", String(repeating: "x", count: 4_001)),
                ])
            #expect(agreement.status == .unprocessableEntity)
            let agreementPage = agreement.body.string
            ErrorPage.expectValid(agreementPage, fields: ["agreedBy", "disagreement"])
            #expect(ErrorPage.summaryLinks(agreementPage).first == "goals")
            #expect(agreementPage.contains("id=\"goals-error\""))
            #expect(agreementPage.contains("<h2 class=\"h-heading-m\" id=\"goals\">Goals</h2>"))
            #expect(agreementPage.contains("<details class=\"h-details\" open>"))
            // A goal with a need that is not the assessment's and too long a note: what was typed stays.
            let goal = try await browser.post(
                plan + "/goals",
                form: [
                    ("familyWords", "Get to school on time"), ("practitionerWords", "Attendance above 95%"),
                    ("need", "nonsense"), ("thirdPartyNote", String(repeating: "y", count: 4_001)),
                ])
            ErrorPage.expectValid(goal.body.string, fields: ["need", "thirdPartyNote"])
            #expect(goal.body.string.contains(">Get to school on time</textarea>"))
            // Once agreed, a review with the views too long.
            _ = try await browser.post(
                plan + "/goals",
                form: [("familyWords", "Get to school on time"), ("practitionerWords", "Attendance above 95%")])
            let agreed = try await browser.post(
                plan + "/agreement", form: [("agreedBy", "Maria"), ("method", "in-person"), ("agreedOn", "2026-10-06")])
            #expect(agreed.status == .seeOther)
            let long = String(repeating: "z", count: 4_001)
            let review = try await browser.post(
                plan + "/reviews",
                form: [
                    ("reviewedOn", "2026-11-16"), ("decisions", "Carry on"), ("childViews", long),
                    ("familyViews", long),
                ])
            #expect(review.status == .unprocessableEntity)
            ErrorPage.expectValid(review.body.string, fields: ["childViews", "familyViews"])
            #expect(try await count("plan_reviews", in: app) == 0)
        }
    }

    /// A family plan started on 5 October 2026, in work that began on 1 September, with one goal.
    static func planWithGoal(_ world: World, _ app: Application, token: String) async throws -> (
        path: String, page: String, goalId: String
    ) {
        let involvement = try await world.addInvolvement(on: app)
        let created = try await CaseworkAPITests.send(
            .POST, "/api/v1/involvements/\(involvement.uuidString.lowercased())/plans",
            #"{"kind":"family","startedOn":"2026-10-05"}"#, token: token, app)
        #expect(created.status == .created, "\(created.body.string)")
        let planId = try created.content.decode(PlanJSON.self).id.uuidString.lowercased()
        let path = "/api/v1/plans/\(planId)"
        let goal = try await CaseworkAPITests.send(
            .POST, path + "/goals", #"{"familyWords":"Get to school","practitionerWords":"Attendance"}"#,
            token: token, app)
        return (path, "/plans/\(planId)", try goal.content.decode(PlanJSON.self).goals[0].id.uuidString.lowercased())
    }

    /// A plan starts within its piece of work and not in the future, and its actions fall due after it
    /// starts. Page and API give the same messages and save nothing.
    @Test func aPlanStartsWithinTheWorkAndItsActionsFallDueAfterIt() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let involvement = try await world.addInvolvement(on: app)
            let token = try await APITestSupport.token(for: "practitioner@test.example", app)
            let plans = "/api/v1/involvements/\(involvement.uuidString.lowercased())/plans"
            for (startedOn, message) in [
                ("2031-01-01", "The start date must not be in the future"),
                ("2026-08-31", "The start date must be on or after 1 September 2026, when the piece of work started"),
            ] {
                let refused = try await CaseworkAPITests.send(
                    .POST, plans, #"{"kind":"family","startedOn":"\#(startedOn)"}"#, token: token, app)
                #expect(refused.status == .unprocessableEntity)
                #expect(try APITestSupport.fieldErrors(refused) == [FieldError(field: "startedOn", message: message)])
            }
            #expect(try await count("plans", in: app) == 0)
            let browser = TestBrowser(app)
            try await browser.signIn("practitioner@test.example")
            let base = "/involvements/\(involvement.uuidString.lowercased())/plans"
            try await browser.get(base + "/new")
            let future = try await browser.post(base, form: [("kind", "family"), ("startedOn", "2031-01-01")])
            #expect(future.status == .unprocessableEntity)
            #expect(future.body.string.contains("<title>Error:"))
            #expect(future.body.string.contains(##"href="#startedOn""##))
            #expect(future.body.string.contains(#"id="startedOn-error""#))
            #expect(future.body.string.contains("The start date must not be in the future"))
            #expect(future.body.string.contains(#"value="2031-01-01""#))
            #expect(try await count("plans", in: app) == 0)

            let (path, page, goalId) = try await Self.planWithGoal(world, app, token: token)
            let action =
                #"{"goalId":"\#(goalId)","ownerKind":"family-member","owner":"Maria","what":"Alarms","byWhen":"2026-10-04"}"#
            let early = try await CaseworkAPITests.send(.POST, path + "/actions", action, token: token, app)
            #expect(early.status == .unprocessableEntity)
            let message = "The date it is due must be on or after 5 October 2026, when the plan started"
            #expect(try APITestSupport.fieldErrors(early) == [FieldError(field: "byWhen", message: message)])
            try await browser.get(page)
            let earlyPage = try await browser.post(
                page + "/actions",
                form: [
                    ("goalId", goalId), ("ownerKind", "family-member"), ("owner", "Maria"), ("what", "Alarms"),
                    ("byWhen", "2026-10-04"),
                ])
            #expect(earlyPage.status == .unprocessableEntity)
            #expect(earlyPage.body.string.contains(#"id="byWhen-error""#))
            #expect(earlyPage.body.string.contains(message))
            #expect(earlyPage.body.string.contains(#"value="2026-10-04""#))
            #expect(try await count("plan_actions", in: app) == 0)
        }
    }

    /// The family's agreement and a review are things that have happened: neither is dated in the future.
    @Test func theAgreementAndAReviewAreNotDatedInTheFuture() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let token = try await APITestSupport.token(for: "practitioner@test.example", app)
            let (path, page, goalId) = try await Self.planWithGoal(world, app, token: token)
            let tomorrow = LondonTime.calendarDate(of: Date()).adding(days: 1).iso
            let agreedLater = try await CaseworkAPITests.send(
                .POST, path + "/agreement", #"{"agreedBy":"Maria","method":"in-person","agreedOn":"\#(tomorrow)"}"#,
                token: token, app)
            #expect(agreedLater.status == .unprocessableEntity)
            #expect(
                try APITestSupport.fieldErrors(agreedLater) == [
                    FieldError(field: "agreedOn", message: "The date they agreed must not be in the future")
                ])
            let browser = TestBrowser(app)
            try await browser.signIn("practitioner@test.example")
            try await browser.get(page)
            let agreedPage = try await browser.post(
                page + "/agreement", form: [("agreedBy", "Maria"), ("method", "in-person"), ("agreedOn", tomorrow)])
            #expect(agreedPage.status == .unprocessableEntity)
            #expect(agreedPage.body.string.contains("<title>Error:"))
            #expect(agreedPage.body.string.contains(##"href="#agreedOn""##))
            #expect(agreedPage.body.string.contains(#"id="agreedOn-error""#))
            #expect(agreedPage.body.string.contains("The date they agreed must not be in the future"))
            #expect(agreedPage.body.string.contains(#"value="\#(tomorrow)""#))
            #expect(try await count("plans", in: app, where: "status = 'draft' AND agreed_on IS NULL") == 1)

            // The page offers a review once the plan is agreed.
            let agreed = try await CaseworkAPITests.send(
                .POST, path + "/agreement", #"{"agreedBy":"Maria","method":"in-person","agreedOn":"2026-10-06"}"#,
                token: token, app)
            #expect(agreed.status == .created, "\(agreed.body.string)")
            let reviewedLater = try await CaseworkAPITests.send(
                .POST, path + "/reviews",
                #"{"reviewedOn":"\#(tomorrow)","score":{"\#(goalId)":"7"},"word":{"\#(goalId)":"better"},"decisions":"Carry on"}"#,
                token: token, app)
            #expect(reviewedLater.status == .unprocessableEntity)
            #expect(
                try APITestSupport.fieldErrors(reviewedLater) == [
                    FieldError(field: "reviewedOn", message: "The date of the review must not be in the future")
                ])
            try await browser.get(page)
            let reviewedPage = try await browser.post(
                page + "/reviews",
                form: [
                    ("reviewedOn", tomorrow), ("score[\(goalId)]", "7"), ("word[\(goalId)]", "better"),
                    ("decisions", "Carry on"),
                ])
            #expect(reviewedPage.status == .unprocessableEntity)
            #expect(reviewedPage.body.string.contains(##"href="#reviewedOn""##))
            #expect(reviewedPage.body.string.contains(#"id="reviewedOn-error""#))
            // Each goal's score and word come back chosen.
            #expect(reviewedPage.body.string.contains(#"<option value="7" selected>7</option>"#))
            #expect(reviewedPage.body.string.contains(#"<option value="better" selected>"#))
            #expect(reviewedPage.body.string.contains("The date of the review must not be in the future"))
            #expect(reviewedPage.body.string.contains(#"value="\#(tomorrow)""#))
            #expect(try await count("plan_reviews", in: app) == 0)
        }
    }
}
