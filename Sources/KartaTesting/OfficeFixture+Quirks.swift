/// What a DOCX typed in Word has that a generated one lacks; `.word` turns on all, `.plain` none.
/// Each quirk is placed deterministically, so the same table gives the same bytes.
public struct DocxQuirks: Sendable, Equatable {
    /// The text of each table cell paragraph with a word of 8+ letters split mid-word into runs
    /// (`<w:t>Органи</w:t>` … `<w:t xml:space="preserve">зация </w:t>`).
    public var splitRuns: Bool
    /// `<w:proofErr/>` between the split runs, and one `<w:bookmarkStart/>`/`<w:bookmarkEnd/>`
    /// pair in the first data cell.
    public var proofingMarks: Bool
    /// U+00AD written as `<w:softHyphen/>` (otherwise as the character inside `<w:t>`).
    public var softHyphens: Bool
    /// URLs in cell text as `<w:hyperlink r:id="…">` with an external relationship (every other
    /// URL when `hyperlinkFields` is on too).
    public var hyperlinks: Bool
    /// URLs as old-style `HYPERLINK` fields: `fldChar begin`, `<w:instrText>`, `separate`, the
    /// visible runs, `end` (every other URL, starting with the second, when `hyperlinks` is on).
    public var hyperlinkFields: Bool
    /// A tracked deletion (`<w:del>…<w:delText>` of `OfficeFixture.deletedText`) before the text
    /// of the third cell of the first data row.
    public var trackedDeletion: Bool
    /// "\t" written as `<w:tab/>` (otherwise as the character inside `<w:t>`, which LibreOffice
    /// reads as a space).
    public var tabs: Bool
    /// The last cell of the first data row wrapped in `<w:sdt><w:sdtContent>`.
    public var contentControl: Bool
    /// `<w:tcPr><w:tcW …/></w:tcPr>` in every cell (otherwise `tcPr` only where a merge needs it).
    public var cellWidths: Bool
    /// "\n" in a header cell written as `<w:br/>` (Shift+Enter) inside one paragraph, not as
    /// separate paragraphs.
    public var headerLineBreaks: Bool
    /// `w:rsidR`/`w:rsidRPr` revision-save ids on rows, paragraphs and runs.
    public var revisionIDs: Bool

    /// Chooses each quirk; all off unless given.
    public init(
        splitRuns: Bool = false, proofingMarks: Bool = false, softHyphens: Bool = false,
        hyperlinks: Bool = false, hyperlinkFields: Bool = false, trackedDeletion: Bool = false,
        tabs: Bool = false, contentControl: Bool = false, cellWidths: Bool = false,
        headerLineBreaks: Bool = false, revisionIDs: Bool = false
    ) {
        self.splitRuns = splitRuns
        self.proofingMarks = proofingMarks
        self.softHyphens = softHyphens
        self.hyperlinks = hyperlinks
        self.hyperlinkFields = hyperlinkFields
        self.trackedDeletion = trackedDeletion
        self.tabs = tabs
        self.contentControl = contentControl
        self.cellWidths = cellWidths
        self.headerLineBreaks = headerLineBreaks
        self.revisionIDs = revisionIDs
    }

    /// Every quirk: what Word writes.
    public static let word = DocxQuirks(
        splitRuns: true, proofingMarks: true, softHyphens: true, hyperlinks: true, hyperlinkFields: true,
        trackedDeletion: true, tabs: true, contentControl: true, cellWidths: true, headerLineBreaks: true,
        revisionIDs: true)

    /// No quirk: one run per paragraph, characters as they are.
    public static let plain = DocxQuirks()
}

/// What an XLSX saved by Excel has that a generated one lacks; `.excel` turns on all, `.plain`
/// none (then every cell is a shared string, every row and cell written in order without `r`).
public struct XlsxQuirks: Sendable, Equatable {
    /// One shared string (the first multi-word cell of the second column) as rich text: its first
    /// word in a bold run, the rest in a second run.
    public var richText: Bool
    /// One cell (the last non-empty cell of the last data row) as `t="inlineStr"`.
    public var inlineString: Bool
    /// Integer texts of the number column and the numbering row («1», «12») as numeric cells.
    public var numbers: Bool
    /// A cell text that is exactly DD.MM.YYYY as an Excel serial date (1900 system) styled with
    /// the custom number format 164 "dd.mm.yyyy".
    public var dates: Bool
    /// Rows and cells with `r` attributes and the empty cells omitted (otherwise every cell of
    /// every row written, empty ones as `<c/>`, without `r`).
    public var sparseRows: Bool
    /// A `<dimension ref="A1:…"/>` element.
    public var dimension: Bool

    /// Chooses each quirk; all off unless given.
    public init(
        richText: Bool = false, inlineString: Bool = false, numbers: Bool = false, dates: Bool = false,
        sparseRows: Bool = false, dimension: Bool = false
    ) {
        self.richText = richText
        self.inlineString = inlineString
        self.numbers = numbers
        self.dates = dates
        self.sparseRows = sparseRows
        self.dimension = dimension
    }

    /// Every quirk: what Excel writes.
    public static let excel = XlsxQuirks(
        richText: true, inlineString: true, numbers: true, dates: true, sparseRows: true, dimension: true)

    /// No quirk.
    public static let plain = XlsxQuirks()
}
