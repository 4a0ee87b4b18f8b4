import Foundation
import KartaCore
import KartaPlugins

extension PluginDoctor {
    /// Roles no fixture activity names in its `roles` and no spec acts as (`spec.move(…, { as = … })`):
    /// nothing shows what they are for.
    static func roles(_ plugin: Plugin, roadmaps: [FixtureRoadmap], specs: [PluginSpecResult], lines: DeclarationLines) -> [DoctorFinding] {
        let roles = plugin.manifest.roles
        guard !roles.isEmpty, !roadmaps.isEmpty else { return [] }
        let named = Set(roadmaps.flatMap { $0.roadmap.allActivities.flatMap(\.roles) })
        let acting = specs.reduce(into: Set<String>()) { $0.formUnion($1.roles) }
        let folder = ((roadmaps.first?.file ?? "regions/\(plugin.manifest.id)/x.yaml") as NSString).deletingLastPathComponent
        var findings: [DoctorFinding] = []
        for role in roles where !named.contains(role.id) && !acting.contains(role.id) {
            findings.append(DoctorFinding(
                .warning, .roles, "role '\(role.id)' («\(role.abbreviation)») is named by no fixture activity and acts in no spec",
                advice: "name it in the `roles` of the activities it is responsible for in \(folder)/*.yaml, show what it may do "
                    + "in a spec (spec.move(roadmap, key, move, { as = \"\(role.id)\" })), or remove it if the region's documents do not need it",
                file: plugin.location.entry, line: lines.declaration(role.id, in: "roles")))
        }
        if findings.isEmpty {
            findings.append(DoctorFinding(.ok, .roles, (roles.count == 1 ? "the only role is used: " : "all \(roles.count) roles are used: ")
                + "\(roles.filter { named.contains($0.id) }.count) named by fixture activities, "
                + "\(roles.filter { acting.contains($0.id) }.count) acting in specs"))
        }
        return findings
    }

    /// Stages no fixture activity names, itself or through a sub-stage.
    static func stages(_ plugin: Plugin, roadmaps: [FixtureRoadmap], lines: DeclarationLines) -> [DoctorFinding] {
        let stages = plugin.manifest.stages
        guard !stages.isEmpty else { return [DoctorFinding(.ok, .stages, "none declared")] }
        guard !roadmaps.isEmpty else { return [] }
        let parents = Dictionary(stages.map { ($0.id, $0.parent) }, uniquingKeysWith: { first, _ in first })
        var used: Set<String> = []
        for id in roadmaps.flatMap({ $0.roadmap.allActivities.compactMap(\.stage) }) {
            var next: String? = id
            while let stage = next, used.insert(stage).inserted { next = parents[stage] ?? nil }
        }
        let folder = (roadmaps[0].file as NSString).deletingLastPathComponent
        var findings: [DoctorFinding] = []
        for stage in stages where !used.contains(stage.id) {
            findings.append(DoctorFinding(
                .warning, .stages, "stage '\(stage.id)' («\(stage.title)») is named by no fixture activity",
                advice: "give it to the activities of that section in \(folder)/*.yaml (stage: \"\(stage.id)\"), "
                    + "or remove it if the region's documents do not have it",
                file: plugin.location.entry, line: lines.declaration(stage.id, in: "stages")))
        }
        if findings.isEmpty {
            findings.append(DoctorFinding(.ok, .stages, stages.count == 1 ? "the only stage is used by fixture activities"
                : "all \(stages.count) stages are used by fixture activities"))
        }
        return findings
    }
}

/// Where declarations are in `plugin.lua`, found by their text: good enough to point at a
/// line, never used for anything but the place of a finding.
struct DeclarationLines {
    /// The file's lines.
    private let lines: [Substring]

    /// Reads the lines of a plugin's source.
    init(source: String) {
        lines = source.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// The line of the first `name = …` (1-based).
    func field(_ name: String) -> Int? {
        first(matching: #"(^|[\s{,.])\#(name)\s*="#, from: 0)
    }

    /// The line of `id = "ID"` in the first list after the line that declares `section`
    /// (`roles`, `stages`, `transitions`).
    func declaration(_ id: String, in section: String) -> Int? {
        guard let start = field(section) else { return nil }
        let quoted = NSRegularExpression.escapedPattern(for: id)
        return first(matching: #"id\s*=\s*["']\#(quoted)["']"#, from: start - 1)
    }

    private func first(matching pattern: String, from start: Int) -> Int? {
        guard let expression = try? NSRegularExpression(pattern: pattern) else { return nil }
        for index in start..<lines.count {
            let line = String(lines[index])
            if line.trimmingCharacters(in: .whitespaces).hasPrefix("--") { continue }
            if expression.firstMatch(in: line, range: NSRange(location: 0, length: (line as NSString).length)) != nil {
                return index + 1
            }
        }
        return nil
    }
}
