import ArgumentParser
import Foundation
import KartaCore
import KartaHost
import KartaPlugins
import KartaReports
import KartaStore

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create (or migrate) the database.")

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let db = try database.open(.create)
        print("database \(db.location): \(try db.appliedMigrations().count) migrations applied")
    }
}

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import roadmap files: YAML (docs/data-format.md), or the roadmap table of a Word (.docx) or Excel (.xlsx) file with --plugin (docs/import.md). Every file is checked and stored in one transaction, or none is.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var plugins: PluginOptions

    @Flag(help: "Replace a stored roadmap with the same id.")
    var replace = false

    @Option(name: .customLong("plugin"), help: ArgumentHelp("The region plugin whose columns and stages read a .docx or .xlsx file.", valueName: "id"))
    var plugin: String?

    @Option(help: ArgumentHelp("Id of the roadmap read from a .docx or .xlsx file (default: <plugin>-<period>).", valueName: "id"))
    var id: String?

    @Option(help: ArgumentHelp("Municipality of a .docx or .xlsx roadmap (default: its municipality column); with a column of several, only its rows are read.", valueName: "name"))
    var municipality: String?

    @Option(help: ArgumentHelp("Period of a .docx or .xlsx roadmap: a year (2023) or a school year (2022-2023); default: the one its title names.", valueName: "period"))
    var period: String?

    @Option(name: .customLong("to-yaml"), help: ArgumentHelp("Write the roadmap read from a .docx or .xlsx file to this YAML file for review instead of storing it.", valueName: "file"))
    var toYAML: String?

    @Argument(help: ArgumentHelp("Roadmap files to import; a folder stands for every *.yaml file below it.", valueName: "file"))
    var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one roadmap file") }
        if let old = files.first(where: { ["doc", "xls", "odt", "ods", "rtf"].contains(($0 as NSString).pathExtension.lowercased()) }) {
            throw ValidationError("\(old): Karta reads Word and Excel files in their current formats: open it and save it as .docx or .xlsx")
        }
        let office = files.filter(Workspace.isOfficeFile)
        if !office.isEmpty {
            if plugin == nil { throw ValidationError("\(office[0]): name the plugin that reads it: --plugin ID (karta plugins lists them)") }
            if files.count > 1 { throw ValidationError("import one Word or Excel file at a time") }
        } else if plugin != nil || id != nil || municipality != nil || period != nil || toYAML != nil {
            throw ValidationError("--plugin, --id, --municipality, --period and --to-yaml are for a .docx or .xlsx file")
        }
        if let period, Period(period) == nil {
            throw ValidationError("--period: '\(period)' is neither a year (2023) nor a school year (2022-2023)")
        }
    }

    func run() throws {
        var workspace = try plugins.workspace()
        if let plugin, let file = files.first {
            try importOffice(file, plugin: plugin, workspace: &workspace)
            return
        }
        let db = try database.open(.create)
        // Each roadmap is stored while the later files are still being parsed.
        let parsed = Workspace.parse(try Self.roadmapFiles(files))
        defer { parsed.stop() }
        var imported: [String] = []
        try db.save(replace: replace) { () throws -> Roadmap? in
            guard let roadmap = try workspace.nextRoadmap(from: parsed) else { return nil }
            imported.append(Self.summary(roadmap))
            return roadmap
        }
        for line in imported { print(line) }
    }

    /// Reads a Word or Excel file's roadmap, then stores it or writes its YAML.
    private func importOffice(_ file: String, plugin: String, workspace: inout Workspace) throws {
        let options = OfficeImport.Options(id: id, municipality: municipality, period: period.flatMap(Period.init))
        let read = try workspace.importOffice(file: file, plugin: plugin, options: options)
        for notice in read.notices { Terminal.write(TerminalText.escaped("karta: note: \(file): \(notice)\n", keepingLineBreaks: true), to: STDERR_FILENO) }
        if let toYAML {
            try writeFile(Array(read.yaml.utf8), to: toYAML)
            print("wrote \(toYAML): \(read.roadmap.id), \(read.roadmap.activities.count) activities (\(read.roadmap.allActivities.count) with sub-activities); review it, then: karta import \(toYAML)")
            return
        }
        let db = try database.open(.create)
        var given = false
        try db.save(replace: replace) { () throws -> Roadmap? in
            if given { return nil }
            given = true
            return read.roadmap
        }
        print(Self.summary(read.roadmap))
    }

    static func summary(_ roadmap: Roadmap) -> String {
        "imported \(roadmap.id): \(roadmap.activities.count) activities (\(roadmap.allActivities.count) with sub-activities)"
    }
}

extension Import {
    /// The files named, a folder replaced by its `*.yaml` and `*.yml` files at any depth,
    /// sorted by path.
    static func roadmapFiles(_ arguments: [String]) throws -> [String] {
        try arguments.flatMap { path -> [String] in
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else { return [path] }
            let found = (FileManager.default.enumerator(atPath: path)?.allObjects as? [String] ?? [])
                .filter(Fixtures.isRoadmapFile)
                .map { (path as NSString).appendingPathComponent($0) }
                .sorted()
            if found.isEmpty { throw CLIError("\(path): no roadmap files (*.yaml) in this folder") }
            return found
        }
    }
}

struct Roadmaps: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List stored roadmaps.")

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let db = try database.open(.readOnly)
        let list = try db.roadmaps()
        if list.isEmpty {
            print("no roadmaps in \(db.location) (import one with: karta import FILE)")
            return
        }
        for item in list {
            print("\(item.id)\tregion \(item.regionCode)\t\(item.municipality)\t\(item.period)\t\(item.activityCount) activities\t\(item.doneCount) done\tplugin \(item.plugin)")
        }
    }
}

struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show a stored roadmap and its activities.")

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "Roadmap id.")
    var roadmap: String

    func run() throws {
        let db = try database.open(.readOnly)
        guard let roadmap = try db.roadmap(id: roadmap) else { throw CLIError("no roadmap '\(self.roadmap)' in \(db.location)") }
        print(roadmap.title.replacingOccurrences(of: "\n", with: " "))
        print("id \(roadmap.id) · plugin \(roadmap.plugin) · region \(roadmap.regionCode) · \(roadmap.municipality) · \(roadmap.period)")
        print("")
        func line(_ activity: Activity, indent: String) {
            let number = activity.number.isEmpty ? "(\(activity.key))" : activity.number
            let title = activity.title.split(separator: "\n").first.map(String.init) ?? ""
            let timing = activity.schedule?.text.replacingOccurrences(of: "\n", with: " ") ?? "—"
            print("\(indent)\(number)\t\(activity.status.rawValue)\t\(timing)\t\(title)")
            for child in activity.children { line(child, indent: indent + "  ") }
        }
        for activity in roadmap.activities { line(activity, indent: "") }
    }
}

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print a roadmap's report in its region's form.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var plugins: PluginOptions

    @Argument(help: "Roadmap id.")
    var roadmap: String

    @Option(help: ArgumentHelp("Output format: \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "format"))
    var format: String = "md"

    @Option(name: .customLong("report"), help: ArgumentHelp("Report format id of the plugin (default: its first).", valueName: "id"))
    var reportID: String?

    @Option(help: ArgumentHelp("CSV profile: standard (comma) or excel-ru (semicolon).", valueName: "profile"))
    var csvProfile: String = "standard"

    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?

    @Option(help: ArgumentHelp("Build the report for this reporting stage of the region (karta plugins --workflow lists them).", valueName: "stage"))
    var stage: String?

    @Option(help: ArgumentHelp("Give back the report frozen when this stage was submitted, byte for byte (karta submit).", valueName: "stage"))
    var submitted: String?

    func validate() throws {
        if OutputFormat(rawValue: format) == nil {
            throw ValidationError("unknown format '\(format)' (expected one of: \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        if CSVRenderer.Profile(rawValue: csvProfile) == nil {
            throw ValidationError("unknown CSV profile '\(csvProfile)' (expected standard or excel-ru)")
        }
    }

    func run() throws {
        let db = try database.open(.readOnly)
        let outputFormat = OutputFormat(rawValue: format)!
        if output == nil, !outputFormat.isText, isatty(STDOUT_FILENO) != 0 {
            throw CLIError("\(format) is a binary format: write it to a file with --output FILE (or redirect standard output)")
        }
        let bytes: [UInt8]
        if let submitted {
            if stage != nil { throw CLIError("--stage and --submitted: a submitted report is given back as it was; name one") }
            bytes = try frozen(stage: submitted, db: db)
        } else {
            guard let stored = try db.roadmap(id: roadmap) else { throw CLIError("no roadmap '\(roadmap)' in \(db.location)") }
            var workspace = try plugins.workspace()
            let reporting = try stage.map { try workspace.plugin(stored.plugin).reportingPeriod($0, roadmap: stored, today: .today()) }
            let document = try workspace.document(roadmap: stored, report: reportID, reporting: reporting).document
            bytes = try outputFormat.render(document, csvProfile: CSVRenderer.Profile(rawValue: csvProfile)!)
        }
        if let output {
            try writeFile(bytes, to: output)
            print("wrote \(output)")
        } else {
            FileHandle.standardOutput.write(Data(bytes))
        }
    }
}

extension Report {
    /// The bytes frozen at the submission of `stage` for this report and format.
    func frozen(stage: String, db: any RoadmapStore) throws -> [UInt8] {
        if csvProfile != "standard", format == "csv" {
            throw CLIError("a submitted report is kept with the standard CSV profile only")
        }
        return try Workspace.submitted(roadmap: roadmap, stage: stage, report: reportID, format: OutputFormat(rawValue: format)!, in: db)
    }
}

struct Plugins: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List region plugins: region, version, report formats; failed ones with the reason.")

    @OptionGroup var plugins: PluginOptions

    @Flag(help: "Also list each region's workflow (statuses and transitions) and reporting stages.")
    var workflow = false

    func run() throws {
        let workspace = try plugins.workspace()
        let all = workspace.allPlugins()
        if all.isEmpty { print("no plugins in \(plugins.searchPath.joined(separator: ", "))") }
        var failed = 0
        for (location, result) in all {
            switch result {
            case .success(let plugin):
                let m = plugin.manifest
                let regionReports = m.regionReports.isEmpty ? "" : "\tregion reports: " + m.regionReports.map(\.id).joined(separator: ", ")
                let reports = m.reports.map(\.id).joined(separator: ", ") + regionReports
                let name = TerminalText.plugin(m.region.name)
                print("\(TerminalText.plugin(m.id))\tregion \(m.region.code) \(name)\tversion \(TerminalText.plugin(m.version))\treports: \(reports)")
                if workflow { printWorkflow(of: plugin) }
            case .failure(let error):
                failed += 1
                print("\(TerminalText.plugin(location.id))\tFAILED\t\(error.description.replacingOccurrences(of: "\n", with: "\n\t\t"))")
            }
        }
        if failed > 0 { throw ExitCode(1) }
    }

    /// `  status review «на проверке» (in_progress)`, `  transition accept «принять»: review → done; roles …`.
    /// Each line is the plugin's words: escaped whole (``TerminalText/plugin(_:bytes:)``), so
    /// that a label cannot break it or write to the terminal.
    private func printWorkflow(of plugin: Plugin) {
        func show(_ line: String) { print(TerminalText.plugin(line)) }
        let flow = plugin.workflow
        let manifest = plugin.manifest
        show("  workflow\(manifest.workflow.declared ? "" : " (standard)")")
        for status in flow.statuses { show("  status \(status.id) «\(status.label)» (\(status.kind.rawValue))") }
        for transition in flow.transitions {
            let from = transition.from.isEmpty ? "any" : transition.from.map(\.rawValue).joined(separator: ", ")
            let roles = transition.roles.compactMap { id in plugin.role(id)?.abbreviation }.joined(separator: ", ")
            var line = "  transition \(transition.id) «\(transition.label)»: \(from) → \(transition.to); roles: \(roles.isEmpty ? "none" : roles)"
            if !transition.requires.isEmpty { line += "; requires: \(transition.requires.map(\.rawValue).joined(separator: ", "))" }
            if let guards = manifest.workflow.guards[transition.id], !guards.isEmpty { line += "; guards: \(guards.map(\.id).joined(separator: ", "))" }
            show(line)
        }
        for stage in manifest.reporting { show("  reporting \(stage.id) «\(stage.title)» \(stage.start)…\(stage.end)") }
    }
}
