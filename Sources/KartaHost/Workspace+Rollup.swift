import Foundation
public import KartaCore
import KartaPlugins
public import KartaReports
public import KartaStore

/// A region report built over the stored roadmaps of a region (`karta rollup`).
public struct RegionRollup: Sendable {
    /// The region report format built.
    public var reportID: String
    /// The document it returned.
    public var document: ReportDocument
    /// The period of the roadmaps.
    public var period: String
    /// The roadmaps it was built over, in the order `build` received them.
    public var roadmaps: [String]
    /// The figures of each, in the same order.
    public var figures: [RoadmapFigures]
}

extension Workspace {
    /// Builds a region report of a plugin over its region's stored roadmaps: lists them,
    /// keeps those of one period (default: the latest stored) and of the municipalities
    /// named (default: every one), loads each once in a stable order (by municipality, letter
    /// case and «ё» aside, then by id), computes each one's figures on `asOf`, and calls the
    /// report's `build` once with all of them.
    ///
    /// - Parameters:
    ///   - report: the region report's id; nil for the plugin's first.
    ///   - municipalities: names as stored, letter case, «ё» and spacing aside; each must
    ///     match a roadmap of the period.
    public mutating func rollup(plugin id: String, report: String?, asOf: CalendarDate, period: String?, municipalities: [String],
                                in db: any RoadmapStore) throws -> RegionRollup {
        let plugin = try plugin(id)
        let region = plugin.manifest.region.name
        let reports = plugin.manifest.regionReports
        guard let reportID = report ?? reports.first?.id else {
            throw HostError("plugin '\(id)' (\(region)) has no region report: its plugin.lua declares no report with scope = \"region\"")
        }
        guard plugin.regionReport(reportID) != nil else {
            let also = plugin.report(reportID) == nil ? "" : "; '\(reportID)' is a report over one roadmap: karta report ROADMAP --report \(reportID)"
            throw HostError("plugin '\(id)' (\(region)) has no region report '\(reportID)' (its region reports: "
                            + reports.map(\.id).joined(separator: ", ") + NearestName.suggestion(for: reportID, in: reports.map(\.id)) + ")\(also)")
        }
        let stored = try db.roadmaps().filter { $0.plugin == id }
        guard !stored.isEmpty else {
            throw HostError("no roadmaps of \(region) (plugin '\(id)') in \(db.location): there is nothing to sum up; import the municipalities' roadmaps first (karta import FILE…)")
        }
        let periods = Set(stored.map(\.period)).sorted()
        let chosen = period ?? periods.last!
        var selected = stored.filter { $0.period == chosen }
        guard !selected.isEmpty else {
            throw HostError("no roadmaps of \(region) for the period \(chosen) in \(db.location) (stored periods: \(periods.joined(separator: ", ")))")
        }
        if !municipalities.isEmpty {
            let names = Set(selected.map(\.municipality)).sorted { Self.collationKey($0) < Self.collationKey($1) }
            var wanted: Set<String> = []
            for name in municipalities {
                let key = Self.collationKey(name)
                guard let match = names.first(where: { Self.collationKey($0) == key }) else {
                    let shown = names.count > 20 ? names.prefix(20).joined(separator: ", ") + ", … (\(names.count) in all)" : names.joined(separator: ", ")
                    let nearest = NearestName.nearest(to: name, in: names).map { " Did you mean «\($0)»?" } ?? ""
                    throw HostError("no roadmap of a municipality «\(name)» in \(region) for \(chosen).\(nearest) Municipalities with roadmaps: \(shown)")
                }
                wanted.insert(match)
            }
            selected = selected.filter { wanted.contains($0.municipality) }
        }
        selected.sort { left, right in Self.ordered(left.municipality, left.id, before: right.municipality, right.id) }
        var roadmaps: [Roadmap] = []
        roadmaps.reserveCapacity(selected.count)
        try db.forEachRoadmap(ids: selected.map(\.id)) { roadmaps.append($0) }
        return try regionReport(plugin: id, report: reportID, roadmaps: roadmaps, asOf: asOf, period: chosen)
    }

    /// Builds a region report over roadmaps in memory (the fixtures of `karta plugin test`):
    /// orders them as ``rollup(plugin:report:asOf:period:municipalities:in:)`` does, computes
    /// each one's figures on `asOf`, and calls the report's `build` once.
    public mutating func regionReport(plugin id: String, report reportID: String, roadmaps given: [Roadmap], asOf: CalendarDate,
                                      period: String) throws -> RegionRollup {
        let plugin = try plugin(id)
        let roadmaps = given.sorted { Self.ordered($0.municipality, $0.id, before: $1.municipality, $1.id) }
        let figures = roadmaps.map { roadmap in
            RoadmapFigures(roadmap: roadmap, stages: plugin.manifest.stages, workflow: plugin.workflow, asOf: asOf,
                           parser: plugin.scheduleParser(period: roadmap.period))
        }
        let document = try plugin.renderRegion(report: reportID, roadmaps: roadmaps, figures: figures,
                                               context: RegionReportContext(asOf: asOf, period: period))
        return RegionRollup(reportID: reportID, document: document, period: period, roadmaps: roadmaps.map(\.id), figures: figures)
    }

    /// The stable order of a region report's roadmaps: by municipality (``collationKey(_:)``), then by id.
    static func ordered(_ municipality: String, _ id: String, before otherMunicipality: String, _ otherID: String) -> Bool {
        let (a, b) = (collationKey(municipality), collationKey(otherMunicipality))
        return a != b ? a < b : id < otherID
    }

    /// How municipalities are ordered and matched: letter case, «ё» and runs of spaces aside,
    /// then by code point (the Russian alphabet's order, «ё» among «е»).
    public static func collationKey(_ name: String) -> String {
        name.lowercased().replacingOccurrences(of: "ё", with: "е")
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}

/// The roadmaps a plugin's region reports are tested over (`karta plugin test`, `karta plugin
/// doctor`): ``Fixtures/regionRoadmapFiles(in:plugin:)``, read and checked against the plugin.
public struct RegionFixtures: Sendable {
    /// The files, in the order read.
    public var files: [String]
    /// The roadmaps of the latest period among them.
    public var roadmaps: [Roadmap]
    /// That period.
    public var period: Period
    /// The day the goldens are built for: the period's last day.
    public var asOf: CalendarDate
}

extension Workspace {
    /// Reads the region fixtures of a plugin; nil when there are none.
    public mutating func regionFixtures(plugin id: String, regions: String) throws -> RegionFixtures? {
        let files = Fixtures.regionRoadmapFiles(in: regions, plugin: id)
        let roadmaps = try readRoadmaps(files: files)
        if let stray = roadmaps.first(where: { $0.plugin != id }) {
            throw HostError("\(stray.id) in regions/\(id)/ belongs to plugin '\(stray.plugin)'")
        }
        guard let latest = Fixtures.regionAsOf(roadmaps) else { return nil }
        return RegionFixtures(files: files, roadmaps: roadmaps.filter { $0.period == latest.period }, period: latest.period,
                              asOf: latest.asOf)
    }

    /// A region report over the fixtures, as its golden holds it.
    public mutating func regionReport(plugin id: String, report: String, fixtures: RegionFixtures) throws -> ReportDocument {
        try regionReport(plugin: id, report: report, roadmaps: fixtures.roadmaps, asOf: fixtures.asOf,
                         period: fixtures.period.description).document
    }
}
