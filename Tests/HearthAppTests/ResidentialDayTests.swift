import Fluent
import Foundation
import HearthDomain
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import HearthApp

@Suite struct ResidentialDayTests {
    static func send(_ method: HTTPMethod, _ path: String, _ body: String? = nil, token: String, _ app: Application)
        async throws -> TestingHTTPResponse
    {
        try await CaseworkAPITests.send(method, path, body, token: token, app)
    }

    /// A second child allocated to team North, referred to Test House and not yet placed.
    static func referredChild(_ world: World, _ app: Application) async throws -> UUID {
        let child = Person(givenName: "Rowan", familyName: "Newcome", dateOfBirth: "2012-04-01")
        try await child.create(on: app.db)
        try await Allocation(personId: try child.requireID(), userId: nil, teamId: world.north, startsOn: Date())
            .create(on: app.db)
        return try child.requireID()
    }

    @Test func admittingAChildShowsTheChildrenLivingThereAndRequiresTheImpactAssessment() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let home = try await ResidentialTests.home(world, app).uuidString.lowercased()
            let rowan = try await Self.referredChild(world, app).uuidString.lowercased()
            // The admission page lists the children living there, and the child waiting.
            let browser = TestBrowser(app)
            try await browser.signIn("manager@test.example")
            let page = try await browser.get("/homes/\(home)/admissions/new")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("Amelia"))
            #expect(page.body.string.contains("Rowan Newcome"))
            // Without the impact assessment nothing is saved, in the form and the API.
            let refused = try await browser.post(
                "/homes/\(home)/admissions",
                form: [
                    ("personId", rowan), ("startedOn", UKTime.today()), ("reason", "Needs a home"),
                    ("placingAuthority", "Testshire"), ("legalStatus", "C2"), ("impactAssessment", ""),
                ])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("impact and matching assessment"))
            let manager = try await APITestSupport.token(for: "manager@test.example", app)
            let body =
                #"{"personId":"\#(rowan)","startedOn":"\#(UKTime.today())","reason":"Needs a home","placingAuthority":"Testshire","legalStatus":"C2""#
            let bad = try await Self.send(.POST, "/api/v1/homes/\(home)/placements", body + "}", token: manager, app)
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("\"impactAssessment\""))
            #expect(try await count("placements", in: app) == 1)
            // A practitioner in the team cannot admit: the home's managers do.
            let practitioner = try await APITestSupport.token(for: "practitioner@test.example", app)
            let full = body + #","impactAssessment":"Rowan is younger than Amelia; both like quiet evenings."}"#
            #expect(
                try await Self.send(.POST, "/api/v1/homes/\(home)/placements", full, token: practitioner, app).status
                    == .notFound)
            let admitted = try await Self.send(.POST, "/api/v1/homes/\(home)/placements", full, token: manager, app)
            #expect(admitted.status == .created, "\(admitted.body.string)")
            let placement = try admitted.content.decode(PlacementJSON.self)
            #expect(placement.childrenConsidered.contains("Amelia"))
            // Admitted twice is refused.
            let again = try await Self.send(.POST, "/api/v1/homes/\(home)/placements", full, token: manager, app)
            #expect(again.status == .unprocessableEntity)
            // The home now lists both children, and the audit has the admission.
            let shown = try await Self.send(.GET, "/api/v1/homes/\(home)", token: manager, app)
            #expect(try shown.content.decode(HomeJSON.self).children.count == 2)
            #expect(
                try await count("audit_events", in: app, where: "subject_type = 'placement' AND action = 'create'") >= 1
            )
        }
    }

    @Test func aKeyWorkersCaseloadCountsTheDaysRecordsAsContact() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            _ = try await ResidentialTests.home(world, app)
            _ = try await world.addInvolvement(on: app, level: 4, service: Vocabulary.residentialCare)
            let browser = TestBrowser(app)
            try await browser.signIn("practitioner@test.example")
            #expect(try await browser.get("/caseload").body.string.contains("Arrange a first contact"))
            let worker = try await APITestSupport.token(for: "practitioner@test.example", app)
            let person = world.person.uuidString.lowercased()
            let session = try await Self.send(
                .POST, "/api/v1/people/\(person)/key-work-sessions",
                #"{"heldOn":"2026-11-02","topic":"School","childWords":"I like art best"}"#, token: worker, app)
            #expect(session.status == .created)
            // A session has a day, not a time: the caseload shows the day.
            let afterSession = try await browser.get("/caseload").body.string
            #expect(afterSession.contains("<td class=\"h-table__cell\">2 November 2026</td>"))
            #expect(!afterSession.contains("Arrange a first contact"))
            let log = try await Self.send(
                .POST, "/api/v1/people/\(person)/daily-logs", #"{"area":"education","text":"Went to school"}"#,
                token: worker, app)
            #expect(log.status == .created)
            let today = CalendarDate(iso: UKTime.today())!.written
            #expect(try await browser.get("/caseload").body.string.contains("<td class=\"h-table__cell\">\(today) at "))
        }
    }

    @Test func theDayIsRecordedQuicklyAndHandoversAreAcknowledged() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let home = try await ResidentialTests.home(world, app).uuidString.lowercased()
            let person = world.person.uuidString.lowercased()
            let worker = try await APITestSupport.token(for: "practitioner@test.example", app)
            let colleague = try await APITestSupport.token(for: "colleague@test.example", app)
            // Daily logs: a bad area and no text change nothing; two good ones are kept, newest first.
            let bad = try await Self.send(
                .POST, "/api/v1/people/\(person)/daily-logs", #"{"area":"mood","text":" "}"#, token: worker, app)
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("\"area\"") && bad.body.string.contains("\"text\""))
            #expect(try await count("daily_logs", in: app) == 0)
            for (area, text) in [("education", "Went to school happily"), ("family-time", "Called her nan")] {
                let made = try await Self.send(
                    .POST, "/api/v1/people/\(person)/daily-logs", #"{"area":"\#(area)","text":"\#(text)"}"#,
                    token: worker, app)
                #expect(made.status == .created)
            }
            let logs = try await Self.send(.GET, "/api/v1/people/\(person)/daily-logs", token: worker, app)
            #expect(try logs.content.decode(ItemsJSON<DailyLogJSON>.self).items.map(\.area).count == 2)
            // Someone in South cannot read them.
            let south = try await APITestSupport.token(for: "south@test.example", app)
            #expect(
                try await Self.send(.GET, "/api/v1/people/\(person)/daily-logs", token: south, app).status == .notFound)
            // A handover is read and acknowledged by the incoming colleague, once.
            let written = try await Self.send(
                .POST, "/api/v1/homes/\(home)/handovers",
                #"{"whatHappened":"Quiet night","nextShift":"Dentist at ten"}"#, token: worker, app)
            #expect(written.status == .created)
            let handover = try written.content.decode(HandoverJSON.self)
            #expect(handover.readBy.count == 1)
            for _ in 0..<2 {
                let read = try await Self.send(
                    .POST, "/api/v1/handovers/\(handover.id.uuidString.lowercased())/acknowledge", token: colleague, app
                )
                #expect(read.status == .ok)
            }
            #expect(try await count("handover_reads", in: app) == 2)
            #expect(
                try await Self.send(
                    .POST, "/api/v1/handovers/\(handover.id.uuidString.lowercased())/acknowledge", token: south, app
                ).status == .notFound)
            // Key work in the child's words.
            let session = try await Self.send(
                .POST, "/api/v1/people/\(person)/key-work-sessions",
                #"{"heldOn":"\#(UKTime.today())","topic":"School","childWords":"I like art best"}"#, token: worker, app)
            #expect(session.status == .created)
            // The child's page shows its date as people read dates, not as the API writes them.
            let browser = TestBrowser(app)
            try await browser.signIn("practitioner@test.example")
            let day = try await browser.get("/people/\(person)/residential").body.string
            #expect(day.contains("School, \(CalendarDate(iso: UKTime.today())!.written)"))
            #expect(!day.contains("School, \(UKTime.today())"))
            // The home's worker is offered the forms and the home's own page; a safeguarding lead reads the
            // same page without links and forms that would refuse them.
            #expect(day.contains(#"href="/homes/\#(home)""#))
            #expect(day.contains("Record an incident") && day.contains(#"action="/people/\#(person)/daily-logs""#))
            let lead = TestBrowser(app)
            try await lead.signIn("safeguarding@test.example")
            let read = try await lead.get("/people/\(person)/residential")
            #expect(read.status == .ok)
            #expect(read.body.string.contains("I like art best"))
            for offer in [
                "href=\"/homes/", "Record an incident", "Record a missing episode", "/daily-logs\"", "/key-work\"",
            ] {
                #expect(!read.body.string.contains(offer), "offered \(offer)")
            }
            #expect(try await lead.get("/homes/\(home)").status == .notFound)
            // The statement of purpose: a revision against an old version is a conflict, not an overwrite.
            let revised = try await Self.send(
                .PUT, "/api/v1/homes/\(home)/statement", #"{"statementOfPurpose":"New words","version":"1"}"#,
                token: worker, app)
            #expect(revised.status == .ok)
            let stale = try await Self.send(
                .PUT, "/api/v1/homes/\(home)/statement", #"{"statementOfPurpose":"Older words","version":"1"}"#,
                token: colleague, app)
            #expect(stale.status == .conflict)
            #expect(try await Home.query(on: app.db).first()?.statementOfPurpose == "New words")
            // Only the home's managers set the rota.
            let worker2 = world.users["colleague@test.example"]!.uuidString.lowercased()
            let start = DisplayFormat.iso8601(Date().addingTimeInterval(-3600))
            let end = DisplayFormat.iso8601(Date().addingTimeInterval(6 * 3600))
            let shiftBody = #"{"userId":"\#(worker2)","startsAt":"\#(start)","endsAt":"\#(end)"}"#
            #expect(
                try await Self.send(.POST, "/api/v1/homes/\(home)/shifts", shiftBody, token: worker, app).status
                    == .notFound)
            let manager = try await APITestSupport.token(for: "manager@test.example", app)
            #expect(
                try await Self.send(.POST, "/api/v1/homes/\(home)/shifts", shiftBody, token: manager, app).status
                    == .created)
            let shown = try await Self.send(.GET, "/api/v1/homes/\(home)", token: worker, app)
            #expect(
                try shown.content.decode(HomeJSON.self).onShift.map(\.userId) == [
                    world.users["colleague@test.example"]!
                ])
        }
    }

    @Test func thePlacementPlanIsVersionedReviewedAndHasTheChildsVersion() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            _ = try await ResidentialTests.home(world, app)
            let person = world.person.uuidString.lowercased()
            let worker = try await APITestSupport.token(for: "practitioner@test.example", app)
            let path = "/api/v1/people/\(person)/placement-plan"
            let empty = try await Self.send(.PUT, path, #"{"attendancePercent":140}"#, token: worker, app)
            #expect(empty.status == .unprocessableEntity)
            #expect(empty.body.string.contains("attendancePercent"))
            // The messages use the API's names: an empty plan's is on `areas.health`, not the form's id.
            let nothing = try await Self.send(.PUT, path, "{}", token: worker, app)
            #expect(try APITestSupport.fieldErrors(nothing).map(\.field) == ["areas.health"])
            let keyWorker = world.users["practitioner@test.example"]!.uuidString.lowercased()
            let first = try await Self.send(
                .PUT, path,
                #"{"areas":{"education":"Year 8 at Hill School","health":"Asthma inhaler"},"childWords":"I want to stay","childVersion":"You live here and go to Hill School.","attendancePercent":92,"keyWorkerId":"\#(keyWorker)"}"#,
                token: worker, app)
            #expect(first.status == .ok, "\(first.body.string)")
            let plan = try first.content.decode(PlacementPlanJSON.self)
            #expect(plan.version == 1)
            #expect(plan.areas.first { $0.code == "education" }?.text == "Year 8 at Hill School")
            // The key worker is prompted to review it on the cycle.
            let list = try await Self.send(.GET, "/api/v1/work-list", token: worker, app)
            let prompt = try list.content.decode(WorkListJSON.self).items.first { $0.kind == "placement-plan-review" }
            #expect(prompt?.link == "/people/\(person)/placement-plan")
            let stale = try await Self.send(.PUT, path, #"{"childWords":"x","version":0}"#, token: worker, app)
            #expect(stale.status == .conflict)
            let review = try await Self.send(
                .POST, path + "/reviews",
                #"{"reviewedOn":"\#(UKTime.today())","reason":"significant-change","summary":"Moved school","childView":"Fine"}"#,
                token: worker, app)
            #expect(review.status == .created)
            let reviewed = try review.content.decode(PlacementPlanJSON.self)
            #expect(reviewed.reviews.count == 1)
            #expect(reviewed.reviewDueOn > UKTime.today())
            let child = try await Self.send(.GET, path + "/child-version", token: worker, app)
            let version = try child.content.decode(ChildVersionJSON.self)
            #expect(version.childVersion == "You live here and go to Hill School.")
        }
    }

    /// The regulation 45 figures for the demo's Oak House equal counts worked out here from the raw rows.
    @Test func reg45FiguresEqualCountsFromTheRawRecords() async throws {
        try await withHearth { app in
            try await DemoData.load(into: app)
            let oak = try await Home.query(on: app.db).filter(\.$name == "Oak House").first()!
            let homeId = try oak.requireID()
            let manager = try await APITestSupport.token(for: "registered.manager@hearth.example", app)
            let today = CalendarDate(iso: UKTime.today())!
            let from = today.adding(months: -6)
            let response = try await Self.send(
                .GET, "/api/v1/homes/\(homeId.uuidString.lowercased())/reports/reg45?from=\(from.iso)&to=\(today.iso)",
                token: manager, app)
            #expect(response.status == .ok, "\(response.body.string)")
            let figures = try response.content.decode(RegulatoryFigures.self)

            // Independently: every row for the home, filtered here by London dates.
            let sql = app.db.sql
            func day(_ date: Date) -> String { LondonTime.calendarDate(of: date).iso }
            func inPeriod(_ date: Date?) -> Bool { date.map { day($0) >= from.iso && day($0) <= today.iso } ?? false }
            let incidents = try await sql.raw(
                "SELECT occurred_at, measure_description FROM incidents WHERE home_id = \(bind: homeId)"
            ).all().filter { inPeriod(try $0.decode(column: "occurred_at", as: Date.self)) }
            let episodes = try await sql.raw(
                "SELECT last_seen_at, interview_offered_at FROM missing_episodes WHERE home_id = \(bind: homeId)"
            ).all().filter { inPeriod(try $0.decode(column: "last_seen_at", as: Date.self)) }
            let placements = try await sql.raw(
                "SELECT started_on, ended_on FROM placements WHERE home_id = \(bind: homeId)"
            ).all()
            let complaints = try await sql.raw(
                "SELECT received_on FROM complaints WHERE home_id = \(bind: homeId)"
            ).all()
            let notifications = try await sql.raw(
                "SELECT sent_at FROM notifications WHERE home_id = \(bind: homeId)"
            ).all().filter { inPeriod(try $0.decode(column: "sent_at", as: Date.self)) }
            let onDay = { (text: String?) in text.map { $0 >= from.iso && $0 <= today.iso } ?? false }
            #expect(figures.incidents == incidents.count)
            #expect(
                figures.physicalInterventions
                    == (try incidents.filter { try $0.decode(column: "measure_description", as: String?.self) != nil }
                        .count))
            #expect(figures.missingEpisodes == episodes.count)
            #expect(
                figures.returnInterviewsOffered
                    == (try episodes.filter { try $0.decode(column: "interview_offered_at", as: Date?.self) != nil }
                        .count))
            #expect(
                figures.admissions
                    == (try placements.filter { onDay(try $0.decode(column: "started_on", as: String.self)) }.count))
            #expect(
                figures.discharges
                    == (try placements.filter { onDay(try $0.decode(column: "ended_on", as: String?.self)) }.count))
            #expect(
                figures.complaintsReceived
                    == (try complaints.filter { onDay(try $0.decode(column: "received_on", as: String.self)) }.count))
            #expect(figures.notifications == notifications.count)
            #expect(figures.incidents > 0 && figures.missingEpisodes > 0 && figures.physicalInterventions > 0)
            // The demo's registered manager has the return home interview prompt for Sophie.
            let list = try await Self.send(.GET, "/api/v1/work-list", token: manager, app)
            #expect(try list.content.decode(WorkListJSON.self).items.contains { $0.kind == "return-interview" })
            // Saving keeps the commentary with the figures; a residential worker cannot build the report.
            let saved = try await Self.send(
                .POST, "/api/v1/homes/\(homeId.uuidString.lowercased())/reports",
                #"{"kind":"reg45","from":"\#(from.iso)","to":"\#(today.iso)","commentary":"Fewer restraints this half-year."}"#,
                token: manager, app)
            #expect(saved.status == .created)
            #expect(try saved.content.decode(RegulatoryReportJSON.self).figures.incidents == figures.incidents)
            let worker = try await APITestSupport.token(for: "residential@hearth.example", app)
            #expect(
                try await Self.send(
                    .GET, "/api/v1/homes/\(homeId.uuidString.lowercased())/reports/reg45", token: worker, app
                ).status == .notFound)
        }
    }

    @Test func notificationsAndAMoveBetweenHomes() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let home = try await ResidentialTests.home(world, app)
            let other = try await ResidentialTests.secondHome(named: "Second House", team: world.south, app)
            let worker = try await APITestSupport.token(for: "practitioner@test.example", app)
            let person = world.person.uuidString.lowercased()
            let iso = DisplayFormat.iso8601(Date().addingTimeInterval(-3 * 3600))
            let made = try await Self.send(
                .POST, "/api/v1/people/\(person)/missing-episodes", #"{"lastSeenAt":"\#(iso)"}"#, token: worker, app)
            let episode = try made.content.decode(MissingJSON.self).id.uuidString.lowercased()
            let bad = try await Self.send(
                .POST, "/api/v1/missing-episodes/\(episode)/notifications", #"{"recipient":"mum","method":"pigeon"}"#,
                token: worker, app)
            #expect(bad.status == .unprocessableEntity)
            let told = try await Self.send(
                .POST, "/api/v1/missing-episodes/\(episode)/notifications",
                #"{"recipient":"police","sentAt":"\#(DisplayFormat.iso8601(Date()))","method":"phone","reference":"MP-1"}"#,
                token: worker, app)
            #expect(told.status == .created)
            let detail = try await Self.send(.GET, "/api/v1/missing-episodes/\(episode)", token: worker, app)
            #expect(try detail.content.decode(ResidentialController.MissingDetailJSON.self).notifications.count == 1)
            // The manager moves Amelia to the other home: the old placement ends and a new one starts.
            let manager = try await APITestSupport.token(for: "manager@test.example", app)
            let placement = try await Placement.query(on: app.db).filter(\.$homeId == home).first()!
            let move = try await Self.send(
                .POST, "/api/v1/placements/\(try placement.requireID().uuidString.lowercased())/move",
                #"{"toHomeId":"\#(try other.requireID().uuidString.lowercased())","startedOn":"\#(UKTime.today())","reason":"Closer to school","impactAssessment":"Nobody lives there yet."}"#,
                token: manager, app)
            #expect(move.status == .created, "\(move.body.string)")
            #expect(try await Placement.find(placement.requireID(), on: app.db)?.endedOn == UKTime.today())
            #expect(try move.content.decode(PlacementJSON.self).homeId == other.requireID())
        }
    }
}
