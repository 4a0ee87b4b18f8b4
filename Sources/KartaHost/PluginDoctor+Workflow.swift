import Foundation
import KartaCore
import KartaPlugins

extension PluginDoctor {
    /// Runs every spec file of the plugin, as `karta plugin test` does.
    func runSpecs(_ plugin: Plugin) -> [PluginSpecResult] {
        let id = plugin.manifest.id
        let regions = regions
        return plugin.specFiles.map { file in
            plugin.runSpec(file, limits: workspace.limits) { name in try Fixtures.roadmap(named: name, plugin: id, regions: regions) }
        }
    }

    /// Transitions nothing exercises. A transition is exercised when a spec takes it with
    /// `spec.move` or calls one of its guards, or when a fixture activity stands in a status
    /// that only this transition leads to (the document records that the move was made).
    /// The standard workflow's transitions count like declared ones: a region's roles and
    /// rules decide who may take them and what they refuse.
    static func workflow(_ plugin: Plugin, roadmaps: [FixtureRoadmap], specs: [PluginSpecResult], lines: DeclarationLines) -> [DoctorFinding] {
        let workflow = plugin.workflow
        let declared = plugin.manifest.workflow.declared
        let bySpecs = specs.reduce(into: Set<String>()) { $0.formUnion($1.transitions) }
        var byFixtures: Set<String> = []
        for status in Set(roadmaps.flatMap { $0.roadmap.allActivities.map(\.status) }) where status != .planned {
            let leading = workflow.transitions.filter { $0.to == status }
            if leading.count == 1 { byFixtures.insert(leading[0].id) }
        }
        let specFolder = (plugin.location.directory as NSString).appendingPathComponent("spec")
        var findings: [DoctorFinding] = []
        for transition in workflow.transitions where !bySpecs.contains(transition.id) && !byFixtures.contains(transition.id) {
            let from = transition.from.isEmpty ? "any" : transition.from.map(\.rawValue).joined(separator: ", ")
            let role = transition.roles.first ?? "…"
            findings.append(DoctorFinding(
                .warning, .workflow,
                "transition '\(transition.id)' (\(from) → \(transition.to.rawValue))\(declared ? "" : " of the standard workflow") "
                    + "is exercised by no spec and no fixture",
                advice: "take it in a spec in \(specFolder)/: "
                    + "assert.truthy(spec.move(roadmap, key, \"\(transition.id)\", { as = \"\(role)\", … })), "
                    + "and show what it refuses",
                file: declared ? plugin.location.entry : nil,
                line: declared ? lines.declaration(transition.id, in: "transitions") : nil))
        }
        if findings.isEmpty {
            let kind = declared ? "declared" : "standard"
            let specsCount = workflow.transitions.filter { bySpecs.contains($0.id) }.count
            let fixturesCount = workflow.transitions.filter { byFixtures.contains($0.id) && !bySpecs.contains($0.id) }.count
            findings.append(DoctorFinding(.ok, .workflow, "all \(workflow.transitions.count) transitions of the \(kind) workflow are exercised: "
                + "\(specsCount) by specs" + (fixturesCount > 0 ? ", \(fixturesCount) only by fixture statuses" : "")))
        }
        return findings
    }

    /// Spec files, and each failure of them.
    static func specFindings(_ plugin: Plugin, specs: [PluginSpecResult]) -> [DoctorFinding] {
        let folder = (plugin.location.directory as NSString).appendingPathComponent("spec")
        guard !specs.isEmpty else {
            return [DoctorFinding(.warning, .specs, "no spec files in \(folder)/",
                                  advice: "write \(folder)/<name>_spec.lua for the region's rules and workflow "
                                      + "(docs/plugin-authoring.md, Specs); karta plugin test runs them")]
        }
        var findings: [DoctorFinding] = []
        for failure in specs.flatMap(\.failures) {
            let (file, line) = split(failure.position)
            findings.append(DoctorFinding(.error, .specs, "\(failure.name): \(failure.message)",
                                          advice: "karta plugin test \(plugin.manifest.id) runs the specs; fix the spec or the plugin",
                                          file: file, line: line))
        }
        if findings.isEmpty {
            let passed = specs.reduce(0) { $0 + $1.passed }
            findings.append(DoctorFinding(.ok, .specs, "\(passed) passed in \(specs.count) file\(specs.count == 1 ? "" : "s")"))
        }
        return findings
    }

    /// `file:12` as the file and the line.
    private static func split(_ position: String) -> (String, Int?) {
        guard let colon = position.lastIndex(of: ":"), let line = Int(position[position.index(after: colon)...]) else {
            return (position, nil)
        }
        return (String(position[..<colon]), line)
    }
}
