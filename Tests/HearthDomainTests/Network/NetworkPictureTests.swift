import Foundation
import Testing

@testable import HearthDomain

/// What both pictures promise whatever their content: well-formed standalone SVG that scales, carries
/// its own accessible name, escapes what users typed, uses the caller's id prefix, needs nothing a strict
/// content security policy would block, and is the same bytes for the same input.
@Suite struct NetworkPictureTests {
    typealias Render = @Sendable (NetworkFocus, [NetworkMember], String) -> RenderedPicture

    static let pictures: [(String, Render)] = [
        ("ecomap", { NetworkPicture.ecomap(focus: $0, members: $1, idPrefix: $2) }),
        ("genogram", { NetworkPicture.genogram(focus: $0, members: $1, idPrefix: $2) }),
    ]

    static let sizes = [0, 1, 2, 10, 35]

    static func members(_ count: Int) -> [NetworkMember] {
        count == 10 ? NetworkFixtures.family : NetworkFixtures.crowd(count)
    }

    @Test(arguments: [0, 1], sizes)
    func isWellFormedStandaloneSVG(picture: Int, size: Int) throws {
        let (name, render) = Self.pictures[picture]
        let rendered = render(NetworkFixtures.focus, Self.members(size), "p\(size)")
        let svg = SVGInspector(rendered.svg)
        #expect(svg.parsed, "\(name) with \(size) members: \(String(describing: svg.error))")
        let root = try #require(svg.root)
        #expect(root.name == "svg")
        #expect(root.attributes["xmlns"] == "http://www.w3.org/2000/svg")
        // It scales to its container: a view box, and no fixed size.
        #expect(
            root.attributes["viewBox"]
                == "0 0 \(SVGBuilder.number(rendered.width)) \(SVGBuilder.number(rendered.height))")
        #expect(root.attributes["width"] == nil && root.attributes["height"] == nil)
        #expect(root.attributes["role"] == "img")
        #expect(root.attributes["aria-labelledby"] == "p\(size)-title p\(size)-desc")
        #expect(svg.all("title").map(\.attributes) == [["id": "p\(size)-title"]])
        #expect(svg.all("desc").map(\.attributes) == [["id": "p\(size)-desc"]])
        #expect(svg.all("title").first?.text == rendered.title)
        #expect(svg.all("desc").first?.text == rendered.summary)
        #expect(!rendered.summary.isEmpty)
    }

    @Test(arguments: [0, 1], sizes)
    func needsNothingAStrictContentSecurityPolicyBlocks(picture: Int, size: Int) {
        let rendered = Self.pictures[picture].1(NetworkFixtures.focus, Self.members(size), "p")
        let svg = SVGInspector(rendered.svg)
        #expect(svg.all("script").isEmpty)
        #expect(svg.all("style").isEmpty)
        #expect(svg.all("foreignObject").isEmpty)
        for element in svg.elements {
            #expect(element.attributes["style"] == nil, "inline style on <\(element.name)>")
            #expect(element.attributes["href"] == nil && element.attributes["xlink:href"] == nil)
            #expect(!element.attributes.keys.contains { $0.hasPrefix("on") }, "event handler on <\(element.name)>")
            #expect(!element.attributes.values.contains { $0.contains("url(") })
        }
        // The namespace is the only address in the document.
        #expect(rendered.svg.components(separatedBy: "http").count == 2)
    }

    @Test(arguments: [0, 1])
    func escapesEverythingUsersTyped(picture: Int) throws {
        let hostile = "<script>alert(\"x\")</script> & 'Bob'"
        let focus = NetworkFocus(id: NetworkFixtures.id(0), displayName: "Ann \"<b>\" O'Neil & Co")
        let members = [
            NetworkMember(
                id: NetworkFixtures.id(1), displayName: hostile, kind: .mother, relationship: "Mum <i>'s</i>",
                livesWith: true),
            NetworkMember(
                id: NetworkFixtures.id(2), displayName: "Dr <img src=x onerror=alert(1)>", kind: .professional,
                organisation: "\"Health\" & <Care>"),
        ]
        let rendered = Self.pictures[picture].1(focus, members, "esc")
        #expect(!rendered.svg.contains("<script"))
        #expect(!rendered.svg.contains("<img"))
        #expect(!rendered.svg.contains("<b>"))
        #expect(rendered.svg.contains("&lt;script&gt;"))
        #expect(rendered.svg.contains("&quot;"))
        #expect(rendered.svg.contains("&#39;"))
        #expect(rendered.svg.contains("&amp;"))
        let svg = SVGInspector(rendered.svg)
        #expect(svg.parsed, "\(String(describing: svg.error))")
        #expect(svg.all("script").isEmpty && svg.all("img").isEmpty && svg.all("b").isEmpty)
        // Parsed back, the words are what the user typed (cut to fit, perhaps, but never mangled).
        let title = try #require(svg.all("title").first?.text)
        #expect(title.contains("Ann \"<b>\" O'Neil & Co"))
        #expect(svg.texts.contains { $0.hasPrefix("<script>") })
    }

    @Test func escapeCoversTheFiveCharactersAndDropsWhatXMLCannotHold() {
        #expect(SVGBuilder.escape("a & b < c > d \" e ' f") == "a &amp; b &lt; c &gt; d &quot; e &#39; f")
        #expect(SVGBuilder.escape("bell\u{07}\u{0}tab\tnew\nline") == "belltab new line")
        #expect(SVGBuilder.escape("Zoë’s 👋") == "Zoë’s 👋")
    }

    @Test(arguments: [0, 1], sizes)
    func isTheSameBytesForTheSameInput(picture: Int, size: Int) {
        let render = Self.pictures[picture].1
        let first = render(NetworkFixtures.focus, Self.members(size), "d")
        let second = render(NetworkFixtures.focus, Self.members(size), "d")
        #expect(first.svg == second.svg)
        #expect(first == second)
    }

    @Test(arguments: [0, 1])
    func usesTheIdPrefixForEveryId(picture: Int) {
        let render = Self.pictures[picture].1
        let one = SVGInspector(render(NetworkFixtures.focus, NetworkFixtures.family, "first").svg)
        let two = SVGInspector(render(NetworkFixtures.focus, NetworkFixtures.family, "second").svg)
        let firstIds = one.elements.compactMap { $0.attributes["id"] }
        let secondIds = two.elements.compactMap { $0.attributes["id"] }
        #expect(!firstIds.isEmpty)
        #expect(firstIds.allSatisfy { $0.hasPrefix("first-") })
        #expect(secondIds.allSatisfy { $0.hasPrefix("second-") })
        #expect(Set(firstIds).count == firstIds.count)
        #expect(Set(firstIds).isDisjoint(with: secondIds))
    }

    @Test func makesAnyPrefixAValidId() {
        #expect(SVGBuilder.sanitisedId("network-1", fallback: "x") == "network-1")
        #expect(SVGBuilder.sanitisedId("my picture \"<x>\"", fallback: "x") == "my-picture---x--")
        #expect(SVGBuilder.sanitisedId("9lives", fallback: "ecomap") == "ecomap-9lives")
        #expect(SVGBuilder.sanitisedId("", fallback: "ecomap") == "ecomap")
        let rendered = NetworkPicture.ecomap(focus: NetworkFixtures.focus, members: [], idPrefix: "a\"b")
        #expect(rendered.svg.contains("id=\"a-b-title\""))
    }

    @Test(arguments: [0, 1])
    func cutsLongNamesInThePictureButNotInTheTable(picture: Int) {
        let long = "Bartholomew-Maximilian Featherstonehaugh-Cholmondeley"
        let members = [NetworkMember(id: NetworkFixtures.id(1), displayName: long, kind: .sibling)]
        let rendered = Self.pictures[picture].1(NetworkFixtures.focus, members, "l")
        let texts = SVGInspector(rendered.svg).texts
        #expect(!texts.contains(long))
        #expect(texts.contains { $0.hasPrefix("Bartholomew") && $0.hasSuffix("…") })
        #expect(rendered.textAlternative.rows.contains { $0.contains(long) })
    }

    @Test(arguments: [0, 1], sizes)
    func keepsTextLargeEnoughToRead(picture: Int, size: Int) {
        let svg = SVGInspector(Self.pictures[picture].1(NetworkFixtures.focus, Self.members(size), "t").svg)
        for text in svg.all("text") {
            let fontSize = Double(text.attributes["font-size"] ?? "14") ?? 0
            #expect(fontSize >= 11, "\(text.text) at \(fontSize)")
        }
    }

    /// Records are typed by people: links that point nowhere or at the person themselves, generations far
    /// from the usual ones and repeated ids must still give a picture, never a crash.
    @Test(arguments: [0, 1])
    func survivesOddRecords(picture: Int) {
        let same = NetworkFixtures.id(1)
        let members = [
            NetworkMember(id: same, displayName: "Twin A", kind: .sibling),
            NetworkMember(id: same, displayName: "Twin B", kind: .sibling),
            NetworkMember(
                id: NetworkFixtures.id(2), displayName: "Self", kind: .halfSibling,
                relatedThrough: NetworkFixtures.id(2)),
            NetworkMember(
                id: NetworkFixtures.id(3), displayName: "Nowhere", kind: .grandparent, relatedThrough: UUID()),
            NetworkMember(
                id: NetworkFixtures.id(4), displayName: "Great-great-gran", kind: .other, role: .family, generation: -4),
            NetworkMember(id: NetworkFixtures.id(5), displayName: "Far future", kind: .grandchild, generation: 5),
            NetworkMember(id: NetworkFixtures.id(6), displayName: "", kind: .stepParent, relationship: "  "),
            NetworkMember(id: NetworkFixtures.id(7), displayName: "Mum", kind: .mother, generation: 0),
        ]
        let rendered = Self.pictures[picture].1(
            NetworkFocus(id: NetworkFixtures.id(0), displayName: ""), members, "odd")
        let svg = SVGInspector(rendered.svg)
        #expect(svg.parsed, "\(String(describing: svg.error))")
        #expect(rendered.textAlternative.rows.contains { $0.contains("Name not recorded") })
        #expect(rendered.textAlternative.rows.contains { $0.contains("Great-great-gran") })
    }

    @Test func numbersAreShortAndLocaleFree() {
        #expect(SVGBuilder.number(0) == "0")
        #expect(SVGBuilder.number(-0.01) == "0")
        #expect(SVGBuilder.number(12.5) == "12.5")
        #expect(SVGBuilder.number(-3.14159) == "-3.1")
        #expect(SVGBuilder.number(150.0) == "150")
        #expect(SVGBuilder.number(.nan) == "0")
    }

    @Test func fittingCutsAtAWordOrLetterAndAddsAnEllipsis() {
        #expect(PictureStyle.fitted("Sam", maxWidth: 100, fontSize: 14) == "Sam")
        let cut = PictureStyle.fitted("Samantha Okafor-Richardson", maxWidth: 100, fontSize: 14)
        #expect(cut.hasSuffix("…"))
        #expect(!cut.hasSuffix(" …") && !cut.hasSuffix("-…"))
        #expect(PictureStyle.estimatedWidth(cut, fontSize: 14) <= 100)
        #expect(PictureStyle.fitted("  two\nlines  ", maxWidth: 100, fontSize: 14) == "two lines")
    }

    @Test func initialsComeFromTheFirstAndLastWords() {
        #expect(PictureStyle.initials("Sarah Jane Ellis") == "SE")
        #expect(PictureStyle.initials("nan") == "N")
        #expect(PictureStyle.initials("  ") == "")
        #expect(PictureStyle.initials("<script> Bob") == "B")
    }
}
