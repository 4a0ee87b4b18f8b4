/// Lua source text for plain values, so the same data can be given to a stand-alone
/// `lua5.4` interpreter (benchmarks, debugging).
extension LuaValue {
    /// A Lua expression that evaluates to this value; functions become `nil`.
    public var luaSource: String {
        var out = ""
        write(into: &out)
        return out
    }

    private func write(into out: inout String) {
        switch self {
        case .nil, .function: out += "nil"
        case .boolean(let value): out += value ? "true" : "false"
        case .integer(let value): out += value == .min ? "math.mininteger" : String(value)
        case .number(let value):
            if value.isNaN { out += "(0/0)" } else if value.isInfinite { out += value > 0 ? "math.huge" : "-math.huge" } else { out += "\(value)" }
        case .string(let text): Self.quote(text, into: &out)
        case .table(let table):
            out += "{"
            for item in table.sequence { item.write(into: &out); out += "," }
            for key in table.fields.keys.sorted() {
                out += "["
                Self.quote(key, into: &out)
                out += "]="
                table.fields[key]!.write(into: &out)
                out += ","
            }
            for entry in table.otherEntries {
                out += "["
                entry.key.write(into: &out)
                out += "]="
                entry.value.write(into: &out)
                out += ","
            }
            out += "}"
        }
    }

    private static func quote(_ text: String, into out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let digits = String(scalar.value)
                out += "\\" + String(repeating: "0", count: 3 - digits.count) + digits
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
