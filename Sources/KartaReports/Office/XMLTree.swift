import Foundation

/// A parsed XML element: name with its prefix as written, attributes, children and text.
/// Enough to read back the parts Karta writes (and those Word or Excel write) for
/// content comparisons; not a general XML library.
final class XMLNode {
    let name: String
    let attributes: [String: String]
    private(set) var children: [XMLNode] = []
    /// The element's own text (not its children's), as read.
    var text = ""

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    /// The local name, without a namespace prefix.
    var localName: String { name.split(separator: ":").last.map(String.init) ?? name }

    /// Direct children with this local name.
    func children(_ local: String) -> [XMLNode] { children.filter { $0.localName == local } }

    /// The first direct child with this local name.
    func child(_ local: String) -> XMLNode? { children.first { $0.localName == local } }

    /// Every descendant with this local name, in document order.
    func descendants(_ local: String) -> [XMLNode] {
        children.flatMap { ($0.localName == local ? [$0] : []) + $0.descendants(local) }
    }

    /// An attribute by local name (`w:val` is found as `val`).
    func attribute(_ local: String) -> String? {
        attributes.first { $0.key.split(separator: ":").last.map(String.init) == local }?.value
    }

    /// Adds a child (the reader's side).
    func append(_ child: XMLNode) { children.append(child) }

    /// Parses a document; throws when it is not well-formed.
    ///
    /// One pass over the bytes (``XMLScanner``), in time and memory proportional to the
    /// document's size and with no limit on a text's length: Foundation's `XMLParser` goes
    /// through libxml2, which calls a document over 10 MB, or a text node over 10 MB, «not
    /// well-formed» unless it is asked for `XML_PARSE_HUGE`, which `XMLParser` cannot ask.
    static func parse(_ data: Data, part: String) throws(ReportRenderError) -> XMLNode {
        let result = data.withUnsafeBytes { raw -> Result<XMLNode, ReportRenderError> in
            var scanner = XMLScanner(bytes: raw.bindMemory(to: UInt8.self), part: part)
            return Result { () throws(ReportRenderError) in try scanner.run() }
        }
        return try result.get()
    }
}
