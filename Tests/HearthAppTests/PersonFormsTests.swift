import Fluent
import Foundation
import HearthDomain
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import HearthApp

@Suite struct PersonFormsTests {
    @Test func aPieceOfWorkStartsChangesLevelAndClosesWithItsAccess() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let browser = TestBrowser(app)
            try await browser.signIn("colleague@test.example")
            try await browser.get(world.personPath + "/involvements/new")
            let missing = try await browser.post(
                world.personPath + "/involvements", form: [("startedOn", "2026-10-01")])
            #expect(missing.status == .unprocessableEntity)
            #expect(missing.body.string.contains("Select the service"))
            ErrorPage.expectValid(missing.body.string, fields: ["service", "levelOfNeed", "reason", "consent"])
            #expect(try await count("involvements", in: app) == 0)
            let started = try await browser.post(
                world.personPath + "/involvements",
                form: [
                    ("service", "early-help"), ("levelOfNeed", "2"), ("reason", "Attendance"), ("consent", "given"),
                    ("startedOn", "2026-10-01"),
                ])
            #expect(started.status == .seeOther)
            let path = try #require(started.headers.first(name: .location))
            let page = try await browser.get(path)
            #expect(page.status == .ok)
            let version = try #require(TestBrowser.firstMatch(in: page.body.string, after: "name=\"version\" value=\""))
            let changed = try await browser.post(
                path + "/level", form: [("level", "3"), ("reason", "Police called twice"), ("version", version)])
            #expect(changed.status == .seeOther)
            // The change is an event in the chronology.
            let chronology = try await browser.get(world.personPath + "/chronology")
            #expect(chronology.body.string.contains("Level of need changed from 2 to Level 3"))
            // The first level is set from the day the work began: it shows that day, not a made-up midnight.
            #expect(chronology.body.string.contains(#"<time datetime="2026-10-01">1 October 2026</time>"#))
            #expect(!chronology.body.string.contains("at 00:00"))
            let work = try await browser.get(path).body.string
            #expect(work.contains("1 October 2026") && !work.contains("at 00:00"))

            let early = try await browser.post(
                path + "/close",
                form: [("endedOn", "2026-09-01"), ("closureReason", "Done"), ("version", String(Int(version)! + 1))])
            #expect(early.status == .unprocessableEntity)
            #expect(early.body.string.contains("The end date must be the same as or after the start"))
            #expect(early.body.string.contains(#"name="endedOn" type="date" value="2026-09-01""#))
            #expect(try await count("involvements", in: app, where: "ended_on IS NOT NULL") == 0)
            // A browser that shows the date field as text: the message gives its example in words, and the
            // date typed as the hint writes it is taken.
            let unreal = try await browser.post(
                path + "/close",
                form: [("endedOn", "31/09/2026"), ("closureReason", "Done"), ("version", String(Int(version)! + 1))])
            #expect(
                unreal.body.string.contains("The date the work ended must be a real date, like 27 November 2026"))
            let closed = try await browser.post(
                path + "/close",
                form: [
                    ("endedOn", "1 November 2026"), ("closureReason", "Attendance back to normal"),
                    ("version", String(Int(version)! + 1)),
                ])
            #expect(closed.status == .seeOther)
            #expect(
                try await count("allocations", in: app, where: "involvement_id IS NOT NULL AND ends_on IS NOT NULL")
                    == 1)
        }
    }

    @Test func aMoveCannotEndTheCurrentAddressBeforeItBegan() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            try await AddressStore.create(
                .init(
                    line1: "1 First Street", line2: nil, town: nil, postcode: "NB1 1AA", movedInOn: "2026-06-01",
                    movedOutOn: nil),
                personId: world.person, createdBy: nil, on: app.db)
            let browser = TestBrowser(app)
            try await browser.signIn("practitioner@test.example")
            try await browser.get(world.personPath + "/addresses/new")
            let early = try await browser.post(
                world.personPath + "/addresses",
                form: [("line1", "2 Second Street"), ("postcode", "NB2 2BB"), ("movedInOn", "2026-05-01")])
            #expect(early.status == .unprocessableEntity)
            #expect(early.body.string.contains("The move must be on or after"))
            let badPostcode = try await browser.post(
                world.personPath + "/addresses",
                form: [("line1", "2 Second Street"), ("postcode", "XYZ"), ("movedInOn", "2026-07-01")])
            #expect(badPostcode.status == .unprocessableEntity)
            ErrorPage.expectValid(badPostcode.body.string, fields: ["postcode"])
            #expect(try await count("addresses", in: app) == 1)
            let moved = try await browser.post(
                world.personPath + "/addresses",
                form: [("line1", "2 Second Street"), ("postcode", "nb2 2bb"), ("movedInOn", "2026-07-01")])
            #expect(moved.status == .seeOther)
            #expect(try await count("addresses", in: app, where: "moved_out_on = '2026-07-01'") == 1)
            #expect(try await count("addresses", in: app, where: "postcode = 'NB2 2BB'") == 1)
        }
    }

    @Test func aRelationshipAddedOnThePageShowsFromBothSides() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let family = try await world.addFamily(on: app)
            let browser = TestBrowser(app)
            try await browser.signIn("practitioner@test.example")
            let form = try await browser.get(world.personPath + "/relationships/new")
            #expect(form.body.string.contains("Theo Testperson"))
            #expect(!form.body.string.contains("Rowan"))
            let added = try await browser.post(
                "/people/\(family.brother.uuidString.lowercased())/relationships",
                form: [("relatedPersonId", family.mother.uuidString), ("kind", "mother"), ("livesWith", "true")])
            #expect(added.status == .seeOther)
            let mother = try await browser.get("/people/\(family.mother.uuidString.lowercased())")
            #expect(mother.body.string.contains("Theo Testperson</a>, Child"))
        }
    }
}

@Suite struct NetworkAndFamilyFormTests {
    @Test func relationshipsBeginAndEndInTheChronology() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let family = try await world.addFamily(on: app)
            let browser = TestBrowser(app)
            try await browser.signIn("practitioner@test.example")
            try await browser.get(world.personPath + "/relationships/new")
            let added = try await browser.post(
                world.personPath + "/relationships",
                form: [("relatedPersonId", family.mother.uuidString), ("kind", "carer"), ("startedOn", "2026-03-01")])
            #expect(added.status == .seeOther)
            let id = try await app.db.sql.raw(
                "SELECT id FROM relationships WHERE person_id = \(bind: world.person) AND kind = 'carer'"
            ).first()!.decode(column: "id", as: UUID.self)
            let early = try await browser.post(
                world.personPath + "/relationships/\(id.uuidString.lowercased())/end", form: [("endedOn", "2026-02-01")]
            )
            #expect(early.status == .unprocessableEntity)
            // A refused date comes back on the relationship's own page, kept, with its message by the field.
            #expect(early.body.string.contains("<title>Error: End a relationship"))
            #expect(early.body.string.contains("End the relationship with Maria Testperson"))
            #expect(early.body.string.contains(#"id="endedOn-error""#))
            #expect(early.body.string.contains(#"value="2026-02-01""#))
            let endPath = world.personPath + "/relationships/\(id.uuidString.lowercased())/end"
            let blank = try await browser.post(endPath, form: [("endedOn", "")])
            #expect(blank.status == .unprocessableEntity)
            #expect(blank.body.string.contains("Enter the date the relationship ended"))
            let future = try await browser.post(endPath, form: [("endedOn", "2099-01-01")])
            #expect(future.body.string.contains("The date it ended must be today or earlier"))
            #expect(try await count("relationships", in: app, where: "ended_on IS NOT NULL") == 0)
            #expect(try await browser.get(endPath).status == .ok)
            let ended = try await browser.post(
                world.personPath + "/relationships/\(id.uuidString.lowercased())/end", form: [("endedOn", "2026-09-01")]
            )
            #expect(ended.status == .seeOther)
            #expect(try await count("relationships", in: app, where: "ended_on = '2026-09-01'") == 2)
            let chronology = try await browser.get(world.personPath + "/chronology?source=relationship")
            #expect(chronology.body.string.contains("Maria Testperson became carer"))
            #expect(chronology.body.string.contains("Maria Testperson no longer carer"))
        }
    }

    /// Recorded as the demo records the O'Briens: the child's step-parent, and the mother's partner from
    /// her side. The genogram reads the second from the relationships between members.
    @Test func theGenogramJoinsAStepParentToTheParentRecordedAsTheirPartner() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let family = try await world.addFamily(on: app)
            let stepdad = Person(givenName: "Ross", familyName: "Testperson", dateOfBirth: "1985-04-05")
            stepdad.sex = "M"
            try await stepdad.create(on: app.db)
            let ross = try stepdad.requireID()
            for (person, kind) in [(world.person, "step-parent"), (family.mother, "partner")] {
                try await RelationshipStore.create(
                    personId: person, kind: kind, relatedPersonId: ross, personSex: "F", livesWith: true,
                    importantToMe: false, startedOn: nil, createdBy: nil, on: app.db)
            }
            let between = try await NetworkController.relationships(
                among: [family.brother, family.mother, ross], on: app.db.sql)
            #expect(
                between.contains(MemberRelationship(personId: ross, kind: .partner, relatedPersonId: family.mother)))
            // Joined to Maria, Ross makes a couple in the key; alone, he would be drawn without a line.
            let genogram = try await NetworkController.picture(for: world.person, view: "genogram", on: app.db)
            #expect(genogram.svg.contains(">Couple</text>"))

            let browser = TestBrowser(app)
            try await browser.signIn("practitioner@test.example")
            let page = try await browser.get(world.personPath + "/network?view=genogram").body.string
            #expect(page.contains("The table lists everyone shown.\">"))
            #expect(!page.contains("The table below gives the same information."))
        }
    }

    /// A relationship cannot begin before the older of the two was born, nor in the future; without both
    /// dates of birth, not before 1900. The page and the API give the same messages and save nothing.
    @Test func aRelationshipCannotBeginBeforeTheOlderPersonWasBorn() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let family = try await world.addFamily(on: app)
            let before = try await count("relationships", in: app)
            let token = try await APITestSupport.token(for: "practitioner@test.example", app)
            let path = "/api/v1/people/\(world.person.uuidString.lowercased())/relationships"
            let tomorrow = LondonTime.calendarDate(of: Date()).adding(days: 1).iso
            for (startedOn, message) in [
                ("1800-01-01", "The date must be on or after 3 February 1988, when Maria Testperson was born"),
                (tomorrow, "The date must not be in the future"),
            ] {
                let refused = try await CaseworkAPITests.send(
                    .POST, path, #"{"relatedPersonId":"\#(family.mother)","kind":"carer","startedOn":"\#(startedOn)"}"#,
                    token: token, app)
                #expect(refused.status == .unprocessableEntity)
                #expect(try APITestSupport.fieldErrors(refused) == [FieldError(field: "startedOn", message: message)])
            }
            #expect(try await count("relationships", in: app) == before)
            let browser = TestBrowser(app)
            try await browser.signIn("practitioner@test.example")
            try await browser.get(world.personPath + "/relationships/new")
            let page = try await browser.post(
                world.personPath + "/relationships",
                form: [("relatedPersonId", family.mother.uuidString), ("kind", "carer"), ("startedOn", "1800-01-01")])
            #expect(page.status == .unprocessableEntity)
            let html = page.body.string
            #expect(html.contains("<title>Error:"))
            #expect(html.contains(##"href="#startedOn""##))
            #expect(html.contains(#"id="startedOn-error""#))
            #expect(html.contains("The date must be on or after 3 February 1988, when Maria Testperson was born"))
            #expect(html.contains(#"value="1800-01-01""#))
            #expect(html.contains(#"value="\#(family.mother.uuidString)" selected"#))
            #expect(try await count("relationships", in: app) == before)
            // The day the older one was born is fine.
            let born = try await CaseworkAPITests.send(
                .POST, path, #"{"relatedPersonId":"\#(family.mother)","kind":"carer","startedOn":"1988-02-03"}"#,
                token: token, app)
            #expect(born.status == .created, "\(born.body.string)")
            let after = try await count("relationships", in: app)
            // Without her date of birth, the floor is the earliest date of birth Hearth takes.
            try await app.db.sql.update("people").set("date_of_birth", to: SQLLiteral.null)
                .where("id", .equal, family.mother).run()
            let unknown = try await CaseworkAPITests.send(
                .POST, path, #"{"relatedPersonId":"\#(family.mother)","kind":"carer","startedOn":"1800-01-01"}"#,
                token: token, app)
            #expect(
                try APITestSupport.fieldErrors(unknown) == [
                    FieldError(field: "startedOn", message: "The date must be on or after 1 January 1900")
                ])
            #expect(try await count("relationships", in: app) == after)
        }
    }

    @Test func aFamilyGroupGathersTheHousehold() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let family = try await world.addFamily(on: app)
            let browser = TestBrowser(app)
            try await browser.signIn("practitioner@test.example")
            try await browser.get(world.personPath + "/families/new")
            let empty = try await browser.post(world.personPath + "/families", form: [("name", "")])
            #expect(empty.status == .unprocessableEntity)
            let created = try await browser.post(
                world.personPath + "/families",
                form: [
                    ("name", "Testperson household"), ("members[]", family.brother.uuidString),
                    ("members[]", family.mother.uuidString),
                ])
            #expect(created.status == .seeOther)
            let page = try await browser.get(try #require(created.headers.first(name: .location)))
            #expect(page.body.string.contains("Testperson household"))
            #expect(page.body.string.contains("Theo Testperson"))
            #expect(try await count("family_members", in: app) == 3)
        }
    }
}

/// Naming someone else on a recording or a piece of work must not reach a record the user could not
/// change: work allocates people, so this would otherwise be a way into another team's cases.
@Suite struct AlsoAboutTests {
    @Test func othersNamedOnARecordingOrWorkMustBeEditableByTheUser() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let family = try await world.addFamily(on: app)
            try await app.db.sql.update("allocations").set("team_id", to: world.south)
                .where("person_id", .equal, family.brother).run()
            let browser = TestBrowser(app)
            try await browser.signIn("practitioner@test.example")
            let form = try await browser.get(world.personPath + "/recordings/new")
            #expect(!form.body.string.contains("also-\(family.brother.uuidString)"))
            var fields = RecordingTests.form(world, note: "About both children")
            fields.append(("alsoAbout[]", family.brother.uuidString))
            let recording = try await browser.post(world.personPath + "/recordings", form: fields)
            #expect(recording.status == .unprocessableEntity)
            #expect(try await count("recordings", in: app) == 0)

            try await browser.get(world.personPath + "/involvements/new")
            let work = try await browser.post(
                world.personPath + "/involvements",
                form: [
                    ("service", "early-help"), ("levelOfNeed", "2"), ("reason", "x"), ("consent", "given"),
                    ("startedOn", "2026-10-01"), ("alsoAbout[]", family.brother.uuidString),
                ])
            #expect(work.status == .unprocessableEntity)
            #expect(try await count("involvements", in: app) == 0)
            #expect(
                try await count(
                    "allocations", in: app,
                    where: "person_id = \(bind: family.brother) AND team_id = \(bind: world.north)") == 0)

            let token = try await APITestSupport.token(for: "practitioner@test.example", app)
            let api = try await CaseworkAPITests.send(
                .POST, "/api/v1/people/\(world.person.uuidString.lowercased())/recordings",
                #"{"kind":"call","occurredAt":"2026-11-01T10:00:00Z","childSeen":"no","note":"x","alsoAbout":["\#(family.brother)"]}"#,
                token: token, app)
            #expect(api.status == .unprocessableEntity)
        }
    }
}
