import Foundation

/// A roadmap table as a person typed it in Word or Excel: paragraphs before it, a header, rows.
public struct OfficeFixtureTable: Sendable, Codable, Equatable {
    /// Printed before the table, in order (title, goal, tasks).
    public var paragraphs: [OfficeFixtureParagraph]
    /// Column titles; may hold "\n" and U+00AD soft hyphens as typed.
    public var header: [String]
    /// The rows below the header.
    public var rows: [OfficeFixtureRow]
    /// Paragraphs after the table (signature lines); "\t" separates a position from a name.
    public var after: [String]
    /// The region the roadmap belongs to, when the fixture says; not printed in the files.
    public var region: OfficeFixtureRegion?

    /// A table from its parts.
    public init(
        paragraphs: [OfficeFixtureParagraph], header: [String], rows: [OfficeFixtureRow],
        after: [String] = [], region: OfficeFixtureRegion? = nil
    ) {
        self.paragraphs = paragraphs
        self.header = header
        self.rows = rows
        self.after = after
        self.region = region
    }

    private enum CodingKeys: String, CodingKey { case paragraphs, header, rows, after, region }

    /// Decodes a table; `paragraphs` and `after` may be left out (no paragraphs).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        paragraphs = try container.decodeIfPresent([OfficeFixtureParagraph].self, forKey: .paragraphs) ?? []
        header = try container.decode([String].self, forKey: .header)
        rows = try container.decode([OfficeFixtureRow].self, forKey: .rows)
        after = try container.decodeIfPresent([String].self, forKey: .after) ?? []
        region = try container.decodeIfPresent(OfficeFixtureRegion.self, forKey: .region)
    }
}

/// A paragraph printed outside the table.
public struct OfficeFixtureParagraph: Sendable, Codable, Equatable {
    /// The paragraph's text.
    public var text: String
    /// Whether the whole paragraph is bold (a title line).
    public var bold: Bool

    /// A paragraph, plain unless `bold`.
    public init(text: String, bold: Bool = false) {
        self.text = text
        self.bold = bold
    }

    private enum CodingKeys: String, CodingKey { case text, bold }

    /// Decodes a paragraph; `bold` may be left out (false).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        text = try container.decode(String.self, forKey: .text)
        bold = try container.decodeIfPresent(Bool.self, forKey: .bold) ?? false
    }
}

/// The region a fixture's roadmap belongs to (metadata for the tests; never written to a file).
public struct OfficeFixtureRegion: Sendable, Codable, Equatable {
    /// The region's name, e.g. «Заречная область».
    public var name: String
    /// The region's code, e.g. 99.
    public var code: Int
    /// The municipality the roadmap is for.
    public var municipality: String
    /// Whether the region is invented (true for every fixture of this project).
    public var fictional: Bool

    /// Region metadata.
    public init(name: String, code: Int, municipality: String, fictional: Bool = true) {
        self.name = name
        self.code = code
        self.municipality = municipality
        self.fictional = fictional
    }
}

/// A row below the header.
///
/// In JSON a row is `"numbering"`, `"repeatedHeader"`, `{"section": "…"}`, `{"data": ["…", …]}`
/// or `{"continuation": ["…", …]}`.
public enum OfficeFixtureRow: Sendable, Codable, Equatable {
    /// A stage/section row merged across the whole table (DOCX `gridSpan` over all columns;
    /// XLSX a `mergeCell` over the row).
    case section(String)
    /// One cell per column; "\n" in a cell = separate paragraphs in DOCX (one `<w:p>` per line),
    /// a line break inside the cell text in XLSX.
    case data([String])
    /// The row «1 | 2 | 3 | …» Word tables often have under the header.
    case numbering
    /// The header typed again in the middle (a page break in the source).
    case repeatedHeader
    /// The previous data row continued after a page break: in DOCX the number (first) column is
    /// a vertical merge (`<w:vMerge w:val="restart"/>` on the previous row's first cell,
    /// `<w:vMerge/>` here), in XLSX the first column of the two rows is one `mergeCell`; the other
    /// cells hold the continued text. It must follow a `data` or `continuation` row; elsewhere its
    /// first cell is written as an ordinary cell.
    case continuation([String])

    private enum Key: String, CodingKey { case section, data, continuation }

    /// Decodes one of the JSON shapes above.
    public init(from decoder: any Decoder) throws {
        if let single = try? decoder.singleValueContainer(), let word = try? single.decode(String.self) {
            switch word {
            case "numbering": self = .numbering
            case "repeatedHeader": self = .repeatedHeader
            default:
                throw DecodingError.dataCorruptedError(
                    in: single, debugDescription: "unknown row \"\(word)\" (numbering or repeatedHeader)")
            }
            return
        }
        let container = try decoder.container(keyedBy: Key.self)
        if let title = try container.decodeIfPresent(String.self, forKey: .section) {
            self = .section(title)
        } else if let cells = try container.decodeIfPresent([String].self, forKey: .data) {
            self = .data(cells)
        } else if let cells = try container.decodeIfPresent([String].self, forKey: .continuation) {
            self = .continuation(cells)
        } else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath,
                debugDescription: "a row is \"numbering\", \"repeatedHeader\", {section}, {data} or {continuation}"))
        }
    }

    /// Encodes the JSON shape the decoder reads.
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .numbering:
            var single = encoder.singleValueContainer()
            try single.encode("numbering")
        case .repeatedHeader:
            var single = encoder.singleValueContainer()
            try single.encode("repeatedHeader")
        case .section(let title):
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(title, forKey: .section)
        case .data(let cells):
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(cells, forKey: .data)
        case .continuation(let cells):
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(cells, forKey: .continuation)
        }
    }
}

/// A fixture file does not describe a table the builders can write.
public struct OfficeFixtureError: Error, CustomStringConvertible, Sendable {
    /// What is wrong, with the file's path.
    public let description: String
}

/// Builds DOCX and XLSX files from transcribed fixtures, with the quirks of files typed in Word
/// and Excel, and deliberately bad files (see `OfficeFixture+Bad.swift`).
public enum OfficeFixture {
    /// The path of the transcribed fixture of the fictional Заречный муниципальный округ.
    public static let zarechnyPath = PackagePaths.path("Tests/Fixtures/office/zarechny.json")

    /// The Заречный fixture, loaded once; the bad-file builders start from it.
    /// Stops the test process with a message if the fixture file is missing or broken.
    public static let zarechny: OfficeFixtureTable = {
        do {
            return try load(zarechnyPath)
        } catch {
            fatalError("OfficeFixture: cannot load \(zarechnyPath): \(error)")
        }
    }()

    /// The text of the tracked deletion the `.word` DOCX quirks put into one cell; a reader
    /// that shows it has read a deleted run.
    public static let deletedText = "декабрь 2022 "

    /// Reads a fixture table from a JSON file (Codable) and checks that every `data` and
    /// `continuation` row has one cell per header column.
    public static func load(_ path: String) throws -> OfficeFixtureTable {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let table = try JSONDecoder().decode(OfficeFixtureTable.self, from: data)
        guard !table.header.isEmpty else { throw OfficeFixtureError(description: "\(path): empty header") }
        for (index, row) in table.rows.enumerated() {
            switch row {
            case .data(let cells), .continuation(let cells):
                guard cells.count == table.header.count else {
                    throw OfficeFixtureError(description:
                        "\(path): row \(index + 1) has \(cells.count) cells, the header \(table.header.count)")
                }
            default: break
            }
        }
        return table
    }
}
