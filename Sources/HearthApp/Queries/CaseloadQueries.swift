import Foundation
import HearthDomain
import SQLKit

/// A practitioner's caseload: their open involvements, who they are about, and the last contact.
enum CaseloadQueries {
    struct Line: Encodable, Sendable {
        var involvementId: UUID
        var service: String
        var level: String
        var startedOn: String
        var people: [PersonLink]
        var lastContact: String? { didSet { hasLastContact = lastContact != nil } }
        /// When the next contact is due by the visiting rhythm, as a prompt rather than a red flag.
        var nextContactDue: String? { didSet { hasNextContact = nextContactDue != nil } }
        var isOverdue: Bool
        /// Prompts from the work list on this piece of work, as the page says it: "3 (1 overdue)".
        var toDo = "0"
        // Leaf tests Bools without converting them (ADR 0011).
        private(set) var hasLastContact = false
        private(set) var hasNextContact = false

        mutating func setPrompts(_ count: Int, overdue: Int) {
            toDo = overdue > 0 ? "\(count) (\(overdue) overdue)" : "\(count)"
        }
    }

    struct PersonLink: Encodable, Sendable {
        var id: UUID
        var name: String
    }

    /// The default rhythm of contact for open work, until plans set their own.
    static let contactInterval: TimeInterval = 14 * 24 * 60 * 60

    /// Two queries, whatever the size of the caseload or its records; a third when it holds children in a
    /// home, whose daily logs and key-work sessions are contact too.
    static func caseload(of userId: UUID, now: Date = Date(), on db: any SQLDatabase) async throws -> [Line] {
        let rows = try await db.raw(
            """
            SELECT i.id, i.service, i.level_of_need, i.started_on, p.id AS person_id, p.given_name, p.family_name,
              p.preferred_name
            FROM involvements i JOIN involvement_subjects s ON s.involvement_id = i.id JOIN people p ON p.id = s.person_id
            WHERE i.allocated_user_id = \(bind: userId) AND i.ended_on IS NULL AND p.merged_into_id IS NULL
            ORDER BY i.started_on, p.family_name, p.given_name
            """
        ).all()
        var order: [UUID] = []
        var lines: [UUID: Line] = [:]
        var residential: [UUID] = []
        for row in rows {
            let id = try row.decode(column: "id", as: UUID.self)
            if lines[id] == nil {
                let service = try row.decode(column: "service", as: String.self)
                if service == Vocabulary.residentialCare { residential.append(id) }
                let level = try row.decode(column: "level_of_need", as: Int.self)
                lines[id] = Line(
                    involvementId: id, service: Vocabulary.services.label(for: service) ?? service,
                    level: Vocabulary.needLevels.label(for: String(level)) ?? String(level),
                    startedOn: DisplayFormat.calendarDate(try row.decode(column: "started_on", as: String.self)),
                    people: [],
                    isOverdue: false)
                order.append(id)
            }
            let given =
                try row.decode(column: "preferred_name", as: String?.self)
                ?? row.decode(column: "given_name", as: String.self)
            lines[id]!.people.append(
                PersonLink(
                    id: try row.decode(column: "person_id", as: UUID.self),
                    name: "\(given) \(try row.decode(column: "family_name", as: String.self))"))
        }
        guard !order.isEmpty else { return [] }
        // The last submitted contact on each involvement.
        let last = try await db.raw(
            """
            SELECT involvement_id, MAX(occurred_at) AS last_at FROM recordings
            WHERE involvement_id IN (\(binds: order)) AND status = \(bind: RecordingStatus.submitted)
            GROUP BY involvement_id
            """
        ).all()
        var contacts: [UUID: [Contact]] = [:]
        for row in last {
            guard let at = try row.decode(column: "last_at", as: Date?.self) else { continue }
            contacts[try row.decode(column: "involvement_id", as: UUID.self), default: []].append(
                Contact(at: at, written: DisplayFormat.dateTime(at)))
        }
        if !residential.isEmpty {
            for row in try await db.raw(
                """
                SELECT s.involvement_id,
                  (SELECT MAX(d.written_at) FROM daily_logs d WHERE d.person_id = s.person_id) AS last_log,
                  (SELECT MAX(k.held_on) FROM key_work_sessions k WHERE k.person_id = s.person_id) AS last_key_work
                FROM involvement_subjects s WHERE s.involvement_id IN (\(binds: residential))
                """
            ).all() {
                let id = try row.decode(column: "involvement_id", as: UUID.self)
                if let at = try row.decode(column: "last_log", as: Date?.self) {
                    contacts[id, default: []].append(Contact(at: at, written: DisplayFormat.dateTime(at)))
                }
                // A session has a day and no time of day: it counts from the end of that day.
                if let day = try row.decode(column: "last_key_work", as: String?.self),
                    let end = UKTime.date(day, time: "23:59")
                {
                    contacts[id, default: []].append(Contact(at: end, written: DisplayFormat.calendarDate(day)))
                }
            }
        }
        for (id, seen) in contacts {
            guard let latest = seen.max(by: { $0.at < $1.at }) else { continue }
            let due = latest.at.addingTimeInterval(contactInterval)
            lines[id]?.lastContact = latest.written
            lines[id]?.nextContactDue = DisplayFormat.calendarDate(UKTime.dayString(due))
            lines[id]?.isOverdue = due < now
        }
        return order.compactMap { lines[$0] }
    }

    private struct Contact {
        var at: Date
        var written: String
    }
}
