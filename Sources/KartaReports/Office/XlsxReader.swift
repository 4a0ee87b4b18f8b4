import Foundation

/// Reads the first sheet of an Excel workbook that has cells into one table on its grid:
/// shared, rich and inline strings, numbers as Excel shows them in a general cell, dates
/// (by the cell's number format) as `DD.MM.YYYY`, formulas as their cached values (with a
/// notice), merged areas resolved to ``OfficeCell/Merge``.
enum XlsxReader {
    /// Larger sheets are refused: a roadmap has tens of rows and about ten columns.
    static let maximumRows = 20_000
    static let maximumColumns = 200
    /// Most grid cells (rows × columns) a sheet may span.
    static let maximumCells = 1_000_000

    static func read(_ package: inout OfficePackage) throws(OfficeReadError) -> OfficeDocument {
        guard let workbook = try package.xml("xl/workbook.xml") else { throw OfficeReadError(place: nil, "the workbook has no xl/workbook.xml") }
        let targets = try relationships(&package)
        let strings = try sharedStrings(&package)
        let styles = try Styles(&package)
        let date1904 = workbook.child("workbookPr").flatMap { $0.attribute("date1904") }.map { $0 == "1" || $0 == "true" } ?? false
        let sheets = workbook.child("sheets")?.children("sheet") ?? []
        guard !sheets.isEmpty else { throw OfficeReadError(place: nil, "the workbook has no sheets") }
        // Every sheet with cells, in the workbook's order: the importer takes the first whose
        // rows hold the roadmap's header (an instructions sheet may come first).
        var blocks: [OfficeDocument.Block] = []
        for sheet in sheets {
            let name = sheet.attribute("name") ?? "?"
            guard let id = sheet.attribute("id"), let target = targets[id] else { continue }
            guard let root = try package.xml(target) else {
                throw OfficeReadError(place: nil, "sheet «\(name)»: the workbook names \(target), which is not in the file")
            }
            var formulas: [String] = []
            let links = try sheetLinks(&package, sheet: target)
            var table = try Self.table(root, name: name, strings: strings, styles: styles, date1904: date1904, links: links, formulas: &formulas)
            guard !table.rows.isEmpty else { continue }
            table.formulaCells = formulas
            blocks.append(.table(table))
        }
        guard !blocks.isEmpty else {
            let names = sheets.map { "«\($0.attribute("name") ?? "?")»" }.joined(separator: ", ")
            throw OfficeReadError(place: nil, "the workbook's sheets are empty (\(names)): no table to read")
        }
        return OfficeDocument(kind: .xlsx, blocks: blocks, notices: [])
    }

    /// Relationship id → part path, from `xl/_rels/workbook.xml.rels`.
    private static func relationships(_ package: inout OfficePackage) throws(OfficeReadError) -> [String: String] {
        guard let rels = try package.xml("xl/_rels/workbook.xml.rels") else { return [:] }
        var targets: [String: String] = [:]
        for relationship in rels.children("Relationship") {
            guard let id = relationship.attribute("Id"), let target = relationship.attribute("Target") else { continue }
            targets[id] = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
        }
        return targets
    }

    /// External link targets of a sheet by relationship id, from `xl/worksheets/_rels/<sheet>.rels`.
    private static func sheetLinks(_ package: inout OfficePackage, sheet: String) throws(OfficeReadError) -> [String: String] {
        let folder = (sheet as NSString).deletingLastPathComponent
        let rels = "\(folder)/_rels/\((sheet as NSString).lastPathComponent).rels"
        var links: [String: String] = [:]
        for relationship in try package.xml(rels)?.children("Relationship") ?? [] {
            if relationship.attribute("TargetMode") == "External", let id = relationship.attribute("Id"), let target = relationship.attribute("Target") {
                links[id] = target
            }
        }
        return links
    }

    /// The shared strings, rich text joined, phonetic runs left out.
    private static func sharedStrings(_ package: inout OfficePackage) throws(OfficeReadError) -> [String] {
        guard let root = try package.xml("xl/sharedStrings.xml") else { return [] }
        return root.children("si").map(itemText)
    }

    /// The text of a string item (`<si>` or `<is>`): its `t`, or its runs' `t`, in order.
    private static func itemText(_ item: XMLNode) -> String {
        var text = ""
        for child in item.children {
            switch child.localName {
            case "t": text += child.text
            case "r": text += child.children("t").map(\.text).joined()
            default: continue
            }
        }
        return cleaned(text)
    }

    /// Excel's `_xHHHH_` escapes decoded, carriage returns dropped.
    static func cleaned(_ text: String) -> String {
        var result = text
        if result.contains("_x") {
            var out = ""
            var rest = Substring(result)
            while let start = rest.range(of: "_x") {
                out += rest[..<start.lowerBound]
                let after = rest[start.upperBound...]
                let hex = after.prefix(4)
                if hex.count == 4, after.dropFirst(4).first == "_", let code = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(code) {
                    out.unicodeScalars.append(scalar)
                    rest = after.dropFirst(5)
                } else {
                    out += "_x"
                    rest = after
                }
            }
            result = out + rest
        }
        return result.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }

    /// Number formats and bold fonts of the cell styles.
    struct Styles {
        var dateStyles: Set<Int> = []
        var boldStyles: Set<Int> = []

        init(_ package: inout OfficePackage) throws(OfficeReadError) {
            guard let root = try package.xml("xl/styles.xml") else { return }
            var codes: [Int: String] = [:]
            for format in root.child("numFmts")?.children("numFmt") ?? [] {
                if let id = Int(format.attribute("numFmtId") ?? ""), let code = format.attribute("formatCode") { codes[id] = code }
            }
            let boldFonts = Set((root.child("fonts")?.children("font") ?? []).enumerated().compactMap { index, font in
                font.child("b").map { ($0.attribute("val") ?? "1") != "0" } == true ? index : nil
            })
            for (index, xf) in (root.child("cellXfs")?.children("xf") ?? []).enumerated() {
                let format = Int(xf.attribute("numFmtId") ?? "") ?? 0
                if (14...22).contains(format) || (45...47).contains(format) || codes[format].map(Self.isDateCode) == true {
                    dateStyles.insert(index)
                }
                if let font = Int(xf.attribute("fontId") ?? ""), boldFonts.contains(font) { boldStyles.insert(index) }
            }
        }

        /// A format code that shows a date: `d`, `m` with `y`, outside quotes and brackets.
        static func isDateCode(_ code: String) -> Bool {
            var plain = ""
            var quoted = false
            var bracket = false
            for character in code.lowercased() {
                switch character {
                case "\"": quoted.toggle()
                case "[" where !quoted: bracket = true
                case "]" where !quoted: bracket = false
                default: if !quoted && !bracket { plain.append(character) }
                }
            }
            return plain.contains("y") && (plain.contains("d") || plain.contains("m"))
        }
    }

    private static func table(
        _ root: XMLNode, name: String, strings: [String], styles: Styles, date1904: Bool, links: [String: String], formulas: inout [String]
    ) throws(OfficeReadError) -> OfficeTable {
        var cells: [Int: [Int: OfficeCell]] = [:]
        var lastRow = 0
        var lastColumn = -1
        var firstRow = Int.max
        for row in root.child("sheetData")?.children("row") ?? [] {
            let number = Int(row.attribute("r") ?? "") ?? (lastRow + 1)
            lastRow = number
            var column = -1
            for cell in row.children("c") {
                let reference = cell.attribute("r")
                column = reference.flatMap { Self.column(of: $0) } ?? (column + 1)
                let place = "sheet «\(name)», cell \(OfficeTable.columnLetters(column))\(number)"
                guard number <= maximumRows, column < maximumColumns else {
                    throw OfficeReadError(place: place, "the sheet is larger than a roadmap (at most \(maximumRows) rows and \(maximumColumns) columns are read)")
                }
                let style = Int(cell.attribute("s") ?? "") ?? 0
                let value = cell.child("v")?.text
                if cell.child("f") != nil {
                    guard value != nil || cell.attribute("t") == "inlineStr" else {
                        throw OfficeReadError(place: place, "a formula without a saved value: open the file in Excel or LibreOffice, save it, and import again")
                    }
                    formulas.append("\(OfficeTable.columnLetters(column))\(number)")
                }
                let text: String
                switch cell.attribute("t") {
                case "s":
                    guard let index = value.flatMap({ Int($0) }), index >= 0, index < strings.count else {
                        throw OfficeReadError(place: place, "names shared string \(value ?? "nothing"), which the workbook does not have")
                    }
                    text = strings[index]
                case "inlineStr":
                    text = cell.child("is").map(itemText) ?? ""
                case "str":
                    text = cleaned(value ?? "")
                case "b":
                    text = value == "1" ? "ИСТИНА" : "ЛОЖЬ"
                case "e":
                    throw OfficeReadError(place: place, "holds an error value \(value ?? "") (Excel shows it as such); correct the cell and import again")
                default:
                    guard let value, !value.isEmpty else { continue }
                    guard let number = Double(value) else {
                        throw OfficeReadError(place: place, "holds '\(value)', which is not a number although the cell is numeric")
                    }
                    text = styles.dateStyles.contains(style) ? (Self.date(serial: number, date1904: date1904) ?? Self.general(number)) : Self.general(number)
                }
                cells[number, default: [:]][column] = OfficeCell(text: text, bold: styles.boldStyles.contains(style), merge: .none)
                lastColumn = max(lastColumn, column)
                firstRow = min(firstRow, number)
            }
        }
        guard lastColumn >= 0 else { return OfficeTable(name: "sheet «\(name)»", isSheet: true, columnCount: 0, rows: []) }
        // A cell that links somewhere its text does not show keeps the address after its text.
        for hyperlink in root.child("hyperlinks")?.children("hyperlink") ?? [] {
            guard let id = hyperlink.attribute("id"), let url = links[id], let at = hyperlink.attribute("ref").flatMap(Self.cell),
                  var cell = cells[at.row]?[at.column], !cell.text.isEmpty, !cell.text.contains(url) else { continue }
            cell.text += " " + url
            cells[at.row]?[at.column] = cell
        }
        var merges: [(rows: ClosedRange<Int>, columns: ClosedRange<Int>)] = []
        for merge in root.child("mergeCells")?.children("mergeCell") ?? [] {
            let parts = (merge.attribute("ref") ?? "").split(separator: ":").map(String.init)
            guard parts.count == 2, let from = Self.cell(parts[0]), let to = Self.cell(parts[1]),
                  from.row <= to.row, from.column <= to.column else { continue }
            guard to.row <= maximumRows, to.column < maximumColumns else { continue }
            merges.append((from.row...to.row, from.column...to.column))
            lastColumn = max(lastColumn, to.column)
            lastRow = max(lastRow, to.row)
            firstRow = min(firstRow, from.row)
        }
        let width = lastColumn + 1
        // The grid is dense: a few cells far apart must not make it huge, nor merges cover it many times over.
        let area = (max(firstRow, lastRow) - firstRow + 1) * width
        let merged = merges.reduce(0) { $0 + $1.rows.count * $1.columns.count }
        guard area <= maximumCells, merged <= area else {
            throw OfficeReadError(place: "sheet «\(name)»", area > maximumCells
                ? "the used range is larger than a roadmap (\(max(firstRow, lastRow) - firstRow + 1) rows × \(width) columns; at most \(maximumCells) cells are read)"
                : "merged areas overlap (they cover more cells than the sheet has)")
        }
        var rows = (firstRow...max(firstRow, lastRow)).map { number in
            OfficeRow(number: number, cells: (0..<width).map { cells[number]?[$0] ?? .empty() }, isHeader: false)
        }
        for merge in merges {
            let top = merge.rows.lowerBound - firstRow
            let left = merge.columns.lowerBound
            rows[top].cells[left].merge = .origin(columns: merge.columns.count, rows: merge.rows.count)
            for r in merge.rows {
                for c in merge.columns where !(r - firstRow == top && c == left) {
                    // Excel keeps only the first cell's value; a covered cell's stray value is dropped as Excel does.
                    rows[r - firstRow].cells[c] = .empty(.covered(row: top, column: left))
                }
            }
        }
        return OfficeTable(name: "sheet «\(name)»", isSheet: true, columnCount: width, rows: rows)
    }

    /// A number as a general cell shows it: an integer without a point, otherwise up to 15 significant digits.
    static func general(_ number: Double) -> String {
        if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
        var text = String(format: "%.15g", number)
        if text.contains("e") { return text }
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }

    /// A serial date as `DD.MM.YYYY` (the 1900 system, with Excel's phantom 29 February 1900).
    static func date(serial: Double, date1904: Bool) -> String? {
        var days = Int(serial.rounded(.down))
        guard days >= 1, days < 2_958_466 else { return nil }
        if date1904 { days += 1462 }
        if days > 59 { days -= 1 }  // 1900 was not a leap year, Excel counts 29.02.1900
        var components = DateComponents()
        components.year = 1899
        components.month = 12
        components.day = 31 + days
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let date = calendar.date(from: components) else { return nil }
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        guard let year = parts.year, let month = parts.month, let day = parts.day else { return nil }
        return String(format: "%02d.%02d.%04d", day, month, year)
    }

    /// The 0-based column of a reference (`C7` → 2).
    static func column(of reference: String) -> Int? { cell(reference)?.column }

    /// Row (1-based) and column (0-based) of a reference such as `AB12`.
    static func cell(_ reference: String) -> (row: Int, column: Int)? {
        var column = 0
        var digits = ""
        for scalar in reference.unicodeScalars {
            if scalar.value >= 65, scalar.value <= 90, digits.isEmpty {
                column = column * 26 + Int(scalar.value - 64)
                if column > 16_384 { return nil }
            } else if scalar.value >= 48, scalar.value <= 57 {
                digits.unicodeScalars.append(scalar)
            } else {
                return nil
            }
        }
        guard column > 0, let row = Int(digits), row > 0 else { return nil }
        return (row, column - 1)
    }
}
