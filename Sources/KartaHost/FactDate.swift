import Foundation
public import KartaCore

/// Fact dates as the documents print them.
public enum FactDate {
    /// The years a fact or order date may fall in.
    public static let years = 1900...2100

    /// One day typed as `DD.MM.YYYY` or `YYYY-MM-DD`; `field` names it in an error.
    public static func day(_ text: String, field option: String) throws -> CalendarDate {
        let normalized = try normalize(text, field: option)
        guard !normalized.contains(","), let day = CalendarDate(iso: normalized.split(separator: ".").reversed().joined(separator: "-")) else {
            throw HostError("\(option): '\(text)' is not one date (DD.MM.YYYY or YYYY-MM-DD)")
        }
        return day
    }

    /// `14.05.2021`, `2021-05-14`, or several separated by commas → `14.05.2021, 20.05.2021`;
    /// an impossible or unreadable date is an error naming it, a control character a
    /// ``TextFieldError`` (``StoredText``).
    public static func normalize(_ text: String, field option: String = "fact") throws -> String {
        let text = try TextFieldError.check(text, field: option)
        let parts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !parts.isEmpty else { throw HostError("\(option): empty") }
        return try parts.map { part -> String in
            var pieces = part.split(separator: ".").map(String.init)
            if pieces.count != 3 { pieces = part.split(separator: "-").map(String.init).reversed() }
            guard pieces.count == 3, pieces[0].count <= 2, pieces[1].count <= 2, pieces[2].count == 4,
                  let day = Int(pieces[0]), let month = Int(pieces[1]), let year = Int(pieces[2]),
                  let date = CalendarDate(year: year, month: month, day: day) else {
                throw HostError("\(option): '\(part)' is not a date (DD.MM.YYYY or YYYY-MM-DD)")
            }
            guard years.contains(date.year) else {
                throw HostError("\(option): '\(part)' is not a date from \(years.lowerBound) to \(years.upperBound)")
            }
            return String(format: "%02d.%02d.%04d", date.day, date.month, date.year)
        }.joined(separator: ", ")
    }
}
