import Foundation
import HearthDomain
import Testing

@Suite struct SignOffPolicyTests {
    static let north = UUID()
    static let south = UUID()
    static let author = UUID()

    /// Who may sign off an assessment of work allocated to North, written by `author`.
    @Test(arguments: [
        (Set<Role>([.teamManager]), [TeamMembership(teamId: north, isManager: true)], false, true),
        (Set<Role>([.teamManager]), [TeamMembership(teamId: north, isManager: true)], true, false),
        (Set<Role>([.teamManager]), [TeamMembership(teamId: south, isManager: true)], false, false),
        (Set<Role>([.teamManager]), [TeamMembership(teamId: north, isManager: false)], false, false),
        (Set<Role>([.seniorPractitioner]), [TeamMembership(teamId: north, isManager: true)], false, true),
        (Set<Role>([.practitioner]), [TeamMembership(teamId: north, isManager: true)], false, false),
        (Set<Role>([.safeguardingLead]), [], false, false),
        (Set<Role>([.auditor, .administrator]), [], false, false),
    ])
    func onlyAManagerOfTheTeamAndNeverTheAuthor(
        roles: Set<Role>, memberships: [TeamMembership], isAuthor: Bool, expected: Bool
    ) {
        let actor = Actor(id: isAuthor ? Self.author : UUID(), roles: roles, memberships: memberships)
        #expect(SignOffPolicy().maySignOff(actor, teamId: Self.north, authorId: Self.author) == expected)
    }

    @Test func onlyDraftAndReturnedAssessmentsChange() {
        #expect(AssessmentStatus.allCases.filter(\.isEditable) == [.draft, .returned])
    }
}

@Suite struct DueStateTests {
    /// Friday 27 November 2026, 10:00 in London.
    static let now = LondonTime.moment(CalendarDate(year: 2026, month: 11, day: 27)!, hour: 10)

    @Test func dueSoonIsTheNextTwoWorkingDaysAndOverdueIsPast() {
        let day = { (d: Int) in LondonTime.endOfDay(CalendarDate(year: 2026, month: 11, day: d)!) }
        #expect(DueState.of(day(26), now: Self.now) == .overdue)
        #expect(DueState.of(day(27), now: Self.now) == .dueSoon)
        // Two working days on from a Friday is the Tuesday, over the weekend.
        #expect(DueState.of(day(30), now: Self.now) == .dueSoon)
        #expect(
            DueState.of(LondonTime.endOfDay(CalendarDate(year: 2026, month: 12, day: 1)!), now: Self.now) == .dueSoon)
        #expect(DueState.of(LondonTime.endOfDay(CalendarDate(year: 2026, month: 12, day: 2)!), now: Self.now) == .later)
        // A clock made once for many prompts draws the same lines.
        let clock = DueClock(now: Self.now)
        #expect(clock.soonEnds == LondonTime.endOfDay(CalendarDate(year: 2026, month: 12, day: 1)!))
        #expect(clock.state(of: Self.now.addingTimeInterval(-1)) == .overdue)
        #expect(clock.state(of: Self.now) == .dueSoon)
        #expect(clock.state(of: clock.soonEnds) == .dueSoon)
        #expect(clock.state(of: clock.soonEnds.addingTimeInterval(1)) == .later)
    }

    @Test func promptsSortByDueDate() {
        let early = WorkPrompt(
            kind: .planReview, title: "a", due: Date(timeIntervalSince1970: 10), link: "/a", personName: nil,
            workerId: nil)
        let late = WorkPrompt(
            kind: .assessment, title: "b", due: Date(timeIntervalSince1970: 20), link: "/b", personName: nil,
            workerId: nil)
        #expect(WorkPrompt.sorted([late, early]).map(\.link) == ["/a", "/b"])
    }
}

@Suite struct AssessmentFrameworkTests {
    @Test func theThreeDomainsHaveTheirTwentyDimensions() {
        #expect(AssessmentFramework.domains.map(\.dimensions.count) == [7, 6, 7])
        let codes = AssessmentFramework.dimensions.map(\.code)
        #expect(Set(codes).count == codes.count)
    }
}
