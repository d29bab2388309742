import Foundation
import Testing

@testable import HearthDomain

@Suite struct GenogramTests {
    let focus = NetworkFixtures.focus
    var family: [NetworkMember] { NetworkFixtures.family.filter { $0.role == .family } }

    func person(_ layout: Genogram.Layout, _ name: String) -> Genogram.Person? {
        layout.people.first { $0.member?.displayName == name }
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
        let names = { (generation: Int) in
            (layout.rows[generation] ?? []).compactMap { index -> String? in
                let person = layout.people[index]
                return person.isFocus ? "focus" : person.member?.displayName
            }
        }
        #expect(names(0) == ["Tyler Ellis-Moore", "Chloe Ellis-Moore", "focus", "Poppy Okonjo"])
        // Father on the left, mother on the right, mother's partner beside her.
        #expect(names(-1) == ["Mark Moore", "Sarah Ellis", "Dave Okonjo"])
        #expect(names(-2) == ["Margaret Ellis"])
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
        func index(_ name: String) -> Int { layout.people.firstIndex { $0.member?.displayName == name }! }
        let focusIndex = layout.people.firstIndex(where: \.isFocus)!
        let parents = layout.families.first { family in family.children.contains(focusIndex) }
        #expect(parents?.parents.map { [$0.0, $0.1] } == [index("Mark Moore"), index("Sarah Ellis")])
        #expect(parents?.children.count == 3)
        let poppy = layout.families.first { $0.children == [index("Poppy Okonjo")] }
        #expect(poppy?.parents.map { [$0.0, $0.1] } == [index("Sarah Ellis"), index("Dave Okonjo")])
        let stepdad = layout.partnerships.first { $0.second == index("Dave Okonjo") }
        #expect(stepdad?.first == index("Sarah Ellis"))
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
