import ArgumentParser
import Foundation
import KartaCore

/// Parsers of option values (`@Option(transform:)`) and environment variables that accept only
/// what means a value in range: an overflowing number, `nan`, `inf`, a negative or zero count,
/// a year outside 1900–2100 is refused with the option named (exit 64), never wrapped,
/// trapped on or read as «no limit».
enum OptionValue {
    /// Years a date may fall in.
    static let years = 1900...2100

    /// A whole number in `range`.
    static func integer<T: FixedWidthInteger & Sendable>(_ range: ClosedRange<T>) -> @Sendable (String) throws -> T {
        { text in
            guard let value = T(text), range.contains(value) else {
                throw ValidationError("'\(text)' is not a whole number from \(range.lowerBound) to \(range.upperBound)")
            }
            return value
        }
    }

    /// A finite number in `range`.
    static func number(_ range: ClosedRange<Double>) -> @Sendable (String) throws -> Double {
        { text in
            guard let value = Double(text), value.isFinite, range.contains(value) else {
                throw ValidationError("'\(text)' is not a number from \(range.lowerBound) to \(range.upperBound)")
            }
            return value
        }
    }

    /// A year from 1900 to 2100.
    static let year: @Sendable (String) throws -> Int = integer(years)

    /// A day `YYYY-MM-DD` from 1900 to 2100.
    static let day: @Sendable (String) throws -> CalendarDate = { text in
        guard let day = CalendarDate(iso: text), years.contains(day.year) else {
            throw ValidationError("'\(text)' is not a date YYYY-MM-DD from \(years.lowerBound) to \(years.upperBound)")
        }
        return day
    }

    /// An environment variable's value read by `parse`, nil when unset or empty; a value
    /// `parse` refuses is an error naming the variable.
    static func environment<T>(_ variable: String, _ parse: (String) throws -> T) throws -> T? {
        guard let text = ProcessInfo.processInfo.environment[variable], !text.isEmpty else { return nil }
        do {
            return try parse(text)
        } catch {
            throw ValidationError("$\(variable): \(error)")
        }
    }
}
