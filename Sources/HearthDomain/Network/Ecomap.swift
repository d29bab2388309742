import Foundation

/// Lays out and draws an ecomap. Positions are worked out around the focus person at (0, 0) and the
/// whole drawing is moved into the view box at the end.
///
/// Layout: each role gets a sector of the circle in proportion to its number of people (with a minimum,
/// so one friend still has room), family centred at the top, then clockwise friends, professionals and
/// other. Within a sector everyone has an angle of their own. People who live with the focus person sit
/// inside a dashed household boundary, the others outside it. When a ring is too crowded, neighbours
/// alternate between an inner and an outer ring (or more), so a large network grows outwards with
/// every label at full size, instead of shrinking until nothing can be read.
struct Ecomap {
    let focus: NetworkFocus
    let members: [NetworkMember]
    let idPrefix: String

    enum Metrics {
        static let focusRadius = 56.0
        static let nodeRadius = 22.0
        /// The least distance along a ring between neighbours: room for two labels side by side.
        static let spacing = 140.0
        static let labelWidth = 128.0
        static let widestLabel = 176.0
        /// The height of a label's three lines.
        static let labelHeight = 50.0
        static let firstRing = 150.0
        static let ringGap = 166.0
        /// From the outermost household ring to the boundary, so the boundary clears the labels.
        static let boundaryGap = 84.0
        static let margin = 24.0
        static let nameSize = 14.0
        static let detailSize = 12.5
        static let headingSize = 16.0
        static let minimumWidth = 640.0
    }

    struct Node {
        var member: NetworkMember
        var x: Double
        var y: Double
        var radius: Double
        /// How wide the label may be: wider than the minimum where the neighbours leave room.
        var labelWidth = Metrics.labelWidth

        /// In the upper part of the circle the label goes above the node, so that the node's own line,
        /// coming up from the centre, never runs through it.
        var labelAbove: Bool { y < -0.3 * radius }

        func labelBox(width: Double? = nil) -> PictureGeometry.Rect {
            let half = (width ?? labelWidth) / 2
            let top = labelAbove ? y - Metrics.nodeRadius - 8 - Metrics.labelHeight : y + Metrics.nodeRadius
            return PictureGeometry.Rect(minX: x - half, minY: top, maxX: x + half, maxY: top + Metrics.labelHeight)
        }

        /// The node, its star and its label.
        func box(width: Double? = nil) -> PictureGeometry.Rect {
            var box = PictureGeometry.Rect(
                minX: x - Metrics.nodeRadius, minY: y - Metrics.nodeRadius - 8, maxX: x + Metrics.nodeRadius + 8,
                maxY: y + Metrics.nodeRadius)
            box.include(labelBox(width: width))
            return box
        }
    }

    struct Sector {
        var role: NetworkRole
        var count: Int
        var start: Double
        var span: Double
        var middle: Double { start + span / 2 }
    }

    struct Layout {
        var nodes: [Node] = []
        var sectors: [Sector] = []
        var boundaryRadius: Double?
        /// The radius of the outermost ring that holds anyone.
        var outermostRing: Double = 0
    }

    // MARK: Layout

    func layout() -> Layout {
        var result = Layout()
        let groups = NetworkRole.allCases.map { role in members.filter { $0.role == role } }
        let minimumSpan = Metrics.spacing / Metrics.firstRing
        let spans = Self.sectorSpans(counts: groups.map(\.count), minimum: minimumSpan)
        guard let first = groups.firstIndex(where: { !$0.isEmpty }) else { return result }

        // Every member gets an angle of their own: a slot in their role's sector. Household members take
        // slots spread evenly through the sector and the others fill the gaps, so no line from the centre
        // runs straight through someone nearer in.
        var angle = -Double.pi / 2 - spans[first] / 2
        var slots: [(member: NetworkMember, angle: Double)] = []
        for (index, role) in NetworkRole.allCases.enumerated() where !groups[index].isEmpty {
            let group = groups[index]
            let sector = Sector(role: role, count: group.count, start: angle, span: spans[index])
            result.sectors.append(sector)
            let household = group.filter(\.livesWith)
            var outside = group.filter { !$0.livesWith }[...]
            var householdSlots = Set<Int>()
            for j in household.indices {
                householdSlots.insert(Int((Double(j) + 0.5) * Double(group.count) / Double(household.count)))
            }
            var nextHousehold = household[...]
            for slot in 0..<group.count {
                let member = householdSlots.contains(slot) ? nextHousehold.removeFirst() : outside.removeFirst()
                slots.append((member, sector.start + sector.span * (Double(slot) + 0.5) / Double(group.count)))
            }
            angle += spans[index]
        }

        // The first ring is far enough out that a line to a neighbouring slot clears a node on it.
        let narrowest = result.sectors.map { $0.span / Double($0.count) }.min() ?? Double.pi
        let firstRing = max(Metrics.firstRing, (Metrics.nodeRadius + 14) / sin(min(narrowest, Double.pi / 2)))

        let household = slots.filter(\.member.livesWith)
        let outside = slots.filter { !$0.member.livesWith }
        var householdRings = Self.ringCount(for: household.map(\.angle), firstRadius: firstRing)
        var outerRings = 0
        var outerPush = 0.0
        var place: (nodes: [Node], boundary: Double?, outerRadii: [Double], householdRadii: [Double]) = (
            [], nil, [], []
        )
        // Start from the fewest rings that space each ring's neighbours, then add rings (or room between
        // the household and the rest) until no node or label overlaps another. The ring spacing check is
        // enough at the top and bottom; on the diagonals a label's width and height both count, and only
        // trying the real boxes tells.
        for attempt in 0..<64 {
            let householdRadii = Self.radii(count: householdRings, from: firstRing)
            var outerStart = firstRing
            var boundary: Double?
            if let last = householdRadii.last {
                boundary = last + Metrics.boundaryGap
                outerStart = boundary! + Metrics.boundaryGap - 4 + outerPush
            }
            if attempt == 0 { outerRings = Self.ringCount(for: outside.map(\.angle), firstRadius: outerStart) }
            let outerRadii = Self.radii(count: outerRings, from: outerStart)
            var nodes: [Node] = []
            for (group, radii) in [(household, householdRadii), (outside, outerRadii)] {
                for (index, slot) in group.enumerated() {
                    let radius = radii[index % radii.count]
                    nodes.append(
                        Node(
                            member: slot.member, x: radius * cos(slot.angle), y: radius * sin(slot.angle),
                            radius: radius))
                }
            }
            place = (nodes, boundary, outerRadii, householdRadii)
            let inside = nodes.prefix(household.count)
            let beyond = nodes.dropFirst(household.count)
            if Self.overlap(beyond, beyond) {
                outerRings += 1
            } else if Self.overlap(inside, inside) {
                householdRings += 1
            } else if Self.overlap(inside, beyond) {
                outerPush += 24
            } else {
                break
            }
        }
        result.boundaryRadius = place.boundary
        result.outermostRing = (place.householdRadii + place.outerRadii).max() ?? 0
        result.nodes = Self.widenLabels(place.nodes)
        return result
    }

    static func radii(count: Int, from first: Double) -> [Double] {
        (0..<count).map { first + Double($0) * Metrics.ringGap }
    }

    /// Whether any node in the first group overlaps a different node in the second, labels and all.
    static func overlap(_ first: ArraySlice<Node>, _ second: ArraySlice<Node>) -> Bool {
        for a in first {
            // Every member has an angle of their own, so two nodes in the same place are the same node.
            for b in second where a.x != b.x || a.y != b.y {
                if a.box(width: Metrics.labelWidth).intersects(b.box(width: Metrics.labelWidth)) { return true }
            }
        }
        return false
    }

    /// The fewest rings that leave every node at least `Metrics.spacing` from its neighbours on the same
    /// ring, when consecutive nodes (in angle order) go to rings in turn: inner, outer, inner.
    static func ringCount(for angles: [Double], firstRadius: Double) -> Int {
        guard !angles.isEmpty else { return 0 }
        var count = 1
        while count < angles.count {
            let radii = radii(count: count, from: firstRadius)
            let fits = radii.indices.allSatisfy { ring in
                let onRing = stride(from: ring, to: angles.count, by: count).map { angles[$0] }
                guard onRing.count > 1 else { return true }
                var gaps = zip(onRing.dropFirst(), onRing).map { $0 - $1 }
                gaps.append(2 * Double.pi - (onRing.last! - onRing.first!))
                return gaps.allSatisfy { $0 * radii[ring] >= Metrics.spacing - 1e-6 }
            }
            if fits { break }
            count += 1
        }
        return count
    }

    /// Lets each label use the room its neighbours leave: the minimum width is always free (the ring
    /// spacing guarantees it), more only where no other label or the focus circle is level with it.
    static func widenLabels(_ nodes: [Node]) -> [Node] {
        nodes.map { node in
            var room = Metrics.widestLabel
            let mine = node.box(width: Metrics.labelWidth)
            for other in nodes where other.x != node.x || other.y != node.y {
                let theirs = other.box(width: Metrics.labelWidth)
                if mine.minY < theirs.maxY && theirs.minY < mine.maxY {
                    room = min(room, abs(other.x - node.x) - 14)
                }
            }
            if mine.minY < Metrics.focusRadius && -Metrics.focusRadius < mine.maxY {
                room = min(room, 2 * (abs(node.x) - Metrics.focusRadius - 10))
            }
            var widened = node
            widened.labelWidth = max(Metrics.labelWidth, room)
            return widened
        }
    }

    /// Shares the circle among the roles in proportion to their counts, giving each role that has anyone
    /// at least `minimum` radians. Roles with nobody get nothing.
    static func sectorSpans(counts: [Int], minimum: Double) -> [Double] {
        let whole = 2 * Double.pi
        var fixed = Set<Int>()
        while true {
            let free = counts.indices.filter { counts[$0] > 0 && !fixed.contains($0) }
            let remaining = whole - Double(fixed.count) * minimum
            let freeTotal = Double(free.map { counts[$0] }.reduce(0, +))
            let tooSmall = free.filter { remaining * Double(counts[$0]) / freeTotal < minimum }
            if tooSmall.isEmpty || free.count == tooSmall.count {
                return counts.indices.map { index in
                    if counts[index] == 0 { return 0 }
                    if fixed.contains(index) { return minimum }
                    return remaining * Double(counts[index]) / freeTotal
                }
            }
            fixed.formUnion(tooSmall)
        }
    }

    // MARK: Drawing

    func render() -> RenderedPicture {
        let layout = layout()
        let n = SVGBuilder.number
        let name = focus.phraseName

        // Bounds of everything drawn around (0, 0), before the key.
        var bounds = PictureGeometry.Rect(
            minX: -Metrics.focusRadius, minY: -Metrics.focusRadius, maxX: Metrics.focusRadius,
            maxY: Metrics.focusRadius)
        for node in layout.nodes {
            bounds.include(node.box())
        }
        if let boundary = layout.boundaryRadius {
            bounds.include(PictureGeometry.Rect(minX: -boundary, minY: -boundary, maxX: boundary, maxY: boundary + 24))
        }
        let headings = layout.sectors.map { sectorHeading($0, layout: layout) }
        for heading in headings { bounds.include(heading.bounds) }
        if members.isEmpty {
            bounds.include(PictureGeometry.Rect(minX: -200, minY: 0, maxX: 200, maxY: Metrics.focusRadius + 40))
        }

        let legend = legend(layout: layout)
        let width = max(
            bounds.width + 2 * Metrics.margin, Metrics.minimumWidth, legend.minimumWidth + 2 * Metrics.margin)
        let dx = (width - bounds.width) / 2 - bounds.minX
        let dy = Metrics.margin - bounds.minY
        let legendY = bounds.height + 2 * Metrics.margin
        let legendHeight = legend.height(width: width - 2 * Metrics.margin)
        let height = legendY + legendHeight + (legendHeight > 0 ? Metrics.margin : 0)

        var body = SVGBuilder()
        body.open("g", [("transform", "translate(\(n(dx)) \(n(dy)))")])

        if let boundary = layout.boundaryRadius {
            body.element(
                "circle",
                [
                    ("class", "h-network__household"), ("cx", "0"), ("cy", "0"), ("r", n(boundary)),
                    ("fill", PictureStyle.plumTint), ("stroke", PictureStyle.secondaryText), ("stroke-width", "2"),
                    ("stroke-dasharray", "9 6"),
                ])
        }

        for node in layout.nodes {
            let colours = PictureStyle.colours(for: node.member.role)
            let length = (node.x * node.x + node.y * node.y).squareRoot()
            let (ux, uy) = (node.x / length, node.y / length)
            let from = Metrics.focusRadius + 2
            let to = length - Metrics.nodeRadius - 2
            body.element(
                "line",
                [
                    ("x1", n(ux * from)), ("y1", n(uy * from)), ("x2", n(ux * to)), ("y2", n(uy * to)),
                    ("stroke", colours.stroke), ("stroke-width", node.member.importantToMe ? "5" : "2"),
                    ("stroke-linecap", "round"),
                ])
        }

        if let boundary = layout.boundaryRadius {
            // The boundary's name sits on the dashed line, where no line or label crosses it.
            let text = "Lives with \(name)"
            let label = householdLabel(text, boundary: boundary, layout: layout, headings: headings.map(\.bounds))
            body.element(
                "rect",
                [
                    ("x", n(label.minX)), ("y", n(label.minY)), ("width", n(label.width)), ("height", n(label.height)),
                    ("rx", "4"), ("fill", PictureStyle.white),
                ])
            body.element(
                "text",
                [
                    ("x", n(label.minX + label.width / 2)), ("y", n(label.maxY - 6)), ("text-anchor", "middle"),
                    ("font-weight", "700"), ("fill", PictureStyle.secondaryText),
                ],
                text: text)
        }
        drawFocus(into: &body)
        for node in layout.nodes { drawNode(node, into: &body) }
        for heading in headings {
            body.element("text", haloed(heading.attributes), text: heading.text)
        }
        if members.isEmpty {
            body.element(
                "text",
                [
                    ("x", "0"), ("y", n(Metrics.focusRadius + 32)), ("text-anchor", "middle"),
                    ("fill", PictureStyle.secondaryText),
                ],
                text: "No one has been added to \(PictureStyle.possessive(name)) network yet.")
        }
        body.close("g")
        legend.draw(into: &body, x: Metrics.margin, y: legendY, width: width - 2 * Metrics.margin)

        let title = "Ecomap of \(PictureStyle.possessive(focus.fullName)) network"
        let summary = summary(layout: layout)
        let svg = SVGBuilder.document(
            idPrefix: idPrefix, title: title, summary: summary, width: width, height: height, body: body)
        return RenderedPicture(
            svg: svg, title: title, summary: summary, textAlternative: table(layout: layout), width: width,
            height: height)
    }

    /// Where on the household boundary its name goes: the spot nearest the bottom that keeps clear of
    /// every line, node, label and heading.
    private func householdLabel(
        _ text: String, boundary: Double, layout: Layout, headings: [PictureGeometry.Rect]
    ) -> PictureGeometry.Rect {
        let width = PictureStyle.estimatedWidth(text, fontSize: 14, bold: true) + 12
        let height = 22.0
        var obstacles = headings
        var segments: [((Double, Double), (x: Double, y: Double))] = []
        for node in layout.nodes {
            obstacles.append(node.box())
            segments.append(((0, 0), (node.x, node.y)))
        }
        var best: PictureGeometry.Rect?
        var bestScore = -Double.infinity
        for step in 0..<37 {
            let offset = Double((step + 1) / 2) * (step.isMultiple(of: 2) ? 5 : -5)
            let a = (90 + offset) * Double.pi / 180
            let (cx, cy) = (boundary * cos(a), boundary * sin(a))
            let rect = PictureGeometry.Rect(
                minX: cx - width / 2, minY: cy - height / 2, maxX: cx + width / 2, maxY: cy + height / 2)
            var score = Double.infinity
            for segment in segments {
                score = min(score, PictureGeometry.distance(fromSegment: segment.0, segment.1, to: rect))
            }
            for obstacle in obstacles {
                let dx = max(obstacle.minX - rect.maxX, 0, rect.minX - obstacle.maxX)
                let dy = max(obstacle.minY - rect.maxY, 0, rect.minY - obstacle.maxY)
                score = min(score, hypot(dx, dy))
            }
            if score >= 8 { return rect }
            if score > bestScore + 1e-9 {
                best = rect
                bestScore = score
            }
        }
        return best!
    }

    /// A white outline behind text, so that a line passing behind a label never cuts through its letters.
    private func haloed(_ attributes: SVGBuilder.Attributes) -> SVGBuilder.Attributes {
        attributes + [
            ("stroke", PictureStyle.white), ("stroke-width", "4"), ("stroke-linejoin", "round"),
            ("paint-order", "stroke"),
        ]
    }

    private func drawFocus(into svg: inout SVGBuilder) {
        let n = SVGBuilder.number
        let r = Metrics.focusRadius
        svg.open("g", [("class", "h-network__focus")])
        svg.element("circle", [("cx", "0"), ("cy", "0"), ("r", n(r)), ("fill", PictureStyle.plum)])
        let words = focus.fullName.split(separator: " ").map(String.init)
        let lines = words.count > 1 ? [words[0], words.dropFirst().joined(separator: " ")] : words
        let size = 14.0
        for (index, line) in lines.enumerated() {
            let baseline = lines.count == 1 ? size * 0.35 : (index == 0 ? -3 : size + 1)
            // The chord of the circle at this line's height, less a little padding.
            let middle = abs(baseline - size * 0.35)
            let room = 2 * (r * r - middle * middle).squareRoot() - 14
            svg.element(
                "text",
                [
                    ("x", "0"), ("y", n(baseline)), ("text-anchor", "middle"), ("font-size", n(size)),
                    ("font-weight", "700"), ("fill", PictureStyle.white),
                ],
                text: PictureStyle.fitted(line, maxWidth: room, fontSize: size, bold: true))
        }
        svg.close("g")
    }

    private func drawNode(_ node: Node, into svg: inout SVGBuilder) {
        let n = SVGBuilder.number
        let member = node.member
        let colours = PictureStyle.colours(for: member.role)
        let r = Metrics.nodeRadius
        svg.open("g", [("class", "h-network__member")])
        svg.element(
            "circle",
            [
                ("cx", n(node.x)), ("cy", n(node.y)), ("r", n(r)), ("fill", colours.fill), ("stroke", colours.stroke),
                ("stroke-width", "2.5"),
            ])
        svg.element(
            "text",
            [
                ("x", n(node.x)), ("y", n(node.y + 4.5)), ("text-anchor", "middle"), ("font-size", "13"),
                ("font-weight", "700"),
            ],
            text: PictureStyle.initials(member.displayName))
        if member.importantToMe {
            svg.element("path", Self.star(x: node.x + r * 0.8, y: node.y - r * 0.8, radius: 9))
        }
        var lines: [(text: String, size: Double, bold: Bool, colour: String)] = [
            (member.fullName, Metrics.nameSize, true, PictureStyle.text),
            (member.relationshipPhrase, Metrics.detailSize, false, PictureStyle.secondaryText),
        ]
        if let organisation = member.organisation.map(PictureStyle.singleLine), !organisation.isEmpty {
            lines.append((organisation, Metrics.detailSize, false, PictureStyle.secondaryText))
        }
        // A label above its node sits on the node, however many lines it has.
        let missing = node.labelAbove ? Double(3 - lines.count) * (Metrics.detailSize + 3) : 0
        var baseline = node.labelBox().minY + 14 + missing
        for line in lines {
            svg.element(
                "text",
                haloed([
                    ("x", n(node.x)), ("y", n(baseline)), ("text-anchor", "middle"), ("font-size", n(line.size)),
                    ("font-weight", line.bold ? "700" : "400"), ("fill", line.colour),
                ]),
                text: PictureStyle.fitted(line.text, maxWidth: node.labelWidth, fontSize: line.size, bold: line.bold)
            )
            baseline += line.size + 3
        }
        svg.close("g")
    }

    /// A five-pointed star, the mark for "important to me" (with the thicker line, so it is not colour alone).
    static func star(x: Double, y: Double, radius: Double) -> SVGBuilder.Attributes {
        let n = SVGBuilder.number
        var points: [String] = []
        for index in 0..<10 {
            let r = index.isMultiple(of: 2) ? radius : radius * 0.45
            let a = -Double.pi / 2 + Double(index) * Double.pi / 5
            points.append("\(n(x + r * cos(a))) \(n(y + r * sin(a)))")
        }
        return [
            ("d", "M" + points.joined(separator: " L") + " Z"), ("fill", PictureStyle.ember),
            ("stroke", PictureStyle.text), ("stroke-width", "1.5"), ("stroke-linejoin", "round"),
        ]
    }

    private func sectorHeading(
        _ sector: Sector, layout: Layout
    ) -> (text: String, attributes: SVGBuilder.Attributes, bounds: PictureGeometry.Rect) {
        let n = SVGBuilder.number
        let a = sector.middle
        let (c, s) = (cos(a), sin(a))
        let edge = max(layout.outermostRing + Metrics.nodeRadius, layout.boundaryRadius ?? 0) + 18
        var x = edge * c
        // Above or below a node sits its label, so a heading at the top or bottom goes beyond it too.
        var y = edge * s + (abs(s) > 0.3 ? (Metrics.labelHeight + 8) * s : 0)
        let text = "\(sector.role.groupLabel) (\(sector.count))"
        let width = PictureStyle.estimatedWidth(text, fontSize: Metrics.headingSize, bold: true)
        let anchor: String
        var minX: Double
        if c > 0.35 {
            anchor = "start"
            minX = x
        } else if c < -0.35 {
            anchor = "end"
            minX = x - width
        } else {
            anchor = "middle"
            minX = x - width / 2
        }
        if s < -0.35 {
            y -= 2
        } else if s > 0.35 {
            y += Metrics.headingSize
        } else {
            y += Metrics.headingSize * 0.35
        }
        x = x.rounded()
        minX = minX.rounded()
        let colour = PictureStyle.colours(for: sector.role).stroke
        return (
            text,
            [
                ("x", n(x)), ("y", n(y)), ("text-anchor", anchor), ("font-size", n(Metrics.headingSize)),
                ("font-weight", "700"), ("fill", colour),
            ],
            PictureGeometry.Rect(minX: minX, minY: y - Metrics.headingSize, maxX: minX + width, maxY: y + 4)
        )
    }

    private func legend(layout: Layout) -> PictureLegend {
        var legend = PictureLegend()
        guard !members.isEmpty else { return legend }
        let name = focus.phraseName
        let n = SVGBuilder.number
        let dark = PictureStyle.secondaryText
        legend.add("In \(PictureStyle.possessive(name)) network") { svg, x, y in
            svg.element(
                "line",
                [
                    ("x1", n(x + 2)), ("y1", n(y + 12)), ("x2", n(x + 38)), ("y2", n(y + 12)), ("stroke", dark),
                    ("stroke-width", "2"), ("stroke-linecap", "round"),
                ])
        }
        if members.contains(where: \.importantToMe) {
            legend.add("Important to \(name)") { svg, x, y in
                svg.element(
                    "line",
                    [
                        ("x1", n(x + 2)), ("y1", n(y + 12)), ("x2", n(x + 24)), ("y2", n(y + 12)), ("stroke", dark),
                        ("stroke-width", "5"), ("stroke-linecap", "round"),
                    ])
                svg.element("path", Self.star(x: x + 32, y: y + 12, radius: 8))
            }
        }
        if layout.boundaryRadius != nil {
            legend.add("Lives with \(name)") { svg, x, y in
                svg.element(
                    "rect",
                    [
                        ("x", n(x + 2)), ("y", n(y + 2)), ("width", "36"), ("height", "20"), ("rx", "8"),
                        ("fill", PictureStyle.plumTint), ("stroke", dark), ("stroke-width", "2"),
                        ("stroke-dasharray", "6 4"),
                    ])
            }
        }
        for sector in layout.sectors {
            let colours = PictureStyle.colours(for: sector.role)
            legend.add(sector.role.groupLabel) { svg, x, y in
                svg.element(
                    "circle",
                    [
                        ("cx", n(x + 20)), ("cy", n(y + 12)), ("r", "10"), ("fill", colours.fill),
                        ("stroke", colours.stroke), ("stroke-width", "2.5"),
                    ])
            }
        }
        return legend
    }

    private func summary(layout: Layout) -> String {
        let name = focus.fullName
        guard !members.isEmpty else {
            return "\(name) is in the centre. No one has been added to the network yet."
        }
        let byRole = layout.sectors.map { sector -> String in
            switch sector.role {
            case .family: "\(sector.count) family"
            case .friend: counted(sector.count, "friend", "friends")
            case .professional: counted(sector.count, "professional", "professionals")
            case .other: "\(sector.count) other"
            }
        }
        var sentences = [
            "\(name) is in the centre, with \(counted(members.count, "person", "people")) around: \(listed(byRole))."
        ]
        let household = members.filter(\.livesWith).count
        if household > 0 {
            let verb = household == 1 ? "lives" : "live"
            sentences.append("\(household) \(verb) with \(focus.phraseName), inside the dashed line.")
        }
        let important = members.filter(\.importantToMe).count
        if important > 0 {
            let verb = important == 1 ? "is" : "are"
            sentences.append("\(important) \(verb) important to \(focus.phraseName) (thick line and star).")
        }
        sentences.append("The table lists everyone.")
        return sentences.joined(separator: " ")
    }

    /// Everyone, grouped by role in the picture's order, with the full name and every detail.
    private func table(layout: Layout) -> PictureTable {
        let name = focus.phraseName
        var rows: [[String]] = []
        for role in NetworkRole.allCases {
            for member in members where member.role == role {
                var notes: [String] = []
                if let organisation = member.organisation.map(PictureStyle.singleLine), !organisation.isEmpty {
                    notes.append(organisation)
                }
                if member.isDeceased { notes.append("Died") }
                rows.append([
                    role.groupLabel, member.fullName,
                    PictureStyle.singleLine(member.relationship).isEmpty
                        ? member.kind.label : PictureStyle.singleLine(member.relationship),
                    member.livesWith ? "Yes" : "No", member.importantToMe ? "Yes" : "No", notes.joined(separator: ". "),
                ])
            }
        }
        return PictureTable(
            caption: "People in \(PictureStyle.possessive(focus.fullName)) network",
            columns: [
                "Group", "Name", "Relationship to \(name)", "Lives with \(name)", "Important to \(name)", "Notes",
            ],
            rowHeaderColumn: 1, rows: rows)
    }
}

/// Small geometry helpers for keeping lines clear of labels.
enum PictureGeometry {
    struct Rect {
        var minX: Double
        var minY: Double
        var maxX: Double
        var maxY: Double

        var width: Double { maxX - minX }
        var height: Double { maxY - minY }

        mutating func include(_ other: Rect) {
            minX = min(minX, other.minX)
            minY = min(minY, other.minY)
            maxX = max(maxX, other.maxX)
            maxY = max(maxY, other.maxY)
        }

        func intersects(_ other: Rect) -> Bool {
            minX < other.maxX && other.minX < maxX && minY < other.maxY && other.minY < maxY
        }

        func contains(_ point: (Double, Double)) -> Bool {
            point.0 >= minX && point.0 <= maxX && point.1 >= minY && point.1 <= maxY
        }
    }

    static func distance(fromSegment a: (Double, Double), _ b: (x: Double, y: Double), to p: (Double, Double)) -> Double
    {
        let (dx, dy) = (b.x - a.0, b.y - a.1)
        let lengthSquared = dx * dx + dy * dy
        guard lengthSquared > 0 else { return hypot(p.0 - a.0, p.1 - a.1) }
        let t = max(0, min(1, ((p.0 - a.0) * dx + (p.1 - a.1) * dy) / lengthSquared))
        return hypot(p.0 - (a.0 + t * dx), p.1 - (a.1 + t * dy))
    }

    /// The distance from a segment to a rectangle: zero when they touch.
    static func distance(fromSegment a: (Double, Double), _ b: (x: Double, y: Double), to rect: Rect) -> Double {
        if rect.contains(a) || rect.contains((b.x, b.y)) { return 0 }
        let corners = [
            (rect.minX, rect.minY), (rect.maxX, rect.minY), (rect.maxX, rect.maxY), (rect.minX, rect.maxY),
        ]
        for index in 0..<4 where segmentsIntersect(a, (b.x, b.y), corners[index], corners[(index + 1) % 4]) {
            return 0
        }
        var best = corners.map { distance(fromSegment: a, b, to: $0) }.min() ?? .infinity
        for point in [a, (b.x, b.y)] {
            let dx = max(rect.minX - point.0, 0, point.0 - rect.maxX)
            let dy = max(rect.minY - point.1, 0, point.1 - rect.maxY)
            best = min(best, hypot(dx, dy))
        }
        return best
    }

    static func segmentsIntersect(
        _ p1: (Double, Double), _ p2: (Double, Double), _ q1: (Double, Double), _ q2: (Double, Double)
    ) -> Bool {
        func cross(_ o: (Double, Double), _ a: (Double, Double), _ b: (Double, Double)) -> Double {
            (a.0 - o.0) * (b.1 - o.1) - (a.1 - o.1) * (b.0 - o.0)
        }
        let d1 = cross(q1, q2, p1)
        let d2 = cross(q1, q2, p2)
        let d3 = cross(p1, p2, q1)
        let d4 = cross(p1, p2, q2)
        return (d1 * d2 < 0) && (d3 * d4 < 0)
    }
}
