/// LuaLS annotation files for the whole plugin API (what `karta plugin types` writes): the
/// `karta` table and `require`, what `plugin.lua` declares, what the host gives a plugin's
/// functions, the report document, and the globals of spec files. Each is a `---@meta` file
/// of `---@class`, `---@field`, `---@alias`, `---@param` and `---@return` annotations and
/// empty function stubs, in the format LuaLS documents (luals.github.io/wiki/annotations),
/// with an English and a Russian line for every class, field and function. They are made
/// from the declarations the host validates with, so they say what the host accepts.
public enum PluginTypes {
    /// The folder the annotation files are written into, beside `.luarc.json`.
    public static let folder = "types"

    /// The annotation files: a name inside ``folder`` (`karta.lua`) and the file's text.
    public static var files: [(name: String, text: String)] {
        LuaTypeFile.all.map { ($0.name, $0.rendered) }
    }
}

/// One declaration of an annotation file.
enum LuaDeclaration: Sendable {
    /// A named type.
    case alias(LuaAlias)
    /// A table shape (`---@class` and its fields).
    case shape(LuaShape)
    /// A global table of a class: `karta = {}`, `assert = {}` (with a call signature when it is also a function).
    case global(String, LuaShape, call: String? = nil)
    /// A table of functions reached through a global: `karta.text = {}`.
    case table(String, LuaText)
    /// A function stub.
    case function(LuaFunction)
}

/// One annotation file.
struct LuaTypeFile: Sendable {
    /// The file name inside the types folder.
    var name: String
    /// What the file declares.
    var text: LuaText
    /// Its declarations, in order.
    var declarations: [LuaDeclaration]

    static let all: [LuaTypeFile] = [
        LuaTypeFile(
            name: "karta.lua",
            text: LuaText("The karta table and the sandbox's require.", "Таблица karta и require песочницы."),
            declarations: [.global("karta", .api), .function(.log), .table("karta.text", LuaText("Text helpers.", "Работа с текстом."))]
                + LuaFunction.text.map(LuaDeclaration.function)
                + [.table("karta.report", LuaText("Helpers for building report documents.", "Помощники для построения документов отчетов."))]
                + LuaFunction.report.map(LuaDeclaration.function)
                + [.table("karta.rollup", LuaText("Helpers for region reports.", "Помощники для отчетов по региону."))]
                + LuaFunction.rollup.map(LuaDeclaration.function)
                + [.function(.require)]),
        LuaTypeFile(
            name: "manifest.lua",
            text: LuaText("What plugin.lua returns (the type karta.Manifest), and everything in it.",
                          "То, что возвращает plugin.lua (тип karta.Manifest), и все, что в нем."),
            declarations: [LuaAlias.calendar, .permission, .statusClass, .requirement, .scheduleKind, .reportScope].map(LuaDeclaration.alias)
                + LuaShape.manifestShapes.map(LuaDeclaration.shape)),
        LuaTypeFile(
            name: "roadmap.lua",
            text: LuaText("What the host gives a plugin's functions: the roadmap, its activities, the change a rule checks.",
                          "То, что хост передает функциям плагина: дорожная карта, ее мероприятия, изменение, которое проверяет правило."),
            declarations: [.alias(.signatureKind)] + LuaShape.roadmapShapes.map(LuaDeclaration.shape)),
        LuaTypeFile(
            name: "document.lua",
            text: LuaText("The report document a format's build returns.", "Документ отчета, который возвращает build формы."),
            declarations: [LuaAlias.orientation, .alignment, .columnType, .rowKind, .block, .cells].map(LuaDeclaration.alias)
                + LuaShape.documentShapes.map(LuaDeclaration.shape)),
        LuaTypeFile(
            name: "spec.lua",
            text: LuaText("The globals of spec files (spec/*_spec.lua).", "Глобальные имена файлов спецификаций (spec/*_spec.lua)."),
            declarations: LuaFunction.specGlobals.map(LuaDeclaration.function)
                + [.global("assert", .specAssert, call: "fun(v: any, message?: any, ...: any): any")]
                + LuaFunction.specAssertions.map(LuaDeclaration.function)
                + [.global("spec", .spec)]),
    ]

    /// The file's text.
    var rendered: String {
        var out = """
        ---@meta _
        -- \(text.english)
        -- \(text.russian)
        -- Karta \(kartaVersion), host API \(kartaHostAPIVersion). Written by `karta plugin types`: do not edit; run it again after upgrading Karta.
        -- Karta \(kartaVersion), API хоста \(kartaHostAPIVersion). Создано командой `karta plugin types`: не редактируйте; после обновления Karta запустите ее снова.

        """
        for declaration in declarations {
            out += "\n" + Self.render(declaration)
        }
        return out
    }

    private static func render(_ declaration: LuaDeclaration) -> String {
        switch declaration {
        case .alias(let alias):
            var out = describe(alias.text)
            switch alias.body {
            case .strings(let values):
                out += "---@alias \(alias.name)\n"
                for (value, text) in values { out += "---| '\"\(value)\"' # \(inline(text))\n" }
            case .type(let type):
                out += "---@alias \(alias.name) \(type)\n"
            }
            return out
        case .shape(let shape):
            return describe(shape.text) + classLines(shape)
        case .global(let name, let shape, let call):
            return describe(shape.text) + classLines(shape) + (call.map { "---@overload \($0)\n" } ?? "") + "\(name) = {}\n"
        case .table(let path, let text):
            return describe(text) + "\(path) = {}\n"
        case .function(let function):
            var out = describe(function.text)
            for parameter in function.parameters {
                out += "---@param \(parameter.name)\(parameter.optional ? "?" : "") \(parameter.type) \(inline(parameter.text))\n"
            }
            for result in function.results { out += "---@return \(result.type) # \(inline(result.text))\n" }
            return out + "function \(function.path)(\(function.parameters.map(\.name).joined(separator: ", "))) end\n"
        }
    }

    /// `---@class` and a `---@field` per field; an optional field's type is nullable (`string?`).
    private static func classLines(_ shape: LuaShape) -> String {
        var out = "---@class \(shape.name)\n"
        for field in shape.fields {
            out += "---@field \(field.name) \(field.required ? field.type : nullable(field.type)) \(inline(field.text))\n"
        }
        return out
    }

    /// `type?`, in parentheses when `?` would bind to less than the whole type (a union, or a
    /// function type, whose `?` would make its last result optional).
    static func nullable(_ type: String) -> String {
        var depth = 0
        var union = false
        for character in type {
            switch character {
            case "(", "<", "{": depth += 1
            case ")", ">", "}": depth -= 1
            case "|" where depth == 0: union = true
            default: break
            }
        }
        return union || type.hasPrefix("fun(") ? "(\(type))?" : "\(type)?"
    }

    /// A class's or function's description: the English paragraph, then the Russian one.
    private static func describe(_ text: LuaText) -> String {
        "---\(text.english)\n---\n---\(text.russian)\n"
    }

    /// A field's, parameter's or value's description on its line: English, a line break, Russian.
    private static func inline(_ text: LuaText) -> String {
        "\(text.english)<br>\(text.russian)"
    }
}
