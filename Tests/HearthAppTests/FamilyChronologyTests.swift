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
                at: reviewed, kind: .planReview, summary: "Plan reviewed", sourceType: "plan", sourceId: "p1",
                personId: person)
        }
        let visit = ChronologyEntry(
            at: reviewed.addingTimeInterval(-86_400), kind: .significantRecording, summary: "Home visit",
            sourceType: "recording", sourceId: "r1", personId: mum)
        // A household's move is kept on each member's own record.
        func move(of person: UUID, to place: String) -> ChronologyEntry {
            ChronologyEntry(
                day: "2026-04-29", kind: .address, summary: "Moved to \(place)", sourceType: "address",
                sourceId: UUID().uuidString, personId: person)!
        }
        let merged = FamilyController.mergedByEvent(
            [
                review(for: amara), review(for: jayden), review(for: amara), visit, move(of: amara, to: "3 Elm Close"),
                move(of: mum, to: "3 Elm Close"), move(of: jayden, to: "Nan's"),
            ], names: names)
        #expect(
            merged.map(\.summary) == ["Plan reviewed", "Home visit", "Moved to 3 Elm Close", "Moved to Nan's"])
        #expect(
            merged.map(\.byline) == [
                "Amara Okafor and Jayden Okafor", "Grace Okafor", "Amara Okafor and Grace Okafor", "Jayden Okafor",
            ])
    }
}
