import KartaLua
import KartaReports

extension ReportDocument {
    /// Most columns a table may declare (the regions' forms have 5 to 12).
    static let maxColumns = 200
    /// Most cells a document may hold once every row is padded to its table's columns:
    /// what rendering five formats of it costs is bounded by this and the byte cap on what
    /// leaves Lua (docs/security.md).
    static let maxCells = 200_000
    /// Column widths are relative, from 0.1 to this.
    static let maxColumnWidth = 1000.0

    /// Checks and decodes the document a report function returned.
    ///
    /// - Returns: the document, or every problem found, keyed by path (`blocks[3].rows[5].cells[2]`).
    static func decode(_ value: LuaValue, defaultTitle: String, orientation: Orientation) -> Result<ReportDocument, ProblemList> {
        var reader = LuaReader()
        guard let table = reader.table(value, "", shape: .document) else {
            return .failure(ProblemList(reader.problems.isEmpty
                ? [ManifestProblem(path: "", message: "a report function must return a document table")]
                : reader.problems))
        }
        let title = reader.string(table["title"], "title") ?? defaultTitle
        let pageOrientation = table["orientation"] == .nil
            ? orientation
            : reader.oneOf(table["orientation"], "orientation", Orientation.self) ?? orientation
        var blocks: [ReportBlock] = []
        var cells = 0
        for (index, item) in reader.list(table["blocks"], "blocks", required: true).enumerated() {
            if let block = decodeBlock(item, path: "blocks[\(index + 1)]", cells: &cells, reader: &reader) {
                blocks.append(block)
            }
            if cells > maxCells { break }
        }
        guard reader.problems.isEmpty else { return .failure(ProblemList(reader.problems)) }
        return .success(ReportDocument(title: title, orientation: pageOrientation, blocks: blocks))
    }

    /// The shape of each kind of block, by its `kind`.
    private static let blockShapes = Dictionary(uniqueKeysWithValues: LuaShape.blockShapes.map { ($0.blockKind!, $0) })

    private static func decodeBlock(_ value: LuaValue, path: String, cells: inout Int, reader: inout LuaReader) -> ReportBlock? {
        guard let probe = reader.table(value, path) else { return nil }
        guard let kind = reader.string(probe["kind"], "\(path).kind", required: true) else { return nil }
        guard let shape = blockShapes[kind] else {
            reader.fail("\(path).kind", "unknown block kind '\(kind)' (expected one of: \(blockShapes.keys.sorted().joined(separator: ", ")))")
            return nil
        }
        guard let table = reader.table(value, path, shape: shape) else { return nil }
        switch kind {
        case "heading":
            guard let text = reader.string(table["text"], "\(path).text", required: true) else { return nil }
            let level = reader.integer(table["level"], "\(path).level") ?? 1
            if !(1...6).contains(level) { reader.fail("\(path).level", "must be 1 to 6, found \(level)") }
            return .heading(text: text, level: level)
        case "paragraph":
            guard let text = reader.string(table["text"], "\(path).text", required: true) else { return nil }
            let alignment = table["align"] == .nil
                ? .left
                : reader.oneOf(table["align"], "\(path).align", Alignment.self) ?? .left
            return .paragraph(ReportParagraph(
                text: text, alignment: alignment, bold: reader.boolean(table["bold"], "\(path).bold") ?? false,
                italic: reader.boolean(table["italic"], "\(path).italic") ?? false))
        case "approval", "signature":
            let position = reader.string(table["position"], "\(path).position", required: true)
            let name = reader.string(table["name"], "\(path).name", required: true)
            guard let position, let name else { return nil }
            let block = SignatureBlock(
                label: reader.string(table["label"], "\(path).label"), position: position, name: name,
                date: reader.string(table["date"], "\(path).date"))
            return kind == "approval" ? .approval(block) : .signature(block)
        default:
            return decodeTable(table, path: path, cells: &cells, reader: &reader).map(ReportBlock.table)
        }
    }

    private static func decodeTable(_ table: LuaTable, path: String, cells: inout Int, reader: inout LuaReader) -> ReportTable? {
        var columns: [ReportColumn] = []
        var seen: Set<String> = []
        let declared = reader.list(table["columns"], "\(path).columns", required: true)
        guard declared.count <= maxColumns else {
            reader.fail("\(path).columns", "\(declared.count) columns; a table has at most \(maxColumns)")
            return nil
        }
        for (index, item) in declared.enumerated() {
            let columnPath = "\(path).columns[\(index + 1)]"
            guard let column = reader.table(item, columnPath, shape: .column) else { continue }
            let id = reader.string(column["id"], "\(columnPath).id", required: true)
            let title = reader.string(column["title"], "\(columnPath).title", required: true)
            let width = reader.number(column["width"], "\(columnPath).width") ?? 1
            // Relative widths: each is a share of the page, so each must be a sensible one.
            if !(0.1...maxColumnWidth).contains(width) {
                reader.fail("\(columnPath).width", "must be a number from 0.1 to \(Int(maxColumnWidth)) (widths are relative), found \(width)")
            }
            let alignment = column["align"] == .nil
                ? .left
                : reader.oneOf(column["align"], "\(columnPath).align", Alignment.self) ?? .left
            let type = column["type"] == .nil
                ? .text
                : reader.oneOf(column["type"], "\(columnPath).type", ColumnType.self) ?? .text
            if let id, !seen.insert(id).inserted { reader.fail("\(columnPath).id", "duplicate column id '\(id)'") }
            if let id, let title {
                columns.append(ReportColumn(id: id, title: title, width: width, alignment: alignment, type: type))
            }
        }
        if columns.isEmpty { reader.fail("\(path).columns", "a table needs at least one column") }
        var rows: [ReportRow] = []
        var overflows: [Overflow] = []
        defer { report(overflows, columns: columns, table: path, reader: &reader) }
        for (index, item) in reader.list(table["rows"], "\(path).rows", required: true).enumerated() {
            if let row = decodeRow(item, path: { "\(path).rows[\(index + 1)]" }, columns: columns.count, cells: &cells,
                                   overflows: &overflows, reader: &reader) {
                rows.append(row)
            }
            if cells > maxCells {
                reader.fail("\(path).rows[\(index + 1)]", "the document has more than \(maxCells) cells (rows × columns)")
                return nil
            }
        }
        let chart = table["chart"] == .nil ? nil : decodeChart(table["chart"], path: "\(path).chart", columns: columns, reader: &reader)
        return ReportTable(columns: columns, rows: rows, chart: chart)
    }

    /// A table's `chart`: its columns must be the table's, the value column a `number` one.
    private static func decodeChart(_ value: LuaValue, path: String, columns: [ReportColumn], reader: inout LuaReader) -> ReportChart? {
        guard let table = reader.table(value, path, shape: .chart) else { return nil }
        let title = reader.string(table["title"], "\(path).title", required: true)
        let ids = columns.map(\.id)
        func column(_ field: String) -> ReportColumn? {
            guard let id = reader.string(table[field], "\(path).\(field)", required: true) else { return nil }
            guard let column = columns.first(where: { $0.id == id }) else {
                reader.fail("\(path).\(field)", "no column '\(id)' in the table (its columns: \(ids.joined(separator: ", ")))")
                return nil
            }
            return column
        }
        let category = column("category")
        let valueColumn = column("value")
        if let valueColumn, valueColumn.type != .number {
            reader.fail("\(path).value", "column '\(valueColumn.id)' is of type \(valueColumn.type.rawValue); "
                        + "a chart's values come from a column of type number")
        }
        let unit = reader.string(table["unit"], "\(path).unit")
        let max = reader.number(table["max"], "\(path).max")
        if let max, max <= 0 { reader.fail("\(path).max", "must be a number above 0, found \(max)") }
        guard let title, let category, let valueColumn else { return nil }
        return ReportChart(title: title, category: category.id, value: valueColumn.id, unit: unit, max: max)
    }

    private static func decodeRow(
        _ value: LuaValue, path: () -> String, columns: Int, cells counted: inout Int, overflows: inout [Overflow],
        reader: inout LuaReader
    ) -> ReportRow? {
        // Counted before anything is padded: a million references to one empty row of a
        // wide table must not become a million padded rows.
        counted += columns
        guard counted <= maxCells else { return nil }
        guard case .table(let table) = value else {
            reader.fail(path(), "expected a row table, found \(value.typeName)")
            return nil
        }
        let isPlainList = table.fields["cells"] == nil
        var kind = ReportRow.Kind.data
        var cellSource = table
        var children: [ReportRow] = []
        if !isPlainList {
            guard let fields = reader.table(value, path(), shape: .row) else { return nil }
            if fields["kind"] != .nil {
                kind = reader.oneOf(fields["kind"], "\(path()).kind", ReportRow.Kind.self) ?? .data
            }
            guard case .table(let cells) = fields["cells"] else {
                reader.fail("\(path()).cells", "expected a list of cell texts, found \(fields["cells"].typeName)")
                return nil
            }
            cellSource = cells
            for (index, child) in reader.list(fields["children"], "\(path()).children").enumerated() {
                guard counted <= maxCells else { break }
                if let row = decodeRow(child, path: { "\(path()).children[\(index + 1)]" }, columns: columns, cells: &counted,
                                       overflows: &overflows, reader: &reader) {
                    children.append(row)
                }
            }
        } else if !table.fields.isEmpty {
            reader.fail(path(), "unknown fields \(table.fields.keys.sorted().joined(separator: ", ")) (a row is a list of cells or {kind=, cells=, children=})")
        }
        let cells = decodeCells(cellSource, path: { isPlainList ? path() : "\(path()).cells" }, reader: &reader)
        let limit = kind == .section ? 1 : columns
        if cells.count > limit {
            if kind == .section {
                reader.fail("\(path()).cells", "a section row has one cell, found \(cells.count)")
            } else {
                overflows.append(Overflow(path: isPlainList ? path() : "\(path()).cells", cells: cells))
            }
        }
        var padded = cells
        if kind == .section {
            if padded.count > 1 { padded.removeLast(padded.count - 1) }
        } else if padded.count < columns {
            padded.append(contentsOf: repeatElement("", count: columns - padded.count))
        }
        return ReportRow(kind: kind, cells: padded, children: children)
    }

    /// A data row with more cells than its table has columns.
    private struct Overflow {
        var path: String
        var cells: [String]
    }

    /// Rows with more cells than columns, said once per table: the first in full (the
    /// columns it should fill, where it begins, what is left over), then how many more. A
    /// row function that returns one cell too many does so for every activity; a list of
    /// 300 identical lines would hide the one that says what to change.
    private static func report(_ overflows: [Overflow], columns: [ReportColumn], table: String, reader: inout LuaReader) {
        guard let first = overflows.first else { return }
        func quoted(_ text: String) -> String {
            let line = text.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
            let short = line.count > 30 ? line.prefix(29) + "…" : Substring(line)
            return "«\(short)»"
        }
        let titles = columns.enumerated().map { "\($0.offset + 1) \(quoted($0.element.title))" }.joined(separator: ", ")
        let extra = first.cells.dropFirst(columns.count).map(quoted).joined(separator: ", ")
        reader.fail(first.path, "\(first.cells.count) cells for \(columns.count) columns: a row has one cell per column "
                    + "(\(titles)); the row begins \(quoted(first.cells.first ?? "")), the cells past the last column: \(extra)")
        if overflows.count > 1 {
            let more = overflows.dropFirst()
            let listed = more.prefix(5).map(\.path).joined(separator: ", ") + (more.count > 5 ? ", …" : "")
            reader.fail("\(table).rows", "\(more.count) more row(s) have more cells than the \(columns.count) columns (\(listed))")
        }
    }

    /// Cells by position: nil holes print as empty cells; numbers print as written by Lua.
    private static func decodeCells(_ table: LuaTable, path: () -> String, reader: inout LuaReader) -> [String] {
        func text(_ value: LuaValue, _ index: Int) -> String {
            switch value {
            case .nil: return ""
            case .string(let text): return reader.text(text, "\(path())[\(index)]")
            case .integer(let number): return String(number)
            case .number(let number) where number.isFinite: return String(number)
            case let other:
                reader.fail("\(path())[\(index)]", "expected a string, found \(other.typeName)")
                return ""
            }
        }
        // The usual row: a plain list, no holes.
        if table.otherEntries.isEmpty {
            return table.sequence.enumerated().map { text($1, $0 + 1) }
        }
        var byIndex: [Int: LuaValue] = [:]
        for (offset, value) in table.sequence.enumerated() { byIndex[offset + 1] = value }
        for entry in table.otherEntries {
            guard case .integer(let key) = entry.key, key >= 1, key <= 1000 else {
                reader.fail(path(), "cells must be at positions 1, 2, 3, ...")
                continue
            }
            byIndex[Int(key)] = entry.value
        }
        guard let last = byIndex.keys.max() else { return [] }
        return (1...last).map { text(byIndex[$0] ?? .nil, $0) }
    }
}
