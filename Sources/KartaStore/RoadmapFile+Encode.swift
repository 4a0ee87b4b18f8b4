public import KartaCore

extension RoadmapFile {
    /// A roadmap as the YAML text of the data format (`karta: 1`), which ``decode(_:file:)``
    /// reads back to an equal roadmap. Every string is double-quoted, so no text can be
    /// taken for YAML syntax.
    public static func encode(_ roadmap: Roadmap) -> String {
        var out = "karta: \(formatVersion)\n"
        out += "id: \(quoted(roadmap.id))\n"
        out += "plugin: \(quoted(roadmap.plugin))\n"
        out += "region: \(roadmap.regionCode)\n"
        out += "municipality: \(quoted(roadmap.municipality))\n"
        out += "period: \(quoted(roadmap.period.description))\n"
        out += "title: \(quoted(roadmap.title))\n"
        if let subtitle = roadmap.subtitle { out += "subtitle: \(quoted(subtitle))\n" }
        if let goal = roadmap.goal { out += "goal: \(quoted(goal))\n" }
        if !roadmap.tasks.isEmpty { out += "tasks:\n" + roadmap.tasks.map { "  - \(quoted($0))\n" }.joined() }
        if let approval = roadmap.approval {
            let fields = [("by", approval.by), ("number", approval.number), ("date", approval.date)]
                .compactMap { key, value in value.map { "\(key): \(quoted($0))" } }
            out += "approval: {\(fields.joined(separator: ", "))}\n"
        }
        out += map("blocks", roadmap.blocks, indent: "")
        out += map("extra", roadmap.extra, indent: "")
        if !roadmap.signatures.isEmpty {
            out += "signatures:\n"
            for signature in roadmap.signatures {
                out += "  - kind: \(signature.kind.rawValue)\n"
                if let label = signature.label { out += "    label: \(quoted(label))\n" }
                out += "    position: \(quoted(signature.position))\n"
                out += "    name: \(quoted(signature.name))\n"
                if let date = signature.date { out += "    date: \(quoted(date))\n" }
            }
        }
        out += "activities:\n"
        for activity in roadmap.activities { encode(activity, indent: "  ", into: &out) }
        return out
    }

    private static func encode(_ activity: Activity, indent: String, into out: inout String) {
        let inner = indent + "  "
        out += "\(indent)- number: \(quoted(activity.number))\n"
        let derived = activity.number.hasSuffix(".") ? String(activity.number.dropLast()) : activity.number
        if activity.key != derived || activity.number.isEmpty { out += "\(inner)key: \(quoted(activity.key))\n" }
        let optional: [(String, String?)] = [
            ("stage", activity.stage), ("title", activity.title), ("description", activity.description),
            ("timing", activity.schedule?.text), ("fact", activity.fact), ("responsible", activity.responsible),
        ]
        for (key, value) in optional { if let value { out += "\(inner)\(key): \(quoted(value))\n" } }
        if !activity.roles.isEmpty { out += "\(inner)roles: [\(activity.roles.map(quoted).joined(separator: ", "))]\n" }
        for (key, value) in [("audience", activity.audience), ("level", activity.level), ("indicator", activity.indicator)] {
            if let value { out += "\(inner)\(key): \(quoted(value))\n" }
        }
        out += "\(inner)status: \(activity.status.rawValue)\n"
        if let report = activity.report { out += "\(inner)report: \(quoted(report))\n" }
        if !activity.evidence.isEmpty {
            out += "\(inner)evidence:\n"
            for item in activity.evidence {
                let fields = [("title", item.title), ("url", item.url), ("file", item.file)].compactMap { key, value in value.map { "\(key): \(quoted($0))" } }
                out += "\(inner)  - {\(fields.joined(separator: ", "))}\n"
            }
        }
        out += map("extra", activity.extra, indent: inner)
        if !activity.children.isEmpty {
            out += "\(inner)activities:\n"
            for child in activity.children { encode(child, indent: inner + "  ", into: &out) }
        }
    }

    private static func map(_ name: String, _ values: [String: String], indent: String) -> String {
        guard !values.isEmpty else { return "" }
        return "\(indent)\(name):\n" + values.keys.sorted().map { "\(indent)  \(quoted($0)): \(quoted(values[$0]!))\n" }.joined()
    }

    /// A YAML double-quoted scalar.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0x85 || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
