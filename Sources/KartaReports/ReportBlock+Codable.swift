/// JSON shape of a block: an object whose `type` names the block (`heading`, `paragraph`,
/// `approval`, `signature`, `table`) beside the block's own fields, e.g.
/// `{"type": "heading", "text": "…", "level": 1}`. This is what `karta report --format json`
/// prints and what external checks read.
extension ReportBlock {
    private enum TypeKey: String, CodingKey { case type }
    private enum HeadingKeys: String, CodingKey { case text, level }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: TypeKey.self)
        let type = try container.decode(String.self, forKey: .type)
        switch type {
        case "heading":
            let fields = try decoder.container(keyedBy: HeadingKeys.self)
            self = .heading(text: try fields.decode(String.self, forKey: .text), level: try fields.decode(Int.self, forKey: .level))
        case "paragraph": self = .paragraph(try ReportParagraph(from: decoder))
        case "approval": self = .approval(try SignatureBlock(from: decoder))
        case "signature": self = .signature(try SignatureBlock(from: decoder))
        case "table": self = .table(try ReportTable(from: decoder))
        default:
            throw DecodingError.dataCorruptedError(forKey: .type, in: container, debugDescription: "unknown block type \(type)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: TypeKey.self)
        switch self {
        case .heading(let text, let level):
            try container.encode("heading", forKey: .type)
            var fields = encoder.container(keyedBy: HeadingKeys.self)
            try fields.encode(text, forKey: .text)
            try fields.encode(level, forKey: .level)
        case .paragraph(let paragraph):
            try container.encode("paragraph", forKey: .type)
            try paragraph.encode(to: encoder)
        case .approval(let block):
            try container.encode("approval", forKey: .type)
            try block.encode(to: encoder)
        case .signature(let block):
            try container.encode("signature", forKey: .type)
            try block.encode(to: encoder)
        case .table(let table):
            try container.encode("table", forKey: .type)
            try table.encode(to: encoder)
        }
    }
}
