import Foundation
import KartaCore

/// Excel's limits on text, met without breaking a character: a sheet name (31 UTF-16 units,
/// none of `[]:*?/\`, no apostrophe at either end) and a cell (32,767 UTF-16 units).
enum ExcelText {
    /// The longest prefix of at most `limit` UTF-16 units at a character boundary
    /// (``Swift/StringProtocol/prefix(fitting:in:)``).
    static func prefix(_ text: String, utf16Units limit: Int) -> String {
        text.utf16.count > limit ? text.prefix(fitting: limit, in: .utf16) : text
    }

    /// The longest sheet name Excel accepts.
    static let sheetNameUnits = 31

    /// A sheet name Excel and libxlsxwriter accept, from a title: without `[]:*?/\` and
    /// control characters, at most 31 UTF-16 units cut at a character boundary, no apostrophe
    /// or space at either end, not Excel's reserved «History»; «Отчет» when nothing is left.
    static func sheetName(_ title: String) -> String {
        let forbidden: Set<Unicode.Scalar> = ["[", "]", ":", "*", "?", "/", "\\"]
        var cleaned = String.UnicodeScalarView()
        var kept = 0
        for scalar in title.unicodeScalars {
            if forbidden.contains(scalar) || scalar.properties.generalCategory == .control { continue }
            cleaned.append(scalar)
            kept += 1
            // Enough to fill a name after trimming; a title of megabytes is not walked whole.
            if kept > 4 * sheetNameUnits + 64 { break }
        }
        let trim = CharacterSet(charactersIn: "' ").union(.whitespacesAndNewlines)
        var name = String(cleaned).trimmingCharacters(in: trim)
        name = prefix(name, utf16Units: sheetNameUnits).trimmingCharacters(in: trim)
        if name.isEmpty { return "Отчет" }
        if name.lowercased() == "history" { return "History (отчет)" }
        return name
    }

    /// The longest cell text: Excel's 32,767 UTF-16 units.
    static let cellUnits = 32_767

    /// Cell text within Excel's limit: cut at a character boundary and ended with `…` when longer.
    static func cell(_ text: String) -> String {
        guard text.utf16.count > cellUnits else { return text }
        return prefix(text, utf16Units: cellUnits - 1) + "…"
    }
}
