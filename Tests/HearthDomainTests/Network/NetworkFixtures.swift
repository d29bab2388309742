import Foundation

@testable import HearthDomain

/// Synthetic networks for the picture tests. Ids are fixed, so two calls build identical input.
enum NetworkFixtures {
    static func id(_ number: Int) -> UUID {
        UUID(uuidString: String(format: "00000000-0000-4000-8000-%012d", number))!
    }

    static let focus = NetworkFocus(id: id(0), displayName: "Jamie Ellis-Moore", sex: .male, birthYear: 2014)

    /// The sample family: mother, father (died), stepdad, two siblings, a half-sister, nan, a friend, a
    /// teacher and a social worker.
    static var family: [NetworkMember] {
        [
            NetworkMember(
                id: id(1), displayName: "Sarah Ellis", kind: .mother, livesWith: true, importantToMe: true,
                birthYear: 1986),
            NetworkMember(id: id(2), displayName: "Mark Moore", kind: .father, birthYear: 1983, isDeceased: true),
            NetworkMember(
                id: id(3), displayName: "Dave Okonjo", kind: .stepParent, relationship: "Stepdad", livesWith: true,
                sex: .male, birthYear: 1980, relatedThrough: id(1)),
            NetworkMember(
                id: id(4), displayName: "Chloe Ellis-Moore", kind: .sibling, relationship: "Sister", livesWith: true,
                importantToMe: true, sex: .female, birthYear: 2011),
            NetworkMember(
                id: id(5), displayName: "Tyler Ellis-Moore", kind: .sibling, relationship: "Brother", sex: .male,
                birthYear: 2008),
            NetworkMember(
                id: id(6), displayName: "Poppy Okonjo", kind: .halfSibling, relationship: "Half-sister",
                livesWith: true, sex: .female, birthYear: 2020, relatedThrough: id(3)),
            NetworkMember(
                id: id(7), displayName: "Margaret Ellis", kind: .grandparent, relationship: "Nan", importantToMe: true,
                sex: .female, birthYear: 1958, relatedThrough: id(1)),
            NetworkMember(
                id: id(8), displayName: "Aaron Whitfield", kind: .friend, relationship: "Best friend",
                importantToMe: true, sex: .male),
            NetworkMember(
                id: id(9), displayName: "Priya Chaudhary", kind: .professional, relationship: "Class teacher",
                organisation: "Northfield Primary School"),
            NetworkMember(
                id: id(10), displayName: "Sam Okafor", kind: .professional, relationship: "Social worker",
                organisation: "Northshire Children’s Services"),
        ]
    }

    /// The sample family as the app loads it: no one's `relatedThrough` is given, so the genogram has only
    /// `storedRelationships` to go on.
    static var unlinkedFamily: [NetworkMember] {
        family.map { member in
            var member = member
            member.relatedThrough = nil
            return member
        }
    }

    /// The relationships between the sample family's members, stored from both sides as the app stores
    /// them: Sarah's partner Dave, Poppy's parents Sarah and Dave, Sarah's mother Margaret, and Chloe's
    /// and Tyler's parents Sarah and Mark.
    static var storedRelationships: [MemberRelationship] {
        let recorded: [(Int, RelationshipKind, Int, RelationshipKind)] = [
            (1, .partner, 3, .partner), (6, .mother, 1, .child), (6, .father, 3, .child), (1, .mother, 7, .child),
            (4, .mother, 1, .child), (4, .father, 2, .child), (5, .mother, 1, .child), (5, .father, 2, .child),
            (4, .sibling, 5, .sibling),
        ]
        return recorded.flatMap { person, kind, related, inverse in
            [
                MemberRelationship(personId: id(person), kind: kind, relatedPersonId: id(related)),
                MemberRelationship(personId: id(related), kind: inverse, relatedPersonId: id(person)),
            ]
        }
    }

    /// Sarah, Jamie's mother, as the focus person of her own network.
    static let sarah = NetworkFocus(id: id(1), displayName: "Sarah Ellis", sex: .female, birthYear: 1986)

    /// Sarah's partner Dave and their daughter Poppy, without `relatedThrough`.
    static var sarahsFamily: [NetworkMember] {
        [
            NetworkMember(
                id: id(3), displayName: "Dave Okonjo", kind: .partner, livesWith: true, sex: .male, birthYear: 1980),
            NetworkMember(
                id: id(6), displayName: "Poppy Okonjo", kind: .child, relationship: "Daughter", livesWith: true,
                sex: .female, birthYear: 2020),
        ]
    }

    /// `count` people of every kind in turn, some at home, some important.
    static func crowd(_ count: Int, householdEvery: Int = 4) -> [NetworkMember] {
        let kinds = RelationshipKind.allCases
        return (0..<count).map { index in
            NetworkMember(
                id: id(100 + index), displayName: "Person \(index) Longname-Surname", kind: kinds[index % kinds.count],
                livesWith: index % householdEvery == 0, importantToMe: index % 3 == 0,
                organisation: index % 2 == 0 ? "Agency \(index)" : nil)
        }
    }
}
