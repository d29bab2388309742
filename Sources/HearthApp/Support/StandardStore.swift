import Fluent
import Foundation
import HearthDomain
import SQLKit

/// Loading an apprenticeship standard from its file into the database, and reading its items.
enum StandardStore {
    struct LoadError: Error, CustomStringConvertible {
        var description: String
    }

    /// Loads a standard from JSON in the shape of `standards/ST0088.json`. The same reference and version
    /// loaded twice is refused rather than duplicated; a new version sits beside the old one, since
    /// apprentices stay on the version they started.
    @discardableResult
    static func load(json: Data, on db: any Database) async throws -> UUID {
        let standard = try Standard.load(json: json)
        let existing = try await db.sql.raw(
            "SELECT id, version FROM standards WHERE reference = \(bind: standard.reference)"
        ).all()
        if try existing.contains(where: { try $0.decode(column: "version", as: String?.self) == standard.version }) {
            throw LoadError(
                description: "\(standard.reference) version \(standard.version ?? "(none)") is already loaded")
        }
        let id = UUID()
        try await db.sql.insert(into: "standards")
            .columns("id", "reference", "version", "title", "numbering", "document", "loaded_at")
            .values(
                SQLBind(id), SQLBind(standard.reference), SQLBind(standard.version), SQLBind(standard.title),
                SQLBind(standard.numbering), SQLBind(String(decoding: json, as: UTF8.self)), SQLBind(Date())
            )
            .run()
        for (position, item) in standard.items.enumerated() {
            try await db.sql.insert(into: "standard_items")
                .columns("id", "standard_id", "position", "code", "kind", "option", "statement", "text")
                .values(
                    SQLBind(UUID()), SQLBind(id), SQLBind(position), SQLBind(item.code), SQLBind(item.kind.rawValue),
                    SQLBind(item.option?.rawValue), SQLBind(item.statement), SQLBind(item.text)
                )
                .run()
        }
        return id
    }

    struct Item: Codable, Sendable, Equatable {
        var code: String
        var kind: String
        var option: String?
        var text: String

        /// `option` is written as null for the core, not left out: integrations test for null.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(code, forKey: .code)
            try container.encode(kind, forKey: .kind)
            try container.encode(option, forKey: .option)
            try container.encode(text, forKey: .text)
        }
    }

    /// The standard's id and items, latest version of `reference`.
    static func items(reference: String, on db: any SQLDatabase) async throws -> (UUID, [Item])? {
        guard
            let standard = try await db.raw(
                "SELECT id FROM standards WHERE reference = \(bind: reference) ORDER BY loaded_at DESC LIMIT 1"
            ).first()
        else { return nil }
        let id = try standard.decode(column: "id", as: UUID.self)
        return (id, try await items(standardId: id, on: db))
    }

    static func items(standardId: UUID, on db: any SQLDatabase) async throws -> [Item] {
        try await db.raw(
            "SELECT code, kind, option, text FROM standard_items WHERE standard_id = \(bind: standardId) ORDER BY position"
        ).all().map {
            Item(
                code: try $0.decode(column: "code", as: String.self),
                kind: try $0.decode(column: "kind", as: String.self),
                option: try $0.decode(column: "option", as: String?.self),
                text: try $0.decode(column: "text", as: String.self))
        }
    }
}
