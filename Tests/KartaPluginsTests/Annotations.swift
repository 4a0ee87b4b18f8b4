import Foundation
import KartaPlugins

/// The generated LuaLS annotations as the tests read them: parsed from the text of the files,
/// independently of the declarations they were made from.
struct Annotations {
    /// A `---@field` line: its type (without the `?` of an optional field) and whether it is optional.
    struct Field: Equatable, CustomStringConvertible {
        var type: String
        var optional: Bool
        var description: String { optional ? "(\(type))?" : type }
    }

    /// Fields by class, in the order written.
    private(set) var classes: [String: [(name: String, field: Field)]] = [:]
    /// `---@alias NAME` followed by `---| '"value"'` lines: the values.
    private(set) var enumerations: [String: [String]] = [:]
    /// `---@alias NAME TYPE`.
    private(set) var aliases: [String: String] = [:]
    /// `function PATH(PARAMETERS) end`: the parameter names.
    private(set) var functions: [String: [String]] = [:]
    /// `PATH = {}`.
    private(set) var tables: Set<String> = []

    /// Every file `karta plugin types` writes, read together.
    static let generated = Annotations(PluginTypes.files.map(\.text).joined(separator: "\n"))

    init(_ text: String) {
        var currentClass: String?
        var currentAlias: String?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("---@class ") {
                let name = String(line.dropFirst(10))
                currentClass = name
                classes[name] = classes[name] ?? []
                continue
            }
            if line.hasPrefix("---@field "), let name = currentClass {
                let rest = line.dropFirst(10)
                guard let space = rest.firstIndex(of: " ") else { continue }
                let (type, _) = Self.splitType(String(rest[rest.index(after: space)...]))
                classes[name, default: []].append((String(rest[..<space]), Self.field(type)))
                continue
            }
            if line.hasPrefix("---@overload ") { continue }
            currentClass = nil
            if line.hasPrefix("---@alias ") {
                let rest = line.dropFirst(10)
                if let space = rest.firstIndex(of: " ") {
                    aliases[String(rest[..<space])] = String(rest[rest.index(after: space)...])
                    currentAlias = nil
                } else {
                    currentAlias = String(rest)
                    enumerations[String(rest)] = []
                }
                continue
            }
            if line.hasPrefix("---| '\""), let alias = currentAlias {
                let value = line.dropFirst(7).prefix { $0 != "\"" }
                enumerations[alias, default: []].append(String(value))
                continue
            }
            currentAlias = nil
            if line.hasPrefix("function "), line.hasSuffix(") end"), let open = line.firstIndex(of: "(") {
                let path = String(line[line.index(line.startIndex, offsetBy: 9)..<open])
                let parameters = line[line.index(after: open)..<line.index(line.endIndex, offsetBy: -5)]
                functions[path] = parameters.isEmpty ? [] : parameters.components(separatedBy: ", ")
            } else if line.hasSuffix(" = {}") {
                tables.insert(String(line.dropLast(5)))
            }
        }
    }

    /// The type at the start of an annotation's rest and the description after it. A space ends
    /// the type only outside brackets and not right after `:`, `,` or `|` (`fun(a: T): R`).
    static func splitType(_ rest: String) -> (type: String, description: String) {
        var depth = 0
        var previous: Character = " "
        for index in rest.indices {
            let character = rest[index]
            switch character {
            case "(", "<", "{": depth += 1
            case ")", ">", "}": depth -= 1
            case " " where depth == 0 && !":,|".contains(previous):
                return (String(rest[..<index]), String(rest[rest.index(after: index)...]))
            default: break
            }
            previous = character
        }
        return (rest, "")
    }

    /// `string?` and `(a|b)?` as an optional field of type `string`, `a|b`. A function type's
    /// last `?` belongs to its last result (`fun(): boolean, string?`): such a field is required.
    static func field(_ type: String) -> Field {
        guard type.hasSuffix("?"), !type.hasPrefix("fun(") else { return Field(type: type, optional: false) }
        var inner = String(type.dropLast())
        if inner.hasPrefix("("), inner.hasSuffix(")") { inner = String(inner.dropFirst().dropLast()) }
        return Field(type: inner, optional: true)
    }

    /// The fields of a class by name.
    func fields(of name: String) -> [String: Field]? {
        classes[name].map { Dictionary($0.map { ($0.name, $0.field) }, uniquingKeysWith: { first, _ in first }) }
    }

    /// The alternatives of a union at its top level (`string|string[]` → `string`, `string[]`),
    /// with `(…)` around a whole alternative removed and type aliases followed.
    func alternatives(_ type: String) -> [String] {
        var parts: [String] = []
        var depth = 0
        var current = ""
        for character in type {
            switch character {
            case "(", "<", "{": depth += 1
            case ")", ">", "}": depth -= 1
            default: break
            }
            // `fun(): a|b` is one function returning a|b.
            if character == "|" && depth == 0 && !current.hasPrefix("fun(") {
                parts.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        parts.append(current)
        return parts.flatMap { part -> [String] in
            if part.hasPrefix("("), part.hasSuffix(")") { return alternatives(String(part.dropFirst().dropLast())) }
            if let alias = aliases[part] { return alternatives(alias) }
            return [part]
        }
    }

    /// The element types of a type's list alternatives (`(karta.Cells|karta.Row)[]` → both).
    func elements(_ type: String) -> [String] {
        alternatives(type).filter { $0.hasSuffix("[]") }.flatMap { alternatives(String($0.dropLast(2))) }
    }

    /// Whether the type (or one of its alternatives) is a table: a class, `table<…>` or a list.
    func isTable(_ type: String) -> Bool {
        alternatives(type).contains { classes[$0] != nil || $0.hasPrefix("table<") || $0.hasSuffix("[]") }
    }
}
