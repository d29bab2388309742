import Foundation
import Testing

@testable import HearthDomain

@Suite struct RelationshipKindTests {
    @Test func rawValuesAreTheStoredCodes() {
        #expect(
            RelationshipKind.allCases.map(\.rawValue) == [
                "mother", "father", "step-parent", "parents-partner", "sibling", "half-sibling", "grandparent", "carer",
                "foster-carer", "friend", "partner", "professional", "other", "child", "grandchild",
            ])
        #expect(NetworkRole.allCases.map(\.rawValue) == ["family", "friend", "professional", "other"])
    }

    @Test func inversesAreWhatTheFocusPersonIsToTheOtherPerson() {
        #expect(RelationshipKind.mother.inverse() == .child)
        #expect(RelationshipKind.father.inverse() == .child)
        #expect(RelationshipKind.grandparent.inverse() == .grandchild)
        #expect(RelationshipKind.grandchild.inverse() == .grandparent)
        #expect(RelationshipKind.child.inverse(focusSex: .female) == .mother)
        #expect(RelationshipKind.child.inverse(focusSex: .male) == .father)
        #expect(RelationshipKind.child.inverse(focusSex: .unknown) == nil)
        for symmetric in [RelationshipKind.sibling, .halfSibling, .friend, .partner, .other] {
            #expect(symmetric.inverse() == symmetric)
        }
        for noCase in [RelationshipKind.stepParent, .parentsPartner, .carer, .fosterCarer, .professional] {
            #expect(noCase.inverse() == nil)
        }
        // Going there and back arrives where it started, wherever an inverse exists.
        for kind in RelationshipKind.allCases {
            for sex in NetworkMember.Sex.allCases {
                guard let inverse = kind.inverse(focusSex: sex) else { continue }
                let mother = inverse.inverse(focusSex: .female)
                let father = inverse.inverse(focusSex: .male)
                #expect(mother == kind || father == kind, "\(kind) -> \(inverse)")
            }
        }
    }

    @Test func defaultsFollowTheKind() {
        let nan = NetworkMember(id: UUID(), displayName: "Nan", kind: .grandparent)
        #expect(nan.generation == -2)
        #expect(nan.role == .family)
        #expect(nan.relationship == "Grandparent")
        #expect(nan.sex == .unknown)
        let mum = NetworkMember(id: UUID(), displayName: "Mum", kind: .mother)
        #expect(mum.generation == -1 && mum.sex == .female)
        #expect(NetworkMember(id: UUID(), displayName: "Dad", kind: .father).sex == .male)
        #expect(NetworkMember(id: UUID(), displayName: "Kai", kind: .child).generation == 1)
        #expect(NetworkMember(id: UUID(), displayName: "Kai", kind: .grandchild).generation == 2)
        #expect(NetworkMember(id: UUID(), displayName: "Sam", kind: .professional).role == .professional)
        #expect(NetworkMember(id: UUID(), displayName: "Ava", kind: .friend).role == .friend)
        #expect(NetworkMember(id: UUID(), displayName: "Lin", kind: .fosterCarer).role == .family)
        // Anything given overrides the default.
        let aunt = NetworkMember(
            id: UUID(), displayName: "Aunt Jo", kind: .other, relationship: "Aunt", role: .family, sex: .female,
            generation: -1)
        #expect(aunt.relationship == "Aunt" && aunt.role == .family && aunt.generation == -1 && aunt.sex == .female)
    }

    @Test func theFocusPersonsShortNameIsTheirFirstName() {
        #expect(NetworkFocus(id: UUID(), displayName: "Jamie Ellis-Moore").shortName == "Jamie")
        #expect(NetworkFocus(id: UUID(), displayName: "Jamie Ellis-Moore", shortName: "JJ").shortName == "JJ")
        #expect(NetworkFocus(id: UUID(), displayName: "").phraseName == "this person")
    }
}
