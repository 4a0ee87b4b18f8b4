extension OfficeFixture {
    /// A DOCX file: core properties, `word/document.xml` with the paragraphs, one table
    /// (`tblGrid` with one `gridCol` per header cell, the header row marked `<w:tblHeader/>`),
    /// the paragraphs after.
    public static func docx(_ table: OfficeFixtureTable, quirks: DocxQuirks = .word) -> [UInt8] {
        var writer = DocxWriter(table: table, quirks: quirks)
        return writer.package()
    }
}

/// Writes one fixture table as a WordprocessingML package.
struct DocxWriter {
    let table: OfficeFixtureTable
    let quirks: DocxQuirks
    /// The first data row's second cell spans two grid columns (and its third cell is dropped).
    var irregularMerge = false
    /// Leave the table out (the paragraphs before and after only).
    var withoutTable = false

    private var links: [String] = []
    private var urlCount = 0
    private var firstDataRow: Int? = nil

    init(table: OfficeFixtureTable, quirks: DocxQuirks) {
        self.table = table
        self.quirks = quirks
        firstDataRow = table.rows.firstIndex { if case .data = $0 { true } else { false } }
    }

    /// Grid column widths (twips) filling a landscape A4 page: the number column narrow, the
    /// activity column wide.
    var widths: [Int] {
        let count = table.header.count
        guard count > 1 else { return [14_570] }
        let number = 800
        let rest = (14_570 - number) / (count - 1)
        return [number] + Array(repeating: rest, count: count - 1)
    }

    /// The package: parts in the order Word writes them.
    mutating func package(extraParts: [OfficePart] = []) -> [UInt8] {
        let body = document()
        let parts = [
            OfficePart("[Content_Types].xml", DocxPackageParts.contentTypes),
            OfficePart("_rels/.rels", DocxPackageParts.packageRelationships),
            OfficePart("word/document.xml", body),
            OfficePart("word/_rels/document.xml.rels", relationships()),
            OfficePart("word/styles.xml", DocxPackageParts.styles),
            OfficePart("word/settings.xml", DocxPackageParts.settings),
            OfficePart("docProps/core.xml", DocxPackageParts.core),
            OfficePart("docProps/app.xml", DocxPackageParts.app),
        ]
        return OfficeZip.archive(parts + extraParts)
    }

    /// `word/_rels/document.xml.rels`: styles, settings and one external relationship per link.
    func relationships() -> String {
        var xml = OfficeXML.declaration
        xml += #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        xml += #"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#
        xml += #"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>"#
        for (index, link) in links.enumerated() {
            xml += #"<Relationship Id="rId\#(index + 10)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="\#(OfficeXML.escape(link))" TargetMode="External"/>"#
        }
        return xml + "</Relationships>"
    }

    /// `word/document.xml`.
    mutating func document() -> String {
        var xml = OfficeXML.declaration + DocxPackageParts.documentOpen + "<w:body>"
        for paragraph in table.paragraphs {
            xml += outsideParagraph(paragraph.text, bold: paragraph.bold)
        }
        if !withoutTable { xml += tableXML() }
        xml += outsideParagraph("", bold: false)
        for line in table.after {
            xml += outsideParagraph(line, bold: false)
        }
        xml += #"<w:sectPr><w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>"#
        xml += #"<w:pgMar w:top="850" w:right="1134" w:bottom="850" w:left="1134" w:header="708" w:footer="708" w:gutter="0"/>"#
        xml += #"<w:cols w:space="708"/><w:docGrid w:linePitch="360"/></w:sectPr>"#
        return xml + "</w:body></w:document>"
    }

    private var rsid: String { quirks.revisionIDs ? #" w:rsidR="00B47C2E" w:rsidRPr="00D81A3F""# : "" }

    private func outsideParagraph(_ text: String, bold: Bool) -> String {
        let properties = bold ? #"<w:pPr><w:jc w:val="center"/></w:pPr>"# : ""
        let runs = text.isEmpty ? "" : run(text, bold: bold)
        return "<w:p\(rsid)>\(properties)\(runs)</w:p>"
    }

    // MARK: Table

    private mutating func tableXML() -> String {
        let count = table.header.count
        var xml = "<w:tbl><w:tblPr>"
        xml += #"<w:tblW w:w="0" w:type="auto"/><w:tblBorders>"#
        for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
            xml += #"<w:\#(side) w:val="single" w:sz="4" w:space="0" w:color="auto"/>"#
        }
        xml += #"</w:tblBorders><w:tblLayout w:type="fixed"/>"#
        xml += #"<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>"#
        xml += "</w:tblPr><w:tblGrid>"
        for width in widths { xml += #"<w:gridCol w:w="\#(width)"/>"# }
        xml += "</w:tblGrid>"
        xml += headerRow(repeated: false)
        // Data rows followed by a continuation start a vertical merge in their first cell.
        var restarts = Set<Int>()
        for (index, row) in table.rows.enumerated() where index > 0 {
            if case .continuation = row, case .data = table.rows[index - 1] { restarts.insert(index - 1) }
        }
        for (index, row) in table.rows.enumerated() {
            switch row {
            case .section(let title):
                xml += "<w:tr\(rsid)>"
                xml += cell(title, column: 0, span: count, bold: true, centered: true)
                xml += "</w:tr>"
            case .numbering:
                xml += "<w:tr\(rsid)>"
                for column in 0..<count { xml += cell(String(column + 1), column: column, centered: true) }
                xml += "</w:tr>"
            case .repeatedHeader:
                xml += headerRow(repeated: true)
            case .data(let cells):
                xml += dataRow(cells, index: index, restart: restarts.contains(index))
            case .continuation(let cells):
                let merged: Bool
                if index > 0, case .data = table.rows[index - 1] { merged = true }
                else if index > 0, case .continuation = table.rows[index - 1] { merged = true }
                else { merged = false }
                xml += "<w:tr\(rsid)>"
                for column in 0..<count {
                    let text = column < cells.count ? cells[column] : ""
                    if column == 0 && merged {
                        xml += cell("", column: 0, vMerge: "")
                    } else {
                        xml += cell(text, column: column)
                    }
                }
                xml += "</w:tr>"
            }
        }
        return xml + "</w:tbl>"
    }

    private mutating func headerRow(repeated: Bool) -> String {
        var xml = "<w:tr\(rsid)>" + (repeated ? "" : "<w:trPr><w:tblHeader/></w:trPr>")
        for (column, title) in table.header.enumerated() {
            xml += cell(title, column: column, bold: true, centered: true, header: true)
        }
        return xml + "</w:tr>"
    }

    private mutating func dataRow(_ cells: [String], index: Int, restart: Bool) -> String {
        let count = table.header.count
        let first = index == firstDataRow
        var xml = "<w:tr\(rsid)>"
        var column = 0
        while column < count {
            let text = column < cells.count ? cells[column] : ""
            var span = 1
            if irregularMerge && first && column == 1 && count > 2 { span = 2 }
            var content = cell(
                text, column: column, span: span, vMerge: column == 0 && restart ? "restart" : nil,
                bookmark: first && column == 1, deletion: first && column == 2 && quirks.trackedDeletion)
            if first && column == count - 1 && quirks.contentControl {
                content = #"<w:sdt><w:sdtPr><w:alias w:val="Подтверждающие документы"/><w:tag w:val="evidence"/><w:id w:val="-1483902176"/></w:sdtPr><w:sdtContent>"#
                    + content + "</w:sdtContent></w:sdt>"
            }
            xml += content
            column += span
        }
        return xml + "</w:tr>"
    }

    /// One `<w:tc>`: its properties and one paragraph per line (a header cell's lines become
    /// `<w:br/>`-separated runs with `headerLineBreaks`).
    private mutating func cell(
        _ text: String, column: Int, span: Int = 1, vMerge: String? = nil, bold: Bool = false,
        centered: Bool = false, header: Bool = false, bookmark: Bool = false, deletion: Bool = false
    ) -> String {
        var properties = ""
        if quirks.cellWidths {
            let width = widths[column..<min(column + span, widths.count)].reduce(0, +)
            properties += #"<w:tcW w:w="\#(width)" w:type="dxa"/>"#
        }
        if span > 1 { properties += #"<w:gridSpan w:val="\#(span)"/>"# }
        if let vMerge { properties += vMerge.isEmpty ? "<w:vMerge/>" : #"<w:vMerge w:val="\#(vMerge)"/>"# }
        var xml = "<w:tc>" + (properties.isEmpty ? "" : "<w:tcPr>\(properties)</w:tcPr>")
        let paragraphProperties = centered ? #"<w:pPr><w:jc w:val="center"/></w:pPr>"# : ""
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if header && quirks.headerLineBreaks {
            let runs = lines.map { run($0, bold: bold) }.joined(separator: "<w:r><w:br/></w:r>")
            xml += "<w:p\(rsid)>\(paragraphProperties)\(runs)</w:p>"
        } else {
            for (number, line) in lines.enumerated() {
                var runs = header ? run(line, bold: bold) : cellRuns(line, bold: bold, bookmark: bookmark && number == 0)
                if deletion && number == 0 {
                    runs = #"<w:del w:id="1" w:author="Иванова М.А." w:date="2023-01-20T10:15:00Z"><w:r><w:delText xml:space="preserve">"#
                        + OfficeXML.escape(OfficeFixture.deletedText) + "</w:delText></w:r></w:del>" + runs
                }
                xml += "<w:p\(rsid)>\(paragraphProperties)\(runs)</w:p>"
            }
        }
        return xml + "</w:tc>"
    }

    // MARK: Runs

    /// The runs of one cell paragraph: URLs as links, the rest split mid-word.
    private mutating func cellRuns(_ text: String, bold: Bool, bookmark: Bool) -> String {
        var xml = ""
        var bookmarkPending = bookmark && quirks.proofingMarks
        let segments = quirks.hyperlinks || quirks.hyperlinkFields ? Self.segments(text) : [(text: text, isURL: false)]
        for segment in segments {
            if segment.isURL {
                xml += link(segment.text, bold: bold)
            } else {
                xml += splitRuns(segment.text, bold: bold, bookmark: &bookmarkPending)
            }
        }
        if bookmark && quirks.proofingMarks {
            if bookmarkPending { xml = #"<w:bookmarkStart w:id="0" w:name="_Hlk124983017"/>"# + xml }
            xml += #"<w:bookmarkEnd w:id="0"/>"#
        }
        return xml
    }

    private func splitRuns(_ text: String, bold: Bool, bookmark: inout Bool) -> String {
        guard quirks.splitRuns, let (cut, end) = Self.splitPoint(text) else { return run(text, bold: bold) }
        let characters = Array(text)
        let pieces = [String(characters[..<cut]), String(characters[cut..<end]), String(characters[end...])]
        var xml = run(pieces[0], bold: bold)
        if quirks.proofingMarks { xml += #"<w:proofErr w:type="spellStart"/>"# }
        if bookmark {
            xml += #"<w:bookmarkStart w:id="0" w:name="_Hlk124983017"/>"#
            bookmark = false
        }
        xml += run(pieces[1], bold: bold)
        if quirks.proofingMarks { xml += #"<w:proofErr w:type="spellEnd"/>"# }
        if !pieces[2].isEmpty { xml += run(pieces[2], bold: bold) }
        return xml
    }

    /// A URL as a `<w:hyperlink>` or a `HYPERLINK` field, alternately when both quirks are on.
    private mutating func link(_ url: String, bold: Bool) -> String {
        defer { urlCount += 1 }
        let useField: Bool
        switch (quirks.hyperlinks, quirks.hyperlinkFields) {
        case (true, true): useField = urlCount % 2 == 1
        case (true, false): useField = false
        case (false, true): useField = true
        case (false, false): return run(url, bold: bold)
        }
        let style = #"<w:rStyle w:val="Hyperlink"/>"#
        if useField {
            return "<w:r\(rsid)><w:fldChar w:fldCharType=\"begin\"/></w:r>"
                + "<w:r\(rsid)><w:instrText xml:space=\"preserve\"> HYPERLINK \"\(OfficeXML.escape(url))\" </w:instrText></w:r>"
                + "<w:r\(rsid)><w:fldChar w:fldCharType=\"separate\"/></w:r>"
                + run(url, bold: bold, style: style)
                + "<w:r\(rsid)><w:fldChar w:fldCharType=\"end\"/></w:r>"
        }
        links.append(url)
        let scheme = url.range(of: "://").map { String(url[..<$0.upperBound]) } ?? ""
        let rest = String(url.dropFirst(scheme.count))
        let runs = scheme.isEmpty || rest.isEmpty
            ? run(url, bold: bold, style: style)
            : run(scheme, bold: bold, style: style) + run(rest, bold: bold, style: style)
        return #"<w:hyperlink r:id="rId\#(links.count + 9)" w:history="1">"# + runs + "</w:hyperlink>"
    }

    /// One `<w:r>`: tabs as `<w:tab/>` and soft hyphens as `<w:softHyphen/>` when the quirks say.
    private func run(_ text: String, bold: Bool, style: String = "") -> String {
        let properties = style + (bold ? "<w:b/><w:bCs/>" : "")
        var xml = "<w:r\(rsid)>" + (properties.isEmpty ? "" : "<w:rPr>\(properties)</w:rPr>")
        var pending = ""
        func flush() {
            if !pending.isEmpty { xml += OfficeXML.text("w:t", pending) }
            pending = ""
        }
        for scalar in text.unicodeScalars {
            if scalar == "\t" && quirks.tabs {
                flush()
                xml += "<w:tab/>"
            } else if scalar == "\u{AD}" && quirks.softHyphens {
                flush()
                xml += "<w:softHyphen/>"
            } else {
                pending.unicodeScalars.append(scalar)
            }
        }
        flush()
        return xml + "</w:r>"
    }

    /// The text cut into plain pieces and URLs (`http://` or `https://` up to white space).
    static func segments(_ text: String) -> [(text: String, isURL: Bool)] {
        var result: [(text: String, isURL: Bool)] = []
        var rest = Substring(text)
        while let start = [rest.range(of: "https://"), rest.range(of: "http://")].compactMap({ $0 })
            .min(by: { $0.lowerBound < $1.lowerBound }) {
            if start.lowerBound > rest.startIndex { result.append((String(rest[..<start.lowerBound]), false)) }
            let end = rest[start.lowerBound...].firstIndex { $0.isWhitespace } ?? rest.endIndex
            result.append((String(rest[start.lowerBound..<end]), true))
            rest = rest[end...]
        }
        if !rest.isEmpty { result.append((String(rest), false)) }
        return result
    }

    /// Where to split a text mid-word: 6 letters into its first word of 8+ letters, and the end
    /// of that word with the spaces after it.
    static func splitPoint(_ text: String) -> (Int, Int)? {
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            guard characters[index].isLetter else { index += 1; continue }
            var end = index
            while end < characters.count, characters[end].isLetter { end += 1 }
            if end - index >= 8 {
                var after = end
                while after < characters.count, characters[after] == " " { after += 1 }
                return (index + 6, after)
            }
            index = end
        }
        return nil
    }
}
