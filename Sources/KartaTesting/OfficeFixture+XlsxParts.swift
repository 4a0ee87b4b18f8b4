extension XlsxSheet {
    /// The package: parts in the order Excel writes them; the shared strings part only when a
    /// cell uses it.
    func package(extraParts: [OfficePart] = []) -> [UInt8] {
        var strings = SharedStrings()
        let sheet = sheetXML(&strings)
        var parts = [
            OfficePart("[Content_Types].xml", XlsxParts.contentTypes(sharedStrings: !strings.items.isEmpty)),
            OfficePart("_rels/.rels", XlsxParts.packageRelationships),
            OfficePart("xl/workbook.xml", XlsxParts.workbook),
            OfficePart("xl/_rels/workbook.xml.rels", XlsxParts.workbookRelationships(sharedStrings: !strings.items.isEmpty)),
            OfficePart("xl/worksheets/sheet1.xml", sheet),
            OfficePart("xl/styles.xml", XlsxParts.styles),
        ]
        if !strings.items.isEmpty { parts.append(OfficePart("xl/sharedStrings.xml", strings.xml())) }
        parts += [
            OfficePart("docProps/core.xml", XlsxParts.core),
            OfficePart("docProps/app.xml", XlsxParts.app),
        ]
        return OfficeZip.archive(parts + extraParts)
    }

    /// `xl/worksheets/sheet1.xml`, adding its strings to `strings`.
    func sheetXML(_ strings: inout SharedStrings) -> String {
        let sparse = quirks.sparseRows
        var xml = OfficeXML.declaration
        xml += #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" "#
        xml += #"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#
        let lastRow = rows.keys.max() ?? 0
        if quirks.dimension {
            xml += lastRow == 0 ? #"<dimension ref="A1"/>"# : #"<dimension ref="A1:\#(Self.column(columns - 1))\#(lastRow)"/>"#
        }
        xml += #"<sheetViews><sheetView tabSelected="1" workbookViewId="0"/></sheetViews>"#
        xml += #"<sheetFormatPr defaultRowHeight="15"/>"#
        if lastRow > 0 {
            xml += "<cols>"
            for column in 0..<columns {
                let width = column == 0 ? 8 : column == 1 ? 45 : 22
                xml += #"<col min="\#(column + 1)" max="\#(column + 1)" width="\#(width)" customWidth="1"/>"#
            }
            xml += "</cols>"
        }
        guard lastRow > 0 else {
            return xml + #"<sheetData/><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>"#
        }
        xml += "<sheetData>"
        for row in 1...lastRow {
            let cells = rows[row] ?? []
            if sparse {
                let written = cells.filter { !Self.isEmpty($0) }
                guard !written.isEmpty else { continue }
                let span = "\((written.first?.column ?? 0) + 1):\((written.last?.column ?? 0) + 1)"
                xml += #"<row r="\#(row)" spans="\#(span)">"#
                for cell in written { xml += cellXML(cell, reference: "\(Self.column(cell.column))\(row)", &strings) }
            } else {
                xml += "<row>"
                for column in 0..<columns {
                    if let cell = cells.first(where: { $0.column == column }) {
                        xml += Self.isEmpty(cell) ? #"<c s="\#(cell.style)"/>"# : cellXML(cell, reference: nil, &strings)
                    } else {
                        xml += "<c/>"
                    }
                }
            }
            xml += "</row>"
        }
        xml += "</sheetData>"
        if !merges.isEmpty {
            xml += #"<mergeCells count="\#(merges.count)">"#
            for merge in merges { xml += #"<mergeCell ref="\#(merge)"/>"# }
            xml += "</mergeCells>"
        }
        return xml + #"<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>"#
    }

    private static func isEmpty(_ cell: XlsxCell) -> Bool {
        if case .text(let text) = cell.value { text.isEmpty } else { false }
    }

    private func cellXML(_ cell: XlsxCell, reference: String?, _ strings: inout SharedStrings) -> String {
        let r = reference.map { #" r="\#($0)""# } ?? ""
        let s = cell.style == 0 ? "" : #" s="\#(cell.style)""#
        switch cell.value {
        case .text(let text):
            return #"<c\#(r)\#(s) t="s"><v>\#(strings.index(of: text))</v></c>"#
        case .rich(let runs):
            return #"<c\#(r)\#(s) t="s"><v>\#(strings.index(ofRich: runs))</v></c>"#
        case .inline(let text):
            return #"<c\#(r)\#(s) t="inlineStr"><is>\#(OfficeXML.text("t", text))</is></c>"#
        case .number(let number):
            return "<c\(r)\(s)><v>\(number)</v></c>"
        case .formula(let formula, let cached, let isText):
            let type = isText && cached != nil ? #" t="str""# : ""
            let value = cached.map { "<v>\(OfficeXML.escape($0))</v>" } ?? ""
            return "<c\(r)\(s)\(type)><f>\(OfficeXML.escape(formula))</f>\(value)</c>"
        }
    }
}

/// The shared strings table, in order of first use.
struct SharedStrings {
    private(set) var items: [String] = []
    private var indices: [String: Int] = [:]
    private(set) var references = 0

    mutating func index(of text: String) -> Int {
        references += 1
        if let index = indices[text] { return index }
        items.append(OfficeXML.text("t", text))
        indices[text] = items.count - 1
        return items.count - 1
    }

    /// A rich-text string: its own entry, runs with a bold `rPr` where asked.
    mutating func index(ofRich runs: [(String, Bool)]) -> Int {
        references += 1
        var item = ""
        for (text, bold) in runs {
            let properties = bold
                ? #"<rPr><b/><sz val="11"/><color theme="1"/><rFont val="Calibri"/><family val="2"/><charset val="204"/><scheme val="minor"/></rPr>"#
                : ""
            item += "<r>\(properties)\(OfficeXML.text("t", text))</r>"
        }
        items.append(item)
        return items.count - 1
    }

    func xml() -> String {
        var xml = OfficeXML.declaration
        xml += #"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="\#(references)" uniqueCount="\#(items.count)">"#
        for item in items { xml += "<si>\(item)</si>" }
        return xml + "</sst>"
    }
}

/// The fixed parts of a fixture XLSX, shaped like what Excel 2016 saves (trimmed).
enum XlsxParts {
    static func contentTypes(sharedStrings: Bool) -> String {
        OfficeXML.declaration
            + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
            + #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
            + #"<Default Extension="xml" ContentType="application/xml"/>"#
            + #"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
            + #"<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
            + #"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#
            + (sharedStrings ? #"<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>"# : "")
            + #"<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>"#
            + #"<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>"#
            + "</Types>"
    }

    static let packageRelationships = OfficeXML.declaration + """
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>\
        <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
        </Relationships>
        """

    static let workbook = OfficeXML.declaration + """
        <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
        xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
        <fileVersion appName="xl" lastEdited="7" lowestEdited="7" rupBuild="22228"/>\
        <workbookPr defaultThemeVersion="164011"/>\
        <bookViews><workbookView xWindow="0" yWindow="0" windowWidth="28800" windowHeight="12435"/></bookViews>\
        <sheets><sheet name="Лист1" sheetId="1" r:id="rId1"/></sheets><calcPr calcId="171027"/>\
        </workbook>
        """

    static func workbookRelationships(sharedStrings: Bool) -> String {
        OfficeXML.declaration
            + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
            + (sharedStrings ? #"<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>"# : "")
            + #"<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#
            + #"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>"#
            + "</Relationships>"
    }

    /// Fonts 0 regular and 1 bold; `cellXfs` 0 plain, 1 bold, 2 date (numFmt 164 "dd.mm.yyyy",
    /// bordered), 3 table cell (bordered, wrapped, top), 4 header (bold, bordered, wrapped,
    /// centred), 5 section (bold, bordered).
    static let styles = OfficeXML.declaration + """
        <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
        <numFmts count="1"><numFmt numFmtId="164" formatCode="dd.mm.yyyy"/></numFmts>\
        <fonts count="2">\
        <font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><charset val="204"/><scheme val="minor"/></font>\
        <font><b/><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><charset val="204"/><scheme val="minor"/></font>\
        </fonts>\
        <fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
        <borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>\
        <border><left style="thin"><color indexed="64"/></left><right style="thin"><color indexed="64"/></right>\
        <top style="thin"><color indexed="64"/></top><bottom style="thin"><color indexed="64"/></bottom><diagonal/></border></borders>\
        <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
        <cellXfs count="6">\
        <xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
        <xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>\
        <xf numFmtId="164" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1">\
        <alignment vertical="top"/></xf>\
        <xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1">\
        <alignment vertical="top" wrapText="1"/></xf>\
        <xf numFmtId="0" fontId="1" fillId="0" borderId="1" xfId="0" applyFont="1" applyBorder="1" applyAlignment="1">\
        <alignment horizontal="center" vertical="center" wrapText="1"/></xf>\
        <xf numFmtId="0" fontId="1" fillId="0" borderId="1" xfId="0" applyFont="1" applyBorder="1"/>\
        </cellXfs>\
        <cellStyles count="1"><cellStyle name="Обычный" xfId="0" builtinId="0"/></cellStyles>\
        <dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>\
        </styleSheet>
        """

    static let core = OfficeXML.declaration + """
        <cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" \
        xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" \
        xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\
        <dc:creator>Иванова М.А.</dc:creator><cp:lastModifiedBy>Иванова М.А.</cp:lastModifiedBy>\
        <dcterms:created xsi:type="dcterms:W3CDTF">2023-01-16T06:12:00Z</dcterms:created>\
        <dcterms:modified xsi:type="dcterms:W3CDTF">2023-01-20T10:15:00Z</dcterms:modified>\
        </cp:coreProperties>
        """

    static let app = OfficeXML.declaration + """
        <Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" \
        xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">\
        <Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>\
        <AppVersion>16.0300</AppVersion></Properties>
        """
}
