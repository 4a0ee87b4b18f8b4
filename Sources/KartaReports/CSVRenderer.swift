import Foundation

/// Renders the tables of a report document as CSV (RFC 4180 quoting, CRLF line ends,
/// UTF-8 with a byte-order mark so that Excel reads Cyrillic correctly).
///
/// Written by hand rather than with a CSV library: the quoting rules are a few lines,
/// and the output must be byte-for-byte deterministic.
public struct CSVRenderer: Sendable {
    /// Separator, byte-order-mark and formula conventions.
    public enum Profile: String, Sendable, CaseIterable {
        /// Comma-separated, UTF-8 with BOM, RFC 4180 faithful: every field holds exactly the
        /// report's text (data for programs).
        case standard
        /// Semicolon-separated, UTF-8 with BOM: what Russian-locale Excel opens directly. A
        /// field a spreadsheet would take for a formula (``CSVRenderer/startsLikeFormula(_:)``)
        /// gets a leading `'` and quotes (OWASP's CSV-injection advice); Excel shows the text
        /// without the `'`.
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
        var text = text
        var neutralised = false
        if profile == .excelRu, Self.startsLikeFormula(text) {
            text = "'" + text
            neutralised = true
        }
        let separator = profile.separator.asciiValue ?? UInt8(ascii: ",")
        let bytes = text.utf8
        let needsQuotes = neutralised
            || bytes.contains { $0 == separator || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
            || bytes.first == UInt8(ascii: " ") || bytes.last == UInt8(ascii: " ")
        guard needsQuotes else { return text }
        var out = "\""
        for scalar in text.unicodeScalars {
            if scalar == "\"" { out += "\"" }
            out.unicodeScalars.append(scalar)
        }
        return out + "\""
    }

    /// Whether a spreadsheet program could read the text as a formula: it begins with a tab
    /// or a carriage return, or its first character after any leading white space (spaces,
    /// no-break spaces, line breaks) is `=`, `+`, `-` or `@`, or their full-width forms.
    /// A plain number (`-3`, `+7`, `-3,5`) is not: it reads as the same number either way.
    ///
    /// OWASP lists the first character only; white space is skipped too, since programs
    /// differ in whether they trim it before deciding, and the `'` costs a reader nothing.
    public static func startsLikeFormula(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first else { return false }
        if first == "\t" || first == "\r" { return true }
        guard let lead = text.unicodeScalars.first(where: { !$0.properties.isWhitespace }),
              triggers.contains(lead) else { return false }
        return !isPlainNumber(text)
    }

    static let triggers: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}"]

    /// `-12`, `+7`, `-3,5`, `-0.25`: a sign, digits, at most one decimal separator and digits.
    static func isPlainNumber(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count <= 32, let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") else { return false }
        let rest = bytes.dropFirst()
        let parts = rest.split(omittingEmptySubsequences: false) { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: ".") }
        return (1...2).contains(parts.count) && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { (48...57).contains($0) } }
    }
}
