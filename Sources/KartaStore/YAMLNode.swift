internal import CYAML

/// One node of a composed YAML document, with the line and column (1-based) where it starts.
///
/// Built by ``YAMLNode/compose(_:file:)`` straight from libyaml's events. Tags are ignored and
/// scalars stay text: ``RoadmapFile`` types every value itself.
struct YAMLNode: Sendable {
    enum Content: Sendable {
        /// Text as written; `plain` when unquoted (only a plain `~`, `null` or empty value is
        /// null); `escaped` when double-quoted, the one style whose escapes (`"\a"`) can hold
        /// control characters (libyaml refuses them anywhere else).
        case scalar(String, plain: Bool, escaped: Bool)
        /// Key–value pairs in file order, repeated keys included (the reader reports them).
        case mapping([(key: YAMLNode, value: YAMLNode)])
        case sequence([YAMLNode])
    }

    let content: Content
    let line: Int
    let column: Int

    /// The text of a scalar node.
    var scalar: String? {
        if case .scalar(let text, _, _) = content { return text }
        return nil
    }

    /// Deeper than this, a file is refused: a roadmap needs about ten levels, and the tree must
    /// stay shallow enough to be walked and freed without exhausting the stack.
    static let maximumDepth = 64

    /// Composes the single document of `text`; nil for a stream without a document.
    ///
    /// - Throws: a ``DataFileError`` with the line and column libyaml reports, for text that is
    ///   not YAML, a second document, an alias (`*name`) or nesting deeper than ``maximumDepth``.
    static func compose(_ text: String, file: String) throws(DataFileError) -> YAMLNode? {
        var text = text
        let result = text.withUTF8 { bytes -> Result<YAMLNode?, DataFileError> in
            guard let start = bytes.baseAddress, !bytes.isEmpty else { return .success(nil) }
            let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
            defer { parser.deallocate() }
            guard yaml_parser_initialize(parser) == 1 else {
                return .failure(DataFileError(file: file, message: "cannot read YAML: out of memory"))
            }
            defer { yaml_parser_delete(parser) }
            yaml_parser_set_input_string(parser, start, bytes.count)
            yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
            var composer = Composer(file: file, bytes: bytes)
            return Result { () throws(DataFileError) in try composer.run(parser) }
        }
        return try result.get()
    }

    /// Turns libyaml events into nodes with an explicit stack (no recursion).
    private struct Composer {
        let file: String
        let bytes: UnsafeBufferPointer<UInt8>
        var stack: [(line: Int, column: Int, isMapping: Bool, items: [YAMLNode])] = []
        var root: YAMLNode?
        var documents = 0

        init(file: String, bytes: UnsafeBufferPointer<UInt8>) {
            self.file = file
            self.bytes = bytes
        }

        mutating func run(_ parser: UnsafeMutablePointer<yaml_parser_t>) throws(DataFileError) -> YAMLNode? {
            var event = yaml_event_t()
            while true {
                guard yaml_parser_parse(parser, &event) == 1 else { throw syntaxError(parser.pointee) }
                defer { yaml_event_delete(&event) }
                let line = Int(event.start_mark.line) + 1
                let column = Int(event.start_mark.column) + 1
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return root
                case YAML_DOCUMENT_START_EVENT:
                    documents += 1
                    if documents > 1 {
                        throw DataFileError(file: file, line: line, column: column,
                                            message: "invalid YAML: expected a single document in the stream but found another document")
                    }
                case YAML_SCALAR_EVENT:
                    let scalar = event.data.scalar
                    let text = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
                    add(YAMLNode(content: .scalar(text, plain: scalar.style == YAML_PLAIN_SCALAR_STYLE,
                                                  escaped: scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE),
                                 line: line, column: column))
                case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    if stack.count >= YAMLNode.maximumDepth {
                        throw DataFileError(file: file, line: line, column: column,
                                            message: "nesting deeper than \(YAMLNode.maximumDepth) levels")
                    }
                    stack.append((line, column, event.type == YAML_MAPPING_START_EVENT, []))
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    let open = stack.removeLast()
                    let content: Content
                    if open.isMapping {
                        content = .mapping(stride(from: 0, to: open.items.count - 1, by: 2).map { (open.items[$0], open.items[$0 + 1]) })
                    } else {
                        content = .sequence(open.items)
                    }
                    add(YAMLNode(content: content, line: open.line, column: open.column))
                case YAML_ALIAS_EVENT:
                    throw DataFileError(file: file, line: line, column: column,
                                        message: "aliases (*name) are not allowed in roadmap files; write the value out")
                default:
                    break  // stream start, document end, no event
                }
            }
        }

        private mutating func add(_ node: YAMLNode) {
            if stack.isEmpty {
                root = node
            } else {
                stack[stack.count - 1].items.append(node)
            }
        }

        private func syntaxError(_ parser: yaml_parser_t) -> DataFileError {
            let problem = parser.problem.map { String(cString: $0) } ?? "unknown problem"
            if parser.error == YAML_READER_ERROR {
                // libyaml gives only a byte offset here; count lines and characters up to it.
                let before = bytes.prefix(min(Int(parser.problem_offset), bytes.count))
                let lineStart = (before.lastIndex(of: 0x0A) ?? -1) + 1
                let column = before[lineStart...].count { $0 & 0xC0 != 0x80 } + 1
                return DataFileError(file: file, line: before.count { $0 == 0x0A } + 1, column: column,
                                     message: "unreadable text: \(problem)")
            }
            let context = parser.context.map { "\(String(cString: $0)) " } ?? ""
            return DataFileError(file: file, line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1,
                                 message: "invalid YAML: \(context)\(problem)")
        }
    }
}
