import Foundation
public import KartaCore
public import KartaLua

/// One failed `it` of a plugin spec (or a spec file that failed outside any `it`).
public struct PluginSpecFailure: Sendable, Hashable, CustomStringConvertible {
    /// Where it failed: `plugins/pskov/spec/rules_spec.lua:12` (the file alone when Lua gave no line).
    public var position: String
    /// The enclosing `describe` names and the `it` name, joined by spaces.
    public var name: String
    /// What failed: `expected "done", got "planned"`, or the error raised.
    public var message: String

    /// Creates a failure.
    public init(position: String, name: String, message: String) {
        self.position = position
        self.name = name
        self.message = message
    }

    /// `position: name: message`, escaped for a terminal (the text is the plugin's).
    public var description: String {
        TerminalText.escaped("\(position): \(name): \(message)")
    }
}

/// What running one spec file gave.
public struct PluginSpecResult: Sendable, Hashable {
    /// The spec file.
    public var file: String
    /// How many `it` blocks passed.
    public var passed: Int
    /// The failures, in the order they happened.
    public var failures: [PluginSpecFailure]
    /// Ids of the transitions the file exercised: taken with `spec.move`, or whose guards it
    /// called (directly or through a move).
    public var transitions: Set<String> = []
    /// Ids of the roles the file acted as with `spec.move`, whether the move was taken or refused.
    public var roles: Set<String> = []
}

extension Plugin {
    /// The plugin's spec files, `spec/*_spec.lua` in its folder, sorted; empty without a `spec` folder.
    public var specFiles: [String] {
        let folder = (location.directory as NSString).appendingPathComponent("spec")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix("_spec.lua") }.sorted().map { (folder as NSString).appendingPathComponent($0) }
    }

    /// Runs one spec file in a fresh sandboxed state of this plugin, in this process: the
    /// prelude, `plugin.lua` and then the spec prelude (`describe`, `it`, `assert`, `spec`),
    /// the whole file under one call's `limits`. A spec that cannot run (a syntax error, a
    /// limit hit) gives one failure.
    ///
    /// - Parameter fixture: the roadmap `spec.fixture(name)` asks for (the host reads
    ///   `regions/<id>/<name>.yaml`); it reaches Lua as a report's `build` receives it.
    public func runSpec(
        _ file: String, limits: LuaLimits = .pluginDefaults, fixture: @escaping (String) throws -> Roadmap
    ) -> PluginSpecResult {
        let roadmapContext = context()
        do throws(PluginError) {
            let source: String
            do {
                source = try String(contentsOfFile: file, encoding: .utf8)
            } catch {
                throw PluginError(plugin: manifest.id, kind: .missing, file: file, message: "cannot read the spec: \(error.localizedDescription)")
            }
            let started = try Plugin.start(location, limits: limits, logBox: LogBox(echo: true), quiet: true, chunks: LuaChunkCache())
            let state = started.state
            let load = state.makeFunction(name: "spec.fixture") { [unowned state] arguments throws in
                guard case .string(let name)? = arguments.first else { throw LuaRaise("spec.fixture: expected a fixture name") }
                let roadmap: Roadmap
                do { roadmap = try fixture(name) } catch { throw LuaRaise("spec.fixture('\(name)'): \(error)") }
                return [try state.copy { w throws(LuaError) in try w.push(roadmap, roadmapContext) }]
            }
            let move = state.makeFunction(name: "spec.move") { [self] arguments throws in [try specMove(arguments)] }
            do throws(LuaError) {
                let chunk = try state.load(source, chunkName: file)
                let results = try state.run(specPrelude, chunkName: "karta/spec.lua",
                                            arguments: [started.returned, load, .function(chunk), .string(file), move])
                let used = Self.used(results.dropFirst(2).first)
                return PluginSpecResult(file: file, passed: Self.count(results.first), failures: Self.failures(results.dropFirst().first),
                                        transitions: used.transitions, roles: used.roles)
            } catch {
                throw PluginError(plugin: manifest.id, error)
            }
        } catch {
            let position = error.file.map { file in error.line.map { "\(file):\($0)" } ?? file } ?? file
            return PluginSpecResult(file: file, passed: 0, failures: [PluginSpecFailure(position: position, name: "(spec file)", message: error.message)])
        }
    }

    /// The host's half of `spec.move(roadmap, key, move, options)`: the role, the transition
    /// and the required fields, decided by the code `karta mark` runs (``move(_:before:)``);
    /// the spec prelude then runs the guards and rules in the spec's own state. Receives the
    /// activity as `{ key, number, status, fact, report, evidence = { { title, url } } }` and
    /// the options `{ as, fact, report, evidence = { "…" }, comment }`; answers
    /// `{ ok = true, transition, to, status_text, fact, report, added, change, role }` or
    /// `{ ok = false, rule, message, role }`.
    private func specMove(_ arguments: [LuaValue]) throws -> LuaValue {
        guard case .table(let activity)? = arguments.first, case .table(let options)? = arguments.dropFirst(2).first else {
            throw LuaRaise("spec.move: expected (roadmap, key, move, options)")
        }
        func text(_ table: LuaTable, _ key: String) -> String? {
            if case .string(let value)? = table.fields[key] { return value }
            return nil
        }
        guard let role = text(options, "as") else {
            throw LuaRaise("spec.move: name the acting role: { as = \"mk\" } (a role id or abbreviation)")
        }
        let move: String?
        switch arguments.dropFirst().first {
        case .string(let named)?: move = named
        case .nil?, nil: move = nil
        case let other?: throw LuaRaise("spec.move: the move is a transition or status id, found \(other.typeName)")
        }
        func evidence(_ value: LuaValue?) -> [Evidence] {
            switch value {
            case .string(let item)?: return [Evidence(parsing: item)]
            case .table(let list)?:
                return list.sequence.compactMap { item in
                    switch item {
                    case .string(let item): return Evidence(parsing: item)
                    case .table(let entry): return Evidence(title: text(entry, "title"), url: text(entry, "url"))
                    default: return nil
                    }
                }
            default: return []
            }
        }
        let before = Activity(
            key: text(activity, "key") ?? "", number: text(activity, "number") ?? "", title: "",
            fact: text(activity, "fact"), status: Status(text(activity, "status") ?? Status.planned.rawValue),
            report: text(activity, "report"), evidence: evidence(activity.fields["evidence"]))
        let change = ActivityChange(move: move, fact: text(options, "fact"), report: text(options, "report"),
                                    evidence: evidence(options.fields["evidence"]), reason: text(options, "comment"),
                                    actor: Actor(role: role))
        let acting = self.role(role).map { LuaValue.string($0.id) } ?? .nil
        do {
            let taken = try self.move(change, before: before)
            let added = taken.after.evidence.filter { !before.evidence.contains($0) }.map { item in
                LuaValue.table(LuaTable(fields: ["title": item.title.map(LuaValue.string) ?? .nil,
                                                 "url": item.url.map(LuaValue.string) ?? .nil, "text": .string(item.printed)]))
            }
            return .table(LuaTable(fields: [
                "ok": .boolean(true), "transition": taken.taken.map { .string($0.id) } ?? .nil,
                "to": .string(taken.after.status.rawValue), "status_text": .string(workflow.label(of: taken.after.status)),
                "fact": taken.after.fact.map(LuaValue.string) ?? .nil, "report": taken.after.report.map(LuaValue.string) ?? .nil,
                "added": .table(LuaTable(sequence: added)), "change": taken.change, "role": .string(taken.role.id),
            ]))
        } catch let refusal as RuleRefusal {
            return .table(LuaTable(fields: [
                "ok": .boolean(false), "rule": .string(refusal.rule), "message": .string(refusal.message), "role": acting,
            ]))
        }
    }

    /// The transitions and roles the prelude recorded: `{ transitions = { id = true }, roles = { id = true } }`.
    private static func used(_ value: LuaValue?) -> (transitions: Set<String>, roles: Set<String>) {
        guard case .table(let used)? = value else { return ([], []) }
        func names(_ key: String) -> Set<String> {
            guard case .table(let set)? = used.fields[key] else { return [] }
            return Set(set.fields.keys)
        }
        return (names("transitions"), names("roles"))
    }

    private static func count(_ value: LuaValue?) -> Int {
        if case .integer(let number)? = value { return Int(number) }
        return 0
    }

    private static func failures(_ value: LuaValue?) -> [PluginSpecFailure] {
        guard case .table(let list)? = value else { return [] }
        return list.sequence.compactMap { item in
            guard case .table(let entry) = item else { return nil }
            func text(_ key: String) -> String {
                if case .string(let value)? = entry.fields[key] { return value }
                return ""
            }
            return PluginSpecFailure(position: text("where"), name: text("name"), message: text("message"))
        }
    }
}
