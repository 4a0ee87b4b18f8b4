/// One row of a roadmap page's activity table. The rows are the bulk of the page and are
/// written here rather than by the template engine: measured with wrk on 2,000 roadmaps,
/// the engine's lookups (a dynamic cast per value) were two fifths of a roadmap page's time.
/// Every text goes through ``HTMLText/escape(_:)``.
struct ActivityRow {
    var key: String
    var number: String
    var title: String
    var timing: String
    var status: String
    /// `text` and, for a link, `url` (already checked: http(s) or a file of this roadmap).
    var evidence: [[String: Any]]
    var overdue: Bool
    var mine: Bool
    var sub: Bool

    /// The rows as `<tr>` elements, for `{{{rows}}}`.
    static func html(_ rows: [ActivityRow], roadmap: String) -> RawHTML {
        let base = "/roadmaps/" + HTMLText.escape(WebApp.path(roadmap)) + "/activities/"
        var out = ""
        out.reserveCapacity(rows.count * 400)
        for row in rows {
            let classes = [row.overdue ? "overdue" : nil, row.sub ? "sub" : nil].compactMap { $0 }.joined(separator: " ")
            out += "<tr class=\"\(classes)\"><td>\(HTMLText.escape(row.number))</td>"
            out += "<td><a href=\"\(base)\(HTMLText.escape(WebApp.path(row.key)))\">\(HTMLText.escape(row.title))</a>"
            if row.mine { out += " <span class=\"badge\">ждет вас</span>" }
            out += "</td><td class=\"timing\">\(HTMLText.escape(row.timing))</td><td>\(HTMLText.escape(row.status))"
            if row.overdue { out += " <span class=\"badge late\">просрочено</span>" }
            out += "</td><td>"
            for item in row.evidence {
                let text = HTMLText.escape(item["text"] as? String ?? "")
                if let url = item["url"] as? String {
                    out += "<div><a href=\"\(HTMLText.escape(url))\" rel=\"noopener noreferrer\">\(text)</a></div>"
                } else {
                    out += "<div>\(text)</div>"
                }
            }
            out += "</td></tr>\n"
        }
        return RawHTML(html: out)
    }
}
