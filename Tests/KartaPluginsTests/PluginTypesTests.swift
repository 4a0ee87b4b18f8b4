import Foundation
import KartaCore
import KartaPlugins
import KartaTesting
import Testing

/// The annotation files `karta plugin types` writes: valid Lua, in LuaLS's documented format,
/// and in step with what the host gives a plugin — the roadmap and everything in it, the
/// change a rule checks, the `karta` table and the globals of spec files, each learnt from
/// the host by letting a plugin list what it was given.
@Suite struct PluginTypesTests {
    let annotations = Annotations.generated

    @Test func everyFileIsValidLua() throws {
        let luac = "/usr/bin/luac5.4"
        try #require(FileManager.default.isExecutableFile(atPath: luac), "luac5.4 is missing: scripts/install-deps.sh test installs lua5.4")
        let directory = try TemporaryDirectory()
        let paths = try PluginTypes.files.map { try directory.write($0.name, $0.text) }
        #expect(paths.count == 5)
        // One file a run: Debian's luac5.4 (5.4.4) frees twice when given several.
        for path in paths {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: luac)
            process.arguments = ["-p", path]
            let errors = Pipe()
            process.standardError = errors
            try process.run()
            process.waitUntilExit()
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(process.terminationStatus == 0, "\(message)")
        }
    }

    /// Each file is a LuaLS definition file (`---@meta`, first line) of the annotations LuaLS
    /// documents, each written as its syntax says: `---@field name type description`,
    /// `---@param name[?] type description`, `---@return type # description`, `---| '"value"' # description`.
    @Test func everyLineIsADocumentedAnnotation() {
        let tags = ["---@meta", "---@class ", "---@field ", "---@alias ", "---@param ", "---@return ", "---@overload fun("]
        for file in PluginTypes.files {
            let lines = file.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            #expect(lines.first == "---@meta _", "\(file.name)")
            for (number, line) in lines.enumerated() {
                let place = "\(file.name):\(number + 1): \(line)"
                if line.hasPrefix("---@") {
                    #expect(tags.contains { line.hasPrefix($0) }, "\(place)")
                } else if line.hasPrefix("---|") {
                    #expect(line.range(of: #"^---\| '"[a-z_]+"' # \S"#, options: .regularExpression) != nil, "\(place)")
                } else if line.hasPrefix("---") {
                    #expect(line == "---" || line.dropFirst(3).first?.isUppercase == true || line.dropFirst(3).first == "«", "\(place)")
                } else if !line.isEmpty && !line.hasPrefix("-- ") {
                    #expect(line.hasSuffix(" = {}") || (line.hasPrefix("function ") && line.hasSuffix(") end")), "\(place)")
                }
                for tag in ["---@field ", "---@param "] where line.hasPrefix(tag) {
                    let rest = line.dropFirst(tag.count)
                    let (type, description) = Annotations.splitType(String(rest.drop { $0 != " " }.dropFirst()))
                    #expect(!type.isEmpty && description.contains("<br>"), "\(place): a type, then English<br>Russian")
                    #expect(description.first?.isLetter == true || description.first?.isNumber == true || description.first == "\"",
                            "\(place): a description must not start with what LuaLS would read as part of the type")
                }
                if line.hasPrefix("---@return ") { #expect(line.contains(" # "), "\(place)") }
            }
        }
    }

    /// Every type of Karta's an annotation names is declared by the files.
    @Test func everyTypeNamedIsDeclared() {
        let declared = Set(annotations.classes.keys).union(annotations.enumerations.keys).union(annotations.aliases.keys)
        let text = PluginTypes.files.map(\.text).joined(separator: "\n")
        let names = text.split(separator: "\n").filter { $0.hasPrefix("---@field ") || $0.hasPrefix("---@param ") || $0.hasPrefix("---@return ") }
            .flatMap { line -> [String] in
                let rest = line.split(separator: " ", maxSplits: line.hasPrefix("---@return ") ? 1 : 2).last.map(String.init) ?? ""
                let type = Annotations.splitType(rest).type
                return type.components(separatedBy: CharacterSet(charactersIn: "()[]<>{},|?: ")).filter { $0.first?.isLetter == true }
            }
        #expect(names.contains("karta.Roadmap"))
        for name in Set(names) where name.hasPrefix("karta.") {
            #expect(declared.contains(name), "\(name) is named but not declared")
        }
    }

    /// Lua that lists a table's keys with the kind of each value: `id:string tasks:list …`.
    static let lister = """
        local function kind(v)
          if type(v) == "number" then return math.type(v) end
          if type(v) ~= "table" then return type(v) end
          if next(v) == nil then return "empty" end
          if v[1] ~= nil then return "list" end
          return "table"
        end
        local function keys(t)
          local out = {}
          for k, v in pairs(t) do out[#out + 1] = k .. ":" .. kind(v) end
          table.sort(out)
          return table.concat(out, " ")
        end
        """

    /// Whether a value of this kind (as `lister` names it) fits an annotated type.
    func fits(_ kind: String, _ type: String) -> Bool {
        let alternatives = annotations.alternatives(type)
        switch kind {
        case "string": return alternatives.contains("string") || alternatives.contains { annotations.enumerations[$0] != nil }
        case "integer": return alternatives.contains("integer") || alternatives.contains("number")
        case "number": return alternatives.contains("number")
        case "boolean": return alternatives.contains("boolean")
        case "function": return alternatives.contains { $0.hasPrefix("fun(") }
        case "list": return alternatives.contains { $0.hasSuffix("[]") }
        case "table", "empty": return annotations.isTable(type)
        default: return false
        }
    }

    /// Compares what the host gave (`key:kind` words) with a class: every key annotated with a
    /// type that fits; with `complete`, every annotated field given; every field left out optional.
    func check(_ listed: String, against name: String, complete: Bool, _ context: String) {
        guard let fields = annotations.fields(of: name) else {
            Issue.record("\(context): no ---@class \(name)")
            return
        }
        var given: Set<String> = []
        for word in listed.split(separator: " ") {
            let parts = word.split(separator: ":").map(String.init)
            given.insert(parts[0])
            guard let field = fields[parts[0]] else {
                Issue.record("\(context): the host gives \(name).\(parts[0]) (\(parts[1])), which has no ---@field")
                continue
            }
            #expect(fits(parts[1], field.type), "\(context): \(name).\(parts[0]) is \(parts[1]), annotated \(field.type)")
        }
        for (field, annotation) in fields where !given.contains(field) {
            #expect(!complete, "\(context): \(name).\(field) is annotated, but the host gives no such field")
            #expect(annotation.optional, "\(context): \(name).\(field) is annotated as always given, but the host left it out")
        }
    }

    /// The tables a report's `build` receives, and the `karta` table, listed by a report.
    static let listingPlugin = validPlugin.replacingOccurrences(of: "M.reports = {", with: """
        \(lister)
        local function list(roadmap)
          local a = roadmap.activities[1]
          local tables = {
            { "karta.Roadmap", roadmap }, { "karta.RoadmapRegion", roadmap.region }, { "karta.Approval", roadmap.approval },
            { "karta.RoadmapSignature", roadmap.signatures[1] }, { "karta.Reporting", roadmap.reporting },
            { "karta.Activity", a }, { "karta.Activity", a.activities[1] }, { "karta.Evidence", a.evidence[1] },
            { "karta", karta }, { "karta.text", karta.text }, { "karta.report", karta.report }, { "karta.rollup", karta.rollup },
          }
          local rows = {}
          for _, entry in ipairs(tables) do
            if entry[2] ~= nil then rows[#rows + 1] = { entry[1], keys(entry[2]) } end
          end
          return { blocks = { { kind = "table", columns = { { id = "class", title = "class" }, { id = "keys", title = "keys" } }, rows = rows } } }
        end
        M.reports = { { id = "list", title = "Список", build = list },
        """)

    /// An activity with every optional field filled.
    static func fullActivity(_ key: String, children: [Activity] = []) -> Activity {
        Activity(
            key: key, number: key + ".", stage: "1", title: "Первое", description: "описание", schedule: Schedule("до 31.03.2021"),
            fact: "14.03.2021", responsible: "МК", roles: ["mk"], audience: "ОО", level: "РП", indicator: "показатель", status: .done,
            report: "отчет", evidence: [Evidence(title: "Приказ", url: "https://example.org/1", file: "prikaz.pdf")], extra: ["note": "x"],
            children: children)
    }

    /// A roadmap with every optional field filled, and one with none.
    static let full = Roadmap(
        id: "demo-2021", plugin: "demo", regionCode: 60, municipality: "Псков", period: .year(2021), title: "Дорожная карта",
        subtitle: "подзаголовок", goal: "цель", tasks: ["задача"], approval: Approval(by: "Управление", number: "1", date: "2021-02-26"),
        blocks: ["preface": "Текст"], signatures: [Signature(kind: .approval, label: "УТВЕРЖДАЮ", position: "Начальник", name: "И.И. Иванов", date: "01.03.2021")],
        extra: ["note": "примечание"],
        activities: [fullActivity("1.1", children: [fullActivity("1.1.1", children: [Activity(key: "1.1.1.1", number: "", title: "Третье")])])])
    static let bare = Roadmap(
        id: "demo-2021", plugin: "demo", regionCode: 60, municipality: "Псков", period: .schoolYear(startYear: 2021), title: "T",
        approval: Approval(by: "Управление"), signatures: [Signature(kind: .signature, position: "Начальник", name: "И.И. Иванов")],
        activities: [Activity(key: "1", number: "1", title: "Первое", evidence: [Evidence(title: "Приказ")])])

    @Test func theTablesAReportReceivesAreAnnotated() throws {
        let (directory, location) = try makePlugin(Self.listingPlugin)
        defer { _ = directory }
        let plugin = try Plugin.load(location)
        let stage = ReportingPeriod(id: "2", title: "Второе полугодие", start: MonthDay(month: 7, day: 1)!, end: MonthDay(month: 12, day: 31)!)
        for (roadmap, complete) in [(Self.full, true), (Self.bare, false)] {
            let document = try plugin.render(report: "list", roadmap: roadmap, reporting: complete ? stage : nil)
            let rows = try #require(document.tables.first?.rows)
            #expect(rows.count == (complete ? 12 : 10), "\(rows.map(\.cells))")
            for row in rows {
                if ["karta", "karta.text", "karta.report", "karta.rollup"].contains(row.cells[0]) {
                    checkAPI(row.cells[0], listed: row.cells[1])
                } else {
                    check(row.cells[1], against: row.cells[0], complete: complete, complete ? "every field filled" : "no optional field filled")
                }
            }
        }
    }

    /// The tables a region report's `build(roadmaps, figures, context)` receives.
    @Test func theTablesARegionReportReceivesAreAnnotated() throws {
        let source = validPlugin.replacingOccurrences(of: "M.reports = {", with: """
            \(Self.lister)
            local function list(roadmaps, figures, context)
              local f = figures[1]
              local tables = {
                { "karta.Roadmap", roadmaps[1] }, { "karta.Figures", f }, { "karta.StageFigures", f.stages[1] },
                { "karta.RegionContext", context }, { "karta.Region", context.region }, { "karta.rollup", karta.rollup },
              }
              local rows = {}
              for _, entry in ipairs(tables) do rows[#rows + 1] = { entry[1], keys(entry[2]) } end
              return { blocks = { { kind = "table", columns = { { id = "class", title = "class" }, { id = "keys", title = "keys" } }, rows = rows } } }
            end
            M.reports = { { id = "list", title = "Список", scope = "region", build = list },
            """)
        let (directory, location) = try makePlugin(source)
        defer { _ = directory }
        let plugin = try Plugin.load(location)
        let day = CalendarDate(year: 2021, month: 12, day: 31)!
        let workflows = [plugin.workflow, Workflow(
            statuses: [WorkflowStatus(id: Status("planned"), label: "запланировано", kind: .notStarted),
                       WorkflowStatus(id: Status("review"), label: "на проверке", kind: .inProgress),
                       WorkflowStatus(id: Status("done"), label: "выполнено", kind: .finished)],
            transitions: [Transition(id: "report", label: "сдать", from: [Status("planned")], to: Status("review"), roles: ["mk"]),
                          Transition(id: "accept", label: "принять", from: [Status("review")], to: Status("done"), roles: ["department"])])]
        for (workflow, complete) in [(workflows[1], true), (workflows[0], false)] {
            let figures = RoadmapFigures(roadmap: Self.full, stages: plugin.manifest.stages, workflow: workflow, asOf: day,
                                         parser: plugin.scheduleParser(period: Self.full.period))
            #expect((figures.review != nil) == complete)
            let document = try plugin.renderRegion(report: "list", roadmaps: [Self.full], figures: [figures],
                                                   context: RegionReportContext(asOf: day, period: "2021"))
            for row in try #require(document.tables.first?.rows) {
                if row.cells[0] == "karta.rollup" {
                    checkAPI("karta.rollup", listed: row.cells[1])
                } else {
                    // The roadmap of a region report has no reporting stage; the figures' review needs a review status.
                    let partial = row.cells[0] == "karta.Roadmap" || (!complete && row.cells[0] == "karta.Figures")
                    check(row.cells[1], against: row.cells[0], complete: !partial,
                          complete ? "a workflow with review" : "the standard workflow")
                }
            }
        }
    }

    /// `karta` and its namespaces: values are fields of `karta.API`, functions are stubs
    /// (`function karta.text.join(items, separator) end`), tables are `karta.text = {}`.
    func checkAPI(_ path: String, listed: String) {
        var given: Set<String> = []
        let fields = annotations.fields(of: "karta.API") ?? [:]
        for word in listed.split(separator: " ") {
            let parts = word.split(separator: ":").map(String.init)
            let name = "\(path).\(parts[0])"
            given.insert(name)
            switch parts[1] {
            case "function": #expect(annotations.functions[name] != nil, "\(name) is a function of the host without a stub")
            case "table": #expect(annotations.tables.contains(name), "\(name) is a table of the host without `\(name) = {}`")
            default:
                if path == "karta", let field = fields[parts[0]] {
                    #expect(fits(parts[1], field.type), "\(name) is \(parts[1]), annotated \(field.type)")
                } else {
                    Issue.record("\(name) (\(parts[1])) is not annotated")
                }
            }
        }
        let declared = annotations.functions.keys.filter { $0.hasPrefix(path + ".") && !$0.dropFirst(path.count + 1).contains(".") }
            + annotations.tables.filter { $0.hasPrefix(path + ".") && !$0.dropFirst(path.count + 1).contains(".") }
            + (path == "karta" ? fields.keys.map { "karta.\($0)" } : [])
        for name in declared where !given.contains(name) {
            Issue.record("\(name) is annotated, but the host's \(path) has no such key")
        }
    }

    /// The parameters of each stub are named as the prelude's functions name them.
    @Test func theStubsNameTheirParametersAsThePreludeDoes() throws {
        let prelude = Plugin.preludeSource
        let pattern = try NSRegularExpression(pattern: #"^function (text\.|report\.|rollup\.)?(\w+)\(([^)]*)\)"#, options: .anchorsMatchLines)
        let matches = pattern.matches(in: prelude, range: NSRange(prelude.startIndex..., in: prelude))
        #expect(matches.count == 15)
        for match in matches {
            let namespace = Range(match.range(at: 1), in: prelude).map { "karta." + prelude[$0] } ?? ""
            let name = namespace + prelude[Range(match.range(at: 2), in: prelude)!]
            let parameters = prelude[Range(match.range(at: 3), in: prelude)!].components(separatedBy: ", ")
            #expect(annotations.functions[name] == parameters, "\(name)(\(parameters.joined(separator: ", "))) is annotated \(annotations.functions[name].map { "(\($0.joined(separator: ", ")))" } ?? "nowhere")")
        }
    }

    @Test func theChangeARuleChecksIsAnnotated() throws {
        let source = validPlugin.replacingOccurrences(of: "\nreturn M", with: """

            \(Self.lister)
            M.rules = { { id = "list", text = "list", check = function(change) return keys(change) end } }
            return M
            """)
        let (directory, location) = try makePlugin(source)
        defer { _ = directory }
        let plugin = try Plugin.load(location)
        let before = demoRoadmap.activities[0]
        let changes = [
            (ActivityChange(move: "done", fact: "14.03.2021", report: "проведено", evidence: [Evidence(title: "Приказ")], reason: "в срок",
                            actor: Actor(role: "МК", name: "Иванова И.И.")), true),
            (ActivityChange(fact: "14.03.2021", actor: Actor(role: "МК")), false),
        ]
        for (change, complete) in changes {
            do {
                _ = try plugin.resolve(change, roadmap: demoRoadmap, before: before)
                Issue.record("the listing rule refuses every change")
            } catch let refusal as RuleRefusal {
                check(refusal.message, against: "karta.Change", complete: complete, complete ? "a move with every field" : "fields only")
            }
        }
    }

    @Test func theGlobalsOfSpecsAreAnnotated() throws {
        let spec = """
            \(Self.lister)
            it("lists", function()
              error("assert=" .. keys(assert) .. ";spec=" .. keys(spec) .. ";describe=" .. type(describe) .. ";it=" .. type(it), 0)
            end)
            """
        let (directory, location) = try makePlugin(validPlugin, extra: ["spec/list_spec.lua": spec])
        defer { _ = directory }
        let plugin = try Plugin.load(location)
        let result = plugin.runSpec(try #require(plugin.specFiles.first)) { _ in demoRoadmap }
        let message = try #require(result.failures.first?.message)
        var parts: [String: String] = [:]
        for part in message.split(separator: ";") {
            let pair = part.split(separator: "=", maxSplits: 1).map(String.init)
            parts[pair[0]] = pair.count > 1 ? pair[1] : ""
        }
        #expect(parts["describe"] == "function" && annotations.functions["describe"] == ["name", "fn"])
        #expect(parts["it"] == "function" && annotations.functions["it"] == ["name", "fn"])
        let checks = (parts["assert"] ?? "").split(separator: " ").map { "assert." + $0.prefix { $0 != ":" } }
        #expect(Set(checks) == Set(annotations.functions.keys.filter { $0.hasPrefix("assert.") }), "the host's assert has \(checks)")
        #expect(annotations.tables.contains("assert") && annotations.tables.contains("spec"))
        check(parts["spec"] ?? "", against: "karta.Spec", complete: true, "a spec file's globals")
    }
}
