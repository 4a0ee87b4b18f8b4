import Foundation

/// Renders a report document as GitHub-flavoured Markdown: paragraphs with hard line
/// breaks, pipe tables with `<br>` inside cells, section rows in bold.
public struct MarkdownRenderer: Sendable {
    /// Creates a renderer.
    public init() {}

    /// The document as Markdown text, ending with one line break.
    public func render(_ document: ReportDocument) -> String {
        var parts: [String] = []
        for block in document.blocks {
            switch block {
            case .heading(let text, let level):
                let marks = String(repeating: "#", count: max(1, min(level, 6)))
                parts.append(lines(text).map { "\(marks) \($0)" }.joined(separator: "\n"))
            case .paragraph(let paragraph):
                parts.append(render(paragraph))
            case .approval(let block):
                parts.append(render(block))
            case .signature(let block):
                parts.append(render(block))
            case .table(let table):
                parts.append(render(table))
            }
        }
        return parts.joined(separator: "\n\n") + "\n"
    }

    private func render(_ paragraph: ReportParagraph) -> String {
        lines(paragraph.text).map { line -> String in
            guard !line.isEmpty else { return "" }
            var text = escapeLineStart(escapeInline(line))
            if paragraph.italic { text = "*\(text)*" }
            if paragraph.bold { text = "**\(text)**" }
            return text
        }
        .joined(separator: "  \n")
    }

    private func render(_ block: SignatureBlock) -> String {
        var lines: [String] = []
        if let label = block.label { lines.append(escapeInline(label)) }
        lines += self.lines(block.position).map(escapeInline)
        lines.append(escapeInline(block.name))
        if let date = block.date { lines.append(escapeInline(date)) }
        return lines.joined(separator: "  \n")
    }

    private func render(_ table: ReportTable) -> String {
        let count = table.columns.count
        var out: [String] = []
        out.append(row(table.columns.map(\.title)))
        out.append("|" + table.columns.map { column -> String in
            switch column.alignment {
            case .center: ":---:"
            case .right: "---:"
            default: "---"
            }
        }.joined(separator: "|") + "|")
        for (entry, _) in table.flattenedRows {
            switch entry.kind {
            case .section:
                let text = entry.cells.first ?? ""
                out.append(row(["**\(cell(text))**"] + Array(repeating: "", count: max(0, count - 1)), escaped: true))
            case .hint:
                out.append(row(padded(entry.cells, count).map { $0.isEmpty ? "" : "*\(cell($0))*" }, escaped: true))
            case .data:
                out.append(row(padded(entry.cells, count)))
            }
        }
        return out.joined(separator: "\n")
    }

    private func padded(_ cells: [String], _ count: Int) -> [String] {
        cells.count >= count ? cells : cells + Array(repeating: "", count: count - cells.count)
    }

    private func row(_ cells: [String], escaped: Bool = false) -> String {
        "| " + cells.map { escaped ? $0 : cell($0) }.joined(separator: " | ") + " |"
    }

    /// A cell's text on one line: `|` escaped, line breaks as `<br>`.
    private func cell(_ text: String) -> String {
        guard Self.needsEscaping(text, inCell: true) else { return text }
        var out = ""
        for scalar in lines(text).map(escapeInline).joined(separator: "<br>").unicodeScalars {
            if scalar == "|" { out += "\\" }
            out.unicodeScalars.append(scalar)
        }
        return out
    }

    /// Bytes that may need escaping: markup characters, and in cells `|` and line breaks.
    private static let markupBytes: [Bool] = (0..<256).map { byte in
        "_*`<>[]\\".utf8.contains(UInt8(byte))
    }

    /// Whether the text holds any byte that may need escaping (most cells hold none).
    private static func needsEscaping(_ text: String, inCell: Bool) -> Bool {
        text.utf8.contains { markupBytes[Int($0)] || (inCell && ($0 == UInt8(ascii: "|") || $0 == 0x0A)) }
    }

    private func lines(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { String($0) }
    }

    /// Escapes what would start a list or heading at the beginning of a line
    /// («1. Директору…», « - 2.1 …», «# …»).
    private func escapeLineStart(_ line: String) -> String {
        let indent = line.prefix { $0 == " " }
        let rest = line.dropFirst(indent.count)
        let startsBlock = { (tail: Substring) in tail.isEmpty || tail.first == " " }
        if let first = rest.first, "-+#".contains(first), startsBlock(rest.dropFirst()) || first == "#" {
            return indent + "\\" + rest
        }
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, let after = rest.dropFirst(digits.count).first, after == "." || after == ")",
           startsBlock(rest.dropFirst(digits.count + 1)) {
            return indent + digits + "\\" + rest.dropFirst(digits.count)
        }
        return line
    }

    /// Escapes characters Markdown would read as markup at line level.
    private func escapeInline(_ text: String) -> String {
        guard Self.needsEscaping(text, inCell: false) else { return text }
        var result = ""
        let scalars = Array(text.unicodeScalars)
        func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
            scalar.properties.isAlphabetic || scalar.properties.numericType != nil
        }
        for (index, scalar) in scalars.enumerated() {
            if scalar == "_" {
                // Intra-word underscores (URLs, page_id) are not emphasis; any other may be.
                let before: Unicode.Scalar = index > 0 ? scalars[index - 1] : " "
                let after: Unicode.Scalar = index + 1 < scalars.count ? scalars[index + 1] : " "
                if !isWordScalar(before) || !isWordScalar(after) { result.unicodeScalars.append("\\") }
                result.unicodeScalars.append(scalar)
                continue
            }
            switch scalar {
            case "*", "`", "<", ">", "[", "]", "\\":
                result.unicodeScalars.append("\\")
                result.unicodeScalars.append(scalar)
            default:
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}

