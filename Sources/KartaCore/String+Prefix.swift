/// The code units a text's size is counted in.
public enum TextUnit: Sendable {
    /// Bytes of UTF-8 (file names, byte caps).
    case utf8
    /// UTF-16 code units (what Excel counts).
    case utf16

    func count(_ character: Character) -> Int {
        self == .utf8 ? character.utf8.count : character.utf16.count
    }

    func count(_ scalar: Unicode.Scalar) -> Int {
        self == .utf8 ? UTF8.width(scalar) : UTF16.width(scalar)
    }
}

extension StringProtocol {
    /// The longest prefix of at most `limit` units that ends at a character (grapheme)
    /// boundary; when the first character alone is longer (a letter under dozens of accents),
    /// the longest that ends at a Unicode scalar boundary — never inside a scalar's units.
    public func prefix(fitting limit: Int, in unit: TextUnit) -> String {
        var used = 0
        var end = startIndex
        for character in self {
            let size = unit.count(character)
            if used + size > limit { break }
            used += size
            end = index(after: end)
        }
        if end > startIndex { return String(self[..<end]) }
        var scalars = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            used += unit.count(scalar)
            if used > limit { break }
            scalars.append(scalar)
        }
        return String(scalars)
    }
}
