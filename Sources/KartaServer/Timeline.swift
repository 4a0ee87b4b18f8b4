import Foundation
import KartaCore

/// A roadmap's timeline (Gantt), drawn as SVG on the server from the parsed timings: one
/// row per activity, a bar from its first to its last day over the months of the period,
/// coloured by its status's class. Recurring, external and unreadable timings are drawn as
/// such, never as dates they do not name.
struct Timeline {
    struct Row {
        var number: String
        var title: String
        var timing: String
        var reading: ScheduleInterpretation
        var kind: StatusClass
        var overdue: Bool
    }

    var period: Period
    var rows: [Row]
    var today: CalendarDate

    static let labelWidth = 300.0
    static let chartWidth = 780.0
    static let rowHeight = 22.0
    static let top = 34.0
    static let months = ["янв", "фев", "мар", "апр", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек"]

    var svg: String {
        let start = period.start
        let days = Double(period.end.days(from: start) + 1)
        let width = Self.labelWidth + Self.chartWidth + 10
        let height = Self.top + Double(rows.count) * Self.rowHeight + 10
        func x(_ date: CalendarDate) -> Double {
            let clamped = min(max(date, start), period.end)
            return Self.labelWidth + Double(clamped.days(from: start)) / days * Self.chartWidth
        }
        var out = ##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \##(Int(width)) \##(Int(height))" role="img" "##
            + ##"aria-label="График мероприятий" class="timeline" font-family="system-ui, sans-serif" font-size="12">"##
        // Month columns.
        var month = CalendarDate.firstOfMonth(year: start.year, month: start.month)!
        while month <= period.end {
            let next = month.month == 12 ? CalendarDate.firstOfMonth(year: month.year + 1, month: 1)! : CalendarDate.firstOfMonth(year: month.year, month: month.month + 1)!
            let left = x(month), right = x(min(next.adding(days: -1), period.end))
            out += ##"<rect x="\##(f(left))" y="20" width="\##(f(right - left))" height="\##(f(height - 30))" fill="\##(month.month % 2 == 0 ? "#f3f5f8" : "#ffffff")"/>"##
            out += ##"<text x="\##(f((left + right) / 2))" y="14" text-anchor="middle" fill="#5a6270">\##(Self.months[month.month - 1])</text>"##
            month = next
        }
        for (index, row) in rows.enumerated() {
            let y = Self.top + Double(index) * Self.rowHeight
            let label = "\(row.number) \(row.title)"
            let short = label.count > 44 ? String(label.prefix(43)) + "…" : label
            out += ##"<text x="4" y="\##(f(y + 14))"><title>\##(escape(label))</title>\##(escape(short))</text>"##
            let color = Self.color(row.kind, overdue: row.overdue)
            let tip = "<title>\(escape(row.timing))</title>"
            switch row.reading.kind {
            case .recurring, .wholePeriod:
                out += ##"<rect x="\##(f(Self.labelWidth))" y="\##(f(y + 5))" width="\##(f(Self.chartWidth))" height="12" fill="\##(color)" fill-opacity="0.35">\##(tip)</rect>"##
                out += ##"<text x="\##(f(Self.labelWidth + 6))" y="\##(f(y + 15))" fill="#1b1b1b">\##(row.reading.kind == .recurring ? "регулярно" : "весь период"): \##(escape(row.timing))</text>"##
            case .external:
                out += ##"<rect x="\##(f(Self.labelWidth))" y="\##(f(y + 5))" width="\##(f(Self.chartWidth))" height="12" fill="none" stroke="#5a6270" stroke-dasharray="4 3">\##(tip)</rect>"##
                out += ##"<text x="\##(f(Self.labelWidth + 6))" y="\##(f(y + 15))" fill="#5a6270">по чужому графику: \##(escape(row.timing))</text>"##
            case .unknown:
                out += ##"<text x="\##(f(Self.labelWidth + 6))" y="\##(f(y + 15))" fill="#c62828">срок не распознан: \##(escape(row.timing.isEmpty ? "нет срока" : row.timing))</text>"##
            default:
                let first = row.reading.start ?? row.reading.end ?? start
                let last = row.reading.end ?? period.end
                let left = x(first), right = max(x(last), left + 3)
                out += ##"<rect x="\##(f(left))" y="\##(f(y + 4))" width="\##(f(right - left))" height="14" rx="2" fill="\##(color)">\##(tip)</rect>"##
                for date in row.reading.dates.count > 1 ? row.reading.dates : [] {
                    out += ##"<rect x="\##(f(x(date) - 1))" y="\##(f(y + 2))" width="3" height="18" fill="#123a6b"/>"##
                }
            }
        }
        if period.contains(today) {
            out += ##"<line x1="\##(f(x(today)))" x2="\##(f(x(today)))" y1="18" y2="\##(f(height - 6))" stroke="#c62828" stroke-width="1.5"/>"##
            out += ##"<text x="\##(f(x(today) + 3))" y="28" fill="#c62828">сегодня</text>"##
        }
        return out + "</svg>"
    }

    static func color(_ kind: StatusClass, overdue: Bool) -> String {
        if overdue { return "#e57373" }
        switch kind {
        case .finished: return "#66bb6a"
        case .inProgress: return "#42a5f5"
        case .notStarted: return "#b0bec5"
        case .postponed: return "#ffb74d"
        case .notDone: return "#d7ccc8"
        }
    }

    private func f(_ value: Double) -> String { String(format: "%.1f", value) }

    /// Text for an SVG element or attribute, on one line.
    private func escape(_ text: String) -> String {
        HTMLText.escape(text.replacingOccurrences(of: "\n", with: " "))
    }
}
