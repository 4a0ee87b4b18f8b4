import Foundation

/// A small, strict XML reader for the parts of Office files: elements, attributes, text,
/// CDATA, comments and processing instructions; the five predefined entities and character
/// references. A DOCTYPE (which Office never writes, and which could declare entities) is
/// refused. Builds ``XMLNode``s with an explicit stack, so depth costs no recursion.
struct XMLScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    let part: String
    var index = 0
    var stack: [XMLNode] = []
    var root: XMLNode?
    /// Deeper than this a part is refused: Office parts nest about ten levels.
    static let maximumDepth = 1_000

    init(bytes: UnsafeBufferPointer<UInt8>, part: String) {
        self.bytes = bytes
        self.part = part
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
    }

    func error(_ message: String) -> ReportRenderError {
        let line = bytes[..<min(index, bytes.count)].count { $0 == 0x0A } + 1
        return ReportRenderError("\(part): not well-formed XML (line \(line): \(message))")
    }

    mutating func run() throws(ReportRenderError) -> XMLNode {
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "<") {
                try markup()
            } else {
                let start = index
                index = next(UInt8(ascii: "<"), from: index)
                try text(start..<index, raw: false)
            }
        }
        guard stack.isEmpty else { throw error("element <\(stack.last?.name ?? "")> is not closed") }
        guard let root else { throw error("no root element") }
        return root
    }

    private func starts(with literal: StaticString, at position: Int) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard position + count <= bytes.count else { return false }
        let start = literal.utf8Start
        var offset = 0
        while offset < count {
            if bytes[position + offset] != start[offset] { return false }
            offset += 1
        }
        return true
    }

    /// Moves past `terminator`, returning the range before it.
    private mutating func skip(past terminator: StaticString) throws(ReportRenderError) -> Range<Int> {
        let first = terminator.utf8Start[0]
        let start = index
        while index < bytes.count {
            if bytes[index] == first, starts(with: terminator, at: index) {
                defer { index += terminator.utf8CodeUnitCount }
                return start..<index
            }
            index += 1
        }
        throw error("'\(terminator)' expected before the end")
    }

    /// The index of the next `byte` at or after `index`, or the end (memchr: text runs are
    /// most of a part's bytes).
    private func next(_ byte: UInt8, from position: Int) -> Int {
        guard position < bytes.count, let base = bytes.baseAddress else { return bytes.count }
        guard let found = memchr(base + position, Int32(byte), bytes.count - position) else { return bytes.count }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    private mutating func markup() throws(ReportRenderError) {
        if starts(with: "<?", at: index) {
            index += 2
            _ = try skip(past: "?>")
        } else if starts(with: "<!--", at: index) {
            index += 4
            _ = try skip(past: "-->")
        } else if starts(with: "<![CDATA[", at: index) {
            index += 9
            try text(try skip(past: "]]>"), raw: true)
        } else if starts(with: "<!", at: index) {
            throw error("declarations (<!DOCTYPE …>) are not read")
        } else if starts(with: "</", at: index) {
            index += 2
            let name = try self.name()
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ">") else { throw error("'>' expected after </\(name)") }
            index += 1
            guard let open = stack.popLast(), open.name == name else { throw error("</\(name)> does not close an open element") }
        } else {
            index += 1
            try element()
        }
    }

    private mutating func element() throws(ReportRenderError) {
        let name = try self.name()
        var attributes: [String: String] = [:]
        while true {
            skipSpace()
            guard index < bytes.count else { throw error("<\(name) is not finished") }
            if bytes[index] == UInt8(ascii: ">") || starts(with: "/>", at: index) { break }
            let key = try self.name()
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "=") else { throw error("'=' expected after \(key)") }
            index += 1
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") else {
                throw error("a quoted value expected for \(key)")
            }
            let quote = bytes[index]
            index += 1
            let start = index
            index = next(quote, from: index)
            guard index < bytes.count else { throw error("the value of \(key) is not closed") }
            attributes[key] = try decode(start..<index, attribute: true)
            index += 1
        }
        let node = XMLNode(name: name, attributes: attributes)
        if let parent = stack.last {
            parent.append(node)
        } else if root == nil {
            root = node
        } else {
            throw error("a second root element <\(name)>")
        }
        if bytes[index] == UInt8(ascii: ">") {
            index += 1
            guard stack.count < Self.maximumDepth else { throw error("nesting deeper than \(Self.maximumDepth) levels") }
            stack.append(node)
        } else {
            index += 2
        }
    }

    private mutating func name() throws(ReportRenderError) -> String {
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "=") || Self.isSpace(byte) { break }
            index += 1
        }
        guard index > start else { throw error("a name expected") }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    }

    private mutating func skipSpace() {
        while index < bytes.count, Self.isSpace(bytes[index]) { index += 1 }
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// Text between markup (or CDATA, `raw`) for the open element; outside the root only
    /// white space is allowed.
    private mutating func text(_ range: Range<Int>, raw: Bool) throws(ReportRenderError) {
        guard let open = stack.last else {
            guard !raw, bytes[range].allSatisfy(Self.isSpace) else { throw error("text outside the root element") }
            return
        }
        open.text += raw ? Self.lines(range, in: bytes) : try decode(range, attribute: false)
    }

    /// Line ends as XML reads them: CRLF and a lone CR become LF.
    private static func lines(_ range: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> String {
        let slice = UnsafeBufferPointer(rebasing: bytes[range])
        guard has(0x0D, in: slice) else { return String(decoding: slice, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(slice.count)
        for (offset, byte) in slice.enumerated() {
            if byte == 0x0D {
                if offset + 1 < slice.count, slice[offset + 1] == 0x0A { continue }
                out.append(0x0A)
            } else {
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Text or an attribute value with its references resolved (`&amp;`, `&#10;`, `&#x1F600;`);
    /// in an attribute, a literal tab or line end reads as a space.
    private func decode(_ range: Range<Int>, attribute: Bool) throws(ReportRenderError) -> String {
        let slice = UnsafeBufferPointer(rebasing: bytes[range])
        let special = [UInt8(ascii: "&"), 0x0D].contains { Self.has($0, in: slice) }
            || (attribute && (Self.has(0x09, in: slice) || Self.has(0x0A, in: slice)))
        guard special else { return String(decoding: slice, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(slice.count)
        var position = 0
        while position < slice.count {
            let byte = slice[position]
            if byte == UInt8(ascii: "&") {
                guard let end = slice[position...].firstIndex(of: UInt8(ascii: ";")), end - position <= 12 else {
                    throw error("'&' that starts no reference")
                }
                let reference = String(decoding: UnsafeBufferPointer(rebasing: slice[(position + 1)..<end]), as: UTF8.self)
                guard let scalar = Self.resolve(reference) else { throw error("unknown reference &\(reference);") }
                out.append(contentsOf: String(Character(scalar)).utf8)
                position = end + 1
                continue
            }
            if byte == 0x0D {
                if position + 1 < slice.count, slice[position + 1] == 0x0A { position += 1; continue }
                out.append(attribute ? 0x20 : 0x0A)
            } else if attribute, byte == 0x09 || byte == 0x0A {
                out.append(0x20)
            } else {
                out.append(byte)
            }
            position += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func has(_ byte: UInt8, in slice: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = slice.baseAddress else { return false }
        return memchr(base, Int32(byte), slice.count) != nil
    }

    private static func resolve(_ reference: String) -> Unicode.Scalar? {
        switch reference {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        default:
            guard reference.hasPrefix("#") else { return nil }
            let digits = reference.dropFirst()
            let value = digits.hasPrefix("x") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
            return value.flatMap(Unicode.Scalar.init)
        }
    }
}
