import Foundation

/// Lays out and draws a genogram: the focus person's family in rows by generation, oldest at the top.
///
/// The picture is built from couples. Every line down to children starts at the middle of the line
/// joining two people, as genograms conventionally draw it. Where only one parent of a group of children
/// is recorded (a half-sibling's other parent, a grandmother without a grandfather), a small dotted
/// "not recorded" mark stands in for the other, so the line still has somewhere honest to start. A person
/// whose link is not recorded (no `relatedThrough` where it is needed, and no relationship between members
/// to find it from) is drawn in their row without a line rather than attached by a guess.
struct Genogram {
    let focus: NetworkFocus
    let members: [NetworkMember]
    let idPrefix: String

    init(focus: NetworkFocus, members: [NetworkMember], relationships: [MemberRelationship] = [], idPrefix: String) {
        self.focus = focus
        self.members = members.linked(by: relationships)
        self.idPrefix = idPrefix
    }

    enum Metrics {
        static let half = 22.0
        /// Centre to centre within a row: room for two labels side by side.
        static let slot = 156.0
        static let labelWidth = 142.0
        static let rowGap = 176.0
        static let margin = 24.0
        static let nameSize = 14.0
        static let detailSize = 12.5
        static let minimumWidth = 640.0
        static let placeholderHalf = 13.0
    }

    enum LineStyle {
        /// Parents, a step-parent and their partner, grandparents.
        case couple
        /// A parent's partner or the focus person's partner: together, not married.
        case partners
        /// Joined to a "not recorded" mark.
        case unrecorded
    }

    struct Person {
        var member: NetworkMember?
        var isFocus = false
        var isPlaceholder = false
        var generation: Int
        var x = 0.0

        var sex: NetworkMember.Sex {
            if isFocus { return .unknown }
            return member?.sex ?? .unknown
        }
    }

    struct Partnership {
        var first: Int
        var second: Int
        var style: LineStyle
    }

    /// Two parents (one may be a placeholder) and the children drawn below them.
    struct Family {
        var parents: (Int, Int)?
        var children: [Int]
    }

    struct Layout {
        var people: [Person] = []
        /// Each row's people, left to right, by generation.
        var rows: [Int: [Int]] = [:]
        var partnerships: [Partnership] = []
        var families: [Family] = []
        var generations: [Int] { rows.keys.sorted() }
    }

    var family: [NetworkMember] { members.filter { $0.role == .family } }

    // MARK: Layout

    // One long function on purpose: it reads top to bottom as the order the rows are built in.
    func layout() -> Layout {
        var layout = Layout()
        func add(_ person: Person) -> Int {
            layout.people.append(person)
            return layout.people.count - 1
        }
        func placeholder(_ generation: Int) -> Int {
            add(Person(member: nil, isPlaceholder: true, generation: generation))
        }

        let focusIndex = add(Person(member: nil, isFocus: true, generation: 0))
        var indexById: [UUID: Int] = [:]
        // A member is drawn where their kind belongs only when their generation is the kind's usual one;
        // anyone moved to another row is placed there without lines.
        func structural(_ kinds: Set<RelationshipKind>) -> [Int] {
            family.compactMap { member in
                guard kinds.contains(member.kind), member.generation == member.kind.defaultGeneration else {
                    return nil
                }
                return indexById[member.id]
            }
        }
        for member in family {
            indexById[member.id] = add(Person(member: member, generation: member.generation))
        }
        func member(_ index: Int) -> NetworkMember? { layout.people[index].member }
        func linked(_ candidates: [Int], to target: Int) -> [Int] {
            candidates.filter { index in member(index)?.relatedThrough.flatMap { indexById[$0] } == target }
        }
        func byBirth(_ indices: [Int]) -> [Int] {
            indices.enumerated().sorted { lhs, rhs in
                let a = birthYear(layout.people[lhs.element]) ?? Int.max
                let b = birthYear(layout.people[rhs.element]) ?? Int.max
                return a != b ? a < b : lhs.offset < rhs.offset
            }.map(\.element)
        }

        // The parents' row: the central couple, with anyone else's partner beside them on the outside.
        let parents = structural([.father, .mother]).enumerated().sorted { lhs, rhs in
            let order: (NetworkMember.Sex) -> Int = { $0 == .male ? 0 : $0 == .female ? 1 : 2 }
            let (a, b) = (order(layout.people[lhs.element].sex), order(layout.people[rhs.element].sex))
            return a != b ? a < b : lhs.offset < rhs.offset
        }.map(\.element)
        var left: Int?
        var right: Int?
        if parents.count >= 2 {
            (left, right) = (parents[0], parents[1])
        } else if let only = parents.first {
            if layout.people[only].sex == .male {
                (left, right) = (only, placeholder(-1))
            } else {
                (left, right) = (placeholder(-1), only)
            }
        }
        if let left, let right {
            let style: LineStyle =
                layout.people[left].isPlaceholder || layout.people[right].isPlaceholder ? .unrecorded : .couple
            layout.partnerships.append(Partnership(first: left, second: right, style: style))
        }
        let parentPartners = structural([.stepParent, .parentsPartner])
        let halfSiblings = structural([.halfSibling])
        let realParents = [left, right].compactMap { $0 }.filter { !layout.people[$0].isPlaceholder }

        // For each real parent, outward from the couple: a mark for the unrecorded other parent of any
        // half-siblings through them, then their partners (those with children first).
        var outward: [Int: [Int]] = [:]
        var halfSiblingSide: [Int: [Int]] = [:]
        for parent in realParents {
            var items: [Int] = []
            var side: [Int] = []
            let direct = byBirth(linked(halfSiblings, to: parent))
            if !direct.isEmpty {
                let mark = placeholder(-1)
                items.append(mark)
                layout.partnerships.append(Partnership(first: parent, second: mark, style: .unrecorded))
                layout.families.append(Family(parents: (parent, mark), children: direct))
                side += direct
            }
            let partners = linked(parentPartners, to: parent)
            let withChildren = partners.filter { !linked(halfSiblings, to: $0).isEmpty }
            for partner in withChildren + partners.filter({ !withChildren.contains($0) }) {
                items.append(partner)
                let kind = member(partner)?.kind
                layout.partnerships.append(
                    Partnership(first: parent, second: partner, style: kind == .stepParent ? .couple : .partners))
                let children = byBirth(linked(halfSiblings, to: partner))
                if !children.isEmpty {
                    layout.families.append(Family(parents: (parent, partner), children: children))
                    side += children
                }
            }
            outward[parent] = items
            halfSiblingSide[parent] = side
        }
        var parentRow: [Int] = []
        if let left, let right {
            parentRow = (outward[left] ?? []).reversed() + [left, right] + (outward[right] ?? [])
        }
        parentRow += parents.dropFirst(2)
        let placedSoFar = Set(parentRow)
        parentRow += family.compactMap { indexById[$0.id] }.filter { index in
            layout.people[index].generation == -1 && !placedSoFar.contains(index)
        }

        // The focus person's row: half-siblings on their parent's side, then the focus person and full
        // siblings in order of birth (eldest on the left), then the focus person's partner.
        let siblings = structural([.sibling])
        var block = byBirth([focusIndex] + siblings)
        let partners = structural([.partner])
        let children = structural([.child])
        var focusSide: [Int] = []
        if !partners.isEmpty || !children.isEmpty {
            // The focus person moves to the end of the block so their partner can stand beside them.
            block.removeAll { $0 == focusIndex }
            block.append(focusIndex)
            // Partners with children stand nearest, then the mark for children whose other parent is not
            // recorded, then partners without children.
            var withChildren: [Int] = []
            var withoutChildren: [Int] = []
            for partner in partners {
                let theirs = linked(children, to: partner)
                layout.partnerships.append(Partnership(first: focusIndex, second: partner, style: .partners))
                if theirs.isEmpty {
                    withoutChildren.append(partner)
                } else {
                    withChildren.append(partner)
                    layout.families.append(Family(parents: (focusIndex, partner), children: byBirth(theirs)))
                }
            }
            focusSide = withChildren
            let others = children.filter { child in !partners.contains { linked([child], to: $0) == [child] } }
            if !others.isEmpty {
                let mark = placeholder(0)
                focusSide.append(mark)
                layout.partnerships.append(Partnership(first: focusIndex, second: mark, style: .unrecorded))
                layout.families.append(Family(parents: (focusIndex, mark), children: byBirth(others)))
            }
            focusSide += withoutChildren
        }
        if let left, let right {
            layout.families.insert(Family(parents: (left, right), children: block), at: 0)
        } else if block.count > 1 {
            layout.families.insert(Family(parents: nil, children: block), at: 0)
        }
        let leftHalf = left.map { halfSiblingSide[$0] ?? [] } ?? []
        let rightHalf = right.map { halfSiblingSide[$0] ?? [] } ?? []
        var ownRow = leftHalf.reversed() + block + focusSide + rightHalf
        let ownPlaced = Set(ownRow)
        ownRow += family.compactMap { indexById[$0.id] }.filter { index in
            layout.people[index].generation == 0 && !ownPlaced.contains(index)
        }

        // Grandparents above the parent they are related through, as a couple (with a mark for one not
        // recorded).
        let grandparents = structural([.grandparent])
        var grandparentRow: [Int] = []
        for parent in parentRow where !layout.people[parent].isPlaceholder {
            let through = linked(grandparents, to: parent).sorted { lhs, rhs in
                let order: (NetworkMember.Sex) -> Int = { $0 == .male ? 0 : $0 == .female ? 1 : 2 }
                return order(layout.people[lhs].sex) < order(layout.people[rhs].sex)
            }
            guard !through.isEmpty else { continue }
            var couple = Array(through.prefix(2))
            if couple.count == 1 {
                let mark = placeholder(-2)
                // The mark goes on the outside, away from the other side of the family.
                couple = parent == left ? [mark, couple[0]] : [couple[0], mark]
            }
            let style: LineStyle = couple.contains { layout.people[$0].isPlaceholder } ? .unrecorded : .couple
            layout.partnerships.append(Partnership(first: couple[0], second: couple[1], style: style))
            layout.families.append(Family(parents: (couple[0], couple[1]), children: [parent]))
            grandparentRow += couple + through.dropFirst(2)
        }

        // Children and grandchildren below the focus person.
        var childRow = layout.families.filter { $0.parents.map { $0.0 == focusIndex } ?? false }.flatMap(\.children)
        var grandchildRow: [Int] = []
        let grandchildren = structural([.grandchild])
        for child in childRow {
            let through = byBirth(linked(grandchildren, to: child))
            guard !through.isEmpty else { continue }
            let mark = placeholder(1)
            childRow.insert(mark, at: childRow.firstIndex(of: child)! + 1)
            layout.partnerships.append(Partnership(first: child, second: mark, style: .unrecorded))
            layout.families.append(Family(parents: (child, mark), children: through))
            grandchildRow += through
        }

        // Anyone not placed by now (a link not recorded, or a generation moved from the usual one) goes at
        // the end of their row, without lines.
        layout.rows = [-2: grandparentRow, -1: parentRow, 0: ownRow, 1: childRow, 2: grandchildRow]
        let placed = Set(layout.rows.values.joined())
        for (index, person) in layout.people.enumerated()
        where !person.isFocus && !person.isPlaceholder && !placed.contains(index) {
            layout.rows[person.generation, default: []].append(index)
        }
        layout.rows = layout.rows.filter { !$0.value.isEmpty }
        position(&layout, focusIndex: focusIndex, block: block)
        return layout
    }

    private func birthYear(_ person: Person) -> Int? {
        person.isFocus ? focus.birthYear : person.member?.birthYear
    }

    /// Sets each person's x: the focus person's row evenly spaced, then each row above centred over the
    /// people it connects to, each row below centred under them, pushed apart where they would overlap.
    private func position(_ layout: inout Layout, focusIndex: Int, block: [Int]) {
        let slot = Metrics.slot
        for (position, index) in (layout.rows[0] ?? []).enumerated() {
            layout.people[index].x = Double(position) * slot
        }
        let blockXs = block.map { layout.people[$0].x }
        let centre = blockXs.isEmpty ? 0 : (blockXs.min()! + blockXs.max()!) / 2

        let generations = layout.generations
        for generation in generations.filter({ $0 < 0 }).sorted(by: >) {
            let row = layout.rows[generation] ?? []
            var desired = Array(repeating: Double.nan, count: row.count)
            // Couples with children in the row below sit over them. A parent already placed (over the
            // focus person) keeps their place; their other partners then follow them in the sweep.
            for family in layout.families {
                guard case let (a, b)? = family.parents, let ia = row.firstIndex(of: a), let ib = row.firstIndex(of: b),
                    !family.children.isEmpty, desired[ia].isNaN, desired[ib].isNaN
                else { continue }
                let xs = family.children.map { layout.people[$0].x }
                let middle = (xs.min()! + xs.max()!) / 2
                let gap = generation == -1 && family.children.contains(focusIndex) ? coupleGap(layout, a, b) : slot
                desired[ia] = middle - gap / 2 * (ia < ib ? 1 : -1)
                desired[ib] = middle + gap / 2 * (ia < ib ? 1 : -1)
            }
            // A parent's other partner stands where the line down from the middle of the couple lands
            // straight on their children, as far out as that takes.
            for family in layout.families {
                guard case let (a, b)? = family.parents, let ia = row.firstIndex(of: a), let ib = row.firstIndex(of: b),
                    !family.children.isEmpty, desired[ia].isNaN != desired[ib].isNaN
                else { continue }
                let (placed, free) = desired[ia].isNaN ? (ib, ia) : (ia, ib)
                let xs = family.children.map { layout.people[$0].x }
                let wish = (xs.min()! + xs.max()!) - desired[placed]
                let outwards = free > placed ? wish >= desired[placed] + slot : wish <= desired[placed] - slot
                if outwards { desired[free] = wish }
            }
            // The rest keep their order and line up beside their neighbours.
            let xs = sweep(desired, fallbackCentre: centre)
            for (position, index) in row.enumerated() { layout.people[index].x = xs[position] }
        }
        for generation in generations.filter({ $0 > 0 }).sorted() {
            let row = layout.rows[generation] ?? []
            var desired = Array(repeating: Double.nan, count: row.count)
            for family in layout.families {
                guard case let (a, b)? = family.parents else { continue }
                let positions = family.children.compactMap { row.firstIndex(of: $0) }
                guard !positions.isEmpty else { continue }
                let middle = (layout.people[a].x + layout.people[b].x) / 2
                let start = middle - Double(positions.count - 1) * slot / 2
                for (offset, position) in positions.enumerated() { desired[position] = start + Double(offset) * slot }
            }
            let xs = sweep(desired, fallbackCentre: layout.people[focusIndex].x)
            for (position, index) in row.enumerated() { layout.people[index].x = xs[position] }
        }
    }

    /// How far apart the central couple stands: one slot, or two when both have parents drawn above them,
    /// so the two pairs of grandparents fit side by side.
    private func coupleGap(_ layout: Layout, _ a: Int, _ b: Int) -> Double {
        func hasParents(_ child: Int) -> Bool {
            layout.families.contains { $0.children == [child] && $0.parents != nil }
        }
        return hasParents(a) && hasParents(b) ? 2 * Metrics.slot : Metrics.slot
    }

    /// Turns wished-for positions (NaN where there is no wish) into positions at least a slot apart,
    /// keeping the order. People with no wish follow their left neighbour; a row with no wishes at all
    /// is centred on `fallbackCentre`.
    private func sweep(_ desired: [Double], fallbackCentre: Double) -> [Double] {
        let slot = Metrics.slot
        guard !desired.isEmpty else { return [] }
        if desired.allSatisfy(\.isNaN) {
            let start = fallbackCentre - Double(desired.count - 1) * slot / 2
            return desired.indices.map { start + Double($0) * slot }
        }
        var xs = desired
        // Leading people without a wish stand to the left of the first who has one.
        let firstWish = xs.firstIndex { !$0.isNaN }!
        for index in stride(from: firstWish - 1, through: 0, by: -1) { xs[index] = xs[index + 1] - slot }
        for index in xs.indices.dropFirst() {
            let least = xs[index - 1] + slot
            xs[index] = xs[index].isNaN ? least : max(xs[index], least)
        }
        return xs
    }

    // MARK: Drawing

    func render() -> RenderedPicture {
        let layout = layout()
        let n = SVGBuilder.number
        let generations = layout.generations
        let top = generations.first ?? 0
        func y(_ generation: Int) -> Double { Double(generation - top) * Metrics.rowGap }

        var bounds = PictureGeometry.Rect(
            minX: -Metrics.half, minY: -Metrics.half - 8, maxX: Metrics.half, maxY: Metrics.half)
        for person in layout.people {
            let py = y(person.generation)
            bounds.include(
                PictureGeometry.Rect(
                    minX: person.x - Metrics.labelWidth / 2, minY: py - Metrics.half - 10,
                    maxX: person.x + Metrics.labelWidth / 2, maxY: py + Metrics.half + 56))
        }
        // Lines between partners who are not side by side loop above the row.
        bounds.minY -= 24
        if family.isEmpty {
            bounds.include(PictureGeometry.Rect(minX: -200, minY: 0, maxX: 200, maxY: Metrics.half + 90))
        }
        let legend = legend(layout)
        let width = max(
            bounds.width + 2 * Metrics.margin, Metrics.minimumWidth, legend.minimumWidth + 2 * Metrics.margin)
        let dx = (width - bounds.width) / 2 - bounds.minX
        let dy = Metrics.margin - bounds.minY
        let legendY = bounds.height + 2 * Metrics.margin
        let legendHeight = legend.height(width: width - 2 * Metrics.margin)
        let height = legendY + legendHeight + (legendHeight > 0 ? Metrics.margin : 0)

        var body = SVGBuilder()
        body.open("g", [("transform", "translate(\(n(dx)) \(n(dy)))")])
        drawLines(layout, y: y, into: &body)
        for person in layout.people {
            if person.isPlaceholder {
                drawPlaceholder(x: person.x, y: y(person.generation), into: &body)
            } else {
                drawPerson(person, y: y(person.generation), into: &body)
            }
        }
        if family.isEmpty {
            body.element(
                "text",
                [
                    ("x", "0"), ("y", n(Metrics.half + 84)), ("text-anchor", "middle"),
                    ("fill", PictureStyle.secondaryText),
                ],
                text: "No family members have been added yet.")
        }
        body.close("g")
        legend.draw(into: &body, x: Metrics.margin, y: legendY, width: width - 2 * Metrics.margin)

        let title = "Genogram of \(PictureStyle.possessive(focus.fullName)) family"
        let summary = summary(layout)
        let svg = SVGBuilder.document(
            idPrefix: idPrefix, title: title, summary: summary, width: width, height: height, body: body)
        return RenderedPicture(
            svg: svg, title: title, summary: summary, textAlternative: table(layout), width: width, height: height)
    }

    private func stroke(_ style: LineStyle) -> SVGBuilder.Attributes {
        switch style {
        case .couple: [("stroke", PictureStyle.text), ("stroke-width", "2")]
        case .partners: [("stroke", PictureStyle.text), ("stroke-width", "2"), ("stroke-dasharray", "8 5")]
        case .unrecorded:
            [("stroke", PictureStyle.secondaryText), ("stroke-width", "2"), ("stroke-dasharray", "2 4")]
        }
    }

    private func drawLines(_ layout: Layout, y: (Int) -> Double, into svg: inout SVGBuilder) {
        let n = SVGBuilder.number
        let half = Metrics.half
        func edge(_ index: Int) -> Double {
            let person = layout.people[index]
            return person.isPlaceholder ? Metrics.placeholderHalf : person.isFocus ? half + 6 : half
        }
        func adjacent(_ a: Int, _ b: Int) -> Bool {
            guard let row = layout.rows[layout.people[a].generation],
                let ia = row.firstIndex(of: a), let ib = row.firstIndex(of: b)
            else { return false }
            return abs(ia - ib) == 1
        }
        svg.open("g", [("class", "h-genogram__lines"), ("fill", "none"), ("stroke-linecap", "round")])
        var loops = 0
        // Where the line down to a couple's children starts, for couples who are not side by side: on their
        // loop, in the gap beside the partner.
        var loopAnchors: [(first: Int, second: Int, x: Double, y: Double)] = []
        for partnership in layout.partnerships {
            let (a, b) = (layout.people[partnership.first], layout.people[partnership.second])
            let py = y(a.generation)
            let (l, r) = a.x < b.x ? (partnership.first, partnership.second) : (partnership.second, partnership.first)
            let (lx, rx) = (layout.people[l].x, layout.people[r].x)
            if adjacent(l, r) {
                svg.element(
                    "line",
                    [("x1", n(lx + edge(l))), ("y1", n(py)), ("x2", n(rx - edge(r))), ("y2", n(py))]
                        + stroke(partnership.style))
            } else {
                // Someone stands between them: the line loops over the top, each loop a little higher and
                // further in than the last so that they stay apart.
                let level = Double(loops % 3)
                loops += 1
                let over = py - half - 14 - level * 6
                let inset = 10 + level * 6
                let points = [
                    (lx + inset, py - edge(l)), (lx + inset, over), (rx - inset, over), (rx - inset, py - edge(r)),
                ]
                let partner = layout.people[partnership.second].x
                let towards = layout.people[partnership.first].x < partner ? -1.0 : 1.0
                loopAnchors.append(
                    (partnership.first, partnership.second, partner + towards * Metrics.slot / 2, over))
                svg.element(
                    "polyline",
                    [("points", points.map { "\(n($0.0)),\(n($0.1))" }.joined(separator: " "))]
                        + stroke(partnership.style))
            }
        }
        // Families into the same row get bars at different heights, so two families never share a bar.
        var barsInRow: [Int: Int] = [:]
        for family in layout.families {
            guard let first = family.children.first else { continue }
            let generation = layout.people[first].generation
            let childY = y(generation)
            let level = barsInRow[generation, default: 0]
            barsInRow[generation] = level + 1
            // Bars sit higher than the loops between partners in the same row, so the two never meet.
            let barY = childY - half - 36 - Double(level % 3) * 12
            var xs = family.children.map { layout.people[$0].x }
            var path = ""
            if case let (a, b)? = family.parents {
                var anchor = ((layout.people[a].x + layout.people[b].x) / 2, y(layout.people[a].generation))
                if !adjacent(a, b) {
                    guard let loop = loopAnchors.first(where: { Set([$0.first, $0.second]) == Set([a, b]) })
                    else { continue }
                    anchor = (loop.x, loop.y)
                }
                path += "M\(n(anchor.0)) \(n(anchor.1)) V\(n(barY)) "
                xs.append(anchor.0)
            } else if family.children.count < 2 {
                continue
            }
            path += "M\(n(xs.min()!)) \(n(barY)) H\(n(xs.max()!))"
            for child in family.children {
                path += " M\(n(layout.people[child].x)) \(n(barY)) V\(n(childY - edge(child)))"
            }
            svg.element("path", [("d", path), ("stroke", PictureStyle.text), ("stroke-width", "2")])
        }
        svg.close("g")
    }

    private func symbol(
        sex: NetworkMember.Sex, x: Double, y: Double, half: Double, attributes: SVGBuilder.Attributes,
        into svg: inout SVGBuilder
    ) {
        let n = SVGBuilder.number
        switch sex {
        case .male:
            svg.element(
                "rect",
                [("x", n(x - half)), ("y", n(y - half)), ("width", n(2 * half)), ("height", n(2 * half))] + attributes)
        case .female:
            svg.element("circle", [("cx", n(x)), ("cy", n(y)), ("r", n(half))] + attributes)
        case .unknown:
            let d = half * 1.15
            svg.element(
                "path",
                [("d", "M\(n(x)) \(n(y - d)) L\(n(x + d)) \(n(y)) L\(n(x)) \(n(y + d)) L\(n(x - d)) \(n(y)) Z")]
                    + attributes)
        }
    }

    private func drawPerson(_ person: Person, y: Double, into svg: inout SVGBuilder) {
        let n = SVGBuilder.number
        let half = Metrics.half
        let x = person.x
        let sex = person.isFocus ? focus.sex : person.sex
        svg.open("g", [("class", person.isFocus ? "h-genogram__person h-genogram__focus" : "h-genogram__person")])
        if person.isFocus {
            // The double outline that marks the person the genogram is about.
            symbol(
                sex: sex, x: x, y: y, half: half + 6,
                attributes: [("fill", PictureStyle.white), ("stroke", PictureStyle.plum), ("stroke-width", "2.5")],
                into: &svg)
        }
        let deceased = person.member?.isDeceased ?? false
        symbol(
            sex: sex, x: x, y: y, half: half,
            attributes: [
                (
                    "fill",
                    person.isFocus ? PictureStyle.plumTint : deceased ? PictureStyle.lightGrey : PictureStyle.white
                ),
                ("stroke", person.isFocus ? PictureStyle.plum : PictureStyle.text), ("stroke-width", "2.5"),
            ],
            into: &svg)
        if sex == .unknown {
            svg.element(
                "text",
                [
                    ("x", n(x)), ("y", n(y + 6)), ("text-anchor", "middle"), ("font-size", "17"),
                    ("font-weight", "700"),
                ],
                text: "?")
        }
        if deceased {
            let d = half + 5
            svg.element(
                "path",
                [
                    (
                        "d",
                        "M\(n(x - d)) \(n(y - d)) L\(n(x + d)) \(n(y + d)) M\(n(x + d)) \(n(y - d)) L\(n(x - d)) \(n(y + d))"
                    ),
                    ("stroke", PictureStyle.text), ("stroke-width", "2"),
                ])
        }
        if person.member?.livesWith ?? false {
            svg.element("path", Self.house(x: x + half + 4, y: y - half - 2))
        }

        var lines: [(String, Double, Bool, String)] = []
        if person.isFocus {
            lines.append((focus.fullName, Metrics.nameSize, true, PictureStyle.plum))
        } else if let member = person.member {
            lines.append((member.fullName, Metrics.nameSize, true, PictureStyle.text))
            lines.append(
                (
                    PictureStyle.singleLine(member.relationship).isEmpty
                        ? member.kind.label
                        : PictureStyle.singleLine(member.relationship), Metrics.detailSize, false,
                    PictureStyle.secondaryText
                ))
        }
        if let years = yearsLine(person) {
            lines.append((years, Metrics.detailSize, false, PictureStyle.secondaryText))
        }
        var baseline = y + half + (person.isFocus ? 6 : 0) + 17
        for (text, size, bold, colour) in lines {
            svg.element(
                "text",
                [
                    ("x", n(x)), ("y", n(baseline)), ("text-anchor", "middle"), ("font-size", n(size)),
                    ("font-weight", bold ? "700" : "400"), ("fill", colour),
                ],
                text: PictureStyle.fitted(text, maxWidth: Metrics.labelWidth, fontSize: size, bold: bold))
            baseline += size + 3
        }
        svg.close("g")
    }

    /// "Born 1986", "Born 1983, died" or "Died": dying is said in words as well as by the cross.
    private func yearsLine(_ person: Person) -> String? {
        let born = (person.isFocus ? focus.birthYear : person.member?.birthYear).map { "Born \($0)" }
        let died = person.member?.isDeceased ?? false
        switch (born, died) {
        case (let born?, true): return "\(born), died"
        case (let born?, false): return born
        case (nil, true): return "Died"
        case (nil, false): return nil
        }
    }

    private func drawPlaceholder(x: Double, y: Double, into svg: inout SVGBuilder) {
        let n = SVGBuilder.number
        let d = Metrics.placeholderHalf
        svg.open("g", [("class", "h-genogram__unrecorded")])
        svg.element(
            "path",
            [
                ("d", "M\(n(x)) \(n(y - d)) L\(n(x + d)) \(n(y)) L\(n(x)) \(n(y + d)) L\(n(x - d)) \(n(y)) Z"),
                ("fill", PictureStyle.white), ("stroke", PictureStyle.secondaryText), ("stroke-width", "1.5"),
                ("stroke-dasharray", "2 3"),
            ])
        svg.element(
            "text",
            [
                ("x", n(x)), ("y", n(y + 4.5)), ("text-anchor", "middle"), ("font-size", "12"), ("font-weight", "700"),
                ("fill", PictureStyle.secondaryText),
            ],
            text: "?")
        svg.close("g")
    }

    /// A small house, the mark for "lives with": ember with a dark outline, like the ecomap's star.
    static func house(x: Double, y: Double) -> SVGBuilder.Attributes {
        let n = SVGBuilder.number
        return [
            (
                "d",
                "M\(n(x - 8)) \(n(y)) L\(n(x)) \(n(y - 8)) L\(n(x + 8)) \(n(y)) L\(n(x + 6)) \(n(y)) L\(n(x + 6)) \(n(y + 8)) "
                    + "L\(n(x - 6)) \(n(y + 8)) L\(n(x - 6)) \(n(y)) Z"
            ),
            ("fill", PictureStyle.ember), ("stroke", PictureStyle.text), ("stroke-width", "1.5"),
            ("stroke-linejoin", "round"),
        ]
    }

    // MARK: Key, summary and table

    private func legend(_ layout: Layout) -> PictureLegend {
        var legend = PictureLegend()
        let n = SVGBuilder.number
        let drawn = layout.people.filter { !$0.isPlaceholder }
        let sexes = Set(drawn.map { $0.isFocus ? focus.sex : $0.sex })
        let dark = PictureStyle.text
        let plain: SVGBuilder.Attributes = [("fill", PictureStyle.white), ("stroke", dark), ("stroke-width", "2")]
        for (sex, label) in [(NetworkMember.Sex.male, "Male"), (.female, "Female"), (.unknown, "Sex not recorded")]
        where sexes.contains(sex) {
            legend.add(label) { svg, x, y in
                symbol(sex: sex, x: x + 20, y: y + 12, half: 9, attributes: plain, into: &svg)
                if sex == .unknown {
                    svg.element(
                        "text",
                        [
                            ("x", n(x + 20)), ("y", n(y + 16)), ("text-anchor", "middle"), ("font-size", "11"),
                            ("font-weight", "700"),
                        ],
                        text: "?")
                }
            }
        }
        legend.add("\(focus.phraseName) (double outline)") { svg, x, y in
            let attributes: SVGBuilder.Attributes = [
                ("fill", "none"), ("stroke", PictureStyle.plum), ("stroke-width", "2"),
            ]
            symbol(sex: .female, x: x + 20, y: y + 12, half: 11, attributes: attributes, into: &svg)
            symbol(sex: .female, x: x + 20, y: y + 12, half: 7, attributes: attributes, into: &svg)
        }
        if drawn.contains(where: { $0.member?.isDeceased ?? false }) {
            legend.add("Died") { svg, x, y in
                symbol(sex: .female, x: x + 20, y: y + 12, half: 9, attributes: plain, into: &svg)
                svg.element(
                    "path",
                    [
                        (
                            "d",
                            "M\(n(x + 8)) \(n(y)) L\(n(x + 32)) \(n(y + 24)) M\(n(x + 32)) \(n(y)) L\(n(x + 8)) \(n(y + 24))"
                        ),
                        ("stroke", dark), ("stroke-width", "2"),
                    ])
            }
        }
        if drawn.contains(where: { $0.member?.livesWith ?? false }) {
            legend.add("Lives with \(focus.phraseName)") { svg, x, y in
                svg.element("path", Self.house(x: x + 20, y: y + 12))
            }
        }
        let styles = layout.partnerships.map(\.style)
        if styles.contains(where: { if case .couple = $0 { true } else { false } }) {
            legend.add("Couple") { svg, x, y in
                svg.element(
                    "line",
                    [("x1", n(x + 2)), ("y1", n(y + 12)), ("x2", n(x + 38)), ("y2", n(y + 12))] + stroke(.couple))
            }
        }
        if styles.contains(where: { if case .partners = $0 { true } else { false } }) {
            legend.add("Partners, not married") { svg, x, y in
                svg.element(
                    "line",
                    [("x1", n(x + 2)), ("y1", n(y + 12)), ("x2", n(x + 38)), ("y2", n(y + 12))] + stroke(.partners))
            }
        }
        if layout.families.contains(where: { !$0.children.isEmpty && $0.parents != nil }) {
            legend.add("Parents and their children") { svg, x, y in
                svg.element(
                    "path",
                    [
                        (
                            "d",
                            "M\(n(x + 20)) \(n(y)) V\(n(y + 10)) M\(n(x + 6)) \(n(y + 10)) H\(n(x + 34)) "
                                + "M\(n(x + 6)) \(n(y + 10)) V\(n(y + 22)) M\(n(x + 34)) \(n(y + 10)) V\(n(y + 22))"
                        ),
                        ("fill", "none"), ("stroke", dark), ("stroke-width", "2"),
                    ])
            }
        }
        if layout.people.contains(where: \.isPlaceholder) {
            legend.add("Other parent not recorded") { svg, x, y in
                svg.element(
                    "line",
                    [("x1", n(x + 2)), ("y1", n(y + 12)), ("x2", n(x + 22)), ("y2", n(y + 12))] + stroke(.unrecorded))
                let d = 9.0
                svg.element(
                    "path",
                    [
                        (
                            "d",
                            "M\(n(x + 30)) \(n(y + 12 - d)) L\(n(x + 30 + d)) \(n(y + 12)) L\(n(x + 30)) \(n(y + 12 + d)) "
                                + "L\(n(x + 30 - d)) \(n(y + 12)) Z"
                        ),
                        ("fill", PictureStyle.white), ("stroke", PictureStyle.secondaryText), ("stroke-width", "1.5"),
                        ("stroke-dasharray", "2 3"),
                    ])
            }
        }
        return legend
    }

    /// The row's name in the table, counted from the focus person.
    private func generationLabel(_ generation: Int) -> String {
        switch generation {
        case -2: "Grandparents’ generation"
        case -1: "Parents’ generation"
        case 0: "\(PictureStyle.possessive(focus.phraseName)) generation"
        case 1: "Children’s generation"
        case 2: "Grandchildren’s generation"
        case ..<0: "\(-generation) generations above \(focus.phraseName)"
        default: "\(generation) generations below \(focus.phraseName)"
        }
    }

    private func summary(_ layout: Layout) -> String {
        let name = focus.fullName
        let others = members.count - family.count
        var sentences: [String] = []
        if family.isEmpty {
            sentences.append("\(name) is shown alone: no family members have been added yet.")
        } else {
            let rows = layout.generations.count
            sentences.append(
                "\(name) and \(counted(family.count, "family member", "family members")) "
                    + "in \(counted(rows, "generation", "generations")), oldest at the top.")
            let died = family.filter(\.isDeceased).count
            if died > 0 { sentences.append("\(died) \(died == 1 ? "has" : "have") died.") }
            let household = family.filter(\.livesWith).count
            if household > 0 {
                sentences.append("\(household) \(household == 1 ? "lives" : "live") with \(focus.phraseName).")
            }
        }
        if others > 0 {
            sentences.append(
                "\(counted(others, "person", "people")) outside the family \(others == 1 ? "is" : "are") "
                    + "shown on the ecomap instead.")
        }
        if !family.isEmpty { sentences.append("The table lists everyone shown.") }
        return sentences.joined(separator: " ")
    }

    /// The focus person and their family, row by row from the top and left to right within a row.
    private func table(_ layout: Layout) -> PictureTable {
        let name = focus.phraseName
        var rows: [[String]] = []
        for generation in layout.generations {
            for index in layout.rows[generation] ?? [] {
                let person = layout.people[index]
                if person.isPlaceholder { continue }
                let born = (person.isFocus ? focus.birthYear : person.member?.birthYear).map(String.init) ?? ""
                if person.isFocus {
                    rows.append([
                        generationLabel(generation), focus.fullName, "(this person)", focus.sex.label, born, "", "",
                    ])
                } else if let member = person.member {
                    let relationship = PictureStyle.singleLine(member.relationship)
                    rows.append([
                        generationLabel(generation), member.fullName,
                        relationship.isEmpty ? member.kind.label : relationship,
                        member.sex.label, born, member.livesWith ? "Yes" : "No", member.isDeceased ? "Died" : "",
                    ])
                }
            }
        }
        return PictureTable(
            caption: "\(PictureStyle.possessive(focus.fullName)) family",
            columns: ["Generation", "Name", "Relationship to \(name)", "Sex", "Born", "Lives with \(name)", "Notes"],
            rowHeaderColumn: 1, rows: rows)
    }
}
