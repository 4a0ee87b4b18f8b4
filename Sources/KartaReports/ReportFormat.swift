/// The output formats the host renders a report document to.
public enum OutputFormat: String, Sendable, CaseIterable {
    /// GitHub-flavoured Markdown.
    case markdown = "md"
    /// CSV, UTF-8 with BOM.
    case csv

    /// The file extension, without the dot.
    public var fileExtension: String { rawValue }

    /// Renders a document to the bytes of a file of this format.
    public func render(_ document: ReportDocument, csvProfile: CSVRenderer.Profile = .standard) -> [UInt8] {
        switch self {
        case .markdown: Array(MarkdownRenderer().render(document).utf8)
        case .csv: CSVRenderer(profile: csvProfile).render(document)
        }
    }
}
