import Foundation
import HearthDomain
import SQLKit

/// Full-text search over recordings the user may read: submitted ones (and their own drafts) whose every
/// subject is visible to them, the same rule `RecordingAccess` applies to one recording. One query.
enum RecordingSearch {
    struct Query: Sendable {
        var text: String
        var from: Date?
        var to: Date?
        var involvementId: UUID?
        var limit = 50
    }

    struct Hit: Sendable, Codable {
        struct Part: Sendable, Codable {
            var text: String
            var isMatch: Bool
        }

        var id: UUID
        var occurredAt: Date
        var kind: String
        var involvementId: UUID?
        var excerpt: [Part]
        /// Who the recording is about.
        var people: [String] = []
    }

    /// The words typed, as an FTS5 query: each word quoted (so nothing typed is read as syntax) and all
    /// required. Words match by their stem ("worried" finds "worry"), not as prefixes: a prefix query
    /// makes PostgreSQL recheck every matching row's whole text, seconds at county scale, and both engines
    /// must find the same recordings.
    static func ftsQuery(_ text: String) -> String? {
        let words = self.words(text)
        guard !words.isEmpty else { return nil }
        return words.map { "\"\($0)\"" }.joined(separator: " ")
    }

    /// The same words as a PostgreSQL `tsquery`: letters and digits only, so nothing is syntax.
    static func tsQuery(_ text: String) -> String? {
        let words = self.words(text)
        guard !words.isEmpty else { return nil }
        return words.joined(separator: " & ")
    }

    static func words(_ text: String) -> [String] {
        Array(text.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init).prefix(12))
    }

    static let startMark = "\u{2}"
    static let endMark = "\u{3}"

    static func search(_ query: Query, scope: PersonVisibilityScope, userId: UUID, on db: any SQLDatabase)
        async throws -> [Hit]
    {
        guard !scope.isEmpty, let fts = ftsQuery(query.text), let ts = tsQuery(query.text) else { return [] }
        var filters: SQLQueryString = "(r.status = \(bind: RecordingStatus.submitted) OR r.author_id = \(bind: userId))"
        if let from = query.from { filters += " AND r.occurred_at >= \(bind: from)" }
        if let to = query.to { filters += " AND r.occurred_at < \(bind: to)" }
        if let involvement = query.involvementId { filters += " AND r.involvement_id = \(bind: involvement)" }
        // A recording is readable only when every one of its people is. (Finding the people a user may
        // see first and checking matches against them was slower on SQLite: ADR 0012.)
        filters += """
             AND NOT EXISTS (SELECT 1 FROM recording_subjects rs JOIN people p ON p.id = rs.person_id
              WHERE rs.recording_id = r.id AND NOT (\(PeopleQueries.visibilityCondition(scope))))
            """
        let sql: SQLQueryString
        // Who each recording is about, in the same query.
        let people: SQLQueryString = """
            (SELECT \(unsafeRaw: db.dialect.name == "sqlite" ? "group_concat" : "string_agg")(
                p.given_name || ' ' || p.family_name, '|')
              FROM recording_subjects rs JOIN people p ON p.id = rs.person_id WHERE rs.recording_id = r.id) AS people
            """
        if db.dialect.name == "sqlite" {
            // The index is keyed by time (ADR 0012): matches come newest first, the dates are a range of
            // keys, and the walk stops at a page of recordings the user may read. A match that fails the
            // filters is judged from indexes (recordings_facts), never the recording's row.
            var keys: SQLQueryString = ""
            if let from = query.from {
                keys += " AND recordings_fts.rowid >= \(bind: RecordingSearchIndex.keyBefore(from))"
            }
            if let to = query.to { keys += " AND recordings_fts.rowid < \(bind: RecordingSearchIndex.keyAfter(to))" }
            sql = """
                SELECT r.id, r.occurred_at, r.kind, r.involvement_id, \(people),
                  snippet(recordings_fts, 0, \(bind: startMark), \(bind: endMark), '…', 24) AS excerpt
                FROM recordings_fts JOIN recording_search_keys k ON k.search_key = recordings_fts.rowid
                  JOIN recordings r INDEXED BY recordings_facts ON r.id = k.recording_id
                WHERE recordings_fts MATCH \(bind: fts)\(keys) AND \(filters)
                ORDER BY recordings_fts.rowid DESC LIMIT \(literal: query.limit)
                """
        } else {
            // The words' matches first, then the filters, as FTS5 does: left to itself the planner
            // intersects the text index with the date index, reading every recording in the date range
            // (three times slower at county scale). The headline is worked out only for the rows shown.
            sql = """
                WITH matched AS MATERIALIZED (
                  SELECT r.id, r.occurred_at, r.status, r.author_id, r.involvement_id FROM recordings r
                  WHERE r.note_search @@ to_tsquery('english', \(bind: ts)))
                SELECT r.id, r.occurred_at, r.kind, r.involvement_id, \(people),
                  ts_headline('english', r.note, q.query,
                    'StartSel=' || \(bind: startMark) || ', StopSel=' || \(bind: endMark) || ', MaxWords=30, MinWords=12')
                    AS excerpt
                FROM (SELECT r.id FROM matched r WHERE \(filters) ORDER BY r.occurred_at DESC LIMIT \(literal: query.limit))
                  AS found
                JOIN recordings r ON r.id = found.id, to_tsquery('english', \(bind: ts)) AS q(query)
                ORDER BY r.occurred_at DESC
                """
        }
        return try await db.raw(sql).all().map { row in
            Hit(
                id: try row.decode(column: "id", as: UUID.self),
                occurredAt: try row.decode(column: "occurred_at", as: Date.self),
                kind: try row.decode(column: "kind", as: String.self),
                involvementId: try row.decode(column: "involvement_id", as: UUID?.self),
                excerpt: parts(try row.decode(column: "excerpt", as: String?.self) ?? ""),
                people: (try row.decode(column: "people", as: String?.self) ?? "").split(separator: "|").map(
                    String.init
                )
                .sorted())
        }
    }

    /// Splits an excerpt at the match marks, so a template can mark the matches without raw HTML.
    static func parts(_ excerpt: String) -> [Hit.Part] {
        var parts: [Hit.Part] = []
        var rest = Substring(excerpt)
        while let start = rest.range(of: startMark) {
            if start.lowerBound > rest.startIndex {
                parts.append(.init(text: String(rest[..<start.lowerBound]), isMatch: false))
            }
            let after = rest[start.upperBound...]
            guard let end = after.range(of: endMark) else {
                parts.append(.init(text: String(after), isMatch: true))
                return parts
            }
            parts.append(.init(text: String(after[..<end.lowerBound]), isMatch: true))
            rest = after[end.upperBound...]
        }
        if !rest.isEmpty { parts.append(.init(text: String(rest), isMatch: false)) }
        return parts
    }
}
