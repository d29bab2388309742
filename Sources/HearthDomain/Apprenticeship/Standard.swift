import Foundation

/// What an item of a standard is. A string-backed struct rather than an enum so that a standard file
/// with a misspelt kind still decodes and `Standard.problems()` can say which item is wrong and why,
/// instead of a bare decoding error.
public struct StandardItemKind: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let knowledge = StandardItemKind(rawValue: "knowledge")
    public static let skill = StandardItemKind(rawValue: "skill")
    public static let behaviour = StandardItemKind(rawValue: "behaviour")
    public static let allowed: [StandardItemKind] = [.knowledge, .skill, .behaviour]

    /// The letter Hearth's codes start with: K, S or B.
    public var codePrefix: String? {
        switch self {
        case .knowledge: "K"
        case .skill: "S"
        case .behaviour: "B"
        default: nil
        }
    }

    public var description: String { rawValue }
}

/// Which option of a standard an item belongs to; core items have none.
public struct StandardOption: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let residential = StandardOption(rawValue: "residential")
    public static let community = StandardOption(rawValue: "community")
    public static let allowed: [StandardOption] = [.residential, .community]

    public var description: String { rawValue }
}

/// One knowledge, skill or behaviour item of a standard.
public struct StandardItem: Sendable, Hashable, Codable {
    /// Hearth's code ("K1", "S17", "B3"): the standard publishes none, so items are numbered by position.
    public var code: String
    public var kind: StandardItemKind
    /// Nil for the core.
    public var option: StandardOption?
    public var text: String
    /// The number (1-based) of the core statement the item sits under, if any.
    public var statement: Int?
    /// The option's area heading the item sits under ("1a", "1b", "2b"), if any.
    public var area: String?
    /// A behaviour's one-word name ("Care"); nil for knowledge and skills.
    public var name: String?

    public init(
        code: String, kind: StandardItemKind, option: StandardOption? = nil, text: String, statement: Int? = nil,
        area: String? = nil, name: String? = nil
    ) {
        self.code = code
        self.kind = kind
        self.option = option
        self.text = text
        self.statement = statement
        self.area = area
        self.name = name
    }

    private enum CodingKeys: String, CodingKey {
        case code, kind, option, text, statement, area, name
    }

    // `option` and `statement` are written even when null, so the file shows a core item as core rather
    // than leaving the reader to infer it from a missing key (the API answers "option": null too).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(code, forKey: .code)
        try container.encode(kind, forKey: .kind)
        try container.encode(option, forKey: .option)
        try container.encode(text, forKey: .text)
        try container.encode(statement, forKey: .statement)
        try container.encodeIfPresent(area, forKey: .area)
        try container.encodeIfPresent(name, forKey: .name)
    }
}

/// A core statement: what a child or family would say about the work ("You thought about things").
public struct StandardStatement: Sendable, Hashable, Codable {
    public var number: Int
    public var text: String

    public init(number: Int, text: String) {
        self.number = number
        self.text = text
    }
}

/// A sub-heading within an option ("1a. Working with families, carers and children ...").
public struct StandardArea: Sendable, Hashable, Codable {
    /// "1a", "1b", "2a", "2b".
    public var code: String
    public var text: String

    public init(code: String, text: String) {
        self.code = code
        self.text = text
    }
}

/// One of a standard's options, with its headings and the qualification an apprentice on it takes.
public struct StandardOptionDefinition: Sendable, Hashable, Codable {
    public var option: StandardOption
    /// The number the standard gives it: "OPTION 1".
    public var number: Int
    public var title: String
    public var areas: [StandardArea]
    public var qualification: String?

    public init(
        option: StandardOption, number: Int, title: String, areas: [StandardArea] = [], qualification: String? = nil
    ) {
        self.option = option
        self.number = number
        self.title = title
        self.areas = areas
        self.qualification = qualification
    }
}

/// An apprenticeship standard as data: its statements, options and numbered items.
///
/// Loaded from a file of this shape (`standards/ST0088.json`), so another standard or a new version of
/// this one is a new file, not new code. Check a loaded standard with `problems()` before using it.
public struct Standard: Sendable, Hashable, Codable {
    public static let hearthNumbering = "Hearth's numbering, by position in the published standard"

    /// "ST0088".
    public var reference: String
    /// "1.0"; nil when the source does not say.
    public var version: String?
    public var title: String
    public var level: Int?
    /// The Learning Aim Reference Service code (309 for ST0088), used in funding returns.
    public var larsCode: Int?
    public var typicalMonthsToGateway: Int?
    /// Says whose the item codes are: the published standard has none.
    public var numbering: String
    public var source: String?
    public var statements: [StandardStatement]
    public var options: [StandardOptionDefinition]
    public var items: [StandardItem]

    public init(
        reference: String, version: String? = nil, title: String, level: Int? = nil, larsCode: Int? = nil,
        typicalMonthsToGateway: Int? = nil, numbering: String = Standard.hearthNumbering, source: String? = nil,
        statements: [StandardStatement] = [], options: [StandardOptionDefinition] = [], items: [StandardItem] = []
    ) {
        self.reference = reference
        self.version = version
        self.title = title
        self.level = level
        self.larsCode = larsCode
        self.typicalMonthsToGateway = typicalMonthsToGateway
        self.numbering = numbering
        self.source = source
        self.statements = statements
        self.options = options
        self.items = items
    }

    public func items(ofKind kind: StandardItemKind) -> [StandardItem] {
        items.filter { $0.kind == kind }
    }

    /// The items an apprentice on `option` works towards: the core and that option's own.
    public func items(forOption option: StandardOption) -> [StandardItem] {
        items.filter { $0.option == nil || $0.option == option }
    }

    public func item(code: String) -> StandardItem? {
        items.first { $0.code == code }
    }

    /// Everything wrong with the standard as data, in item order; empty when it may be loaded.
    public func problems() -> [StandardProblem] {
        var problems: [StandardProblem] = []
        if reference.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            problems.append(StandardProblem(code: nil, "The standard has no reference"))
        }
        if title.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            problems.append(StandardProblem(code: nil, "The standard has no title"))
        }
        if items.isEmpty { problems.append(StandardProblem(code: nil, "The standard has no items")) }
        let statementNumbers = Set(statements.map(\.number))
        let allowedKinds = StandardItemKind.allowed.map(\.rawValue).joined(separator: ", ")
        let allowedOptions = StandardOption.allowed.map(\.rawValue).joined(separator: ", ")
        var seen: Set<String> = []
        for (index, item) in items.enumerated() {
            let label = item.code.isEmpty ? "Item \(index + 1)" : "Item \(item.code)"
            if item.code.trimmingCharacters(in: .whitespaces).isEmpty {
                problems.append(StandardProblem(code: nil, "\(label) has no code"))
            } else if !seen.insert(item.code).inserted {
                problems.append(StandardProblem(code: item.code, "The code \(item.code) is used by more than one item"))
            }
            if item.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                problems.append(StandardProblem(code: item.code, "\(label) has no text"))
            }
            if !StandardItemKind.allowed.contains(item.kind) {
                problems.append(
                    StandardProblem(
                        code: item.code, "\(label) has kind \"\(item.kind)\"; the kinds are \(allowedKinds)"))
            } else if let prefix = item.kind.codePrefix, !item.code.hasPrefix(prefix) {
                problems.append(
                    StandardProblem(
                        code: item.code, "\(label) is \(item.kind) but its code does not start with \(prefix)"))
            }
            if let option = item.option, !StandardOption.allowed.contains(option) {
                problems.append(
                    StandardProblem(
                        code: item.code, "\(label) has option \"\(option)\"; the options are \(allowedOptions)"))
            }
            if let statement = item.statement, !statementNumbers.contains(statement) {
                problems.append(
                    StandardProblem(code: item.code, "\(label) refers to statement \(statement), which is missing"))
            }
        }
        return problems
    }

    /// Decodes a standard file and refuses it, with every problem listed, if `problems()` finds any.
    public static func load(json: Data) throws -> Standard {
        let standard = try JSONDecoder().decode(Standard.self, from: json)
        let problems = standard.problems()
        guard problems.isEmpty else { throw InvalidStandard(reference: standard.reference, problems: problems) }
        return standard
    }

    /// The file form: keys sorted and pretty-printed, so that regenerating an unchanged standard gives an
    /// identical file and a changed one gives a readable diff.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}

/// One thing wrong with a standard's data, naming the item where there is one.
public struct StandardProblem: Sendable, Hashable, CustomStringConvertible {
    public var code: String?
    public var message: String

    public init(code: String?, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}

public struct InvalidStandard: Error, Sendable, CustomStringConvertible {
    public var reference: String
    public var problems: [StandardProblem]

    public var description: String {
        "The standard \(reference) cannot be loaded: " + problems.map(\.message).joined(separator: "; ")
    }
}
