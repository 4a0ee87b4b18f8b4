import ArgumentParser
import Foundation
import KartaCore
import KartaHost
import KartaPlugins

struct PluginDoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Examine plugins like Neovim's :checkhealth: API version, fixtures and goldens, unused roles and stages, "
            + "timing phrases not understood, unexercised transitions, specs, luacheck. Exits 1 on any ERROR.")

    @OptionGroup var plugins: PluginOptions

    @Option(help: ArgumentHelp("Folder of region fixtures.", valueName: "dir"))
    var regions: String = "regions"

    @Flag(help: "Print JSON: the findings of each plugin (level, check, message, advice, file, line, column).")
    var json = false

    @Argument(help: ArgumentHelp("Plugin ids to examine (default: every plugin found).", valueName: "id"))
    var ids: [String] = []

    func run() throws {
        let found = PluginLocation.discover(in: plugins.searchPath)
        let unknown = ids.filter { id in !found.contains { $0.id == id } }
        guard unknown.isEmpty else {
            throw CLIError("no plugin \(unknown.map { "'\($0)'" }.joined(separator: ", ")) in \(plugins.searchPath.joined(separator: ", ")) "
                + "(found: \(found.isEmpty ? "none" : found.map(\.id).joined(separator: ", ")))")
        }
        let locations = ids.isEmpty ? found : found.filter { ids.contains($0.id) }
        guard !locations.isEmpty else { throw CLIError("no plugins in \(plugins.searchPath.joined(separator: ", "))") }
        var doctor = PluginDoctor(workspace: try plugins.workspace(), regions: regions, luacheck: Self.luacheck)
        var diagnoses: [PluginDiagnosis] = []
        for location in locations {
            let diagnosis = doctor.examine(location)
            diagnoses.append(diagnosis)
            if !json { Self.print(diagnosis) }
        }
        let errors = diagnoses.reduce(0) { $0 + $1.count(.error) }
        let warnings = diagnoses.reduce(0) { $0 + $1.count(.warning) }
        if json {
            struct Output: Encodable {
                let plugins: [PluginDiagnosis]
                let errors: Int
                let warnings: Int
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
            let text = String(decoding: try encoder.encode(Output(plugins: diagnoses, errors: errors, warnings: warnings)), as: UTF8.self)
            Terminal.write(TerminalText.escaped(text + "\n", keepingLineBreaks: true), to: STDOUT_FILENO)
        } else {
            let plural = { (count: Int, word: String) in "\(count) \(word)\(count == 1 ? "" : "s")" }
            Terminal.write("doctor: \(plural(diagnoses.count, "plugin")), \(plural(errors, "error")), \(plural(warnings, "warning"))\n",
                           to: STDOUT_FILENO)
        }
        if errors > 0 { throw ExitCode(1) }
    }

    /// One plugin as `:checkhealth` prints it: a heading, then a line per finding and its
    /// advice indented under it.
    static func print(_ diagnosis: PluginDiagnosis) {
        var text = "\(diagnosis.plugin) (\(diagnosis.directory))\n"
        for finding in diagnosis.findings {
            let level = finding.level.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)
            let place = finding.place.map { "\($0): " } ?? ""
            text += "  \(level)\(finding.check.rawValue): \(place)\(finding.message)\n"
            if let advice = finding.advice { text += "            \(advice)\n" }
        }
        Terminal.write(TerminalText.escaped(text + "\n", keepingLineBreaks: true), to: STDOUT_FILENO)
    }

    /// Runs `luacheck` from `$PATH`; nil when there is none.
    static func luacheck(_ arguments: [String]) throws -> ToolRun? {
        guard let executable = executableInPath("luacheck") else { return nil }
        let errors = FileManager.default.temporaryDirectory.appendingPathComponent("karta-luacheck-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: errors) }
        let result = try spawn(executable, arguments, errorFile: errors, sampleMemory: false)
        return ToolRun(status: result.status, output: result.output,
                       errors: (try? String(contentsOfFile: errors, encoding: .utf8)) ?? "")
    }
}
