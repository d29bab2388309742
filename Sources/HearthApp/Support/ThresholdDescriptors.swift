import Fluent
import Foundation
import HearthDomain
import SQLKit

/// A level of need with the organisation's descriptor: what the level means locally, shown beside every
/// choice of level so the judgement is made against the local thresholds, not from memory.
struct LevelChoice: Encodable, Sendable {
    var code: String
    var label: String
    var descriptor: String
    var isSelected: Bool
}

enum ThresholdDescriptors {
    /// Hearth's starting text, until an organisation writes its own.
    static let defaults: [Int: String] = [
        1: "Needs are met by universal services: school, the GP, health visiting, youth and community provision.",
        2:
            "Additional needs that one or two services, working with the family and with consent, can meet through early help.",
        3:
            "Complex needs across several areas of the child’s life that need a coordinated multi-agency plan with a lead practitioner.",
        4:
            "Acute needs or risk of significant harm: a referral to children’s social care under section 17 or section 47.",
    ]

    static func all(on db: any SQLDatabase) async throws -> [Int: String] {
        var descriptors = defaults
        for row in try await db.raw("SELECT level, text FROM threshold_descriptors").all() {
            descriptors[try row.decode(column: "level", as: Int.self)] = try row.decode(column: "text", as: String.self)
        }
        return descriptors
    }

    /// The levels as choices, each with its descriptor, `selected` marked.
    static func choices(_ descriptors: [Int: String], selected: String?) -> [LevelChoice] {
        Vocabulary.needLevels.map {
            LevelChoice(
                code: $0.code, label: $0.label, descriptor: Int($0.code).flatMap { descriptors[$0] } ?? "",
                isSelected: $0.code == selected)
        }
    }

    /// Replaces the descriptor for `level`, keeping one row per level.
    static func save(level: Int, text: String, by userId: UUID, on db: any Database) async throws {
        let existing = try await ThresholdDescriptor.query(on: db).filter(\.$level == level).first()
        let row = existing ?? ThresholdDescriptor()
        row.level = level
        row.text = text
        row.updatedAt = Date()
        row.updatedBy = userId
        try await row.save(on: db)
    }
}
