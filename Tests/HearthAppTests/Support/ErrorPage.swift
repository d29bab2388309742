import Foundation
import Testing

/// What a form page drawn again with errors must show, the GOV.UK way: a title that starts "Error: "
/// (once, and never in the visible heading), an error summary whose every link goes to something on the
/// page, and for each field named a message beside it, in a form group marked as in error, that the
/// field's `aria-describedby` points at.
enum ErrorPage {
    static func expectValid(
        _ html: String, fields: [String], sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let title = between(html, "<title>", "</title>") ?? ""
        #expect(title.hasPrefix("Error: "), "title: \(title)", sourceLocation: sourceLocation)
        #expect(!title.hasPrefix("Error: Error:"), "title: \(title)", sourceLocation: sourceLocation)
        let heading = between(html, "<h1", "</h1>") ?? ""
        #expect(!heading.contains("Error:"), "heading: \(heading)", sourceLocation: sourceLocation)

        let links = summaryLinks(html)
        #expect(!links.isEmpty, "no error summary links", sourceLocation: sourceLocation)
        for target in links {
            #expect(
                html.contains("id=\"\(target)\""), "summary links to #\(target), not on the page",
                sourceLocation: sourceLocation)
        }
        for field in fields {
            #expect(links.contains(field), "the summary does not link to #\(field)", sourceLocation: sourceLocation)
            let message =
                "<p id=\"\(field)-error\" class=\"h-error-message\"><span class=\"h-visually-hidden\">Error:</span>"
            guard let at = html.range(of: message) else {
                Issue.record(Comment(rawValue: "no message beside \(field)"), sourceLocation: sourceLocation)
                continue
            }
            // The nearest form group before the message is the field's, and is marked as in error.
            let group =
                html[..<at.lowerBound].range(of: "class=\"h-form-group", options: .backwards)
                .map { html[$0.lowerBound...].prefix(while: { $0 != ">" }) } ?? ""
            #expect(group.contains("h-form-group--error"), "\(field)'s group: \(group)", sourceLocation: sourceLocation)
            if let control = controlTag(html, id: field) {
                let describedBy = between(control, "aria-describedby=\"", "\"") ?? ""
                #expect(
                    describedBy.split(separator: " ").map(String.init).contains("\(field)-error"),
                    "\(field) is not described by its message: \(control)", sourceLocation: sourceLocation)
            }
        }
    }

    /// The fragment ids the error summary links to, in order.
    static func summaryLinks(_ html: String) -> [String] {
        guard let start = html.range(of: "class=\"h-error-summary\""),
            let end = html.range(of: "</ul>", range: start.upperBound..<html.endIndex)
        else { return [] }
        return html[start.upperBound..<end.lowerBound].components(separatedBy: "href=\"#").dropFirst().compactMap {
            $0.split(separator: "\"", maxSplits: 1).first.map(String.init)
        }
    }

    /// The input, textarea or select with this id; nil when the id is on something else (a fieldset, a
    /// group of checkboxes), which has no `aria-describedby` of its own to check.
    static func controlTag(_ html: String, id: String) -> String? {
        guard let at = html.range(of: "id=\"\(id)\"") else { return nil }
        guard let open = html[..<at.lowerBound].range(of: "<", options: .backwards) else { return nil }
        let tag = String(html[open.lowerBound...].prefix(while: { $0 != ">" }))
        return ["<input", "<textarea", "<select"].contains { tag.hasPrefix($0) } ? tag : nil
    }

    static func between(_ text: String, _ start: String, _ end: String) -> String? {
        guard let from = text.range(of: start), let to = text.range(of: end, range: from.upperBound..<text.endIndex)
        else { return nil }
        return String(text[from.upperBound..<to.lowerBound])
    }
}
