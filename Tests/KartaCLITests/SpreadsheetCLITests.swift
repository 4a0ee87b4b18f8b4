import Foundation
import KartaReports
import KartaTesting
import Testing

/// Formulas typed as report text and evidence, through `mark` and `report`: neutralised in
/// the `excel-ru` CSV, verbatim in the `standard` one, strings in the XLSX.
@Suite struct SpreadsheetCLITests {
    static let formulas = ["=1+2", "+7 (8112) 29-00-00", "-проведено", "@SUM(A1)", "\t=1+2", #"=HYPERLINK("http://x";"y")"#]

    @Test(arguments: formulas)
    func formulaInReportTextStaysText(_ formula: String) throws {
        let directory = try TemporaryDirectory()
        let db = directory.path("karta.sqlite")
        func karta(_ arguments: [String]) throws -> KartaRun { try KartaProcess.run(arguments + ["--db", db]) }
        #expect(try karta(["import", PackagePaths.path("regions/shakhty/roadmap-2022.yaml")]).status == 0)
        let marked = try karta(["mark", "shakhty-2022", "1.4", "report", "--as", "mk", "--report=\(formula)", "--evidence=\(formula)"])
        #expect(marked.status == 0, "\(marked.output)")
        let quoted = formula.replacingOccurrences(of: "\"", with: "\"\"")
        let excel = try karta(["report", "shakhty-2022", "--format", "csv", "--csv-profile", "excel-ru"])
        #expect(excel.stdout.contains(";\"'\(quoted)"), "\(excel.stdout)")
        let standard = try karta(["report", "shakhty-2022", "--format", "csv"])
        #expect(!standard.stdout.contains("'\(formula)"))
        #expect(standard.stdout.contains(quoted))
        let output = directory.path("report.xlsx")
        #expect(try karta(["report", "shakhty-2022", "--format", "xlsx", "--output", output]).status == 0)
        let bytes = try #require(FileManager.default.contents(atPath: output).map { [UInt8]($0) })
        let cells = try OfficeContent.xlsx(bytes).filter { $0.hasPrefix("row ") }
        #expect(cells.contains { $0.contains("=\(formula)") }, "\(cells)")
    }
}
