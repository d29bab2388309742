import Fluent
import HearthDomain
import SQLKit
import Vapor

struct NetworkPage: Encodable {
    var layout: Layout
    var person: PersonSummary
    var view: String
    var pictureURL: String
    var pictureAlt: String
    var table: TableView

    struct TableView: Encodable {
        var caption: String
        var columns: [String]
        var rows: [[Cell]]
    }

    struct Cell: Encodable {
        var text: String
        var isHeader: Bool
    }
}

/// A person's network drawn as an ecomap or genogram, with a table that says the same in words.
enum NetworkController {
    static func picture(for personId: UUID, view: String, on db: any Database) async throws -> RenderedPicture {
        let (focus, members) = try await members(of: personId, on: db.sql)
        guard view == "genogram" else { return NetworkPicture.ecomap(focus: focus, members: members) }
        let relationships = try await relationships(among: members.map(\.id), on: db.sql)
        return NetworkPicture.genogram(focus: focus, members: members, relationships: relationships)
    }

    static func page(req: Request) async throws -> View {
        let personId = try req.uuidParameter("personId")
        let view = req.query[String.self, at: "view"] == "genogram" ? "genogram" : "ecomap"
        let page: NetworkPage = try await PersonAccess.load(personId, for: .view, req, detail: "network \(view)") {
            granted, db in
            let picture = try await picture(for: personId, view: view, on: db)
            let table = picture.textAlternative
            return NetworkPage(
                layout: Layout(req, title: view == "genogram" ? "Genogram" : "Ecomap"),
                person: try PersonSummary(granted.person),
                view: view, pictureURL: "/people/\(personId.uuidString.lowercased())/network.svg?view=\(view)",
                pictureAlt: picture.altText,
                table: .init(
                    caption: table.caption, columns: table.columns,
                    rows: table.rows.map { row in
                        row.enumerated().map {
                            NetworkPage.Cell(text: $0.element, isHeader: $0.offset == table.rowHeaderColumn)
                        }
                    }))
        }
        return try await req.view.render("people/network", page)
    }

    /// The picture itself, as an image the page embeds.
    static func svg(req: Request) async throws -> Response {
        let personId = try req.uuidParameter("personId")
        let view = req.query[String.self, at: "view"] == "genogram" ? "genogram" : "ecomap"
        let svg = try await PersonAccess.load(personId, for: .view, req, detail: "network picture") { _, db in
            try await picture(for: personId, view: view, on: db).svg
        }
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "image", subType: "svg+xml")
        return Response(status: .ok, headers: headers, body: .init(string: svg))
    }

    static func members(of personId: UUID, on db: any SQLDatabase) async throws -> (NetworkFocus, [NetworkMember]) {
        func sex(_ code: String?) -> NetworkMember.Sex { code == "F" ? .female : code == "M" ? .male : .unknown }
        func year(_ date: String?) -> Int? { date.flatMap { Int($0.prefix(4)) } }
        let rows = try await db.raw(
            """
            SELECT p.id, p.given_name, p.family_name, p.preferred_name, p.sex, p.date_of_birth, NULL AS kind,
              NULL AS lives_with, NULL AS important_to_me, 0 AS position
            FROM people p WHERE p.id = \(bind: personId)
            UNION ALL
            SELECT p.id, p.given_name, p.family_name, p.preferred_name, p.sex, p.date_of_birth, r.kind, r.lives_with,
              r.important_to_me, 1
            FROM relationships r JOIN people p ON p.id = r.related_person_id
            WHERE r.person_id = \(bind: personId) AND r.ended_on IS NULL AND p.merged_into_id IS NULL
            ORDER BY position
            """
        ).all()
        var focus = NetworkFocus(id: personId, displayName: "")
        var members: [NetworkMember] = []
        for row in rows {
            let id = try row.decode(column: "id", as: UUID.self)
            let given =
                try row.decode(column: "preferred_name", as: String?.self)
                ?? row.decode(column: "given_name", as: String.self)
            let name = "\(given) \(try row.decode(column: "family_name", as: String.self))"
            let personSex = sex(try row.decode(column: "sex", as: String?.self))
            let born = year(try row.decode(column: "date_of_birth", as: String?.self))
            guard let kindCode = try row.decode(column: "kind", as: String?.self) else {
                focus = NetworkFocus(id: id, displayName: name, shortName: given, sex: personSex, birthYear: born)
                continue
            }
            let kind = RelationshipKind(rawValue: kindCode) ?? .other
            members.append(
                NetworkMember(
                    id: id, displayName: name, kind: kind, relationship: RelationshipLabels.label(kindCode),
                    livesWith: try row.decode(column: "lives_with", as: Bool?.self) ?? false,
                    importantToMe: try row.decode(column: "important_to_me", as: Bool?.self) ?? false, sex: personSex,
                    birthYear: born))
        }
        return (focus, members)
    }

    /// The relationships recorded between members of the network, from which the genogram joins a parent
    /// to their partner and a child to both parents: the focus person's own relationships say only how
    /// each member is related to them.
    static func relationships(among ids: [UUID], on db: any SQLDatabase) async throws -> [MemberRelationship] {
        guard !ids.isEmpty else { return [] }
        let rows = try await db.raw(
            """
            SELECT person_id, kind, related_person_id FROM relationships
            WHERE person_id IN (\(binds: ids)) AND related_person_id IN (\(binds: ids)) AND ended_on IS NULL
            """
        ).all()
        return try rows.compactMap { row in
            // A kind the domain has no case for (a step-child, say) links no one in a genogram.
            guard let kind = RelationshipKind(rawValue: try row.decode(column: "kind", as: String.self)) else {
                return nil
            }
            return MemberRelationship(
                personId: try row.decode(column: "person_id", as: UUID.self), kind: kind,
                relatedPersonId: try row.decode(column: "related_person_id", as: UUID.self))
        }
    }
}
