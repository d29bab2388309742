import Fluent
import Foundation
import HearthDomain
import SQLKit

/// Person search and duplicate detection over precomputed keys (`person_search_keys`), never a scan:
/// the query's keys find a bounded set of candidates through an index, and only those are scored.
enum PersonSearch {
    struct Result: Sendable {
        var personId: UUID
        var facts: PersonFacts
        var match: PersonMatch
    }

    struct Outcome: Sendable {
        /// Matches the user may open, best first.
        var results: [Result]
        /// True when a likely match exists that the user may not open: they are told to ask, never shown.
        var hiddenMatchExists: Bool
    }

    static let candidateLimit = 200
    /// Below this a candidate shared only a fragment of a name: listing it would bury the real matches.
    static let minimumScore = 25
    /// A hidden record this close to the query is worth telling the user about.
    static let hiddenMatchThreshold = 60

    // MARK: Index

    /// Rebuilds the keys of the given people from their current facts.
    static func reindex(_ personIds: [UUID], on db: any SQLDatabase) async throws {
        guard !personIds.isEmpty else { return }
        let facts = try await self.facts(for: personIds, on: db)
        // How many people share each key moves with the keys: the old ones count down, the new up.
        var delta: [SearchKey: Int] = [:]
        for row in try await db.raw(
            "SELECT kind, value FROM person_search_keys WHERE person_id IN (\(binds: personIds))"
        ).all() {
            if let kind = SearchKeyKind(rawValue: try row.decode(column: "kind", as: String.self)) {
                delta[SearchKey(kind, try row.decode(column: "value", as: String.self)), default: 0] -= 1
            }
        }
        try await db.delete(from: "person_search_keys").where("person_id", .in, personIds).run()
        var rows: [(UUID, SearchKey)] = []
        for (id, personFacts) in facts {
            for key in PersonSearchKeys.keys(for: personFacts) {
                rows.append((id, key))
                delta[key, default: 0] += 1
            }
        }
        try await adjustCounts(delta.filter { $0.value != 0 }, on: db)
        // Batches keep each statement well under the drivers' bind limits.
        for start in stride(from: 0, to: rows.count, by: 200) {
            var insert = db.insert(into: "person_search_keys").columns("id", "person_id", "kind", "value")
            for (id, key) in rows[start..<min(start + 200, rows.count)] {
                let values: [any Encodable & Sendable] = [UUID(), id, key.kind.rawValue, key.value]
                insert = insert.values(values)
            }
            try await insert.run()
        }
    }

    /// Adds to (or takes from) the number of people sharing each key.
    static func adjustCounts(_ delta: [SearchKey: Int], on db: any SQLDatabase) async throws {
        let changes = delta.sorted { ($0.key.kind.rawValue, $0.key.value) < ($1.key.kind.rawValue, $1.key.value) }
        for start in stride(from: 0, to: changes.count, by: 300) {
            var values: SQLQueryString = ""
            for (index, change) in changes[start..<min(start + 300, changes.count)].enumerated() {
                if index > 0 { values += ", " }
                values += "(\(bind: change.key.kind.rawValue), \(bind: change.key.value), \(bind: change.value))"
            }
            try await db.raw(
                """
                INSERT INTO person_search_key_counts (kind, value, n) VALUES \(values)
                ON CONFLICT (kind, value) DO UPDATE SET n = person_search_key_counts.n + excluded.n
                """
            ).run()
        }
    }

    /// The facts search and duplicate checks compare, for many people in three queries.
    static func facts(for ids: [UUID], on db: any SQLDatabase) async throws -> [UUID: PersonFacts] {
        guard !ids.isEmpty else { return [:] }
        var result: [UUID: PersonFacts] = [:]
        for row in try await db.raw(
            """
            SELECT id, given_name, family_name, preferred_name, date_of_birth, nhs_number, upn, uln FROM people
            WHERE id IN (\(binds: ids)) AND merged_into_id IS NULL
            """
        ).all() {
            let id = try row.decode(column: "id", as: UUID.self)
            let given = try row.decode(column: "given_name", as: String.self)
            let family = try row.decode(column: "family_name", as: String.self)
            var names = [KnownName(given: given, family: family, kind: .legal)]
            if let preferred = try row.decode(column: "preferred_name", as: String?.self), !preferred.isEmpty {
                names.append(KnownName(given: preferred, family: family, kind: .preferred))
            }
            result[id] = PersonFacts(
                id: id, names: names,
                dateOfBirth: try row.decode(column: "date_of_birth", as: String?.self).flatMap {
                    CalendarDate(iso: $0)
                },
                nhsNumber: try row.decode(column: "nhs_number", as: String?.self).flatMap {
                    try? NHSNumber(validating: $0)
                },
                upn: try row.decode(column: "upn", as: String?.self).flatMap { try? UniquePupilNumber(validating: $0) },
                uln: try row.decode(column: "uln", as: String?.self).flatMap {
                    try? UniqueLearnerNumber(validating: $0)
                })
        }
        for row in try await db.raw("SELECT person_id, kind, name FROM person_names WHERE person_id IN (\(binds: ids))")
            .all()
        {
            let id = try row.decode(column: "person_id", as: UUID.self)
            let kind: KnownName.Kind =
                try row.decode(column: "kind", as: String.self) == "previous" ? .previous : .alias
            result[id]?.names.append(KnownName(fullName: try row.decode(column: "name", as: String.self), kind: kind))
        }
        for row in try await db.raw("SELECT person_id, postcode FROM addresses WHERE person_id IN (\(binds: ids))")
            .all()
        {
            let id = try row.decode(column: "person_id", as: UUID.self)
            if let postcode = try? UKPostcode(validating: try row.decode(column: "postcode", as: String.self)) {
                result[id]?.postcodes.append(postcode)
            }
        }
        return result
    }

    // MARK: Search

    /// The people sharing the most weight of keys with `keys`, excluding merged records.
    /// How many key rows one search reads at most (beyond the rarest key).
    static let keyRowBudget = 5_000

    static func candidates(sharing keys: Set<SearchKey>, on db: any SQLDatabase, excluding: UUID? = nil) async throws
        -> [UUID]
    {
        guard !keys.isEmpty else { return [] }
        let weight = SQLQueryString(
            "CASE k.kind "
                + SearchKeyKind.allCases.map { "WHEN '\($0.rawValue)' THEN \($0.retrievalWeight)" }.joined(
                    separator: " ")
                + " ELSE 0 END")
        // The keys as a table of their own, so each is found through the counts' primary key: an OR of
        // conditions made SQLite scan every count.
        var wanted: SQLQueryString = ""
        for (index, key) in keys.sorted().enumerated() {
            if index > 0 { wanted += ", " }
            wanted += "(\(bind: key.kind.rawValue), \(bind: key.value))"
        }
        // The rarest keys first, as many as fit a budget of rows: a key half the county shares (a
        // common trigram) says little and would cost a scan of half the county. At least the rarest
        // key is always read.
        let rows = try await db.raw(
            """
            SELECT k.person_id, SUM(\(weight)) AS weight
            FROM (SELECT kind, value FROM (
                    SELECT c.kind, c.value, c.n, SUM(c.n) OVER (ORDER BY c.n, c.kind, c.value) AS running
                    FROM (VALUES \(wanted)) AS wanted
                    CROSS JOIN person_search_key_counts c
                    WHERE c.kind = wanted.column1 AND c.value = wanted.column2 AND c.n > 0) AS ranked
                  WHERE running - n < \(literal: keyRowBudget)) AS chosen
            CROSS JOIN person_search_keys k
            WHERE k.kind = chosen.kind AND k.value = chosen.value
            GROUP BY k.person_id ORDER BY weight DESC LIMIT \(literal: candidateLimit)
            """
        ).all()
        return try rows.map { try $0.decode(column: "person_id", as: UUID.self) }.filter { $0 != excluding }
    }

    static func search(_ query: PersonQuery, scope: PersonVisibilityScope, on db: any SQLDatabase, limit: Int = 25)
        async throws
        -> Outcome
    {
        let ids = try await candidates(sharing: PersonSearchKeys.keys(for: query), on: db)
        let facts = try await self.facts(for: ids, on: db)
        let ranked = PersonMatcher().rank(query: query, candidates: Array(facts.values))
        let visible = try await PeopleQueries.visibleIds(among: ids, scope, on: db)
        var results: [Result] = []
        var hidden = false
        // A search by postcode or date alone scores low by design; the floor is for names.
        let floor = query.nameTokens.isEmpty ? 1 : minimumScore
        for entry in ranked where entry.match.score >= floor {
            guard let id = entry.person.id else { continue }
            if visible.contains(id) {
                if results.count < limit {
                    results.append(Result(personId: id, facts: entry.person, match: entry.match))
                }
            } else if entry.match.score >= hiddenMatchThreshold {
                hidden = true
            }
        }
        return Outcome(results: results, hiddenMatchExists: hidden)
    }

    /// Likely duplicates of a person about to be created (or of an existing one, `excluding` itself).
    static func duplicates(
        of person: PersonFacts, scope: PersonVisibilityScope, on db: any SQLDatabase, excluding: UUID? = nil
    )
        async throws -> Outcome
    {
        let ids = try await candidates(sharing: Set(PersonSearchKeys.keys(for: person)), on: db, excluding: excluding)
        let facts = try await self.facts(for: ids, on: db)
        let likely = DuplicateCheck().likelyDuplicates(of: person, among: Array(facts.values))
        let visible = try await PeopleQueries.visibleIds(among: ids, scope, on: db)
        return Outcome(
            results: likely.compactMap { entry in
                guard let id = entry.person.id, visible.contains(id) else { return nil }
                return Result(personId: id, facts: entry.person, match: entry.match)
            },
            hiddenMatchExists: likely.contains { $0.person.id.map { !visible.contains($0) } ?? false })
    }
}
