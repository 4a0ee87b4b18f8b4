/// Proof that an activity took place: a link, a document reference, or a titled link.
public struct Evidence: Sendable, Hashable, Codable {
    /// Text printed before the link, or the document reference
    /// («Приказ … от 14.05.2021 № 560»); nil for a bare link.
    public var title: String?
    /// The link, if any.
    public var url: String?
    /// An uploaded file kept by Karta: the SHA-256 of its bytes (hex); `title` is its name.
    public var file: String?

    /// Creates evidence; at least one of `title` and `url` should be given.
    public init(title: String? = nil, url: String? = nil, file: String? = nil) {
        self.title = title
        self.url = url
        self.file = file
    }

    /// Evidence from one printed string: a link when it starts with `http://` or `https://`,
    /// otherwise a document reference.
    public init(parsing text: String) {
        if Evidence.isLink(text) {
            self.init(url: text)
        } else {
            self.init(title: text)
        }
    }

    /// True for strings that start with `http://` or `https://`.
    public static func isLink(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower.hasPrefix("http://") || lower.hasPrefix("https://")
    }

    /// The evidence as printed: title and link separated by a space (an uploaded file prints
    /// its name).
    public var printed: String {
        [title, url].compactMap { $0 }.joined(separator: " ")
    }
}
