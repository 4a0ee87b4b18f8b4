import ArgumentParser
import Foundation
import KartaCore
import KartaHost
import KartaPlugins
import KartaReports
import KartaStore

struct PluginNew: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Start a new region: plugins/<id>/plugin.lua with its LuaLS types, regions/<id>/<roadmap>.yaml and its goldens, from the region's own Word or Excel roadmap (--from) or as a skeleton.")

    @OptionGroup var plugins: PluginOptions

    @Argument(help: ArgumentHelp("The new plugin's id: 1–64 of a-z, 0-9, _ (it names its folders).", valueName: "id"))
    var id: String

    @Option(name: .customLong("region-code"), help: ArgumentHelp("The region's code (1–999).", valueName: "n"))
    var regionCode: Int

    @Option(name: .customLong("region-name"), help: ArgumentHelp("The region's name as documents print it.", valueName: "name"))
    var regionName: String

    @Option(help: ArgumentHelp("The region's roadmap as a Word (.docx) or Excel (.xlsx) file: its columns, sections and parties make the plugin, its rows the first fixture.", valueName: "file"))
    var from: String?

    @Option(help: ArgumentHelp("Municipality of the fixture roadmap (default: the region's name).", valueName: "name"))
    var municipality: String?

    @Option(help: ArgumentHelp("Period of the fixture roadmap (default: the one the document's title names; the current year for a skeleton).", valueName: "period"))
    var period: String?

    @Option(name: .customLong("plugins-dir"), help: ArgumentHelp("Where plugin folders are made.", valueName: "dir"))
    var pluginsDirectory = "plugins"

    @Option(help: ArgumentHelp("Where region fixtures are made.", valueName: "dir"))
    var regions = "regions"

    func validate() throws {
        guard (1...64).contains(id.utf8.count), id.utf8.allSatisfy({ ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 95 }) else {
            throw ValidationError("'\(id)' is not a plugin id: 1–64 of a-z, 0-9 and _")
        }
        guard (1...999).contains(regionCode) else { throw ValidationError("--region-code: \(regionCode) is not a region code (1–999)") }
        guard !regionName.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--region-name: give the region's name") }
        if let period, Period(period) == nil { throw ValidationError("--period: '\(period)' is neither a year (2023) nor a school year (2022-2023)") }
        if let from, !Workspace.isOfficeFile(from) { throw ValidationError("--from: \(from) is neither a .docx nor a .xlsx file") }
    }

    func run() throws {
        let pluginFolder = (pluginsDirectory as NSString).appendingPathComponent(id)
        let regionFolder = (regions as NSString).appendingPathComponent(id)
        for folder in [pluginFolder, regionFolder] where FileManager.default.fileExists(atPath: folder) {
            throw CLIError("\(folder) already exists; choose another id or remove it")
        }
        let region = Region(code: regionCode, name: regionName)
        let scaffold: PluginScaffold
        if let from {
            let document = try Workspace.officeDocument(from)
            do {
                scaffold = try PluginScaffold.from(document, id: id, region: region)
            } catch {
                throw CLIError("\(from): \(error)")
            }
        } else {
            scaffold = PluginScaffold.skeleton(id: id, region: region)
        }
        // Everything is made, or nothing is left behind.
        var made: [String] = []
        do {
            try FileManager.default.createDirectory(atPath: pluginFolder, withIntermediateDirectories: true)
            made.append(pluginFolder)
            try writeFile(Array(scaffold.luaSource().utf8), to: (pluginFolder as NSString).appendingPathComponent("plugin.lua"))
            let types = try PluginTypes.write(into: pluginFolder)
            var workspace = Workspace(pluginDirectories: [pluginsDirectory] + plugins.searchPath, limits: try plugins.limits(), isolation: Workspace.workers)
            let plugin = try workspace.plugin(id)
            let roadmap: Roadmap
            let yaml: String
            if let from {
                let options = OfficeImport.Options(municipality: municipality ?? regionName, period: period.flatMap(Period.init))
                let read = try workspace.importOffice(file: from, plugin: id, options: options)
                for notice in read.notices { FileHandle.standardError.write(Data("karta: note: \(from): \(notice)\n".utf8)) }
                (roadmap, yaml) = (read.roadmap, read.yaml)
            } else {
                let example = Self.example(id: id, municipality: municipality ?? regionName, period: period.flatMap(Period.init), region: region)
                (roadmap, yaml) = (example, RoadmapFile.encode(example))
            }
            try FileManager.default.createDirectory(atPath: regionFolder, withIntermediateDirectories: true)
            made.append(regionFolder)
            let fixture = (regionFolder as NSString).appendingPathComponent("roadmap-\(roadmap.period.description).yaml")
            try writeFile(Array(yaml.utf8), to: fixture)
            let checked = try workspace.readRoadmap(file: fixture)
            let expected = (regionFolder as NSString).appendingPathComponent("expected")
            var written = [(pluginFolder as NSString).appendingPathComponent("plugin.lua")] + types + [fixture]
            for format in plugin.manifest.reports {
                let document = try workspace.document(roadmap: checked, report: format.id).document
                for output in OutputFormat.documents {
                    let path = (expected as NSString).appendingPathComponent(
                        Fixtures.reportFileName(roadmap: checked.id, report: format.id, format: output))
                    try writeFile(try output.render(document), to: path)
                    written.append(path)
                }
            }
            print("made plugin '\(id)': \(plugin.manifest.roles.count) roles, \(plugin.manifest.stages.count) stages, \(plugin.manifest.reports.count) reports; fixture \(checked.id): \(checked.activities.count) activities")
            for path in written { print("  \(path)") }
            print("next: karta plugin check \(pluginFolder) && karta plugin test \(id)")
        } catch {
            for folder in made.reversed() { try? FileManager.default.removeItem(atPath: folder) }
            throw error
        }
    }

    /// The skeleton's fixture: one example activity.
    static func example(id: String, municipality: String, period: Period?, region: Region) -> Roadmap {
        let year = Calendar(identifier: .gregorian).component(.year, from: Date())
        let period = period ?? .year(year)
        let activity = Activity(
            key: "1", number: "1.", title: "Назначен муниципальный координатор проекта", schedule: Schedule("январь \(period.description)"),
            responsible: "МК", roles: ["mk"])
        return Roadmap(
            id: "\(id.replacingOccurrences(of: "_", with: "-"))-\(period.description)", plugin: id, regionCode: region.code,
            municipality: municipality, period: period, title: "Муниципальная дорожная карта проекта «500+» на \(period.description) год",
            activities: [activity])
    }
}
