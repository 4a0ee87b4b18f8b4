import Foundation
public import KartaCore
public import KartaReports
import KartaStore

/// Where fixtures and rendered reports live by convention: a region's roadmaps in
/// `regions/<plugin>/*.yaml`, its goldens in `regions/<plugin>/expected/`.
public enum Fixtures {
    /// `regions/<plugin>/*.yaml`, sorted; only the plugins given, when they are.
    public static func roadmapFiles(in regions: String, plugins: [String]? = nil) -> [String] {
        let manager = FileManager.default
        guard let folders = try? manager.contentsOfDirectory(atPath: regions) else { return [] }
        return folders.sorted().filter { plugins?.contains($0) ?? true }.flatMap { folder -> [String] in
            let directory = (regions as NSString).appendingPathComponent(folder)
            let names = (try? manager.contentsOfDirectory(atPath: directory)) ?? []
            return names.filter(isRoadmapFile).sorted()
                .map { (directory as NSString).appendingPathComponent($0) }
        }
    }

    /// Whether a file name is a roadmap file's: `*.yaml` or `*.yml`.
    public static func isRoadmapFile(_ name: String) -> Bool {
        name.hasSuffix(".yaml") || name.hasSuffix(".yml")
    }

    /// `<roadmap>.<report>.<ext>`: the name of a rendered report, in `out/<plugin>/` and in `regions/<plugin>/expected/`.
    public static func reportFileName(roadmap: String, report: String, format: OutputFormat) -> String {
        "\(roadmap).\(report).\(format.fileExtension)"
    }

    /// `municipalities`: the folder of `regions/<plugin>/` that holds the region's other
    /// municipalities' roadmaps, which only region reports are built over.
    public static let municipalitiesFolder = "municipalities"

    /// The roadmaps a region report of the plugin is tested over: `regions/<plugin>/*.yaml`
    /// and `regions/<plugin>/municipalities/*.yaml`, sorted.
    public static func regionRoadmapFiles(in regions: String, plugin: String) -> [String] {
        let folder = ((regions as NSString).appendingPathComponent(plugin) as NSString).appendingPathComponent(municipalitiesFolder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return roadmapFiles(in: regions, plugins: [plugin])
            + names.filter(isRoadmapFile).sorted().map { (folder as NSString).appendingPathComponent($0) }
    }

    /// `<plugin>.region.<report>.<ext>`: the name of a rendered region report, in `out/<plugin>/`
    /// and in `regions/<plugin>/expected/`.
    public static func regionReportFileName(plugin: String, report: String, format: OutputFormat) -> String {
        "\(plugin).region.\(report).\(format.fileExtension)"
    }

    /// The day a region report's golden is built for: the last day of the fixtures' latest
    /// period, so that goldens do not change with the day they are run.
    public static func regionAsOf(_ roadmaps: [Roadmap]) -> (period: Period, asOf: CalendarDate)? {
        guard let period = roadmaps.map(\.period).max(by: { $0.start < $1.start }) else { return nil }
        return (period, period.end)
    }

    /// `regions/<plugin>/expected/`: the goldens of a region.
    public static func expectedDirectory(regions: String, plugin: String) -> String {
        ((regions as NSString).appendingPathComponent(plugin) as NSString).appendingPathComponent("expected")
    }

    /// `regions/<plugin>/<name>.yaml`, decoded as the goldens read it (a spec's `spec.fixture(name)`).
    public static func roadmap(named name: String, plugin: String, regions: String) throws -> Roadmap {
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }), !name.hasPrefix(".") else {
            throw HostError("a fixture is named by its file in regions/\(plugin)/ without .yaml (letters, digits, -, _, .)")
        }
        let path = ((regions as NSString).appendingPathComponent(plugin) as NSString).appendingPathComponent(name + ".yaml")
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw HostError("no fixture \(path)")
        }
        return try RoadmapFile.decode(text, file: path)
    }
}
