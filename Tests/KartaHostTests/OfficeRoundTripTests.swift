import Foundation
import KartaCore
import KartaHost
import KartaPlugins
import KartaReports
import KartaTesting
import Testing

/// Every DOCX and XLSX report Karta writes for the four regions imports back to the same
/// activities: the fields the report prints one per column are equal, and the imported
/// roadmap prints the same table again (which also covers cells a plugin reads with its own
/// `import.read`, such as Pskov's «план/факт» and Shakhty's report-and-documents cell).
@Suite struct OfficeRoundTripTests {
    static let fixtures = ["pskov/roadmap-2021.yaml", "shakhty/roadmap-2022.yaml", "krasnodar/roadmap-2020-2021.yaml", "spb/roadmap-2021.yaml"]

    static func workspace() -> Workspace {
        Workspace(pluginDirectories: [PackagePaths.path("plugins")], isolation: .inProcess)
    }

    @Test(arguments: fixtures)
    func everyOfficeReportImportsBackToTheSameActivities(_ fixture: String) throws {
        var workspace = Self.workspace()
        let original = try workspace.readRoadmap(file: PackagePaths.path("regions/" + fixture))
        let plugin = try workspace.plugin(original.plugin)
        let directory = try TemporaryDirectory()
        var checked = 0
        for format in plugin.manifest.reports {
            let document = try workspace.document(roadmap: original, report: format.id).document
            let table = try #require(document.tables.first)
            for output in [OutputFormat.docx, .xlsx] {
                let file = directory.path("\(original.id).\(format.id).\(output.rawValue)")
                try Data(output.render(document)).write(to: URL(fileURLWithPath: file))
                let read = try workspace.importOffice(
                    file: file, plugin: original.plugin,
                    options: OfficeImport.Options(id: original.id, municipality: original.municipality, period: original.period))
                var imported = read.roadmap
                let label = "\(format.id) \(output.rawValue)"
                #expect(imported.allActivities.count == original.allActivities.count, "\(label): activity count")
                // Columns printing one field each, compared field by field.
                let plain = Set(table.columns.map(\.id)).filter { !plugin.manifest.importing.reads($0) }
                for (before, after) in zip(original.allActivities, imported.allActivities) {
                    for field in plain {
                        #expect(Self.value(field, before) == Self.value(field, after), "\(label): activity \(before.key): \(field)")
                    }
                }
                // The whole table printed again from what was imported (the roadmap's `extra`,
                // which no table prints, is the plugin's setting for the report).
                imported.extra = original.extra
                let again = try workspace.document(roadmap: imported, report: format.id).document
                let rows = { (table: ReportTable) in table.flattenedRows.map { [$0.row.kind.rawValue] + $0.row.cells } }
                #expect(rows(try #require(again.tables.first)) == rows(table), "\(label): the table printed again")
                checked += 1
            }
        }
        #expect(checked == plugin.manifest.reports.count * 2)
    }

    /// A field as a report prints it; nil for a column that is not one of the activity's fields.
    static func value(_ field: String, _ activity: Activity) -> String? {
        switch field {
        case "number": activity.number
        case "title": activity.title
        case "description": activity.description
        case "timing": activity.schedule?.text
        case "fact": activity.fact
        case "responsible": activity.responsible
        case "audience": activity.audience
        case "level": activity.level
        case "indicator": activity.indicator
        case "report": activity.report
        case "status": activity.status.rawValue
        case "evidence": activity.evidence.map(\.printed).joined(separator: "\n")
        default: nil
        }
    }
}
