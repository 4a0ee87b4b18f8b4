import Foundation

/// Deliberately bad or hostile files, for the importer's refusals. Those built from a table start
/// from `OfficeFixture.zarechny` unless given another.
extension OfficeFixture {
    /// A valid DOCX with the table's paragraphs only (before and after), and no table.
    public static func docxWithoutTable(_ table: OfficeFixtureTable = zarechny) -> [UInt8] {
        var writer = DocxWriter(table: table, quirks: .word)
        writer.withoutTable = true
        return writer.package()
    }

    /// Plain UTF-8 text bytes («это не таблица»), not a zip.
    public static func notOffice() -> [UInt8] {
        Array("это не таблица\n".utf8)
    }

    /// A real DOCX cut in half: the local headers of the first entries survive, the central
    /// directory does not.
    public static func truncatedZip(_ table: OfficeFixtureTable = zarechny) -> [UInt8] {
        let whole = docx(table)
        return Array(whole.prefix(whole.count / 2))
    }

    /// What Word writes for a password-protected file: an OLE compound file (signature
    /// D0 CF 11 E0 A1 B1 1A E1) — here 4 KiB: the compound file header and a directory sector
    /// naming the `EncryptionInfo` and `EncryptedPackage` streams, with no real content.
    public static func encryptedOffice() -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: 4096)
        func put(_ value: UInt64, at offset: Int, size: Int) {
            for index in 0..<size { bytes[offset + index] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(index))) }
        }
        bytes.replaceSubrange(0..<8, with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
        put(0x003E, at: 24, size: 2)  // minor version
        put(0x0003, at: 26, size: 2)  // major version 3: 512-byte sectors
        put(0xFFFE, at: 28, size: 2)  // byte order: little-endian
        put(9, at: 30, size: 2)  // sector shift: 2^9 = 512
        put(6, at: 32, size: 2)  // mini sector shift: 2^6 = 64
        put(1, at: 44, size: 4)  // one FAT sector
        put(1, at: 48, size: 4)  // the directory starts at sector 1
        put(4096, at: 56, size: 4)  // mini stream cutoff
        put(0xFFFF_FFFE, at: 60, size: 4)  // no mini FAT
        put(0xFFFF_FFFE, at: 68, size: 4)  // no DIFAT sectors
        put(0, at: 76, size: 4)  // DIFAT[0]: the FAT is sector 0
        for slot in 1..<109 { put(0xFFFF_FFFF, at: 76 + 4 * slot, size: 4) }
        // Sector 0 (file offset 512): the FAT — sector 0 is FAT, sector 1 the directory's end.
        put(0xFFFF_FFFD, at: 512, size: 4)
        put(0xFFFF_FFFE, at: 516, size: 4)
        for slot in 2..<128 { put(0xFFFF_FFFF, at: 512 + 4 * slot, size: 4) }
        // Sector 1 (file offset 1024): directory entries of 128 bytes.
        for (index, (name, type)) in [("Root Entry", 5), ("EncryptionInfo", 2), ("EncryptedPackage", 2)].enumerated() {
            let entry = 1024 + 128 * index
            let utf16 = Array(name.utf16) + [0]
            for (offset, unit) in utf16.enumerated() { put(UInt64(unit), at: entry + 2 * offset, size: 2) }
            put(UInt64(2 * utf16.count), at: entry + 64, size: 2)
            bytes[entry + 66] = UInt8(type)
            bytes[entry + 67] = 1  // black
            put(0xFFFF_FFFF, at: entry + 68, size: 4)  // left sibling
            put(index == 1 ? 2 : 0xFFFF_FFFF, at: entry + 72, size: 4)  // right sibling
            put(index == 0 ? 1 : 0xFFFF_FFFF, at: entry + 76, size: 4)  // child
            put(0xFFFF_FFFE, at: entry + 116, size: 4)  // start sector: none
        }
        return bytes
    }

    /// A DOCX whose entries have the general-purpose "encrypted" flag (bit 0) set in every local
    /// file header and central directory header; the data itself is the plain DOCX's.
    public static func encryptedZip(_ table: OfficeFixtureTable = zarechny) -> [UInt8] {
        OfficeZip.markEncrypted(docx(table))
    }

    /// A DOCX whose `word/document.xml` is valid XML padded with `uncompressedMegabytes` MiB of
    /// spaces inside `<w:body>`, deflated, so it is small on disk and large when read.
    public static func zipBomb(uncompressedMegabytes: Int) -> [UInt8] {
        let head = Data((OfficeXML.declaration + DocxPackageParts.documentOpen + "<w:body>").utf8)
        let tail = Data("<w:p><w:r><w:t>Бомба</w:t></w:r></w:p></w:body></w:document>".utf8)
        let padding = max(uncompressedMegabytes, 0) * 1_048_576
        let size = head.count + padding + tail.count
        let document = OfficePart("word/document.xml", size: size) { offset, count in
            var chunk = Data(capacity: count)
            var position = offset
            while position < offset + count {
                if position < head.count {
                    let end = min(head.count, offset + count)
                    chunk.append(head.subdata(in: position..<end))
                    position = end
                } else if position < head.count + padding {
                    let end = min(head.count + padding, offset + count)
                    chunk.append(Data(repeating: 0x20, count: end - position))
                    position = end
                } else {
                    let start = position - head.count - padding
                    let end = min(tail.count, offset + count - head.count - padding)
                    chunk.append(tail.subdata(in: start..<end))
                    position = head.count + padding + end
                }
            }
            return chunk
        }
        return OfficeZip.archive([
            OfficePart("[Content_Types].xml", DocxPackageParts.contentTypes),
            OfficePart("_rels/.rels", DocxPackageParts.packageRelationships),
            document,
            OfficePart("word/styles.xml", DocxPackageParts.styles),
            OfficePart("word/settings.xml", DocxPackageParts.settings),
            OfficePart("docProps/core.xml", DocxPackageParts.core),
            OfficePart("docProps/app.xml", DocxPackageParts.app),
        ])
    }

    /// The table's DOCX with `count` extra tiny parts (`customXml/itemN.xml`), after the real ones.
    public static func manyEntries(_ count: Int, _ table: OfficeFixtureTable = zarechny) -> [UInt8] {
        var writer = DocxWriter(table: table, quirks: .word)
        let extra = (0..<max(count, 0)).map { OfficePart("customXml/item\($0 + 1).xml", "<a/>") }
        return writer.package(extraParts: extra)
    }

    /// A valid XLSX whose first (and only) sheet has no cells and no shared strings.
    public static func xlsxEmptySheet() -> [UInt8] {
        XlsxSheet(columns: 1, quirks: .excel).package()
    }

    /// The table's XLSX where two cells of the number column (the second and third data rows
    /// with a number) are formulas giving the printed number — `"1."&(ROW()-3)&"."` for «1.2.»,
    /// `ROW()-3` for an integer — with cached `<v>` values when `cached`, without when not.
    public static func xlsxWithFormulas(cached: Bool, _ table: OfficeFixtureTable = zarechny) -> [UInt8] {
        var sheet = XlsxSheet(table: table, quirks: .excel)
        var done = 0
        for (row, number) in sheet.dataRows.dropFirst() where done < 2 {
            guard let formula = numberFormula(number, row: row) else { continue }
            sheet.put(row, 0, .formula(formula.formula, cached: cached ? number : nil, isText: formula.isText),
                      XlsxSheet.Style.cell)
            done += 1
        }
        return sheet.package()
    }

    /// A formula giving `number` in sheet row `row`: the last number component from `ROW()`.
    private static func numberFormula(_ number: String, row: Int) -> (formula: String, isText: Bool)? {
        let trailingDot = number.hasSuffix(".")
        let components = (trailingDot ? String(number.dropLast()) : number).split(separator: ".", omittingEmptySubsequences: false)
        guard let last = components.last, let value = Int(last),
              components.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return nil }
        let offset = row - value
        let counter = offset >= 0 ? "ROW()-\(offset)" : "ROW()+\(-offset)"
        if components.count == 1 && !trailingDot { return (counter, false) }
        let prefix = components.dropLast().map { $0 + "." }.joined()
        let text = (prefix.isEmpty ? "" : "\"\(prefix)\"&") + "(\(counter))" + (trailingDot ? "&\".\"" : "")
        return (text, true)
    }

    /// The table's XLSX plus a merge in the body that crosses rows irregularly: B:C of the first
    /// two consecutive data rows (e.g. B5:C6), neither a full-width section row nor a
    /// single-column continuation; the covered cells are left out as Excel does.
    public static func xlsxIrregularMerge(_ table: OfficeFixtureTable = zarechny) -> [UInt8] {
        var sheet = XlsxSheet(table: table, quirks: .excel)
        let rows = sheet.dataRows.map(\.row)
        if let top = zip(rows, rows.dropFirst()).first(where: { $0.1 == $0.0 + 1 })?.0 {
            sheet.merges.append("B\(top):C\(top + 1)")
            sheet.remove(top, 2)
            sheet.remove(top + 1, 1)
            sheet.remove(top + 1, 2)
        }
        return sheet.package()
    }

    /// The table's DOCX where the first data row's second cell has `<w:gridSpan w:val="2"/>`
    /// (covering two grid columns while the row is not a full-width section row); the row's third
    /// cell is left out, so the row still fills the grid.
    public static func docxIrregularMerge(_ table: OfficeFixtureTable = zarechny) -> [UInt8] {
        var writer = DocxWriter(table: table, quirks: .word)
        writer.irregularMerge = true
        return writer.package()
    }
}
