/// Builds XML text: escapes text and attribute values and drops the characters XML 1.0
/// cannot hold (C0 controls other than tab, line feed and carriage return; U+FFFE, U+FFFF),
/// so nothing a plugin returns can make a file that Word or Excel refuses to open.
struct XMLWriter {
    private(set) var text = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"

    /// An attribute list in the order it is written.
    typealias Attributes = KeyValuePairs<String, String>

    /// `<name attrs>`.
    mutating func open(_ name: String, _ attributes: Attributes = [:]) {
        text += "<\(name)"
        append(attributes)
        text += ">"
    }

    /// `</name>`.
    mutating func close(_ name: String) {
        text += "</\(name)>"
    }

    /// `<name attrs/>`.
    mutating func empty(_ name: String, _ attributes: Attributes = [:]) {
        text += "<\(name)"
        append(attributes)
        text += "/>"
    }

    /// `<name attrs>escaped text</name>`.
    mutating func element(_ name: String, _ attributes: Attributes = [:], text content: String) {
        open(name, attributes)
        text += Self.escape(content)
        close(name)
    }

    /// `<name attrs>…</name>` around what `body` writes.
    mutating func element(_ name: String, _ attributes: Attributes = [:], _ body: (inout XMLWriter) -> Void) {
        open(name, attributes)
        body(&self)
        close(name)
    }

    private mutating func append(_ attributes: Attributes) {
        for (key, value) in attributes {
            text += " \(key)=\"\(Self.escape(value, attribute: true))\""
        }
    }

    /// Whether XML 1.0 allows the character in a document.
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: true
        case 0x0...0x1F, 0xFFFE, 0xFFFF: false
        default: true
        }
    }

    /// The text with markup characters escaped and disallowed characters removed.
    static func escape(_ raw: String, attribute: Bool = false) -> String {
        var out = ""
        out.reserveCapacity(raw.utf8.count)
        for scalar in raw.unicodeScalars where isAllowed(scalar) {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where attribute: out += "&quot;"
            case "\n" where attribute: out += "&#10;"
            case "\t" where attribute: out += "&#9;"
            case "\r": out += "&#13;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
