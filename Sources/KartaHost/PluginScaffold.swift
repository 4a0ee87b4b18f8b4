import Foundation
public import KartaCore
import KartaLua
public import KartaReports

/// The first `plugin.lua` of a new region (`karta plugin new`): the manifest, roles, stages
/// and two report formats — the roadmap's table with the document's own column titles and a
/// year-end execution report — written short and commented, the way
/// docs/plugin-authoring.md teaches, for the author to edit rather than rewrite. From a
/// document it takes the header, the section rows and the responsible column; without one
/// it writes a skeleton of four columns.
public struct PluginScaffold: Sendable {
    /// A column of the table as the document prints it.
    public struct Column: Sendable, Equatable {
        /// The column id: the activity field it prints (`title`), or `extra_<n>`.
        public var id: String
        /// The title, verbatim.
        public var title: String
    }

    /// A stage from a section row.
    public struct StageRow: Sendable, Equatable {
        /// Stage id (its number without the dot, or `s<n>`).
        public var id: String
        /// Number as printed (`1.`), or empty.
        public var number: String
        /// Title as printed.
        public var title: String
        /// The enclosing stage's id (`2` for `2.1`), when the table has it.
        public var parent: String?
    }

    /// The plugin id.
    public var id: String
    /// Region code and name.
    public var region: Region
    /// Calendar of the region's periods.
    public var calendar: CalendarKind
    /// The table's columns.
    public var columns: [Column]
    /// Section rows, in order.
    public var stages: [StageRow]
    /// Roles from the responsible column: abbreviation and name.
    public var roles: [(abbreviation: String, name: String)]
    /// The document's own name for its table («Муниципальная дорожная карта …»).
    public var documentTitle: String

    /// The calendar a scaffold declares.
    public enum CalendarKind: String, Sendable { case year, school_year }

    /// A skeleton: number, activity, timing, responsible; one role, no stages.
    public static func skeleton(id: String, region: Region) -> PluginScaffold {
        PluginScaffold(
            id: id, region: region, calendar: .year,
            columns: [Column(id: "number", title: "№ п/п"), Column(id: "title", title: "Мероприятие"),
                      Column(id: "timing", title: "Сроки"), Column(id: "responsible", title: "Ответственные")],
            stages: [], roles: [("МК", "Муниципальный координатор")], documentTitle: "Дорожная карта")
    }

    /// What an activity field a header title most likely names, from the words Russian
    /// roadmaps use; nil when none fits.
    public static func guessField(_ title: String) -> String? {
        let key = OfficeTableLayout.key(title)
        let rules: [(String, [String])] = [
            ("number", ["№", "номер", "n п/п"]),
            ("evidence", ["ссылк", "подтвержд", "форма отчетн", "документ"]),
            ("report", ["отчетная информация", "информация о выполнении", "отметка о выполнении", "результат выполнения", "выполнено"]),
            ("status", ["статус"]),
            ("fact", ["дата выполнения", "фактическ"]),
            ("timing", ["срок", "дата", "период"]),
            ("responsible", ["ответствен", "исполнител"]),
            ("audience", ["аудитори", "участник"]),
            ("level", ["уровень"]),
            ("indicator", ["ожидаем", "показател", "индикатор", "результат"]),
            ("title", ["описание действий"]),
            ("description", ["описание", "содержание"]),
            ("title", ["мероприяти", "наименование", "действи", "направлени"]),
        ]
        // «Сроки: факт» under a two-row header, not «Дата проведения (план/факт»: the fact.
        if key.contains("факт"), !key.contains("план") { return "fact" }
        // In this order: «Краткое описание мероприятия» is a description, «Ожидаемый результат» an indicator.
        // Keys hold no spaces (``OfficeTableLayout/key(_:)``), nor may the words.
        return rules.first { _, words in words.contains { key.contains($0.replacingOccurrences(of: " ", with: "")) } }?.0
    }

    /// Reads the scaffold's columns, stages and roles from a document's roadmap table.
    public static func from(_ document: OfficeDocument, id: String, region: Region) throws(OfficeReadError) -> PluginScaffold {
        var guessed: [String: String] = [:]
        for table in document.tables {
            for row in table.rows.prefix(40) {
                for cell in row.cells where !cell.text.isEmpty {
                    if let field = guessField(cell.text) { guessed[OfficeTableLayout.key(cell.text)] = field }
                }
            }
        }
        guard !document.tables.isEmpty else { throw OfficeReadError(place: nil, "no table in the document: a region is scaffolded from its roadmap table") }
        guard let found = OfficeTableLayout.locate(document, fields: guessed) else {
            throw OfficeReadError(place: document.tables[0].name, "no header row: none of its first rows names at least two columns a roadmap has (№, мероприятие, сроки, ответственные …)")
        }
        let table = document.tables[found.table]
        // First the header's columns (one row, or two), then each its guessed field once,
        // `extra_<n>` otherwise; then the table read again with those fields.
        var any: [String: String] = [:]
        for row in [found.row, found.row + 1] where row < table.rows.count {
            for cell in table.rows[row].cells where !cell.text.isEmpty { any[OfficeTableLayout.key(cell.text)] = guessField(cell.text) ?? "skip" }
        }
        let header = try OfficeTableLayout(table: table, headerRow: found.row, fields: any, hints: [], knownTitles: "")
        var columns: [Column] = []
        var fields: [String: String] = [:]
        for column in header.columns {
            let position = column.grid.lowerBound + 1
            var columnID = guessField(column.title) ?? "extra_\(position)"
            if columns.contains(where: { $0.id == columnID }) { columnID = "extra_\(position)" }
            columns.append(Column(id: columnID, title: column.title))
            fields[OfficeTableLayout.key(column.title)] = columnID
        }
        let layout = try OfficeTableLayout(table: table, headerRow: found.row, fields: fields, hints: [], knownTitles: "")
        var stages: [StageRow] = []
        var responsible: [String] = []
        let responsibleColumn = layout.columns.first { $0.field == "responsible" }
        for item in layout.items {
            switch item {
            case .section(_, let text):
                let line = text.split(whereSeparator: \.isNewline).joined(separator: " ")
                let first = line.split(separator: " ").first.map(String.init) ?? ""
                let isNumber = !first.isEmpty && first.allSatisfy { $0.isNumber || $0 == "." || $0 == ")" } && first.contains(where: \.isNumber)
                let number = isNumber ? first : ""
                let title = isNumber ? String(line.dropFirst(first.count)).trimmingCharacters(in: .whitespaces) : line
                var stageID = isNumber ? number.trimmingCharacters(in: CharacterSet(charactersIn: ".)")) : "s\(stages.count + 1)"
                if stages.contains(where: { $0.id == stageID }) { stageID = "s\(stages.count + 1)" }
                // «2.1» under an earlier «2.»: a sub-section.
                let parts = stageID.split(separator: ".")
                let parent = parts.count > 1 ? parts.dropLast().joined(separator: ".") : nil
                stages.append(StageRow(id: stageID, number: number, title: title,
                                       parent: parent.flatMap { id in stages.contains { $0.id == id } ? id : nil }))
            case .activity(let rows):
                if let responsibleColumn { responsible += rows.map { layout.text(row: $0, column: responsibleColumn) } }
            }
        }
        let heading = OfficeImport.Heading(document.blocks.compactMap { if case .paragraph(let p) = $0 { p } else { nil } } + layout.above)
        let schoolYear = heading.period(calendar: .year).map { if case .schoolYear = $0 { true } else { false } } ?? false
        return PluginScaffold(
            id: id, region: region, calendar: schoolYear ? .school_year : .year, columns: columns, stages: stages,
            roles: Self.roles(in: responsible), documentTitle: heading.title?.split(whereSeparator: \.isNewline).first.map(String.init) ?? "Дорожная карта")
    }

    /// Roles from the responsible cells: each party named (split at commas, semicolons and
    /// line breaks) once, most frequent first, at most twelve; «… (далее – УО)» gives the
    /// abbreviation УО and the name before it.
    static func roles(in cells: [String]) -> [(abbreviation: String, name: String)] {
        var counts: [String: Int] = [:]
        var order: [String] = []
        var names: [String: String] = [:]
        for cell in cells {
            for part in cell.split(whereSeparator: { $0 == "," || $0 == ";" || $0.isNewline }) {
                var token = part.trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: ".")))
                if let range = token.range(of: "(далее", options: .caseInsensitive) {
                    let abbreviation = token[range.upperBound...].trimmingCharacters(in: CharacterSet(charactersIn: " –—-:)"))
                    let name = token[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
                    if !abbreviation.isEmpty {
                        names[abbreviation] = name
                        token = abbreviation
                    }
                }
                guard !token.isEmpty, token.count <= 60 else { continue }
                if counts[token] == nil { order.append(token) }
                counts[token, default: 0] += 1
            }
        }
        let ranked = order.enumerated().sorted { (counts[$0.element]!, -$0.offset) > (counts[$1.element]!, -$1.offset) }.map(\.element)
        return ranked.prefix(12).map { ($0, names[$0] ?? $0) }
    }
}
