import Fluent
import Foundation
import HearthDomain
import Vapor

/// What the independent person (regulation 44) and the registered manager's review of the quality of
/// care (regulation 45) need for a period, built from what was recorded: nothing is typed twice.
struct RegulatoryFigures: Content, Sendable {
    struct Child: Content, Sendable {
        var personId: UUID
        var name: String
        var placedFrom: String
        var leftOn: String?
        var school: String?
        var attendancePercent: Int?
        var pepDate: String?
        var education: String?
        var health: String?
        var childWords: String?
        /// What the child said in key-work sessions in the period, latest first.
        var views: [String]
        var incidents: Int
        var missingEpisodes: Int
    }

    var kind: String
    var title: String
    var homeId: UUID
    var homeName: String
    var urn: String
    var from: String
    var to: String
    var admissions: Int
    var discharges: Int
    var incidents: Int
    var physicalInterventions: Int
    var interventionsRecordedWithin24Hours: Int
    var interventionsReviewedWithin48Hours: Int
    var childrenSpokenToWithin5Days: Int
    var incidentsWithInjuries: Int
    var incidentsWithPolice: Int
    var missingEpisodes: Int
    var returnInterviewsOffered: Int
    var returnInterviewsWithin72Hours: Int
    var complaintsReceived: Int
    var complaintsResolved: Int
    var notifications: Int
    var notificationsToOfsted: Int
    var notificationsToPlacingAuthority: Int
    var keyWorkSessions: Int
    var dailyLogEntries: Int
    var children: [Child]
}

enum RegulatoryReportQueries {
    static let kinds: [CodedOption] = [
        .init("reg44", "Regulation 44: the independent person's visit"),
        .init("reg45", "Regulation 45: review of the quality of care"),
    ]

    /// The figures for [from, to], whole London days, in a fixed number of queries.
    static func figures(
        kind: String, home: Home, from: CalendarDate, to: CalendarDate, timescales: TimescaleBook, on db: any Database
    ) async throws -> RegulatoryFigures {
        let homeId = try home.requireID()
        let start = LondonTime.moment(from, hour: 0)
        let end = LondonTime.moment(to.adding(days: 1), hour: 0)
        func onDay(_ day: String?) -> Bool { day.map { $0 >= from.iso && $0 <= to.iso } ?? false }

        let placements = try await Placement.query(on: db).filter(\.$homeId == homeId).filter(\.$startedOn <= to.iso)
            .group(.or) { $0.filter(\.$endedOn == nil).filter(\.$endedOn >= from.iso) }.all()
        let incidents = try await Incident.query(on: db).filter(\.$homeId == homeId)
            .filter(\.$occurredAt >= start).filter(\.$occurredAt < end).all()
        let episodes = try await MissingEpisode.query(on: db).filter(\.$homeId == homeId)
            .filter(\.$lastSeenAt >= start).filter(\.$lastSeenAt < end).all()
        let complaints = try await Complaint.query(on: db).filter(\.$homeId == homeId).all()
        let notifications = try await RegulatoryNotification.query(on: db).filter(\.$homeId == homeId)
            .filter(\.$sentAt >= start).filter(\.$sentAt < end).all()
        let sessions = try await KeyWorkSession.query(on: db).filter(\.$homeId == homeId)
            .filter(\.$heldOn >= from.iso).filter(\.$heldOn <= to.iso).sort(\.$heldOn, .descending).all()
        let logCount = try await DailyLog.query(on: db).filter(\.$homeId == homeId)
            .filter(\.$writtenAt >= start).filter(\.$writtenAt < end).count()
        let childIds = Array(Set(placements.map(\.personId)))
        let people = childIds.isEmpty ? [] : try await Person.query(on: db).filter(\.$id ~~ childIds).all()
        let placementIds = try placements.map { try $0.requireID() }
        let plans =
            placementIds.isEmpty
            ? [] : try await PlacementPlan.query(on: db).filter(\.$placementId ~~ placementIds).all()

        let measures = incidents.filter(\.hasMeasure)
        func inTime(_ done: Date?, _ due: Date?) -> Bool {
            guard let done, let due else { return false }
            return done <= due
        }
        let children = try placements.sorted { $0.startedOn < $1.startedOn }.map {
            placement -> RegulatoryFigures.Child in
            let person = people.first { $0.id == placement.personId }
            let plan = plans.first { $0.placementId == placement.id }
            let areas = plan?.storedAreas ?? [:]
            return RegulatoryFigures.Child(
                personId: placement.personId,
                name: person.map { "\($0.givenName) \($0.familyName)" } ?? "Unknown",
                placedFrom: placement.startedOn, leftOn: placement.endedOn, school: plan?.school,
                attendancePercent: plan?.attendancePercent, pepDate: plan?.pepDate, education: areas["education"],
                health: areas["health"], childWords: plan?.childWords,
                views: sessions.filter { $0.personId == placement.personId }.prefix(3).map(\.childWords),
                incidents: incidents.filter { $0.personId == placement.personId }.count,
                missingEpisodes: episodes.filter { $0.personId == placement.personId }.count)
        }
        return RegulatoryFigures(
            kind: kind, title: kinds.label(for: kind) ?? kind, homeId: homeId, homeName: home.name, urn: home.urn,
            from: from.iso, to: to.iso,
            admissions: placements.filter { onDay($0.startedOn) }.count,
            discharges: placements.filter { onDay($0.endedOn) }.count,
            incidents: incidents.count,
            physicalInterventions: measures.count,
            interventionsRecordedWithin24Hours: measures.filter {
                inTime($0.recordCompletedAt, ResidentialController.dues($0, timescales: timescales).record)
            }.count,
            interventionsReviewedWithin48Hours: measures.filter {
                inTime($0.managerSpokeToStaffAt, ResidentialController.dues($0, timescales: timescales).managerReview)
            }.count,
            childrenSpokenToWithin5Days: measures.filter {
                inTime($0.childSpokenToAt, ResidentialController.dues($0, timescales: timescales).childDebrief)
            }.count,
            incidentsWithInjuries: incidents.filter { $0.injuries != nil }.count,
            incidentsWithPolice: incidents.filter(\.policeInvolved).count,
            missingEpisodes: episodes.count,
            returnInterviewsOffered: episodes.filter { $0.interviewOfferedAt != nil }.count,
            returnInterviewsWithin72Hours: episodes.filter { episode in
                inTime(
                    episode.interviewOfferedAt,
                    episode.returnedAt.map { timescales[TimescaleDefaults.returnHomeInterview].dueMoment(from: $0) })
            }.count,
            complaintsReceived: complaints.filter { onDay($0.receivedOn) }.count,
            complaintsResolved: complaints.filter { onDay($0.resolvedOn) }.count,
            notifications: notifications.count,
            notificationsToOfsted: notifications.filter { $0.recipient == "ofsted" }.count,
            notificationsToPlacingAuthority: notifications.filter { $0.recipient == "placing-authority" }.count,
            keyWorkSessions: sessions.count, dailyLogEntries: logCount, children: children)
    }
}
