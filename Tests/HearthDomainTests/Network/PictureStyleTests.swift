import Foundation
import Testing

@testable import HearthDomain

/// Every colour pair the pictures use, against WCAG 2: 4.5:1 for text, 3:1 for lines and shapes that
/// carry meaning. The ratios in docs/design.md are checked here too, as a test of the formula.
@Suite struct PictureStyleTests {
    @Test func theFormulaAgreesWithTheDesignDocument() {
        #expect(abs(PictureStyle.contrast("#0b0c0c", "#ffffff") - 19.59) < 0.01)
        #expect(abs(PictureStyle.contrast("#505a5f", "#ffffff") - 7.07) < 0.01)
        #expect(abs(PictureStyle.contrast("#ffffff", "#4a1942") - 13.92) < 0.01)
        #expect(abs(PictureStyle.contrast("#1d70b8", "#ffffff") - 5.17) < 0.01)
    }

    @Test func textIsAtLeastFourAndAHalfToOne() {
        let white = PictureStyle.white
        var pairs: [(String, String)] = [
            (PictureStyle.text, white), (PictureStyle.secondaryText, white),
            // Labels inside the household boundary, on its tint.
            (PictureStyle.text, PictureStyle.plumTint), (PictureStyle.secondaryText, PictureStyle.plumTint),
            // The focus person's name, in white on plum; in plum in the genogram.
            (white, PictureStyle.plum), (PictureStyle.plum, white),
            // A "?" on a deceased person's grey fill.
            (PictureStyle.text, PictureStyle.lightGrey),
        ]
        for role in NetworkRole.allCases {
            let colours = PictureStyle.colours(for: role)
            pairs.append((colours.stroke, white))  // sector headings
            pairs.append((PictureStyle.text, colours.fill))  // initials in a node
        }
        for (foreground, background) in pairs {
            #expect(PictureStyle.contrast(foreground, background) >= 4.5, "\(foreground) on \(background)")
        }
    }

    @Test func linesAndOutlinesAreAtLeastThreeToOne() {
        var strokes = [PictureStyle.text, PictureStyle.secondaryText, PictureStyle.plum]
        strokes += NetworkRole.allCases.map { PictureStyle.colours(for: $0).stroke }
        for stroke in strokes {
            #expect(PictureStyle.contrast(stroke, PictureStyle.white) >= 3, "\(stroke) on white")
            #expect(PictureStyle.contrast(stroke, PictureStyle.plumTint) >= 3, "\(stroke) on the household tint")
        }
        // The badges' dark outline is what carries them, not the ember fill.
        #expect(PictureStyle.contrast(PictureStyle.text, PictureStyle.ember) >= 3)
    }

    @Test(arguments: [0, 1])
    func usesOnlyThePaletteColours(picture: Int) {
        var allowed: Set<String> = [
            PictureStyle.text, PictureStyle.secondaryText, PictureStyle.white, PictureStyle.plum, PictureStyle.plumTint,
            PictureStyle.ember, PictureStyle.separator, PictureStyle.lightGrey, "none",
        ]
        for role in NetworkRole.allCases {
            allowed.insert(PictureStyle.colours(for: role).stroke)
            allowed.insert(PictureStyle.colours(for: role).fill)
        }
        let members = NetworkFixtures.family + NetworkFixtures.crowd(20)
        let render = NetworkPictureTests.pictures[picture].1
        let svg = SVGInspector(render(NetworkFixtures.focus, members, "c").svg)
        for element in svg.elements {
            for key in ["fill", "stroke"] {
                if let colour = element.attributes[key] {
                    #expect(allowed.contains(colour), "\(colour) on <\(element.name)>")
                }
            }
        }
    }
}
