import Foundation

/// Writes SVG markup. Every attribute value and every text node passes through `escape`, so nothing a
/// user typed can open a tag, end an attribute or start a script. Attributes keep the order they are
/// given in, so the same picture is the same bytes every time.
///
/// Only presentation attributes (`fill`, `stroke`, `font-size` ...) are written, never `style`: a page
/// served with `style-src 'self'` blocks inline `style` attributes, even inside inline SVG.
struct SVGBuilder {
    typealias Attributes = [(String, String)]

    private(set) var markup = ""

    mutating func element(_ name: String, _ attributes: Attributes, text: String? = nil) {
        markup += "<\(name)\(Self.render(attributes))"
        if let text {
            markup += ">\(Self.escape(text))</\(name)>\n"
        } else {
            markup += "/>\n"
        }
    }

    mutating func open(_ name: String, _ attributes: Attributes = []) {
        markup += "<\(name)\(Self.render(attributes))>\n"
    }

    mutating func close(_ name: String) {
        markup += "</\(name)>\n"
    }

    mutating func append(_ other: SVGBuilder) {
        markup += other.markup
    }

    private static func render(_ attributes: Attributes) -> String {
        attributes.map { " \($0.0)=\"\(escape($0.1))\"" }.joined()
    }

    /// Escapes the five XML special characters and drops characters XML 1.0 cannot carry at all (most
    /// control characters), which would otherwise make the whole document unreadable.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out += " "
            default:
                let value = scalar.value
                if value < 0x20 || value == 0xFFFE || value == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A coordinate with at most one decimal place, never "-0", independent of locale.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let tenths = Int((value * 10).rounded())
        if tenths == 0 { return "0" }
        let sign = tenths < 0 ? "-" : ""
        let magnitude = abs(tenths)
        return magnitude % 10 == 0 ? "\(sign)\(magnitude / 10)" : "\(sign)\(magnitude / 10).\(magnitude % 10)"
    }

    /// An `id` that is a valid XML name: letters, digits, `-`, `_` and `.`, starting with a letter.
    static func sanitisedId(_ prefix: String, fallback: String) -> String {
        let allowed = prefix.unicodeScalars.map { scalar -> Character in
            let isASCIIAlphanumeric = scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar))
            return isASCIIAlphanumeric || scalar == "-" || scalar == "_" || scalar == "." ? Character(scalar) : "-"
        }
        let cleaned = String(allowed)
        guard let first = cleaned.unicodeScalars.first else { return fallback }
        return CharacterSet.letters.contains(first) || first == "_" ? cleaned : "\(fallback)-\(cleaned)"
    }

    /// The outer `<svg>` element around a body, with the accessible name and description every picture
    /// carries. `role="img"` makes assistive technology read the title and description, not every label.
    static func document(
        idPrefix: String, title: String, summary: String, width: Double, height: Double, body: SVGBuilder
    ) -> String {
        let titleId = "\(idPrefix)-title"
        let descId = "\(idPrefix)-desc"
        var svg = SVGBuilder()
        svg.open(
            "svg",
            [
                ("xmlns", "http://www.w3.org/2000/svg"),
                ("viewBox", "0 0 \(number(width)) \(number(height))"),
                ("role", "img"),
                ("aria-labelledby", "\(titleId) \(descId)"),
                ("font-family", PictureStyle.fontFamily),
                ("font-size", "14"),
                ("fill", PictureStyle.text),
            ])
        svg.element("title", [("id", titleId)], text: title)
        svg.element("desc", [("id", descId)], text: summary)
        svg.append(body)
        svg.close("svg")
        return svg.markup
    }
}

/// The colours, type and text fitting that the network pictures share. Colours come from
/// `docs/design.md`; `PictureStyleTests` checks the contrast of every pair used.
enum PictureStyle {
    /// System fonts, as the pages use. Written without quotes so the attribute needs no escaping.
    static let fontFamily = "system-ui, -apple-system, Segoe UI, Roboto, Helvetica Neue, Arial, sans-serif"

    static let text = "#0b0c0c"
    static let secondaryText = "#505a5f"
    static let white = "#ffffff"
    static let plum = "#4a1942"
    static let plumTint = "#f7f1f5"
    static let ember = "#e8913a"
    static let separator = "#b1b4b6"
    static let lightGrey = "#f3f2f1"

    /// The stroke (lines, outlines, headings: at least 4.5:1 on white, so it also serves as text) and the
    /// fill (a light tint that dark text reads on) for each role.
    static func colours(for role: NetworkRole) -> (stroke: String, fill: String) {
        switch role {
        case .family: ("#6e3619", "#fcd6c3")
        case .friend: ("#00703c", "#cce2d8")
        case .professional: ("#1d70b8", "#d2e2f1")
        case .other: ("#505a5f", "#e5e6e7")
        }
    }

    /// WCAG 2 contrast ratio of two `#rrggbb` colours.
    static func contrast(_ first: String, _ second: String) -> Double {
        let (a, b) = (luminance(first), luminance(second))
        return (max(a, b) + 0.05) / (min(a, b) + 0.05)
    }

    private static func luminance(_ hex: String) -> Double {
        let value = Int(hex.dropFirst(), radix: 16) ?? 0
        let channels = [(value >> 16) & 0xFF, (value >> 8) & 0xFF, value & 0xFF].map { channel -> Double in
            let c = Double(channel) / 255
            return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]
    }

    /// Collapses runs of white space (including new lines) into single spaces and trims the ends.
    static func singleLine(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// An estimate of the width of `text` in a proportional sans-serif font. The server cannot measure the
    /// font the browser will choose, so the estimate errs wide: measured in Chromium, it is within 3% of
    /// DejaVu Sans (the widest of the usual system fonts) and 10 to 25% over Arial, so a label is cut a
    /// little early rather than run into its neighbour.
    static func estimatedWidth(_ text: String, fontSize: Double, bold: Bool = false) -> Double {
        var ems = 0.0
        for character in text {
            ems += characterWidth(character)
        }
        return ems * fontSize * (bold ? 1.14 : 1.02)
    }

    private static func characterWidth(_ character: Character) -> Double {
        guard let scalar = character.unicodeScalars.first else { return 0 }
        if !scalar.isASCII {
            // East Asian scripts and emoji are about an em wide; accented Latin letters like their base.
            return scalar.value >= 0x2E80 ? 1.0 : 0.62
        }
        switch character {
        case "i", "l", "j", "!", "|", ".", ",", ":", ";", "'", "`": return 0.28
        case "f", "t", "r", "I", " ", "(", ")", "[", "]", "-", "/", "\"": return 0.35
        case "m", "w", "M", "W", "@": return 0.92
        case "A"..."Z": return 0.70
        case "0"..."9": return 0.56
        default: return 0.56
        }
    }

    /// The text, cut with an ellipsis where it would be wider than `maxWidth`.
    static func fitted(_ text: String, maxWidth: Double, fontSize: Double, bold: Bool = false) -> String {
        let line = singleLine(text)
        guard estimatedWidth(line, fontSize: fontSize, bold: bold) > maxWidth else { return line }
        var kept = Array(line)
        while !kept.isEmpty {
            kept.removeLast()
            while let last = kept.last, last == " " || last == "-" || last == "," { kept.removeLast() }
            let candidate = String(kept) + "…"
            if estimatedWidth(candidate, fontSize: fontSize, bold: bold) <= maxWidth { return candidate }
        }
        return "…"
    }

    /// "Jamie’s", or "James’s": British usage adds ’s to names ending in s too.
    static func possessive(_ name: String) -> String { "\(name)’s" }

    /// Up to two initials, for the middle of a node.
    static func initials(_ name: String) -> String {
        let words = singleLine(name).split(separator: " ").filter { $0.first?.isLetter ?? false }
        guard let first = words.first?.first else { return "" }
        guard words.count > 1, let last = words.last?.first else { return String(first).uppercased() }
        return (String(first) + String(last)).uppercased()
    }
}
