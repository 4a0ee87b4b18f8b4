import Foundation
import KartaReports

/// Where a roadmap table sits in an office file and what its rows are: the header row and
/// its columns, section rows, and activities (a row, or a row and its continuations after a
/// page break or under a merged number cell). Rows that only repeat the header, number the
/// columns (`1 | 2 | 3 …`) or print a form's fill-in hint are passed over; anything else that
/// does not fit is an error naming its place.
struct OfficeTableLayout {
    /// A column of the table: the grid columns its header cell covers and what it fills.
    struct Column {
        var grid: Range<Int>
        var title: String
        var field: String
    }

    /// A row of the table's body, in order.
    enum Item {
        case section(row: Int, text: String)
        /// An activity: its first row and the rows that continue it.
        case activity(rows: [Int])
    }

    let table: OfficeTable
    let headerRow: Int
    /// The second header row, when the header has one.
    let subRow: Int?
    let columns: [Column]
    private(set) var items: [Item] = []
    /// Rows of the sheet or table above the header, as paragraphs.
    private(set) var above: [OfficeParagraph] = []

    /// The title-matching key: case, `ё`, soft hyphens, words hyphenated across a line
    /// («запланирован-ные»), brackets, quotes and spacing do not count.
    static func key(_ title: String) -> String {
        var scalars: [Unicode.Scalar] = []
        let dashes: Set<Unicode.Scalar> = ["-", "\u{2010}", "\u{2011}"]
        let dropped: Set<Unicode.Scalar> = ["\u{AD}", "(", ")", "«", "»", "\"", "“", "”", "„"]
        let lowered = Array(title.lowercased().replacingOccurrences(of: "ё", with: "е").unicodeScalars)
        var index = 0
        while index < lowered.count {
            let scalar = lowered[index]
            index += 1
            if dropped.contains(scalar) { continue }
            if dashes.contains(scalar), let previous = scalars.last, previous.properties.isAlphabetic {
                // A word hyphenated across a line: letter, dash, optional spaces, letter.
                var next = index
                while next < lowered.count, lowered[next].properties.isWhitespace { next += 1 }
                if next < lowered.count, lowered[next].properties.isAlphabetic {
                    index = next
                    continue
                }
            }
            // Spaces and line breaks do not count at all: «№п/п» is «№ п/п».
            if scalar.properties.isWhitespace { continue }
            scalars.append(scalar)
        }
        while let last = scalars.last, last == ":" || last == "." { scalars.removeLast() }
        return String(String.UnicodeScalarView(scalars))
    }

    /// Finds the header among the first rows of the tables: the first row in which at least
    /// two cells, and at least half of the cells with text, name known columns.
    static func locate(_ document: OfficeDocument, fields: [String: String]) -> (table: Int, row: Int)? {
        for (tableIndex, table) in document.tables.enumerated() {
            for row in table.rows.indices.prefix(40) {
                let titled = table.rows[row].cells.filter { !$0.text.isEmpty && !isCovered($0) }
                let known = titled.filter { fields[key($0.text)] != nil }.count
                if known >= 2, known * 2 >= titled.count { return (tableIndex, row) }
            }
        }
        return nil
    }

    private static func isCovered(_ cell: OfficeCell) -> Bool {
        if case .covered = cell.merge { return true }
        return false
    }

    /// Reads the table's layout under the header at `headerRow`.
    ///
    /// - Parameters:
    ///   - fields: title key → field, for every title the plugin knows.
    ///   - hints: the keys of the hint rows the plugin's reports print (passed over).
    /// - Parameter isStage: whether a text names one of the plugin's stages: a row whose only
    ///   text is such a heading is a section even when its cells are not merged.
    init(table: OfficeTable, headerRow: Int, fields: [String: String], hints: Set<[String]>, knownTitles: String,
         isStage: (String) -> Bool = { _ in false }) throws(OfficeReadError) {
        self.table = table
        self.headerRow = headerRow
        let header = table.rows[headerRow]
        // A second header row: titles under header cells merged across several columns
        // («Сроки» over «план» and «факт»).
        var subRow: Int?
        if headerRow + 1 < table.rows.count {
            let below = table.rows[headerRow + 1].cells
            let titled = below.indices.filter { !below[$0].text.isEmpty && !Self.isCovered(below[$0]) }
            let underMerges = titled.allSatisfy { c in
                header.cells.indices.contains { o in
                    if case .origin(let width, _) = header.cells[o].merge, width > 1, o <= c, c < o + width { return true }
                    return false
                }
            }
            if !titled.isEmpty, underMerges { subRow = headerRow + 1 }
        }
        self.subRow = subRow
        func column(_ title: String, grid: Range<Int>, row: Int, keys: [String]) throws(OfficeReadError) -> Column {
            guard let field = keys.lazy.compactMap({ fields[$0] }).first else {
                throw OfficeReadError(place: table.place(row: row, column: grid.lowerBound),
                                      "the column «\(Self.oneLine(title))» is not one this plugin knows (it knows: \(knownTitles)); name it in the plugin's import.columns, with the field it fills or \"skip\"")
            }
            if field.hasPrefix("?") {
                throw OfficeReadError(place: table.place(row: row, column: grid.lowerBound),
                                      "the column «\(Self.oneLine(title))» prints the plugin's column '\(field.dropFirst())', which is not an activity field the importer can fill; name its title in the plugin's import.columns, with a field, extra.<name> or \"skip\"")
            }
            return Column(grid: grid, title: title, field: field)
        }
        var columns: [Column] = []
        var c = 0
        while c < header.cells.count {
            let cell = header.cells[c]
            var width = 1
            if case .origin(let w, _) = cell.merge { width = w }
            let grid = c..<min(header.cells.count, c + width)
            let subCells = subRow.map { row in grid.filter { !table.rows[row].cells[$0].text.isEmpty && !Self.isCovered(table.rows[row].cells[$0]) } } ?? []
            if let subRow, width > 1, !subCells.isEmpty {
                // Each title below is a column: «Сроки» + «план» is matched as «Сроки план», then as «план».
                for (index, s) in subCells.enumerated() {
                    let sub = table.rows[subRow].cells[s]
                    let end = index + 1 < subCells.count ? subCells[index + 1] : grid.upperBound
                    let title = cell.text + "\n" + sub.text
                    columns.append(try column(title, grid: s..<end, row: subRow, keys: [Self.key(title), Self.key(sub.text)]))
                }
            } else if !cell.text.isEmpty {
                columns.append(try column(cell.text, grid: grid, row: headerRow, keys: [Self.key(cell.text)]))
            }
            c += max(1, width)
        }
        self.columns = columns
        for row in table.rows.indices.prefix(headerRow) {
            if let cell = table.rows[row].cells.first(where: { !$0.text.isEmpty }) {
                above.append(OfficeParagraph(text: cell.text, bold: cell.bold))
            }
        }
        try readBody(hints: hints, isStage: isStage)
    }

    /// The keys of a row's own texts, left to right: what a header row repeated after a page break matches.
    private func rowKeys(_ row: Int) -> [String] {
        table.rows[row].cells.filter { !$0.text.isEmpty && !Self.isCovered($0) }.map { Self.key($0.text) }
    }

    private mutating func readBody(hints: Set<[String]>, isStage: (String) -> Bool) throws(OfficeReadError) {
        // A row's keys are made only when its first cell could begin the header or a hint:
        // making them for every row took most of an import's time.
        let headerKeys = Set([rowKeys(headerRow)] + (subRow.map { [rowKeys($0)] } ?? []))
        let firstKeys = Set(headerKeys.map { $0.first ?? "" } + hints.map { $0.first ?? "" })
        let numberColumn = columns.firstIndex { $0.field == "number" }
        var pageBreak = false
        var row = (subRow ?? headerRow) + 1
        // A merged header may cover rows below it.
        while row < table.rows.count, table.rows[row].cells.enumerated().allSatisfy({ index, cell in
            cell.text.isEmpty || Self.coveredFrom(table, row: row, column: index, above: headerRow)
        }), !table.rows[row].isEmpty || Self.coveredFrom(table, row: row, column: 0, above: headerRow) {
            row += 1
        }
        while row < table.rows.count {
            defer { row += 1 }
            let cells = columns.map { text(row: row, column: $0) }
            if cells.allSatisfy(\.isEmpty) {
                // A sheet's table ends at its first empty row (what follows is signatures).
                if table.isSheet, !items.isEmpty { break }
                continue
            }
            let first = table.rows[row].cells.first { !$0.text.isEmpty && !Self.isCovered($0) }?.text ?? ""
            if firstKeys.contains(Self.key(first)) || firstKeys.contains(Self.key(cells[0])) {
                if headerKeys.contains(rowKeys(row)) { pageBreak = true; continue }
                if hints.contains(cells.map(Self.key)) { continue }
            }
            if Self.isNumbering(table.rows[row].cells.filter { !Self.isCovered($0) }.map(\.text)) { pageBreak = true; continue }
            let texts = cells.filter { !$0.isEmpty }
            if let section = sectionText(row: row) ?? (texts.count == 1 && isStage(texts[0]) ? texts[0] : nil) {
                items.append(.section(row: row, text: section))
                pageBreak = false
                continue
            }
            try checkMerges(row: row)
            try checkUntitled(row: row)
            if case .activity(let rows)? = items.last {
                let continued: Bool
                if let numberColumn {
                    let grid = columns[numberColumn].grid.lowerBound
                    let coveredFromActivity = rows.contains { Self.coveredFrom(table, row: row, column: grid, above: $0) }
                    continued = coveredFromActivity || (pageBreak && cells[numberColumn].isEmpty)
                } else {
                    continued = false
                }
                if continued {
                    items[items.count - 1] = .activity(rows: rows + [row])
                    pageBreak = false
                    continue
                }
            }
            pageBreak = false
            items.append(.activity(rows: [row]))
        }
        try checkVerticalMerges()
    }

    /// A column's text in a row: the cells of its grid columns that hold text, one per line.
    func text(row: Int, column: Column) -> String {
        column.grid.compactMap { c -> String? in
            let cell = table.rows[row].cells[c]
            return cell.text.isEmpty ? nil : Self.trimmedLines(cell.text)
        }.joined(separator: "\n")
    }

    /// Leading and trailing empty lines dropped (Word's empty paragraphs); spaces kept.
    static func trimmedLines(_ text: String) -> String {
        guard let firstBreak = text.firstIndex(of: "\n"), let lastBreak = text.lastIndex(of: "\n") else {
            return text.allSatisfy(\.isWhitespace) ? "" : text
        }
        // Most cells have text on their first and last lines: nothing to cut.
        if !text[..<firstBreak].allSatisfy(\.isWhitespace), !text[text.index(after: lastBreak)...].allSatisfy(\.isWhitespace) { return text }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        while let first = lines.first, first.allSatisfy(\.isWhitespace) { lines.removeFirst() }
        while let last = lines.last, last.allSatisfy(\.isWhitespace) { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    /// A section row: one cell merged across the table, or a number and one cell merged across the rest.
    private func sectionText(row: Int) -> String? {
        guard let first = columns.first?.grid.lowerBound, let last = columns.last?.grid.upperBound else { return nil }
        let cells = table.rows[row].cells
        func spansToEnd(_ c: Int) -> Bool {
            if case .origin(let width, _) = cells[c].merge, c + width >= last, columns.count > 1 { return true }
            return false
        }
        if spansToEnd(first) { return Self.trimmedLines(cells[first].text) }
        if columns.count > 2, !cells[first].text.isEmpty, case .none = cells[first].merge,
           let second = columns.dropFirst().first?.grid.lowerBound, spansToEnd(second), columns[0].field == "number" {
            return Self.trimmedLines(cells[first].text) + " " + Self.trimmedLines(cells[second].text)
        }
        return nil
    }

    /// A merged cell of an activity row must cover whole columns: a merge across columns of
    /// the header is a layout the importer would have to guess at.
    private func checkMerges(row: Int) throws(OfficeReadError) {
        for column in columns {
            for c in column.grid {
                switch table.rows[row].cells[c].merge {
                case .origin(let width, _) where c + width > column.grid.upperBound:
                    throw irregular(row: row, column: c, "a merged cell covers columns \(c + 1)–\(c + width) of an activity's row, across the header's columns")
                case .covered(let r, let oc) where r == row && oc < column.grid.lowerBound:
                    throw irregular(row: row, column: oc, "a merged cell covers columns of an activity's row across the header's columns")
                case .covered(let r, let oc) where r < row:
                    if case .origin(let width, _) = table.rows[r].cells[oc].merge,
                       oc < column.grid.lowerBound || oc + width > column.grid.upperBound {
                        throw irregular(row: r, column: oc, "a merged cell covers rows and columns across the header's columns")
                    }
                default: continue
                }
            }
        }
    }

    /// Text in a grid column no header cell covers would be lost: it is an error.
    private func checkUntitled(row: Int) throws(OfficeReadError) {
        for (c, cell) in table.rows[row].cells.enumerated() where !cell.text.isEmpty {
            guard !columns.contains(where: { $0.grid.contains(c) }) else { continue }
            throw OfficeReadError(place: table.place(row: row, column: c),
                                  "text under no column of the header («\(Self.oneLine(String(cell.text.prefix(60))))»): give the column a title the plugin knows, or move the text into a column")
        }
    }

    /// A cell merged down across rows of different activities (or of a section) cannot say
    /// which activity its text belongs to.
    private func checkVerticalMerges() throws(OfficeReadError) {
        var owner: [Int: Int] = [:]
        for (index, item) in items.enumerated() {
            switch item {
            case .activity(let rows): for row in rows { owner[row] = index }
            case .section(let row, _): owner[row] = -1 - index
            }
        }
        for (row, _) in owner {
            for c in table.rows[row].cells.indices {
                guard case .origin(_, let height) = table.rows[row].cells[c].merge, height > 1 else { continue }
                for below in row + 1..<min(table.rows.count, row + height) where owner[below] != nil && owner[below] != owner[row] {
                    throw irregular(row: row, column: c, "a merged cell covers rows \(table.rows[row].number)–\(table.rows[below].number), which hold different activities; unmerge it and give each activity its own text")
                }
            }
        }
    }

    private func irregular(row: Int, column: Int, _ message: String) -> OfficeReadError {
        OfficeReadError(place: table.place(row: row, column: column), message + " (irregular merge)")
    }

    /// Whether the cell is covered by a vertical merge that starts in row `above`.
    private static func coveredFrom(_ table: OfficeTable, row: Int, column: Int, above: Int) -> Bool {
        guard column < table.rows[row].cells.count, case .covered(let r, _) = table.rows[row].cells[column].merge else { return false }
        return r == above
    }

    /// The row `1 | 2 | 3 | …` that numbers the columns.
    static func isNumbering(_ cells: [String]) -> Bool {
        guard cells.count >= 3 else { return false }
        return cells.enumerated().allSatisfy { index, text in
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines).trimmingCharacters(in: CharacterSet(charactersIn: "."))
            return trimmed == String(index + 1)
        }
    }

    /// A title on one line, for messages.
    static func oneLine(_ text: String) -> String {
        text.replacingOccurrences(of: "\u{AD}", with: "").split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
