import Foundation
import Testing

@testable import HearthDomain

@Suite struct StandardTests {
    private func parsedSeed() throws -> Standard {
        try StandardTextParser.parse(try StandardFiles.seedText)
    }

    /// The framework test: counts made from the seed text with plain string handling, without the
    /// parser, must equal the numbers of items the parser loads.
    @Test func itemCountsEqualAnIndependentCountOfTheSeedText() throws {
        let lines = try StandardFiles.seedText.components(separatedBy: .newlines)
            .map { $0.replacingOccurrences(of: "\u{00A0}", with: " ").trimmingCharacters(in: .whitespaces) }

        // Behaviours: each is written "Name: description", and nothing else in that section has a colon.
        let behavioursStart = try #require(lines.firstIndex(of: "Behaviours"))
        let coreStart = try #require(lines.firstIndex { $0.hasPrefix("Core requirements") })
        let behaviourCount = lines[behavioursStart..<coreStart].joined().filter { $0 == ":" }.count

        // Core: bullets, counted under the last heading seen.
        let optionsStart = try #require(lines.indices.first { $0 > coreStart && lines[$0].hasPrefix("OPTION 1:") })
        var coreKnowledge = 0
        var coreSkills = 0
        var underSkills = false
        for line in lines[coreStart..<optionsStart] {
            if line.hasPrefix("Knowledge and understanding") { underSkills = false }
            if line == "Skills" { underSkills = true }
            if line.hasPrefix("\u{2022}") {
                if underSkills { coreSkills += 1 } else { coreKnowledge += 1 }
            }
        }

        // Options: every non-empty line that is not a heading is an item.
        let option2Start = try #require(lines.indices.first { $0 > optionsStart && lines[$0].hasPrefix("OPTION 2:") })
        let qualifications = try #require(lines.firstIndex { $0.hasPrefix("Qualifications") })
        func itemLines(_ range: Range<Int>, option: String) -> Int {
            lines[range].dropFirst().filter { line in
                !line.isEmpty && line != "Knowledge" && line != "Skills"
                    && !line.hasPrefix("Knowledge and understanding")
                    && !line.hasPrefix(option)
            }.count
        }
        let option1Lines = itemLines(optionsStart..<option2Start, option: "1")
        let option2Lines = itemLines(option2Start..<qualifications, option: "2")
        // The options' tables lost their columns when the page was copied; split by reading them:
        // 1a has 4 knowledge rows and 3 skills, 1b 2 and 2, option 2 has 3 and 2.
        #expect(option1Lines == 4 + 3 + 2 + 2)
        #expect(option2Lines == 3 + 2)

        let standard = try parsedSeed()
        #expect(standard.items(ofKind: .behaviour).count == behaviourCount)
        #expect(standard.items(ofKind: .knowledge).count == coreKnowledge + 6 + 3)
        #expect(standard.items(ofKind: .skill).count == coreSkills + 5 + 2)
        #expect(standard.items.filter { $0.option == .residential }.count == option1Lines)
        #expect(standard.items.filter { $0.option == .community }.count == option2Lines)
        // And the numbers themselves, so a change to the seed text is noticed here.
        #expect((behaviourCount, coreKnowledge, coreSkills) == (6, 16, 17))
    }

    @Test func headerFactsAndStatementsAreRead() throws {
        let standard = try parsedSeed()
        #expect(standard.reference == "ST0088")
        #expect(standard.version == "1.0")
        #expect(standard.title == "Children, young people and families practitioner")
        #expect(standard.level == 4)
        #expect(standard.larsCode == 309)
        #expect(standard.typicalMonthsToGateway == 24)
        #expect(standard.numbering == "Hearth's numbering, by position in the published standard")
        #expect(standard.statements.count == 8)
        #expect(standard.statements.first?.text.hasPrefix("You listened to me,") == true)
        #expect(standard.statements.first?.text.hasSuffix("my voice is heard") == true)
        #expect(
            standard.statements[4].text
                == "You weren't afraid to make difficult decisions when you thought it was the right thing to do")
        #expect(standard.statements[6].text == "You thought about things")
        #expect(standard.options.map(\.option) == [.residential, .community])
        #expect(standard.options.map { $0.areas.map(\.code) } == [["1a", "1b"], ["2a", "2b"]])
        #expect(standard.options[0].areas[1].text == "Work within a team to promote the ethos of the home.")
        #expect(standard.options[0].qualification == "Level 3 Diploma for Residential Childcare")
        #expect(
            standard.options[1].qualification
                == "Certificate in Higher Education in working with Children Young People and Families")
    }

    @Test func itemsAreNumberedByPositionAndPlaced() throws {
        let standard = try parsedSeed()
        #expect(standard.items.map(\.code).prefix(6) == ["B1", "B2", "B3", "B4", "B5", "B6"])
        #expect(
            standard.items(ofKind: .behaviour).compactMap(\.name) == [
                "Care", "Compassion", "Courage", "Communication", "Competence", "Commitment",
            ])
        // Courage and Communication share one line on the page; each is its own behaviour.
        let courage = try #require(standard.item(code: "B3"))
        #expect(courage.text.hasSuffix("fulfil their potential"))
        #expect(standard.item(code: "B4")?.text.hasPrefix("Communication: Your work is based on") == true)

        let k1 = try #require(standard.item(code: "K1"))
        #expect(
            k1.text == "Communication that enables the voice of the child, young person or family members to be heard")
        #expect(k1.statement == 1 && k1.option == nil && k1.kind == .knowledge)
        #expect(standard.item(code: "S17")?.statement == 8)
        #expect(standard.item(code: "K16")?.statement == 8)

        let k17 = try #require(standard.item(code: "K17"))
        #expect(k17.text == "The legislation and compliance requirements for residential care")
        #expect(k17.option == .residential && k17.area == "1a" && k17.statement == nil)
        #expect(standard.item(code: "S18")?.text == "Assumes the role of professional parent")
        #expect(standard.item(code: "K21")?.text == "The ethos of the home and how to create and promote it")
        #expect(standard.item(code: "K21")?.area == "1b")
        #expect(standard.item(code: "S22")?.text.hasPrefix("Models collaborative team working") == true)
        #expect(standard.item(code: "K25")?.text == "Key ethical and professional aspects of role")
        #expect(standard.item(code: "K25")?.option == .community)
        #expect(
            standard.item(code: "S24")?.text.hasPrefix("Supports children, young people or vulnerable adults") == true)
        #expect(standard.items.count == 6 + 25 + 24)
        #expect(standard.items(forOption: .residential).count == 6 + 16 + 17 + 11)
        #expect(standard.problems().isEmpty)
    }

    /// The committed file is what the parser makes of the seed text. Set HEARTH_WRITE_STANDARD_JSON=1 to
    /// rewrite it after a change to the parser or the seed.
    @Test func committedJSONEqualsTheParsedSeed() throws {
        let parsed = try parsedSeed()
        let url = StandardFiles.standardJSONURL
        if ProcessInfo.processInfo.environment["HEARTH_WRITE_STANDARD_JSON"] == "1" {
            try parsed.jsonData().write(to: url)
        }
        let committed = try Data(contentsOf: url)
        #expect(try Standard.load(json: committed) == parsed)
        #expect(committed == (try parsed.jsonData()))
    }

    @Test func coreItemsCarryAnExplicitNullOption() throws {
        let item = StandardItem(code: "K1", kind: .knowledge, text: "Child development", statement: 1)
        let json = try #require(String(data: try JSONEncoder().encode(item), encoding: .utf8))
        #expect(json.contains("\"option\":null"))
        #expect(try JSONDecoder().decode(StandardItem.self, from: Data(json.utf8)) == item)
    }

    @Test func aSeedCopyInTheRepositoryMatchesTheSharedSeedWhenBothExist() throws {
        guard let shared = StandardFiles.sharedSeedURL else { return }
        let copy = StandardFiles.packageRoot.appendingPathComponent("standards/\(StandardFiles.seedName)")
        guard FileManager.default.fileExists(atPath: copy.path) else { return }
        #expect(try Data(contentsOf: shared) == Data(contentsOf: copy))
    }

    @Test func aBrokenStandardIsRefusedWithEveryProblemNamed() throws {
        let json = """
            {
              "reference": "ST9999", "title": "Broken", "numbering": "Hearth's numbering",
              "statements": [{"number": 1, "text": "You listened to me"}], "options": [],
              "items": [
                {"code": "K1", "kind": "knowledge", "option": null, "text": "Child development", "statement": 1},
                {"code": "K1", "kind": "knowledge", "option": null, "text": "Adult development", "statement": 1},
                {"code": "S1", "kind": "skill", "option": null, "text": "  ", "statement": 1},
                {"code": "X1", "kind": "attitude", "option": null, "text": "Curiosity"},
                {"code": "K2", "kind": "knowledge", "option": "hospital", "text": "Ward routines"},
                {"code": "S2", "kind": "knowledge", "option": null, "text": "Mislabelled", "statement": 9}
              ]
            }
            """
        let decoded = try JSONDecoder().decode(Standard.self, from: Data(json.utf8))
        let messages = decoded.problems().map(\.message)
        #expect(messages.contains("The code K1 is used by more than one item"))
        #expect(messages.contains("Item S1 has no text"))
        #expect(messages.contains("Item X1 has kind \"attitude\"; the kinds are knowledge, skill, behaviour"))
        #expect(messages.contains("Item K2 has option \"hospital\"; the options are residential, community"))
        #expect(messages.contains("Item S2 is knowledge but its code does not start with K"))
        #expect(messages.contains("Item S2 refers to statement 9, which is missing"))
        #expect(messages.count == 6)
        #expect(throws: InvalidStandard.self) { try Standard.load(json: Data(json.utf8)) }
    }

    @Test func textWithoutTheExpectedSectionsIsRefused() {
        #expect(throws: StandardParseError.self) { try StandardTextParser.parse("Just some text") }
        #expect(throws: StandardParseError.self) {
            try StandardTextParser.parse("Title\n\nReference Number: ST0001\n\nCore requirements\n")
        }
    }
}
