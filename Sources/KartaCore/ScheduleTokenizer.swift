/// A piece of a normalised timing phrase.
enum ScheduleToken: Equatable, Sendable {
    /// A run of ASCII digits: its value (exact up to nine digits) and how many digits were written.
    case number(Int, digits: Int)
    /// A run of letters, lower-cased («ё» is read as «е», Latin look-alikes inside a Cyrillic word as Cyrillic),
    /// classified by the lexicon.
    case word(ScheduleWord)
    /// Any other visible character; every kind of dash is `-`.
    case mark(Character)
}

/// Splits a phrase into numbers, words and marks; white space of every kind only separates.
///
/// Digits and letters are split apart («до31.03.2021» → «до», 31, «.», 3, «.», 2021), so missing
/// spaces do not matter; a number keeps its digit count, so «31.032021» (a dot missing) can still be read.
struct ScheduleTokenizer {
    private var tokens: [ScheduleToken] = []
    private var letters = String.UnicodeScalarView()
    private var hasCyrillic = false
    private var hasLatin = false
    private var value = 0
    private var digits = 0

    /// The tokens of `text`.
    static func tokens(_ text: String) -> [ScheduleToken] {
        var tokenizer = ScheduleTokenizer()
        for scalar in text.unicodeScalars {
            tokenizer.consume(scalar)
        }
        tokenizer.flushNumber()
        tokenizer.flushWord()
        return tokenizer.tokens
    }

    /// The canonical spelling of a phrase, used to look up a plugin's own phrases: tokens separated by
    /// single spaces, without trailing punctuation («Октябрь- ноябр 2021.» → «октябрь - ноябр 2021»).
    static func key(_ tokens: [ScheduleToken]) -> String {
        var end = tokens.endIndex
        while end > tokens.startIndex, case .mark(let mark) = tokens[end - 1], ".,;:".contains(mark) {
            end -= 1
        }
        return tokens[..<end].map { token in
            switch token {
            case .number(let value, let digits):
                let text = String(value)
                return text.count >= digits ? text : String(repeating: "0", count: digits - text.count) + text
            case .word(let word): return word.text
            case .mark(let mark): return String(mark)
            }
        }.joined(separator: " ")
    }

    private mutating func consume(_ scalar: Unicode.Scalar) {
        let code = scalar.value
        if code >= 0x30, code <= 0x39 {
            flushWord()
            if digits < 10 { value = value * 10 + Int(code - 0x30) }
            digits += 1
            return
        }
        flushNumber()
        switch code {
        case 0x41...0x5A, 0x61...0x7A:
            letters.append(Unicode.Scalar(code | 0x20) ?? scalar)
            hasLatin = true
        case 0x410...0x42F:
            letters.append(Unicode.Scalar(code + 0x20) ?? scalar)
            hasCyrillic = true
        case 0x401, 0x451:
            letters.append("е")
            hasCyrillic = true
        case 0x430...0x44F:
            letters.append(scalar)
            hasCyrillic = true
        case 0x20, 0x09...0x0D, 0xA0:
            flushWord()
        case 0x21...0x2C, 0x2E, 0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E:
            flushWord()
            tokens.append(.mark(Character(scalar)))
        case 0x306 where letters.last == "и":
            // «й» written as «и» + combining breve.
            letters.removeLast()
            letters.append("й")
        case 0xAD, 0x200B...0x200D, 0x2060, 0xFEFF:
            // Soft hyphen and zero-width characters: invisible, ignored.
            break
        case 0x2D, 0x2010...0x2015, 0x2212, 0x2E3A, 0x2E3B, 0xFE58, 0xFE63, 0xFF0D:
            flushWord()
            tokens.append(.mark("-"))
        default:
            let properties = scalar.properties
            if properties.generalCategory == .nonspacingMark {
                // Other combining accents (a diaeresis on «ё», a stress mark) carry nothing here.
                break
            } else if properties.isAlphabetic {
                letters.append(contentsOf: properties.lowercaseMapping.unicodeScalars)
            } else {
                flushWord()
                if !properties.isWhitespace {
                    tokens.append(.mark(Character(scalar)))
                }
            }
        }
    }

    private mutating func flushNumber() {
        guard digits > 0 else { return }
        tokens.append(.number(value, digits: digits))
        value = 0
        digits = 0
    }

    private mutating func flushWord() {
        guard !letters.isEmpty else { return }
        if hasCyrillic && hasLatin {
            var mapped = String.UnicodeScalarView()
            for scalar in letters {
                mapped.append(Self.cyrillicLookAlike[scalar] ?? scalar)
            }
            letters = mapped
        }
        tokens.append(.word(ScheduleLexicon.classify(String(letters))))
        letters = String.UnicodeScalarView()
        hasCyrillic = false
        hasLatin = false
    }

    /// Latin letters that look like Cyrillic ones (lower-cased), for words typed with a mixed keyboard.
    private static let cyrillicLookAlike: [Unicode.Scalar: Unicode.Scalar] = [
        "a": "а", "b": "в", "c": "с", "e": "е", "h": "н", "k": "к", "m": "м", "o": "о",
        "p": "р", "t": "т", "x": "х", "y": "у",
    ]
}
