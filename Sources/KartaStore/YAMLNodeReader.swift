import KartaCore

/// The fields of a mapping that passed ``YAMLNodeReader/mapping(_:_:allowed:)``: known
/// names only, each once, in file order.
struct YAMLFields {
    fileprivate var entries: [(name: String, node: YAMLNode)] = []

    /// The value of a field, nil when absent.
    subscript(name: String) -> YAMLNode? {
        entries.first { $0.name == name }?.node
    }
}

/// Reads typed values out of a composed YAML tree, collecting errors with line, column and
/// field path instead of stopping at the first one.
///
/// Paths are taken as autoclosures: they are built only when there is an error to report.
struct YAMLNodeReader {
    let file: String
    private(set) var errors: [DataFileError] = []

    init(file: String) { self.file = file }

    mutating func fail(_ node: YAMLNode?, _ path: String, _ message: String) {
        errors.append(DataFileError(file: file, line: node?.line, column: node?.column, path: path, message: message))
    }

    /// The entries of a mapping, refusing keys outside `allowed` and duplicate keys.
    mutating func mapping(_ node: YAMLNode, _ path: @autoclosure () -> String, allowed: [String]) -> YAMLFields? {
        guard case .mapping(let mapping) = node.content else {
            fail(node, path(), "expected a mapping, found \(kind(of: node))")
            return nil
        }
        var fields = YAMLFields()
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar else {
                fail(keyNode, path(), "a key must be a plain string")
                continue
            }
            let keyPath = { (path: String) in path.isEmpty ? key : "\(path).\(key)" }
            guard allowed.contains(key) else {
                fail(keyNode, keyPath(path()),
                     "unknown field\(NearestName.suggestion(for: key, in: allowed)) (expected one of: \(allowed.joined(separator: ", ")))")
                continue
            }
            if fields[key] != nil {
                fail(keyNode, keyPath(path()), "duplicate key")
                continue
            }
            fields.entries.append((key, value))
        }
        return fields
    }

    /// A text value, verbatim as written; nil (and an error if required) when absent or null.
    mutating func string(_ node: YAMLNode?, _ path: @autoclosure () -> String, required: Bool = false,
                         parent: YAMLNode? = nil) -> String? {
        guard let node, !isNull(node) else {
            if required { fail(node ?? parent, path(), "missing") }
            return nil
        }
        guard case .scalar(let text, _, _) = node.content else {
            fail(node, path(), "expected a string, found \(kind(of: node))")
            return nil
        }
        return stored(text, node, path())
    }

    /// The text as stored, or nil after an error: control characters cannot be printed,
    /// stored faithfully or put into a DOCX — the host's one rule for stored text
    /// (`StoredText`). A double-quoted escape (`"\e"`, `"\x9B"`, `"\N"`) can bring any of
    /// them in (libyaml refuses them written out, and reads a written NEL as a line break);
    /// a CRLF written as `"\r\n"` is kept as a line feed.
    private mutating func stored(_ text: String, _ node: YAMLNode, _ path: @autoclosure () -> String) -> String? {
        switch StoredText.checked(text) {
        case .success(let stored):
            return stored
        case .failure(let problem):
            fail(node, path(), "control character \(problem.code) is not allowed in text (\(problem.name.map { "\($0), " } ?? "")character \(problem.position))")
            return nil
        }
    }

    /// An integer value.
    mutating func int(_ node: YAMLNode?, _ path: @autoclosure () -> String, required: Bool = false,
                      parent: YAMLNode? = nil) -> Int? {
        guard let text = string(node, path(), required: required, parent: parent) else { return nil }
        guard let value = Int(text) else {
            fail(node, path(), "expected an integer, found '\(text)'")
            return nil
        }
        return value
    }

    /// A list of nodes (absent or null is an empty list).
    mutating func sequence(_ node: YAMLNode?, _ path: @autoclosure () -> String) -> [YAMLNode] {
        guard let node, !isNull(node) else { return [] }
        guard case .sequence(let sequence) = node.content else {
            fail(node, path(), "expected a list, found \(kind(of: node))")
            return []
        }
        return sequence
    }

    /// A list of text values.
    mutating func strings(_ node: YAMLNode?, _ path: @autoclosure () -> String) -> [String] {
        sequence(node, path()).enumerated().compactMap { index, item in
            string(item, "\(path())[\(index)]", required: true, parent: node)
        }
    }

    /// A mapping of names to text values.
    mutating func stringMap(_ node: YAMLNode?, _ path: @autoclosure () -> String) -> [String: String] {
        guard let node, !isNull(node) else { return [:] }
        guard case .mapping(let mapping) = node.content else {
            fail(node, path(), "expected a mapping of names to text, found \(kind(of: node))")
            return [:]
        }
        var result: [String: String] = [:]
        for (keyNode, value) in mapping {
            guard let scalar = keyNode.scalar else {
                fail(keyNode, path(), "a key must be a plain string")
                continue
            }
            guard let key = stored(scalar, keyNode, "\(path()) (a key)") else { continue }
            if result[key] != nil {
                fail(keyNode, "\(path()).\(key)", "duplicate key")
                continue
            }
            if let text = string(value, "\(path()).\(key)", required: true, parent: node) {
                result[key] = text
            }
        }
        return result
    }

    func isNull(_ node: YAMLNode) -> Bool {
        guard case .scalar(let text, plain: true, _) = node.content else { return false }
        return text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL"
    }

    func kind(of node: YAMLNode) -> String {
        switch node.content {
        case .scalar: "a scalar"
        case .mapping: "a mapping"
        case .sequence: "a list"
        }
    }
}
