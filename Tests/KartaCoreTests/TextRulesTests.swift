import KartaCore
import Testing

/// The rule for stored text and the escaping of terminal text, character by character.
@Suite struct TextRulesTests {
    static let forbidden: [Unicode.Scalar] = ["\u{0}", "\u{1}", "\u{7}", "\u{8}", "\u{B}", "\u{C}", "\u{1B}", "\u{1F}", "\u{7F}",
                                              "\u{80}", "\u{85}", "\u{9B}", "\u{9F}"]

    @Test(arguments: forbidden)
    func controlCharactersAreRefusedWhereverTheyStand(_ scalar: Unicode.Scalar) {
        for text in ["\(scalar)", "а\(scalar)", "Проведено \(scalar)[2J совещание", "ё\u{308}\(scalar)"] {
            guard case .failure(let problem) = StoredText.checked(text) else {
                Issue.record("accepted \(text.debugDescription)")
                continue
            }
            #expect(problem.scalar == scalar)
            #expect(problem.position == text.prefix { !$0.unicodeScalars.contains(scalar) }.count + 1)
        }
        #expect(throws: TextFieldError.self) { try ActivityChange(report: "x\(scalar)", actor: Actor(role: "mk")).checkedText() }
        #expect(throws: TextFieldError.self) { try PlanChange(timing: "x\(scalar)", actor: Actor(role: "mk")).checkedText() }
        #expect(throws: TextFieldError.self) { try ActivityChange(evidence: [Evidence(url: "http://x\(scalar)")], actor: Actor(role: "mk")).checkedText() }
        #expect(throws: TextFieldError.self) { try ActivityChange(actor: Actor(role: "mk", name: "И\(scalar)")).checkedText() }
    }

    @Test(arguments: [
        ("Проведено", "Проведено"), ("a\tb\nc", "a\tb\nc"), ("первая\r\nвторая\r\n", "первая\nвторая\n"),
        ("🇷🇺 👩‍👩‍👧‍👦 и\u{306} \u{200F}", "🇷🇺 👩‍👩‍👧‍👦 и\u{306} \u{200F}"), ("\u{A0}\u{2028}", "\u{A0}\u{2028}"), ("", ""),
    ])
    func ordinaryTextIsKept(_ text: String, _ stored: String) throws {
        #expect(try StoredText.checked(text).get() == stored)
    }

    @Test(arguments: ["a\rb", "\r", "a\r\r\nb", "a\n\r"])
    func loneCarriageReturnIsRefused(_ text: String) {
        guard case .failure(let problem) = StoredText.checked(text) else {
            Issue.record("accepted \(text.debugDescription)")
            return
        }
        #expect(problem.scalar == "\r")
    }

    @Test func refusalNamesTheField() {
        let error = TextFieldError(field: "текст отчета", problem: StoredText.ForbiddenCharacter(scalar: "\u{1B}", position: 5))
        #expect(error.description == "поле «текст отчета»: недопустимый управляющий символ U+001B (ESC) в позиции 5; уберите его и повторите")
    }

    @Test(arguments: [
        ("\u{1B}[2J", #"\e[2J"#), ("a\rb", #"a\rb"#), ("a\nb\tc", #"a\nb\tc"#), ("\u{7}", #"\u{7}"#), ("\u{0}", #"\u{0}"#),
        ("\u{7F}", #"\u{7F}"#), ("\u{85}\u{9B}", #"\u{85}\u{9B}"#), ("\u{202E}x\u{2066}\u{2069}\u{200F}", #"\u{202E}x\u{2066}\u{2069}\u{200F}"#),
        ("Псков 🇷🇺 и\u{306}", "Псков 🇷🇺 и\u{306}"), (#"a\b"#, #"a\b"#),
    ])
    func terminalTextIsEscaped(_ text: String, _ shown: String) {
        #expect(TerminalText.escaped(text) == shown)
        let kept = TerminalText.escaped(text, keepingLineBreaks: true)
        #expect(kept == shown.replacingOccurrences(of: #"\n"#, with: "\n").replacingOccurrences(of: #"\t"#, with: "\t"))
    }

    @Test func messagesAreCappedInBytesAtCharacterBoundaries() {
        let text = String(repeating: "я", count: 5000)  // 10,000 bytes
        let capped = TerminalText.capped(text)
        #expect(capped == String(repeating: "я", count: 2048) + "… (5904 more bytes)")
        let emoji = String(repeating: "😀", count: 2000)  // 8,000 bytes
        #expect(TerminalText.cut(emoji, bytes: 4098) == String(repeating: "😀", count: 1024))
        #expect(TerminalText.capped("short") == "short")
        let accents = "a" + String(repeating: "\u{301}", count: 1 << 20)  // one character of 2 MiB
        #expect(TerminalText.capped(accents).utf8.count < 4200)
    }

    @Test func problemListsAreCapped() {
        let problems = (1...600_000).map { "blocks[1].rows[\($0)]: 2 cells for 1 columns" }
        let lines = TerminalText.problemLines(problems, indent: "  ")
        #expect(lines.count == 51)
        #expect(lines.first == "  blocks[1].rows[1]: 2 cells for 1 columns")
        #expect(lines.last == "  … and 599950 more problems")
        #expect(TerminalText.problemLines(["a\u{1B}b"]) == [#"a\eb"#])
    }

    @Test(arguments: [
        ("Протокол 👩‍👩‍👧‍👦 🇷🇺.pdf", "Протокол 👩‍👩‍👧‍👦 🇷🇺.pdf"), ("и\u{306}ёлка.docx", "и\u{306}ёлка.docx"),
        ("../../etc/passwd", "passwd"), (#"C:\Users\я\приказ.pdf"#, "приказ.pdf"), (".hidden", "hidden"), ("...", "файл"),
        ("a\u{0}b\u{1B}[2J.pdf", "ab[2J.pdf"), ("evil\u{202E}fdp.exe", "evilfdp.exe"), ("  отчет.pdf  ", "отчет.pdf"), ("", "файл"),
        ("\u{200F}שלום.pdf", "שלום.pdf"),
    ])
    func fileNamesAreSafe(_ name: String, _ safe: String) {
        #expect(FileName.safe(name, fallback: "файл") == safe)
    }

    @Test(arguments: [String(repeating: "👨‍👩‍👧", count: 100), String(repeating: "я", count: 300),
                      "a" + String(repeating: "\u{301}", count: 400), String(repeating: "x", count: 1000)])
    func longFileNamesKeepTheirExtensionWithin255Bytes(_ stem: String) {
        let safe = FileName.safe(stem + ".pdf", fallback: "файл")
        #expect(safe.utf8.count <= 255)
        #expect(safe.hasSuffix(".pdf"))
        #expect(safe.count > 1)
        #expect(stem.hasPrefix(String(safe.dropLast(4))) || stem.unicodeScalars.starts(with: safe.dropLast(4).unicodeScalars))
    }
}
