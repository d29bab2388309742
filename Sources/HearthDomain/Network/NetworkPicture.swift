import Foundation

/// The two pictures of a person's network, drawn as SVG on the server, each with a table that says the
/// same thing in words.
///
/// Both are pure functions of their input: the same focus person and members, in the same order, give
/// the same bytes, so a picture can be cached, compared in a test or diffed in a review.
public enum NetworkPicture {
    /// An ecomap: the focus person in the centre, everyone else around them in sectors by role (family,
    /// friends, professionals, other), with a dashed boundary round the household. Thicker lines and a
    /// star mark the people the focus person says are important to them.
    ///
    /// - Parameters:
    ///   - focus: the person the network belongs to.
    ///   - members: everyone in the network, in the order they should be placed within their sector.
    ///   - idPrefix: the start of every `id` in the SVG, so that several pictures can share a page.
    public static func ecomap(
        focus: NetworkFocus, members: [NetworkMember], idPrefix: String = "ecomap"
    ) -> RenderedPicture {
        Ecomap(focus: focus, members: members, idPrefix: SVGBuilder.sanitisedId(idPrefix, fallback: "ecomap"))
            .render()
    }

    /// A genogram: the focus person's family in rows by generation (grandparents at the top), with the
    /// common symbols: a square for a male, a circle for a female, a diamond with "?" where sex is not
    /// recorded, a cross through someone who has died, and a double outline round the focus person.
    /// Partners are joined by a line, and children hang from their parents by a sibling bar.
    ///
    /// Only members whose role is family are drawn; the summary and table say how many others there
    /// are (they belong on the ecomap).
    ///
    /// - Parameters:
    ///   - relationships: the relationships recorded between members, from which the genogram works out
    ///     the `relatedThrough` of any member who has none.
    public static func genogram(
        focus: NetworkFocus, members: [NetworkMember], relationships: [MemberRelationship] = [],
        idPrefix: String = "genogram"
    ) -> RenderedPicture {
        Genogram(
            focus: focus, members: members, relationships: relationships,
            idPrefix: SVGBuilder.sanitisedId(idPrefix, fallback: "genogram")
        ).render()
    }
}

extension NetworkFocus {
    /// The short name, or a neutral phrase when no name has been recorded.
    var phraseName: String {
        let name = PictureStyle.singleLine(shortName)
        return name.isEmpty ? "this person" : name
    }

    var fullName: String {
        let name = PictureStyle.singleLine(displayName)
        return name.isEmpty ? "Name not recorded" : name
    }
}

extension NetworkMember {
    var fullName: String {
        let name = PictureStyle.singleLine(displayName)
        return name.isEmpty ? "Name not recorded" : name
    }

    /// The relationship as the picture words it, with "(died)" so that it is never shown by a symbol alone.
    var relationshipPhrase: String {
        let words = PictureStyle.singleLine(relationship)
        let base = words.isEmpty ? kind.label : words
        return isDeceased ? "\(base) (died)" : base
    }
}

/// "1 person", "3 people" and the like.
public func counted(_ count: Int, _ singular: String, _ plural: String) -> String {
    "\(count) \(count == 1 ? singular : plural)"
}

/// A code as words, for codes with no label of their own: "safety-plan" reads "Safety plan".
public func codeInWords(_ code: String) -> String {
    let words = code.replacingOccurrences(of: "-", with: " ")
    return words.prefix(1).uppercased() + words.dropFirst()
}

/// "a, b and c".
public func listed(_ items: [String]) -> String {
    switch items.count {
    case 0: ""
    case 1: items[0]
    default: items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
    }
}
