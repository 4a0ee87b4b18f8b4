import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A parsed XML element: name with its prefix as written, attributes, children and text.
/// Enough to read back the parts Karta writes (and those Word or Excel write) for
/// content comparisons; not a general XML library.
final class XMLNode {
    let name: String
    let attributes: [String: String]
    private(set) var children: [XMLNode] = []
    fileprivate(set) var text = ""

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

    fileprivate func append(_ child: XMLNode) { children.append(child) }

    /// Parses a document; throws when it is not well-formed.
    static func parse(_ data: Data, part: String) throws(ReportRenderError) -> XMLNode {
        let builder = Builder()
        let parser = XMLParser(data: data)
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else {
            throw ReportRenderError("\(part): not well-formed XML (\(parser.parserError.map { "\($0)" } ?? "no root element"))")
        }
        return root
    }

    private final class Builder: NSObject, XMLParserDelegate {
        var root: XMLNode?
        var stack: [XMLNode] = []

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String] = [:]) {
            let node = XMLNode(name: elementName, attributes: attributes)
            if let parent = stack.last { parent.append(node) } else { root = node }
            stack.append(node)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            stack.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            stack.last?.text += string
        }
    }
}
