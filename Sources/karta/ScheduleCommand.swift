import ArgumentParser
import Foundation
import KartaCore
import KartaHost
import KartaPlugins

struct ScheduleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule",
        abstract: "Timing phrases: how Karta reads them.",
        subcommands: [ScheduleParse.self])
}

struct ScheduleParse: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Print how a timing phrase reads within a period: kind, start, end, recurrence.")

    @Argument(help: "The phrase, as printed («До 31.03.2021», «Март-май», «1 раз в четверть»).")
    var text: String

    @Option(help: ArgumentHelp("A calendar year (January to December), 1900 to 2100.", valueName: "yyyy"), transform: OptionValue.year)
    var year: Int?

    @Option(name: .customLong("school-year"), help: ArgumentHelp("A school year starting in September of this year, 1900 to 2100.", valueName: "yyyy"),
            transform: OptionValue.year)
    var schoolYear: Int?

    @Option(help: ArgumentHelp("Read as this plugin's roadmaps are: with its own phrases and school calendar.", valueName: "id"))
    var plugin: String?

    @OptionGroup var plugins: PluginOptions

    @Flag(help: "Print JSON: kind, start, end, recurrence, text.")
    var json = false

    func validate() throws {
        guard (year == nil) != (schoolYear == nil) else { throw ValidationError("give exactly one of --year YYYY or --school-year YYYY") }
    }

    func run() throws {
        let period: Period = if let year { .year(year) } else { .schoolYear(startYear: schoolYear!) }
        var parser = ScheduleParser(period: period)
        if let plugin {
            var workspace = try plugins.workspace()
            parser = try workspace.plugin(plugin).scheduleParser(period: period)
        }
        let reading = parser.parse(text)
        if json {
            struct Output: Encodable {
                let kind: String
                let start: String?
                let end: String?
                let recurrence: String?
                let text: String
                func encode(to encoder: any Encoder) throws {
                    // nulls are written, not left out: every key is always there.
                    var container = encoder.container(keyedBy: CodingKeys.self)
                    try container.encode(kind, forKey: .kind)
                    try container.encode(start, forKey: .start)
                    try container.encode(end, forKey: .end)
                    try container.encode(recurrence, forKey: .recurrence)
                    try container.encode(text, forKey: .text)
                }
                enum CodingKeys: String, CodingKey { case kind, start, end, recurrence, text }
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let output = Output(kind: reading.kind.rawValue, start: reading.start?.description, end: reading.end?.description,
                                recurrence: reading.recurrence, text: text)
            print(String(decoding: try encoder.encode(output), as: UTF8.self))
            return
        }
        print("text:       \(text)")
        print("period:     \(period)")
        print("kind:       \(reading.kind.rawValue)")
        print("start:      \(reading.start?.description ?? "—")")
        print("end:        \(reading.end?.description ?? "—")")
        if reading.dates.count > 1 { print("dates:      \(reading.dates.map(\.description).joined(separator: ", "))") }
        if let recurrence = reading.recurrence { print("recurrence: \(recurrence)") }
    }
}
