import Foundation
import Testing

@testable import HearthDomain

@Suite struct EcomapTests {
    let focus = NetworkFixtures.focus

    @Test func drawsOneNodePerMemberAndTheFocusPerson() {
        for count in [0, 1, 2, 10, 35, 60] {
            let members = count == 10 ? NetworkFixtures.family : NetworkFixtures.crowd(count)
            let svg = SVGInspector(NetworkPicture.ecomap(focus: focus, members: members).svg)
            #expect(svg.withClass("h-network__member").count == count)
            #expect(svg.withClass("h-network__focus").count == 1)
            // One line from the centre to each member.
            #expect(svg.all("line").filter { $0.attributes["x1"] != nil }.count >= count)
        }
    }

    @Test func listsEveryMemberInTheTextAlternative() {
        let rendered = NetworkPicture.ecomap(focus: focus, members: NetworkFixtures.family)
        let table = rendered.textAlternative
        #expect(table.rows.count == NetworkFixtures.family.count)
        #expect(
            table.columns == [
                "Group", "Name", "Relationship to Jamie", "Lives with Jamie", "Important to Jamie", "Notes",
            ])
        #expect(table.columns[table.rowHeaderColumn] == "Name")
        for member in NetworkFixtures.family {
            #expect(table.rows.contains { $0[1] == member.displayName }, "\(member.displayName) missing")
        }
        #expect(table.rows.first == ["Family", "Sarah Ellis", "Mother", "Yes", "Yes", ""])
        #expect(table.rows.contains(["Family", "Mark Moore", "Father", "No", "No", "Died"]))
        #expect(
            table.rows.contains([
                "Professionals", "Sam Okafor", "Social worker", "No", "No", "Northshire Children’s Services",
            ]))
        // Grouped in the picture's order: family, friends, professionals.
        #expect(
            table.rows.map(\.[0]) == Array(repeating: "Family", count: 7) + ["Friends"] + [
                "Professionals", "Professionals",
            ])
    }

    @Test func drawsTheHouseholdBoundaryOnlyWhenSomeoneLivesWithTheFocusPerson() {
        let nobodyAtHome = NetworkFixtures.family.map { member -> NetworkMember in
            var member = member
            member.livesWith = false
            return member
        }
        let without = SVGInspector(NetworkPicture.ecomap(focus: focus, members: nobodyAtHome).svg)
        #expect(without.withClass("h-network__household").isEmpty)
        #expect(!without.texts.contains("Lives with Jamie"))

        let with = SVGInspector(NetworkPicture.ecomap(focus: focus, members: NetworkFixtures.family).svg)
        #expect(with.withClass("h-network__household").count == 1)
        #expect(with.withClass("h-network__household").first?.attributes["stroke-dasharray"] != nil)
        // Named in the picture and in the key, so the dashed line is not left to be guessed.
        #expect(with.texts.filter { $0 == "Lives with Jamie" }.count == 2)

        let empty = SVGInspector(NetworkPicture.ecomap(focus: focus, members: []).svg)
        #expect(empty.withClass("h-network__household").isEmpty)
        #expect(empty.texts.contains("No one has been added to Jamie’s network yet."))
    }

    @Test func putsTheHouseholdInsideTheBoundaryAndEveryoneElseOutside() throws {
        for count in [1, 4, 12, 35] {
            let layout = Ecomap(focus: focus, members: NetworkFixtures.crowd(count, householdEvery: 2), idPrefix: "e")
                .layout()
            let boundary = try #require(layout.boundaryRadius)
            for node in layout.nodes {
                let distance = hypot(node.x, node.y)
                if node.member.livesWith {
                    #expect(distance + Ecomap.Metrics.nodeRadius < boundary)
                } else {
                    #expect(distance - Ecomap.Metrics.nodeRadius > boundary)
                }
            }
        }
    }

    @Test func marksImportantPeopleWithAThickLineAndAStar() {
        let svg = SVGInspector(NetworkPicture.ecomap(focus: focus, members: NetworkFixtures.family).svg)
        let important = NetworkFixtures.family.filter(\.importantToMe).count
        let thick = svg.all("line").filter { $0.attributes["stroke-width"] == "5" }
        // One per important person, and one in the key.
        #expect(thick.count == important + 1)
        let stars = svg.all("path").filter { $0.attributes["fill"] == PictureStyle.ember }
        #expect(stars.count == important + 1)
    }

    /// Legibility however large the network: no two people or labels overlap, and no line from the centre
    /// runs through someone else's node.
    @Test(arguments: [1, 2, 3, 7, 10, 16, 24, 35, 48, 64])
    func staysLegibleAsTheNetworkGrows(count: Int) {
        for householdEvery in [1, 3, 1000] {
            let members = NetworkFixtures.crowd(count, householdEvery: householdEvery)
            let nodes = Ecomap(focus: focus, members: members, idPrefix: "e").layout().nodes
            #expect(nodes.count == count)
            for (index, node) in nodes.enumerated() {
                for other in nodes[(index + 1)...] {
                    #expect(
                        !node.box().intersects(other.box()),
                        "\(node.member.displayName) overlaps \(other.member.displayName) (\(count), \(householdEvery))")
                }
                for other in nodes where other.member.id != node.member.id {
                    let clearance = PictureGeometry.distance(
                        fromSegment: (0, 0), (node.x, node.y), to: (other.x, other.y))
                    #expect(
                        clearance > Ecomap.Metrics.nodeRadius + 2,
                        "line to \(node.member.displayName) crosses \(other.member.displayName) (\(count))")
                }
                #expect(hypot(node.x, node.y) - Ecomap.Metrics.nodeRadius > Ecomap.Metrics.focusRadius)
            }
        }
    }

    @Test func givesEachRoleItsOwnSectorWithFamilyAtTheTop() {
        let layout = Ecomap(focus: focus, members: NetworkFixtures.family, idPrefix: "e").layout()
        #expect(layout.sectors.map(\.role) == [.family, .friend, .professional])
        #expect(abs(layout.sectors[0].middle + Double.pi / 2) < 1e-9)
        let total = layout.sectors.map(\.span).reduce(0, +)
        #expect(abs(total - 2 * Double.pi) < 1e-9)
        // Each member's angle falls in their own role's sector.
        for node in layout.nodes {
            let sector = layout.sectors.first { $0.role == node.member.role }!
            // The angle measured round from the sector's start, between 0 and a full turn.
            let turn = 2 * Double.pi
            let fromStart = ((atan2(node.y, node.x) - sector.start).truncatingRemainder(dividingBy: turn) + turn)
                .truncatingRemainder(dividingBy: turn)
            #expect(fromStart <= sector.span, "\(node.member.displayName)")
        }
        let svg = SVGInspector(NetworkPicture.ecomap(focus: focus, members: NetworkFixtures.family).svg)
        #expect(svg.texts.contains("Family (7)"))
        #expect(svg.texts.contains("Friends (1)"))
        #expect(svg.texts.contains("Professionals (2)"))
    }

    @Test func aSmallRoleStillGetsRoom() {
        let spans = Ecomap.sectorSpans(counts: [40, 1, 0, 1], minimum: 1)
        #expect(spans[1] == 1 && spans[3] == 1)
        #expect(spans[2] == 0)
        #expect(abs(spans.reduce(0, +) - 2 * Double.pi) < 1e-9)
    }

    @Test func summarisesTheNetworkInWords() {
        let rendered = NetworkPicture.ecomap(focus: focus, members: NetworkFixtures.family)
        #expect(rendered.title == "Ecomap of Jamie Ellis-Moore’s network")
        #expect(
            rendered.summary
                == "Jamie Ellis-Moore is in the centre, with 10 people around: 7 family, 1 friend and 2 professionals. "
                + "4 live with Jamie, inside the dashed line. 4 are important to Jamie (thick line and star). "
                + "The table lists everyone.")
    }
}
