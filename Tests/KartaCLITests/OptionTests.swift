import Foundation
import KartaTesting
import Testing

/// Item 4 of issue 22: numbers and dates in options and in the limits' environment variables
/// mean what they say. A value that overflows, `nan`, `inf`, a negative or zero count, or a
/// year outside 1900–2100 is refused by the parser with the option named and exit 64 —
/// never a trap, a wrapped number or «no limit».
@Suite(.serialized) struct OptionTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var arguments: [String]
        var environment: [String: String] = [:]
        /// What the refusal must name: the option or the variable.
        var names: String
        var testDescription: String { (environment.map { "\($0)=\($1) " }.joined()) + arguments.joined(separator: " ") }
    }

    static let limits: [Case] = [
        ("--lua-memory", ["0", "-1", "nan", "inf", "1e3", "65537", "99999999999999999999", "9223372036854775807", "8796093022208", " 64", "0x40"]),
        ("--lua-seconds", ["0", "-1", "-0", "nan", "-nan", "inf", "-inf", "infinity", "1e309", "3601", "1e-9", "5s"]),
        ("--lua-instructions", ["0", "-5", "nan", "inf", "1e9", "1000000000001", "18446744073709551616", "9223372036854775808"]),
    ].flatMap { option, values in values.map { Case(arguments: ["plugins", option, $0], names: option) } }

    static let environment: [Case] = [
        ("KARTA_LUA_MEMORY", ["0", "-1", "nan", "65537", "99999999999999999999", "64MiB"]),
        ("KARTA_LUA_SECONDS", ["0", "-2", "nan", "inf", "1e309", "3601"]),
        ("KARTA_LUA_INSTRUCTIONS", ["0", "-1", "1e3", "nan", "18446744073709551616"]),
    ].flatMap { variable, values in values.map { Case(arguments: ["plugins"], environment: [variable: $0], names: "$" + variable) } }

    static let dates: [Case] = [
        ["1899-12-31", "2101-01-01", "0000-01-01", "9999-12-31", "2021-02-30", "2021-13-01", "2021-1-1", "nan", "-2021-01-01", "20210101"]
            .flatMap { day in [
                Case(arguments: ["status", "--all", "--as-of", day], names: "--as-of"),
                Case(arguments: ["due", "--as", "МК", "--as-of", day], names: "--as-of"),
            ] },
        ["1899", "2101", "0", "-2021", "nan", "inf", "99999999999999999999", "2021.5"].flatMap { year in [
            Case(arguments: ["schedule", "parse", "Март", "--year", year], names: "--year"),
            Case(arguments: ["schedule", "parse", "Март", "--school-year", year], names: "--school-year"),
        ] },
    ].flatMap { $0 }

    static let counts: [Case] = [
        ["-1", "nan", "99999999999999999999", "3661", "1.5"].map { Case(arguments: ["due", "--as", "МК", "--within", $0], names: "--within") },
        ["0", "-1", "nan", "inf", "99999999999999999999", "100001"].map {
            Case(arguments: ["generate", "--municipalities", $0, "--activities", "3", "--output", "/nonexistent/never"], names: "--municipalities")
        },
        ["0", "-3", "10001", "nan"].map {
            Case(arguments: ["generate", "--municipalities", "2", "--activities", $0, "--output", "/nonexistent/never"], names: "--activities")
        },
        ["0", "-1", "101", "nan"].map { Case(arguments: ["bench", "--repeats", $0], names: "--repeats") },
        ["0", "-1", "100001"].map { Case(arguments: ["bench", "--municipalities", $0], names: "--municipalities") },
        ["0", "-1", "65536", "nan", "99999999999999999999", "http"].map { Case(arguments: ["serve", "--port", $0, "--db", "/nonexistent/never.sqlite"], names: "--port") },
    ].flatMap { $0 }

    @Test(arguments: limits + environment + dates + counts)
    func refusedByTheParserWithTheOptionNamed(_ test: Case) throws {
        let started = Date()
        let run = try KartaProcess.run(test.arguments, environment: test.environment, timeout: 20)
        #expect(run.status == 64, "\(run.output)")
        #expect(!run.signaled)
        #expect(run.stderr.contains(test.names), "\(run.stderr)")
        #expect(run.stdout.isEmpty, "\(run.stdout)")
        #expect(Date().timeIntervalSince(started) < 10)
    }

    /// Dates typed as fact or order dates: the same years.
    @Test(arguments: ["01.01.1899", "31.12.2101", "0001-01-01", "01.01.0000", "29.02.2021", "2021-02-29"])
    func factAndOrderDatesOutsideTheYearsAreRefused(_ day: String) throws {
        let mark = try KartaProcess.run(["mark", "pskov-2021", "1", "done", "--as", "МК", "--fact", day, "--db", "/nonexistent/never.sqlite"])
        #expect(mark.status != 0 && mark.status < 124 && mark.stderr.contains("--fact"), "\(mark.output)")
        let approve = try KartaProcess.run(["approve", "pskov-2021", "--as", "УО", "--order", "1", "--date", day, "--db", "/nonexistent/never.sqlite"])
        #expect(approve.status != 0 && approve.status < 124 && approve.stderr.contains("--date"), "\(approve.output)")
        #expect(!FileManager.default.fileExists(atPath: "/nonexistent/never.sqlite"))
    }

    @Test(arguments: [
        Case(arguments: ["plugins", "--lua-memory", "32", "--lua-seconds", "2.5", "--lua-instructions", "1000000"], names: ""),
        Case(arguments: ["plugins"], environment: ["KARTA_LUA_MEMORY": "48", "KARTA_LUA_SECONDS": "0.5", "KARTA_LUA_INSTRUCTIONS": "50000000"], names: ""),
        Case(arguments: ["schedule", "parse", "Март", "--year", "1900"], names: ""),
        Case(arguments: ["schedule", "parse", "Март", "--school-year", "2100"], names: ""),
    ])
    func valuesInRangeAreAccepted(_ test: Case) throws {
        let run = try KartaProcess.run(test.arguments, environment: test.environment)
        #expect(run.status == 0, "\(run.output)")
    }
}
