import Foundation
import Testing

@testable import HearthApp

/// The family page's chronology: everyone's events together, each event once.
@Suite struct FamilyChronologyTests {
    @Test func anEventAboutSeveralMembersIsOneEntryNamingThemAll() {
        let (amara, jayden, mum) = (UUID(), UUID(), UUID())
        let names = [amara: "Amara Okafor", jayden: "Jayden Okafor", mum: "Grace Okafor"]
        let reviewed = Date(timeIntervalSince1970: 1_780_000_000)
        func review(for person: UUID) -> ChronologyEntry {
            ChronologyEntry(
                at: reviewed, kind: "plan-review", summary: "Plan reviewed", sourceType: "plan", sourceId: "p1",
                personId: person)
        }
        let visit = ChronologyEntry(
            at: reviewed.addingTimeInterval(-86_400), kind: "recording", summary: "Home visit", sourceType: "recording",
            sourceId: "r1", personId: mum)
        let merged = FamilyController.mergedByEvent(
            [review(for: amara), review(for: jayden), review(for: amara), visit], names: names)
        #expect(merged.map(\.summary) == ["Plan reviewed", "Home visit"])
        #expect(merged.map(\.byline) == ["Amara Okafor and Jayden Okafor", "Grace Okafor"])
    }
}
