import Foundation
import KartaPlugins

extension PluginDoctor {
    /// luacheck over the plugin's Lua, with a configuration made from the sandbox's own
    /// globals (``luacheckConfiguration(_:)``): `plugin.lua` and its modules as plugin code,
    /// `spec/**/*.lua` as spec code. Each warning is a WARNING, a syntax error an ERROR;
    /// luacheck missing is one WARNING.
    func lint(_ location: PluginLocation) -> [DoctorFinding] {
        guard let luacheck else { return [] }
        let (code, specs) = Self.luaFiles(in: location.directory)
        guard !code.isEmpty || !specs.isEmpty else { return [] }
        let configuration: String
        do {
            configuration = Self.luacheckConfiguration(try Plugin.sandboxGlobals())
        } catch {
            return [DoctorFinding(.error, .luacheck, "cannot describe the sandbox's globals: \(error)")]
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("karta-luacheckrc-\(UUID().uuidString).lua").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        do {
            try configuration.write(toFile: file, atomically: true, encoding: .utf8)
        } catch {
            return [DoctorFinding(.warning, .luacheck, "cannot write luacheck's configuration: \(error.localizedDescription)")]
        }
        var findings: [DoctorFinding] = []
        for (files, std) in [(code, "karta"), (specs, "karta+karta_spec")] where !files.isEmpty {
            let arguments = ["--config", file, "--std", std, "--formatter", "plain", "--codes", "--no-cache", "--"] + files
            let run: ToolRun?
            do {
                run = try luacheck(arguments)
            } catch {
                return [DoctorFinding(.warning, .luacheck, "luacheck did not run: \(error)")]
            }
            guard let run else {
                return [DoctorFinding(.warning, .luacheck, "luacheck is not installed, so the plugin's Lua was not linted",
                                      advice: "install it: apt-get install lua-check (scripts/install-deps.sh test does)")]
            }
            let found = Self.luacheckFindings(run.output)
            findings += found
            if run.status > 2 || (run.status != 0 && found.isEmpty) {
                let said = (run.errors + run.output).trimmingCharacters(in: .whitespacesAndNewlines)
                findings.append(DoctorFinding(.warning, .luacheck, "luacheck failed (status \(run.status)): \(said)"))
            }
        }
        if findings.isEmpty {
            let count = code.count + specs.count
            findings.append(DoctorFinding(.ok, .luacheck, "no warnings in \(count) file\(count == 1 ? "" : "s")"))
        }
        return findings
    }

    /// The plugin's Lua files, sorted: plugin code (`plugin.lua` and its modules) and spec code
    /// (anything under `spec/`); not the annotations `karta plugin types` writes to `types/`,
    /// which no sandbox runs.
    static func luaFiles(in directory: String) -> (code: [String], specs: [String]) {
        let relative = ((try? FileManager.default.subpathsOfDirectory(atPath: directory)) ?? [])
            .filter { $0.hasSuffix(".lua") && !$0.hasPrefix("types/") }.sorted()
        let specs = relative.filter { $0.hasPrefix("spec/") }
        let code = relative.filter { !$0.hasPrefix("spec/") }
        func paths(_ names: [String]) -> [String] { names.map { (directory as NSString).appendingPathComponent($0) } }
        return (paths(code), paths(specs))
    }

    /// luacheck's plain output (`file:line:column: (W211) unused variable 'text'`) as findings.
    static func luacheckFindings(_ output: String) -> [DoctorFinding] {
        guard let pattern = try? NSRegularExpression(pattern: #"^(.+?):(\d+):(\d+)(?:-\d+)?: \(([EW])(\d+)\) (.*)$"#) else { return [] }
        return output.split(separator: "\n").compactMap { line in
            let line = String(line)
            let text = line as NSString
            guard let match = pattern.firstMatch(in: line, range: NSRange(location: 0, length: text.length)) else { return nil }
            func part(_ index: Int) -> String { text.substring(with: match.range(at: index)) }
            let code = part(4) + part(5)
            let error = part(4) == "E"
            return DoctorFinding(
                error ? .error : .warning, .luacheck, "(\(code)) \(part(6))",
                advice: error ? "fix the syntax: the plugin cannot run this file"
                    : "see \(code) in https://luacheck.readthedocs.io/en/stable/warnings.html",
                file: part(1), line: Int(part(2)), column: Int(part(3)))
        }
    }

    /// A luacheck configuration (Lua) that knows the sandbox: std `karta` holds the globals
    /// plugin code finds (fields included, so `karta.text.jion` is a warning), std
    /// `karta_spec` what spec code finds besides; long lines are not counted (declarations
    /// hold long Russian text).
    static func luacheckConfiguration(_ globals: SandboxGlobals) -> String {
        func definition(_ shape: LuaGlobalShape, indent: String) -> String {
            switch shape {
            case .value: return "{}"
            case .open: return "{ other_fields = true, read_only = false }"
            case .table(let fields):
                let inner = indent + "  "
                let entries = fields.sorted { $0.key < $1.key }.map { "\(inner)\(key($0.key)) = \(definition($0.value, indent: inner))," }
                return "{ fields = {\n" + entries.joined(separator: "\n") + "\n\(indent)} }"
            }
        }
        func key(_ name: String) -> String {
            let identifier = name.first.map { $0.isLetter || $0 == "_" } == true && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
            return identifier ? name : "[\(luaString(name))]"
        }
        func std(_ names: [String: LuaGlobalShape]) -> String {
            let entries = names.sorted { $0.key < $1.key }.map { "    \(key($0.key)) = \(definition($0.value, indent: "    "))," }
            return "{\n  read_globals = {\n" + entries.joined(separator: "\n") + "\n  },\n}"
        }
        return """
            -- luacheck configuration for Karta region plugins, written by `karta plugin doctor`
            -- from the globals of the plugin sandbox (docs/plugin-authoring.md, The sandbox).
            stds.karta = \(std(globals.plugin))
            stds.karta_spec = \(std(globals.spec))
            std = "karta"
            max_line_length = false

            """
    }
}
