/// The one rule for text that enters the database — from `karta mark`, `amend`, `approve`,
/// an account, a web form or a roadmap file: no control characters.
///
/// C0 controls other than tab and line feed (U+0000–U+001F), DEL (U+007F) and the C1
/// controls (U+0080–U+009F) cannot be printed, move a terminal's cursor, and make XML
/// (DOCX, XLSX) that Word refuses; they are refused, never silently dropped. A carriage
/// return is taken only as part of a CRLF line end (what browsers send from every
/// `<textarea>`, and what a report pasted from Windows holds), which becomes a line feed;
/// a lone carriage return is refused: it hides the rest of a line on a terminal.
public enum StoredText {
    /// A character that stored text may not hold, and where it is.
    public struct ForbiddenCharacter: Error, Sendable, Hashable, CustomStringConvertible {
        /// The character.
        public var scalar: Unicode.Scalar
        /// Its position in the text, 1-based, in characters as a person counts them.
        public var position: Int

        /// Creates the description of a refused character.
        public init(scalar: Unicode.Scalar, position: Int) {
            self.scalar = scalar
            self.position = position
        }

        /// `U+001B`.
        public var code: String {
            let hex = String(scalar.value, radix: 16, uppercase: true)
            return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        }

        /// The character's short name (`ESC`, `NEL`), for the few that have a common one.
        public var name: String? { Self.names[scalar.value] }

        /// `control character U+001B (ESC) at character 5`.
        public var description: String {
            "control character \(code)\(name.map { " (\($0))" } ?? "") at character \(position)"
        }

        private static let names: [UInt32: String] = [
            0x00: "NUL", 0x07: "BEL", 0x08: "BS", 0x0B: "VT", 0x0C: "FF", 0x0D: "CR", 0x1B: "ESC", 0x7F: "DEL",
            0x85: "NEL", 0x9B: "CSI",
        ]
    }

    /// Whether a character is refused in stored text (a carriage return is judged with its
    /// neighbour by ``checked(_:)``).
    public static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A: false
        case 0x00...0x1F, 0x7F...0x9F: true
        default: false
        }
    }

    /// The text as it is stored: CRLF made LF; or the first forbidden character.
    ///
    /// Scans the UTF-8 bytes once; text without a carriage return or a control character
    /// (nearly all) is returned as it is, without a copy.
    public static func checked(_ text: String) -> Result<String, ForbiddenCharacter> {
        let (sawCRLF, bad) = text.utf8.withContiguousStorageIfAvailable { scan($0) } ?? scan(Array(text.utf8))
        if let bad {
            let prefix = String(decoding: text.utf8.prefix(bad), as: UTF8.self)
            let scalar = String(decoding: text.utf8.dropFirst(bad), as: UTF8.self).unicodeScalars.first ?? "\u{0}"
            return .failure(ForbiddenCharacter(scalar: scalar, position: prefix.count + 1))
        }
        return .success(sawCRLF ? text.replacingCRLF() : text)
    }

    /// Whether there is a CRLF, and the byte offset of the first forbidden character.
    private static func scan<C: RandomAccessCollection>(_ bytes: C) -> (crlf: Bool, bad: Int?) where C.Element == UInt8, C.Index == Int {
        var crlf = false
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte < 0x20 {
                if byte == 0x0D, index + 1 < bytes.endIndex, bytes[index + 1] == 0x0A {
                    crlf = true
                } else if byte != 0x09 && byte != 0x0A {
                    return (crlf, index - bytes.startIndex)
                }
            } else if byte == 0x7F {
                return (crlf, index - bytes.startIndex)
            } else if byte == 0xC2, index + 1 < bytes.endIndex, (0x80...0x9F).contains(bytes[index + 1]) {
                // U+0080–U+009F are C2 80 – C2 9F in UTF-8.
                return (crlf, index - bytes.startIndex)
            }
            index += 1
        }
        return (crlf, nil)
    }
}

extension String {
    /// The text with every CRLF made LF.
    fileprivate func replacingCRLF() -> String {
        var out = String.UnicodeScalarView()
        var pendingCR = false
        for scalar in unicodeScalars {
            if pendingCR, scalar != "\n" { out.append("\r") }
            pendingCR = scalar == "\r"
            if !pendingCR { out.append(scalar) }
        }
        if pendingCR { out.append("\r") }
        return String(out)
    }
}

/// Text given for a named field was refused (``StoredText``); nothing was stored.
///
/// The message names the field in Russian, as a form shows it, since the web application
/// shows the same message on the form the person filled in.
public struct TextFieldError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The field as a person knows it: «текст отчета», «доказательство 2».
    public var field: String
    /// What was refused.
    public var problem: StoredText.ForbiddenCharacter

    /// Creates the error.
    public init(field: String, problem: StoredText.ForbiddenCharacter) {
        self.field = field
        self.problem = problem
    }

    /// `поле «текст отчета»: недопустимый управляющий символ U+001B (ESC) в позиции 5; уберите его и повторите`.
    public var description: String {
        let name = problem.name.map { " (\($0))" } ?? ""
        return "поле «\(field)»: недопустимый управляющий символ \(problem.code)\(name) в позиции \(problem.position); уберите его и повторите"
    }

    /// The text of a field as stored (CRLF made LF), or the error naming the field.
    public static func check(_ text: String, field: String) throws(TextFieldError) -> String {
        try stored(text, field: field)
    }

    private static func stored(_ text: String, field: String) throws(TextFieldError) -> String {
        switch StoredText.checked(text) {
        case .success(let stored): return stored
        case .failure(let problem): throw TextFieldError(field: field, problem: problem)
        }
    }

    /// ``check(_:field:)`` of an optional value.
    public static func check(_ text: String?, field: String) throws(TextFieldError) -> String? {
        guard let text else { return nil }
        return try stored(text, field: field)
    }
}
