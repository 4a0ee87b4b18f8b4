internal import CXlsxWriter
import Foundation

/// Renders a report document as an Excel workbook (XLSX) through libxlsxwriter: one sheet,
/// A4 in the document's orientation fitted to the page width, Times New Roman, the table
/// with borders, a bold wrapped header row repeated on every printed page, column widths
/// computed from the content, section rows merged across the table, and cells of `number`
/// and `date` columns stored as typed values when their text reads as one. Headings,
/// paragraphs, the approval block and signatures take merged rows above and below.
/// The same document always gives the same bytes.
public struct XlsxRenderer: Sendable {
    /// Creates a renderer.
    public init() {}

    /// The XLSX file's bytes.
    public func render(_ document: ReportDocument) throws(ReportRenderError) -> [UInt8] {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("karta-\(UUID().uuidString).xlsx").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try write(document, to: path)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ReportRenderError("xlsx: libxlsxwriter wrote no file at \(path)")
        }
        return [UInt8](data)
    }

    private func write(_ document: ReportDocument, to path: String) throws(ReportRenderError) {
        guard let workbook = workbook_new(path) else { throw ReportRenderError("xlsx: cannot create \(path)") }
        let built = Result { () throws(ReportRenderError) in
            var sheet = try XlsxSheet(workbook: workbook, document: document)
            try sheet.build()
        }
        let closed = workbook_close(workbook)
        try built.get()
        guard closed == LXW_NO_ERROR else {
            throw ReportRenderError("xlsx: \(String(cString: lxw_strerror(closed)))")
        }
    }
}

/// One worksheet being written: the formats and a row cursor.
struct XlsxSheet {
    let workbook: UnsafeMutablePointer<lxw_workbook>
    let document: ReportDocument
    let worksheet: UnsafeMutablePointer<lxw_worksheet>
    /// The sheet's name, as chart formulas refer to it.
    let sheetName: String
    /// Columns of the sheet: the widest table's column count.
    let columnCount: Int
    let widths: [Double]
    var row: UInt32 = 0
    var formats: [Style: UnsafeMutablePointer<lxw_format>] = [:]

    init(workbook: UnsafeMutablePointer<lxw_workbook>, document: ReportDocument) throws(ReportRenderError) {
        self.workbook = workbook
        self.document = document
        var properties = lxw_doc_properties()
        // The title only: no creation time, so the same report gives the same bytes.
        Self.clean(document.title).withCString { title in
            properties.title = UnsafeMutablePointer(mutating: title)
            "Karta".withCString { author in
                properties.author = UnsafeMutablePointer(mutating: author)
                properties.created = Self.fixedCreated
                _ = workbook_set_properties(workbook, &properties)
            }
        }
        let name = Self.sheetName(document.title)
        guard let worksheet = workbook_add_worksheet(workbook, name) else {
            throw ReportRenderError("xlsx: libxlsxwriter refused the sheet name '\(name)'")
        }
        self.worksheet = worksheet
        sheetName = name
        columnCount = max(1, document.tables.map(\.columns.count).max() ?? 1)
        widths = Self.columnWidths(document, columns: columnCount)
    }

    /// 2000-01-01 00:00 UTC: libxlsxwriter writes the current time when none is given.
    static let fixedCreated: time_t = 946_684_800

    mutating func build() throws(ReportRenderError) {
        worksheet_set_paper(worksheet, 9)  // A4
        if document.orientation == .landscape { worksheet_set_landscape(worksheet) } else { worksheet_set_portrait(worksheet) }
        worksheet_fit_to_pages(worksheet, 1, 0)
        worksheet_set_margins(worksheet, 0.6, 0.4, 0.6, 0.6)
        for (index, width) in widths.enumerated() {
            try check(worksheet_set_column(worksheet, UInt16(index), UInt16(index), width, nil), "column width")
        }
        var repeated = false
        for block in document.blocks {
            switch block {
            case .heading(let text, let level):
                try merged(text, style: Style(bold: true, size: level <= 1 ? 14 : 12, alignment: .center))
            case .paragraph(let paragraph):
                try merged(paragraph.text, style: Style(bold: paragraph.bold, italic: paragraph.italic, alignment: paragraph.alignment))
            case .approval(let block):
                let lines = [block.label, block.position, "____________ \(block.name)", block.date].compactMap { $0 }
                let first = columnCount >= 3 ? UInt16(columnCount * 6 / 10) : 0
                try merged(lines.joined(separator: "\n"), style: Style(), from: first)
                row += 1
            case .signature(let block):
                row += 1
                if let label = block.label { try merged(label, style: Style()) }
                let split = UInt16(max(1, columnCount * 6 / 10))
                let height = rowHeight(lines: block.position.split(separator: "\n").count)
                try check(worksheet_set_row(worksheet, row, height, nil), "row height")
                try write(block.position, at: 0, through: split - 1, style: Style(alignment: .left))
                try write(block.name, at: split, through: UInt16(columnCount - 1), style: Style(alignment: .right))
                row += 1
                if let date = block.date { try merged(date, style: Style()) }
            case .table(let table):
                try write(table, repeatHeader: !repeated)
                repeated = true
                row += 1
            }
        }
    }

    private mutating func write(_ table: ReportTable, repeatHeader: Bool) throws(ReportRenderError) {
        let header = Style(bold: true, alignment: .center, border: true, wrap: true, table: true)
        try fitHeight(table.columns.map(\.title), bold: true)
        for (index, column) in table.columns.enumerated() {
            try check(worksheet_write_string(worksheet, row, UInt16(index), Self.clean(column.title), format(header)), "header")
        }
        if repeatHeader {
            try check(worksheet_repeat_rows(worksheet, row, row), "repeat header")
            worksheet_freeze_panes(worksheet, row + 1, 0)
        }
        row += 1
        let firstRow = row
        let last = UInt16(table.columns.count - 1)
        for (entry, _) in table.flattenedRows {
            if entry.kind == .section {
                try fitHeight([entry.cells.first ?? ""], bold: true, merged: true)
            } else {
                try fitHeight(entry.cells, bold: entry.kind == .total)
            }
            switch entry.kind {
            case .section:
                let style = Style(bold: true, border: true, wrap: true, table: true)
                let text = entry.cells.first ?? ""
                if last == 0 {
                    try check(worksheet_write_string(worksheet, row, 0, Self.clean(text), format(style)), "section row")
                } else {
                    try check(worksheet_merge_range(worksheet, row, 0, row, last, Self.clean(text), format(style)), "section row")
                }
            case .data, .hint, .total:
                for (index, column) in table.columns.enumerated() {
                    let text = index < entry.cells.count ? entry.cells[index] : ""
                    let style = Style(bold: entry.kind == .total, italic: entry.kind == .hint, alignment: column.alignment,
                                      border: true, wrap: true, table: true)
                    try cell(text, type: column.type, column: UInt16(index), style: style)
                }
            }
            row += 1
        }
        if let chart = table.chart { try insert(chart, of: table, firstRow: firstRow) }
    }

    /// A typed or text cell.
    private mutating func cell(_ text: String, type: ColumnType, column: UInt16, style: Style) throws(ReportRenderError) {
        let at = "row \(row + 1), column \(column + 1)"
        if text.isEmpty {
            try check(worksheet_write_blank(worksheet, row, column, format(style)), at)
        } else if type == .number, let number = XlsxCellValue.number(text) {
            try check(worksheet_write_number(worksheet, row, column, number, format(style)), at)
        } else if type == .date, var date = XlsxCellValue.date(text) {
            var dated = style
            dated.numberFormat = "dd.mm.yyyy"
            try check(worksheet_write_datetime(worksheet, row, column, &date, format(dated)), at)
        } else {
            try check(worksheet_write_string(worksheet, row, column, Self.clean(text), format(style)), at)
        }
    }

    /// A row merged across columns `from` to the last, its height estimated from the text.
    private mutating func merged(_ text: String, style: Style, from first: UInt16 = 0) throws(ReportRenderError) {
        var style = style
        style.wrap = true
        let width = widths[Int(first)...].reduce(0, +)
        let lines = Self.wrappedLines(text, width: width, bold: style.bold)
        try check(worksheet_set_row(worksheet, row, rowHeight(lines: lines, size: style.size), nil), "row height")
        try write(text, at: first, through: UInt16(columnCount - 1), style: style)
        row += 1
    }

    private mutating func write(_ text: String, at first: UInt16, through last: UInt16, style: Style) throws(ReportRenderError) {
        var style = style
        style.wrap = true
        if first == last {
            try check(worksheet_write_string(worksheet, row, first, Self.clean(text), format(style)), "row \(row + 1)")
        } else {
            try check(worksheet_merge_range(worksheet, row, first, row, last, Self.clean(text), format(style)), "row \(row + 1)")
        }
    }

    private func rowHeight(lines: Int, size: Double = 12) -> Double {
        min(Self.maxRowHeight, Double(max(1, lines)) * (size * 1.3).rounded(.up))
    }

    /// Excel's tallest row, in points: a taller one makes Excel repair the file.
    static let maxRowHeight = 409.0

    /// Sets the current row's height for its wrapped cells: spreadsheet programs do not
    /// grow rows to fit wrapped text on their own when opening a file, so the height is
    /// estimated from the text and the column widths.
    private func fitHeight(_ cells: [String], bold: Bool, merged: Bool = false) throws(ReportRenderError) {
        var lines = 1
        for (index, text) in cells.enumerated() where index < widths.count {
            let width = merged ? widths.reduce(0, +) : widths[index]
            lines = max(lines, Self.wrappedLines(text, width: width, bold: bold))
        }
        try check(worksheet_set_row(worksheet, row, min(Self.maxRowHeight, Double(lines) * 14.5 + 4), nil), "row height")
    }

    /// How many lines a text takes in a column of this width (in characters), wrapped.
    static func wrappedLines(_ text: String, width: Double, bold: Bool = false) -> Int {
        let perLine = max(1, (width - 1) * (bold ? 1.1 : 1.3))
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { max(1, Int((Double($0.count) / perLine).rounded(.up))) }
            .reduce(0, +)
    }

    /// A cell format: Times New Roman, the given emphasis, alignment and border. Formats
    /// are made once per distinct style.
    struct Style: Hashable {
        var bold = false
        var italic = false
        var size: Double = 12
        var alignment: Alignment = .left
        var border = false
        var wrap = false
        var table = false
        var numberFormat: String?
    }

    private mutating func format(_ style: Style) -> UnsafeMutablePointer<lxw_format>? {
        if let format = formats[style] { return format }
        guard let format = workbook_add_format(workbook) else { return nil }
        format_set_font_name(format, "Times New Roman")
        format_set_font_size(format, style.table ? 11 : style.size)
        if style.bold { format_set_bold(format) }
        if style.italic { format_set_italic(format) }
        if style.wrap { format_set_text_wrap(format) }
        if style.border { format_set_border(format, UInt8(LXW_BORDER_THIN.rawValue)) }
        let horizontal: lxw_format_alignments = switch style.alignment {
        case .left: LXW_ALIGN_LEFT
        case .center: LXW_ALIGN_CENTER
        case .right: LXW_ALIGN_RIGHT
        case .justify: LXW_ALIGN_JUSTIFY
        }
        format_set_align(format, UInt8(horizontal.rawValue))
        format_set_align(format, UInt8((style.bold && style.table && style.alignment == .center
            ? LXW_ALIGN_VERTICAL_CENTER : LXW_ALIGN_VERTICAL_TOP).rawValue))
        if let numberFormat = style.numberFormat { format_set_num_format(format, numberFormat) }
        formats[style] = format
        return format
    }

    func check(_ error: lxw_error, _ what: String) throws(ReportRenderError) {
        guard error == LXW_NO_ERROR else {
            throw ReportRenderError("xlsx: \(what): \(String(cString: lxw_strerror(error)))")
        }
    }

    // MARK: - Text

    /// Text without the characters XML cannot hold, cut to Excel's cell limit. Always
    /// written with `worksheet_write_string` or `worksheet_merge_range`: a cell's text is a
    /// string, never a formula, whatever it begins with (`=`, `+`, `-`, `@`).
    static func clean(_ text: String) -> String {
        let out = text.unicodeScalars.allSatisfy({ XMLWriter.isAllowed($0) && $0 != "\r" })
            ? text : String(String.UnicodeScalarView(text.unicodeScalars.filter { XMLWriter.isAllowed($0) && $0 != "\r" }))
        return ExcelText.cell(out)
    }

    /// A sheet name Excel accepts (``ExcelText/sheetName(_:)``).
    static func sheetName(_ title: String) -> String { ExcelText.sheetName(title) }

    /// Column widths in characters: each column as wide as its longest line of title or
    /// cell text (at least 6), as long as the columns fit the printed page width; when
    /// they do not, each column gets the plugin's relative share of the page, and what
    /// narrow columns leave over goes to the columns whose text is longer.
    static func columnWidths(_ document: ReportDocument, columns: Int) -> [Double] {
        let page: Double = document.orientation == .landscape ? 150 : 100
        var natural = Array(repeating: 6.0, count: columns)
        var relative = Array(repeating: 0.0, count: columns)
        for table in document.tables {
            for (index, column) in table.columns.enumerated() {
                let titleLongest = column.title.split(separator: "\n").map(\.count).max() ?? 0
                natural[index] = max(natural[index], Double(titleLongest) / 1.1 + 2)
                relative[index] = max(relative[index], column.width)
            }
            for (row, _) in table.flattenedRows where row.kind != .section {
                for (index, text) in row.cells.enumerated() where index < columns {
                    let longest = text.split(separator: "\n").map(\.count).max() ?? 0
                    natural[index] = max(natural[index], Double(longest) / 1.3 + 2)
                }
            }
        }
        guard natural.reduce(0, +) > page else { return natural.map { $0.rounded(.up) } }
        let total = relative.reduce(0, +)
        var widths = natural.indices.map { max(6, min(natural[$0], page * (total > 0 ? relative[$0] / total : 1 / Double(columns)))) }
        let leftover = page - widths.reduce(0, +)
        let wanting = natural.indices.map { max(0, natural[$0] - widths[$0]) }
        let wanted = wanting.reduce(0, +)
        if leftover > 0, wanted > 0 {
            widths = widths.indices.map { widths[$0] + leftover * wanting[$0] / wanted }
        }
        return widths.map { ($0 * 10).rounded() / 10 }
    }
}

/// How text in a typed column reads as a spreadsheet value.
enum XlsxCellValue {
    /// `12`, `-3,5`, `4.25` as a number; nil for anything else (`1.1.2`, `12 шт.`).
    static func number(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.count <= 15,
              trimmed.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "," || $0 == "." || $0 == "-") }),
              trimmed.filter({ $0 == "," || $0 == "." }).count <= 1 else { return nil }
        return Double(trimmed.replacingOccurrences(of: ",", with: "."))
    }

    /// `DD.MM.YYYY` as a date; nil for anything else or an impossible date.
    static func date(_ text: String) -> lxw_datetime? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 2, parts[1].count == 2, parts[2].count == 4,
              let day = Int(parts[0]), let month = Int(parts[1]), let year = Int(parts[2]),
              (1900...9999).contains(year), (1...12).contains(month) else { return nil }
        var components = DateComponents()
        (components.year, components.month, components.day) = (year, month, day)
        let calendar = Calendar(identifier: .gregorian)
        guard day >= 1, let range = calendar.range(of: .day, in: .month,
                                                    for: calendar.date(from: DateComponents(year: year, month: month))!),
              range.contains(day) else { return nil }
        return lxw_datetime(year: Int32(year), month: Int32(month), day: Int32(day), hour: 0, min: 0, sec: 0)
    }
}
