import Foundation
import MultipartKit

/// A multipart form read whole: its text fields, and its file parts with their names.
struct MultipartForm {
    /// Text fields by name (the last value of a repeated name).
    var fields: [String: String] = [:]
    /// Files in order: the name the browser gave and the bytes.
    var files: [(name: String, bytes: [UInt8])] = []

    /// Parses a body with MultipartKit's parser; a part with a `filename` is a file.
    init(_ body: ByteBuffer, boundary: String) throws {
        let parser = MultipartParser(boundary: boundary)
        var headers: [(String, String)] = []
        var data: [UInt8] = []
        var parsed = MultipartForm.empty
        parser.onHeader = { name, value in headers.append((name, value)) }
        parser.onBody = { buffer in data += buffer.readBytes(length: buffer.readableBytes) ?? [] }
        parser.onPartComplete = {
            let disposition = headers.first { $0.0.lowercased() == "content-disposition" }?.1 ?? ""
            if let name = Self.parameter("name", of: disposition) {
                if let file = Self.parameter("filename", of: disposition) {
                    if name == "file" { parsed.files.append((file, data)) }
                } else {
                    parsed.fields[name] = String(decoding: data, as: UTF8.self)
                }
            }
            headers = []
            data = []
        }
        try parser.execute(body)
        self = parsed
    }

    private init() {}
    private static var empty: MultipartForm { MultipartForm() }

    /// `name="value"` in a Content-Disposition.
    static func parameter(_ key: String, of header: String) -> String? {
        for piece in header.split(separator: ";") {
            let trimmed = piece.trimmingCharacters(in: .whitespaces)
            guard trimmed.lowercased().hasPrefix(key + "=") else { continue }
            return String(trimmed.dropFirst(key.count + 1)).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        return nil
    }

    /// The text fields as an URL-encoded body, for the same decoder as plain forms.
    var urlEncoded: String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return fields.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }
            .joined(separator: "&")
    }
}
