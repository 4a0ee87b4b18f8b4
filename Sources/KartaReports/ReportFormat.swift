import Foundation

/// The output formats the host renders a report document to.
public enum OutputFormat: String, Sendable, CaseIterable {
    /// GitHub-flavoured Markdown.
    case markdown = "md"
    /// CSV, UTF-8 with BOM.
    case csv
    /// One self-contained HTML page, print-ready.
    case html
    /// Word (WordprocessingML).
    case docx
    /// Excel (SpreadsheetML).
    case xlsx
    /// The report document itself as JSON (for checks and other tools).
    case json

    /// The formats `karta demo` writes by default: every format a person reads.
    public static let documents: [OutputFormat] = [.markdown, .csv, .html, .docx, .xlsx]

    /// The file extension, without the dot.
    public var fileExtension: String { rawValue }

    /// Whether the file is text (compared line by line) or a zip package (compared by content).
    public var isText: Bool { self != .docx && self != .xlsx }

    /// Renders a document to the bytes of a file of this format.
    public func render(_ document: ReportDocument, csvProfile: CSVRenderer.Profile = .standard) throws(ReportRenderError) -> [UInt8] {
        switch self {
        case .markdown: Array(MarkdownRenderer().render(document).utf8)
        case .csv: CSVRenderer(profile: csvProfile).render(document)
        case .html: Array(HTMLRenderer().render(document).utf8)
        case .docx: try DocxRenderer().render(document)
        case .xlsx: try XlsxRenderer().render(document)
        case .json: Self.json(document)
        }
    }

    private static func json(_ document: ReportDocument) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings, numbers and arrays cannot fail.
        return Array((try? encoder.encode(document)) ?? Data()) + [0x0A]
    }
}
