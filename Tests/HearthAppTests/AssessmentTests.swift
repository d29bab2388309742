import Fluent
import Foundation
import HearthDomain
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import HearthApp

@Suite struct AssessmentTests {
    static let complete = #"""
        {"startedOn":"2026-10-01","strengths":{"health":"Registered with a GP; immunisations up to date","emotional-warmth":"Warm, clearly loves her"},
         "needs":{"education":"Attendance 82% this term","housing":"Damp in the children's bedroom"},
         "analysis":"Mum's warmth is the base to build on; attendance falls when housing stress peaks.",
         "judgement":"Early help is right; no sign of significant harm.","levelOfNeed":"2","outcome":"plan","action":"submit"}
        """#

    @Test func badInputGetsFieldMessagesAndSavesNothing() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let involvement = try await world.addInvolvement(on: app)
            let token = try await APITestSupport.token(for: "practitioner@test.example", app)
            let path = "/api/v1/involvements/\(involvement.uuidString.lowercased())/assessments"
            // Submitting without analysis, and a due date before the start.
            let bad = try await CaseworkAPITests.send(
                .POST, path,
                #"{"startedOn":"2026-10-10","dueOn":"2026-10-01","strengths":{"nonsense":"x"},"levelOfNeed":"9","action":"submit"}"#,
                token: token, app)
            #expect(bad.status == .unprocessableEntity)
            for field in ["dueOn", "analysis", "levelOfNeed", "outcome", "strengths"] {
                #expect(bad.body.string.contains("\"\(field)\""), "\(field): \(bad.body.string)")
            }
            #expect(bad.body.string.contains("The due date must be on or after the start date"))
            #expect(bad.body.string.contains("Write your analysis before submitting"))
            #expect(try await count("assessments", in: app) == 0)
            // The same through the form: 422, the messages beside the fields, nothing saved.
            let browser = TestBrowser(app)
            try await browser.signIn("practitioner@test.example")
            let page = try await browser.post(
                "/involvements/\(involvement.uuidString.lowercased())/assessments",
                form: [("startedOn", "2026-10-10"), ("dueOn", "2026-10-01"), ("action", "submit")])
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.string.contains("id=\"dueOn-error\""))
            #expect(page.body.string.contains("id=\"analysis-error\""))
            #expect(try await count("assessments", in: app) == 0)
        }
    }

    /// An assessment starts within its piece of work (which began on 1 September 2026) and not in the future.
    @Test func anAssessmentStartsWithinTheWorkAndNotInTheFuture() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let involvement = try await world.addInvolvement(on: app)
            let token = try await APITestSupport.token(for: "practitioner@test.example", app)
            let path = "/api/v1/involvements/\(involvement.uuidString.lowercased())/assessments"
            for (startedOn, message) in [
                ("2031-01-01", "The start date must not be in the future"),
                ("1900-01-01", "The start date must be on or after 1 September 2026, when the piece of work started"),
            ] {
                let refused = try await CaseworkAPITests.send(
                    .POST, path, #"{"startedOn":"\#(startedOn)"}"#, token: token, app)
                #expect(refused.status == .unprocessableEntity)
                #expect(try APITestSupport.fieldErrors(refused) == [FieldError(field: "startedOn", message: message)])
            }
            #expect(try await count("assessments", in: app) == 0)
            let browser = TestBrowser(app)
            try await browser.signIn("practitioner@test.example")
            let form = "/involvements/\(involvement.uuidString.lowercased())/assessments"
            try await browser.get(form + "/new")
            let page = try await browser.post(form, form: [("startedOn", "1900-01-01")])
            #expect(page.status == .unprocessableEntity)
            let html = page.body.string
            #expect(html.contains("<title>Error:"))
            #expect(html.contains(##"href="#startedOn""##))
            #expect(html.contains(#"id="startedOn-error""#))
            #expect(
                html.contains("The start date must be on or after 1 September 2026, when the piece of work started"))
            #expect(html.contains(#"value="1900-01-01""#))
            #expect(try await count("assessments", in: app) == 0)
            // The first day of the work is fine.
            let first = try await CaseworkAPITests.send(
                .POST, path, #"{"startedOn":"2026-09-01"}"#, token: token, app)
            #expect(first.status == .created, "\(first.body.string)")
        }
    }

    @Test func theSignOffMatrixOnlyAManagerOfTheTeamApprovesAndApprovedIsFinal() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let involvement = try await world.addInvolvement(on: app)
            let token = try await APITestSupport.token(for: "practitioner@test.example", app)
            let created = try await CaseworkAPITests.send(
                .POST, "/api/v1/involvements/\(involvement.uuidString.lowercased())/assessments", Self.complete,
                token: token, app)
            #expect(created.status == .created, "\(created.body.string)")
            let assessment = try created.content.decode(AssessmentJSON.self)
            #expect(assessment.status == "submitted")
            // Due 45 working days after 1 October 2026 (local default): 3 December 2026.
            #expect(assessment.dueOn == "2026-12-03")
            let path = "/api/v1/assessments/\(assessment.id.uuidString.lowercased())"
            let approve = #"{"decision":"approve","comments":"Clear analysis"}"#
            // Who may sign off: the author may not, nor a colleague, nor a practitioner in another team
            // (who cannot even see it), nor the safeguarding lead.
            let refusals: [(String, HTTPStatus)] = [
                ("practitioner@test.example", .forbidden), ("colleague@test.example", .forbidden),
                ("south@test.example", .notFound), ("safeguarding@test.example", .forbidden),
                ("auditor@test.example", .notFound),
            ]
            for (email, status) in refusals {
                let other = try await APITestSupport.token(for: email, app)
                let response = try await CaseworkAPITests.send(.POST, path + "/sign-off", approve, token: other, app)
                #expect(response.status == status, "\(email)")
            }
            // Each refusal is in the audit trail, though the work it refused rolled back.
            let refused = try await count(
                "audit_events", in: app,
                where:
                    "subject_type = \(bind: "assessment") AND outcome = \(bind: "denied") AND action = \(bind: "update")"
            )
            #expect(refused == refusals.count)
            let manager = try await APITestSupport.token(for: "manager@test.example", app)
            let approved = try await CaseworkAPITests.send(.POST, path + "/sign-off", approve, token: manager, app)
            #expect(approved.status == .ok, "\(approved.body.string)")
            let json = try approved.content.decode(AssessmentJSON.self)
            #expect(json.status == "approved")
            #expect(json.signOffs.map(\.decision) == ["approved"])
            // The chronology has the submission and the approval, each read from its record.
            let chronology = try await CaseworkAPITests.send(
                .GET, "/api/v1/people/\(world.person.uuidString.lowercased())/chronology?source=assessment",
                token: token, app)
            let kinds = try chronology.content.decode(ItemsJSON<APIController.ChronologyItem>.self).items.map(\.kind)
            #expect(Set(kinds) == ["assessment-submitted", "assessment-approved"])
            // The approved version is kept as it was signed.
            let snapshot = try await AssessmentSignOff.query(on: app.db).first()?.snapshot ?? ""
            #expect(snapshot.contains("Mum's warmth is the base to build on"))
            // An approved assessment cannot be edited, nor signed off again.
            let edit = try await CaseworkAPITests.send(
                .PUT, path, #"{"startedOn":"2026-10-01","analysis":"Changed afterwards"}"#, token: token, app)
            #expect(edit.status == .conflict)
            #expect(
                try await CaseworkAPITests.send(.POST, path + "/sign-off", approve, token: manager, app).status
                    == .conflict)
            let stored = try await Assessment.find(assessment.id, on: app.db)
            #expect(stored?.analysis?.contains("Mum's warmth") == true)
        }
    }

    @Test func aReturnedAssessmentCanBeChangedAndSubmittedAgain() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let involvement = try await world.addInvolvement(on: app)
            let token = try await APITestSupport.token(for: "practitioner@test.example", app)
            let created = try await CaseworkAPITests.send(
                .POST, "/api/v1/involvements/\(involvement.uuidString.lowercased())/assessments", Self.complete,
                token: token, app)
            let id = try created.content.decode(AssessmentJSON.self).id.uuidString.lowercased()
            let manager = try await APITestSupport.token(for: "manager@test.example", app)
            // Returning needs a comment.
            let bare = try await CaseworkAPITests.send(
                .POST, "/api/v1/assessments/\(id)/sign-off", #"{"decision":"return"}"#, token: manager, app)
            #expect(bare.status == .unprocessableEntity)
            #expect(bare.body.string.contains("\"comments\""))
            // On the page, comments written before choosing a decision are not lost.
            let signer = TestBrowser(app)
            try await signer.signIn("manager@test.example")
            let undecided = try await signer.post(
                "/assessments/\(id)/sign-off", form: [("comments", "Say more about school")])
            #expect(undecided.status == .unprocessableEntity)
            #expect(undecided.body.string.contains("Say more about school</textarea>"))
            let unexplained = try await signer.post("/assessments/\(id)/sign-off", form: [("decision", "return")])
            #expect(unexplained.body.string.contains(#"value="return" checked>"#))
            let returned = try await CaseworkAPITests.send(
                .POST, "/api/v1/assessments/\(id)/sign-off",
                #"{"decision":"return","comments":"Say more about school"}"#, token: manager, app)
            #expect(try returned.content.decode(AssessmentJSON.self).status == "returned")
            // While it was submitted it could not change; now it can, and a stale version is a conflict.
            let stale = try await CaseworkAPITests.send(
                .PUT, "/api/v1/assessments/\(id)", #"{"startedOn":"2026-10-01","analysis":"x","version":1}"#,
                token: token, app)
            #expect(stale.status == .conflict)
            let resubmitted = try await CaseworkAPITests.send(
                .PUT, "/api/v1/assessments/\(id)",
                Self.complete.replacingOccurrences(of: "\"action\"", with: "\"version\":2,\"action\""),
                token: token, app)
            #expect(resubmitted.status == .ok, "\(resubmitted.body.string)")
            #expect(try resubmitted.content.decode(AssessmentJSON.self).status == "submitted")
            // The manager sees the sign-off form on the page; the practitioner does not.
            let browser = TestBrowser(app)
            try await browser.signIn("manager@test.example")
            let page = try await browser.get("/assessments/\(id)")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("Sign off this assessment"))
            #expect(page.body.string.contains("Say more about school"))
            let approved = try await browser.post("/assessments/\(id)/sign-off", form: [("decision", "approve")])
            #expect(approved.status == .seeOther)
            let practitioner = TestBrowser(app)
            try await practitioner.signIn("practitioner@test.example")
            let after = try await practitioner.get("/assessments/\(id)")
            #expect(after.body.string.contains("Approved"))
            #expect(!after.body.string.contains("Change the assessment"))
            #expect(try await practitioner.get("/assessments/\(id)/edit").status == .conflict)
        }
    }

    @Test func theFormCarriesEachPersonsWordsFromRecordings() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let involvement = try await world.addInvolvement(on: app)
            let token = try await APITestSupport.token(for: "practitioner@test.example", app)
            let recording = try await CaseworkAPITests.send(
                .POST, "/api/v1/people/\(world.person.uuidString.lowercased())/recordings",
                #"{"kind":"home-visit","occurredAt":"2026-10-02T10:00:00Z","note":"Visited at home.","childSeen":"yes","seenAlone":"yes","quoteSpeaker":["\#(world.person.uuidString.lowercased())"],"quoteWords":["I like it when Mum walks me to school"]}"#,
                token: token, app)
            #expect(recording.status == .created, "\(recording.body.string)")
            let browser = TestBrowser(app)
            try await browser.signIn("practitioner@test.example")
            let form = try await browser.get("/involvements/\(involvement.uuidString.lowercased())/assessments/new")
            #expect(form.status == .ok)
            #expect(form.body.string.contains("I like it when Mum walks me to school"))
            #expect(form.body.string.contains("Needs are met by universal services"))
        }
    }
}

extension AssessmentTests {
    /// Twenty dimensions, each with strengths and needs: each box that is too long has its own message,
    /// which names the dimension, so the summary does not say the same thing twenty times.
    @Test func eachTooLongBoxHasItsOwnMessageNamingItsDimension() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let involvement = try await world.addInvolvement(on: app)
            let browser = TestBrowser(app)
            try await browser.signIn("practitioner@test.example")
            let path = "/involvements/\(involvement.uuidString.lowercased())/assessments"
            try await browser.get(path + "/new")
            let long = String(repeating: "x", count: 8_001)
            let dimensions = AssessmentFramework.dimensions
            #expect(dimensions.count == 20)
            let response = try await browser.post(
                path,
                form: [("action", "save"), ("strengths[health]", long)]
                    + dimensions.map { ("needs[\($0.code)]", long) })
            #expect(response.status == .unprocessableEntity)
            let html = response.body.string
            ErrorPage.expectValid(html, fields: ["strengths-health"] + dimensions.map { "needs-\($0.code)" })
            #expect(html.contains("Health: strengths must be 8,000 characters or fewer"))
            for dimension in dimensions {
                #expect(
                    html.contains("\(dimension.label): needs must be 8,000 characters or fewer"), "\(dimension.code)")
            }
            #expect(!html.contains(">Needs must be"))
            #expect(try await count("assessments", in: app) == 0)
        }
    }
}
