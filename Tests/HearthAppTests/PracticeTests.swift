import Fluent
import Foundation
import HearthDomain
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import HearthApp

/// Safety planning, decisions with oversight and challenge, threshold descriptors, and the work list that
/// gathers what is due from all of them.
@Suite struct PracticeTests {
    @Test func theSafetyPlanIsVersionedAndTheScaleIsRecordedOverTime() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let involvement = try await world.addInvolvement(on: app)
            let token = try await APITestSupport.token(for: "practitioner@test.example", app)
            let path = "/api/v1/involvements/\(involvement.uuidString.lowercased())"
            let empty = try await CaseworkAPITests.send(
                .PUT, path + "/safety-plan", #"{"worries":""}"#, token: token, app)
            #expect(empty.status == .unprocessableEntity)
            #expect(empty.body.string.contains("\"worries\""))
            let saved = try await CaseworkAPITests.send(
                .PUT, path + "/safety-plan",
                #"{"worries":"Arguments at night when dad has been drinking","workingWell":"Nan has the children at weekends","safetyGoals":"The children sleep safely every night","network":"Nan: collects on Fridays","version":0}"#,
                token: token, app)
            #expect(saved.status == .ok, "\(saved.body.string)")
            #expect(try saved.content.decode(SafetyJSON.self).version == 1)
            let stale = try await CaseworkAPITests.send(
                .PUT, path + "/safety-plan", #"{"worries":"Changed","version":0}"#, token: token, app)
            #expect(stale.status == .conflict)
            for (day, score, who, kind) in [
                ("2026-10-01", "3", "Test practitioner", "practitioner"), ("2026-10-01", "5", "Maria", "family-member"),
                ("2026-11-01", "6", "Test practitioner", "practitioner"),
            ] {
                let response = try await CaseworkAPITests.send(
                    .POST, path + "/safety-scores",
                    #"{"scoredOn":"\#(day)","score":"\#(score)","scorerKind":"\#(kind)","scorerName":"\#(who)"}"#,
                    token: token, app)
                #expect(response.status == .created, "\(response.body.string)")
            }
            let bad = try await CaseworkAPITests.send(
                .POST, path + "/safety-scores", #"{"scoredOn":"2026-11-02","score":"11","scorerKind":"practitioner"}"#,
                token: token, app)
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("\"score\"") && bad.body.string.contains("\"scorerName\""))
            let safety = try await CaseworkAPITests.send(.GET, path + "/safety-plan", token: token, app)
            #expect(try safety.content.decode(SafetyJSON.self).scores.map(\.score) == [3, 5, 6])
            let browser = TestBrowser(app)
            try await browser.signIn("practitioner@test.example")
            let page = try await browser.get("/involvements/\(involvement.uuidString.lowercased())/safety")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("<polyline"))
            #expect(page.body.string.contains("Nan has the children at weekends"))
        }
    }

    @Test func decisionsOversightAndAChallengeEscalatedAndResolved() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let involvement = try await world.addInvolvement(on: app)
            let practitioner = try await APITestSupport.token(for: "practitioner@test.example", app)
            let manager = try await APITestSupport.token(for: "manager@test.example", app)
            let lead = try await APITestSupport.token(for: "safeguarding@test.example", app)
            let path = "/api/v1/involvements/\(involvement.uuidString.lowercased())/decisions"
            // A decision needs its reasons; oversight is for a manager of the team.
            let noReasons = try await CaseworkAPITests.send(
                .POST, path, #"{"kind":"decision","decidedOn":"2026-10-02","summary":"Close the work"}"#,
                token: manager, app)
            #expect(noReasons.status == .unprocessableEntity)
            #expect(noReasons.body.string.contains("\"reasons\""))
            let notManager = try await CaseworkAPITests.send(
                .POST, path, #"{"kind":"oversight","decidedOn":"2026-10-02","summary":"Reviewed"}"#,
                token: practitioner, app)
            #expect(notManager.status == .forbidden)
            let decision = try await CaseworkAPITests.send(
                .POST, path,
                #"{"kind":"decision","decidedOn":"2026-10-02","summary":"Step down to universal services","reasons":"Attendance is back to 96%","optionsConsidered":"Keep open six more weeks; step down"}"#,
                token: manager, app)
            #expect(decision.status == .created, "\(decision.body.string)")
            let decisionId = try decision.content.decode(DecisionJSON.self).id.uuidString.lowercased()
            let oversight = try await CaseworkAPITests.send(
                .POST, path,
                #"{"kind":"oversight","decidedOn":"2026-10-03","summary":"Plan is on track; visit the school"}"#,
                token: manager, app)
            #expect(oversight.status == .created)
            // A challenge too long to keep comes back with its words, not an empty box.
            let challenger = TestBrowser(app)
            try await challenger.signIn("practitioner@test.example")
            let long = "Too soon. " + String(repeating: "x", count: 8_000)
            let refused = try await challenger.post(
                "/involvements/\(involvement.uuidString.lowercased())/decisions/\(decisionId)/challenges",
                form: [("reason", long)])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains(#"id="reason-\#(decisionId)-error""#))
            #expect(refused.body.string.contains("\(long)</textarea>"))
            #expect(try await count("challenges", in: app) == 0)
            // The practitioner challenges; the manager sees it on the work list; the practitioner escalates;
            // the safeguarding lead resolves it.
            let challenge = try await CaseworkAPITests.send(
                .POST, "/api/v1/decisions/\(decisionId)/challenges",
                #"{"reason":"Dad is back in the house; it is too soon to step down"}"#, token: practitioner, app)
            #expect(challenge.status == .ok, "\(challenge.body.string)")
            let challengeId = try challenge.content.decode(ItemsJSON<DecisionJSON>.self).items
                .first { $0.id.uuidString.lowercased() == decisionId }!.challenges[0].id.uuidString.lowercased()
            let managerList = try await CaseworkAPITests.send(.GET, "/api/v1/work-list", token: manager, app)
            #expect(try managerList.content.decode(WorkListJSON.self).items.map(\.kind).contains("challenge"))
            // The one who raised it cannot resolve it.
            let selfResolve = try await CaseworkAPITests.send(
                .POST, "/api/v1/challenges/\(challengeId)/resolve", #"{"resolution":"Fine"}"#, token: practitioner, app)
            #expect(selfResolve.status == .forbidden)
            let escalated = try await CaseworkAPITests.send(
                .POST, "/api/v1/challenges/\(challengeId)/escalate",
                #"{"note":"We disagree after talking it through"}"#,
                token: practitioner, app)
            #expect(escalated.status == .ok, "\(escalated.body.string)")
            let leadList = try await CaseworkAPITests.send(.GET, "/api/v1/work-list", token: lead, app)
            #expect(try leadList.content.decode(WorkListJSON.self).items.map(\.kind).contains("challenge"))
            let resolved = try await CaseworkAPITests.send(
                .POST, "/api/v1/challenges/\(challengeId)/resolve",
                #"{"resolution":"Keep the work open for six weeks and review"}"#, token: lead, app)
            #expect(resolved.status == .ok, "\(resolved.body.string)")
            let items = try resolved.content.decode(ItemsJSON<DecisionJSON>.self).items
            #expect(items.flatMap(\.challenges).map(\.status) == ["resolved"])
            // In the chronology: the decision, the oversight and the challenge.
            let chronology = try await CaseworkAPITests.send(
                .GET, "/api/v1/people/\(world.person.uuidString.lowercased())/chronology?source=decision",
                token: practitioner, app)
            for text in [
                "Decision: Step down", "Management oversight: Plan is on track", "Decision challenged: Dad is back",
            ] {
                #expect(chronology.body.string.contains(text), "\(text)")
            }
            // The page shows it all.
            let browser = TestBrowser(app)
            try await browser.signIn("practitioner@test.example")
            let page = try await browser.get("/involvements/\(involvement.uuidString.lowercased())/decisions")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("Keep the work open for six weeks"))
            let blank = try await browser.post(
                "/involvements/\(involvement.uuidString.lowercased())/decisions/\(decisionId)/challenges",
                form: [("reason", "")])
            #expect(blank.status == .unprocessableEntity)
            #expect(blank.body.string.contains("id=\"reason-\(decisionId)-error\""))
        }
    }

    @Test func theWorkListGathersWhatIsDueAndTheCaseloadCountsIt() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let involvement = try await world.addInvolvement(on: app)
            let token = try await APITestSupport.token(for: "practitioner@test.example", app)
            // A draft assessment overdue since 1 October, and a submitted one for the manager.
            let draft = try await CaseworkAPITests.send(
                .POST, "/api/v1/involvements/\(involvement.uuidString.lowercased())/assessments",
                #"{"startedOn":"2026-09-01","dueOn":"2026-10-01"}"#, token: token, app)
            #expect(draft.status == .created)
            let submitted = try await CaseworkAPITests.send(
                .POST, "/api/v1/involvements/\(involvement.uuidString.lowercased())/assessments",
                AssessmentTests.complete, token: token, app)
            #expect(submitted.status == .created)
            // A plan with an action due in the far future.
            let plan = try await CaseworkAPITests.send(
                .POST, "/api/v1/involvements/\(involvement.uuidString.lowercased())/plans", #"{"kind":"family"}"#,
                token: token, app)
            let planId = try plan.content.decode(PlanJSON.self).id.uuidString.lowercased()
            _ = try await CaseworkAPITests.send(
                .POST, "/api/v1/plans/\(planId)/goals",
                #"{"familyWords":"Calmer mornings","practitionerWords":"Routine"}"#,
                token: token, app)
            _ = try await CaseworkAPITests.send(
                .POST, "/api/v1/plans/\(planId)/actions",
                #"{"ownerKind":"practitioner","owner":"Test practitioner","what":"Book the parenting course","byWhen":"2099-01-01"}"#,
                token: token, app)
            // A concern for the safeguarding lead.
            _ = try await CaseworkAPITests.send(
                .POST, "/api/v1/people/\(world.person.uuidString.lowercased())/concerns",
                #"{"categories":["neglect"],"description":"No coat in the snow"}"#, token: token, app)

            let mine = try await CaseworkAPITests.send(.GET, "/api/v1/work-list", token: token, app)
            let list = try mine.content.decode(WorkListJSON.self)
            #expect(list.items.map(\.kind) == ["assessment", "plan-action"])
            #expect(list.items[0].state == "overdue")
            #expect(list.items[0].person == "Amelia Testperson")
            #expect(list.items[1].state == "later")
            #expect(list.counts.overdue == 1 && list.counts.later == 1)
            // The manager signs off; the team view shows the practitioner's work too.
            let manager = try await APITestSupport.token(for: "manager@test.example", app)
            let managerList = try await CaseworkAPITests.send(.GET, "/api/v1/work-list", token: manager, app)
            #expect(try managerList.content.decode(WorkListJSON.self).items.map(\.kind) == ["sign-off"])
            let team = try await CaseworkAPITests.send(.GET, "/api/v1/work-list?team=true", token: manager, app)
            let teamItems = try team.content.decode(WorkListJSON.self).items
            #expect(Set(teamItems.map(\.kind)) == ["assessment", "sign-off", "plan-action"])
            #expect(teamItems.first { $0.kind == "assessment" }?.worker == "Test practitioner@test.example")
            #expect(
                try await CaseworkAPITests.send(.GET, "/api/v1/work-list?team=true", token: token, app).status
                    == .forbidden)
            let lead = try await APITestSupport.token(for: "safeguarding@test.example", app)
            let leadList = try await CaseworkAPITests.send(.GET, "/api/v1/work-list", token: lead, app)
            #expect(try leadList.content.decode(WorkListJSON.self).items.map(\.kind) == ["concern-decision"])
            // The caseload counts them.
            let browser = TestBrowser(app)
            try await browser.signIn("practitioner@test.example")
            let caseload = try await browser.get("/caseload")
            #expect(caseload.body.string.contains("<strong>1</strong> overdue"))
            #expect(caseload.body.string.contains("2 (1 overdue)"))
            let page = try await browser.get("/work-list")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("Complete the assessment"))
            let managerBrowser = TestBrowser(app)
            try await managerBrowser.signIn("manager@test.example")
            let teamPage = try await managerBrowser.get("/work-list/team").body.string
            #expect(teamPage.contains("Book the parenting course"))
            #expect(!teamPage.contains("Not allocated"))
            // Work nobody is allocated to says so, rather than leaving the worker blank.
            try await app.db.sql.update("involvements").set("allocated_user_id", to: SQLLiteral.null).run()
            #expect(
                try await managerBrowser.get("/work-list/team").body.string.contains(
                    #"<td class="h-table__cell">Not allocated</td>"#))
            let unallocated = try await CaseworkAPITests.send(.GET, "/api/v1/work-list?team=true", token: manager, app)
            let items = try unallocated.content.decode(WorkListJSON.self).items
            #expect(items.contains { $0.kind == "assessment" && $0.isUnallocated && $0.worker == nil })
        }
    }

    /// A work-list line names who the work is with and counts restricted people instead of listing
    /// "Restricted record" once for each.
    @Test func theWorkListCountsRestrictedPeopleRatherThanRepeatingThem() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let sibling = Person(
                givenName: "Robin", familyName: "Restricted", dateOfBirth: "2016-02-02", isRestricted: true)
            try await sibling.create(on: app.db)
            for subjects in [[world.restricted, try sibling.requireID()], [world.person, world.restricted]] {
                // An assessment in progress on each, written straight to the table: the restricted
                // records are closed to the practitioner, whose pages would refuse to start one.
                let assessment = Assessment()
                assessment.involvementId = try await world.addInvolvement(on: app, subjects: subjects)
                assessment.status = "draft"
                assessment.startedOn = "2026-09-01"
                assessment.dueOn = "2026-10-01"
                assessment.dimensions = "[]"
                assessment.views = "[]"
                assessment.createdBy = try #require(world.users["practitioner@test.example"])
                assessment.createdAt = Date()
                assessment.updatedAt = Date()
                assessment.version = 1
                try await assessment.create(on: app.db)
            }
            let manager = try await APITestSupport.token(for: "manager@test.example", app)
            let team = try await CaseworkAPITests.send(.GET, "/api/v1/work-list?team=true", token: manager, app)
            let people = Set(try team.content.decode(WorkListJSON.self).items.compactMap(\.person))
            #expect(people == ["2 restricted records", "Amelia Testperson and Restricted record"])
        }
    }

    @Test func thresholdDescriptorsAreTheOrganisationsAndShownBesideTheLevel() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let admin = TestBrowser(app)
            try await admin.signIn("admin@test.example")
            let blank = try await admin.post("/admin/thresholds/2", form: [("text", " ")])
            #expect(blank.status == .unprocessableEntity)
            #expect(blank.body.string.contains("id=\"text-2-error\""))
            let saved = try await admin.post(
                "/admin/thresholds/2", form: [("text", "Testshire level 2: one agency, with the family’s consent")])
            #expect(saved.status == .seeOther)
            let practitioner = TestBrowser(app)
            try await practitioner.signIn("practitioner@test.example")
            #expect(try await practitioner.get("/admin/thresholds").status == .forbidden)
            let form = try await practitioner.get(world.personPath + "/concerns/new")
            #expect(form.body.string.contains("Testshire level 2: one agency"))
            let token = try await APITestSupport.token(for: "practitioner@test.example", app)
            let list = try await CaseworkAPITests.send(.GET, "/api/v1/threshold-descriptors", token: token, app)
            #expect(try list.content.decode(ThresholdJSON.self).items[1].text.hasPrefix("Testshire level 2"))
            let refused = try await CaseworkAPITests.send(
                .PUT, "/api/v1/threshold-descriptors/2", #"{"text":"x"}"#, token: token, app)
            #expect(refused.status == .forbidden)
            // An administrator's empty descriptor is refused on `text`, the body's own name for it.
            let adminToken = try await APITestSupport.token(for: "admin@test.example", app)
            let blankText = try await CaseworkAPITests.send(
                .PUT, "/api/v1/threshold-descriptors/2", #"{"text":" "}"#, token: adminToken, app)
            #expect(blankText.status == .unprocessableEntity)
            #expect(try APITestSupport.fieldErrors(blankText).map(\.field) == ["text"])
        }
    }

    @Test func aSafeguardingLeadDecidesOnAConcernThroughTheAPI() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let token = try await APITestSupport.token(for: "practitioner@test.example", app)
            let raised = try await CaseworkAPITests.send(
                .POST, "/api/v1/people/\(world.person.uuidString.lowercased())/concerns",
                #"{"categories":["physical-abuse"],"description":"Bruise on the arm"}"#, token: token, app)
            let id = try raised.content.decode(ConcernJSON.self).id.uuidString.lowercased()
            let path = "/api/v1/concerns/\(id)/decision"
            let body = #"{"outcome":"referred-csc","referralReference":"MASH-2026-0042"}"#
            #expect(try await CaseworkAPITests.send(.POST, path, body, token: token, app).status == .forbidden)
            let lead = try await APITestSupport.token(for: "safeguarding@test.example", app)
            let missing = try await CaseworkAPITests.send(.POST, path, #"{"outcome":"referred-csc"}"#, token: lead, app)
            #expect(missing.status == .unprocessableEntity)
            #expect(missing.body.string.contains("\"referralReference\""))
            let decided = try await CaseworkAPITests.send(.POST, path, body, token: lead, app)
            #expect(decided.status == .ok, "\(decided.body.string)")
            let concern = try decided.content.decode(ConcernJSON.self)
            #expect(concern.decision == "referred-csc" && concern.referralReference == "MASH-2026-0042")
            #expect(try await CaseworkAPITests.send(.POST, path, body, token: lead, app).status == .conflict)
        }
    }
}

extension PracticeTests {
    @Test func safetyAndDecisionFormsShowEachMessageBesideItsField() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let involvement = try await world.addInvolvement(on: app).uuidString.lowercased()
            let browser = TestBrowser(app)
            try await browser.signIn("practitioner@test.example")
            try await browser.get("/involvements/\(involvement)/safety")
            let long = String(repeating: "x", count: 8_001)
            let plan = try await browser.post(
                "/involvements/\(involvement)/safety",
                form: [
                    ("worries", "Shouting at night"), ("workingWell", long), ("needsToHappen", long),
                    ("safetyGoals", long), ("network", long), ("version", "0"),
                ])
            #expect(plan.status == .unprocessableEntity)
            ErrorPage.expectValid(plan.body.string, fields: ["workingWell", "needsToHappen", "safetyGoals", "network"])
            #expect(plan.body.string.contains("What is working well must be 8,000 characters or fewer"))
            #expect(plan.body.string.contains(">Shouting at night</textarea>"))
            // A score with no name and too long a note: the form is open and the score chosen stays chosen.
            let score = try await browser.post(
                "/involvements/\(involvement)/safety-scores",
                form: [
                    ("scoredOn", "2026-11-02"), ("score", "4"), ("scorerKind", "practitioner"), ("scorerName", ""),
                    ("note", String(repeating: "y", count: 2_001)),
                ])
            #expect(score.status == .unprocessableEntity)
            ErrorPage.expectValid(score.body.string, fields: ["scorerName", "note"])
            #expect(score.body.string.contains("<option value=\"4\" selected>"))
            #expect(score.body.string.contains("<details class=\"h-details\" open>"))
            // A decision with too long a list of options.
            try await browser.get("/involvements/\(involvement)/decisions")
            let decision = try await browser.post(
                "/involvements/\(involvement)/decisions",
                form: [
                    ("kind", "decision"), ("decidedOn", "2026-11-02"), ("summary", "Keep going"),
                    ("reasons", "It is working"), ("optionsConsidered", long),
                ])
            #expect(decision.status == .unprocessableEntity)
            ErrorPage.expectValid(decision.body.string, fields: ["optionsConsidered"])
            #expect(try await count("safety_scores", in: app) == 0)
            #expect(try await count("decisions", in: app) == 0)
        }
    }
}
