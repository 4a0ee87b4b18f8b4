import KartaLua

/// What a global name of the sandbox holds, as a linter needs to know it.
public indirect enum LuaGlobalShape: Sendable, Hashable {
    /// A function or another value that is not a table.
    case value
    /// A table with these fields (`karta.report`, `string`).
    case table([String: LuaGlobalShape])
    /// A table whose fields are not fixed (`_G`, `spec.plugin`): any field may be read.
    case open
}

/// The globals Lua code finds in a plugin's sandbox: those of plugin code (`plugin.lua` and
/// its modules), and the ones spec files see besides or instead (`describe`, `it`,
/// `assert` with its checks, `spec`).
public struct SandboxGlobals: Sendable, Hashable {
    /// Every global of plugin code, by name.
    public var plugin: [String: LuaGlobalShape]
    /// The globals spec files see that plugin code does not, or sees otherwise.
    public var spec: [String: LuaGlobalShape]
}

extension Plugin {
    /// The sandbox's globals, read from a state made as a plugin's is and then as a spec's is:
    /// what the Lua libraries open and the sandbox keeps, the `karta` table with its
    /// namespaces, `require`, and the spec prelude's globals. For a linter's configuration
    /// (`karta plugin doctor` writes luacheck's from it), so that it never drifts from the
    /// sandbox.
    public static func sandboxGlobals() throws(PluginError) -> SandboxGlobals {
        do throws(LuaError) {
            let state = try LuaState()
            let log = state.makeFunction(name: "karta.log") { _ in [] }
            let loader = state.makeFunction(name: "require") { _ in throw LuaRaise("no modules here") }
            let karta = LuaValue.table(LuaTable(fields: [
                "api_version": .integer(Int64(kartaHostAPIVersion)), "version": .string(kartaVersion),
                "plugin_id": .string("sandbox"), "log": log,
            ]))
            _ = try state.run(kartaPrelude, chunkName: "karta/prelude.lua", arguments: [karta, loader])
            try state.setGlobal("print", log)
            let plugin = shapes(try state.run(globalsSource, chunkName: "karta/globals.lua").first)
            let none = state.makeFunction(name: "spec") { _ in [] }
            let chunk = try state.load("", chunkName: "spec")
            _ = try state.run(specPrelude, chunkName: "karta/spec.lua",
                              arguments: [.table(LuaTable()), none, .function(chunk), .string(""), none])
            let all = shapes(try state.run(globalsSource, chunkName: "karta/globals.lua").first)
            return SandboxGlobals(plugin: plugin, spec: all.filter { plugin[$0.key] != $0.value })
        } catch {
            throw PluginError(plugin: "sandbox", error)
        }
    }

    /// The shapes `globalsSource` returned: `true` for a value, `"*"` for an open table, a
    /// table of shapes for a table.
    private static func shapes(_ value: LuaValue?) -> [String: LuaGlobalShape] {
        guard case .table(let table)? = value else { return [:] }
        return table.fields.mapValues { item in
            switch item {
            case .table: .table(shapes(item))
            case .string: .open
            default: .value
            }
        }
    }
}

/// Describes `_G` three levels deep: `true` for a value, `"*"` for a table without fixed
/// fields (an empty one, `_G` itself), a table of the same for a table.
private let globalsSource = #"""
local function shape(value, depth, seen)
  if type(value) ~= "table" then return true end
  if depth == 0 or seen[value] or next(value) == nil then return "*" end
  seen[value] = true
  local fields = {}
  for key, item in pairs(value) do
    if type(key) == "string" then fields[key] = shape(item, depth - 1, seen) end
  end
  seen[value] = nil
  return fields
end

local globals = {}
for key, value in pairs(_G) do
  if type(key) == "string" then
    globals[key] = key == "_G" and "*" or shape(value, 3, {})
  end
end
return globals
"""#
