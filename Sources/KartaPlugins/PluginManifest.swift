import Foundation
public import KartaCore
import KartaLua
public import KartaReports

/// The host API version this build provides to plugins (`karta.api_version`).
public let kartaHostAPIVersion = 1
/// Karta's own version (`karta.version`).
public let kartaVersion = "0.1.0"

/// What a plugin declares in the table its `plugin.lua` returns, checked by the host
/// before any of its functions runs.
public struct PluginManifest: Sendable {
    /// Plugin id: equals its folder name (`pskov`).
    public var id: String
    /// The plugin's own version (`1.0.0`).
    public var version: String
    /// The host API version it needs.
    public var api: Int
    /// Human name («Псков — отчет по дорожной карте 500+»).
    public var name: String
    /// The region it serves.
    public var region: Region
    /// How the region counts its periods.
    public var calendar: CalendarKind
    /// Roles and abbreviations, as the region's documents print them.
    public var roles: [Role]
    /// Stages: sections, sub-sections or phases.
    public var stages: [Stage]
    /// Report formats over one roadmap (`scope = "roadmap"`, the default), in declaration order.
    public var reports: [ReportFormatDeclaration]
    /// Report formats over the whole region (`scope = "region"`), in declaration order: `karta rollup`.
    public var regionReports: [ReportFormatDeclaration] = []
    /// The region's rules for changes to activities, checked before anything is stored.
    public var rules: [RuleDeclaration] = []
    /// Timing phrases of the region's own, read before the built-in vocabulary.
    public var schedules: [String: ScheduleInterpretation] = [:]
    /// The region's school calendar, which school-year landmarks and quarters are read with.
    public var schoolCalendar = SchoolCalendar.default
    /// Statuses and transitions, with their guards.
    public var workflow: WorkflowDeclaration
    /// Reporting stages within a roadmap's period, in order.
    public var reporting: [ReportingPeriod]
    /// `validate(roadmap)`: the region's own checks of a roadmap at import.
    var validate: LuaFunctionRef?
    /// How its documents are read back from Word and Excel (`import`).
    public var importing = ImportDeclaration()
}

/// A region rule: a Lua function that may refuse a change to an activity.
public struct RuleDeclaration: Sendable {
    /// Id printed in a refusal (`done-needs-evidence`).
    public var id: String
    /// What the rule demands, in the region's words.
    public var text: String
    /// The Lua function `check(change, activity, roadmap)`.
    var check: LuaFunctionRef
}

/// How a region counts its roadmap periods.
public enum CalendarKind: String, Sendable, CaseIterable {
    /// January–December.
    case year
    /// September–August.
    case schoolYear = "school_year"
}

/// A report format a plugin offers.
public struct ReportFormatDeclaration: Sendable {
    /// Id used on the command line and in file names (`execution`).
    public var id: String
    /// Title shown in listings.
    public var title: String
    /// Page orientation the document asks for.
    public var orientation: Orientation
    /// What the report is built over: one roadmap, or every roadmap of the region.
    public var scope: ReportScope = .roadmap
    /// The Lua function `build(roadmap)` (a region report: `build(roadmaps, figures, context)`)
    /// that returns the report document.
    var build: LuaFunctionRef
}

/// What a report format is built over (`scope` of a report format).
public enum ReportScope: String, Sendable, CaseIterable {
    /// One roadmap: `build(roadmap)`; `karta report`.
    case roadmap
    /// Every roadmap of the region: `build(roadmaps, figures, context)`; `karta rollup`.
    case region
}

extension PluginManifest {
    /// Checks and decodes the table `plugin.lua` returned.
    ///
    /// - Parameter folder: the plugin's folder name, which `id` must equal.
    /// - Returns: the manifest, or every problem found, keyed by path.
    static func decode(_ value: LuaValue, folder: String) -> Result<PluginManifest, ProblemList> {
        var reader = LuaReader()
        guard let table = reader.table(value, "", shape: .manifest) else {
            return .failure(ProblemList([ManifestProblem(path: "", message: "plugin.lua must return a table, found \(value.typeName)")]))
        }
        let id = reader.string(table["id"], "id", required: true)
        if let id, id != folder {
            reader.fail("id", "'\(id)' does not match the plugin's folder name '\(folder)'")
        }
        let version = reader.string(table["version"], "version", required: true)
        let api = reader.integer(table["api"], "api", required: true)
        if let api, api != kartaHostAPIVersion {
            reader.fail("api", "plugin needs host API version \(api); this Karta provides version \(kartaHostAPIVersion)")
        }
        let name = reader.string(table["name"], "name") ?? folder
        var region: Region?
        if let regionTable = reader.table(table["region"], "region", shape: .region) {
            let code = reader.integer(regionTable["code"], "region.code", required: true)
            if let code, !(1...999).contains(code) { reader.fail("region.code", "\(code) is not a region code") }
            let regionName = reader.string(regionTable["name"], "region.name", required: true)
            if let code, let regionName { region = Region(code: code, name: regionName) }
        }
        let calendar = table["calendar"] == .nil
            ? CalendarKind.year
            : reader.oneOf(table["calendar"], "calendar", CalendarKind.self)

        let roles = decodeRoles(table["roles"], reader: &reader)
        let stages = decodeStages(table["stages"], reader: &reader)
        let declared = decodeReports(table["reports"], reader: &reader)
        let reports = declared.filter { $0.scope == .roadmap }
        if !declared.isEmpty, reports.isEmpty {
            reader.fail("reports", "declare at least one report format over a roadmap (scope = \"roadmap\", the default) besides the region's")
        }
        let rules = decodeRules(table["rules"], path: "rules", reader: &reader)
        let schedules = decodeSchedules(table["schedules"], reader: &reader)
        let schoolCalendar = decodeSchoolCalendar(table["school_calendar"], reader: &reader)
        let workflow = decodeWorkflow(table["workflow"], roles: roles, reader: &reader)
        let reporting = decodeReporting(table["reporting"], calendar: calendar, reader: &reader)
        let validate = reader.function(table["validate"], "validate")
        let importing = decodeImport(table["import"], reader: &reader)

        guard reader.problems.isEmpty, let id, let version, let api, let region, let calendar else {
            return .failure(ProblemList(reader.problems))
        }
        return .success(PluginManifest(
            id: id, version: version, api: api, name: name, region: region, calendar: calendar, roles: roles,
            stages: stages, reports: reports, regionReports: declared.filter { $0.scope == .region }, rules: rules, schedules: schedules, schoolCalendar: schoolCalendar, workflow: workflow,
            reporting: reporting, validate: validate, importing: importing))
    }

    private static func decodeRoles(_ value: LuaValue, reader: inout LuaReader) -> [Role] {
        var roles: [Role] = []
        var seen: [String: String] = [:]
        for (index, item) in reader.list(value, "roles", required: true).enumerated() {
            let path = "roles[\(index + 1)]"
            guard let table = reader.table(item, path, shape: .role) else { continue }
            let id = reader.string(table["id"], "\(path).id", required: true)
            let abbreviation = reader.string(table["abbr"], "\(path).abbr", required: true)
            let name = reader.string(table["name"], "\(path).name", required: true)
            var permissions: Set<Permission> = []
            for (position, permission) in reader.list(table["can"], "\(path).can").enumerated() {
                if let parsed = reader.oneOf(permission, "\(path).can[\(position + 1)]", Permission.self) {
                    permissions.insert(parsed)
                }
            }
            if let id {
                if !isIdentifier(id) { reader.fail("\(path).id", "'\(id)' is not an identifier (1–64 of a-z, 0-9, _)") }
                if let first = seen[id] { reader.fail("\(path).id", "duplicate role id '\(id)' (first at \(first))") }
                seen[id] = path
            }
            if let id, let abbreviation, let name {
                roles.append(Role(id: id, abbreviation: abbreviation, name: name, permissions: permissions))
            }
        }
        return roles
    }

    private static func decodeStages(_ value: LuaValue, reader: inout LuaReader) -> [Stage] {
        var stages: [Stage] = []
        var seen: [String: String] = [:]
        for (index, item) in reader.list(value, "stages").enumerated() {
            let path = "stages[\(index + 1)]"
            guard let table = reader.table(item, path, shape: .stage) else { continue }
            let id = reader.string(table["id"], "\(path).id", required: true)
            let number = reader.string(table["number"], "\(path).number") ?? ""
            let title = reader.string(table["title"], "\(path).title", required: true)
            let parent = reader.string(table["parent"], "\(path).parent")
            if let id {
                if let first = seen[id] { reader.fail("\(path).id", "duplicate stage id '\(id)' (first at \(first))") }
                seen[id] = path
            }
            if let parent, seen[parent] == nil {
                reader.fail("\(path).parent", "unknown stage '\(parent)' (a parent must be declared before its sub-stages)")
            }
            if let id, let title {
                stages.append(Stage(id: id, number: number, title: title, parent: parent))
            }
        }
        return stages
    }

    private static func decodeReports(_ value: LuaValue, reader: inout LuaReader) -> [ReportFormatDeclaration] {
        var reports: [ReportFormatDeclaration] = []
        var seen: [String: String] = [:]
        let items = reader.list(value, "reports", required: true)
        if items.isEmpty, value != .nil { reader.fail("reports", "a plugin must declare at least one report format") }
        for (index, item) in items.enumerated() {
            let path = "reports[\(index + 1)]"
            guard let table = reader.table(item, path, shape: .reportFormat) else { continue }
            let id = reader.string(table["id"], "\(path).id", required: true)
            let title = reader.string(table["title"], "\(path).title", required: true)
            let orientation = table["orientation"] == .nil
                ? Orientation.portrait
                : reader.oneOf(table["orientation"], "\(path).orientation", Orientation.self)
            let scope = table["scope"] == .nil ? ReportScope.roadmap : reader.oneOf(table["scope"], "\(path).scope", ReportScope.self)
            let build = reader.function(table["build"], "\(path).build", required: true)
            if let id {
                if !isIdentifier(id.replacingOccurrences(of: "-", with: "_")) {
                    reader.fail("\(path).id", "'\(id)' is not an identifier (1–64 of a-z, 0-9, _ and -)")
                }
                // A roadmap's report and the region's may share an id: `karta report` and `karta rollup` name them apart.
                let key = "\(scope?.rawValue ?? ""):\(id)"
                if let first = seen[key] { reader.fail("\(path).id", "duplicate report id '\(id)' (first at \(first))") }
                seen[key] = path
            }
            if let id, let title, let orientation, let scope, let build {
                reports.append(ReportFormatDeclaration(id: id, title: title, orientation: orientation, scope: scope, build: build))
            }
        }
        return reports
    }

    /// A list of rules or guards: `{ { id, text, check = function(change, activity, roadmap) } }`.
    static func decodeRules(_ value: LuaValue, path list: String, reader: inout LuaReader) -> [RuleDeclaration] {
        var rules: [RuleDeclaration] = []
        var seen: Set<String> = []
        for (index, item) in reader.list(value, list).enumerated() {
            let path = "\(list)[\(index + 1)]"
            guard let table = reader.table(item, path, shape: .rule) else { continue }
            let id = reader.string(table["id"], "\(path).id", required: true)
            let text = reader.string(table["text"], "\(path).text", required: true)
            let check = reader.function(table["check"], "\(path).check", required: true)
            if let id, !seen.insert(id).inserted { reader.fail("\(path).id", "duplicate rule id '\(id)'") }
            if let id, let text, let check { rules.append(RuleDeclaration(id: id, text: text, check: check)) }
        }
        return rules
    }

    /// `schedules = { ["по графику ИРО"] = { kind = "external" }, ["в каникулы"] = { kind = "recurring", recurrence = "school holidays" } }`;
    /// `start` and `end` are `YYYY-MM-DD` when the phrase names fixed days.
    private static func decodeSchedules(_ value: LuaValue, reader: inout LuaReader) -> [String: ScheduleInterpretation] {
        guard value != .nil, let table = reader.table(value, "schedules") else { return [:] }
        if !table.sequence.isEmpty || !table.otherEntries.isEmpty {
            reader.fail("schedules", "expected phrases as keys: { [\"по графику ИРО\"] = { kind = \"external\" } }")
        }
        var result: [String: ScheduleInterpretation] = [:]
        for (phrase, item) in table.fields.sorted(by: { $0.key < $1.key }) {
            let path = "schedules[\"\(phrase)\"]"
            guard let fields = reader.table(item, path, shape: .scheduleReading) else { continue }
            let kind = reader.oneOf(fields["kind"], "\(path).kind", ScheduleInterpretation.Kind.self, required: true)
            func date(_ key: String) -> CalendarDate? {
                guard let text = reader.string(fields[key], "\(path).\(key)") else { return nil }
                guard let date = CalendarDate(iso: text) else {
                    reader.fail("\(path).\(key)", "'\(text)' is not a date YYYY-MM-DD")
                    return nil
                }
                return date
            }
            let start = date("start")
            let end = date("end")
            let recurrence = reader.string(fields["recurrence"], "\(path).recurrence")
            if let kind { result[phrase] = ScheduleInterpretation(kind: kind, start: start, end: end, recurrence: recurrence) }
        }
        return result
    }

    /// 1–64 of `a-z`, `0-9`, `_`: ids become parts of file names (`<roadmap>.<report>.xlsx`),
    /// which must stay far below a file system's 255 bytes.
    static func isIdentifier(_ text: String) -> Bool {
        (1...64).contains(text.utf8.count) && text.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 95 }
    }
}
