import ArgumentParser
import Foundation
import KartaCore
import KartaHost
import KartaReports

struct Rollup: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print a report over a whole region: every stored roadmap of its municipalities in one document.",
        discussion: """
            Builds a region report of the plugin (a report format with scope = "region") over the \
            stored roadmaps of its region, of one period (default: the latest stored), in the order \
            of their municipalities, with the host's figures of each on the day given (default: \
            today). Without --report, the plugin's first region report.
            """)

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var plugins: PluginOptions

    @Argument(help: ArgumentHelp("The region's plugin id (karta plugins lists them).", valueName: "plugin-id"))
    var plugin: String

    @Option(name: .customLong("report"), help: ArgumentHelp("Region report id of the plugin (default: its first).", valueName: "id"))
    var reportID: String?

    @Option(name: .customLong("as-of"), help: ArgumentHelp("The day the figures are for (YYYY-MM-DD, 1900–2100; default: today).", valueName: "date"),
            transform: OptionValue.day)
    var asOf: CalendarDate?

    @Option(help: ArgumentHelp("The period of the roadmaps (2021, 2020-2021; default: the latest stored for the region).", valueName: "period"))
    var period: String?

    @Option(name: .customLong("municipality"), help: ArgumentHelp(
        "Only this municipality's roadmap, as stored (letter case and «ё» aside); repeatable.", valueName: "name"))
    var municipalities: [String] = []

    @Option(help: ArgumentHelp("Output format: \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "format"))
    var format: String = "md"

    @Option(help: ArgumentHelp("CSV profile: standard (comma) or excel-ru (semicolon).", valueName: "profile"))
    var csvProfile: String = "standard"

    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?

    func validate() throws {
        if OutputFormat(rawValue: format) == nil {
            throw ValidationError("unknown format '\(format)' (expected one of: \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        if CSVRenderer.Profile(rawValue: csvProfile) == nil {
            throw ValidationError("unknown CSV profile '\(csvProfile)' (expected standard or excel-ru)")
        }
        if let period, Period(period) == nil {
            throw ValidationError("--period: '\(period)' is not a period (a year, 2021, or a school year, 2020-2021)")
        }
    }

    func run() throws {
        let outputFormat = OutputFormat(rawValue: format)!
        if output == nil, !outputFormat.isText, isatty(STDOUT_FILENO) != 0 {
            throw CLIError("\(format) is a binary format: write it to a file with --output FILE (or redirect standard output)")
        }
        var workspace = try plugins.workspace()
        // An unknown plugin is named before the database is opened.
        _ = try workspace.plugin(plugin)
        let db = try database.open(.readOnly)
        let rollup = try workspace.rollup(plugin: plugin, report: reportID, asOf: asOf ?? .today(), period: period.flatMap { Period($0) }?.description,
                                          municipalities: municipalities, in: db)
        let bytes = try outputFormat.render(rollup.document, csvProfile: CSVRenderer.Profile(rawValue: csvProfile)!)
        if let output {
            try writeFile(bytes, to: output)
            print("wrote \(output): \(rollup.reportID) of \(plugin), \(rollup.period), \(rollup.roadmaps.count) municipalit\(rollup.roadmaps.count == 1 ? "y" : "ies")")
        } else {
            FileHandle.standardOutput.write(Data(bytes))
        }
    }
}
