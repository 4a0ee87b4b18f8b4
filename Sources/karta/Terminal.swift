import ArgumentParser
import Foundation
import KartaCore

/// Everything the CLI prints goes to the terminal through here: escaped (``TerminalText``:
/// no control character, no bidi override reaches the terminal; the host's own line breaks
/// and tabs stay) and written with one system call per message.
///
/// Report bytes (`karta report` to standard output) are a document and do not pass here.
enum Terminal {
    /// The most bytes of one error message shown; the rest is counted.
    static let errorBytes = 16 * 1024

    /// Writes all of `text` to a descriptor, in as few `write` calls as the kernel allows.
    static func write(_ text: String, to descriptor: Int32) {
        var text = text
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += written
            }
        }
    }

    /// The error as a person reads it: argument-parser's text (`Error: …` and, for usage
    /// errors, the usage), escaped, capped at ``errorBytes``, on standard error in one
    /// write; help and `--version` (exit code 0) go to standard output. Then exits.
    static func exit(with error: any Error) -> Never {
        let code = Karta.exitCode(for: error)
        let text = Karta.fullMessage(for: error)
        if !text.isEmpty {
            let shown = TerminalText.escaped(TerminalText.capped(text, bytes: errorBytes), keepingLineBreaks: true)
            if code == .success {
                FileHandle.standardOutput.write(Data((shown + "\n").utf8))
            } else {
                write(shown + "\n", to: STDERR_FILENO)
            }
        }
        Foundation.exit(code.rawValue)
    }
}

/// The CLI's `print`: Swift's, with the text escaped for a terminal (``TerminalText``,
/// line breaks and tabs kept). Every command prints through it — it shadows `Swift.print`
/// in this module on purpose, so that no command can forget: plugin names, titles and
/// labels, and stored text, reach the terminal without a control character.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    let text = items.map { String(describing: $0) }.joined(separator: separator)
    Swift.print(TerminalText.escaped(text, keepingLineBreaks: true), terminator: terminator)
}
