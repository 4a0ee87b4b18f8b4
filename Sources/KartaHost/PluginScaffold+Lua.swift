import Foundation
import KartaLua

extension PluginScaffold {
    /// The plugin's `plugin.lua`.
    public func luaSource() -> String {
        func q(_ text: String) -> String {
            LuaValue.string(text).luaSource.replacingOccurrences(of: "\u{AD}", with: "\\u{AD}")
        }
        let landscape = columns.count >= 5
        var out = """
        -- \(region.name) (\(region.code)): the municipal roadmap of «500+» and its year-end execution
        -- report. Written by `karta plugin new`; edit it to the region's documents (docs/plugin-authoring.md).
        local report = karta.report

        -- For an editor with LuaLS: types/ (karta plugin types) says what M holds; M is filled in
        -- below, which LuaLS's missing-fields check cannot follow, hence the second line.
        ---@type karta.Manifest
        ---@diagnostic disable-next-line: missing-fields
        local M = {
          id = \(q(id)),
          version = "0.1.0",
          api = 1,
          name = \(q(region.name + " — дорожная карта 500+")),
          region = { code = \(region.code), name = \(q(region.name)) },
          calendar = \(q(calendar.rawValue)),
        }

        -- Roles as the responsible column names them. `abbr` is printed; `name` spells it out;
        -- `can` says what the role may do (plan, report, approve, view). Check each, give the
        -- roles short ids of your own, and remove parties that are not roles.
        M.roles = {

        """
        for (index, role) in roles.enumerated() {
            let can = index == 0 ? "\"plan\", \"report\", \"approve\", \"view\"" : "\"report\""
            out += "  { id = \(q(roleIDs[index])), abbr = \(q(role.abbreviation)), name = \(q(role.name)), can = { \(can) } },\n"
        }
        out += "}\n\n"
        if stages.isEmpty {
            out += "-- The document's table has no section rows.\nM.stages = {}\n\n"
        } else {
            out += "-- Sections of the table, numbered as printed; activities name theirs with `stage`.\nM.stages = {\n"
            for stage in stages {
                let parent = stage.parent.map { ", parent = \(q($0))" } ?? ""
                out += "  { id = \(q(stage.id)), number = \(q(stage.number))\(parent), title = \(q(stage.title)) },\n"
            }
            out += "}\n\n"
        }
        out += "-- The table's columns, titles verbatim from the document.\nlocal plan_columns = {\n"
        for column in columns {
            out += "  { id = \(q(column.id)), title = \(q(column.title))\(column.id == "number" ? ", align = \"center\"" : "") },\n"
        }
        out += "}\n\n-- One row of the table: a cell per column, in the same order.\nlocal function plan_cells(activity)\n  return {\n"
        for column in columns { out += "    \(Self.cell(column.id)),\n" }
        out += "  }\nend\n\n"
        let added = Self.executionColumns.filter { extra in !columns.contains { $0.id == extra.id } }
        out += "-- The year-end execution report: the plan's columns and what was done.\nlocal execution_columns = {}\n"
        out += "for _, column in ipairs(plan_columns) do execution_columns[#execution_columns + 1] = column end\n"
        for column in added { out += "execution_columns[#execution_columns + 1] = { id = \(q(column.id)), title = \(q(column.title)) }\n" }
        out += "\nlocal function execution_cells(activity)\n  local cells = plan_cells(activity)\n"
        for (offset, column) in added.enumerated() {
            out += "  cells[#plan_columns + \(offset + 1)] = \(Self.cell(column.id))\n"
        }
        out += """
          return cells
        end

        -- Title, goal and the table; the roadmap's signatures below it.
        local function document(roadmap, title, columns, cells)
          local blocks = { report.paragraph(title, { align = "center", bold = true }) }
          if roadmap.goal then
            blocks[#blocks + 1] = report.paragraph("Цель: " .. roadmap.goal, { align = "justify" })
          end
          blocks[#blocks + 1] = { kind = "table", columns = columns, rows = report.rows(roadmap, M.stages, cells) }
          report.append(blocks, report.signatures(roadmap, "signature"))
          return blocks
        end

        local function build_plan(roadmap)
          return { title = roadmap.title, blocks = document(roadmap, roadmap.title, plan_columns, plan_cells) }
        end

        local function build_execution(roadmap)
          local title = "Отчет о выполнении: " .. roadmap.title
          return { title = title, blocks = document(roadmap, title, execution_columns, execution_cells) }
        end

        M.reports = {
          { id = "plan", title = \(q(documentTitle)), orientation = "\(landscape ? "landscape" : "portrait")", build = build_plan },
          { id = "execution", title = "Отчет о выполнении дорожной карты", orientation = "landscape", build = build_execution },
        }

        """
        let extras = columns.filter { $0.id.hasPrefix("extra_") }
        if !extras.isEmpty {
            out += "-- Reading the document back (karta import): columns that print no activity field of\n-- their own are kept in the activity's `extra`.\nM.import = {\n  columns = {\n"
            for column in extras { out += "    [\(q(column.title))] = \(q("extra." + column.id)),\n" }
            out += "  },\n}\n\n"
        }
        out += "return M\n"
        return out
    }

    /// Role ids: the abbreviation in Latin letters (`УО` → `uo`), unique, `role_<n>` when nothing is left.
    public var roleIDs: [String] {
        var ids: [String] = []
        for (index, role) in roles.enumerated() {
            var id = ""
            for character in role.abbreviation.lowercased() {
                if let latin = Self.latin[character] { id += latin } else if character.isASCII, character.isLetter || character.isNumber { id.append(character) } else if !id.hasSuffix("_") { id += "_" }
            }
            id = String(id.trimmingCharacters(in: CharacterSet(charactersIn: "_")).prefix(32))
            if id.isEmpty || id.first?.isNumber == true || ids.contains(id) { id = "role_\(index + 1)" }
            ids.append(id)
        }
        return ids
    }

    /// Russian letters in Latin, as ids spell them.
    static let latin: [Character: String] = [
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i", "й": "i",
        "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f",
        "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia",
    ]

    /// What the execution report adds to the plan's columns.
    static let executionColumns = [
        Column(id: "status", title: "Отметка о выполнении"), Column(id: "fact", title: "Дата выполнения"),
        Column(id: "report", title: "Отчетная информация"), Column(id: "evidence", title: "Подтверждающие документы"),
    ]

    /// The Lua expression printing a column's cell.
    static func cell(_ id: String) -> String {
        switch id {
        case "evidence": "report.evidence(activity)"
        case "status": "activity.status_text"
        case "timing": "activity.timing"
        case let extra where extra.hasPrefix("extra_"): "activity.extra.\(extra)"
        default: "activity.\(id)"
        }
    }
}
