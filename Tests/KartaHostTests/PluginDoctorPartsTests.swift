@testable import KartaHost
import KartaPlugins
import Testing

/// The pieces of `karta plugin doctor` that need no plugin: the schedules entry it suggests,
/// luacheck's output read as findings, and the configuration it writes for luacheck.
@Suite struct PluginDoctorPartsTests {
    @Test(arguments: [
        ("по готовности отчетов", #"{ kind = "external" }"#),
        ("сдать до 01.03.2022 по готовности", #"{ kind = "deadline", ["end"] = "2022-03-01" }"#),
        ("смотр 5.3.22 (уточнить)", #"{ kind = "date", start = "2022-03-05", ["end"] = "2022-03-05" }"#),
        ("15.04.2022 или 01.03.2022", #"{ kind = "range", start = "2022-03-01", ["end"] = "2022-04-15" }"#),
    ])
    func aSuggestedReadingStartsFromTheDaysWritten(phrase: String, reading: String) {
        #expect(PluginDoctor.suggestion(for: phrase) == reading)
    }

    @Test func aPhraseBecomesALuaString() {
        #expect(PluginDoctor.luaString("«по \"графику\"»\n\\") == #""«по \"графику\"»\n\\""#)
    }

    @Test func luacheckLinesBecomeFindings() {
        let output = """
            plugins/x/plugin.lua:2:7: (W211) unused variable 'unused'
            plugins/x/spec/a_spec.lua:10:1-4: (E011) expected expression near 'then'
            Total: 2 warnings / 1 error in 2 files
            """
        let findings = PluginDoctor.luacheckFindings(output)
        #expect(findings.map(\.level) == [.warning, .error])
        #expect(findings.map(\.message) == ["(W211) unused variable 'unused'", "(E011) expected expression near 'then'"])
        #expect(findings.map(\.place) == ["plugins/x/plugin.lua:2:7", "plugins/x/spec/a_spec.lua:10:1"])
    }

    @Test func theLuacheckConfigurationKnowsTheSandbox() throws {
        let globals = try Plugin.sandboxGlobals()
        // What the sandbox removes is not there; what the host adds is, with its fields.
        for name in ["io", "os", "debug", "package", "coroutine", "dofile", "loadfile", "collectgarbage"] {
            #expect(globals.plugin[name] == nil, "\(name)")
        }
        #expect(globals.plugin["require"] == .value)
        guard case .table(let karta)? = globals.plugin["karta"], case .table(let report)? = karta["report"],
              case .table(let string)? = globals.plugin["string"] else {
            Issue.record("karta and string are tables with fields: \(globals.plugin)")
            return
        }
        #expect(report["rows"] == .value && karta["api_version"] == .value)
        #expect(string["format"] == .value && string["dump"] == nil)
        #expect(Set(globals.spec.keys) == ["assert", "describe", "it", "spec"])
        let configuration = PluginDoctor.luacheckConfiguration(globals)
        #expect(configuration.contains("stds.karta = {\n  read_globals = {\n"))
        #expect(configuration.contains("      plugin = { other_fields = true, read_only = false },"), "\(configuration)")
        #expect(configuration.contains("std = \"karta\"\nmax_line_length = false\n"))
    }
}
