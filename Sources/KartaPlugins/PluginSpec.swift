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
            do throws(LuaError) {
                let chunk = try state.load(source, chunkName: file)
                let results = try state.run(specPrelude, chunkName: "karta/spec.lua",
                                            arguments: [started.returned, load, .function(chunk), .string(file)])
                return PluginSpecResult(file: file, passed: Self.count(results.first), failures: Self.failures(results.dropFirst().first))
            } catch {
                throw PluginError(plugin: manifest.id, error)
            }
        } catch {
            let position = error.file.map { file in error.line.map { "\(file):\($0)" } ?? file } ?? file
            return PluginSpecResult(file: file, passed: 0, failures: [PluginSpecFailure(position: position, name: "(spec file)", message: error.message)])
        }
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
