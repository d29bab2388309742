import Foundation
import Testing

@testable import HearthDomain

@Suite struct GenogramTests {
    let focus = NetworkFixtures.focus
    var family: [NetworkMember] { NetworkFixtures.family.filter { $0.role == .family } }

    func person(_ layout: Genogram.Layout, _ name: String) -> Genogram.Person? {
        layout.people.first { $0.member?.displayName == name }
    }

    func index(_ layout: Genogram.Layout, _ name: String) -> Int? {
        layout.people.firstIndex { $0.member?.displayName == name }
    }

    /// A person's name, "focus" for the focus person or "?" for a "not recorded" mark.
    func name(_ layout: Genogram.Layout, _ index: Int) -> String {
        let person = layout.people[index]
        return person.isFocus ? "focus" : person.member?.displayName ?? "?"
    }

    /// A row's names, left to right.
    func names(_ layout: Genogram.Layout, _ generation: Int) -> [String] {
        (layout.rows[generation] ?? []).map { name(layout, $0) }
    }

    @Test func drawsTheFamilyAndTheFocusPersonOnly() {
        let rendered = NetworkPicture.genogram(focus: focus, members: NetworkFixtures.family)
        let svg = SVGInspector(rendered.svg)
        #expect(svg.withClass("h-genogram__person").count == family.count + 1)
        #expect(svg.withClass("h-genogram__focus").count == 1)
        #expect(!svg.texts.contains { $0.hasPrefix("Aaron") || $0.hasPrefix("Sam Okafor") })
        #expect(rendered.summary.contains("3 people outside the family are shown on the ecomap instead."))
    }

    @Test func listsTheFocusPersonAndEveryFamilyMemberInTheTextAlternative() {
        let table = NetworkPicture.genogram(focus: focus, members: NetworkFixtures.family).textAlternative
        #expect(table.rows.count == family.count + 1)
        #expect(
            table.columns == [
                "Generation", "Name", "Relationship to Jamie", "Sex", "Born", "Lives with Jamie", "Notes",
            ])
        for member in family {
            #expect(table.rows.contains { $0[1] == member.displayName }, "\(member.displayName) missing")
        }
        #expect(
            table.rows.contains(["Jamie’s generation", "Jamie Ellis-Moore", "(this person)", "Male", "2014", "", ""]))
        #expect(table.rows.contains(["Parents’ generation", "Mark Moore", "Father", "Male", "1983", "No", "Died"]))
        // Oldest generation first.
        #expect(table.rows.first?[0] == "Grandparents’ generation")
        #expect(table.rows.last?[0] == "Jamie’s generation")
    }

    @Test func putsGenerationsInRowsAndSiblingsInBirthOrder() throws {
        let layout = Genogram(focus: focus, members: NetworkFixtures.family, idPrefix: "g").layout()
        #expect(layout.generations == [-2, -1, 0])
        #expect(names(layout, 0) == ["Tyler Ellis-Moore", "Chloe Ellis-Moore", "focus", "Poppy Okonjo"])
        // Father on the left, mother on the right, mother's partner beside her.
        #expect(names(layout, -1) == ["Mark Moore", "Sarah Ellis", "Dave Okonjo"])
        #expect(names(layout, -2) == ["Margaret Ellis", "?"])
        // Nan stands over Sarah, with a "not recorded" mark for the other grandparent.
        let nan = try #require(person(layout, "Margaret Ellis"))
        let sarah = try #require(person(layout, "Sarah Ellis"))
        #expect(layout.rows[-2]!.count == 2)
        #expect(layout.people[layout.rows[-2]![1]].isPlaceholder)
        #expect(abs((nan.x + layout.people[layout.rows[-2]![1]].x) / 2 - sarah.x) < 1e-9)
        for (_, row) in layout.rows {
            let xs = row.map { layout.people[$0].x }
            #expect(zip(xs.dropFirst(), xs).allSatisfy { $0 - $1 >= Genogram.Metrics.slot - 1e-9 })
        }
    }

    @Test func joinsCouplesAndHangsChildrenFromThem() {
        let layout = Genogram(focus: focus, members: NetworkFixtures.family, idPrefix: "g").layout()
        func index(_ name: String) -> Int { self.index(layout, name)! }
        let focusIndex = layout.people.firstIndex(where: \.isFocus)!
        let parents = layout.families.first { family in family.children.contains(focusIndex) }
        #expect(parents?.parents.map { [$0.0, $0.1] } == [index("Mark Moore"), index("Sarah Ellis")])
        #expect(parents?.children.count == 3)
        let poppy = layout.families.first { $0.children == [index("Poppy Okonjo")] }
        #expect(poppy?.parents.map { [$0.0, $0.1] } == [index("Sarah Ellis"), index("Dave Okonjo")])
        let stepdad = layout.partnerships.first { $0.second == index("Dave Okonjo") }
        #expect(stepdad?.first == index("Sarah Ellis"))
    }

    // MARK: Relationships recorded between members

    // The app gives no `relatedThrough`: it passes the relationships recorded between members, and the
    // genogram must find the links in them whichever side each was recorded from.

    /// The demo records "Gary is Niamh's partner" from Niamh's side, while her son knows Gary only as his
    /// step-parent; here Dave stands for Gary and Sarah for Niamh.
    @Test(arguments: [true, false])
    func joinsAParentToTheirPartnerRecordedFromEitherSide(fromTheParentsSide: Bool) throws {
        let (sarahId, daveId) = (NetworkFixtures.id(1), NetworkFixtures.id(3))
        let recorded =
            fromTheParentsSide
            ? MemberRelationship(personId: sarahId, kind: .partner, relatedPersonId: daveId)
            : MemberRelationship(personId: daveId, kind: .partner, relatedPersonId: sarahId)
        let layout = Genogram(
            focus: focus, members: NetworkFixtures.unlinkedFamily, relationships: [recorded], idPrefix: "g"
        ).layout()
        let sarah = try #require(index(layout, "Sarah Ellis"))
        let dave = try #require(index(layout, "Dave Okonjo"))
        let couple = layout.partnerships.first { Set([$0.first, $0.second]) == [sarah, dave] }
        #expect(couple?.style == .couple)
        #expect(names(layout, -1) == ["Mark Moore", "Sarah Ellis", "Dave Okonjo"])
    }

    /// Sarah's daughter Poppy has her father Dave recorded, from either side: she hangs from Sarah and
    /// Dave, with no "not recorded" mark standing in for him.
    @Test(arguments: [true, false])
    func drawsBothRecordedParentsOfAChild(fromTheChildsSide: Bool) throws {
        let (daveId, poppyId) = (NetworkFixtures.id(3), NetworkFixtures.id(6))
        let recorded =
            fromTheChildsSide
            ? MemberRelationship(personId: poppyId, kind: .father, relatedPersonId: daveId)
            : MemberRelationship(personId: daveId, kind: .child, relatedPersonId: poppyId)
        let genogram = Genogram(
            focus: NetworkFixtures.sarah, members: NetworkFixtures.sarahsFamily, relationships: [recorded],
            idPrefix: "g")
        let layout = genogram.layout()
        let sarah = try #require(layout.people.firstIndex { $0.isFocus })
        let dave = try #require(index(layout, "Dave Okonjo"))
        let poppy = try #require(index(layout, "Poppy Okonjo"))
        let parents = layout.families.first { $0.children == [poppy] }?.parents
        #expect(parents.map { [$0.0, $0.1] } == [sarah, dave])
        #expect(names(layout, 0) == ["focus", "Dave Okonjo"])
        #expect(SVGInspector(genogram.render().svg).withClass("h-genogram__unrecorded").isEmpty)
    }

    /// The stored relationships, both sides of each, link the sample family just as its `relatedThrough`
    /// does: a grandparent, a step-parent and a half-sibling through that step-parent.
    @Test func linksTheSampleFamilyFromItsStoredRelationshipsAsIfGiven() {
        func drawn(_ layout: Genogram.Layout) -> [String] {
            let name = { self.name(layout, $0) }
            return layout.generations.map { "\($0): \(names(layout, $0))" }
                + layout.partnerships.map { "\(name($0.first)) – \(name($0.second)) \($0.style)" }
                + layout.families.map { family in
                    let parents = family.parents.map { "\(name($0.0)) + \(name($0.1))" } ?? "no parents"
                    return "\(parents): \(family.children.map(name))"
                }
        }
        let given = Genogram(focus: focus, members: NetworkFixtures.family, idPrefix: "g").layout()
        let found = Genogram(
            focus: focus, members: NetworkFixtures.unlinkedFamily, relationships: NetworkFixtures.storedRelationships,
            idPrefix: "g"
        ).layout()
        #expect(drawn(found) == drawn(given))
    }

    /// The page's alt text is the title and summary; the summary already says the table lists everyone,
    /// so nothing may say it again.
    @Test func saysEachSentenceOfItsAltTextOnce() {
        let rendered = NetworkPicture.genogram(focus: focus, members: NetworkFixtures.family)
        let sentences = rendered.altText.components(separatedBy: ". ").map { $0.hasSuffix(".") ? $0 : $0 + "." }
        #expect(Set(sentences).count == sentences.count)
        #expect(
            sentences.filter { $0.localizedCaseInsensitiveContains("table") } == ["The table lists everyone shown."])
        #expect(rendered.altText == "\(rendered.title). \(rendered.summary)")
    }

    @Test func usesTheCommonSymbols() {
        let members = [
            NetworkMember(id: NetworkFixtures.id(1), displayName: "Mum", kind: .mother),
            NetworkMember(id: NetworkFixtures.id(2), displayName: "Dad", kind: .father, isDeceased: true),
            NetworkMember(id: NetworkFixtures.id(3), displayName: "Sib", kind: .sibling),
        ]
        let svg = SVGInspector(NetworkPicture.genogram(focus: focus, members: members).svg)
        let people = svg.withClass("h-genogram__person")
        #expect(people.count == 4)
        // A square for the father and the focus person (twice: the double outline), a circle for the mother,
        // a diamond with a question mark for the sibling whose sex is not recorded.
        let symbols = svg.rendered(within: "h-genogram__person")
        #expect(symbols.filter { $0 == "rect" }.count == 3)
        #expect(symbols.filter { $0 == "circle" }.count == 1)
        #expect(svg.texts.filter { $0 == "?" }.count >= 1)
        #expect(svg.texts.contains("Died"))
        #expect(svg.texts.contains("Sex not recorded"))
    }

    @Test func drawsSomeoneWithoutARecordedLinkInTheirRowWithoutALine() {
        let members = [
            NetworkMember(id: NetworkFixtures.id(1), displayName: "Mum", kind: .mother),
            NetworkMember(id: NetworkFixtures.id(2), displayName: "Gran", kind: .grandparent),
            NetworkMember(id: NetworkFixtures.id(3), displayName: "Half", kind: .halfSibling),
        ]
        let layout = Genogram(focus: focus, members: members, idPrefix: "g").layout()
        let gran = layout.people.firstIndex { $0.member?.displayName == "Gran" }!
        let half = layout.people.firstIndex { $0.member?.displayName == "Half" }!
        #expect(layout.rows[-2] == [gran])
        #expect(layout.rows[0]?.contains(half) == true)
        #expect(!layout.families.contains { $0.children.contains(gran) || $0.children.contains(half) })
        #expect(!layout.partnerships.contains { $0.first == gran || $0.second == gran })
    }

    @Test func handlesAnEmptyFamily() {
        let rendered = NetworkPicture.genogram(focus: focus, members: [])
        let svg = SVGInspector(rendered.svg)
        #expect(svg.parsed)
        #expect(svg.withClass("h-genogram__person").count == 1)
        #expect(svg.texts.contains("No family members have been added yet."))
        #expect(rendered.textAlternative.rows.count == 1)
    }

    @Test(arguments: [1, 5, 15, 35, 60])
    func drawsEveryoneOnceHoweverManyThereAre(count: Int) {
        let members = NetworkFixtures.crowd(count)
        let layout = Genogram(focus: focus, members: members, idPrefix: "g").layout()
        let drawn = layout.rows.values.flatMap { $0 }.filter { !layout.people[$0].isPlaceholder }
        let expected = members.filter { $0.role == .family }.count + 1
        #expect(drawn.count == expected)
        #expect(Set(drawn).count == expected)
        for (_, row) in layout.rows {
            let xs = row.map { layout.people[$0].x }
            #expect(zip(xs.dropFirst(), xs).allSatisfy { $0 - $1 >= Genogram.Metrics.slot - 1e-9 })
        }
    }
}

extension SVGInspector {
    /// The names of the rectangles and circles drawn inside groups of a class, in document order.
    func rendered(within className: String) -> [String] {
        var names: [String] = []
        var inside = false
        // Groups are not nested, so a group's shapes are the elements after it until the next group.
        for element in elements {
            if element.name == "g" {
                inside = (element.attributes["class"] ?? "").split(separator: " ").contains(Substring(className))
            } else if inside && ["rect", "circle"].contains(element.name) {
                names.append(element.name)
            }
        }
        return names
    }
}
