import Foundation
import HearthDomain
import SQLKit

/// The reads behind a person's page, each one query whatever the size of the record, so the page's
/// query count does not grow with the data.
enum PersonPageQueries {
    struct RecordingLine: Encodable, Sendable {
        var id: UUID
        var kind: String
        var occurredAt: String
        var excerpt: String
        var isDraft: Bool
        var isSignificant: Bool
        var author: String
    }

    struct QuoteLine: Encodable, Sendable {
        var words: String
        var speaker: String
        var at: String
        var recordingId: UUID
    }

    struct InvolvementLine: Encodable, Sendable {
        var id: UUID
        var service: String
        var level: String
        var worker: String?
        var team: String
        var startedOn: String
        var endedOn: String?
        var reason: String
        /// Living in a children's home under this piece of work: the day's records are a link away.
        var isResidential: Bool
    }

    struct RelationshipLine: Encodable, Sendable {
        var id: UUID
        var personId: UUID
        var name: String
        var relationship: String
        var livesWith: Bool
        var importantToMe: Bool
    }

    /// The latest recordings about the person: submitted ones, and the viewer's own drafts.
    static func recordings(of personId: UUID, viewer: UUID, limit: Int = 20, on db: any SQLDatabase) async throws
        -> [RecordingLine]
    {
        try await db.raw(
            """
            SELECT r.id, r.kind, r.occurred_at, r.note, r.status, r.is_significant, u.display_name
            FROM recording_subjects s JOIN recordings r ON r.id = s.recording_id JOIN users u ON u.id = r.author_id
            WHERE s.person_id = \(bind: personId)
              AND (r.status = \(bind: RecordingStatus.submitted) OR r.author_id = \(bind: viewer))
            ORDER BY s.occurred_at DESC LIMIT \(literal: limit)
            """
        ).all().map { row in
            let kind = try row.decode(column: "kind", as: String.self)
            return RecordingLine(
                id: try row.decode(column: "id", as: UUID.self),
                kind: Vocabulary.recordingKinds.label(for: kind) ?? kind,
                occurredAt: DisplayFormat.dateTime(try row.decode(column: "occurred_at", as: Date.self)),
                excerpt: ChronologyQueries.excerpt(try row.decode(column: "note", as: String.self), limit: 160),
                isDraft: try row.decode(column: "status", as: String.self) == RecordingStatus.draft,
                isSignificant: try row.decode(column: "is_significant", as: Bool.self),
                author: try row.decode(column: "display_name", as: String.self))
        }
    }

    /// How many of the latest recordings about a person their words are drawn from.
    static let wordsWindow = 200

    /// What the person, and the people around them, said in their latest recordings, their own words first.
    static func words(of personId: UUID, limit: Int = 10, on db: any SQLDatabase) async throws -> [QuoteLine] {
        try await db.raw(
            """
            SELECT q.words, q.speaker_label, latest.occurred_at, latest.recording_id AS id
            FROM (SELECT s.recording_id, s.occurred_at FROM recording_subjects s
                  WHERE s.person_id = \(bind: personId) ORDER BY s.occurred_at DESC LIMIT \(literal: wordsWindow))
              AS latest
            JOIN recordings r ON r.id = latest.recording_id
            JOIN recording_quotes q ON q.recording_id = latest.recording_id
            WHERE r.status = \(bind: RecordingStatus.submitted)
            ORDER BY CASE WHEN q.speaker_person_id = \(bind: personId) THEN 0 ELSE 1 END, latest.occurred_at DESC
            LIMIT \(literal: limit)
            """
        ).all().map { row in
            QuoteLine(
                words: try row.decode(column: "words", as: String.self),
                speaker: try row.decode(column: "speaker_label", as: String.self),
                at: DisplayFormat.dateTime(try row.decode(column: "occurred_at", as: Date.self)),
                recordingId: try row.decode(column: "id", as: UUID.self))
        }
    }

    static func involvements(of personId: UUID, on db: any SQLDatabase) async throws -> [InvolvementLine] {
        try await db.raw(
            """
            SELECT i.id, i.service, i.level_of_need, i.started_on, i.ended_on, i.reason, u.display_name, t.name
            FROM involvement_subjects s JOIN involvements i ON i.id = s.involvement_id
            JOIN teams t ON t.id = i.allocated_team_id LEFT JOIN users u ON u.id = i.allocated_user_id
            WHERE s.person_id = \(bind: personId)
            ORDER BY i.started_on DESC
            """
        ).all().map { row in
            let service = try row.decode(column: "service", as: String.self)
            let level = try row.decode(column: "level_of_need", as: Int.self)
            return InvolvementLine(
                id: try row.decode(column: "id", as: UUID.self),
                service: Vocabulary.services.label(for: service) ?? service,
                level: Vocabulary.needLevels.label(for: String(level)) ?? String(level),
                worker: try row.decode(column: "display_name", as: String?.self),
                team: try row.decode(column: "name", as: String.self),
                startedOn: try row.decode(column: "started_on", as: String.self),
                endedOn: try row.decode(column: "ended_on", as: String?.self),
                reason: try row.decode(column: "reason", as: String.self),
                isResidential: service == Vocabulary.residentialCare)
        }
    }

    static func relationships(of personId: UUID, on db: any SQLDatabase) async throws -> [RelationshipLine] {
        try await db.raw(
            """
            SELECT r.id, r.related_person_id, r.kind, r.lives_with, r.important_to_me, p.given_name, p.family_name, p.preferred_name
            FROM relationships r JOIN people p ON p.id = r.related_person_id
            WHERE r.person_id = \(bind: personId) AND r.ended_on IS NULL AND p.merged_into_id IS NULL
            ORDER BY r.kind, p.family_name, p.given_name
            """
        ).all().map { row in
            let given = try row.decode(column: "given_name", as: String.self)
            return RelationshipLine(
                id: try row.decode(column: "id", as: UUID.self),
                personId: try row.decode(column: "related_person_id", as: UUID.self),
                name:
                    "\(try row.decode(column: "preferred_name", as: String?.self) ?? given) \(try row.decode(column: "family_name", as: String.self))",
                relationship: RelationshipLabels.label(try row.decode(column: "kind", as: String.self)),
                livesWith: try row.decode(column: "lives_with", as: Bool.self),
                importantToMe: try row.decode(column: "important_to_me", as: Bool.self))
        }
    }
}
