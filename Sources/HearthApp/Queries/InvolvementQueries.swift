import Foundation
import HearthDomain
import SQLKit

enum InvolvementQueries {
    /// Open involvements a person is a subject of, as choices for a form.
    static func open(forPerson personId: UUID, on db: any SQLDatabase) async throws -> [CodedOption] {
        let rows = try await db.raw(
            """
            SELECT i.id, i.service, i.started_on FROM involvements i
            JOIN involvement_subjects s ON s.involvement_id = i.id
            WHERE s.person_id = \(bind: personId) AND i.ended_on IS NULL
            ORDER BY i.started_on DESC
            """
        ).all()
        return try rows.map { row in
            let service = try row.decode(column: "service", as: String.self)
            return CodedOption(
                try row.decode(column: "id", as: UUID.self).uuidString,
                "\(Vocabulary.services.label(for: service) ?? service), since \(DisplayFormat.calendarDate(try row.decode(column: "started_on", as: String.self)))"
            )
        }
    }
}
