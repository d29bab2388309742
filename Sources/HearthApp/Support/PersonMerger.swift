import Fluent
import Foundation
import HearthDomain
import SQLKit

/// Merging a duplicate person record into the one that survives, and undoing it.
///
/// Every row that pointed at the duplicate is moved to the survivor, and the ids of what moved are kept
/// in `person_merges.moved`, so undo moves exactly those rows back. A row that would break a unique
/// rule on the survivor (both in the same family, say) stays with the duplicate, hidden with it.
enum PersonMerger {
    /// The person columns that move, as (table, column).
    static let references: [(String, String)] = [
        ("allocations", "person_id"), ("person_names", "person_id"), ("addresses", "person_id"),
        ("family_members", "person_id"), ("relationships", "person_id"), ("relationships", "related_person_id"),
        ("involvement_subjects", "person_id"), ("recording_subjects", "person_id"),
        ("recording_quotes", "speaker_person_id"), ("chronology_notes", "person_id"),
        ("person_named_users", "person_id"),
        ("access_grants", "person_id"),
    ]

    /// For tables with a unique rule involving the person, the other column of that rule.
    static let uniqueWith: [String: String] = [
        "family_members": "family_id", "involvement_subjects": "involvement_id", "recording_subjects": "recording_id",
        "person_named_users": "user_id",
    ]

    struct Moved: Codable {
        /// "table.column" to the ids of the rows moved.
        var rows: [String: [UUID]] = [:]
        /// The duplicate's name, added to the survivor as another name.
        var addedNameId: UUID?
    }

    static func merge(_ mergedId: UUID, into survivorId: UUID, by userId: UUID, on db: any Database) async throws
        -> UUID
    {
        let sql = db.sql
        var moved = Moved()
        for (table, column) in references {
            var query: SQLQueryString = "SELECT id FROM \(ident: table) t WHERE \(ident: column) = \(bind: mergedId)"
            if let other = uniqueWith[table] {
                query += """
                     AND NOT EXISTS (SELECT 1 FROM \(ident: table) s WHERE s.\(ident: column) = \(bind: survivorId)
                      AND s.\(ident: other) = t.\(ident: other))
                    """
            }
            if table == "relationships" {
                // A relationship between the two records themselves has no meaning once they are one.
                let otherColumn = column == "person_id" ? "related_person_id" : "person_id"
                query += " AND \(ident: otherColumn) <> \(bind: survivorId)"
            }
            let ids = try await sql.raw(query).all().map { try $0.decode(column: "id", as: UUID.self) }
            guard !ids.isEmpty else { continue }
            try await sql.update(table).set(column, to: survivorId).where("id", .in, ids).run()
            moved.rows["\(table).\(column)"] = ids
        }
        guard let merged = try await Person.find(mergedId, on: db),
            let survivor = try await Person.find(survivorId, on: db)
        else { throw MergeProblem.missing }
        if merged.givenName != survivor.givenName || merged.familyName != survivor.familyName {
            let name = PersonName(
                personId: survivorId, kind: "alias", name: "\(merged.givenName) \(merged.familyName)", position: 99)
            try await name.create(on: db)
            moved.addedNameId = name.id
        }
        merged.mergedIntoId = survivorId
        merged.version += 1
        try await merged.save(on: db)
        let record = PersonMerge()
        record.$survivor.id = survivorId
        record.$merged.id = mergedId
        record.moved = String(decoding: try JSONEncoder().encode(moved), as: UTF8.self)
        record.mergedBy = userId
        record.mergedAt = Date()
        try await record.create(on: db)
        try await PersonSearch.reindex([survivorId, mergedId], on: sql)
        return try record.requireID()
    }

    static func undo(_ merge: PersonMerge, by userId: UUID, on db: any Database) async throws {
        let sql = db.sql
        let moved = try JSONDecoder().decode(Moved.self, from: Data(merge.moved.utf8))
        for (key, ids) in moved.rows {
            let parts = key.split(separator: ".").map(String.init)
            try await sql.update(parts[0]).set(parts[1], to: merge.$merged.id).where("id", .in, ids).run()
        }
        if let nameId = moved.addedNameId { try await PersonName.query(on: db).filter(\.$id == nameId).delete() }
        guard let merged = try await Person.find(merge.$merged.id, on: db) else { throw MergeProblem.missing }
        merged.mergedIntoId = nil
        merged.version += 1
        try await merged.save(on: db)
        merge.undoneAt = Date()
        merge.undoneBy = userId
        try await merge.save(on: db)
        try await PersonSearch.reindex([merge.$survivor.id, merge.$merged.id], on: sql)
    }

    enum MergeProblem: Error {
        case missing
    }
}
