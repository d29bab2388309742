import Foundation
import Testing

@testable import HearthApp

/// Stopping the server waits for the requests being answered before the databases close.
@Suite struct RequestsInFlightTests {
    @Test func drainingWaitsForTheLastRequestToFinish() async throws {
        let requests = RequestsInFlight()
        requests.enter()
        requests.enter()
        let draining = Task { await requests.drained(within: .seconds(5)) }
        try await Task.sleep(for: .milliseconds(50))
        requests.leave()
        try await Task.sleep(for: .milliseconds(50))
        #expect(requests.current == 1)
        requests.leave()
        #expect(await draining.value)
        #expect(requests.current == 0)
    }

    @Test func drainingGivesUpAfterItsLimit() async {
        let requests = RequestsInFlight()
        requests.enter()
        let started = ContinuousClock.now
        #expect(!(await requests.drained(within: .milliseconds(100))))
        #expect(ContinuousClock.now - started >= .milliseconds(100))
    }
}
