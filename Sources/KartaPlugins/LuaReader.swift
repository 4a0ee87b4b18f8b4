import KartaCore
import KartaLua

/// Reads typed values out of a ``LuaValue`` tree, collecting path-keyed problems. Paths are
/// autoclosures: built only for a problem (a report has thousands of cells).
struct LuaReader {
    private(set) var problems: [ManifestProblem] = []

    mutating func fail(_ path: String, _ message: String) {
        problems.append(ManifestProblem(path: path, message: message))
    }

    /// Text a plugin hands the host, under the rule of stored text (``StoredText``): no control
    /// characters but tab and line feed, CRLF taken as LF. What a plugin declares or prints
    /// reaches terminals, files and pages; an escape sequence in a cell would reach them too.
    mutating func text(_ text: String, _ path: @autoclosure () -> String) -> String {
        switch StoredText.checked(text) {
        case .success(let checked): return checked
        case .failure(let bad):
            fail(path(), "\(bad)")
            return text
        }
    }

    /// The fields of a table, refusing keys outside `allowed`.
    mutating func table(_ value: LuaValue, _ path: @autoclosure () -> String, allowed: [String]? = nil) -> LuaTable? {
        guard case .table(let table) = value else {
            fail(path(), value == .nil ? "missing" : "expected a table, found \(value.typeName)")
            return nil
        }
        if let allowed {
            for key in table.fields.keys.sorted() where !allowed.contains(key) {
                fail(join(path(), key), "unknown field\(NearestName.suggestion(for: key, in: allowed)) (expected one of: \(allowed.joined(separator: ", ")))")
            }
            if !table.sequence.isEmpty || !table.otherEntries.isEmpty {
                fail(path(), "expected named fields only, found list entries")
            }
        }
        return table
    }

    /// The fields of a table of a declared shape, refusing keys the shape does not declare.
    mutating func table(_ value: LuaValue, _ path: @autoclosure () -> String, shape: LuaShape) -> LuaTable? {
        table(value, path(), allowed: shape.fieldNames)
    }

    /// A list: the sequence part of a table; other keys are refused.
    mutating func list(_ value: LuaValue, _ path: @autoclosure () -> String, required: Bool = false) -> [LuaValue] {
        switch value {
        case .nil:
            if required { fail(path(), "missing") }
            return []
        case .table(let table):
            if !table.fields.isEmpty || !table.otherEntries.isEmpty {
                fail(path(), "expected a list (a table with keys 1, 2, 3, ...), found other keys")
            }
            return table.sequence
        default:
            fail(path(), "expected a list, found \(value.typeName)")
            return []
        }
    }

    mutating func string(_ value: LuaValue, _ path: @autoclosure () -> String, required: Bool = false) -> String? {
        switch value {
        case .nil:
            if required { fail(path(), "missing") }
            return nil
        case .string(let text):
            if required && text.isEmpty { fail(path(), "empty") }
            return self.text(text, path())
        default:
            fail(path(), "expected a string, found \(value.typeName)")
            return nil
        }
    }

    mutating func integer(_ value: LuaValue, _ path: @autoclosure () -> String, required: Bool = false) -> Int? {
        switch value {
        case .nil:
            if required { fail(path(), "missing") }
            return nil
        case .integer(let number):
            guard let int = Int(exactly: number) else {
                fail(path(), "integer out of range")
                return nil
            }
            return int
        case .number(let number) where number.isFinite && number.rounded() == number && abs(number) < 1e15:
            return Int(number)
        default:
            fail(path(), "expected an integer, found \(value.typeName == "number" ? "a non-integer number" : value.typeName)")
            return nil
        }
    }

    mutating func number(_ value: LuaValue, _ path: @autoclosure () -> String) -> Double? {
        switch value {
        case .nil: return nil
        case .integer(let number): return Double(number)
        case .number(let number) where number.isFinite: return number
        case .number:
            fail(path(), "expected a finite number, found NaN or infinity")
            return nil
        default:
            fail(path(), "expected a number, found \(value.typeName)")
            return nil
        }
    }

    mutating func boolean(_ value: LuaValue, _ path: @autoclosure () -> String) -> Bool? {
        switch value {
        case .nil: return nil
        case .boolean(let flag): return flag
        default:
            fail(path(), "expected true or false, found \(value.typeName)")
            return nil
        }
    }

    mutating func function(_ value: LuaValue, _ path: @autoclosure () -> String, required: Bool = false) -> LuaFunctionRef? {
        switch value {
        case .nil:
            if required { fail(path(), "missing") }
            return nil
        case .function(let function):
            return function
        default:
            fail(path(), "expected a function, found \(value.typeName)")
            return nil
        }
    }

    /// One of an enum's cases, by its raw value; the cases are what the annotations list too.
    mutating func oneOf<T: CaseIterable & RawRepresentable<String>>(
        _ value: LuaValue, _ path: @autoclosure () -> String, _ type: T.Type, required: Bool = false
    ) -> T? {
        guard let text = string(value, path(), required: required) else { return nil }
        guard let result = T(rawValue: text) else {
            let names = T.allCases.map(\.rawValue)
            fail(path(), "expected one of \(names.map { "'\($0)'" }.joined(separator: ", ")), found '\(text)'\(NearestName.suggestion(for: text, in: names))")
            return nil
        }
        return result
    }

    func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
}
