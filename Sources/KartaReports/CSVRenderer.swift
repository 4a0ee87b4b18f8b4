import Foundation

/// Renders the tables of a report document as CSV (RFC 4180 quoting, CRLF line ends,
/// UTF-8 with a byte-order mark so that Excel reads Cyrillic correctly).
///
/// Written by hand rather than with a CSV library: the quoting rules are a few lines,
/// and the output must be byte-for-byte deterministic.
public struct CSVRenderer: Sendable {
    /// Separator and byte-order-mark conventions.
    public enum Profile: String, Sendable, CaseIterable {
        /// Comma-separated, UTF-8 with BOM.
        case standard
        /// Semicolon-separated, UTF-8 with BOM: what Russian-locale Excel opens directly.
        case excelRu = "excel-ru"

        var separator: Character { self == .standard ? "," : ";" }
    }

    /// The profile used.
    public var profile: Profile

    /// Creates a renderer.
    public init(profile: Profile = .standard) {
        self.profile = profile
    }

    /// The CSV bytes: header row, hint rows, then every row (section rows carry their text
    /// in the first field, sub-rows follow their parent). Several tables are separated by an empty line.
    public func render(_ document: ReportDocument) -> [UInt8] {
        var text = ""
        for (index, table) in document.tables.enumerated() {
            if index > 0 { text += "\r\n" }
            text += line(table.columns.map(\.title), count: table.columns.count)
            for (row, _) in table.flattenedRows {
                text += line(row.cells, count: table.columns.count)
            }
        }
        return [0xEF, 0xBB, 0xBF] + Array(text.utf8)
    }

    private func line(_ cells: [String], count: Int) -> String {
        let padded = cells.count >= count ? cells : cells + Array(repeating: "", count: count - cells.count)
        return padded.map(field).joined(separator: String(profile.separator)) + "\r\n"
    }

    private func field(_ text: String) -> String {
        let separator = profile.separator.asciiValue ?? UInt8(ascii: ",")
        let bytes = text.utf8
        let needsQuotes = bytes.contains { $0 == separator || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
            || bytes.first == UInt8(ascii: " ") || bytes.last == UInt8(ascii: " ")
        guard needsQuotes else { return text }
        var out = "\""
        for scalar in text.unicodeScalars {
            if scalar == "\"" { out += "\"" }
            out.unicodeScalars.append(scalar)
        }
        return out + "\""
    }
}
