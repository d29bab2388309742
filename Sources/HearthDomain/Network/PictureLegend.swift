/// The key under a picture: a small drawing and its meaning for each item, wrapped into rows to fit the
/// picture's width.
struct PictureLegend {
    /// Draws an item's swatch into a 40 × 24 box whose top-left corner is the given point.
    typealias Swatch = (inout SVGBuilder, Double, Double) -> Void

    struct Item {
        var label: String
        var swatch: Swatch
    }

    var items: [Item] = []

    static let swatchWidth = 40.0
    static let rowHeight = 30.0
    static let padding = 14.0
    static let titleHeight = 26.0
    static let fontSize = 14.0

    mutating func add(_ label: String, swatch: @escaping Swatch) {
        items.append(Item(label: label, swatch: swatch))
    }

    private func itemWidth(_ item: Item) -> Double {
        Self.swatchWidth + 8 + PictureStyle.estimatedWidth(item.label, fontSize: Self.fontSize) + 24
    }

    /// The narrowest box that still shows the widest item on one line.
    var minimumWidth: Double {
        columnWidth + 2 * Self.padding
    }

    /// Every item gets a column as wide as the widest, so the swatches line up in a grid.
    private var columnWidth: Double {
        items.map(itemWidth).max() ?? 0
    }

    /// The rows the items fall into at this width, as indices into `items`.
    private func rows(width: Double) -> [[Int]] {
        let columns = max(1, Int((width - 2 * Self.padding + 24) / columnWidth))
        return stride(from: 0, to: items.count, by: columns).map { start in
            Array(start..<min(start + columns, items.count))
        }
    }

    func height(width: Double) -> Double {
        items.isEmpty ? 0 : Self.titleHeight + Double(rows(width: width).count) * Self.rowHeight + 2 * Self.padding
    }

    func draw(into svg: inout SVGBuilder, x: Double, y: Double, width: Double) {
        guard !items.isEmpty else { return }
        let n = SVGBuilder.number
        svg.open("g", [("class", "h-picture__key")])
        svg.element(
            "rect",
            [
                ("x", n(x)), ("y", n(y)), ("width", n(width)), ("height", n(height(width: width))), ("rx", "4"),
                ("fill", PictureStyle.white), ("stroke", PictureStyle.separator), ("stroke-width", "1"),
            ])
        svg.element(
            "text", [("x", n(x + Self.padding)), ("y", n(y + Self.padding + 16)), ("font-weight", "700")],
            text: "Key")
        var rowY = y + Self.padding + Self.titleHeight
        for row in rows(width: width) {
            var itemX = x + Self.padding
            for index in row {
                let item = items[index]
                item.swatch(&svg, itemX, rowY + 2)
                svg.element(
                    "text",
                    [("x", n(itemX + Self.swatchWidth + 8)), ("y", n(rowY + 19)), ("font-size", n(Self.fontSize))],
                    text: item.label)
                itemX += columnWidth
            }
            rowY += Self.rowHeight
        }
        svg.close("g")
    }
}
