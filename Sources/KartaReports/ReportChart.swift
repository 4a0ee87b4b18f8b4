import Foundation

/// A horizontal bar chart of a table's figures: one bar per data row, labelled by the row's
/// `category` cell, as long as its `value` cell. HTML draws it as an inline SVG after the
/// table, XLSX as a native Excel chart whose series points at the table's own cells; DOCX,
/// Markdown and CSV print the table alone (every figure is in it).
///
/// The bars are the table's data rows in table order (sub-rows included, right after their
/// row): sort the rows to sort the bars. Section, hint and total rows are left out, and so
/// is a row whose value cell does not read as a number (`—`, empty).
public struct ReportChart: Sendable, Hashable, Codable {
    /// The chart's title, printed above it.
    public var title: String
    /// The id of the column whose cells label the bars (the municipality).
    public var category: String
    /// The id of the `number` column whose cells are the bars' lengths (share done).
    public var value: String
    /// Printed after each value (`%`); nil for none.
    public var unit: String?
    /// The end of the value axis (100 for a share in per cent); nil to fit the longest bar.
    public var max: Double?

    /// Creates a chart.
    public init(title: String, category: String, value: String, unit: String? = nil, max: Double? = nil) {
        self.title = title
        self.category = category
        self.value = value
        self.unit = unit
        self.max = max
    }

    /// One bar.
    public struct Bar: Sendable, Hashable {
        /// The category cell's text.
        public var label: String
        /// The value cell as a number.
        public var value: Double
        /// The value cell's text as written (`87,5`).
        public var text: String
        /// The row's index in ``ReportTable/flattenedRows``.
        public var row: Int
    }
}

extension ReportTable {
    /// The bars of the table's chart, top to bottom: every data row whose value cell reads
    /// as a number (as spreadsheets store it), with its category cell. Empty when the table
    /// has no chart or the chart names a column the table lacks.
    public var chartBars: [ReportChart.Bar] {
        guard let chart,
              let category = columns.firstIndex(where: { $0.id == chart.category }),
              let value = columns.firstIndex(where: { $0.id == chart.value }) else { return [] }
        return flattenedRows.enumerated().compactMap { index, entry in
            let row = entry.row
            guard row.kind == .data, value < row.cells.count, let number = XlsxCellValue.number(row.cells[value]) else { return nil }
            let label = category < row.cells.count ? row.cells[category] : ""
            return ReportChart.Bar(label: label, value: number, text: row.cells[value].trimmingCharacters(in: .whitespaces), row: index)
        }
    }
}

extension ReportChart {
    /// The value axis's end: ``max`` when given, else the largest value rounded up to a
    /// round number (1, 2, 2.5 or 5 times a power of ten), so that four steps divide it.
    func axisMaximum(_ bars: [Bar]) -> Double {
        if let max, max > 0 { return max }
        let largest = bars.map(\.value).max() ?? 0
        guard largest > 0 else { return 1 }
        var power = 1.0
        while power * 10 <= largest { power *= 10 }
        while power > largest { power /= 10 }
        for step in [1.0, 2, 2.5, 5, 10] where step * power >= largest { return step * power }
        return 10 * power
    }

    /// The value as printed beside its bar: the cell's text and the unit after a no-break
    /// space (`87,5 %`).
    func label(_ bar: Bar) -> String {
        guard let unit, !unit.isEmpty else { return bar.text }
        return bar.text + "\u{00A0}" + unit
    }
}
