import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import HearthApp

@Suite struct RecordingTests {
    static func form(
        _ world: World, note: String, date: String = "2026-11-02", time: String = "15:30", significant: Bool = false,
        quote: String? = nil, intent: String = "submit", version: Int? = nil
    ) -> [(String, String)] {
        var fields: [(String, String)] = [
            ("kind", "home-visit"), ("date", date), ("time", time), ("place", "Family home"),
            ("present", "Amelia, her mother"),
            ("childSeen", "yes"), ("seenAlone", "yes"), ("note", note), ("intent", intent),
            ("quoteSpeaker[]", world.person.uuidString), ("quoteWords[]", quote ?? ""),
        ]
        if significant { fields += [("isSignificant", "true"), ("significanceCategory", "safeguarding")] }
        if let version { fields.append(("version", String(version))) }
        return fields
    }

    /// A recording offers its edit page only to those who may edit it: a safeguarding lead reads every
    /// unrestricted record but is not shown a link that would answer "not found".
    @Test func onlyThoseWhoMayEditARecordingAreOfferedToEditIt() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let author = TestBrowser(app)
            try await author.signIn("practitioner@test.example")
            try await author.get(world.personPath + "/recordings/new")
            try await author.post(world.personPath + "/recordings", form: Self.form(world, note: "Visit to read"))
            let id = try await app.db.sql.raw("SELECT id FROM recordings").first()!.decode(column: "id", as: UUID.self)
            let path = "/recordings/\(id.uuidString.lowercased())"
            #expect(try await author.get(path).body.string.contains("Edit this recording"))
            let lead = TestBrowser(app)
            try await lead.signIn("safeguarding@test.example")
            let page = try await lead.get(path)
            #expect(page.status == .ok)
            #expect(page.body.string.contains("Visit to read"))
            #expect(!page.body.string.contains("Edit this recording"))
            #expect(try await lead.get(path + "/edit").status == .notFound)
        }
    }

    @Test func aSubmittedVisitKeepsTheChildsWordsAndShowsOnTheirPage() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let browser = TestBrowser(app)
            try await browser.signIn("practitioner@test.example")
            try await browser.get(world.personPath + "/recordings/new")
            let saved = try await browser.post(
                world.personPath + "/recordings",
                form: Self.form(
                    world, note: "Saw Amelia at home.", significant: true, quote: "I want to stay at my school"))
            #expect(saved.status == .seeOther)
            let page = try await browser.get(world.personPath)
            #expect(page.body.string.contains("I want to stay at my school"))
            #expect(page.body.string.contains("Significant"))
            let quotes = try await count(
                "recording_quotes", in: app, where: "speaker_person_id = \(bind: world.person)")
            #expect(quotes == 1)
            #expect(
                try await count("audit_events", in: app, where: "action = 'create' AND subject_type = 'recording'") == 1
            )
        }
    }

    @Test func aDraftBelongsToItsAuthorUntilSubmitted() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let author = TestBrowser(app)
            try await author.signIn("practitioner@test.example")
            try await author.get(world.personPath + "/recordings/new")
            let draft = try await author.post(
                world.personPath + "/recordings", form: Self.form(world, note: "Half-written thoughts", intent: "draft")
            )
            #expect(draft.status == .seeOther)
            let editPath = try #require(draft.headers.first(name: .location)).components(separatedBy: "?")[0]
            let recordingPath = String(editPath.dropLast("/edit".count))

            let colleague = TestBrowser(app)
            try await colleague.signIn("colleague@test.example")
            #expect(try await colleague.get(recordingPath).status == .notFound)
            #expect(!(try await colleague.get(world.personPath)).body.string.contains("Half-written thoughts"))
            #expect(try await author.get(world.personPath).body.string.contains("Half-written thoughts"))

            // Submitting it makes it part of the record for the team.
            let edit = try await author.get(editPath)
            let version = try #require(TestBrowser.firstMatch(in: edit.body.string, after: "name=\"version\" value=\""))
            let submitted = try await author.post(
                recordingPath, form: Self.form(world, note: "Half-written thoughts, finished", version: Int(version)))
            #expect(submitted.status == .seeOther)
            #expect(try await colleague.get(recordingPath).status == .ok)
        }
    }

    @Test func aDraftCanBeAutosavedByThePage() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let browser = TestBrowser(app)
            try await browser.signIn("practitioner@test.example")
            try await browser.get(world.personPath + "/recordings/new")
            let first = try await browser.post(
                world.personPath + "/recordings", form: Self.form(world, note: "First words", intent: "autosave"))
            #expect(first.status == .ok)
            struct Saved: Decodable {
                var action: String
                var version: Int
            }
            let saved = try JSONDecoder().decode(Saved.self, from: Data(buffer: first.body))
            let second = try await browser.post(
                saved.action,
                form: Self.form(world, note: "First words and more", intent: "autosave", version: saved.version))
            #expect(second.status == .ok)
            #expect(try await count("recordings", in: app) == 1)
            #expect(
                try await count("recordings", in: app, where: "note = 'First words and more' AND status = 'draft'") == 1
            )
        }
    }

    /// Two people edit the same recording from the same version: the second gets 409, sees both texts,
    /// and nothing is lost or overwritten.
    @Test func twoEditsFromTheSameVersionConflictAndLoseNothing() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let first = TestBrowser(app)
            try await first.signIn("practitioner@test.example")
            try await first.get(world.personPath + "/recordings/new")
            try await first.post(world.personPath + "/recordings", form: Self.form(world, note: "Original note"))
            let id = try await app.db.sql.raw("SELECT id FROM recordings").first()!.decode(column: "id", as: UUID.self)
            let path = "/recordings/\(id.uuidString.lowercased())"

            let second = TestBrowser(app)
            try await second.signIn("colleague@test.example")
            try await first.get(path + "/edit")
            try await second.get(path + "/edit")
            let one = try await first.post(path, form: Self.form(world, note: "Priya's correction", version: 1))
            #expect(one.status == .seeOther)
            let two = try await second.post(path, form: Self.form(world, note: "Colleague's addition", version: 1))
            #expect(two.status == .conflict)
            let html = two.body.string
            #expect(html.contains("Someone else saved this recording while you were editing it"))
            #expect(html.contains("Colleague&#39;s addition"))
            #expect(html.contains("Priya&#39;s correction"))
            let note = try await app.db.sql.raw("SELECT note FROM recordings").first()!.decode(
                column: "note", as: String.self)
            #expect(note == "Priya's correction")
            // The original is kept in the history.
            #expect(try await count("recording_revisions", in: app) == 1)
            let show = try await second.get(path)
            #expect(show.body.string.contains("Version 1, changed by"))
            #expect(show.body.string.contains("Original note"))

            // Saving again from the version the conflict page carries succeeds.
            let version = try #require(TestBrowser.firstMatch(in: html, after: "name=\"version\" value=\""))
            #expect(version == "2")
            let retry = try await second.post(
                path, form: Self.form(world, note: "Priya's correction. Colleague's addition", version: 2))
            #expect(retry.status == .seeOther)
        }
    }

    @Test func badInputGetsFieldMessagesAndSavesNothing() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let browser = TestBrowser(app)
            try await browser.signIn("practitioner@test.example")
            try await browser.get(world.personPath + "/recordings/new")
            var fields = Self.form(
                world, note: String(repeating: "x", count: RecordingInput.noteLimit + 1), date: "2099-01-01")
            fields.removeAll { $0.0 == "childSeen" }
            fields += [("isSignificant", "true")]
            let response = try await browser.post(world.personPath + "/recordings", form: fields)
            #expect(response.status == .unprocessableEntity)
            let html = response.body.string
            #expect(html.contains("Date and time must not be in the future"))
            #expect(html.contains("Note must be 20,000 characters or fewer"))
            #expect(html.contains("Select whether the child was seen"))
            #expect(html.contains("Select what kind of significant event this is"))
            // The heading is the page's own; only the title says Error.
            #expect(html.contains("<title>Error: Record a contact – Hearth</title>"))
            #expect(html.contains("<h1 class=\"h-heading-l\">Record a contact</h1>"))
            ErrorPage.expectValid(html, fields: ["note"])
            let impossible = try await browser.post(
                world.personPath + "/recordings", form: Self.form(world, note: "x", date: "2026-02-30"))
            #expect(impossible.body.string.contains("Date must be a real date"))
            #expect(try await count("recordings", in: app) == 0)
        }
    }

    @Test func someoneOutsideTheAllocationCannotRecordAgainstThePerson() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let browser = TestBrowser(app)
            try await browser.signIn("south@test.example")
            #expect(try await browser.get(world.personPath + "/recordings/new").status == .notFound)
            try await browser.get("/")
            let response = try await browser.post(
                world.personPath + "/recordings", form: Self.form(world, note: "Not mine to write"))
            #expect(response.status == .notFound)
            #expect(try await count("recordings", in: app) == 0)
        }
    }
}

@Suite struct ChronologyTests {
    /// A decision stored with a kind the code does not know still shows, as a decision: one odd row must
    /// not take a child's chronology down.
    @Test func aDecisionOfAnUnknownKindShowsAsADecision() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let decision = Decision()
            decision.involvementId = try await world.addInvolvement(on: app)
            decision.kind = "strategy-discussion"
            decision.decidedOn = "2026-11-02"
            decision.summary = "Agreed to hold a strategy discussion"
            decision.madeBy = world.users["manager@test.example"]!
            decision.madeAt = Date()
            try await decision.create(on: app.db)
            let browser = TestBrowser(app)
            try await browser.signIn("practitioner@test.example")
            let page = try await browser.get(world.personPath + "/chronology")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("Decision: Agreed to hold a strategy discussion"))
        }
    }

    /// A significant recording, an address move and a sibling's significant recording all appear, in
    /// time order, with nothing written to any chronology table by hand.
    @Test func theChronologyIsAQueryOverTheRecords() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let family = try await world.addFamily(on: app)
            let browser = TestBrowser(app)
            try await browser.signIn("practitioner@test.example")
            try await browser.get(world.personPath + "/recordings/new")
            try await browser.post(
                world.personPath + "/recordings",
                form: RecordingTests.form(
                    world, note: "Amelia disclosed worries", date: "2026-10-05", significant: true))
            try await browser.post(
                world.personPath + "/recordings",
                form: RecordingTests.form(world, note: "Ordinary visit, nothing significant", date: "2026-10-06"))
            let brotherPath = "/people/\(family.brother.uuidString.lowercased())"
            var brotherForm = RecordingTests.form(
                world, note: "Theo hurt at school", date: "2026-10-20", significant: true)
            brotherForm.removeAll { $0.0.hasPrefix("quote") }
            try await browser.get(brotherPath + "/recordings/new")
            #expect(try await browser.post(brotherPath + "/recordings", form: brotherForm).status == .seeOther)
            try await AddressStore.create(
                .init(
                    line1: "1 New Street", line2: nil, town: "Testtown", postcode: "NB1 1AA", movedInOn: "2026-10-12",
                    movedOutOn: nil),
                personId: world.person, createdBy: nil, on: app.db)

            let token = try await APITestSupport.token(for: "practitioner@test.example", app)
            let response = try await app.testing().sendRequest(
                .GET, "/api/v1/people/\(world.person.uuidString.lowercased())/chronology",
                headers: APITestSupport.bearer(token))
            #expect(response.status == .ok)
            struct Item: Decodable {
                var at: String
                var kind: String
                var summary: String
                var sourceType: String
                var personId: UUID
                var linkedAs: String?
            }
            struct Items: Decodable { var items: [Item] }
            let items = try JSONDecoder().decode(Items.self, from: Data(buffer: response.body)).items
            let interesting = items.filter { ["recording", "address"].contains($0.sourceType) }
            #expect(
                interesting.map(\.summary) == [
                    "Home visit: Amelia disclosed worries", "Moved to 1 New Street, Testtown, NB1 1AA",
                    "Home visit: Theo hurt at school",
                ])
            #expect(interesting.last?.personId == family.brother)
            #expect(interesting.last?.linkedAs == "Sibling")
            #expect(!items.contains { $0.summary.contains("Ordinary visit") })
            #expect(items.map(\.at) == items.map(\.at).sorted())
            #expect(try await count("chronology_notes", in: app) == 0)
            // A move has a day and no time: the page says the day, not midnight.
            let page = try await browser.get(world.personPath + "/chronology").body.string
            #expect(page.contains(#"<time datetime="2026-10-12">12 October 2026</time>"#))
            #expect(!page.contains("at 00:00"))
            // Each entry says where it comes from and its category, and whose event it is when it is a
            // linked person's; only the screen, not the print view, offers to add to an entry.
            #expect(page.contains(#"<h2 class="h-timeline__title">Recordings · Safeguarding</h2>"#))
            #expect(page.contains(#"<p class="h-timeline__byline">Sibling: Theo Testperson</p>"#))
            #expect(page.contains("Add significance or analysis"))
            let printed = try await browser.get(world.personPath + "/chronology?print=1").body.string
            #expect(printed.contains("Home visit: Theo hurt at school"))
            #expect(!printed.contains("Add significance or analysis"))
            // On paper it says whose chronology it is, what it covers, and who printed it.
            #expect(printed.contains("Amelia Testperson. Born 1 April 2015"))
            #expect(printed.contains("All events"))
            #expect(printed.contains("by Test practitioner@test.example"))
            #expect(!page.contains("Official-sensitive"))
            let filtered = try await browser.get(
                world.personPath + "/chronology?print=1&from=2026-01-01&to=2026-11-30&source=recording"
            ).body.string
            #expect(filtered.contains("Events from 1 January 2026 to 30 November 2026; recordings only"))
        }
    }

    /// A recording joins the chronology when it is submitted as significant and leaves it when an edit
    /// says it is not; a significant draft is not in it until submitted.
    @Test func editsAndSubmissionMoveARecordingInAndOutOfTheChronology() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let browser = TestBrowser(app)
            try await browser.signIn("practitioner@test.example")
            try await browser.get(world.personPath + "/recordings/new")
            try await browser.post(
                world.personPath + "/recordings",
                form: RecordingTests.form(world, note: "Disclosed at school", date: "2026-10-05", significant: true))
            try await browser.post(
                world.personPath + "/recordings",
                form: RecordingTests.form(
                    world, note: "Draft about bruising", date: "2026-10-07", significant: true, intent: "draft"))
            func chronology() async throws -> String {
                try await browser.get(world.personPath + "/chronology").body.string
            }
            var page = try await chronology()
            #expect(page.contains("Disclosed at school"))
            #expect(!page.contains("Draft about bruising"))

            func path(of note: String) async throws -> String {
                let id = try await app.db.sql.raw("SELECT id FROM recordings WHERE note = \(bind: note)").first()!
                    .decode(column: "id", as: UUID.self)
                return "/recordings/\(id.uuidString.lowercased())"
            }
            let disclosed = try await path(of: "Disclosed at school")
            try await browser.get(disclosed + "/edit")
            #expect(
                try await browser.post(
                    disclosed,
                    form: RecordingTests.form(world, note: "Disclosed at school", date: "2026-10-05", version: 1)
                ).status == .seeOther)
            let draft = try await path(of: "Draft about bruising")
            try await browser.get(draft + "/edit")
            #expect(
                try await browser.post(
                    draft,
                    form: RecordingTests.form(
                        world, note: "Draft about bruising", date: "2026-10-07", significant: true, version: 1)
                ).status == .seeOther)
            page = try await chronology()
            #expect(!page.contains("Disclosed at school"))
            #expect(page.contains("Draft about bruising"))
        }
    }

    @Test func aLinkedPersonsEventsShowOnlyToThoseWhoMaySeeThem() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let family = try await world.addFamily(on: app)
            // The brother's record moves to South: North's practitioner may no longer see it.
            let author = TestBrowser(app)
            try await author.signIn("practitioner@test.example")
            let brotherPath = "/people/\(family.brother.uuidString.lowercased())"
            try await author.get(brotherPath + "/recordings/new")
            var form = RecordingTests.form(world, note: "Theo's private matter", date: "2026-10-20", significant: true)
            form.removeAll { $0.0.hasPrefix("quote") }
            try await author.post(brotherPath + "/recordings", form: form)
            try await app.db.sql.update("allocations").set("team_id", to: world.south)
                .where("person_id", .equal, family.brother).run()
            let page = try await author.get(world.personPath + "/chronology")
            #expect(page.status == .ok)
            #expect(!page.body.string.contains("Theo&#39;s private matter"))
        }
    }

    @Test func aPractitionerAddsAnalysisToAnEntry() async throws {
        try await withHearth { app in
            let world = try await World.build(on: app)
            let browser = TestBrowser(app)
            try await browser.signIn("practitioner@test.example")
            try await browser.get(world.personPath + "/recordings/new")
            try await browser.post(
                world.personPath + "/recordings",
                form: RecordingTests.form(world, note: "Disclosure at school", significant: true))
            let id = try await app.db.sql.raw("SELECT id FROM recordings").first()!.decode(column: "id", as: UUID.self)
            // Each entry links to its own page for adding to it, which shows the entry.
            let chronology = try await browser.get(world.personPath + "/chronology")
            let notePath =
                world.personPath + "/chronology/notes/new?sourceType=recording&sourceId=\(id.uuidString.lowercased())"
            #expect(
                chronology.body.string.contains(
                    "/chronology/notes/new?sourceType=recording&amp;sourceId=\(id.uuidString.lowercased())"))
            let notePage = try await browser.get(notePath)
            #expect(notePage.status == .ok)
            #expect(notePage.body.string.contains("Disclosure at school"))
            #expect(
                try await browser.get(
                    world.personPath + "/chronology/notes/new?sourceType=recording&sourceId=\(UUID())"
                ).status == .notFound)
            let empty = try await browser.post(
                world.personPath + "/chronology/notes",
                form: [("sourceType", "recording"), ("sourceId", id.uuidString), ("analysis", "  ")])
            #expect(empty.status == .unprocessableEntity)
            #expect(empty.body.string.contains("Enter why it matters or your analysis"))
            #expect(empty.body.string.contains("Disclosure at school"))
            #expect(try await count("chronology_notes", in: app) == 0)
            let added = try await browser.post(
                world.personPath + "/chronology/notes",
                form: [
                    ("sourceType", "recording"), ("sourceId", id.uuidString),
                    ("analysis", "Third disclosure this term: pattern"),
                ])
            #expect(added.status == .seeOther)
            let page = try await browser.get(world.personPath + "/chronology")
            #expect(page.body.string.contains("Third disclosure this term: pattern"))
            let filtered = try await browser.get(world.personPath + "/chronology?source=address")
            #expect(!filtered.body.string.contains("Disclosure at school"))
            let bad = try await browser.get(world.personPath + "/chronology?from=2026-13-01&source=nonsense")
            #expect(bad.status == .unprocessableEntity)
            ErrorPage.expectValid(bad.body.string, fields: ["from", "source"])
            // A date typed as people write it filters as the date field's own would.
            let written = try await browser.get(world.personPath + "/chronology?from=1%20January%202099")
            #expect(written.status == .ok)
            #expect(written.body.string.contains("Nothing in the chronology for these dates yet"))
        }
    }
}
