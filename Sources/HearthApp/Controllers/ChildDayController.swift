import Fluent
import Foundation
import HearthDomain
import SQLKit
import Vapor

/// A whole number sent either as a JSON number (the API) or as text (a form field).
struct LooseInt: Codable, Sendable {
    var text: String

    init(text: String) { self.text = text }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int.self) {
            text = String(number)
        } else {
            text = try container.decode(String.self)
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}

struct PlacementPlanJSON: Content {
    struct Area: Content {
        var code: String
        var label: String
        var text: String?
    }

    struct Review: Content {
        var reviewedOn: String
        var reason: String
        var summary: String
        var childView: String?
        var nextReviewOn: String
        var reviewedBy: String
    }

    var id: UUID
    var personId: UUID
    var placementId: UUID
    var keyWorkerId: UUID?
    var keyWorker: String?
    var areas: [Area]
    var childWords: String?
    var childVersion: String?
    var school: String?
    var pepDate: String?
    var attendancePercent: Int?
    var reviewDueOn: String
    var version: Int
    var reviews: [Review]
}

struct ChildVersionJSON: Content {
    var personId: UUID
    var name: String
    var childVersion: String?
    var childWords: String?
    var keyWorker: String?
    var nextReview: String
}

struct DailyLogJSON: Content {
    var id: UUID
    var personId: UUID
    var writtenAt: String
    var area: String
    var areaLabel: String
    var text: String
    var writtenBy: String
}

struct KeyWorkJSON: Content {
    var id: UUID
    var personId: UUID
    var heldOn: String
    var topic: String
    var childWords: String
    var followUps: String?
    var writtenBy: String
}

/// The child's day in a home: the placement plan the key worker leads, daily log entries tagged to the
/// plan's areas, and key-work sessions in the child's words. Reached through the child's record.
enum ChildDayController {
    // MARK: The placement plan

    struct PlanInput: Content, Sendable {
        var areas: [String: String]?
        var childWords: String?
        var childVersion: String?
        var school: String?
        var pepDate: String?
        var attendancePercent: LooseInt?
        var keyWorkerId: String?
        var version: LooseInt?
    }

    static func currentPlacement(_ personId: UUID, on db: any Database) async throws -> Placement? {
        try await Placement.query(on: db).filter(\.$personId == personId).filter(\.$endedOn == nil).first()
    }

    /// The plan of the child's current placement, if the child is placed and the plan written.
    static func currentPlan(_ personId: UUID, on db: any Database) async throws -> PlacementPlan? {
        guard let placement = try await currentPlacement(personId, on: db) else { return nil }
        return try await plan(of: placement, on: db)
    }

    static func plan(of placement: Placement, on db: any Database) async throws -> PlacementPlan? {
        try await PlacementPlan.query(on: db).filter(\.$placementId == placement.requireID()).first()
    }

    static func notPlaced() -> ValidationFailed {
        ValidationFailed(errors: [FieldError(field: "placement", message: "This child is not living in a home")])
    }

    /// Writes the plan for the child's current placement: the first version, or a revision of the version
    /// the writer started from (a stale one is a conflict).
    static func savePlan(_ req: Request, personId: UUID, input: PlanInput) async throws -> PlacementPlan {
        var errors = FieldErrorList()
        var areas: [String: String] = [:]
        if let code = (input.areas ?? [:]).keys.sorted().first(where: { !PlacementPlanAreas.all.contains(code: $0) }) {
            errors.add(
                "areas", "Unknown area \(code): use \(PlacementPlanAreas.all.map(\.code).joined(separator: ", "))")
        }
        // In the plan's order, so the error summary lists them as the form shows them.
        for area in PlacementPlanAreas.all {
            if let text = errors.text(input.areas?[area.code], "area-\(area.code)", area.label, limit: 8_000) {
                areas[area.code] = text
            }
        }
        let childWords = errors.text(input.childWords, "childWords", "What the child wants", limit: 8_000)
        let childVersion = errors.text(input.childVersion, "childVersion", "The child's version", limit: 8_000)
        let school = errors.text(input.school, "school", "School", limit: 200)
        let pep = DateField.parse(
            input.pepDate, field: "pepDate", label: "the date of the PEP", required: false, into: &errors)
        var attendance: Int?
        if let text = input.attendancePercent?.text.trimmed.nilIfEmpty {
            attendance = Int(text)
            if attendance == nil || !(0...100).contains(attendance!) {
                errors.add("attendancePercent", "Attendance must be a whole number from 0 to 100")
            }
        }
        var keyWorker: UUID?
        if let text = input.keyWorkerId?.trimmed.nilIfEmpty {
            keyWorker = UUID(uuidString: text)
            if keyWorker == nil { errors.add("keyWorkerId", "Choose a key worker from the home's team") }
        }
        if areas.isEmpty && childWords == nil && errors.isEmpty {
            errors.add("area-health", "Write at least one area of the plan, or what the child wants")
        }
        let version = input.version.flatMap { Int($0.text) }
        try errors.throwIfAny()
        let (keyWorkerId, attendancePercent) = (keyWorker, attendance)
        let me = try req.requireUser().id
        let timescales = req.settings.timescales
        let encoded = String(decoding: try JSONEncoder().encode(areas), as: UTF8.self)
        return try await PersonAccess.load(
            personId, for: .edit, audit: .update, req, auditSubject: AuditSubject(type: "placement-plan", id: nil),
            detail: "about person:\(personId.uuidString.lowercased())"
        ) { _, db in
            guard let placement = try await currentPlacement(personId, on: db) else { throw notPlaced() }
            let placementId = try placement.requireID()
            if let keyWorker = keyWorkerId, let home = try await Home.find(placement.homeId, on: db),
                try await HomesController.teamStaff(home.teamId, on: db.sql)[keyWorker] == nil
            {
                throw ValidationFailed(errors: [
                    FieldError(field: "keyWorkerId", message: "Choose a key worker from the home's team")
                ])
            }
            let plan: PlacementPlan
            if let existing = try await Self.plan(of: placement, on: db) {
                guard existing.version == version else {
                    throw Abort(
                        .conflict,
                        reason:
                            "Someone changed the placement plan since you opened it (now version \(existing.version)). Your changes were not saved: open it again and make them there."
                    )
                }
                plan = existing
                plan.version += 1
            } else {
                plan = PlacementPlan()
                plan.personId = personId
                plan.placementId = placementId
                plan.version = 1
                let today = LondonTime.calendarDate(of: Date())
                plan.reviewDueOn =
                    LondonTime.calendarDate(
                        of: timescales[TimescaleDefaults.placementPlanReview].dueMoment(
                            from: LondonTime.moment(today, hour: 12))
                    ).iso
            }
            plan.areas = encoded
            plan.childWords = childWords
            plan.childVersion = childVersion
            plan.school = school
            plan.pepDate = pep?.iso
            plan.attendancePercent = attendancePercent
            plan.keyWorkerId = keyWorkerId ?? plan.keyWorkerId
            plan.updatedBy = me
            plan.updatedAt = Date()
            try await plan.save(on: db)
            return plan
        }
    }

    static func planJSON(_ plan: PlacementPlan, on db: any Database) async throws -> PlacementPlanJSON {
        let stored = plan.storedAreas
        let reviews = try await PlacementPlanReview.query(on: db).filter(\.$planId == plan.requireID())
            .sort(\.$reviewedOn, .descending).all()
        let names = try await UserNames.lookup(
            Set(reviews.map(\.reviewedBy) + [plan.keyWorkerId].compactMap { $0 }), on: db.sql)
        return PlacementPlanJSON(
            id: try plan.requireID(), personId: plan.personId, placementId: plan.placementId,
            keyWorkerId: plan.keyWorkerId, keyWorker: plan.keyWorkerId.flatMap { names[$0] },
            areas: PlacementPlanAreas.all.map { .init(code: $0.code, label: $0.label, text: stored[$0.code]) },
            childWords: plan.childWords, childVersion: plan.childVersion, school: plan.school, pepDate: plan.pepDate,
            attendancePercent: plan.attendancePercent, reviewDueOn: plan.reviewDueOn, version: plan.version,
            reviews: reviews.map {
                .init(
                    reviewedOn: $0.reviewedOn, reason: $0.reason, summary: $0.summary, childView: $0.childView,
                    nextReviewOn: $0.nextReviewOn, reviewedBy: names[$0.reviewedBy] ?? "Unknown")
            })
    }

    static let reviewReasons: [CodedOption] = [
        .init("cycle", "Review on the cycle"),
        .init("significant-change", "Significant change (a move, an incident, a change in contact or school)"),
    ]

    struct ReviewInput: Content, Sendable {
        var reviewedOn: String?
        var reason: String?
        var summary: String?
        var childView: String?
        var nextReviewOn: String?
    }

    /// A review of the plan, on the cycle or after a significant change; it sets the next review date.
    static func reviewPlan(_ req: Request, personId: UUID, input: ReviewInput) async throws -> PlacementPlan {
        var errors = FieldErrorList()
        let today = CalendarDate(iso: UKTime.today())!
        let reviewed = DateField.parse(
            input.reviewedOn, field: "reviewedOn", label: "the date of the review", required: true, into: &errors)
        if let reviewed, reviewed > today { errors.add("reviewedOn", "The review date must not be in the future") }
        let reason = input.reason?.trimmed ?? ""
        if !reviewReasons.contains(code: reason) {
            errors.add("reason", "Say whether this is the cycle's review or after a significant change")
        }
        let summary = errors.text(
            input.summary, "summary", "What the review found", limit: 8_000, required: "Say what the review found")
        let childView = errors.text(input.childView, "childView", "The child's view", limit: 8_000)
        var next = DateField.parse(
            input.nextReviewOn, field: "nextReviewOn", label: "the next review date", required: false, into: &errors)
        if let reviewed, let chosen = next, chosen <= reviewed {
            errors.add("nextReviewOn", "The next review must be after this one")
        }
        try errors.throwIfAny()
        let me = try req.requireUser().id
        let timescales = req.settings.timescales
        if next == nil, let reviewed {
            next = LondonTime.calendarDate(
                of: timescales[TimescaleDefaults.placementPlanReview].dueMoment(
                    from: LondonTime.moment(reviewed, hour: 12)))
        }
        guard let nextReview = next else { throw ValidationFailed(errors: errors.errors) }
        return try await PersonAccess.load(
            personId, for: .edit, audit: .update, req, auditSubject: AuditSubject(type: "placement-plan", id: nil),
            detail: "reviewed, about person:\(personId.uuidString.lowercased())"
        ) { _, db in
            guard let plan = try await currentPlan(personId, on: db) else {
                throw ValidationFailed(errors: [FieldError(field: "summary", message: "Write the placement plan first")]
                )
            }
            let review = PlacementPlanReview()
            review.planId = try plan.requireID()
            review.personId = personId
            review.reviewedOn = reviewed!.iso
            review.reason = reason
            review.summary = summary!
            review.childView = childView
            review.nextReviewOn = nextReview.iso
            review.reviewedBy = me
            review.recordedAt = Date()
            try await review.create(on: db)
            plan.reviewDueOn = nextReview.iso
            plan.version += 1
            try await plan.save(on: db)
            return plan
        }
    }

    // MARK: The day

    struct LogInput: Content, Sendable {
        var area: String?
        var text: String?
        var writtenAt: String?
    }

    /// A daily log entry: quick to write, several a shift, tagged to an area of the plan.
    static func writeLog(_ req: Request, personId: UUID, input: LogInput) async throws -> DailyLog {
        var errors = FieldErrorList()
        let area = input.area?.trimmed ?? ""
        if !PlacementPlanAreas.all.contains(code: area) {
            errors.add("area", "Choose the part of the plan this is about")
        }
        let text = errors.text(input.text, "text", "The entry", limit: 4_000, required: "Write what happened")
        let now = Date()
        let at = Moment.parse(
            input.writtenAt, "writtenAt", "when it happened", required: false, now: now, into: &errors)
        if let at, at < now.addingTimeInterval(-7 * 86_400) {
            errors.add("writtenAt", "A daily log is written within the week; record older events as a recording")
        }
        try errors.throwIfAny()
        let me = try req.requireUser().id
        let id = UUID()
        return try await PersonAccess.load(
            personId, for: .edit, audit: .create, req,
            auditSubject: AuditSubject(type: "daily-log", id: id.uuidString.lowercased()),
            detail: "about person:\(personId.uuidString.lowercased())"
        ) { _, db in
            let log = DailyLog()
            log.id = id
            log.personId = personId
            log.homeId = try await ResidentialController.currentHome(of: personId, on: db)
            log.writtenAt = at ?? now
            log.area = area
            log.text = text!
            log.writtenBy = me
            try await log.create(on: db)
            return log
        }
    }

    static func logs(_ personId: UUID, since: Date, on db: any Database) async throws -> [DailyLogJSON] {
        let logs = try await DailyLog.query(on: db).filter(\.$personId == personId).filter(\.$writtenAt >= since)
            .sort(\.$writtenAt, .descending).all()
        let names = try await UserNames.lookup(Set(logs.map(\.writtenBy)), on: db.sql)
        return try logs.map {
            DailyLogJSON(
                id: try $0.requireID(), personId: $0.personId, writtenAt: DisplayFormat.iso8601($0.writtenAt),
                area: $0.area, areaLabel: PlacementPlanAreas.all.label(for: $0.area) ?? $0.area, text: $0.text,
                writtenBy: names[$0.writtenBy] ?? "Unknown")
        }
    }

    struct KeyWorkInput: Content, Sendable {
        var heldOn: String?
        var topic: String?
        var childWords: String?
        var followUps: String?
    }

    static func recordKeyWork(_ req: Request, personId: UUID, input: KeyWorkInput) async throws -> KeyWorkSession {
        var errors = FieldErrorList()
        let held = DateField.parse(
            input.heldOn, field: "heldOn", label: "the date of the session", required: true, into: &errors)
        if let held, held > CalendarDate(iso: UKTime.today())! {
            errors.add("heldOn", "The session date must not be in the future")
        }
        let topic = errors.text(
            input.topic, "topic", "The topic", limit: 200, required: "Say what the session was about")
        let words = errors.text(
            input.childWords, "childWords", "The child's words", limit: 8_000,
            required: "Write what the child said, in their words")
        let followUps = errors.text(input.followUps, "followUps", "Follow-ups", limit: 4_000)
        try errors.throwIfAny()
        let me = try req.requireUser().id
        let id = UUID()
        return try await PersonAccess.load(
            personId, for: .edit, audit: .create, req,
            auditSubject: AuditSubject(type: "key-work", id: id.uuidString.lowercased()),
            detail: "about person:\(personId.uuidString.lowercased())"
        ) { _, db in
            let session = KeyWorkSession()
            session.id = id
            session.personId = personId
            session.homeId = try await ResidentialController.currentHome(of: personId, on: db)
            session.heldOn = held!.iso
            session.topic = topic!
            session.childWords = words!
            session.followUps = followUps
            session.writtenBy = me
            session.recordedAt = Date()
            try await session.create(on: db)
            return session
        }
    }

    static func keyWork(_ personId: UUID, limit: Int, on db: any Database) async throws -> [KeyWorkJSON] {
        let sessions = try await KeyWorkSession.query(on: db).filter(\.$personId == personId)
            .sort(\.$heldOn, .descending).limit(limit).all()
        let names = try await UserNames.lookup(Set(sessions.map(\.writtenBy)), on: db.sql)
        return try sessions.map {
            KeyWorkJSON(
                id: try $0.requireID(), personId: $0.personId, heldOn: $0.heldOn, topic: $0.topic,
                childWords: $0.childWords, followUps: $0.followUps, writtenBy: names[$0.writtenBy] ?? "Unknown")
        }
    }
}
