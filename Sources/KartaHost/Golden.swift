import Foundation
public import KartaReports

/// One golden file against what a plugin renders now: `karta plugin test` compares (and with
/// `--update` rewrites) them, `karta plugin doctor` reports them.
public struct Golden: Sendable {
    /// How the golden file stands.
    public enum State: Sendable, Equatable {
        /// It holds what the plugin renders.
        case same
        /// There is no such file.
        case missing
        /// It differs; the readable difference (``GoldenDiff``).
        case differs(String)
    }

    /// `regions/<plugin>/expected/<roadmap>.<report>.<ext>`.
    public var path: String
    /// What the plugin renders now.
    public var actual: [UInt8]
    /// How the file stands.
    public var state: State

    /// Renders `document` to `format` and compares it with its file in `expected` (a
    /// region's `expected/` folder).
    public static func compare(_ document: ReportDocument, roadmap: String, report: String, format: OutputFormat,
                               expected directory: String) throws -> Golden {
        try compare(document, named: Fixtures.reportFileName(roadmap: roadmap, report: report, format: format), format: format,
                    expected: directory)
    }

    /// Renders `document` to `format` and compares it with the file `name` in `expected`
    /// (a region report's golden: ``Fixtures/regionReportFileName(plugin:report:format:)``).
    public static func compare(_ document: ReportDocument, named name: String, format: OutputFormat,
                               expected directory: String) throws -> Golden {
        let actual = try format.render(document)
        let path = (directory as NSString).appendingPathComponent(name)
        guard let expected = FileManager.default.contents(atPath: path).map({ [UInt8]($0) }) else {
            return Golden(path: path, actual: actual, state: .missing)
        }
        let difference = try GoldenDiff.difference(expected: expected, actual: actual, format: format)
        return Golden(path: path, actual: actual, state: difference.map(State.differs) ?? .same)
    }
}

/// A readable line diff between an expected and an actual rendering.
public enum GoldenDiff {
    /// Nil when the files agree: text formats byte for byte, DOCX and XLSX by content
    /// (text, cells, merges, page setup), since zip bytes may differ with the zlib build.
    public static func difference(expected: [UInt8], actual: [UInt8], format: OutputFormat) throws -> String? {
        if format.isText {
            return expected == actual ? nil : describe(expected: expected, actual: actual)
        }
        let read: ([UInt8]) throws -> [String] = format == .docx ? OfficeContent.docx : OfficeContent.xlsx
        let old: [String]
        do { old = try read(expected) } catch { return "  expected file cannot be read: \(error)" }
        let new = try read(actual)
        if old == new { return nil }
        return describe(expected: Array(old.joined(separator: "\n").utf8), actual: Array(new.joined(separator: "\n").utf8))
    }

    /// The first differing lines, bounded in time and length (``LineDiff``).
    public static func describe(expected: [UInt8], actual: [UInt8], limit: Int = 40) -> String {
        LineDiff.describe(expected: String(decoding: expected, as: UTF8.self), actual: String(decoding: actual, as: UTF8.self),
                          limit: limit) ?? "  files differ in bytes only (line endings or byte-order mark)"
    }
}
