import KartaCore
import KartaLua

extension Roadmap {
    /// The roadmap as the Lua table a report function receives (see docs/plugin-authoring.md).
    var luaValue: LuaValue {
        var table = LuaTable()
        table["id"] = .string(id)
        table["plugin"] = .string(plugin)
        table["region"] = .table(LuaTable(fields: ["code": .integer(Int64(regionCode))]))
        table["municipality"] = .string(municipality)
        table["period"] = .string(period.description)
        switch period {
        case .year(let year):
            table["period_kind"] = "year"
            table["year"] = .integer(Int64(year))
        case .schoolYear(let start):
            table["period_kind"] = "school_year"
            table["year"] = .integer(Int64(start))
        }
        table["title"] = .string(title)
        table["subtitle"] = optional(subtitle)
        table["goal"] = optional(goal)
        table["tasks"] = .table(LuaTable(sequence: tasks.map(LuaValue.string)))
        if let approval {
            table["approval"] = .table(LuaTable(fields: [
                "by": optional(approval.by), "number": optional(approval.number), "date": optional(approval.date),
            ].filter { $0.value != .nil }))
        }
        table["blocks"] = stringMap(blocks)
        table["signatures"] = .table(LuaTable(sequence: signatures.map { signature in
            .table(LuaTable(fields: [
                "kind": .string(signature.kind.rawValue), "label": optional(signature.label),
                "position": .string(signature.position), "name": .string(signature.name), "date": optional(signature.date),
            ].filter { $0.value != .nil }))
        }))
        table["extra"] = stringMap(extra)
        table["activities"] = .table(LuaTable(sequence: activities.map(\.luaValue)))
        return .table(table)
    }
}

extension Activity {
    /// The activity as a Lua table; absent optional fields are nil.
    var luaValue: LuaValue {
        var table = LuaTable()
        table["key"] = .string(key)
        table["number"] = .string(number)
        table["stage"] = optional(stage)
        table["title"] = .string(title)
        table["description"] = optional(description)
        table["timing"] = optional(schedule?.text)
        table["fact"] = optional(fact)
        table["responsible"] = optional(responsible)
        table["roles"] = .table(LuaTable(sequence: roles.map(LuaValue.string)))
        table["audience"] = optional(audience)
        table["level"] = optional(level)
        table["indicator"] = optional(indicator)
        table["status"] = .string(status.rawValue)
        table["status_text"] = .string(status.russian)
        table["report"] = optional(report)
        table["evidence"] = .table(LuaTable(sequence: evidence.map { item in
            .table(LuaTable(fields: [
                "title": optional(item.title), "url": optional(item.url), "text": .string(item.printed),
            ].filter { $0.value != .nil }))
        }))
        table["extra"] = stringMap(extra)
        table["activities"] = .table(LuaTable(sequence: children.map(\.luaValue)))
        return .table(table)
    }
}

private func optional(_ text: String?) -> LuaValue {
    text.map(LuaValue.string) ?? .nil
}

private func stringMap(_ map: [String: String]) -> LuaValue {
    .table(LuaTable(fields: map.mapValues(LuaValue.string)))
}
