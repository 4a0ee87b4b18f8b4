/// A file name Karta derives from a name a person's computer gave (an uploaded file's):
/// safe to show, to put in a download's `Content-Disposition` and to write to a disk.
public enum FileName {
    /// The most bytes of UTF-8 in a name, extension included: what Linux and macOS file
    /// systems allow.
    public static let maxBytes = 255

    /// The last path component (after `/` or `\`), without control characters (C0, DEL,
    /// C1), line and paragraph separators and bidi controls (which can make `exe.pdf` show as
    /// `fdp.exe`), without white space at either end or dots at the start, and at most
    /// ``maxBytes`` bytes: the stem is cut at a character boundary (a scalar boundary inside a
    /// single overlong character) and the extension kept. `fallback` when nothing is left.
    public static func safe(_ name: String, fallback: String) -> String {
        let last = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        var kept = String.UnicodeScalarView()
        for scalar in last.unicodeScalars where !isDropped(scalar) { kept.append(scalar) }
        var clean = Substring(String(kept).trimmingWhitespace())
        while clean.first == "." { clean = clean.dropFirst() }
        guard !clean.isEmpty else { return fallback }
        guard clean.utf8.count > maxBytes else { return String(clean) }
        var stem = clean
        var suffix = ""
        if let dot = clean.lastIndex(of: "."), clean.utf8.distance(from: dot, to: clean.endIndex) <= 16,
           clean[clean.index(after: dot)...].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) {
            stem = clean[..<dot]
            suffix = String(clean[dot...])
        }
        return stem.prefix(fitting: maxBytes - suffix.utf8.count, in: .utf8) + suffix
    }

    private static func isDropped(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029, 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}

extension String {
    fileprivate func trimmingWhitespace() -> Substring {
        let start = firstIndex { !$0.isWhitespace } ?? endIndex
        let end = lastIndex { !$0.isWhitespace }.map(index(after:)) ?? start
        return self[start..<max(start, end)]
    }
}
