internal import CXlsxWriter
import Foundation

/// A table's chart as a native Excel bar chart (libxlsxwriter's chart API), placed under the
/// table: one series whose categories and values are the table's own cells, so the chart
/// follows any correction made in the sheet. Black outline, grey fill, the value and unit at
/// each bar's end, no legend, the first row's bar at the top as in the table.
extension XlsxSheet {
    /// Inserts the chart of `table`, whose first row below the header is `firstRow`, under
    /// the table, and moves the row cursor past it. A chart without bars is left out.
    mutating func insert(_ chart: ReportChart, of table: ReportTable, firstRow: UInt32) throws(ReportRenderError) {
        let bars = table.chartBars
        guard !bars.isEmpty,
              let category = table.columns.firstIndex(where: { $0.id == chart.category }),
              let value = table.columns.firstIndex(where: { $0.id == chart.value }) else { return }
        guard let excel = workbook_add_chart(workbook, UInt8(LXW_CHART_BAR.rawValue)) else {
            throw ReportRenderError("xlsx: libxlsxwriter refused a chart")
        }
        let rows = bars.map { firstRow + UInt32($0.row) }
        let runs = Self.runs(rows)
        guard let series = chart_add_series(excel, runs.count == 1 ? nil : Self.formula(sheetName, runs, column: category),
                                            runs.count == 1 ? nil : Self.formula(sheetName, runs, column: value)) else {
            throw ReportRenderError("xlsx: libxlsxwriter refused the chart's series")
        }
        if let run = runs.first, runs.count == 1 {
            // libxlsxwriter quotes the sheet name and caches the cells' values.
            chart_series_set_categories(series, sheetName, run.lowerBound, UInt16(category), run.upperBound, UInt16(category))
            chart_series_set_values(series, sheetName, run.lowerBound, UInt16(value), run.upperBound, UInt16(value))
        }
        style(excel, series: series, chart: chart)

        // Under the table, one empty row between; as wide as the table allows, a bar's
        // height per bar.
        row += 1
        let tableWidth = widths.prefix(table.columns.count).reduce(0) { $0 + $1 * 7 + 5 }
        let width = min(720, max(480, tableWidth))
        let height = max(200, 70 + 26 * Double(bars.count))
        var options = lxw_chart_options()
        options.x_scale = width / 480
        options.y_scale = height / 288
        options.object_position = UInt8(LXW_OBJECT_MOVE_DONT_SIZE.rawValue)
        let inserted = Self.cText(chart.title).withCString { description in
            options.description = UnsafeMutablePointer(mutating: description)
            return worksheet_insert_chart_opt(worksheet, row, 0, excel, &options)
        }
        try check(inserted, "chart")
        // Rows of the default height (20 pixels) the chart covers, so that what follows
        // the table starts below it.
        row += UInt32((height / 20).rounded(.up))
    }

    /// Title, bars, labels and axes: black and grey only, Times New Roman.
    private func style(_ excel: UnsafeMutablePointer<lxw_chart>, series: UnsafeMutablePointer<lxw_chart_series>, chart: ReportChart) {
        "Times New Roman".withCString { fontName in
            let name = UnsafeMutablePointer(mutating: fontName)
            var titleFont = lxw_chart_font()
            (titleFont.name, titleFont.size, titleFont.bold) = (name, 12, 1)
            var font = lxw_chart_font()
            (font.name, font.size) = (name, 10)
            Self.cText(chart.title).withCString { chart_title_set_name(excel, $0) }
            chart_title_set_name_font(excel, &titleFont)
            chart_legend_set_position(excel, UInt8(LXW_CHART_LEGEND_NONE.rawValue))

            var fill = lxw_chart_fill()
            fill.color = 0xBFBFBF
            chart_series_set_fill(series, &fill)
            var outline = lxw_chart_line()
            (outline.color, outline.width) = (UInt32(LXW_COLOR_BLACK.rawValue), 0.75)
            chart_series_set_line(series, &outline)
            chart_series_set_labels(series)
            chart_series_set_labels_position(series, UInt8(LXW_CHART_LABEL_POSITION_OUTSIDE_END.rawValue))
            chart_series_set_labels_font(series, &font)
            let numberFormat = Self.numberFormat(unit: chart.unit)
            chart_series_set_labels_num_format(series, numberFormat)

            // A bar chart's x axis is the horizontal one: the values.
            guard let values = excel.pointee.x_axis, let categories = excel.pointee.y_axis else { return }
            chart_axis_set_min(values, 0)
            if let max = chart.max, max > 0 { chart_axis_set_max(values, max) }
            chart_axis_set_num_format(values, numberFormat)
            chart_axis_set_num_font(values, &font)
            var grid = lxw_chart_line()
            (grid.color, grid.width, grid.dash_type) = (0x808080, 0.5, UInt8(LXW_CHART_LINE_DASH_DASH.rawValue))
            chart_axis_major_gridlines_set_line(values, &grid)
            // The first row's bar at the top, as in the table, the values still below.
            chart_axis_set_reverse(categories)
            chart_axis_set_crossing_max(categories)
            chart_axis_set_num_font(categories, &font)
        }
    }

    /// Runs of consecutive rows: `[4, 5, 6, 8, 9]` → `[4...6, 8...9]`.
    static func runs(_ rows: [UInt32]) -> [ClosedRange<UInt32>] {
        var runs: [ClosedRange<UInt32>] = []
        for row in rows {
            if let last = runs.last, last.upperBound + 1 == row {
                runs[runs.count - 1] = last.lowerBound...row
            } else {
                runs.append(row...row)
            }
        }
        return runs
    }

    /// A range formula over several runs of one column, as Excel writes a series over rows
    /// that are not next to each other: `=('Отчет'!$B$5:$B$7,'Отчет'!$B$9:$B$12)`.
    static func formula(_ sheet: String, _ runs: [ClosedRange<UInt32>], column: Int) -> String {
        let quoted = "'" + sheet.replacingOccurrences(of: "'", with: "''") + "'"
        let letters = columnLetters(column)
        let areas = runs.map { run in
            run.count == 1
                ? "\(quoted)!$\(letters)$\(run.lowerBound + 1)"
                : "\(quoted)!$\(letters)$\(run.lowerBound + 1):$\(letters)$\(run.upperBound + 1)"
        }
        return "=(" + areas.joined(separator: ",") + ")"
    }

    /// `0` → `A`, `27` → `AB`.
    static func columnLetters(_ column: Int) -> String {
        var column = column + 1
        var letters = ""
        while column > 0 {
            let remainder = (column - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + remainder))) + letters
            column = (column - 1) / 26
        }
        return letters
    }

    /// The number format of the data labels and the value axis: the number as the locale
    /// shows it, then a no-break space and the unit, each character literal (`General\ \%`).
    static func numberFormat(unit: String?) -> String {
        guard let unit, !unit.isEmpty else { return "General" }
        return "General\\\u{00A0}" + cText(unit).map { "\\\($0)" }.joined()
    }

    /// Text for the chart's parts: on one line, without what XML cannot hold.
    static func cText(_ text: String) -> String {
        clean(text).split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
