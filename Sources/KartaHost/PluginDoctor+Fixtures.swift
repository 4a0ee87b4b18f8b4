import Foundation
import KartaCore
import KartaPlugins
import KartaReports
import KartaStore

/// A roadmap of `regions/<id>/`, read and checked against its plugin.
struct FixtureRoadmap {
    /// `regions/<id>/<name>.yaml`.
    var file: String
    /// What it holds.
    var roadmap: Roadmap
}

extension PluginDoctor {
    /// `regions/<id>/*.yaml`: each must read and suit the plugin, and there must be one.
    mutating func readFixtures(_ plugin: Plugin) -> (roadmaps: [FixtureRoadmap], findings: [DoctorFinding]) {
        let id = plugin.manifest.id
        let folder = (regions as NSString).appendingPathComponent(id)
        let files = Fixtures.roadmapFiles(in: regions, plugins: [id])
        guard !files.isEmpty else {
            return ([], [DoctorFinding(
                .error, .fixtures, "no roadmap in \(folder)/: karta plugin test has nothing to render, and the checks of "
                    + "goldens, roles, stages and timing have nothing to read",
                advice: "transcribe one of the region's documents to \(folder)/<name>.yaml (docs/data-format.md), or import it: "
                    + "karta import FILE.docx --plugin \(id) --to-yaml \(folder)/<name>.yaml")])
        }
        var roadmaps: [FixtureRoadmap] = []
        var findings: [DoctorFinding] = []
        for file in files {
            do {
                let roadmap = try workspace.readRoadmap(file: file)
                guard roadmap.plugin == id else {
                    findings.append(DoctorFinding(.error, .fixtures, "the roadmap belongs to plugin '\(roadmap.plugin)', not '\(id)'",
                                                  advice: "move it to \((regions as NSString).appendingPathComponent(roadmap.plugin))/",
                                                  file: file))
                    continue
                }
                roadmaps.append(FixtureRoadmap(file: file, roadmap: roadmap))
            } catch {
                findings.append(DoctorFinding(.error, .fixtures, "the roadmap does not read: \(error)",
                                              advice: "fix it (docs/data-format.md); karta import \(file) shows the same problems",
                                              file: file))
            }
        }
        if findings.isEmpty {
            let count = roadmaps.count == 1 ? "1 roadmap" : "\(roadmaps.count) roadmaps"
            findings.append(DoctorFinding(.ok, .fixtures, "\(count): \(roadmaps.map(\.file).joined(separator: ", "))"))
        }
        return (roadmaps, findings)
    }

    /// Every report of every fixture in every output format against its golden, as
    /// `karta plugin test` compares them; and goldens nothing renders any more.
    mutating func goldens(_ plugin: Plugin, roadmaps: [FixtureRoadmap]) -> [DoctorFinding] {
        guard !roadmaps.isEmpty else { return [] }
        let id = plugin.manifest.id
        let expected = Fixtures.expectedDirectory(regions: regions, plugin: id)
        var findings: [DoctorFinding] = []
        var current = 0
        var rendered: Set<String> = []
        for fixture in roadmaps {
            for format in plugin.manifest.reports {
                let document: ReportDocument
                do {
                    document = try workspace.document(roadmap: fixture.roadmap, report: format.id).document
                } catch {
                    findings.append(DoctorFinding(.error, .goldens, "report '\(format.id)' of \(fixture.roadmap.id) fails: \(error)",
                                                  advice: "fix the report's build; karta plugin test \(id) shows the same error",
                                                  file: fixture.file))
                    continue
                }
                var missing: [String] = []
                var stale: [String] = []
                for output in OutputFormat.documents {
                    let name = Fixtures.reportFileName(roadmap: fixture.roadmap.id, report: format.id, format: output)
                    rendered.insert(name)
                    do {
                        let golden = try Golden.compare(document, roadmap: fixture.roadmap.id, report: format.id, format: output,
                                                        expected: expected)
                        switch golden.state {
                        case .same: current += 1
                        case .missing: missing.append(golden.path)
                        case .differs: stale.append(golden.path)
                        }
                    } catch {
                        findings.append(DoctorFinding(.error, .goldens, "\(name) does not render: \(error)", file: fixture.file))
                    }
                }
                if !missing.isEmpty {
                    findings.append(DoctorFinding(
                        .error, .goldens, "report '\(format.id)' of \(fixture.roadmap.id) has no golden in \(Self.formats(missing))",
                        advice: "render them with karta plugin test \(id) --update, and review them before committing",
                        file: missing[0]))
                }
                if !stale.isEmpty {
                    findings.append(DoctorFinding(
                        .error, .goldens, "report '\(format.id)' of \(fixture.roadmap.id) no longer renders as its golden in \(Self.formats(stale))",
                        advice: "see the difference with karta plugin test \(id); if the change is meant, "
                            + "karta plugin test \(id) --update, and review the diff",
                        file: stale[0]))
                }
            }
        }
        findings += regionGoldens(plugin, expected: expected, rendered: &rendered, current: &current)
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: expected)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
        for name in files where !rendered.contains(name) {
            findings.append(DoctorFinding(
                .warning, .goldens, "no fixture and report renders \(name) any more",
                advice: "delete it if its roadmap or report is gone, or restore what renders it",
                file: (expected as NSString).appendingPathComponent(name)))
        }
        if findings.isEmpty {
            findings.append(DoctorFinding(.ok, .goldens, "\(current) up to date in \(expected)/"))
        }
        return findings
    }

    /// Every region report over the region's fixtures (``Workspace/regionFixtures(plugin:regions:)``)
    /// in every output format against its golden, as `karta plugin test` compares them.
    private mutating func regionGoldens(_ plugin: Plugin, expected: String, rendered: inout Set<String>, current: inout Int) -> [DoctorFinding] {
        let id = plugin.manifest.id
        guard !plugin.manifest.regionReports.isEmpty else { return [] }
        let fixtures: RegionFixtures
        do {
            guard let read = try workspace.regionFixtures(plugin: id, regions: regions) else { return [] }
            fixtures = read
        } catch {
            return [DoctorFinding(.error, .fixtures, "the region's roadmaps do not read: \(error)",
                                  advice: "fix them (docs/data-format.md); karta plugin test \(id) shows the same problems")]
        }
        var findings: [DoctorFinding] = []
        for format in plugin.manifest.regionReports {
            let document: ReportDocument
            do {
                document = try workspace.regionReport(plugin: id, report: format.id, fixtures: fixtures)
            } catch {
                findings.append(DoctorFinding(.error, .goldens, "region report '\(format.id)' fails: \(error)",
                                              advice: "fix the report's build; karta plugin test \(id) shows the same error"))
                continue
            }
            var missing: [String] = []
            var stale: [String] = []
            for output in OutputFormat.documents {
                let name = Fixtures.regionReportFileName(plugin: id, report: format.id, format: output)
                rendered.insert(name)
                do {
                    let golden = try Golden.compare(document, named: name, format: output, expected: expected)
                    switch golden.state {
                    case .same: current += 1
                    case .missing: missing.append(golden.path)
                    case .differs: stale.append(golden.path)
                    }
                } catch {
                    findings.append(DoctorFinding(.error, .goldens, "\(name) does not render: \(error)"))
                }
            }
            if !missing.isEmpty {
                findings.append(DoctorFinding(
                    .error, .goldens, "region report '\(format.id)' has no golden in \(Self.formats(missing))",
                    advice: "render them with karta plugin test \(id) --update, and review them before committing", file: missing[0]))
            }
            if !stale.isEmpty {
                findings.append(DoctorFinding(
                    .error, .goldens, "region report '\(format.id)' no longer renders as its golden in \(Self.formats(stale))",
                    advice: "see the difference with karta plugin test \(id); if the change is meant, karta plugin test \(id) --update, and review the diff",
                    file: stale[0]))
            }
        }
        return findings
    }

    /// `md, csv`: the formats of golden files, by their extensions.
    private static func formats(_ paths: [String]) -> String {
        paths.map { ($0 as NSString).pathExtension }.joined(separator: ", ")
    }
}
