import Foundation
import KartaPlugins
import KartaTesting
import Testing

/// A table the host validates, and how to reach it: a complete, valid plugin (or report
/// document) that holds it, and where.
struct ValidatedTable: Sendable, CustomTestStringConvertible {
    /// The class the annotations should give it.
    var annotation: String
    /// The Lua expression of the table in `M` (the manifest) or `D` (the document).
    var target: String
    /// Its path in the host's problems (`workflow.transitions[1]`).
    var path: String
    /// Whether it is part of a report document (else of the manifest).
    var inDocument: Bool = false

    var testDescription: String { "\(annotation) at \(path.isEmpty ? "the top" : path)" }

    /// A manifest holding every shape the host validates once.
    static let manifest = """
        local M = {
          id = "demo", version = "1.0.0", api = 1, name = "Демо", calendar = "year",
          region = { code = 60, name = "Псковская область" },
          roles = { { id = "mk", abbr = "МК", name = "Муниципальный координатор", can = { "report" } } },
          stages = { { id = "1", number = "1.", title = "Организационные" } },
          reports = { { id = "r", title = "Отчет", orientation = "portrait", scope = "roadmap", build = function(roadmap) return BUILD(roadmap) end } },
          rules = { { id = "rule", text = "правило", check = function() return true end } },
          schedules = { ["по графику"] = { kind = "deadline", start = "2021-01-01", ["end"] = "2021-10-05", recurrence = "yearly" } },
          school_calendar = { year_start = { "09-01", "09-15" }, year_end = { "05-19", "05-31" }, autumn_holidays = { "10-26", "11-03" },
                              winter_holidays = { "12-29", "01-11" }, spring_holidays = { "03-23", "03-31" }, summer_holidays = { "06-01", "08-31" },
                              quarters = { { "09-01", "10-25" }, { "11-04", "12-28" }, { "01-12", "03-22" }, { "04-01", "05-31" } } },
          workflow = {
            statuses = { { id = "planned", label = "запланировано", class = "not_started" }, { id = "done", label = "выполнено", class = "finished" } },
            transitions = { { id = "finish", label = "выполнить", from = "planned", to = "done", roles = { "mk" }, requires = { "fact" }, due = true,
                              guards = { { id = "guard", text = "условие", check = function() return true end } } } },
          },
          reporting = { { id = "1", title = "Год", start = "01-01", ["end"] = "12-31" } },
          validate = function() return nil end,
          import = { columns = { ["Срок"] = "timing" }, read = { timing = function(cell) return { timing = cell } end } },
        }
        """

    /// A document holding every block, a column, a row table and a chart once.
    static let document = """
        local D = {
          title = "Т", orientation = "portrait",
          blocks = {
            { kind = "heading", text = "Заголовок", level = 1 },
            { kind = "paragraph", text = "Абзац", align = "left", bold = true, italic = false },
            { kind = "approval", label = "УТВЕРЖДАЮ", position = "Директор", name = "И.И. Иванов", date = "01.01.2021" },
            { kind = "signature", label = "Согласовано:", position = "Директор", name = "И.И. Иванов", date = "01.01.2021" },
            { kind = "table", columns = { { id = "n", title = "№", width = 1, align = "center", type = "number" } },
              rows = { { kind = "data", cells = { "1" }, children = { { "2" } } } },
              chart = { title = "Доля", category = "n", value = "n", unit = "%", max = 100 } },
          },
        }
        """

    static let all: [ValidatedTable] = [
        ValidatedTable(annotation: "karta.Manifest", target: "M", path: ""),
        ValidatedTable(annotation: "karta.Region", target: "M.region", path: "region"),
        ValidatedTable(annotation: "karta.Role", target: "M.roles[1]", path: "roles[1]"),
        ValidatedTable(annotation: "karta.Stage", target: "M.stages[1]", path: "stages[1]"),
        ValidatedTable(annotation: "karta.ReportFormat", target: "M.reports[1]", path: "reports[1]"),
        ValidatedTable(annotation: "karta.Rule", target: "M.rules[1]", path: "rules[1]"),
        ValidatedTable(annotation: "karta.ScheduleReading", target: "M.schedules[\"по графику\"]", path: "schedules[\"по графику\"]"),
        ValidatedTable(annotation: "karta.SchoolCalendar", target: "M.school_calendar", path: "school_calendar"),
        ValidatedTable(annotation: "karta.Workflow", target: "M.workflow", path: "workflow"),
        ValidatedTable(annotation: "karta.Status", target: "M.workflow.statuses[2]", path: "workflow.statuses[2]"),
        ValidatedTable(annotation: "karta.Transition", target: "M.workflow.transitions[1]", path: "workflow.transitions[1]"),
        ValidatedTable(annotation: "karta.Rule", target: "M.workflow.transitions[1].guards[1]", path: "workflow.transitions[1].guards[1]"),
        ValidatedTable(annotation: "karta.ReportingStage", target: "M.reporting[1]", path: "reporting[1]"),
        ValidatedTable(annotation: "karta.Import", target: "M.import", path: "import"),
        ValidatedTable(annotation: "karta.Document", target: "D", path: "", inDocument: true),
        ValidatedTable(annotation: "karta.HeadingBlock", target: "D.blocks[1]", path: "blocks[1]", inDocument: true),
        ValidatedTable(annotation: "karta.ParagraphBlock", target: "D.blocks[2]", path: "blocks[2]", inDocument: true),
        ValidatedTable(annotation: "karta.ApprovalBlock", target: "D.blocks[3]", path: "blocks[3]", inDocument: true),
        ValidatedTable(annotation: "karta.SignatureBlock", target: "D.blocks[4]", path: "blocks[4]", inDocument: true),
        ValidatedTable(annotation: "karta.TableBlock", target: "D.blocks[5]", path: "blocks[5]", inDocument: true),
        ValidatedTable(annotation: "karta.Column", target: "D.blocks[5].columns[1]", path: "blocks[5].columns[1]", inDocument: true),
        ValidatedTable(annotation: "karta.Row", target: "D.blocks[5].rows[1]", path: "blocks[5].rows[1]", inDocument: true),
        ValidatedTable(annotation: "karta.Chart", target: "D.blocks[5].chart", path: "blocks[5].chart", inDocument: true),
    ]

    /// The problems the host finds once `change` (Lua statements on `t`, the table) is made;
    /// empty when it accepts the result.
    func problems(after change: String) throws -> [ManifestProblem] {
        let mutate = "local t = \(target)\n\(change)\n"
        let source: String
        if inDocument {
            source = Self.manifest + "\nfunction BUILD(roadmap)\n" + Self.document + "\n" + mutate + "return D\nend\nreturn M\n"
        } else {
            source = "function BUILD() return { blocks = {} } end\n" + Self.manifest + "\n" + mutate + "return M\n"
        }
        let (directory, location) = try makePlugin(source)
        defer { _ = directory }
        do {
            let plugin = try Plugin.load(location)
            guard inDocument else { return [] }
            _ = try plugin.render(report: "r", roadmap: demoRoadmap)
            return []
        } catch {
            switch error.kind {
            case .manifest(let problems) where !inDocument: return problems
            case .output(let problems) where inDocument: return problems
            default: throw error
            }
        }
    }

    /// The path of one of the table's fields in the host's problems.
    func path(of field: String) -> String { path.isEmpty ? field : "\(path).\(field)" }

    /// The first problem the host gives at exactly this path, after `change`.
    func problem(at problemPath: String, after change: String) throws -> String? {
        try problems(after: change).first { $0.path == problemPath }?.message
    }
}

/// The annotations say what the host validates: for every table a plugin declares or
/// returns, every field the host accepts is annotated under the right class, with a type
/// that agrees with what the host refuses, optional exactly when the host does without it,
/// and every enum with the host's values; and nothing is annotated that the host refuses.
/// Everything about the host is learnt from the host itself, by giving it wrong tables and
/// reading its problems, never from the declarations the annotations are made from.
@Suite struct AnnotationDriftTests {
    let annotations = Annotations.generated

    /// The fields the host accepts: those its "unknown field" problem lists.
    static func acceptedFields(_ table: ValidatedTable) throws -> [String] {
        let message = try #require(try table.problem(at: table.path(of: "zz_bogus"), after: "t.zz_bogus = true"),
                                   "the host accepts a field it does not know in \(table.testDescription)")
        let prefix = "unknown field (expected one of: "
        try #require(message.hasPrefix(prefix) && message.hasSuffix(")"), "\(message)")
        return message.dropFirst(prefix.count).dropLast().components(separatedBy: ", ")
    }

    @Test(arguments: ValidatedTable.all)
    func everyAcceptedFieldIsAnnotatedAndNothingElse(_ table: ValidatedTable) throws {
        let accepted = try Self.acceptedFields(table)
        let annotated = try #require(annotations.fields(of: table.annotation), "no ---@class \(table.annotation)")
        for field in accepted {
            #expect(annotated[field] != nil, "\(table.testDescription): the host accepts '\(field)', which has no ---@field in \(table.annotation)")
        }
        for field in annotated.keys where !accepted.contains(field) {
            Issue.record("\(table.testDescription): ---@field \(field) is annotated, but the host refuses it as unknown")
        }
    }

    @Test(arguments: ValidatedTable.all)
    func aFieldIsOptionalExactlyWhenTheHostDoesWithoutIt(_ table: ValidatedTable) throws {
        let annotated = try #require(annotations.fields(of: table.annotation))
        for field in try Self.acceptedFields(table) {
            // Refused when left out: a problem at the field, or at the table as a whole.
            let problems = try table.problems(after: "t[\"\(field)\"] = nil")
            let needed = problems.contains { $0.path == table.path(of: field) || (!table.path.isEmpty && $0.path == table.path) }
            #expect(annotated[field]?.optional == !needed,
                    "\(table.testDescription).\(field): the host \(needed ? "requires" : "does without") it; annotated \(annotated[field].map { "\($0)" } ?? "nowhere")")
        }
    }

    @Test(arguments: ValidatedTable.all)
    func everyFieldsTypeAgreesWithWhatTheHostRefuses(_ table: ValidatedTable) throws {
        let annotated = try #require(annotations.fields(of: table.annotation))
        for field in try Self.acceptedFields(table) {
            guard let type = annotated[field]?.type else { continue }  // reported by the test above
            let name = "\(table.testDescription).\(field) (annotated \(type))"
            if type.hasPrefix("\"") {
                // A block's kind: the one value that selects this shape.
                #expect(try table.problems(after: "t[\"\(field)\"] = \(type)").isEmpty, "\(name)")
                continue
            }
            let at = table.path(of: field)
            var message = try table.problem(at: at, after: "t[\"\(field)\"] = true")
            if message == nil || message!.hasPrefix("expected a string") {
                message = try table.problem(at: at, after: "t[\"\(field)\"] = \"zz_bogus\"") ?? message
            }
            let refusal = try #require(message, "\(name): the host takes both true and a string")
            #expect(agrees(type, with: refusal), "\(name): the host says «\(refusal)»")
            if refusal.hasPrefix("expected a list") {
                // What a list holds: one item of the wrong kind.
                let item = try table.problem(at: "\(at)[1]", after: "t[\"\(field)\"] = { \"zz_bogus\" }")
                let elements = annotations.elements(type)
                if let item, item.hasPrefix("expected one of") || item.hasPrefix("expected a") {
                    #expect(elements.contains { agrees($0, with: item) }, "\(name): an item: the host says «\(item)»")
                } else {
                    #expect(elements.contains("string"), "\(name): the host takes a string item (\(item ?? "no problem")), the annotation does not")
                }
            }
        }
    }

    /// Whether an annotated type allows exactly what the host's refusal of a wrong value implies.
    func agrees(_ type: String, with refusal: String) -> Bool {
        let alternatives = annotations.alternatives(type)
        if refusal.hasPrefix("expected one of ") {
            // The values, 'a', 'b', …, against an alias of the same strings, in the same order.
            let listed = refusal.dropFirst(16).components(separatedBy: ", found ")[0]
            let values = listed.components(separatedBy: ", ").map { String($0.dropFirst().dropLast()) }
            return annotations.enumerations[type] == values
        }
        if refusal.hasPrefix("expected a string") { return alternatives.contains("string") || annotations.enumerations[type] != nil }
        if refusal.hasPrefix("expected an integer") { return alternatives == ["integer"] }
        if refusal.hasPrefix("expected a number") || refusal.hasPrefix("expected a finite number") { return alternatives == ["number"] }
        if refusal.hasPrefix("expected true or false") { return alternatives == ["boolean"] }
        if refusal.hasPrefix("expected a function") { return alternatives.allSatisfy { $0.hasPrefix("fun(") } }
        if refusal.hasPrefix("expected a list") { return alternatives.contains { $0.hasSuffix("[]") } }
        if refusal.hasPrefix("expected a table") || refusal.hasPrefix("expected a row table") { return annotations.isTable(type) }
        // A value of the right kind refused for what it says ('zz_bogus' is no status): a string.
        return alternatives.contains("string")
    }
}
