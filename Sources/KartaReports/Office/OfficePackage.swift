import Foundation
import ZIPFoundation

/// The parts of an Office Open XML package (DOCX, XLSX) read from untrusted bytes, within
/// caps: a file people send in may be a zip bomb, a password-protected document, an old
/// binary `.doc`, or not an office file at all. Each is refused with a sentence that says
/// which, before anything is parsed.
struct OfficePackage {
    /// What kind of package it is, from the parts it holds (not from the file name).
    enum Kind: Equatable {
        case docx
        case xlsx
    }

    /// Limits on what is unpacked.
    struct Caps {
        /// Most entries a package may list (a Word file has about 20, an Excel file about 15).
        var entries = 2_000
        /// Most bytes one part may unpack to.
        var partBytes: Int64 = 64 << 20
        /// Most bytes all the parts read may unpack to.
        var totalBytes: Int64 = 256 << 20

        static let standard = Caps()
    }

    let kind: Kind
    private let archive: Archive
    private var entries: [String: Entry] = [:]
    private let caps: Caps
    private var unpacked: Int64 = 0

    /// Opens the package; nothing is unpacked yet.
    init(_ bytes: [UInt8], caps: Caps = .standard) throws(OfficeReadError) {
        self.caps = caps
        try Self.checkSignature(bytes)
        try Self.checkEncryption(bytes)
        let archive: Archive
        do {
            archive = try Archive(data: Data(bytes), accessMode: .read)
        } catch {
            throw OfficeReadError(place: nil, "not a readable zip package (the file is damaged or cut short)")
        }
        self.archive = archive
        var count = 0
        for entry in archive where entry.type == .file {
            count += 1
            if count > caps.entries {
                throw OfficeReadError(place: nil, "the package lists more than \(caps.entries) parts; an office document has a few dozen (refused as a possible zip bomb)")
            }
            entries[entry.path] = entry
        }
        if count == 0 { throw OfficeReadError(place: nil, "not a readable zip package (no parts in it)") }
        if entries["word/document.xml"] != nil {
            kind = .docx
        } else if entries["xl/workbook.xml"] != nil {
            kind = .xlsx
        } else {
            throw OfficeReadError(place: nil, "a zip file, but neither a Word document (.docx) nor an Excel workbook (.xlsx): no word/document.xml or xl/workbook.xml in it")
        }
    }

    /// The paths of its parts, sorted.
    var paths: [String] { entries.keys.sorted() }

    /// A part's bytes, or nil when the package has no such part.
    mutating func part(_ path: String) throws(OfficeReadError) -> Data? {
        guard let entry = entries[path] else { return nil }
        let declared = Int64(clamping: entry.uncompressedSize)
        if declared > caps.partBytes {
            throw tooLarge(path, bytes: declared)
        }
        var data = Data()
        var seen: Int64 = 0
        let partCap = caps.partBytes
        let totalLeft = caps.totalBytes - unpacked
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                seen += Int64(chunk.count)
                // The header's size may lie: count what actually comes out.
                if seen > partCap || seen > totalLeft { throw CapReached() }
                data.append(chunk)
            }
        } catch is CapReached {
            throw tooLarge(path, bytes: seen)
        } catch {
            throw OfficeReadError(place: nil, "\(path): cannot be unpacked (the file is damaged): \(error)")
        }
        unpacked += seen
        return data
    }

    /// A part that must be there.
    mutating func required(_ path: String) throws(OfficeReadError) -> Data {
        guard let data = try part(path) else { throw OfficeReadError(place: nil, "the package has no \(path)") }
        return data
    }

    /// A parsed XML part, or nil when absent.
    mutating func xml(_ path: String) throws(OfficeReadError) -> XMLNode? {
        guard let data = try part(path) else { return nil }
        do {
            return try XMLNode.parse(data, part: path)
        } catch {
            throw OfficeReadError(place: nil, error.description)
        }
    }

    private struct CapReached: Error {}

    private func tooLarge(_ path: String, bytes: Int64) -> OfficeReadError {
        OfficeReadError(place: nil, "\(path) unpacks to more than \(min(caps.partBytes, caps.totalBytes) >> 20) MiB; refused as a possible zip bomb (read \(bytes >> 20) MiB)")
    }

    /// Refuses what is not a zip: an OLE compound file is an old binary document or a
    /// password-protected one (Office encrypts a DOCX or XLSX into that container).
    private static func checkSignature(_ bytes: [UInt8]) throws(OfficeReadError) {
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            throw OfficeReadError(place: nil, "a password-protected Office document, or an old binary .doc/.xls file: open it in Word or Excel, remove the password, and save it as .docx or .xlsx")
        }
        guard bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) || bytes.starts(with: [0x50, 0x4B, 0x05, 0x06]) else {
            throw OfficeReadError(place: nil, "neither a Word document (.docx) nor an Excel workbook (.xlsx): it is not a zip package")
        }
    }

    /// Refuses a zip whose entries are encrypted, found by walking the central directory
    /// from its end record (ZIPFoundation would only report a checksum error).
    private static func checkEncryption(_ bytes: [UInt8]) throws(OfficeReadError) {
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        guard bytes.count >= 22 else { return }
        var end = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 65_535)
        while end >= lowest, !(bytes[end] == 0x50 && bytes[end + 1] == 0x4B && bytes[end + 2] == 0x05 && bytes[end + 3] == 0x06) {
            end -= 1
        }
        guard end >= lowest else { return }
        let count = u16(end + 10)
        var at = u32(end + 16)
        for _ in 0..<count {
            guard at + 46 <= bytes.count, u32(at) == 0x0201_4B50 else { return }
            if u16(at + 8) & 1 != 0 {
                throw OfficeReadError(place: nil, "the zip package is encrypted (password-protected); save the document again without a password")
            }
            at += 46 + u16(at + 28) + u16(at + 30) + u16(at + 32)
        }
    }
}

/// An office file could not be read as a roadmap table: the message names the place
/// (table, row, column, or sheet and cell) when there is one.
public struct OfficeReadError: Error, CustomStringConvertible, Sendable {
    /// Where in the file: `table 1, row 7, column 3` or `sheet «Лист1», cell C7`; nil for the whole file.
    public let place: String?
    /// What is wrong, in a sentence.
    public let message: String

    /// Creates an error.
    public init(place: String?, _ message: String) {
        self.place = place
        self.message = message
    }

    /// `place: message`, or the message alone.
    public var description: String { place.map { "\($0): \(message)" } ?? message }
}
