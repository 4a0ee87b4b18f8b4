/// HTML a page may print as it is: built by the server from escaped parts (the timeline).
struct RawHTML {
    var html: String
}

/// Escaping text for HTML, over UTF-8 bytes.
enum HTMLText {
    /// `&`, `<`, `>`, `"` and `'` as entities; the string itself when it has none of them.
    static func escape(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.contains(where: { $0 == 38 || $0 == 60 || $0 == 62 || $0 == 34 || $0 == 39 }) else {
                return String(decoding: bytes, as: UTF8.self)
            }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 16)
            for byte in bytes {
                switch byte {
                case 38: out += [38, 97, 109, 112, 59]             // &amp;
                case 60: out += [38, 108, 116, 59]                 // &lt;
                case 62: out += [38, 103, 116, 59]                 // &gt;
                case 34: out += [38, 113, 117, 111, 116, 59]       // &quot;
                case 39: out += [38, 35, 51, 57, 59]               // &#39;
                default: out.append(byte)
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }
}
