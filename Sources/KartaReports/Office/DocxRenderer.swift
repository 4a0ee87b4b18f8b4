/// Renders a report document as a Word document (DOCX): A4 in the document's orientation,
/// Times New Roman, a bordered fixed-width table whose header row repeats on every page and
/// whose rows never split, section rows merged across all columns, the approval block on the
/// right above the title, signature lines with the position on the left and the name on the
/// right, the page number in the footer, and the title in the document properties.
/// The same document always gives the same bytes.
public struct DocxRenderer: Sendable {
    /// Table text size in half-points (11 pt).
    static let tableHalfPoints = 22

    /// Creates a renderer.
    public init() {}

    /// The DOCX file's bytes.
    public func render(_ document: ReportDocument) throws(ReportRenderError) -> [UInt8] {
        let body = self.body(document)
        return try ZipPackage.archive([
            ("[Content_Types].xml", DocxParts.contentTypes),
            ("_rels/.rels", DocxParts.packageRelationships),
            ("docProps/core.xml", DocxParts.core(title: document.title)),
            ("docProps/app.xml", DocxParts.app),
            ("word/document.xml", body.documentXML()),
            ("word/_rels/document.xml.rels", DocxParts.documentRelationships),
            ("word/styles.xml", DocxParts.styles),
            ("word/settings.xml", DocxParts.settings),
            ("word/footer1.xml", DocxParts.footer),
        ])
    }

    /// The body of `word/document.xml` for a document.
    func body(_ document: ReportDocument) -> WordBody {
        let page = WordPage(landscape: document.orientation == .landscape)
        var blocks: [WordBlock] = []
        for block in document.blocks {
            switch block {
            case .heading(let text, let level):
                let run = WordRun(text: text, bold: true, halfPoints: level <= 1 ? 28 : 24)
                blocks.append(.paragraph(WordParagraph([run], alignment: .center, keepNext: true, spacingAfter: 120)))
            case .paragraph(let paragraph):
                // One Word paragraph per line: a justified line ending in a manual break
                // would be stretched across the page.
                let lines = paragraph.text.split(separator: "\n", omittingEmptySubsequences: false)
                for (index, line) in lines.enumerated() {
                    let run = WordRun(text: String(line), bold: paragraph.bold, italic: paragraph.italic)
                    blocks.append(.paragraph(WordParagraph([run], alignment: paragraph.alignment,
                                                           spacingAfter: index == lines.count - 1 ? 120 : nil)))
                }
            case .approval(let approval):
                blocks += self.approval(approval, page: page)
            case .signature(let signature):
                blocks += self.signature(signature, page: page)
            case .table(let table):
                blocks.append(.table(self.table(table, width: page.textWidth)))
            }
        }
        return WordBody(blocks: blocks, page: page)
    }

    /// «УТВЕРЖДАЮ», position, a signature line with the name, date: a block in the right
    /// part of the page, its lines flush left.
    private func approval(_ block: SignatureBlock, page: WordPage) -> [WordBlock] {
        let indent = page.textWidth * 6 / 10
        var lines = [block.label, block.position, "____________ \(block.name)", block.date].compactMap { $0 }
        lines = lines.filter { !$0.isEmpty }
        return lines.enumerated().map { index, line in
            .paragraph(WordParagraph([WordRun(text: line)], keepNext: true,
                                     spacingAfter: index == lines.count - 1 ? 240 : nil, indentLeft: indent))
        }
    }

    /// A label line, the position on the left and the name on the right of its last line.
    private func signature(_ block: SignatureBlock, page: WordPage) -> [WordBlock] {
        var paragraphs = [WordParagraph()]
        if let label = block.label, !label.isEmpty {
            paragraphs.append(WordParagraph([WordRun(text: label)], keepNext: true))
        }
        paragraphs.append(WordParagraph([WordRun(text: "\(block.position)\t\(block.name)")], keepNext: block.date != nil,
                                        rightTab: page.textWidth))
        if let date = block.date, !date.isEmpty {
            paragraphs.append(WordParagraph([WordRun(text: date)]))
        }
        return paragraphs.map { .paragraph($0) }
    }

    /// The columns' relative widths scaled to the text width, in twips; the last column
    /// takes the rounding remainder.
    static func columnWidths(_ columns: [ReportColumn], total: Int) -> [Int] {
        let sum = columns.reduce(0) { $0 + $1.width }
        var widths = columns.map { Int(($0.width / sum * Double(total)).rounded(.down)) }
        if !widths.isEmpty { widths[widths.count - 1] += total - widths.reduce(0, +) }
        return widths
    }

    private func table(_ table: ReportTable, width: Int) -> WordTable {
        let widths = Self.columnWidths(table.columns, total: width)
        func cell(_ text: String, _ column: Int, alignment: Alignment, bold: Bool = false, italic: Bool = false) -> WordTableCell {
            let run = WordRun(text: text, bold: bold, italic: italic, halfPoints: Self.tableHalfPoints)
            return WordTableCell(width: widths[column], paragraphs: [WordParagraph([run], alignment: alignment)])
        }
        var rows = [WordTableRow(
            cells: table.columns.enumerated().map { cell($1.title, $0, alignment: .center, bold: true) },
            isHeader: true)]
        for (row, _) in table.flattenedRows {
            switch row.kind {
            case .section:
                let run = WordRun(text: row.cells.first ?? "", bold: true, halfPoints: Self.tableHalfPoints)
                rows.append(WordTableRow(cells: [
                    WordTableCell(width: width, span: widths.count, paragraphs: [WordParagraph([run])]),
                ]))
            case .data, .hint, .total:
                rows.append(WordTableRow(cells: table.columns.indices.map { index in
                    cell(index < row.cells.count ? row.cells[index] : "", index,
                         alignment: table.columns[index].alignment, bold: row.kind == .total, italic: row.kind == .hint)
                }))
            }
        }
        return WordTable(columnWidths: widths, rows: rows)
    }
}
