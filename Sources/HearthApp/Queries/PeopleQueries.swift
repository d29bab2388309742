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
    /// The people a user may see, by the visibility scope: a list shows a person exactly when the
    /// policy would let the user open their page. One query, whatever the caseload.
    ///
    /// With `includingBreakGlass`, restricted records the user could open by breaking the glass are
    /// listed too, last, with their details blanked, so the team knows they are there.
    static func visible(
        _ scope: PersonVisibilityScope, on db: any SQLDatabase, includingBreakGlass: Bool = false, limit: Int = 500
    ) async throws -> [PersonSummary] {
        guard !scope.isEmpty else { return [] }
        let now = Date()
        var related: SQLQueryString = "1 = 0"
        if let userId = scope.allocatedUserId { related += " OR a.user_id = \(bind: userId)" }
        if !scope.teamIds.isEmpty { related += " OR a.team_id IN (\(binds: Array(scope.teamIds)))" }
        let ordinary: SQLQueryString =
            scope.seesAllUnrestricted
            ? "1 = 1"
            : """
            EXISTS (SELECT 1 FROM allocations a WHERE a.person_id = p.id
              AND (a.ends_on IS NULL OR a.ends_on > \(bind: now)) AND (\(related)))
            """
        // Mirrors PersonAccessPolicy: naming a user on a restricted record counts as allocating it to them
        // (for users with a practice role, or safeguarding leads); a break-glass grant opens it to a user
        // the ordinary rules would have let in.
        let named: SQLQueryString =
            (scope.allocatedUserId != nil || scope.seesAllUnrestricted)
            ? "EXISTS (SELECT 1 FROM person_named_users n WHERE n.person_id = p.id AND n.user_id = \(bind: scope.userId))"
            : "1 = 0"
        let opened: SQLQueryString = """
            ((\(named)) OR EXISTS (SELECT 1 FROM access_grants g WHERE g.person_id = p.id
              AND g.user_id = \(bind: scope.userId) AND g.expires_at > \(bind: now)))
            """
        let breakGlass: SQLQueryString =
            includingBreakGlass ? "OR (p.is_restricted = \(bind: true) AND (\(ordinary)))" : ""
        let query: SQLQueryString = """
            SELECT p.id, p.given_name, p.family_name, p.date_of_birth, p.is_restricted,
              CASE WHEN p.is_restricted = \(bind: true) AND NOT \(opened) THEN 1 ELSE 0 END AS hidden
            FROM people p
            WHERE (p.is_restricted = \(bind: false) AND (\(ordinary)))
               OR (p.is_restricted = \(bind: true) AND ((\(named)) OR ((\(ordinary)) AND \(opened))))
               \(breakGlass)
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
