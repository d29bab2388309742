/// A picture drawn on the server: an SVG document to put inline in a page, with the same facts as a table
/// for the page to show beside it (and for anyone who cannot see the picture).
public struct RenderedPicture: Sendable, Equatable {
    /// A standalone SVG document (no XML declaration, so it can also be inlined in HTML). It sizes itself
    /// from its `viewBox`, carries its own title and description, and needs no script, stylesheet or
    /// external file.
    public var svg: String
    /// The picture's accessible name, also the SVG's `<title>`.
    public var title: String
    /// One or two sentences summarising the picture, also the SVG's `<desc>`.
    public var summary: String
    /// The text alternative: everything the picture shows, as rows for an HTML table.
    public var textAlternative: PictureTable
    /// The `viewBox` size. The picture scales to its container; a page may use these to give a large
    /// picture room to scroll sideways on a narrow screen rather than shrink it.
    public var width: Double
    public var height: Double

    /// The `alt` text for the picture shown as an image: its name and summary. Nothing more, because the
    /// summary already ends by pointing to the table.
    public var altText: String { "\(title). \(summary)" }

    public init(
        svg: String, title: String, summary: String, textAlternative: PictureTable, width: Double, height: Double
    ) {
        self.svg = svg
        self.title = title
        self.summary = summary
        self.textAlternative = textAlternative
        self.width = width
        self.height = height
    }
}

/// A table of plain strings, for a page to render as `h-table` markup. Cells are unescaped text: the
/// template escapes them.
public struct PictureTable: Sendable, Equatable {
    public var caption: String
    public var columns: [String]
    /// The column whose cell names the row, rendered as `<th scope="row">`.
    public var rowHeaderColumn: Int
    public var rows: [[String]]

    public init(caption: String, columns: [String], rowHeaderColumn: Int, rows: [[String]]) {
        self.caption = caption
        self.columns = columns
        self.rowHeaderColumn = rowHeaderColumn
        self.rows = rows
    }
}
