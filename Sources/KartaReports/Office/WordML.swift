// Typed builders for the WordprocessingML that Karta writes. Each type writes its
// children in the order the schema demands, so Word's rules hold by construction:
// properties come first and in schema order, every table cell ends with a paragraph,
// every row covers the table's grid, tables never touch each other or the section end,
// and text goes through `XMLWriter`, which escapes it and removes control characters.
// Units are twentieths of a point (twips) unless a name says otherwise.

/// A run of text with one formatting. Line breaks become `<w:br/>`, tabs `<w:tab/>`.
struct WordRun: Sendable, Hashable {
    var text: String
    var bold = false
    var italic = false
    /// Font size in half-points (24 = 12 pt); nil for the style's size.
    var halfPoints: Int?

    func write(to xml: inout XMLWriter) {
        xml.element("w:r") { xml in
            if bold || italic || halfPoints != nil {
                xml.element("w:rPr") { xml in
                    if bold { xml.empty("w:b") }
                    if italic { xml.empty("w:i") }
                    if let halfPoints {
                        xml.empty("w:sz", ["w:val": String(halfPoints)])
                        xml.empty("w:szCs", ["w:val": String(halfPoints)])
                    }
                }
            }
            var first = true
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                if !first { xml.empty("w:br") }
                first = false
                for (index, piece) in line.split(separator: "\t", omittingEmptySubsequences: false).enumerated() {
                    if index > 0 { xml.empty("w:tab") }
                    if !piece.isEmpty { xml.element("w:t", ["xml:space": "preserve"], text: String(piece)) }
                }
            }
        }
    }
}

/// A paragraph: properties and runs.
struct WordParagraph: Sendable, Hashable {
    var runs: [WordRun]
    var alignment: Alignment?
    /// Keep with the next paragraph (headings, approval blocks).
    var keepNext = false
    /// A right-aligned tab stop at this position (signature lines).
    var rightTab: Int?
    /// Space after the paragraph, in twips.
    var spacingAfter: Int?
    /// Left indent, in twips.
    var indentLeft: Int?

    init(_ runs: [WordRun] = [], alignment: Alignment? = nil, keepNext: Bool = false,
         rightTab: Int? = nil, spacingAfter: Int? = nil, indentLeft: Int? = nil) {
        self.runs = runs
        self.alignment = alignment
        self.keepNext = keepNext
        self.rightTab = rightTab
        self.spacingAfter = spacingAfter
        self.indentLeft = indentLeft
    }

    func write(to xml: inout XMLWriter) {
        xml.element("w:p") { xml in
            let hasProperties = keepNext || rightTab != nil || spacingAfter != nil || indentLeft != nil || alignment != nil
            if hasProperties {
                xml.element("w:pPr") { xml in
                    // CT_PPrBase order: keepNext, tabs, spacing, ind, jc.
                    if keepNext { xml.empty("w:keepNext") }
                    if let rightTab {
                        xml.element("w:tabs") { $0.empty("w:tab", ["w:val": "right", "w:pos": String(rightTab)]) }
                    }
                    if let spacingAfter { xml.empty("w:spacing", ["w:after": String(spacingAfter)]) }
                    if let indentLeft { xml.empty("w:ind", ["w:left": String(indentLeft)]) }
                    if let alignment { xml.empty("w:jc", ["w:val": alignment.wordValue]) }
                }
            }
            for run in runs { run.write(to: &xml) }
        }
    }
}

extension Alignment {
    /// The `w:jc` value.
    var wordValue: String {
        switch self {
        case .left: "left"
        case .center: "center"
        case .right: "right"
        case .justify: "both"
        }
    }
}

/// A table cell: a width, how many grid columns it spans, and at least one paragraph.
struct WordTableCell: Sendable, Hashable {
    let width: Int
    let span: Int
    let paragraphs: [WordParagraph]

    /// A cell; an empty paragraph list gets one empty paragraph, as Word requires.
    init(width: Int, span: Int = 1, paragraphs: [WordParagraph]) {
        self.width = width
        self.span = max(1, span)
        self.paragraphs = paragraphs.isEmpty ? [WordParagraph()] : paragraphs
    }

    func write(to xml: inout XMLWriter) {
        xml.element("w:tc") { xml in
            xml.element("w:tcPr") { xml in
                // CT_TcPr order: tcW, gridSpan.
                xml.empty("w:tcW", ["w:w": String(width), "w:type": "dxa"])
                if span > 1 { xml.empty("w:gridSpan", ["w:val": String(span)]) }
            }
            for paragraph in paragraphs { paragraph.write(to: &xml) }
        }
    }
}

/// A table row. Rows never split across pages; header rows repeat on every page.
struct WordTableRow: Sendable, Hashable {
    var cells: [WordTableCell]
    var isHeader = false

    func write(to xml: inout XMLWriter) {
        xml.element("w:tr") { xml in
            xml.element("w:trPr") { xml in
                xml.empty("w:cantSplit")
                if isHeader { xml.empty("w:tblHeader") }
            }
            for cell in cells { cell.write(to: &xml) }
        }
    }
}

/// A bordered table with a fixed layout and fixed column widths.
struct WordTable: Sendable, Hashable {
    let columnWidths: [Int]
    let rows: [WordTableRow]

    /// A table; each row must cover the grid exactly (spans add up to the column count).
    init(columnWidths: [Int], rows: [WordTableRow]) {
        precondition(!columnWidths.isEmpty, "a table needs a column")
        for row in rows {
            precondition(row.cells.reduce(0) { $0 + $1.span } == columnWidths.count, "a row must cover every grid column")
        }
        self.columnWidths = columnWidths
        self.rows = rows
    }

    func write(to xml: inout XMLWriter) {
        xml.element("w:tbl") { xml in
            xml.element("w:tblPr") { xml in
                // CT_TblPr order: tblW, tblBorders, tblLayout, tblCellMar.
                xml.empty("w:tblW", ["w:w": String(columnWidths.reduce(0, +)), "w:type": "dxa"])
                xml.element("w:tblBorders") { xml in
                    for side in ["w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"] {
                        xml.empty(side, ["w:val": "single", "w:sz": "4", "w:space": "0", "w:color": "000000"])
                    }
                }
                xml.empty("w:tblLayout", ["w:type": "fixed"])
                xml.element("w:tblCellMar") { xml in
                    xml.empty("w:left", ["w:w": "57", "w:type": "dxa"])
                    xml.empty("w:right", ["w:w": "57", "w:type": "dxa"])
                }
            }
            xml.element("w:tblGrid") { xml in
                for width in columnWidths { xml.empty("w:gridCol", ["w:w": String(width)]) }
            }
            for row in rows { row.write(to: &xml) }
        }
    }
}

/// A block of the document body.
enum WordBlock: Sendable, Hashable {
    case paragraph(WordParagraph)
    case table(WordTable)
}

/// A4 page setup of the document's one section.
struct WordPage: Sendable, Hashable {
    static let a4Short = 11906
    static let a4Long = 16838

    var landscape: Bool
    var marginTop = 1134
    var marginBottom = 850
    var marginLeft = 1134
    var marginRight = 850

    var width: Int { landscape ? Self.a4Long : Self.a4Short }
    var height: Int { landscape ? Self.a4Short : Self.a4Long }
    /// The width between the margins.
    var textWidth: Int { width - marginLeft - marginRight }

    func write(to xml: inout XMLWriter) {
        xml.element("w:sectPr") { xml in
            // CT_SectPr order: footerReference, pgSz, pgMar, pgNumType, cols, docGrid.
            xml.empty("w:footerReference", ["w:type": "default", "r:id": "rIdFooter"])
            if landscape {
                xml.empty("w:pgSz", ["w:w": String(width), "w:h": String(height), "w:orient": "landscape"])
            } else {
                xml.empty("w:pgSz", ["w:w": String(width), "w:h": String(height)])
            }
            xml.empty("w:pgMar", [
                "w:top": String(marginTop), "w:right": String(marginRight), "w:bottom": String(marginBottom),
                "w:left": String(marginLeft), "w:header": "567", "w:footer": "425", "w:gutter": "0",
            ])
            xml.empty("w:cols", ["w:space": "708"])
        }
    }
}

/// The document body: blocks and the page setup.
struct WordBody: Sendable, Hashable {
    var blocks: [WordBlock]
    var page: WordPage

    /// `word/document.xml`. An empty paragraph separates adjacent tables (Word would merge
    /// them) and follows a final table (the section must end with a paragraph).
    func documentXML() -> String {
        var xml = XMLWriter()
        xml.element("w:document", WordNamespaces.document) { xml in
            xml.element("w:body") { xml in
                var previousWasTable = false
                for block in blocks {
                    switch block {
                    case .paragraph(let paragraph):
                        paragraph.write(to: &xml)
                        previousWasTable = false
                    case .table(let table):
                        if previousWasTable { WordParagraph().write(to: &xml) }
                        table.write(to: &xml)
                        previousWasTable = true
                    }
                }
                if previousWasTable || blocks.isEmpty { WordParagraph().write(to: &xml) }
                page.write(to: &xml)
            }
        }
        return xml.text
    }
}

/// Namespace declarations of the parts.
enum WordNamespaces {
    static let main = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    static let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let document: XMLWriter.Attributes = ["xmlns:w": main, "xmlns:r": relationships]
}
