/// Renders a report document as one self-contained HTML page: inline CSS, no scripts,
/// print rules for A4 in the document's orientation (the table's header row repeats on
/// every printed page, rows do not split), and a layout that stays readable on a phone
/// (the table scrolls sideways inside the page).
public struct HTMLRenderer: Sendable {
    /// Creates a renderer.
    public init() {}

    /// The page as HTML text.
    public func render(_ document: ReportDocument) -> String {
        var out = """
            <!DOCTYPE html>
            <html lang="ru">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="generator" content="Karta">
            <title>\(escape(document.title))</title>
            <style>
            \(Self.style(orientation: document.orientation))\(Self.extraStyle(document))
            </style>
            </head>
            <body>
            <main>

            """
        for block in document.blocks {
            switch block {
            case .heading(let text, let level):
                let tag = "h\(max(1, min(level, 6)))"
                out += "<\(tag)>\(lines(text))</\(tag)>\n"
            case .paragraph(let paragraph):
                var text = lines(paragraph.text)
                if paragraph.italic { text = "<em>\(text)</em>" }
                if paragraph.bold { text = "<strong>\(text)</strong>" }
                let align = paragraph.alignment == .left ? "" : " class=\"\(paragraph.alignment.rawValue)\""
                out += "<p\(align)>\(text)</p>\n"
            case .approval(let block):
                out += "<div class=\"approval\">\n"
                if let label = block.label { out += "<p>\(escape(label))</p>\n" }
                out += "<p>\(lines(block.position))</p>\n<p><span class=\"line\"></span> \(escape(block.name))</p>\n"
                if let date = block.date { out += "<p>\(escape(date))</p>\n" }
                out += "</div>\n"
            case .signature(let block):
                out += "<div class=\"signature\">\n"
                if let label = block.label { out += "<p>\(escape(label))</p>\n" }
                out += "<div class=\"signature-line\"><p>\(lines(block.position))</p><p class=\"name\">\(escape(block.name))</p></div>\n"
                if let date = block.date { out += "<p>\(escape(date))</p>\n" }
                out += "</div>\n"
            case .table(let table):
                out += render(table)
            }
        }
        out += "</main>\n</body>\n</html>\n"
        return out
    }

    private func render(_ table: ReportTable) -> String {
        let total = table.columns.reduce(0) { $0 + $1.width }
        var out = "<div class=\"table\">\n<table>\n<colgroup>"
        for column in table.columns {
            let percent = (column.width / total * 1000).rounded() / 10
            out += "<col style=\"width: \(percent)%\">"
        }
        out += "</colgroup>\n<thead>\n<tr>"
        for column in table.columns { out += "<th>\(lines(column.title))</th>" }
        out += "</tr>\n</thead>\n<tbody>\n"
        for (row, depth) in table.flattenedRows {
            switch row.kind {
            case .section:
                out += "<tr class=\"section\"><td colspan=\"\(table.columns.count)\">\(lines(row.cells.first ?? ""))</td></tr>\n"
            case .data, .hint, .total:
                let kind = row.kind == .data ? nil : row.kind.rawValue
                let classes = [kind, depth > 0 ? "child" : nil].compactMap { $0 }
                out += classes.isEmpty ? "<tr>" : "<tr class=\"\(classes.joined(separator: " "))\">"
                for (index, column) in table.columns.enumerated() {
                    let text = index < row.cells.count ? row.cells[index] : ""
                    let align = column.alignment == .left ? "" : " class=\"\(column.alignment.rawValue)\""
                    out += "<td\(align)>\(lines(text))</td>"
                }
                out += "</tr>\n"
            }
        }
        out += "</tbody>\n</table>\n</div>\n"
        if let chart = table.chart { out += render(chart, bars: table.chartBars) }
        return out
    }

    /// Escaped text with line breaks as `<br>`.
    private func lines(_ text: String) -> String {
        escape(text, breaks: true)
    }

    func escape(_ text: String, breaks: Bool = false) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars where XMLWriter.isAllowed(scalar) {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\r": break
            case "\n" where breaks: out += "<br>\n"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func style(orientation: Orientation) -> String {
        """
        @page { size: A4 \(orientation.rawValue); margin: 20mm 15mm 15mm 20mm; }
        body { font-family: "Times New Roman", "Liberation Serif", Times, serif; font-size: 12pt; line-height: 1.25; color: #000; background: #fff; margin: 0; }
        main { max-width: \(orientation == .landscape ? "277mm" : "190mm"); margin: 0 auto; padding: 16px; }
        h1, h2, h3, h4, h5, h6 { text-align: center; font-size: 14pt; margin: 0.6em 0; }
        h2, h3, h4, h5, h6 { font-size: 12pt; }
        p { margin: 0 0 0.5em; }
        .center { text-align: center; } .right { text-align: right; } .justify { text-align: justify; }
        .approval { margin: 0 0 1em 60%; }
        .approval p { margin: 0; }
        .approval .line { display: inline-block; width: 8em; border-bottom: 1px solid #000; }
        .signature { margin-top: 1.5em; }
        .signature p { margin: 0; }
        .signature-line { display: flex; justify-content: space-between; align-items: flex-end; gap: 2em; }
        .signature-line .name { white-space: nowrap; }
        .table { overflow-x: auto; margin: 0.5em 0 1em; }
        table { border-collapse: collapse; width: 100%; table-layout: fixed; font-size: 11pt; }
        th, td { border: 1px solid #000; padding: 2px 4px; vertical-align: top; overflow-wrap: anywhere; }
        th { font-weight: bold; text-align: center; vertical-align: middle; }
        tr.section td { font-weight: bold; }
        tr.hint td { font-style: italic; }
        tr.child td:first-child { padding-left: 1em; }
        tr { page-break-inside: avoid; break-inside: avoid; }
        thead { display: table-header-group; }
        @media screen and (max-width: 700px) {
          main { padding: 8px; }
          body { font-size: 11pt; }
          table { width: auto; min-width: 100%; table-layout: auto; font-size: 10pt; }
          th, td { min-width: 7em; }
          .approval { margin-left: 30%; }
          .justify { text-align: left; }
          .signature-line { flex-direction: column; align-items: flex-start; gap: 0.25em; }
        }
        @media print { main { max-width: none; padding: 0; } .table { overflow: visible; } }
        """
    }
}
