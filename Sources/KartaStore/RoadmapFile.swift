public import KartaCore

/// The roadmap data format (`karta: 1`), documented in `docs/data-format.md`.
///
/// Reading is strict and reports every problem with file, line, column and field path.
public enum RoadmapFile {
    /// The format version this build reads.
    public static let formatVersion = 1

    static let topLevelFields = [
        "karta", "id", "plugin", "region", "municipality", "period", "title", "subtitle", "goal", "tasks",
        "approval", "blocks", "signatures", "extra", "activities",
    ]
    static let activityFields = [
        "number", "key", "stage", "title", "description", "timing", "fact", "responsible", "roles", "audience",
        "level", "indicator", "status", "report", "evidence", "extra", "activities",
    ]

    /// Reads a roadmap from YAML text.
    ///
    /// - Parameters:
    ///   - text: the file's contents.
    ///   - file: the file name to put in error messages.
    /// - Throws: ``DataFileErrors`` listing every problem found.
    public static func decode(_ text: String, file: String) throws(DataFileErrors) -> Roadmap {
        var reader = YAMLNodeReader(file: file)
        let root: YAMLNode?
        do {
            root = try YAMLNode.compose(text, file: file)
        } catch {
            throw DataFileErrors([error])
        }
        guard let root else {
            throw DataFileErrors([DataFileError(file: file, line: 1, message: "empty file: expected a roadmap (see docs/data-format.md)")])
        }
        guard let fields = reader.mapping(root, "", allowed: topLevelFields) else {
            throw DataFileErrors(reader.errors)
        }
        let roadmap = decodeRoadmap(fields, root: root, reader: &reader)
        if !reader.errors.isEmpty { throw DataFileErrors(reader.errors) }
        guard let roadmap else {
            throw DataFileErrors([DataFileError(file: file, message: "not a roadmap")])
        }
        return roadmap
    }

    private static func decodeRoadmap(_ fields: YAMLFields, root: YAMLNode, reader: inout YAMLNodeReader) -> Roadmap? {
        if let version = reader.int(fields["karta"], "karta", required: true, parent: root), version != formatVersion {
            reader.fail(fields["karta"], "karta", "unsupported format version \(version) (this build reads \(formatVersion))")
        }
        let id = reader.string(fields["id"], "id", required: true, parent: root)
        if let id, !isValidID(id) {
            reader.fail(fields["id"], "id", "'\(id)' is not a valid id (1–64 lowercase Latin letters, digits and '-')")
        }
        let plugin = reader.string(fields["plugin"], "plugin", required: true, parent: root)
        let region = reader.int(fields["region"], "region", required: true, parent: root)
        let municipality = reader.string(fields["municipality"], "municipality", required: true, parent: root)
        var period: Period?
        if let text = reader.string(fields["period"], "period", required: true, parent: root) {
            period = Period(text)
            if period == nil {
                reader.fail(fields["period"], "period", "expected a year (2021) or a school year (\"2020-2021\"), found '\(text)'")
            }
        }
        let title = reader.string(fields["title"], "title", required: true, parent: root)
        let approval = fields["approval"].flatMap { decodeApproval($0, reader: &reader) }
        let signatures = reader.sequence(fields["signatures"], "signatures").enumerated().compactMap { index, node in
            decodeSignature(node, path: "signatures[\(index)]", reader: &reader)
        }
        let activityNodes = reader.sequence(fields["activities"], "activities")
        if fields["activities"] == nil {
            reader.fail(root, "activities", "missing")
        }
        let activities = activityNodes.enumerated().compactMap { index, node in
            decodeActivity(node, path: "activities[\(index)]", parentKey: nil, position: index + 1, reader: &reader)
        }
        guard let id, let plugin, let region, let municipality, let period, let title else { return nil }
        return Roadmap(
            id: id, plugin: plugin, regionCode: region, municipality: municipality, period: period, title: trimmed(title),
            subtitle: reader.string(fields["subtitle"], "subtitle").map(trimmed),
            goal: reader.string(fields["goal"], "goal").map(trimmed),
            tasks: reader.strings(fields["tasks"], "tasks"),
            approval: approval,
            blocks: reader.stringMap(fields["blocks"], "blocks").mapValues(trimmed),
            signatures: signatures,
            extra: reader.stringMap(fields["extra"], "extra"),
            activities: activities)
    }

    private static func decodeApproval(_ node: YAMLNode, reader: inout YAMLNodeReader) -> Approval? {
        guard let fields = reader.mapping(node, "approval", allowed: ["by", "number", "date"]) else { return nil }
        let date = reader.string(fields["date"], "approval.date")
        if let date, !isISODate(date) {
            reader.fail(fields["date"], "approval.date", "expected a date YYYY-MM-DD, found '\(date)'")
        }
        return Approval(
            by: reader.string(fields["by"], "approval.by"),
            number: reader.string(fields["number"], "approval.number"),
            date: date)
    }

    private static func decodeSignature(_ node: YAMLNode, path: String, reader: inout YAMLNodeReader) -> Signature? {
        guard let fields = reader.mapping(node, path, allowed: ["kind", "label", "position", "name", "date"]) else { return nil }
        var kind: Signature.Kind?
        if let text = reader.string(fields["kind"], "\(path).kind", required: true, parent: node) {
            kind = Signature.Kind(rawValue: text)
            if kind == nil {
                reader.fail(fields["kind"], "\(path).kind", "expected 'approval' or 'signature', found '\(text)'")
            }
        }
        let position = reader.string(fields["position"], "\(path).position", required: true, parent: node)
        let name = reader.string(fields["name"], "\(path).name", required: true, parent: node)
        guard let kind, let position, let name else { return nil }
        return Signature(
            kind: kind, label: reader.string(fields["label"], "\(path).label"), position: trimmed(position), name: name,
            date: reader.string(fields["date"], "\(path).date"))
    }

    private static func decodeActivity(
        _ node: YAMLNode, path: String, parentKey: String?, position: Int, reader: inout YAMLNodeReader
    ) -> Activity? {
        guard let fields = reader.mapping(node, path, allowed: activityFields) else { return nil }
        let number = reader.string(fields["number"], "\(path).number", required: parentKey == nil, parent: node) ?? ""
        let explicitKey = reader.string(fields["key"], "\(path).key")
        let key: String
        if let explicitKey {
            key = explicitKey
        } else if !number.isEmpty {
            key = number.hasSuffix(".") ? String(number.dropLast()) : number
        } else {
            key = "\(parentKey ?? "")\(parentKey == nil ? "" : ".")\(position)"
        }
        let title = reader.string(fields["title"], "\(path).title", required: true, parent: node)
        var status = Status.planned
        if let text = reader.string(fields["status"], "\(path).status") {
            // Which statuses exist is the plugin's to say; it checks them after decoding.
            if !text.isEmpty, text.utf8.allSatisfy({ ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 95 }) {
                status = Status(text)
            } else {
                reader.fail(fields["status"], "\(path).status", "'\(text)' is not a status id (a-z, 0-9, _)")
            }
        }
        let evidence = reader.sequence(fields["evidence"], "\(path).evidence").enumerated().compactMap { index, item in
            decodeEvidence(item, path: "\(path).evidence[\(index)]", reader: &reader)
        }
        let children = reader.sequence(fields["activities"], "\(path).activities").enumerated().compactMap { index, child in
            decodeActivity(child, path: "\(path).activities[\(index)]", parentKey: key, position: index + 1, reader: &reader)
        }
        let text = { (name: String, reader: inout YAMLNodeReader) -> String? in
            reader.string(fields[name], "\(path).\(name)").map(trimmed)
        }
        guard let title else { return nil }
        return Activity(
            key: key, number: number, stage: reader.string(fields["stage"], "\(path).stage"), title: trimmed(title),
            description: text("description", &reader),
            schedule: text("timing", &reader).map(Schedule.init),
            fact: text("fact", &reader),
            responsible: text("responsible", &reader),
            roles: reader.strings(fields["roles"], "\(path).roles"),
            audience: text("audience", &reader),
            level: text("level", &reader),
            indicator: text("indicator", &reader),
            status: status,
            report: text("report", &reader),
            evidence: evidence,
            extra: reader.stringMap(fields["extra"], "\(path).extra"),
            children: children)
    }

    private static func decodeEvidence(_ node: YAMLNode, path: String, reader: inout YAMLNodeReader) -> Evidence? {
        if case .mapping = node.content {
            guard let fields = reader.mapping(node, path, allowed: ["title", "url", "file"]) else { return nil }
            let title = reader.string(fields["title"], "\(path).title").map(trimmed)
            let url = reader.string(fields["url"], "\(path).url")
            let file = reader.string(fields["file"], "\(path).file")
            if let file, file.count != 64 || !file.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }) {
                reader.fail(fields["file"], "\(path).file", "expected the SHA-256 of an uploaded file (64 hex digits), found '\(file)'")
            }
            if title == nil && url == nil {
                reader.fail(node, path, "evidence needs a title, a url or both")
                return nil
            }
            if let url, !Evidence.isLink(url) {
                reader.fail(fields["url"], "\(path).url", "expected a link starting with http:// or https://, found '\(url)'")
            }
            return Evidence(title: title, url: url, file: file)
        }
        guard case .scalar = node.content else {
            reader.fail(node, path, "expected a string or a mapping with title/url, found \(reader.kind(of: node))")
            return nil
        }
        guard let text = reader.string(node, path, required: true) else { return nil }
        return Evidence(parsing: trimmed(text))
    }

    /// Drops the trailing line break a YAML block scalar adds; inner text stays verbatim.
    static func trimmed(_ text: String) -> String {
        guard text.utf8.last == 0x0A else { return text }
        var text = Substring(text)
        while text.last == "\n" { text = text.dropLast() }
        return String(text)
    }

    /// 1–64 of `a-z`, `0-9`, `-`: the id names report files (`<id>.<report>.xlsx`), which
    /// must stay far below a file system's 255 bytes.
    static func isValidID(_ id: String) -> Bool {
        (1...64).contains(id.utf8.count) && id.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 }
    }

    /// `YYYY-MM-DD` naming a day that exists (not 2021-02-30).
    static func isISODate(_ text: String) -> Bool {
        CalendarDate(iso: text) != nil
    }

    /// Where each field path of a roadmap file starts (`activities[3].roles[0]` → line and
    /// column, 1-based), for problems found after decoding (unknown roles and stages,
    /// duplicate numbers). Empty when the text is not YAML.
    public static func locations(in text: String) -> [String: (line: Int, column: Int)] {
        guard let root = try? YAMLNode.compose(text, file: "") else { return [:] }
        var result: [String: (line: Int, column: Int)] = [:]
        func walk(_ node: YAMLNode, _ path: String) {
            result[path] = (node.line, node.column)
            switch node.content {
            case .mapping(let mapping):
                for (key, value) in mapping {
                    guard let name = key.scalar else { continue }
                    walk(value, path.isEmpty ? name : "\(path).\(name)")
                }
            case .sequence(let sequence):
                for (index, item) in sequence.enumerated() { walk(item, "\(path)[\(index)]") }
            default:
                break
            }
        }
        walk(root, "")
        return result
    }

    /// The location of a path, or of its nearest enclosing field that has one.
    public static func location(of path: String, in locations: [String: (line: Int, column: Int)]) -> (line: Int, column: Int)? {
        var path = Substring(path)
        while !path.isEmpty {
            if let found = locations[String(path)] { return found }
            guard let cut = path.lastIndex(where: { $0 == "." || $0 == "[" }) else { break }
            path = path[..<cut]
        }
        return locations[""]
    }
}
