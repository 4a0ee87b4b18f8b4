import Crypto
import Foundation
public import KartaCore

/// A file a person uploads as evidence: accepted when its content is a PDF, a Word or Excel
/// document, a JPEG or a PNG, whatever its name says, and not larger than ``maxBytes``.
public struct EvidenceUpload: Sendable {
    /// The file's name as the person's computer gave it.
    public var name: String
    /// Its bytes.
    public var bytes: [UInt8]

    /// The largest file accepted: 20 MiB.
    public static let maxBytes = 20 << 20

    /// Creates an upload.
    public init(name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
    }

    /// The evidence to record and the file to store; refuses an empty, too large or unknown file.
    public func accepted() throws -> (evidence: Evidence, file: EvidenceFile) {
        let shown = Self.cleanName(name)
        guard !bytes.isEmpty else { throw HostError("файл «\(shown)» пуст") }
        guard bytes.count <= Self.maxBytes else {
            throw HostError("файл «\(shown)» больше \(Self.maxBytes >> 20) МБ")
        }
        guard let type = Self.mediaType(of: bytes) else {
            throw HostError("файл «\(shown)»: принимаются PDF, DOCX, XLSX, JPEG и PNG (тип определяется по содержимому)")
        }
        let sha = SHA256.hash(data: bytes).map { byte in (byte < 16 ? "0" : "") + String(byte, radix: 16) }.joined()
        return (Evidence(title: shown, file: sha), EvidenceFile(sha256: sha, mediaType: type, bytes: bytes))
    }

    /// The media type the content shows, or nil.
    public static func mediaType(of bytes: [UInt8]) -> String? {
        func starts(_ prefix: [UInt8]) -> Bool { bytes.count >= prefix.count && Array(bytes.prefix(prefix.count)) == prefix }
        if starts(Array("%PDF-".utf8)) { return "application/pdf" }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        if starts([0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if starts([0x50, 0x4B, 0x03, 0x04]) {
            // An Office package names its main part in the zip's directory.
            if contains(bytes, Array("word/document.xml".utf8)) { return "application/vnd.openxmlformats-officedocument.wordprocessingml.document" }
            if contains(bytes, Array("xl/workbook.xml".utf8)) { return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }
        }
        return nil
    }

    private static func contains(_ bytes: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, bytes.count >= needle.count else { return false }
        var index = 0
        while index <= bytes.count - needle.count {
            if bytes[index] == first, bytes[index..<(index + needle.count)].elementsEqual(needle) { return true }
            index += 1
        }
        return false
    }

    /// The name as Karta keeps it (``FileName/safe(_:fallback:)``): the last path component,
    /// without control and bidi characters or leading dots, at most 255 bytes; «файл» when
    /// nothing is left. Emoji sequences and accents stay whole.
    static func cleanName(_ name: String) -> String {
        FileName.safe(name, fallback: "файл")
    }
}
