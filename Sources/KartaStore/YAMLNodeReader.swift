import Foundation
internal import Yams

/// Reads typed values out of a composed YAML tree, collecting errors with line, column and
/// field path instead of stopping at the first one.
struct YAMLNodeReader {
    let file: String
    private(set) var errors: [DataFileError] = []

    init(file: String) { self.file = file }

    mutating func fail(_ node: Node?, _ path: String, _ message: String) {
        errors.append(DataFileError(file: file, line: node?.mark?.line, column: node?.mark?.column, path: path, message: message))
    }

    /// The entries of a mapping, refusing keys outside `allowed` and duplicate keys.
    mutating func mapping(_ node: Node, _ path: String, allowed: [String]) -> [String: Node]? {
        guard case .mapping(let mapping) = node else {
            fail(node, path, "expected a mapping, found \(kind(of: node))")
            return nil
        }
        var result: [String: Node] = [:]
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string else {
                fail(keyNode, path, "a key must be a plain string")
                continue
            }
            let keyPath = path.isEmpty ? key : "\(path).\(key)"
            if result[key] != nil {
                fail(keyNode, keyPath, "duplicate key")
                continue
            }
            if !allowed.contains(key) {
                fail(keyNode, keyPath, "unknown field (expected one of: \(allowed.joined(separator: ", ")))")
                continue
            }
            result[key] = value
        }
        return result
    }

    /// A text value, verbatim as written; nil (and an error if required) when absent or null.
    mutating func string(_ node: Node?, _ path: String, required: Bool = false, parent: Node? = nil) -> String? {
        guard let node, !isNull(node) else {
            if required { fail(node ?? parent, path, "missing") }
            return nil
        }
        guard case .scalar(let scalar) = node else {
            fail(node, path, "expected a string, found \(kind(of: node))")
            return nil
        }
        // Control characters cannot be printed, stored faithfully or put into a DOCX.
        if let bad = scalar.string.unicodeScalars.first(where: { $0.value < 0x20 && $0 != "\n" && $0 != "\t" && $0 != "\r" }) {
            fail(node, path, "control character U+\(String(format: "%04X", bad.value)) is not allowed in text")
            return nil
        }
        return scalar.string
    }

    /// An integer value.
    mutating func int(_ node: Node?, _ path: String, required: Bool = false, parent: Node? = nil) -> Int? {
        guard let text = string(node, path, required: required, parent: parent) else { return nil }
        guard let value = Int(text) else {
            fail(node, path, "expected an integer, found '\(text)'")
            return nil
        }
        return value
    }

    /// A list of nodes (absent or null is an empty list).
    mutating func sequence(_ node: Node?, _ path: String) -> [Node] {
        guard let node, !isNull(node) else { return [] }
        guard case .sequence(let sequence) = node else {
            fail(node, path, "expected a list, found \(kind(of: node))")
            return []
        }
        return Array(sequence)
    }

    /// A list of text values.
    mutating func strings(_ node: Node?, _ path: String) -> [String] {
        sequence(node, path).enumerated().compactMap { index, item in
            string(item, "\(path)[\(index)]", required: true, parent: node)
        }
    }

    /// A mapping of names to text values.
    mutating func stringMap(_ node: Node?, _ path: String) -> [String: String] {
        guard let node, !isNull(node) else { return [:] }
        guard case .mapping(let mapping) = node else {
            fail(node, path, "expected a mapping of names to text, found \(kind(of: node))")
            return [:]
        }
        var result: [String: String] = [:]
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string else {
                fail(keyNode, path, "a key must be a plain string")
                continue
            }
            if result[key] != nil {
                fail(keyNode, "\(path).\(key)", "duplicate key")
                continue
            }
            if let text = string(value, "\(path).\(key)", required: true, parent: node) {
                result[key] = text
            }
        }
        return result
    }

    func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    func kind(of node: Node) -> String {
        switch node {
        case .scalar: "a scalar"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }
}
