import Foundation
import KartaCore
public import KartaPlugins

/// How serious a finding of `karta plugin doctor` is, as Neovim's `:checkhealth` says it.
public enum DoctorLevel: String, Sendable, Hashable, Codable {
    /// The check passed.
    case ok = "OK"
    /// Something the author should look at; nothing fails because of it yet.
    case warning = "WARNING"
    /// Something that fails: the plugin does not load, `karta plugin test` fails.
    case error = "ERROR"
}

/// The checks of `karta plugin doctor`, in the order it runs them.
public enum DoctorCheck: String, Sendable, Hashable, Codable, CaseIterable {
    /// The plugin loads: `plugin.lua` runs and its declarations are valid.
    case load
    /// The host API version the plugin was written for.
    case api
    /// The region's roadmaps in `regions/<id>/`.
    case fixtures
    /// The goldens in `regions/<id>/expected/`, present and up to date.
    case goldens
    /// Roles declared but named by no fixture activity and acting in no spec.
    case roles
    /// Stages declared but named by no fixture activity.
    case stages
    /// Timing phrases of the fixtures the host does not understand.
    case timing
    /// Workflow transitions no spec or fixture exercises.
    case workflow
    /// The plugin's specs, `plugins/<id>/spec/*_spec.lua`.
    case specs
    /// luacheck's warnings on the plugin's Lua.
    case luacheck
}

/// One finding: what was checked, how it stands, and what to do about it.
public struct DoctorFinding: Sendable, Hashable, Codable {
    /// How serious it is.
    public var level: DoctorLevel
    /// The check that found it.
    public var check: DoctorCheck
    /// What was found, in one line.
    public var message: String
    /// What to do about it; nil for most OK findings.
    public var advice: String?
    /// The file concerned, when there is one.
    public var file: String?
    /// The line in ``file``, when known.
    public var line: Int?
    /// The column in ``file``, when known.
    public var column: Int?

    /// Creates a finding.
    public init(_ level: DoctorLevel, _ check: DoctorCheck, _ message: String, advice: String? = nil,
                file: String? = nil, line: Int? = nil, column: Int? = nil) {
        self.level = level
        self.check = check
        self.message = message
        self.advice = advice
        self.file = file
        self.line = line
        self.column = column
    }

    /// Encodes every key, `null` for what is not known, so that tools find them all.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(level, forKey: .level)
        try container.encode(check, forKey: .check)
        try container.encode(message, forKey: .message)
        try container.encode(advice, forKey: .advice)
        try container.encode(file, forKey: .file)
        try container.encode(line, forKey: .line)
        try container.encode(column, forKey: .column)
    }

    private enum CodingKeys: String, CodingKey { case level, check, message, advice, file, line, column }

    /// `file:line:column`, as much of it as is known; nil without a file.
    public var place: String? {
        guard let file else { return nil }
        return [file, line.map(String.init), line == nil ? nil : column.map(String.init)].compactMap { $0 }.joined(separator: ":")
    }
}

/// What `karta plugin doctor` found about one plugin.
public struct PluginDiagnosis: Sendable, Hashable, Codable {
    /// The plugin's id.
    public var plugin: String
    /// Its folder.
    public var directory: String
    /// The findings, check by check.
    public var findings: [DoctorFinding]

    /// How many findings have this level.
    public func count(_ level: DoctorLevel) -> Int { findings.filter { $0.level == level }.count }
}

/// The outcome of running a program to its end.
public struct ToolRun: Sendable, Hashable {
    /// Its exit status.
    public var status: Int32
    /// What it wrote to standard output.
    public var output: String
    /// What it wrote to standard error.
    public var errors: String

    /// Creates an outcome.
    public init(status: Int32, output: String, errors: String = "") {
        self.status = status
        self.output = output
        self.errors = errors
    }
}

/// `karta plugin doctor`: examines a plugin as an author needs it examined, like Neovim's
/// `:checkhealth` — its API version, fixtures and goldens, declarations no fixture uses,
/// timing phrases the host does not understand, workflow transitions nothing exercises,
/// its specs, and luacheck's warnings — and says what to do about each finding.
///
/// Runs no process itself: the caller gives the way to run luacheck.
public struct PluginDoctor {
    /// Loads the plugins, reads fixtures, renders reports.
    public var workspace: Workspace
    /// The folder of region fixtures (`regions`).
    public var regions: String
    /// Runs `luacheck` with these arguments; nil when luacheck is not installed. Not given:
    /// luacheck is not run at all.
    public var luacheck: ((_ arguments: [String]) throws -> ToolRun?)?

    /// Creates a doctor over a workspace and a fixtures folder.
    public init(workspace: Workspace, regions: String, luacheck: ((_ arguments: [String]) throws -> ToolRun?)? = nil) {
        self.workspace = workspace
        self.regions = regions
        self.luacheck = luacheck
    }

    /// Examines one plugin. A plugin that does not load gets its load or API findings only.
    public mutating func examine(_ location: PluginLocation) -> PluginDiagnosis {
        var findings: [DoctorFinding] = []
        let plugin: Plugin
        do {
            plugin = try workspace.plugin(location.id)
        } catch let error as PluginError {
            findings = Self.loadFindings(error, location: location)
            findings += lint(location)
            return PluginDiagnosis(plugin: location.id, directory: location.directory, findings: findings)
        } catch {
            findings = [DoctorFinding(.error, .load, "\(error)", file: location.entry)]
            return PluginDiagnosis(plugin: location.id, directory: location.directory, findings: findings)
        }
        let source = (try? String(contentsOfFile: location.entry, encoding: .utf8)) ?? ""
        let lines = DeclarationLines(source: source)
        findings.append(DoctorFinding(.ok, .api, "version \(plugin.manifest.api), the one this Karta provides"))
        let fixtures = readFixtures(plugin)
        findings += fixtures.findings
        findings += goldens(plugin, roadmaps: fixtures.roadmaps)
        let specs = runSpecs(plugin)
        findings += Self.roles(plugin, roadmaps: fixtures.roadmaps, specs: specs, lines: lines)
        findings += Self.stages(plugin, roadmaps: fixtures.roadmaps, lines: lines)
        findings += Self.timing(plugin, fixtures: fixtures.roadmaps)
        findings += Self.workflow(plugin, roadmaps: fixtures.roadmaps, specs: specs, lines: lines)
        findings += Self.specFindings(plugin, specs: specs)
        findings += lint(location)
        return PluginDiagnosis(plugin: location.id, directory: location.directory, findings: findings)
    }

    /// What a plugin that does not load gets: its API finding, then one finding per problem.
    static func loadFindings(_ error: PluginError, location: PluginLocation) -> [DoctorFinding] {
        guard case .manifest(let problems) = error.kind else {
            return [DoctorFinding(.error, .load, "the plugin does not load: \(error.message)",
                                  advice: "fix the error, then run karta plugin check \(location.directory)",
                                  file: error.file ?? location.entry, line: error.line)]
        }
        let source = (try? String(contentsOfFile: location.entry, encoding: .utf8)) ?? ""
        let lines = DeclarationLines(source: source)
        var findings: [DoctorFinding] = []
        for problem in problems where problem.path == "api" {
            findings.append(DoctorFinding(
                .error, .api, problem.message,
                advice: "write `api = \(kartaHostAPIVersion)` in plugin.lua once the plugin follows this Karta's API "
                    + "(docs/plugin-authoring.md), or run the Karta it was written for",
                file: location.entry, line: lines.field("api")))
        }
        let others = problems.filter { $0.path != "api" }
        for problem in others {
            findings.append(DoctorFinding(.error, .load, "invalid declaration: \(problem)",
                                          advice: "fix plugin.lua; karta plugin check \(location.directory) lists every problem",
                                          file: location.entry))
        }
        return findings
    }
}
