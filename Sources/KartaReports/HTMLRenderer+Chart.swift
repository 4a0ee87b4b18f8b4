import Foundation

/// A table's chart as an inline SVG: horizontal bars in black outline and grey fill, the
/// category on the left, the value and unit at each bar's end, an axis from 0 to the chart's
/// maximum under the bars, the title above as the figure's caption and as the SVG's `<title>`.
/// Only presentation attributes, no `style` attribute, no script, no external resource; no
/// colour carries meaning, so it prints the same in black and white.
extension HTMLRenderer {
    /// Layout, in SVG user units (pixels at 100 %).
    enum ChartLayout {
        static let width = 640.0
        static let top = 6.0
        static let slot = 24.0
        static let bar = 16.0
        static let axis = 26.0
        static let valueSpace = 72.0
        static let fontSize = 12.0
        /// A rough width of one character of the font at ``fontSize``.
        static let characterWidth = 6.6
    }

    func render(_ chart: ReportChart, bars: [ReportChart.Bar]) -> String {
        typealias L = ChartLayout
        let longest = bars.map(\.label.count).max() ?? 0
        let labelWidth = min(240, max(60, Double(longest) * L.characterWidth + 10))
        let plotLeft = labelWidth
        let plotWidth = L.width - labelWidth - L.valueSpace
        let height = L.top + Double(bars.count) * L.slot + L.axis
        let maximum = chart.axisMaximum(bars)
        func x(_ value: Double) -> Double { plotLeft + plotWidth * min(1, max(0, value / maximum)) }

        var out = "<figure class=\"chart\">\n<figcaption>\(escape(chart.title))</figcaption>\n"
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 \(n(L.width)) \(n(height))\""
        out += " width=\"\(n(L.width))\" height=\"\(n(height))\""
        out += " font-family=\"Times New Roman, Liberation Serif, serif\" font-size=\"\(n(L.fontSize))\">\n"
        out += "<title>\(escape(chart.title))</title>\n"
        // The grid and the axis: ticks at 0, ¼, ½, ¾ and all of the maximum.
        let axisY = L.top + Double(bars.count) * L.slot
        for step in 0...4 {
            let value = maximum * Double(step) / 4
            let tickX = x(value)
            if step > 0 {
                out += "<line x1=\"\(n(tickX))\" y1=\"\(n(L.top))\" x2=\"\(n(tickX))\" y2=\"\(n(axisY))\""
                out += " stroke=\"#808080\" stroke-width=\"0.5\" stroke-dasharray=\"2 3\"/>\n"
            }
            out += "<line x1=\"\(n(tickX))\" y1=\"\(n(axisY))\" x2=\"\(n(tickX))\" y2=\"\(n(axisY + 4))\" stroke=\"#000\" stroke-width=\"1\"/>\n"
            let text = chart.unit.map { Self.number(value) + "\u{00A0}" + $0 } ?? Self.number(value)
            out += "<text x=\"\(n(tickX))\" y=\"\(n(axisY + 17))\" text-anchor=\"middle\">\(escape(text))</text>\n"
        }
        out += "<line x1=\"\(n(plotLeft))\" y1=\"\(n(axisY))\" x2=\"\(n(plotLeft + plotWidth))\" y2=\"\(n(axisY))\" stroke=\"#000\" stroke-width=\"1\"/>\n"
        out += "<line x1=\"\(n(plotLeft))\" y1=\"\(n(L.top))\" x2=\"\(n(plotLeft))\" y2=\"\(n(axisY))\" stroke=\"#000\" stroke-width=\"1\"/>\n"
        // The bars, in table order from the top.
        // Every label fits unless the longest was cut to the 240 units the labels may take
        // (computed, not divided back: 12 × 6.6 / 6.6 is 11.999… in floating point).
        let fits = Double(longest) * L.characterWidth + 10 <= labelWidth ? longest : Int((labelWidth - 10) / L.characterWidth)
        for (index, bar) in bars.enumerated() {
            let y = L.top + Double(index) * L.slot + (L.slot - L.bar) / 2
            let middle = y + L.bar / 2 + L.fontSize * 0.35
            let label = bar.label.count > fits ? String(bar.label.prefix(max(1, fits - 1))) + "…" : bar.label
            out += "<text x=\"\(n(plotLeft - 6))\" y=\"\(n(middle))\" text-anchor=\"end\">\(escape(oneLine(label)))</text>\n"
            out += "<rect x=\"\(n(plotLeft))\" y=\"\(n(y))\" width=\"\(n(x(bar.value) - plotLeft))\" height=\"\(n(L.bar))\""
            out += " fill=\"#bfbfbf\" stroke=\"#000\" stroke-width=\"0.75\"/>\n"
            out += "<text x=\"\(n(x(bar.value) + 4))\" y=\"\(n(middle))\">\(escape(chart.label(bar)))</text>\n"
        }
        out += "</svg>\n</figure>\n"
        return out
    }

    /// A label on one line: line breaks as spaces.
    private func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    /// A coordinate with at most one decimal.
    private func n(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    /// An axis figure as Russian prints it: `25`, `2,5`.
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return String(format: "%g", value).replacingOccurrences(of: ".", with: ",")
    }

    /// Style rules for what only some documents hold (total rows, charts), so that a page
    /// without them keeps exactly the rules it had.
    static func extraStyle(_ document: ReportDocument) -> String {
        var rules: [String] = []
        if document.tables.contains(where: { $0.flattenedRows.contains { $0.row.kind == .total } }) {
            rules.append("tr.total td { font-weight: bold; }")
        }
        if document.tables.contains(where: { $0.chart != nil }) {
            rules.append("""
                .chart { margin: 0.5em 0 1em; page-break-inside: avoid; break-inside: avoid; }
                .chart figcaption { font-weight: bold; text-align: center; margin-bottom: 0.25em; }
                .chart svg { display: block; width: 100%; max-width: 170mm; height: auto; margin: 0 auto; }
                """)
        }
        return rules.isEmpty ? "" : "\n" + rules.joined(separator: "\n")
    }
}
