import Foundation

/// Why the text of a standard could not be read. `line` is 1-based, counted in the text as given.
public struct StandardParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public var line: Int?
    public var message: String

    public init(line: Int?, _ message: String) {
        self.line = line
        self.message = message
    }

    public var description: String {
        if let line { return "Line \(line): \(message)" }
        return message
    }
}

/// Reads the text of an occupational standard, as copied from the Institute for Apprenticeships and
/// Technical Education's web page (`seed/ST0088-standard.txt`), into a `Standard`.
///
/// Hearth ships the result as JSON and loads that; the parser exists so the JSON can be regenerated and
/// checked against the published text rather than typed by hand. It expects the page's layout: a
/// "Behaviours" section of "Name: description" lines; "Core requirements" with quoted statements, each
/// followed by "Knowledge and understanding of:" and "Skills" bullet lists; then "OPTION n:" sections
/// ending at "Qualifications:".
///
/// Items are numbered by their position in the text, separately per kind (K1..., S1..., B1...), because
/// the standard publishes no codes of its own.
public enum StandardTextParser {
    public static func parse(_ text: String) throws(StandardParseError) -> Standard {
        let lines = text.components(separatedBy: .newlines).map(clean)

        guard let reference = value(after: ["Reference Number:", "Reference:"], in: lines) else {
            throw StandardParseError(line: nil, "No \"Reference Number:\" line")
        }
        guard let referenceLine = lines.firstIndex(where: { $0.hasPrefix("Reference Number:") }),
            let title = lines[..<referenceLine].last(where: { !$0.isEmpty })
        else { throw StandardParseError(line: nil, "No title before the \"Reference Number:\" line") }

        guard let behavioursStart = lines.firstIndex(of: "Behaviours") else {
            throw StandardParseError(line: nil, "No \"Behaviours\" heading")
        }
        guard let coreStart = lines.firstIndex(where: { $0.hasPrefix("Core requirements") }) else {
            throw StandardParseError(line: nil, "No \"Core requirements\" heading")
        }
        guard behavioursStart < coreStart else {
            throw StandardParseError(line: behavioursStart + 1, "Expected the behaviours before the core requirements")
        }
        // The role profile near the top names the options too; only the ones after the core hold items.
        let optionStarts = lines.indices.filter { $0 > coreStart && optionHeading(lines[$0]) != nil }
        guard let firstOption = optionStarts.first else {
            throw StandardParseError(line: nil, "No \"OPTION 1:\" section after the core requirements")
        }
        guard let qualificationsStart = lines.firstIndex(where: { $0.hasPrefix("Qualifications") }),
            qualificationsStart > firstOption
        else { throw StandardParseError(line: nil, "No \"Qualifications:\" heading after the options") }

        var numberer = Numberer()
        var items = behaviours(lines, from: behavioursStart + 1, to: coreStart, numberer: &numberer)
        let (statements, coreItems) = try core(lines, from: coreStart + 1, to: firstOption, numberer: &numberer)
        items += coreItems

        var options: [StandardOptionDefinition] = []
        let bounds = optionStarts + [qualificationsStart]
        for (start, end) in zip(bounds, bounds.dropFirst()) {
            let (definition, optionItems) = try option(lines, from: start, to: end, numberer: &numberer)
            options.append(definition)
            items += optionItems
        }
        for line in lines[qualificationsStart...] {
            // "Option 1. Level 3 Diploma for Residential Childcare"
            guard line.hasPrefix("Option "), let dot = line.firstIndex(of: "."),
                let number = Int(line[line.index(line.startIndex, offsetBy: 7)..<dot]),
                let index = options.firstIndex(where: { $0.number == number })
            else { continue }
            options[index].qualification = line[line.index(after: dot)...].trimmingCharacters(in: .whitespaces)
        }

        return Standard(
            reference: reference, version: value(after: ["Version:"], in: lines), title: title,
            level: value(after: ["Level:"], in: lines).flatMap { Int($0) },
            larsCode: value(after: ["LARS Code:"], in: lines).flatMap { Int($0) },
            typicalMonthsToGateway: value(after: ["Typical duration to gateway"], in: lines).flatMap(leadingNumber),
            source: lines.first(where: { $0.hasPrefix("Crown copyright") }).map { sentence($0) },
            statements: statements, options: options, items: items)
    }

    // MARK: - Sections

    private static func behaviours(
        _ lines: [String], from start: Int, to end: Int, numberer: inout Numberer
    ) -> [StandardItem] {
        var items: [StandardItem] = []
        for line in lines[start..<end] {
            // The page runs two behaviours together on one line ("... their potential Communication: Your
            // work ..."), so a capitalised word ending in a colon starts a new behaviour wherever it falls.
            var current: (name: String, words: [Substring])?
            for word in line.split(separator: " ") {
                if isBehaviourName(word) {
                    if let current { items.append(behaviour(current, numberer: &numberer)) }
                    current = (String(word.dropLast()), [])
                } else {
                    current?.words.append(word)
                }
            }
            if let current { items.append(behaviour(current, numberer: &numberer)) }
        }
        return items
    }

    private static func behaviour(_ parts: (name: String, words: [Substring]), numberer: inout Numberer)
        -> StandardItem
    {
        let description = parts.words.joined(separator: " ")
        return StandardItem(
            code: numberer.next(.behaviour), kind: .behaviour, text: "\(parts.name): \(description)", name: parts.name)
    }

    private static func isBehaviourName(_ word: Substring) -> Bool {
        guard word.count > 2, word.last == ":", let first = word.first, first.isUppercase else { return false }
        return word.dropFirst().dropLast().allSatisfy(\.isLowercase)
    }

    private static func core(
        _ lines: [String], from start: Int, to end: Int, numberer: inout Numberer
    ) throws(StandardParseError) -> ([StandardStatement], [StandardItem]) {
        var statements: [StandardStatement] = []
        var items: [StandardItem] = []
        var kind: StandardItemKind?
        for index in start..<end {
            let line = lines[index]
            if let quoted = statementText(line) {
                statements.append(StandardStatement(number: statements.count + 1, text: quoted))
                kind = nil
            } else if line.hasPrefix("Knowledge and understanding") {
                kind = .knowledge
            } else if line == "Skills" {
                kind = .skill
            } else if let bullet = bulletText(line) {
                guard let kind, let statement = statements.last else {
                    throw StandardParseError(line: index + 1, "A bullet outside a statement's knowledge or skills")
                }
                items.append(
                    StandardItem(code: numberer.next(kind), kind: kind, text: bullet, statement: statement.number))
            }
            // Anything else in the core is the page's prose ("These are based on ..."), not an item.
        }
        return (statements, items)
    }

    private static func option(
        _ lines: [String], from start: Int, to end: Int, numberer: inout Numberer
    ) throws(StandardParseError) -> (StandardOptionDefinition, [StandardItem]) {
        guard let (number, title) = optionHeading(lines[start]) else {
            throw StandardParseError(line: start + 1, "Expected an \"OPTION n:\" heading")
        }
        let option: StandardOption
        switch title.lowercased() {
        case let text where text.contains("residential"): option = .residential
        case let text where text.contains("community"): option = .community
        default: throw StandardParseError(line: start + 1, "Option \(number) is neither residential nor community")
        }
        var definition = StandardOptionDefinition(option: option, number: number, title: title)
        var items: [StandardItem] = []

        enum Column { case none, knowledge, skills, table }
        var column = Column.none
        var previousLine = ""
        var tableReachedSkills = false
        for index in (start + 1)..<end {
            let line = lines[index]
            guard !line.isEmpty else { continue }
            let followsKnowledgeHeading = previousLine == "Knowledge"
            previousLine = line
            if let area = areaHeading(line, option: number) {
                definition.areas.append(area)
                column = .none
                continue
            }
            if line == "Knowledge" || line.hasPrefix("Knowledge and understanding") {
                column = .knowledge
                continue
            }
            if line == "Skills" {
                // "Knowledge" followed straight away by "Skills" is a two-column table the page flattened: the
                // knowledge column's rows come first, then the skills column's.
                column = followsKnowledgeHeading ? .table : .skills
                tableReachedSkills = false
                continue
            }
            let kind: StandardItemKind
            switch column {
            case .none:
                throw StandardParseError(
                    line: index + 1, "Text in option \(number) before a Knowledge or Skills heading")
            case .knowledge: kind = .knowledge
            case .skills: kind = .skill
            case .table:
                // The flattened table does not mark where the skills column starts. Knowledge rows are noun
                // phrases ("Group living and group dynamics"); skill rows open with a verb in the third
                // person ("Assumes ...", "Is able to ..."). Once a skill is seen, the rest are skills.
                tableReachedSkills = tableReachedSkills || opensWithThirdPersonVerb(line)
                kind = tableReachedSkills ? .skill : .knowledge
            }
            items.append(
                StandardItem(
                    code: numberer.next(kind), kind: kind, option: option, text: line,
                    area: definition.areas.last?.code))
        }
        return (definition, items)
    }

    // MARK: - Lines

    /// Trims, and turns the page's non-breaking and odd spaces into plain ones.
    private static func clean(_ line: String) -> String {
        let spaced = line.replacingOccurrences(of: "\u{00A0}", with: " ")
            .replacingOccurrences(of: "\t", with: " ")
        return spaced.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }

    private static func value(after prefixes: [String], in lines: [String]) -> String? {
        for line in lines {
            for prefix in prefixes where line.hasPrefix(prefix) {
                var rest = line.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)
                if rest.hasPrefix(":") { rest = rest.dropFirst().trimmingCharacters(in: .whitespaces) }
                if !rest.isEmpty { return rest }
            }
        }
        return nil
    }

    private static func leadingNumber(_ text: String) -> Int? {
        Int(text.prefix(while: \.isNumber))
    }

    private static func sentence(_ line: String) -> String {
        guard let end = line.range(of: "Open Government Licence") else { return line }
        return String(line[..<end.upperBound])
    }

    /// "'You thought about things'" without its quotes; nil for any other line.
    private static func statementText(_ line: String) -> String? {
        let quotes: Set<Character> = ["'", "\u{2018}", "\u{2019}", "\"", "\u{201C}", "\u{201D}"]
        guard let first = line.first, quotes.contains(first), line.count > 2 else { return nil }
        var text = Substring(line).dropFirst()
        if let last = text.last, quotes.contains(last) { text = text.dropLast() }
        return text.trimmingCharacters(in: .whitespaces)
    }

    private static func bulletText(_ line: String) -> String? {
        let bullets: Set<Character> = ["\u{2022}", "\u{25CF}", "\u{00B7}", "-", "*"]
        guard let first = line.first, bullets.contains(first) else { return nil }
        let text = line.dropFirst().trimmingCharacters(in: .whitespaces)
        return text.isEmpty ? nil : text
    }

    /// "OPTION 1: Practitioner in children's residential care" gives (1, "Practitioner in ...").
    private static func optionHeading(_ line: String) -> (Int, String)? {
        guard line.hasPrefix("OPTION "), let colon = line.firstIndex(of: ":"),
            let number = Int(line[line.index(line.startIndex, offsetBy: 7)..<colon])
        else { return nil }
        return (number, line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
    }

    /// "1a. Working ..." or "1.b. Work ..." under option 1 gives area "1a" or "1b".
    private static func areaHeading(_ line: String, option: Int) -> StandardArea? {
        let digits = String(option)
        guard line.hasPrefix(digits) else { return nil }
        var rest = line.dropFirst(digits.count)
        if rest.first == "." { rest = rest.dropFirst() }
        guard let letter = rest.first, letter.isLetter, letter.isLowercase, rest.dropFirst().first == "." else {
            return nil
        }
        var text = rest.dropFirst(2).trimmingCharacters(in: .whitespaces)
        // The page leaves a stray table "caption." after one heading; it is not part of the heading.
        if text.hasSuffix(" caption.") { text = String(text.dropLast(" caption.".count)) + "." }
        return StandardArea(code: digits + String(letter), text: text)
    }

    private static func opensWithThirdPersonVerb(_ line: String) -> Bool {
        guard let first = line.split(separator: " ").first else { return false }
        return first == "Is" || (first.count > 2 && first.hasSuffix("s") && !first.hasSuffix("ss"))
    }

    /// Hands out K1, K2 ... S1 ... B1 ... in the order items are met.
    private struct Numberer {
        var counts: [StandardItemKind: Int] = [:]

        mutating func next(_ kind: StandardItemKind) -> String {
            let count = counts[kind, default: 0] + 1
            counts[kind] = count
            return (kind.codePrefix ?? "X") + String(count)
        }
    }
}
