import Fluent
import HearthDomain
import SQLKit
import Vapor

struct MergePage: Encodable {
    var layout: Layout
    var survivor: PersonSummary
    var merged: PersonSummary
    var movingCounts: [String]
}

/// A manager merges a duplicate record into the one that survives; the merge can be undone.
///
/// Only a manager of the team the record is allocated to (the policy grants edit through a manager
/// role) may merge, and they must be able to change both records.
enum MergeController {
    struct Form: Content {
        var other: String?
    }

    static func isManager(_ role: Role) -> Bool { Role.managerRoles.contains(role) }

    /// Loads the other record inside the gate's transaction, refusing unless the same manager may
    /// change it too.
    static func other(_ id: UUID?, actor: Actor, on db: any Database) async throws -> Person {
        guard let id, let person = try await Person.find(id, on: db), person.mergedIntoId == nil else {
            throw Abort(.notFound)
        }
        let facts = try await PersonAccess.loadFacts(personId: id, on: db.sql)
        guard case .allowed(let role) = PersonAccess.policy.decide(actor, .edit, facts), isManager(role) else {
            throw Abort(.notFound)
        }
        return person
    }

    static func confirm(req: Request) async throws -> View {
        let survivorId = try req.uuidParameter("personId")
        let otherId = req.query[String.self, at: "other"].flatMap(UUID.init(uuidString:))
        guard otherId != survivorId else { throw Abort(.notFound) }
        let actor = try req.requireUser().actor
        let page: MergePage = try await PersonAccess.load(survivorId, for: .edit, req, detail: "merge preview") {
            granted, db in
            guard isManager(granted.role) else {
                throw Abort(.forbidden, reason: "Only a manager of the team can merge records.")
            }
            let merged = try await other(otherId, actor: actor, on: db)
            var counts: [String] = []
            for (table, label) in [
                ("recording_subjects", "recordings"), ("involvement_subjects", "involvements"),
                ("addresses", "addresses"), ("relationships", "relationships"),
            ] {
                let n = try await db.sql.raw(
                    "SELECT COUNT(*) AS n FROM \(ident: table) WHERE person_id = \(bind: try merged.requireID())"
                )
                .first()!.decode(column: "n", as: Int.self)
                if n > 0 { counts.append("\(n) \(label)") }
            }
            return MergePage(
                layout: Layout(req, title: "Merge two records"), survivor: try PersonSummary(granted.person),
                merged: try PersonSummary(merged), movingCounts: counts)
        }
        return try await req.view.render("people/merge", page)
    }

    static func merge(req: Request) async throws -> Response {
        let survivorId = try req.uuidParameter("personId")
        let otherId = try req.content.decode(Form.self).other.flatMap(UUID.init(uuidString:))
        guard otherId != survivorId else { throw Abort(.notFound) }
        let user = try req.requireUser()
        try await PersonAccess.load(
            survivorId, for: .edit, audit: .update, req,
            detail: "merged person:\(otherId?.uuidString.lowercased() ?? "") into this record"
        ) {
            granted, db in
            guard isManager(granted.role) else {
                throw Abort(.forbidden, reason: "Only a manager of the team can merge records.")
            }
            let merged = try await other(otherId, actor: user.actor, on: db)
            _ = try await PersonMerger.merge(try merged.requireID(), into: survivorId, by: user.id, on: db)
            try await Audit.record(
                on: db, req, action: .update, subject: .person(merged.id), role: granted.role,
                detail: "merged into person:\(survivorId.uuidString.lowercased())")
        }
        return req.redirect(to: "/people/\(survivorId.uuidString.lowercased())?merged=1")
    }

    static func undo(req: Request) async throws -> Response {
        let survivorId = try req.uuidParameter("personId")
        let mergeId = try req.uuidParameter("mergeId")
        let user = try req.requireUser()
        try await PersonAccess.load(survivorId, for: .edit, audit: .update, req, detail: "merge undone") {
            granted, db in
            guard isManager(granted.role) else {
                throw Abort(.forbidden, reason: "Only a manager of the team can undo a merge.")
            }
            guard
                let merge = try await PersonMerge.query(on: db).filter(\.$id == mergeId)
                    .filter(\.$survivor.$id == survivorId).filter(\.$undoneAt == nil).first()
            else { throw Abort(.notFound) }
            try await PersonMerger.undo(merge, by: user.id, on: db)
            try await Audit.record(
                on: db, req, action: .update, subject: .person(merge.$merged.id), role: granted.role,
                detail: "merge into person:\(survivorId.uuidString.lowercased()) undone")
        }
        return req.redirect(to: "/people/\(survivorId.uuidString.lowercased())?unmerged=1")
    }
}

extension PersonPageQueries {
    struct MergeLine: Encodable, Sendable {
        var id: UUID
        var mergedName: String
        var at: String
    }

    /// Merges into this person that can still be undone.
    static func merges(into personId: UUID, on db: any SQLDatabase) async throws -> [MergeLine] {
        try await db.raw(
            """
            SELECT m.id, m.merged_at, p.given_name, p.family_name FROM person_merges m JOIN people p ON p.id = m.merged_id
            WHERE m.survivor_id = \(bind: personId) AND m.undone_at IS NULL ORDER BY m.merged_at DESC
            """
        ).all().map {
            MergeLine(
                id: try $0.decode(column: "id", as: UUID.self),
                mergedName:
                    "\(try $0.decode(column: "given_name", as: String.self)) \(try $0.decode(column: "family_name", as: String.self))",
                at: DisplayFormat.dateTime(try $0.decode(column: "merged_at", as: Date.self)))
        }
    }
}
