/// A report as a plugin builds it: page setup and a list of blocks. Renderers turn the
/// same document into Markdown, CSV and the office formats.
public struct ReportDocument: Sendable, Hashable, Codable {
    /// The document title (file properties, HTML title).
    public var title: String
    /// Page orientation.
    public var orientation: Orientation
    /// The blocks in reading order.
    public var blocks: [ReportBlock]

    /// Creates a document.
    public init(title: String, orientation: Orientation = .portrait, blocks: [ReportBlock]) {
        self.title = title
        self.orientation = orientation
        self.blocks = blocks
    }

    /// The tables of the document, in order.
    public var tables: [ReportTable] {
        blocks.compactMap { if case .table(let table) = $0 { table } else { nil } }
    }
}

/// Page orientation.
public enum Orientation: String, Sendable, Hashable, Codable, CaseIterable {
    /// A4 upright.
    case portrait
    /// A4 on its side, for wide tables.
    case landscape
}

/// Horizontal alignment of a paragraph or cell.
public enum Alignment: String, Sendable, Hashable, Codable, CaseIterable {
    /// Flush left.
    case left
    /// Centred.
    case center
    /// Flush right.
    case right
    /// Justified.
    case justify
}

/// One block of a report document.
public enum ReportBlock: Sendable, Hashable, Codable {
    /// A heading; level 1 is the document title.
    case heading(text: String, level: Int)
    /// A paragraph of text; line breaks are kept.
    case paragraph(ReportParagraph)
    /// An approval block («УТВЕРЖДАЮ»), printed right-aligned above the title.
    case approval(SignatureBlock)
    /// A signature block: position on the left, name on the right.
    case signature(SignatureBlock)
    /// A table.
    case table(ReportTable)
}

/// A paragraph with its emphasis and alignment.
public struct ReportParagraph: Sendable, Hashable, Codable {
    /// The text; line breaks are kept.
    public var text: String
    /// Alignment.
    public var alignment: Alignment
    /// Bold.
    public var bold: Bool
    /// Italic.
    public var italic: Bool

    /// Creates a paragraph.
    public init(text: String, alignment: Alignment = .left, bold: Bool = false, italic: Bool = false) {
        self.text = text
        self.alignment = alignment
        self.bold = bold
        self.italic = italic
    }
}

/// An approval or signature block.
public struct SignatureBlock: Sendable, Hashable, Codable {
    /// The word printed first («УТВЕРЖДАЮ», «Согласовано:»).
    public var label: String?
    /// Position lines as printed.
    public var position: String
    /// The signer's name.
    public var name: String
    /// A date line, if printed.
    public var date: String?

    /// Creates a block.
    public init(label: String? = nil, position: String, name: String, date: String? = nil) {
        self.label = label
        self.position = position
        self.name = name
        self.date = date
    }
}

/// A table: columns, and rows that may be section headings or carry sub-rows; it may
/// carry a bar chart of one of its columns.
public struct ReportTable: Sendable, Hashable, Codable {
    /// The columns, left to right.
    public var columns: [ReportColumn]
    /// The rows, top to bottom.
    public var rows: [ReportRow]
    /// A bar chart of the table's figures, drawn after it (HTML, XLSX); nil for none.
    public var chart: ReportChart?

    /// Creates a table.
    public init(columns: [ReportColumn], rows: [ReportRow], chart: ReportChart? = nil) {
        self.columns = columns
        self.rows = rows
        self.chart = chart
    }

    /// Every row with its nesting depth, sub-rows right after their parent.
    public var flattenedRows: [(row: ReportRow, depth: Int)] {
        func walk(_ rows: [ReportRow], _ depth: Int) -> [(row: ReportRow, depth: Int)] {
            rows.flatMap { [($0, depth)] + walk($0.children, depth + 1) }
        }
        return walk(rows, 0)
    }
}

/// A column of a table.
public struct ReportColumn: Sendable, Hashable, Codable {
    /// Identifier (`number`, `title`, `timing`).
    public var id: String
    /// The title as printed in the header row; line breaks kept.
    public var title: String
    /// Relative width (any unit; renderers scale the widths to the page).
    public var width: Double
    /// Alignment of the column's cells.
    public var alignment: Alignment
    /// What the column's cells hold; spreadsheets store numbers and dates as typed cells.
    public var type: ColumnType

    /// Creates a column.
    public init(id: String, title: String, width: Double = 1, alignment: Alignment = .left, type: ColumnType = .text) {
        self.id = id
        self.title = title
        self.width = width
        self.alignment = alignment
        self.type = type
    }
}

/// What a column's cells hold. Cells are always text in the document; a typed column
/// tells spreadsheet renderers to store a cell that reads as a number or a date
/// (`14.05.2021`) as a typed value, and to keep any other text as it is.
public enum ColumnType: String, Sendable, Hashable, Codable, CaseIterable {
    /// Text (the default).
    case text
    /// Numbers: `12`, `3,5`, `-4.25`.
    case number
    /// Dates written `DD.MM.YYYY`.
    case date
}

/// A row of a table.
public struct ReportRow: Sendable, Hashable, Codable {
    /// What the row is.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// An ordinary row: one cell per column.
        case data
        /// A section heading spanning all columns; its text is in the first cell.
        case section
        /// The form's own fill-in instructions, printed in italics under the header.
        case hint
        /// A totals row («Итого»): one cell per column like a data row, printed in bold,
        /// and left out of the table's chart.
        case total
    }

    /// What the row is.
    public var kind: Kind
    /// The cells, one per column (a section row has one).
    public var cells: [String]
    /// Sub-rows printed right under this one (Pskov's item 12).
    public var children: [ReportRow]

    /// Creates a row.
    public init(kind: Kind = .data, cells: [String], children: [ReportRow] = []) {
        self.kind = kind
        self.cells = cells
        self.children = children
    }
}
