import KartaCore
import KartaLua
import KartaReports

/// How a plugin's documents are read back from Word and Excel (`karta import FILE.docx`),
/// beyond what its report columns already say:
///
/// ```lua
/// M.import = {
///   columns = { ["Сроки исполнения"] = "timing", ["Примечание"] = "extra.note" },
///   read = { timing = function(cell) return { timing = …, fact = … } end },
/// }
/// ```
public struct ImportDeclaration: Sendable {
    /// Header titles (as printed) → the field their cells fill.
    public var columns: [String: String] = [:]
    /// Column id → a function that reads a cell printing several fields.
    var read: [String: LuaFunctionRef] = [:]

    /// Whether a column's cells are read by the plugin's own function.
    public func reads(_ column: String) -> Bool { read[column] != nil }

    /// What an imported cell may fill: an activity's printed fields, the roadmap's region and
    /// municipality (Krasnodar prints them on every row), `extra.<name>`, or `skip`.
    public static let fields = ["number", "title", "description", "timing", "fact", "responsible", "audience", "level",
                                "indicator", "status", "report", "evidence", "region", "municipality", "skip"]

    /// Whether `field` is one a cell may fill (``fields`` or `extra.<name>`).
    public static func isField(_ field: String) -> Bool {
        if fields.contains(field) { return true }
        guard field.hasPrefix("extra.") else { return false }
        return PluginManifest.isIdentifier(String(field.dropFirst(6)))
    }
}

extension PluginManifest {
    static func decodeImport(_ value: LuaValue, reader: inout LuaReader) -> ImportDeclaration {
        var declaration = ImportDeclaration()
        guard value != .nil, let table = reader.table(value, "import", shape: .importing) else { return declaration }
        if table.fields["columns"] != nil, table.fields["columns"] != .nil, let columns = reader.table(table.fields["columns"] ?? .nil, "import.columns") {
            if !columns.sequence.isEmpty || !columns.otherEntries.isEmpty {
                reader.fail("import.columns", "expected header titles as keys: { [\"Сроки исполнения\"] = \"timing\" }")
            }
            for (title, item) in columns.fields.sorted(by: { $0.key < $1.key }) {
                let path = "import.columns[\"\(title)\"]"
                guard let field = reader.string(item, path) else { continue }
                if ImportDeclaration.isField(field) {
                    declaration.columns[title] = field
                } else {
                    reader.fail(path, "'\(field)' is not a field a cell can fill (one of: \(ImportDeclaration.fields.joined(separator: ", ")), or extra.<name>)")
                }
            }
        }
        if let readValue = table.fields["read"], readValue != .nil, let read = reader.table(readValue, "import.read") {
            if !read.sequence.isEmpty || !read.otherEntries.isEmpty {
                reader.fail("import.read", "expected column ids as keys: { timing = function(cell) … end }")
            }
            for (column, item) in read.fields.sorted(by: { $0.key < $1.key }) {
                if let function = reader.function(item, "import.read.\(column)", required: true) { declaration.read[column] = function }
            }
        }
        return declaration
    }
}

/// A column of a plugin's report, as the importer matches a header to it.
public struct ImportColumn: Sendable, Hashable {
    /// The column's id, which names the field its cells fill.
    public var id: String
    /// The title as the report prints it.
    public var title: String
}

extension Plugin {
    /// Every column of the plugin's report tables, found by building each report over a
    /// roadmap of one sample activity (once per reporting stage, since a title may name the
    /// stage), and the rows of fill-in hints the reports print under their headers.
    /// A report whose `build` fails on the sample is passed over.
    public func reportColumns() -> (columns: [ImportColumn], hints: [[String]]) {
        let sample = Activity(
            key: "1", number: "1", stage: manifest.stages.first?.id, title: "—", description: "—", schedule: Schedule("—"), fact: "—",
            responsible: "—", audience: "—", level: "—", indicator: "—", report: "—")
        let roadmap = Roadmap(
            id: "sample", plugin: manifest.id, regionCode: manifest.region.code, municipality: "—",
            period: manifest.calendar == .schoolYear ? .schoolYear(startYear: 2021) : .year(2021), title: "—", activities: [sample])
        var columns: [ImportColumn] = []
        var hints: [[String]] = []
        let periods: [ReportingPeriod?] = manifest.reporting.isEmpty ? [nil] : manifest.reporting
        for format in manifest.reports {
            for period in periods {
                guard let document = try? render(report: format.id, roadmap: roadmap, reporting: period) else { continue }
                for table in document.tables {
                    for column in table.columns where !columns.contains(ImportColumn(id: column.id, title: column.title)) {
                        columns.append(ImportColumn(id: column.id, title: column.title))
                    }
                    for row in table.rows where row.kind == .hint && !hints.contains(row.cells) { hints.append(row.cells) }
                }
            }
        }
        return (columns, hints)
    }

    /// Reads a cell through the plugin's `import.read[column]`: the fields it returns, as
    /// text (`evidence` as a list of lines).
    public func readCell(column: String, text: String) throws(PluginError) -> [String: [String]] {
        guard let function = manifest.importing.read[column] else { return [column: [text]] }
        let answer = try invoke(function, [.value(.string(text))], results: 1).first ?? .nil
        func bad(_ message: String) -> PluginError {
            PluginError(plugin: manifest.id, kind: .usage, file: location.entry, message: "import.read.\(column): \(message)")
        }
        guard case .table(let table) = answer else {
            throw bad("returned \(answer.typeName); expected a table of fields, e.g. { timing = \"…\", fact = \"…\" }")
        }
        var fields: [String: [String]] = [:]
        for (field, value) in table.fields {
            guard ImportDeclaration.isField(field) else {
                throw bad("returned field '\(field)', which a cell cannot fill (one of: \(ImportDeclaration.fields.joined(separator: ", ")), or extra.<name>)")
            }
            switch value {
            case .nil: continue
            case .string(let text): fields[field] = [text]
            case .integer(let number): fields[field] = [String(number)]
            case .table(let list) where field == "evidence" && list.fields.isEmpty:
                fields[field] = try list.sequence.map { item throws(PluginError) in
                    guard case .string(let line) = item else { throw bad("evidence: expected a list of strings") }
                    return line
                }
            default:
                throw bad("field '\(field)' is \(value.typeName); expected a string\(field == "evidence" ? " or a list of strings" : "")")
            }
        }
        if !table.sequence.isEmpty || !table.otherEntries.isEmpty { throw bad("expected a table with field names as keys") }
        return fields
    }
}
