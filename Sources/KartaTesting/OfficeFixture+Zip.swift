import Foundation
import ZIPFoundation

/// One part of an Office package: its path and a provider of its bytes (so a large part need not
/// be held in memory at once).
struct OfficePart {
    let path: String
    let size: Int
    let bytes: @Sendable (_ offset: Int, _ count: Int) -> Data

    /// A part holding `text` as UTF-8.
    init(_ path: String, _ text: String) {
        let data = Data(text.utf8)
        self.path = path
        size = data.count
        bytes = { offset, count in data.subdata(in: offset..<offset + count) }
    }

    /// A part of `size` bytes produced on demand.
    init(_ path: String, size: Int, bytes: @escaping @Sendable (_ offset: Int, _ count: Int) -> Data) {
        self.path = path
        self.size = size
        self.bytes = bytes
    }
}

/// Writes parts into a zip archive deterministically: entries in the order given, all dated
/// 1980-01-01 00:00 (the zip epoch), deflated — as `KartaReports`' `ZipPackage` does.
enum OfficeZip {
    /// The fixed entry date: the earliest a zip header can hold, read as UTC by ZIPFoundation.
    static let entryDate = Date(timeIntervalSince1970: 315_532_800)

    /// The archive bytes of `parts`. An in-memory archive cannot fail for want of disk space, so
    /// a failure here is a bug of the builder and stops the test process.
    static func archive(_ parts: [OfficePart]) -> [UInt8] {
        do {
            let archive = try Archive(accessMode: .create)
            for part in parts {
                try archive.addEntry(
                    with: part.path, type: .file, uncompressedSize: Int64(part.size),
                    modificationDate: entryDate, permissions: 0o644, compressionMethod: .deflate
                ) { position, size in
                    part.bytes(Int(position), size)
                }
            }
            guard let data = archive.data else { fatalError("OfficeFixture: zip archive has no data") }
            return [UInt8](data)
        } catch {
            fatalError("OfficeFixture: cannot build zip: \(error)")
        }
    }

    /// The archive with general-purpose flag bit 0 ("encrypted") set in every local file header
    /// and central directory header. The entries themselves stay unencrypted.
    static func markEncrypted(_ zip: [UInt8]) -> [UInt8] {
        var bytes = zip
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        // The end-of-central-directory record: the last "PK\u{5}\u{6}".
        guard let end = stride(from: bytes.count - 22, through: 0, by: -1).first(where: {
            bytes[$0] == 0x50 && bytes[$0 + 1] == 0x4B && bytes[$0 + 2] == 5 && bytes[$0 + 3] == 6
        }) else { fatalError("OfficeFixture: no end of central directory") }
        var header = u32(end + 16)
        for _ in 0..<u16(end + 10) {
            precondition(u32(header) == 0x0201_4B50, "OfficeFixture: bad central directory header")
            bytes[header + 8] |= 1
            let local = u32(header + 42)
            precondition(u32(local) == 0x0403_4B50, "OfficeFixture: bad local file header")
            bytes[local + 6] |= 1
            header += 46 + u16(header + 28) + u16(header + 30) + u16(header + 32)
        }
        return bytes
    }
}

/// XML text helpers shared by the DOCX and XLSX builders.
enum OfficeXML {
    static let declaration = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\r\n"

    /// The text with `&`, `<`, `>`, `"` and `'` escaped and the characters XML 1.0 cannot hold
    /// (C0 controls other than tab, line feed, carriage return; U+FFFE, U+FFFF) removed.
    static func escape(_ raw: String) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(raw.unicodeScalars.count)
        for scalar in raw.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                switch scalar.value {
                case 0x9, 0xA, 0xD: out.unicodeScalars.append(scalar)
                case 0x0...0x1F, 0xFFFE, 0xFFFF: continue
                default: out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// ` xml:space="preserve"` when the text starts or ends with white space, else nothing.
    static func space(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return "" }
        let white: (Unicode.Scalar) -> Bool = { $0.properties.isWhitespace }
        return white(first) || white(last) ? #" xml:space="preserve""# : ""
    }

    /// `<name xml:space="preserve"?>escaped</name>`.
    static func text(_ name: String, _ text: String) -> String {
        "<\(name)\(space(text))>\(escape(text))</\(name)>"
    }
}

extension OfficeFixture {
    /// A DOCX whose `word/document.xml` body is `body` as given (WordprocessingML, prefix `w:`),
    /// for layouts the fixture tables do not describe.
    public static func docx(body: String) -> [UInt8] {
        let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        return OfficeZip.archive([
            OfficePart("[Content_Types].xml", #"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#),
            OfficePart("word/document.xml", #"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="\#(w)"><w:body>\#(body)</w:body></w:document>"#),
        ])
    }
}
