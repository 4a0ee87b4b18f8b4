import Foundation
public import KartaCore
public import KartaPlugins
public import KartaReports

/// Turns the roadmap table of a Word document or an Excel sheet into a roadmap of a
/// plugin: columns matched to fields by the titles of the plugin's report columns (or its
/// `import.columns`), section rows to its stages, the paragraphs above the table to the
/// title, goal and tasks. What it cannot place is an error naming the file and the place
/// (`file.docx: table 1, row 7, column 3: …`); nothing is guessed.
public struct OfficeImport {
    /// What the command line adds to what the file says.
    public struct Options: Sendable {
        /// The roadmap id (default: `<plugin>-<period>`).
        public var id: String?
        /// The municipality (default: the table's municipality column).
        public var municipality: String?
        /// The period (default: found in the title).
        public var period: Period?

        /// Creates options.
        public init(id: String? = nil, municipality: String? = nil, period: Period? = nil) {
            self.id = id
            self.municipality = municipality
            self.period = period
        }
    }

    /// A roadmap read from a file, with where each activity came from.
    public struct Result: Sendable {
        /// The roadmap, not yet checked against the plugin.
        public var roadmap: Roadmap
        /// Field path prefix (`activities[3]`, `activities[11].activities[0]`) → its place in the file.
        public var places: [String: String]
        /// What the reader and importer did that the user should know.
        public var notices: [String]
    }

    let file: String
    let document: OfficeDocument
    let plugin: Plugin
    let options: Options

    /// Reads the document's roadmap table.
    public static func read(file: String, document: OfficeDocument, plugin: Plugin, options: Options) throws -> Result {
        try OfficeImport(file: file, document: document, plugin: plugin, options: options).run()
    }

    private func fail(_ place: String?, _ message: String) -> HostError {
        HostError("\(file): \(place.map { "\($0): " } ?? "")\(message)")
    }

    private func run() throws -> Result {
        let manifest = plugin.manifest
        let probe = plugin.reportColumns()
        var fields: [String: String] = [:]
        for column in probe.columns where fields[OfficeTableLayout.key(column.title)] == nil {
            // A column whose id is no field (`?id`) is an error when a file has it, unless import.columns names it.
            fields[OfficeTableLayout.key(column.title)] = ImportDeclaration.isField(column.id) ? column.id : "?" + column.id
        }
        for (title, field) in manifest.importing.columns { fields[OfficeTableLayout.key(title)] = field }
        let knownTitles = (probe.columns.map(\.title) + manifest.importing.columns.keys.sorted())
            .map { "«\(OfficeTableLayout.oneLine($0))»" }.joined(separator: ", ")
        guard !document.tables.isEmpty else { throw fail(nil, "no table in the document: a roadmap is read from its table") }
        guard let found = OfficeTableLayout.locate(document, fields: fields) else {
            let first = document.tables[0].rows.first { !$0.isEmpty }?.cells.filter { !$0.text.isEmpty }
                .map { "«\(OfficeTableLayout.oneLine($0.text))»" }.joined(separator: ", ") ?? "nothing"
            throw fail(nil, "no table with the columns of plugin '\(manifest.id)' (it knows: \(knownTitles)); \(document.tables[0].name) begins with \(first)")
        }
        let table = document.tables[found.table]
        let layout: OfficeTableLayout
        do {
            layout = try OfficeTableLayout(table: table, headerRow: found.row, fields: fields,
                                           hints: Set(probe.hints.map { $0.map(OfficeTableLayout.key) }), knownTitles: knownTitles,
                                           isStage: { matchStage($0) != nil })
        } catch {
            throw fail(error.place, error.message)
        }
        var notices = document.notices + table.notices
        var paragraphs = layout.above
        if !table.isSheet {
            // The paragraphs between the table before this one (or the start) and this one.
            var seen = 0
            for block in document.blocks {
                switch block {
                case .table: seen += 1
                case .paragraph(let paragraph): if seen == found.table { paragraphs.append(paragraph) }
                }
                if seen > found.table { break }
            }
        }
        let heading = Heading(paragraphs)
        var rows = try activities(layout)
        let municipality = try municipalityName(rows: &rows, notices: &notices)
        guard !rows.activities.isEmpty else { throw fail(table.name, "the table has no activity rows under its header") }
        guard let period = options.period ?? heading.period(calendar: manifest.calendar) else {
            throw fail(nil, "the title does not say the period (a year, or a school year such as 2022-2023): give --period")
        }
        let roadmap = Roadmap(
            id: options.id ?? "\(manifest.id)-\(period.description)", plugin: manifest.id, regionCode: manifest.region.code,
            municipality: municipality, period: period, title: heading.title ?? "Дорожная карта — \(municipality)",
            goal: heading.goal, tasks: heading.tasks, activities: rows.activities)
        return Result(roadmap: roadmap, places: rows.places, notices: notices)
    }

    /// Activities as read, with the municipality column's value of each top-level one.
    struct Rows {
        var activities: [Activity] = []
        var municipalities: [String?] = []
        var places: [String: String] = [:]
    }

    private func activities(_ layout: OfficeTableLayout) throws -> Rows {
        let table = layout.table
        var result = Rows()
        var stage: String?
        let numbered = layout.columns.contains { $0.field == "number" }
        for item in layout.items {
            switch item {
            case .section(let row, let text):
                guard let matched = matchStage(text) else {
                    let known = plugin.manifest.stages.map { "«\(OfficeTableLayout.oneLine(($0.number.isEmpty ? "" : $0.number + " ") + $0.title))»" }
                    throw fail(table.place(row: row), "the section row «\(OfficeTableLayout.oneLine(text))» is not a stage of plugin '\(plugin.manifest.id)' (\(known.isEmpty ? "it declares no stages" : "its stages: " + known.joined(separator: ", ")))")
                }
                stage = matched
            case .activity(let rows):
                var activity = Activity(key: "", number: "", stage: stage, title: "")
                var municipality: String?
                for column in layout.columns {
                    let text = rows.map { layout.text(row: $0, column: column) }.filter { !$0.isEmpty }.joined(separator: "\n")
                    let place = table.place(row: rows[0], column: column.grid.lowerBound)
                    let values: [String: [String]]
                    do {
                        values = text.isEmpty ? [:] : try plugin.readCell(column: column.field, text: text)
                    } catch {
                        throw fail(place, "\(error)")
                    }
                    for (field, lines) in values.sorted(by: { $0.key < $1.key }) {
                        try fill(&activity, field: field, values: lines, place: place, municipality: &municipality)
                    }
                }
                guard !activity.title.isEmpty else {
                    // A form's row holding only the region code and municipality loses nothing.
                    if Self.isBlank(activity) { continue }
                    throw fail(table.place(row: rows[0]), "an activity row without the activity's title; if the row continues the one above, merge the two in the document")
                }
                activity.roles = roles(in: activity.responsible)
                let place = table.place(row: rows[0]) + (rows.count > 1 ? " (continued in row\(rows.count > 2 ? "s" : "") \(rows.dropFirst().map { String(table.rows[$0].number) }.joined(separator: ", ")))" : "")
                if numbered, activity.number.isEmpty, var parent = result.activities.popLast() {
                    // An unnumbered row under a numbered one is its sub-activity (Pskov's item 12).
                    activity.key = "\(parent.key).\(parent.children.count + 1)"
                    result.places["activities[\(result.activities.count)].activities[\(parent.children.count)]"] = place
                    parent.children.append(activity)
                    result.activities.append(parent)
                    continue
                }
                if activity.number.isEmpty { activity.number = String(result.activities.count + 1) }
                activity.key = activity.number.hasSuffix(".") ? String(activity.number.dropLast()) : activity.number
                result.places["activities[\(result.activities.count)]"] = place
                result.activities.append(activity)
                result.municipalities.append(municipality)
            }
        }
        return result
    }

    /// Fills a field from a cell.
    private func fill(_ activity: inout Activity, field: String, values: [String], place: String, municipality: inout String?) throws {
        let text = values.joined(separator: "\n")
        func optional() -> String? { text.isEmpty ? nil : text }
        switch field {
        case "number": activity.number = text.trimmingCharacters(in: .whitespacesAndNewlines)
        case "title": activity.title = text
        case "description": activity.description = optional()
        case "timing": activity.schedule = optional().map(Schedule.init)
        case "fact": activity.fact = optional()
        case "responsible": activity.responsible = optional()
        case "audience": activity.audience = optional()
        case "level": activity.level = optional()
        case "indicator": activity.indicator = optional()
        case "report": activity.report = optional()
        case "evidence":
            activity.evidence = values.flatMap { $0.split(separator: "\n") }.map(String.init)
                .filter { !$0.allSatisfy(\.isWhitespace) }.map(Self.evidence)
        case "status":
            guard !text.isEmpty else { return }
            let statuses = plugin.workflow.statuses
            let wanted = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
            guard let status = statuses.first(where: { $0.label.lowercased() == wanted || $0.id.rawValue == wanted }) else {
                throw fail(place, "the status «\(text)» is not one of plugin '\(plugin.manifest.id)' (\(statuses.map { "«\($0.label)»" }.joined(separator: ", ")))")
            }
            activity.status = status.id
        case "region":
            let code = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard code == String(plugin.manifest.region.code) else {
                throw fail(place, "region code \(code) is not plugin '\(plugin.manifest.id)'s region (\(plugin.manifest.region.code))")
            }
        case "municipality": municipality = optional()
        case "skip": return
        default:
            if field.hasPrefix("extra."), !text.isEmpty { activity.extra[String(field.dropFirst(6))] = text }
        }
    }

    /// Whether nothing of an activity's own was read from its row.
    static func isBlank(_ activity: Activity) -> Bool {
        activity.number.isEmpty && activity.title.isEmpty && activity.description == nil && activity.schedule == nil
            && activity.fact == nil && activity.responsible == nil && activity.audience == nil && activity.level == nil
            && activity.indicator == nil && activity.report == nil && activity.evidence.isEmpty && activity.extra.isEmpty
            && activity.status == .planned
    }

    /// Evidence as printed: a link, a document, or «title url».
    static func evidence(_ line: String) -> Evidence {
        let text = line.trimmingCharacters(in: .whitespaces)
        if !Evidence.isLink(text), let range = text.range(of: " http", options: .backwards) {
            let url = String(text[text.index(after: range.lowerBound)...])
            if Evidence.isLink(url), !url.contains(" ") {
                return Evidence(title: String(text[..<range.lowerBound]).trimmingCharacters(in: .whitespaces), url: url)
            }
        }
        return Evidence(parsing: text)
    }

    /// The stage a section row names: by its printed heading, its title, or its number.
    private func matchStage(_ text: String) -> String? {
        let stages = plugin.manifest.stages
        let key = OfficeTableLayout.key(text)
        if let stage = stages.first(where: { OfficeTableLayout.key(($0.number.isEmpty ? "" : $0.number + " ") + $0.title) == key }) { return stage.id }
        if let stage = stages.first(where: { OfficeTableLayout.key($0.title) == key }) { return stage.id }
        let number = text.split(separator: " ").first.map(String.init) ?? ""
        let rest = OfficeTableLayout.key(String(text.dropFirst(number.count)))
        if let stage = stages.first(where: { OfficeTableLayout.key($0.title) == rest }) { return stage.id }
        let bare = number.trimmingCharacters(in: CharacterSet(charactersIn: "."))
        return stages.first { !bare.isEmpty && !rest.isEmpty && $0.number.trimmingCharacters(in: CharacterSet(charactersIn: ".")) == bare && OfficeTableLayout.key($0.title).hasPrefix(rest.prefix(12)) }?.id
    }

    /// The plugin's roles named in a responsible cell, by abbreviation (as a whole word) or full name.
    private func roles(in responsible: String?) -> [String] {
        guard let responsible else { return [] }
        let lower = responsible.lowercased()
        return plugin.manifest.roles.filter { role in
            Self.containsWord(role.abbreviation.lowercased(), in: lower) || lower.contains(role.name.lowercased())
        }.map(\.id)
    }

    static func containsWord(_ word: String, in text: String) -> Bool {
        guard !word.isEmpty else { return false }
        var search = text.startIndex..<text.endIndex
        while let range = text.range(of: word, range: search) {
            let before = range.lowerBound == text.startIndex ? nil : text[text.index(before: range.lowerBound)]
            let after = range.upperBound == text.endIndex ? nil : text[range.upperBound]
            if !(before?.isLetter ?? false), !(after?.isLetter ?? false) { return true }
            search = range.upperBound..<text.endIndex
        }
        return false
    }

    /// The municipality: `--municipality` (keeping only its rows when the table has a
    /// municipality column), or the column's one value.
    private func municipalityName(rows: inout Rows, notices: inout [String]) throws -> String {
        let named = Array(Set(rows.municipalities.compactMap { $0 })).sorted()
        if let wanted = options.municipality {
            guard !named.isEmpty else { return wanted }
            let keep = rows.municipalities.map { $0 == nil || $0 == wanted }
            guard keep.contains(true), named.contains(wanted) else {
                throw fail(nil, "no rows of the municipality «\(wanted)» (the table has: \(named.map { "«\($0)»" }.joined(separator: ", ")))")
            }
            if named.count > 1 {
                notices.append("only the rows of «\(wanted)» were read (\(keep.filter { !$0 }.count) rows of other municipalities left out)")
                var kept = Rows()
                for (index, activity) in rows.activities.enumerated() where keep[index] {
                    for (path, place) in rows.places where path == "activities[\(index)]" || path.hasPrefix("activities[\(index)].") {
                        kept.places["activities[\(kept.activities.count)]" + path.dropFirst("activities[\(index)]".count)] = place
                    }
                    kept.activities.append(activity)
                    kept.municipalities.append(rows.municipalities[index])
                }
                rows = kept
            }
            return wanted
        }
        switch named.count {
        case 0: throw fail(nil, "the document does not name its municipality: give --municipality")
        case 1: return named[0]
        default: throw fail(nil, "rows of \(named.count) municipalities (\(named.map { "«\($0)»" }.joined(separator: ", "))): import one at a time with --municipality")
        }
    }
}
