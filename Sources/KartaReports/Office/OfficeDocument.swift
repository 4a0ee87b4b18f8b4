/// What a Word document or an Excel workbook holds, read for an import
/// (`karta import FILE.docx`): paragraphs and tables in reading order, every table a grid
/// whose cells know their merges. A sheet is one table of all its used rows. What the
/// rows mean (header, sections, activities) is for the importer to decide.
public struct OfficeDocument: Sendable {
    /// Which format the file is.
    public enum Kind: String, Sendable {
        /// A Word document.
        case docx
        /// An Excel workbook.
        case xlsx
    }

    /// A block of the body, in reading order.
    public enum Block: Sendable {
        /// A paragraph outside any table.
        case paragraph(OfficeParagraph)
        /// A table (DOCX) or a sheet (XLSX).
        case table(OfficeTable)
    }

    /// The file's format.
    public var kind: Kind
    /// The body, in reading order.
    public var blocks: [Block]
    /// What the reader did that a user should know, beyond each table's own ``OfficeTable/notices``.
    public var notices: [String]

    /// The tables, in order.
    public var tables: [OfficeTable] {
        blocks.compactMap { if case .table(let table) = $0 { table } else { nil } }
    }

    /// Reads a DOCX or XLSX file, whichever the bytes are (the file name is not trusted).
    public static func read(_ bytes: [UInt8]) throws(OfficeReadError) -> OfficeDocument {
        var package = try OfficePackage(bytes)
        switch package.kind {
        case .docx: return try DocxReader.read(&package)
        case .xlsx: return try XlsxReader.read(&package)
        }
    }
}

/// A paragraph of text; line breaks kept.
public struct OfficeParagraph: Sendable {
    /// The text as printed.
    public var text: String
    /// Whether all of its text is bold.
    public var bold: Bool

    /// Creates a paragraph.
    public init(text: String, bold: Bool) {
        self.text = text
        self.bold = bold
    }
}

/// A table on its grid: `rows[r].cells[c]` for every grid position.
public struct OfficeTable: Sendable {
    /// How a place in it is named: `table 2` or `sheet «Лист1»`.
    public var name: String
    /// Whether places are cells of a sheet (`C7`) rather than rows and columns of a table.
    public var isSheet: Bool
    /// Grid columns.
    public var columnCount: Int
    /// The rows, top to bottom.
    public var rows: [OfficeRow]
    /// Cells of a sheet that hold formulas (`A14`), read as the values Excel saved.
    public var formulaCells: [String] = []

    /// What a user should know of how the table was read: its formulas, if any.
    public var notices: [String] {
        guard !formulaCells.isEmpty else { return [] }
        let count = formulaCells.count
        let shown = formulaCells.prefix(5).joined(separator: ", ") + (count > 5 ? ", …" : "")
        return ["\(name): \(count) cell\(count == 1 ? " holds a formula" : "s hold formulas") (\(shown)); the values Excel saved with the file were taken"]
    }

    /// A cell's place as a user finds it: `table 1, row 7, column 3` or `sheet «Лист1», cell C7`.
    public func place(row: Int, column: Int) -> String {
        isSheet ? "\(name), cell \(Self.columnLetters(column))\(rows[row].number)" : "\(name), row \(rows[row].number), column \(column + 1)"
    }

    /// A row's place: `table 1, row 7` or `sheet «Лист1», row 7`.
    public func place(row: Int) -> String { "\(name), row \(rows[row].number)" }

    /// Spreadsheet column letters of a 0-based column (`0` → `A`, `27` → `AB`).
    public static func columnLetters(_ column: Int) -> String {
        var number = column + 1
        var letters = ""
        while number > 0 {
            let remainder = (number - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + remainder))) + letters
            number = (number - 1) / 26
        }
        return letters
    }
}

/// A row of a table.
public struct OfficeRow: Sendable {
    /// The row's number as a user counts it: its position in a Word table, its row number in a sheet.
    public var number: Int
    /// One cell per grid column.
    public var cells: [OfficeCell]
    /// Marked to repeat as the header on every page (Word's «repeat as header row»).
    public var isHeader: Bool

    /// Whether no cell holds text.
    public var isEmpty: Bool { cells.allSatisfy { $0.text.isEmpty } }
}

/// A cell on the grid.
public struct OfficeCell: Sendable {
    /// How the cell takes part in a merge.
    public enum Merge: Sendable, Equatable {
        /// Not merged.
        case none
        /// The first cell of a merged area of this many columns and rows; it holds the text.
        case origin(columns: Int, rows: Int)
        /// Covered by the merged area whose first cell is at this row and column (grid indices).
        case covered(row: Int, column: Int)
    }

    /// The text; paragraphs and line breaks as `\n`.
    public var text: String
    /// Whether all of its text is bold.
    public var bold: Bool
    /// Its part in a merge.
    public var merge: Merge

    /// An empty cell covered by a merge or standing alone.
    static func empty(_ merge: Merge = .none) -> OfficeCell { OfficeCell(text: "", bold: false, merge: merge) }
}
