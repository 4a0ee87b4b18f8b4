/// A line of documentation in the two languages a plugin author reads: English, as docs/
/// says it, and Russian, for the region's own IT specialist.
struct LuaText: Sendable, Hashable {
    /// The English sentence.
    var english: String
    /// The same in Russian.
    var russian: String

    init(_ english: String, _ russian: String) {
        self.english = english
        self.russian = russian
    }
}

/// The shape of one table a plugin declares, returns or is given, declared once: the host's
/// decoders take their accepted field names from it (``fieldNames``), and `karta plugin
/// types` writes it as a LuaLS class (`---@class karta.Role` with a `---@field` per field),
/// so the two cannot drift apart.
struct LuaShape: Sendable {
    /// One field: its name, its LuaLS type and whether the host requires it.
    struct Field: Sendable {
        /// The key in the Lua table (`abbr`).
        var name: String
        /// A LuaLS type expression: `string`, `karta.Role[]`, `fun(roadmap: karta.Roadmap): karta.Document`.
        var type: String
        /// Whether the host refuses the table without it (or always gives it).
        var required: Bool
        /// What it means.
        var text: LuaText
    }

    /// The LuaLS class name (`karta.Role`).
    var name: String
    /// What the table is.
    var text: LuaText
    /// Its fields, in the order docs/ lists them.
    var fields: [Field]

    /// The names a decoder accepts; any other key is an unknown field.
    var fieldNames: [String] { fields.map(\.name) }

    /// The field with this name (a shape must declare it: a programming error otherwise).
    func field(_ name: String) -> Field {
        guard let field = fields.first(where: { $0.name == name }) else { preconditionFailure("\(self.name) has no field '\(name)'") }
        return field
    }
}

extension LuaShape.Field {
    /// A field the host requires (or always gives).
    static func required(_ name: String, _ type: String, _ english: String, _ russian: String) -> Self {
        Self(name: name, type: type, required: true, text: LuaText(english, russian))
    }

    /// A field that may be left out (or that the host gives only sometimes).
    static func optional(_ name: String, _ type: String, _ english: String, _ russian: String) -> Self {
        Self(name: name, type: type, required: false, text: LuaText(english, russian))
    }
}

/// A named type of LuaLS (`---@alias`): the strings a field may hold, each with its meaning
/// (generated from a Swift enum's cases, so a new case cannot go undocumented), or a union of
/// other types.
struct LuaAlias: Sendable {
    /// What the alias stands for.
    enum Body: Sendable {
        /// One of these strings, each with its meaning.
        case strings([(value: String, text: LuaText)])
        /// A type expression (`karta.HeadingBlock|karta.ParagraphBlock`).
        case type(String)
    }

    /// The alias name (`karta.Orientation`).
    var name: String
    /// What it is.
    var text: LuaText
    /// Its values or its type.
    var body: Body

    /// The strings of a Swift enum, in declaration order, each described by `describe` (a
    /// `switch` over the cases, so adding a case without a description does not compile).
    static func strings<Value: CaseIterable & RawRepresentable<String>>(
        _ name: String, _ text: LuaText, _ type: Value.Type, _ describe: (Value) -> LuaText
    ) -> LuaAlias {
        LuaAlias(name: name, text: text, body: .strings(type.allCases.map { ($0.rawValue, describe($0)) }))
    }
}

/// A function of the API a plugin is given (`karta.text.join`), as a LuaLS stub:
/// `---@param`, `---@return` and `function karta.text.join(items, separator) end`.
struct LuaFunction: Sendable {
    /// A parameter: its name (`...` for any number), type and meaning.
    struct Parameter: Sendable {
        /// As the function names it (`separator`), or `...`.
        var name: String
        /// A LuaLS type expression.
        var type: String
        /// Whether it may be left out.
        var optional: Bool
        /// What it is.
        var text: LuaText
    }

    /// A result: its type and meaning.
    struct Result: Sendable {
        /// A LuaLS type expression.
        var type: String
        /// What it is.
        var text: LuaText
    }

    /// Where the function is reached from the globals (`karta.text.join`, `describe`).
    var path: String
    /// What it does.
    var text: LuaText
    /// Its parameters, named as the function itself names them.
    var parameters: [Parameter]
    /// Its results.
    var results: [Result]
}

extension LuaFunction.Parameter {
    /// A parameter that must be given.
    static func required(_ name: String, _ type: String, _ english: String, _ russian: String) -> Self {
        Self(name: name, type: type, optional: false, text: LuaText(english, russian))
    }

    /// A parameter that may be left out.
    static func optional(_ name: String, _ type: String, _ english: String, _ russian: String) -> Self {
        Self(name: name, type: type, optional: true, text: LuaText(english, russian))
    }
}

extension LuaFunction.Result {
    /// A result of this type.
    static func value(_ type: String, _ english: String, _ russian: String) -> Self {
        Self(type: type, text: LuaText(english, russian))
    }
}
