import KartaReports

extension OfficeFixture {
    /// An XLSX file: one sheet named "Лист1", paragraphs as rows merged across all columns, the
    /// header row, the rows, shared strings, a styles part in which the paragraphs marked bold
    /// use a bold font. The sheet is found through `xl/workbook.xml` and its relationships.
    public static func xlsx(_ table: OfficeFixtureTable, quirks: XlsxQuirks = .excel) -> [UInt8] {
        XlsxSheet(table: table, quirks: quirks).package()
    }
}

/// One cell of a fixture sheet.
struct XlsxCell {
    enum Value {
        /// A shared string.
        case text(String)
        /// A shared rich-text string: (run text, bold).
        case rich([(String, Bool)])
        /// An inline string (`t="inlineStr"`).
        case inline(String)
        /// A numeric cell (the number as written in `<v>`).
        case number(String)
        /// A formula, with its cached value when given; `isText` marks a string result.
        case formula(String, cached: String?, isText: Bool)
    }

    var column: Int
    var value: Value
    var style: Int
}

/// A fixture table laid out as rows of cells, ready to be written as SpreadsheetML.
struct XlsxSheet {
    /// Cell formats (`cellXfs` indices) of `XlsxParts.styles`.
    enum Style {
        static let plain = 0, bold = 1, date = 2, cell = 3, header = 4, section = 5
    }

    let quirks: XlsxQuirks
    let columns: Int
    /// Sheet rows by 1-based index; rows not listed are empty.
    var rows: [Int: [XlsxCell]] = [:]
    var merges: [String] = []
    /// The sheet rows holding `data` rows, with the row's first-cell text.
    var dataRows: [(row: Int, number: String)] = []

    /// An empty sheet.
    init(columns: Int, quirks: XlsxQuirks) {
        self.columns = columns
        self.quirks = quirks
    }

    init(table: OfficeFixtureTable, quirks: XlsxQuirks) {
        self.init(columns: max(table.header.count, 1), quirks: quirks)
        let last = Self.column(columns - 1)
        var row = 1
        for paragraph in table.paragraphs {
            put(row, 0, .text(paragraph.text), paragraph.bold ? Style.bold : Style.plain)
            merges.append("A\(row):\(last)\(row)")
            row += 1
        }
        if !table.paragraphs.isEmpty { row += 1 }
        putHeader(row, table.header)
        row += 1
        var numberMerge: (start: Int, end: Int)? = nil
        var richDone = !quirks.richText
        func closeMerge() {
            if let merge = numberMerge, merge.end > merge.start { merges.append("A\(merge.start):A\(merge.end)") }
            numberMerge = nil
        }
        for entry in table.rows {
            switch entry {
            case .section(let title):
                closeMerge()
                put(row, 0, .text(title), Style.section)
                for column in 1..<max(columns, 1) { put(row, column, .text(""), Style.section) }
                merges.append("A\(row):\(last)\(row)")
            case .numbering:
                closeMerge()
                for column in 0..<columns { put(row, column, value(String(column + 1), numberColumn: true), Style.cell) }
            case .repeatedHeader:
                closeMerge()
                putHeader(row, table.header)
            case .data(let cells):
                closeMerge()
                numberMerge = (row, row)
                dataRows.append((row, cells.first ?? ""))
                for (column, text) in cells.prefix(columns).enumerated() {
                    var value = value(text, numberColumn: column == 0)
                    if !richDone, column == 1, let space = text.firstIndex(of: " ") {
                        value = .rich([(String(text[..<space]), true), (String(text[space...]), false)])
                        richDone = true
                    }
                    put(row, column, value, Self.isDate(text) && quirks.dates ? Style.date : Style.cell)
                }
            case .continuation(let cells):
                let merged = numberMerge != nil
                for (column, text) in cells.prefix(columns).enumerated() where !(merged && column == 0) {
                    put(row, column, value(text, numberColumn: column == 0), Style.cell)
                }
                if merged { numberMerge?.end = row }
            }
            row += 1
        }
        closeMerge()
        if quirks.inlineString, let lastData = dataRows.last,
           let index = rows[lastData.row]?.lastIndex(where: { if case .text(let t) = $0.value { !t.isEmpty } else { false } }),
           case .text(let text) = rows[lastData.row]![index].value {
            rows[lastData.row]![index].value = .inline(text)
        }
        if !table.after.isEmpty { row += 1 }
        for line in table.after {
            let parts = line.split(separator: "\t", omittingEmptySubsequences: true).map(String.init)
            if let first = parts.first { put(row, 0, .text(first), Style.plain) }
            if parts.count > 1 { put(row, columns - 1, .text(parts.dropFirst().joined(separator: " ")), Style.plain) }
            row += 1
        }
    }

    private mutating func putHeader(_ row: Int, _ header: [String]) {
        for (column, title) in header.enumerated() { put(row, column, .text(title), Style.header) }
    }

    /// Places a cell (replacing one in the same place).
    mutating func put(_ row: Int, _ column: Int, _ value: XlsxCell.Value, _ style: Int) {
        var cells = rows[row] ?? []
        cells.removeAll { $0.column == column }
        cells.append(XlsxCell(column: column, value: value, style: style))
        cells.sort { $0.column < $1.column }
        rows[row] = cells
    }

    /// Removes a cell.
    mutating func remove(_ row: Int, _ column: Int) {
        rows[row]?.removeAll { $0.column == column }
    }

    /// A typed text as Excel stores it: integers of the number column as numbers, exact
    /// DD.MM.YYYY dates as serials, the rest as shared strings.
    private func value(_ text: String, numberColumn: Bool) -> XlsxCell.Value {
        if quirks.numbers, numberColumn, !text.isEmpty, text.count < 10, text.allSatisfy(\.isASCII),
           text.allSatisfy(\.isNumber), let number = Int(text) {
            return .number(String(number))
        }
        if quirks.dates, Self.isDate(text), let serial = Self.serial(text) { return .number(String(serial)) }
        return .text(text)
    }

    /// Whether the text is exactly DD.MM.YYYY.
    static func isDate(_ text: String) -> Bool {
        let characters = Array(text)
        guard characters.count == 10, characters[2] == ".", characters[5] == "." else { return false }
        return [0, 1, 3, 4, 6, 7, 8, 9].allSatisfy { characters[$0].isASCII && characters[$0].isNumber }
    }

    /// The Excel serial (1900 date system) of a DD.MM.YYYY text: days since 1899-12-30, which
    /// is right for every date after 1900-02-28.
    static func serial(_ text: String) -> Int? {
        let parts = text.split(separator: ".").compactMap { Int($0) }
        guard parts.count == 3, (1...12).contains(parts[1]), (1...31).contains(parts[0]) else { return nil }
        return daysFromCivil(parts[2], parts[1], parts[0]) - daysFromCivil(1899, 12, 30)
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The column letters of a 0-based column index (0 → A, 26 → AA).
    static func column(_ index: Int) -> String { OfficeTable.columnLetters(index) }
}
