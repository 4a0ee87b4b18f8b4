/// Renders a report document as GitHub-flavoured Markdown: paragraphs with hard line
/// breaks, pipe tables with `<br>` inside cells, section rows in bold.
///
/// Written byte by byte into one buffer: the markup and everything escaped is ASCII, so
/// UTF-8 text passes through untouched (a federal roll-up renders thousands of reports).
public struct MarkdownRenderer: Sendable {
    /// Creates a renderer.
    public init() {}

    /// The document as Markdown text, ending with one line break.
    public func render(_ document: ReportDocument) -> String {
        var out = MarkdownOutput()
        for (index, block) in document.blocks.enumerated() {
            if index > 0 { out.append("\n\n") }
            switch block {
            case .heading(let text, let level):
                let marks = max(1, min(level, 6))
                out.forEachLine(of: text, separator: "\n") { line, out in
                    for _ in 0..<marks { out.bytes.append(UInt8(ascii: "#")) }
                    out.bytes.append(UInt8(ascii: " "))
                    out.bytes.append(contentsOf: line)
                }
            case .paragraph(let paragraph):
                out.paragraph(paragraph)
            case .approval(let block), .signature(let block):
                out.signature(block)
            case .table(let table):
                out.table(table)
            }
        }
        out.append("\n")
        return String(decoding: out.bytes, as: UTF8.self)
    }
}

/// The buffer a ``MarkdownRenderer`` writes into.
private struct MarkdownOutput {
    var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(32 * 1024) }

    mutating func append(_ literal: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    /// Calls `body` for each line of `text` (split at line breaks, empty lines kept),
    /// writing `separator` between lines.
    mutating func forEachLine(of text: String, separator: StaticString,
                              _ body: (UnsafeBufferPointer<UInt8>.SubSequence, inout MarkdownOutput) -> Void) {
        var text = text
        text.withUTF8 { utf8 in
            var start = 0
            var first = true
            for index in 0...utf8.count where index == utf8.count || utf8[index] == 0x0A {
                if !first { append(separator) }
                first = false
                body(utf8[start..<index], &self)
                start = index + 1
            }
        }
    }

    mutating func paragraph(_ paragraph: ReportParagraph) {
        forEachLine(of: paragraph.text, separator: "  \n") { line, out in
            guard !line.isEmpty else { return }
            if paragraph.bold { out.append("**") }
            if paragraph.italic { out.append("*") }
            out.escapeLineStart(line)
            if paragraph.italic { out.append("*") }
            if paragraph.bold { out.append("**") }
        }
    }

    /// Label, position lines, name and date, one per line.
    mutating func signature(_ block: SignatureBlock) {
        if let label = block.label {
            escapeInline(label)
            append("  \n")
        }
        forEachLine(of: block.position, separator: "  \n") { line, out in out.escapeInline(line) }
        append("  \n")
        escapeInline(block.name)
        if let date = block.date {
            append("  \n")
            escapeInline(date)
        }
    }

    mutating func table(_ table: ReportTable) {
        let count = table.columns.count
        append("|")
        for column in table.columns {
            append(" ")
            cell(column.title)
            append(" |")
        }
        append("\n|")
        for column in table.columns {
            switch column.alignment {
            case .center: append(":---:|")
            case .right: append("---:|")
            default: append("---|")
            }
        }
        for (entry, _) in table.flattenedRows {
            append("\n|")
            switch entry.kind {
            case .section:
                append(" **")
                cell(entry.cells.first ?? "")
                append("** |")
                for _ in 1..<max(1, count) { append("  |") }
            case .hint, .total:
                let bold = entry.kind == .total
                for index in 0..<max(count, entry.cells.count) {
                    let text = index < entry.cells.count ? entry.cells[index] : ""
                    if text.isEmpty {
                        append("  |")
                    } else {
                        append(bold ? " **" : " *")
                        cell(text)
                        append(bold ? "** |" : "* |")
                    }
                }
            case .data:
                for index in 0..<max(count, entry.cells.count) {
                    append(" ")
                    if index < entry.cells.count { cell(entry.cells[index]) }
                    append(" |")
                }
            }
        }
    }

    /// A cell's text on one line: markup and `|` escaped, line breaks as `<br>`.
    mutating func cell(_ text: String) {
        forEachLine(of: text, separator: "<br>") { line, out in out.escapeInline(line, pipes: true) }
    }

    mutating func escapeInline(_ text: String) {
        var text = text
        text.withUTF8 { escapeInline($0[...]) }
    }

    /// Escapes what would start a list or heading at the beginning of a line
    /// («1. Директору…», « - 2.1 …», «# …»), and markup inside it.
    mutating func escapeLineStart(_ line: Slice<UnsafeBufferPointer<UInt8>>) {
        var index = line.startIndex
        while index < line.endIndex, line[index] == UInt8(ascii: " ") { index += 1 }
        let startsBlock = { (at: Int) in at >= line.endIndex || line[at] == UInt8(ascii: " ") }
        if index < line.endIndex {
            let first = line[index]
            if first == UInt8(ascii: "#") || ((first == UInt8(ascii: "-") || first == UInt8(ascii: "+")) && startsBlock(index + 1)) {
                bytes.append(contentsOf: line[line.startIndex..<index])
                append("\\")
                escapeInline(line[index...])
                return
            }
            var digitsEnd = index
            while digitsEnd < line.endIndex, line[digitsEnd] >= 0x30, line[digitsEnd] <= 0x39 { digitsEnd += 1 }
            if digitsEnd > index, digitsEnd < line.endIndex,
               line[digitsEnd] == UInt8(ascii: ".") || line[digitsEnd] == UInt8(ascii: ")"), startsBlock(digitsEnd + 1) {
                bytes.append(contentsOf: line[line.startIndex..<digitsEnd])
                append("\\")
                escapeInline(line[digitsEnd...])
                return
            }
        }
        escapeInline(line)
    }

    /// Escapes characters Markdown would read as markup (and `|` in cells).
    mutating func escapeInline(_ text: Slice<UnsafeBufferPointer<UInt8>>, pipes: Bool = false) {
        var copied = text.startIndex
        for index in text.indices {
            let byte = text[index]
            let escape: Bool
            switch byte {
            case UInt8(ascii: "*"), UInt8(ascii: "`"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "["),
                 UInt8(ascii: "]"), UInt8(ascii: "\\"):
                escape = true
            case UInt8(ascii: "|"):
                escape = pipes
            case UInt8(ascii: "_"):
                // Intra-word underscores (URLs, page_id) are not emphasis; any other may be.
                escape = !(Self.isWord(before: index, in: text) && Self.isWord(after: index, in: text))
            default:
                escape = false
            }
            guard escape else { continue }
            bytes.append(contentsOf: text[copied..<index])
            bytes.append(UInt8(ascii: "\\"))
            copied = index
        }
        bytes.append(contentsOf: text[copied...])
    }

    /// Whether the scalar ending just before `index` is a letter or a digit.
    private static func isWord(before index: Int, in text: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        var start = index - 1
        while start > text.startIndex, text[start] & 0xC0 == 0x80 { start -= 1 }
        guard start >= text.startIndex else { return false }
        return isWord(scalarAt: start, in: text)
    }

    /// Whether the scalar starting just after `index` is a letter or a digit.
    private static func isWord(after index: Int, in text: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        index + 1 < text.endIndex && isWord(scalarAt: index + 1, in: text)
    }

    private static func isWord(scalarAt start: Int, in text: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        var end = start + 1
        while end < text.endIndex, text[end] & 0xC0 == 0x80 { end += 1 }
        guard let scalar = String(decoding: text[start..<end], as: UTF8.self).unicodeScalars.first else { return false }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }
}
