/// Text on its way to a terminal: escaped so that it cannot move the cursor, retitle the
/// window, ring the bell, hide lines or reorder them, and bounded in bytes so that a huge
/// message costs a glance, not minutes.
///
/// What a plugin says (its log, its errors, the names and titles it declares) passes
/// ``escaped(_:keepingLineBreaks:)`` with line breaks escaped too, so that it cannot
/// forge a line of its own; the CLI's one writer escapes everything it prints again,
/// keeping only the line breaks and tabs the host writes. Pure functions: writing is the
/// caller's.
public enum TerminalText {
    /// The most bytes of one message shown; the rest is counted, not shown.
    public static let messageBytes = 4096
    /// The most problems of a list shown; the rest are counted.
    public static let problemCount = 50

    /// Whether a character is shown escaped: C0 controls, DEL, C1 controls, and the bidi
    /// controls that reorder what follows (U+061C, U+200E, U+200F, U+202A–U+202E,
    /// U+2066–U+2069); line feed and tab only when `lineBreaks` is false.
    public static func isEscaped(_ scalar: Unicode.Scalar, lineBreaks: Bool) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09: !lineBreaks
        case 0x00...0x1F, 0x7F...0x9F, 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// The text with every escaped character written out: `\n`, `\r`, `\t`, `\e`, or
    /// `\u{XXXX}`; a backslash stays as it is. Text with nothing to escape comes back as is.
    ///
    /// - Parameter keepingLineBreaks: keep line feeds and tabs (text the host composed);
    ///   false for a piece a plugin gave, which must stay on its line.
    public static func escaped(_ text: String, keepingLineBreaks: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: { isEscaped($0, lineBreaks: keepingLineBreaks) }) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            guard isEscaped(scalar, lineBreaks: keepingLineBreaks) else {
                out.unicodeScalars.append(scalar)
                continue
            }
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{1B}": out += "\\e"
            default: out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
        }
        return out
    }

    /// At most `limit` bytes of UTF-8, cut at a character (scalar) boundary, followed by
    /// `… (N more bytes)` when anything was cut. Costs O(limit), whatever the text's size.
    public static func capped(_ text: String, bytes limit: Int = messageBytes) -> String {
        let kept = cut(text, bytes: limit)
        let more = text.utf8.count - kept.utf8.count
        return more == 0 ? text : kept + "… (\(more) more bytes)"
    }

    /// The longest prefix of at most `limit` bytes of UTF-8 that ends at a scalar boundary.
    public static func cut(_ text: String, bytes limit: Int) -> String {
        let utf8 = text.utf8
        guard utf8.count > limit else { return text }
        var end = utf8.index(utf8.startIndex, offsetBy: max(0, limit))
        // Step back over continuation bytes (10xxxxxx) to the start of a scalar.
        while end > utf8.startIndex, utf8[end] & 0xC0 == 0x80 { end = utf8.index(before: end) }
        return String(text[..<end])
    }

    /// A piece of plugin text for a terminal: capped, then escaped (line breaks too).
    public static func plugin(_ text: String, bytes limit: Int = messageBytes) -> String {
        escaped(capped(text, bytes: limit))
    }

    /// The first ``problemCount`` items, each on a line of its own, then
    /// `… and N more problems`; each item capped at ``messageBytes`` and escaped (line
    /// breaks too: one problem, one line). Items past the limit are counted, not described.
    public static func problemLines<S: Sequence>(_ items: S, indent: String = "") -> [String] where S.Element: CustomStringConvertible {
        var lines: [String] = []
        var more = 0
        for item in items {
            if lines.count < problemCount {
                lines.append(indent + plugin(item.description))
            } else {
                more += 1
            }
        }
        if more > 0 { lines.append("\(indent)… and \(more) more problem\(more == 1 ? "" : "s")") }
        return lines
    }
}
