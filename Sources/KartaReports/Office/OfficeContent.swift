import Foundation

/// The content of a DOCX or XLSX file as lines of text — page setup, paragraphs, table
/// rows and cells, merges, typed values — for comparing office files by what they say
/// rather than by their bytes (`karta plugin test`), and for tests.
public enum OfficeContent {
    /// The content lines of a DOCX file.
    public static func docx(_ bytes: [UInt8]) throws(ReportRenderError) -> [String] {
        let parts = try unzip(bytes)
        var lines: [String] = []
        if let core = parts["docProps/core.xml"] {
            let root = try XMLNode.parse(core, part: "docProps/core.xml")
            lines.append("title: \(root.child("title")?.text ?? "")")
        }
        guard let documentXML = parts["word/document.xml"] else { throw ReportRenderError("docx: no word/document.xml") }
        let document = try XMLNode.parse(documentXML, part: "word/document.xml")
        guard let body = document.child("body") else { throw ReportRenderError("docx: no body") }
        if let size = body.child("sectPr")?.child("pgSz") {
            let width = Int(size.attribute("w") ?? "") ?? 0
            let height = Int(size.attribute("h") ?? "") ?? 0
            lines.append("page: \(width)x\(height) \(size.attribute("orient") ?? "portrait")")
        }
        var tableNumber = 0
        for element in body.children {
            switch element.localName {
            case "p":
                let text = paragraphText(element)
                if !text.isEmpty { lines.append("paragraph: \(text.replacingOccurrences(of: "\n", with: "⏎"))") }
            case "tbl":
                tableNumber += 1
                let grid = element.child("tblGrid")?.children("gridCol").count ?? 0
                lines.append("table \(tableNumber): \(grid) columns")
                for (index, row) in element.children("tr").enumerated() {
                    let header = row.child("trPr")?.child("tblHeader") != nil ? " (header)" : ""
                    let cells = row.children("tc").map { cell -> String in
                        let span = Int(cell.child("tcPr")?.child("gridSpan")?.attribute("val") ?? "") ?? 1
                        let text = cell.children("p").map(paragraphText).joined(separator: "\n")
                            .replacingOccurrences(of: "\n", with: "⏎")
                        return span > 1 ? "[span \(span)] \(text)" : text
                    }
                    lines.append("  row \(index + 1)\(header): \(cells.joined(separator: " | "))")
                }
            default:
                continue
            }
        }
        return lines
    }

    /// The text of a paragraph: its runs' text, `<w:br/>` as a line break, `<w:tab/>` as a tab.
    static func paragraphText(_ paragraph: XMLNode) -> String {
        var text = ""
        for run in paragraph.descendants("r") {
            for piece in run.children {
                switch piece.localName {
                case "t": text += piece.text
                case "br": text += "\n"
                case "tab": text += "\t"
                default: continue
                }
            }
        }
        return text
    }

    /// The content lines of an XLSX file (its first sheet).
    public static func xlsx(_ bytes: [UInt8]) throws(ReportRenderError) -> [String] {
        let parts = try unzip(bytes)
        var lines: [String] = []
        var shared: [String] = []
        if let strings = parts["xl/sharedStrings.xml"] {
            shared = try XMLNode.parse(strings, part: "xl/sharedStrings.xml").children("si").map { item in
                item.descendants("t").map(\.text).joined()
            }
        }
        if let workbook = parts["xl/workbook.xml"] {
            let root = try XMLNode.parse(workbook, part: "xl/workbook.xml")
            for sheet in root.descendants("sheet") { lines.append("sheet: \(sheet.attribute("name") ?? "")") }
            for name in root.descendants("definedName") {
                lines.append("defined \(name.attribute("name") ?? ""): \(name.text)")
            }
        }
        guard let sheetXML = parts["xl/worksheets/sheet1.xml"] else { throw ReportRenderError("xlsx: no xl/worksheets/sheet1.xml") }
        let sheet = try XMLNode.parse(sheetXML, part: "xl/worksheets/sheet1.xml")
        if let setup = sheet.child("pageSetup") {
            lines.append("page: paper \(setup.attribute("paperSize") ?? "default") \(setup.attribute("orientation") ?? "default")")
        }
        let columns = sheet.child("cols")?.children("col").count ?? 0
        lines.append("columns: \(columns)")
        for row in sheet.child("sheetData")?.children("row") ?? [] {
            let cells = row.children("c").compactMap { cell -> String? in
                let reference = cell.attribute("r") ?? "?"
                let value = cell.child("v")?.text
                switch cell.attribute("t") {
                case "s":
                    let text = value.flatMap(Int.init).flatMap { $0 < shared.count ? shared[$0] : nil } ?? ""
                    return "\(reference)=\(text.replacingOccurrences(of: "\n", with: "⏎"))"
                case "inlineStr":
                    return "\(reference)=\(cell.descendants("t").map(\.text).joined())"
                default:
                    guard let value else { return nil }
                    return "\(reference)#\(value)"
                }
            }
            if !cells.isEmpty { lines.append("row \(row.attribute("r") ?? "?"): \(cells.joined(separator: " | "))") }
        }
        for merge in sheet.child("mergeCells")?.children("mergeCell") ?? [] {
            lines.append("merge \(merge.attribute("ref") ?? "")")
        }
        // Charts: the title and what each series points at, so a golden notices a chart that
        // went missing or points at other cells.
        for path in parts.keys.filter({ $0.hasPrefix("xl/charts/chart") && $0.hasSuffix(".xml") }).sorted() {
            let chart = try XMLNode.parse(parts[path]!, part: path)
            let title = chart.descendants("title").first.map { $0.descendants("t").map(\.text).joined() } ?? ""
            lines.append("chart \(path.dropFirst("xl/charts/".count)): \(title)")
            for series in chart.descendants("ser") {
                let categories = series.child("cat")?.descendants("f").first?.text ?? ""
                let values = series.child("val")?.descendants("f").first?.text ?? ""
                lines.append("  series: categories \(categories), values \(values)")
            }
        }
        return lines
    }

    /// The parts of a zip package by path, within ``OfficePackage``'s caps.
    static func unzip(_ bytes: [UInt8]) throws(ReportRenderError) -> [String: Data] {
        do throws(OfficeReadError) {
            var package = try OfficePackage(bytes)
            var parts: [String: Data] = [:]
            for path in package.paths { parts[path] = try package.part(path) }
            return parts
        } catch {
            throw ReportRenderError("not a readable office package: \(error)")
        }
    }
}
