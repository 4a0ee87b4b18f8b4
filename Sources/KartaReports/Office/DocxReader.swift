/// Reads the body of a Word document into paragraphs and tables on their grid: text as
/// Word shows it (runs joined, hyperlinks and fields' visible text, tracked insertions;
/// not deleted text nor field instructions), horizontal merges (`gridSpan`, `gridBefore`,
/// `gridAfter`) and vertical ones (`vMerge`) resolved to ``OfficeCell/Merge``.
enum DocxReader {
    static func read(_ package: inout OfficePackage) throws(OfficeReadError) -> OfficeDocument {
        guard let document = try package.xml("word/document.xml"), let body = document.child("body") else {
            throw OfficeReadError(place: nil, "word/document.xml has no body")
        }
        var links: [String: String] = [:]
        for relationship in try package.xml("word/_rels/document.xml.rels")?.children("Relationship") ?? [] {
            if relationship.attribute("TargetMode") == "External", let id = relationship.attribute("Id"), let target = relationship.attribute("Target") {
                links[id] = target
            }
        }
        var blocks: [OfficeDocument.Block] = []
        var tableCount = 0
        var failure: OfficeReadError?
        func walk(_ node: XMLNode) {
            for element in node.children {
                switch element.localName {
                case "p":
                    let paragraph = paragraphText(element, links: links)
                    if !paragraph.text.isEmpty { blocks.append(.paragraph(paragraph)) }
                case "tbl":
                    tableCount += 1
                    do {
                        blocks.append(.table(try table(element, number: tableCount, links: links)))
                    } catch {
                        failure = error
                    }
                case "sdt", "sdtContent", "customXml":
                    walk(element)
                default:
                    continue
                }
            }
        }
        walk(body)
        if let failure { throw failure }
        return OfficeDocument(kind: .docx, blocks: blocks, notices: [])
    }

    /// A table's rows on its grid.
    static func table(_ table: XMLNode, number: Int, links: [String: String]) throws(OfficeReadError) -> OfficeTable {
        let widest = XlsxReader.maximumColumns
        var rowNodes: [XMLNode] = []
        func collectRows(_ node: XMLNode) {
            for element in node.children {
                switch element.localName {
                case "tr": rowNodes.append(element)
                case "sdt", "sdtContent", "customXml": collectRows(element)
                default: continue
                }
            }
        }
        collectRows(table)
        // Each row as (text, bold, span, vertical merge) per cell, after its grid offset.
        struct RawCell {
            var text: String
            var bold: Bool
            var span: Int
            var vertical: Vertical
        }
        enum Vertical { case none, restart, `continue` }
        var rawRows: [(cells: [RawCell?], header: Bool)] = []
        for row in rowNodes {
            let properties = row.child("trPr")
            let before = min(widest + 1, max(0, Int(properties?.child("gridBefore")?.attribute("val") ?? "") ?? 0))
            var cells: [RawCell?] = Array(repeating: nil, count: before)
            for cell in cellNodes(row) {
                let cellProperties = cell.child("tcPr")
                let span = min(widest + 1, max(1, Int(cellProperties?.child("gridSpan")?.attribute("val") ?? "") ?? 1))
                if cells.count + span > widest {
                    throw OfficeReadError(place: "table \(number), row \(rawRows.count + 1)", "more than \(widest) columns; a roadmap table has about ten")
                }
                var vertical = Vertical.none
                if let merge = cellProperties?.child("vMerge") {
                    vertical = merge.attribute("val") == "restart" ? .restart : .continue
                }
                let paragraphs = cellParagraphs(cell).map { paragraphText($0, links: links) }
                let text = paragraphs.map(\.text).joined(separator: "\n")
                let bold = !paragraphs.filter { !$0.text.isEmpty }.isEmpty && paragraphs.allSatisfy { $0.text.isEmpty || $0.bold }
                cells.append(RawCell(text: text, bold: bold, span: span, vertical: vertical))
                cells.append(contentsOf: Array(repeating: nil, count: span - 1))
            }
            rawRows.append((cells, properties?.child("tblHeader").map(isOn) ?? false))
        }
        let gridColumns = min(widest, table.child("tblGrid")?.children("gridCol").count ?? 0)
        if rawRows.count > XlsxReader.maximumRows {
            throw OfficeReadError(place: "table \(number)", "more than \(XlsxReader.maximumRows) rows; a roadmap table has tens")
        }
        let columns = max(gridColumns, rawRows.map(\.cells.count).max() ?? 0)
        var rows: [OfficeRow] = rawRows.enumerated().map { index, raw in
            OfficeRow(number: index + 1, cells: Array(repeating: .empty(), count: columns), isHeader: raw.header)
        }
        for (r, raw) in rawRows.enumerated() {
            var c = 0
            while c < raw.cells.count {
                guard let cell = raw.cells[c] else { c += 1; continue }
                if cell.vertical == .continue, r > 0, case let origin = originOf(rows, row: r - 1, column: c), let origin {
                    // Part of the merge above: extend it by a row.
                    for offset in 0..<cell.span where c + offset < columns {
                        rows[r].cells[c + offset] = .empty(.covered(row: origin.row, column: origin.column))
                    }
                    if case .origin(let width, let height) = rows[origin.row].cells[origin.column].merge,
                       origin.row + height == r {
                        rows[origin.row].cells[origin.column].merge = .origin(columns: width, rows: height + 1)
                    }
                } else {
                    let merged = cell.span > 1 || cell.vertical == .restart
                    rows[r].cells[c] = OfficeCell(text: cell.text, bold: cell.bold,
                                                  merge: merged ? .origin(columns: cell.span, rows: 1) : .none)
                    for offset in 1..<max(1, cell.span) where c + offset < columns {
                        rows[r].cells[c + offset] = .empty(.covered(row: r, column: c))
                    }
                }
                c += cell.span
            }
        }
        return OfficeTable(name: "table \(number)", isSheet: false, columnCount: columns, rows: rows)
    }

    /// The first cell of the merged area (or the cell itself) at a grid position.
    private static func originOf(_ rows: [OfficeRow], row: Int, column: Int) -> (row: Int, column: Int)? {
        guard column < rows[row].cells.count else { return nil }
        switch rows[row].cells[column].merge {
        case .covered(let r, let c): return (r, c)
        case .origin, .none: return (row, column)
        }
    }

    /// A cell's paragraphs in reading order, those of a table nested in it included; not those
    /// of text boxes and drawings inside its runs.
    private static func cellParagraphs(_ node: XMLNode) -> [XMLNode] {
        node.children.flatMap { element -> [XMLNode] in
            switch element.localName {
            case "p": [element]
            case "tbl", "tr", "tc", "sdt", "sdtContent", "customXml", "ins": cellParagraphs(element)
            default: []
            }
        }
    }

    /// The cells of a row, through content controls.
    private static func cellNodes(_ node: XMLNode) -> [XMLNode] {
        node.children.flatMap { element -> [XMLNode] in
            switch element.localName {
            case "tc": [element]
            case "sdt", "sdtContent", "customXml": cellNodes(element)
            default: []
            }
        }
    }

    /// The address of a `HYPERLINK "https://…"` field instruction.
    static func hyperlinkTarget(_ instruction: String) -> String? {
        let trimmed = instruction.trimmingCharacters(in: .whitespaces)
        guard trimmed.uppercased().hasPrefix("HYPERLINK") else { return nil }
        let parts = trimmed.split(separator: "\"", omittingEmptySubsequences: false)
        guard parts.count >= 3 else { return nil }
        let url = String(parts[1])
        return url.lowercased().hasPrefix("http") || url.lowercased().hasPrefix("mailto:") ? url : nil
    }

    /// An on/off property: present and not `0`, `false` or `off`.
    private static func isOn(_ node: XMLNode) -> Bool {
        guard let value = node.attribute("val") else { return true }
        return !["0", "false", "off"].contains(value)
    }

    /// A paragraph's text as Word shows it, and whether every run with text is bold. A link
    /// whose shown text does not include its address (a hyperlink, or a `HYPERLINK` field)
    /// is followed by the address, so that evidence keeps it («Раздел на сайте https://…»).
    static func paragraphText(_ paragraph: XMLNode, links: [String: String] = [:]) -> OfficeParagraph {
        var text = ""
        var allBold = true
        var any = false
        // Field instructions (between `begin` and `separate`) are not shown; fields nest.
        struct Field {
            var inInstruction = true
            var instruction = ""
            var shownFrom: Int?
        }
        var fields: [Field] = []
        var instruction: Int { fields.contains { $0.inInstruction } ? 1 : 0 }
        // `start`: the length of the text (UTF-8 bytes) before the link's shown text.
        func link(_ url: String, shownFrom start: Int) {
            let shown = String(decoding: text.utf8.dropFirst(start), as: UTF8.self)
            guard !url.isEmpty, !shown.contains(url), !shown.allSatisfy(\.isWhitespace) else { return }
            text += " " + url
        }
        func visit(_ node: XMLNode) {
            for element in node.children {
                switch element.localName {
                case "r":
                    let bold = element.child("rPr")?.child("b").map(isOn) ?? false
                    for piece in element.children {
                        var added = ""
                        switch piece.localName {
                        case "fldChar":
                            switch piece.attribute("fldCharType") {
                            case "begin": fields.append(Field())
                            case "separate":
                                if !fields.isEmpty {
                                    fields[fields.count - 1].inInstruction = false
                                    fields[fields.count - 1].shownFrom = text.utf8.count
                                }
                            case "end":
                                if let field = fields.popLast(), let start = field.shownFrom, let url = Self.hyperlinkTarget(field.instruction) {
                                    link(url, shownFrom: start)
                                }
                            default: break
                            }
                        case "instrText":
                            if !fields.isEmpty { fields[fields.count - 1].instruction += piece.text }
                        case "t" where instruction == 0: added = piece.text
                        case "br" where instruction == 0:
                            let kind = piece.attribute("type") ?? "textWrapping"
                            if kind == "textWrapping" { added = "\n" }
                        case "cr" where instruction == 0: added = "\n"
                        case "tab" where instruction == 0: added = "\t"
                        case "softHyphen" where instruction == 0: added = "\u{AD}"
                        case "noBreakHyphen" where instruction == 0: added = "-"
                        default: break
                        }
                        if !added.isEmpty {
                            text += added
                            if !added.allSatisfy(\.isWhitespace) {
                                any = true
                                if !bold { allBold = false }
                            }
                        }
                    }
                case "del", "moveFrom", "pPr", "rPr":
                    continue
                case "hyperlink":
                    let start = text.utf8.count
                    visit(element)
                    if let id = element.attribute("id"), let url = links[id] { link(url, shownFrom: start) }
                default:
                    // Hyperlinks, insertions, smart tags, simple fields, content controls.
                    visit(element)
                }
            }
        }
        visit(paragraph)
        return OfficeParagraph(text: text, bold: any && allBold)
    }
}
