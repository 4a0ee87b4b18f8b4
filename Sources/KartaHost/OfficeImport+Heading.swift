import Foundation
import KartaCore
import KartaReports
import KartaPlugins

extension OfficeImport {
    /// What the paragraphs above a roadmap table say: the title (its bold lines, or the
    /// lines that are neither goal nor tasks), the goal («Цель: …»), the tasks (the lines
    /// under «Задачи:»), and the period the title names.
    struct Heading {
        var title: String?
        var goal: String?
        var tasks: [String] = []

        init(_ paragraphs: [OfficeParagraph]) {
            var titleLines: [OfficeParagraph] = []
            var inTasks = false
            for paragraph in paragraphs {
                let text = paragraph.text.trimmingCharacters(in: .whitespacesAndNewlines)
                guard !text.isEmpty else { continue }
                let lower = text.lowercased()
                if lower.hasPrefix("цель") {
                    goal = Self.after(word: 4, in: text)
                    inTasks = false
                } else if lower.hasPrefix("задачи") {
                    inTasks = true
                    let rest = Self.after(word: 6, in: text)
                    if !rest.isEmpty { tasks.append(rest) }
                } else if inTasks, !paragraph.bold {
                    tasks.append(text)
                } else {
                    inTasks = false
                    titleLines.append(paragraph)
                }
            }
            let bold = titleLines.filter(\.bold)
            let chosen = bold.isEmpty ? Array(titleLines.suffix(3)) : bold
            if !chosen.isEmpty { title = chosen.map { $0.text.trimmingCharacters(in: .whitespacesAndNewlines) }.joined(separator: "\n") }
        }

        /// The text after a leading word and its `:` or dash.
        private static func after(word length: Int, in text: String) -> String {
            String(text.dropFirst(length)).trimmingCharacters(in: CharacterSet(charactersIn: ":-–— ").union(.whitespacesAndNewlines))
        }

        /// The period the title names: a school year (`2022-2023`, `2022/2023`, `2022–2023`)
        /// or, for a region counting calendar years, a year.
        func period(calendar: CalendarKind) -> Period? {
            guard let title else { return nil }
            let years = Self.years(in: title)
            for (index, year) in years.enumerated() where index + 1 < years.count {
                if years[index + 1].value == year.value + 1, years[index + 1].gapIsDash {
                    return .schoolYear(startYear: year.value)
                }
            }
            guard calendar == .year, let year = years.first else { return nil }
            return .year(year.value)
        }

        /// Four-digit years from 2000 to 2099 standing as words, and whether a dash or slash
        /// alone separates each from the one before.
        private static func years(in text: String) -> [(value: Int, gapIsDash: Bool)] {
            var found: [(Int, Bool)] = []
            let scalars = Array(text.unicodeScalars)
            var index = 0
            var lastEnd = -1
            while index + 4 <= scalars.count {
                let digits = scalars[index..<index + 4]
                let before = index == 0 ? nil : scalars[index - 1]
                let after = index + 4 < scalars.count ? scalars[index + 4] : nil
                if digits.allSatisfy({ $0.properties.numericType == .decimal }), digits.first == "2", digits.dropFirst().first == "0",
                   !(before.map { $0.properties.numericType == .decimal } ?? false), !(after.map { $0.properties.numericType == .decimal } ?? false),
                   let value = Int(String(String.UnicodeScalarView(digits))) {
                    let gap = lastEnd >= 0 ? String(String.UnicodeScalarView(scalars[lastEnd..<index])).trimmingCharacters(in: .whitespaces) : ""
                    found.append((value, ["-", "–", "—", "/"].contains(gap)))
                    lastEnd = index + 4
                    index += 4
                    continue
                }
                index += 1
            }
            return found
        }
    }
}
