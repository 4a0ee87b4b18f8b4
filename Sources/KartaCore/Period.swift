import Foundation

/// The period a roadmap covers: a calendar year or a school year (September to August).
public enum Period: Sendable, Hashable, Codable, CustomStringConvertible {
    /// A calendar year: January to December.
    case year(Int)
    /// A school year starting in September of `startYear` and ending in August of the next.
    case schoolYear(startYear: Int)

    /// Parses `2021` or `2020-2021` (also with an en dash); nil when it is neither.
    public init?(_ text: String) {
        // Spaces and tabs around (Unicode Zs and tab, as Foundation's `.whitespaces`).
        let isSpace = { (scalar: Unicode.Scalar) in scalar == "\t" || scalar.properties.generalCategory == .spaceSeparator }
        let scalars = text.unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, isSpace(scalars[start]) { start = scalars.index(after: start) }
        while end > start, isSpace(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        let trimmed = String(scalars[start..<end])
        if let year = Int(trimmed), (1900...2999).contains(year) {
            self = .year(year)
            return
        }
        let parts = trimmed.split(whereSeparator: { $0 == "-" || $0 == "–" || $0 == "/" })
        guard parts.count == 2, let first = Int(parts[0]), let second = Int(parts[1]),
              (1900...2999).contains(first), second == first + 1 else { return nil }
        self = .schoolYear(startYear: first)
    }

    /// `2021` or `2020-2021`.
    public var description: String {
        switch self {
        case .year(let year): String(year)
        case .schoolYear(let start): "\(start)-\(start + 1)"
        }
    }

    /// The first calendar year of the period.
    public var firstYear: Int {
        switch self {
        case .year(let year): year
        case .schoolYear(let start): start
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let period = Period(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a period: \(text)")
        }
        self = period
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
