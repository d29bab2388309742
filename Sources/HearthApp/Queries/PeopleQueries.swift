import Foundation
import HearthDomain
import SQLKit

/// A person as lists show them.
struct PersonSummary: Codable, Sendable {
    var id: UUID
    var givenName: String
    var familyName: String
    var dateOfBirth: String?
    var isRestricted: Bool
    /// A restricted record the user may only open by breaking the glass: its details are blanked.
    var isHiddenFromYou = false
}

enum PeopleQueries {
    /// The SQL condition "the user may open person `p`", for any query that aliases people as `p`.
    /// It mirrors PersonAccessPolicy for viewing: a list shows a person exactly when the policy would
    /// let the user open their page. Naming a user on a restricted record counts as allocating it to
    /// them (for users with a practice role, or safeguarding leads); a break-glass grant opens it to a
    /// user the ordinary rules would have let in.
    static func visibilityCondition(_ scope: PersonVisibilityScope, now: Date = Date()) -> SQLQueryString {
        guard !scope.isEmpty else { return "1 = 0" }
        let ordinary = ordinaryCondition(scope, now: now)
        let opened = openedCondition(scope, now: now)
        return """
            ((p.is_restricted = \(bind: false) AND (\(ordinary)))
             OR (p.is_restricted = \(bind: true) AND (\(ordinary) OR \(namedCondition(scope))) AND \(opened)))
            """
    }

    /// The user's ordinary relation to `p`: allocated to them or their teams, or a safeguarding lead.
    private static func ordinaryCondition(_ scope: PersonVisibilityScope, now: Date) -> SQLQueryString {
        if scope.seesAllUnrestricted { return "(1 = 1)" }
        return """
            EXISTS (SELECT 1 FROM allocations a WHERE a.person_id = p.id
              AND (a.ends_on IS NULL OR a.ends_on > \(bind: now)) AND (\(allocatedInScope(scope))))
            """
    }

    /// Allocation `a` is to the user or one of their teams.
    private static func allocatedInScope(_ scope: PersonVisibilityScope) -> SQLQueryString {
        var related: SQLQueryString = "1 = 0"
        if let userId = scope.allocatedUserId { related += " OR a.user_id = \(bind: userId)" }
        if !scope.teamIds.isEmpty { related += " OR a.team_id IN (\(binds: Array(scope.teamIds)))" }
        return related
    }

    /// The people a user is related to: allocated now to them or their teams, or named on the record.
    /// Everyone `visibilityCondition` admits is among them, so a query can start from these few and ask
    /// the condition of them alone. Nil for a safeguarding lead, who may see every unrestricted record.
    static func relatedPeople(_ scope: PersonVisibilityScope, now: Date = Date()) -> SQLQueryString? {
        guard !scope.seesAllUnrestricted else { return nil }
        return """
            SELECT a.person_id FROM allocations a
              WHERE (a.ends_on IS NULL OR a.ends_on > \(bind: now)) AND (\(allocatedInScope(scope)))
            UNION SELECT n.person_id FROM person_named_users n WHERE n.user_id = \(bind: scope.userId)
            """
    }

    private static func namedCondition(_ scope: PersonVisibilityScope) -> SQLQueryString {
        guard scope.allocatedUserId != nil || scope.seesAllUnrestricted else { return "(1 = 0)" }
        return
            "EXISTS (SELECT 1 FROM person_named_users n WHERE n.person_id = p.id AND n.user_id = \(bind: scope.userId))"
    }

    /// A restricted record is open to the user when they are named on it or hold a live grant.
    private static func openedCondition(_ scope: PersonVisibilityScope, now: Date) -> SQLQueryString {
        """
        (\(namedCondition(scope)) OR EXISTS (SELECT 1 FROM access_grants g WHERE g.person_id = p.id
          AND g.user_id = \(bind: scope.userId) AND g.expires_at > \(bind: now)))
        """
    }

    /// The people a user may see. One query, whatever the caseload.
    ///
    /// With `includingBreakGlass`, restricted records the user could open by breaking the glass are
    /// listed too, last, with their details blanked, so the team knows they are there.
    static func visible(
        _ scope: PersonVisibilityScope, on db: any SQLDatabase, includingBreakGlass: Bool = false, limit: Int = 500
    ) async throws -> [PersonSummary] {
        guard !scope.isEmpty else { return [] }
        let now = Date()
        let breakGlass: SQLQueryString =
            includingBreakGlass
            ? "OR (p.is_restricted = \(bind: true) AND \(ordinaryCondition(scope, now: now)))" : ""
        // Everyone listed is among the people the user is related to (break-glass ones too): ask the
        // condition of those alone, not of the whole county.
        let startingFrom: SQLQueryString = relatedPeople(scope, now: now).map { "AND p.id IN (\($0))" } ?? ""
        let query: SQLQueryString = """
            SELECT p.id, p.given_name, p.family_name, p.date_of_birth, p.is_restricted,
              CASE WHEN p.is_restricted = \(bind: true) AND NOT \(openedCondition(scope, now: now)) THEN 1 ELSE 0 END
                AS hidden
            FROM people p
            WHERE p.merged_into_id IS NULL \(startingFrom) AND (\(visibilityCondition(scope, now: now)) \(breakGlass))
            ORDER BY hidden, p.family_name, p.given_name
            LIMIT \(literal: limit)
            """
        return try await db.raw(query).all().map { row in
            var summary = try decodeSummary(row)
            if try row.decode(column: "hidden", as: Int.self) == 1 {
                summary = PersonSummary(
                    id: summary.id, givenName: "", familyName: "", dateOfBirth: nil, isRestricted: true,
                    isHiddenFromYou: true)
            }
            return summary
        }
    }

    /// Which of `ids` the user may open: for linked people's events in a chronology, and search.
    static func visibleIds(among ids: [UUID], _ scope: PersonVisibilityScope, on db: any SQLDatabase) async throws
        -> Set<UUID>
    {
        guard !ids.isEmpty, !scope.isEmpty else { return [] }
        let rows = try await db.raw(
            """
            SELECT p.id FROM people p WHERE p.id IN (\(binds: ids)) AND \(visibilityCondition(scope))
            """
        ).all()
        return Set(try rows.map { try $0.decode(column: "id", as: UUID.self) })
    }

    static func decodeSummary(_ row: any SQLRow) throws -> PersonSummary {
        PersonSummary(
            id: try row.decode(column: "id", as: UUID.self),
            givenName: try row.decode(column: "given_name", as: String.self),
            familyName: try row.decode(column: "family_name", as: String.self),
            dateOfBirth: try row.decode(column: "date_of_birth", as: String?.self),
            isRestricted: try row.decode(column: "is_restricted", as: Bool.self))
    }

    struct AllocationLine: Codable, Sendable {
        var teamName: String?
        var userName: String?
    }

    /// Current allocations with team and worker names, for the person page.
    static func allocations(personId: UUID, on db: any SQLDatabase) async throws -> [AllocationLine] {
        try await db.raw(
            """
            SELECT t.name AS team_name, u.display_name AS user_name FROM allocations a
            LEFT JOIN teams t ON t.id = a.team_id LEFT JOIN users u ON u.id = a.user_id
            WHERE a.person_id = \(bind: personId) AND (a.ends_on IS NULL OR a.ends_on > \(bind: Date()))
            ORDER BY t.name
            """
        ).all().map {
            AllocationLine(
                teamName: try $0.decode(column: "team_name", as: String?.self),
                userName: try $0.decode(column: "user_name", as: String?.self))
        }
    }
}

extension PeopleQueries {
    /// Someone in a person's circle: the person, and the people related to them.
    struct CircleMember: Codable, Sendable {
        var id: UUID
        var name: String
        /// How they relate to the person ("Mother"), or nil for the person themself.
        var relationship: String?
    }

    /// The person and everyone related to them, in one query: who can be quoted, who a recording can
    /// also be about.
    static func circle(of personId: UUID, on db: any SQLDatabase) async throws -> [CircleMember] {
        let rows = try await db.raw(
            """
            SELECT p.id, p.given_name, p.family_name, p.preferred_name, NULL AS kind, 0 AS position FROM people p
              WHERE p.id = \(bind: personId)
            UNION ALL
            SELECT p.id, p.given_name, p.family_name, p.preferred_name, r.kind, 1 FROM relationships r
              JOIN people p ON p.id = r.related_person_id
              WHERE r.person_id = \(bind: personId) AND r.ended_on IS NULL AND p.merged_into_id IS NULL
            ORDER BY position, family_name, given_name
            """
        ).all()
        return try rows.map { row in
            let given = try row.decode(column: "given_name", as: String.self)
            let preferred = try row.decode(column: "preferred_name", as: String?.self)
            let family = try row.decode(column: "family_name", as: String.self)
            let kind = try row.decode(column: "kind", as: String?.self)
            return CircleMember(
                id: try row.decode(column: "id", as: UUID.self),
                name: "\(preferred ?? given) \(family)",
                relationship: kind.map(RelationshipLabels.label))
        }
    }
}

/// Words for relationship kinds as seen from the person.
enum RelationshipLabels {
    static func label(_ kind: String) -> String { codeInWords(kind) }
}
