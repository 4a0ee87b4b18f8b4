import Foundation
import KartaCore
import KartaLua
import KartaPlugins
import KartaStore

extension PluginDoctor {
    /// Every fixture activity's timing phrase, read as `karta status` reads it (the plugin's
    /// own `schedules` first, then the built-in vocabulary): a phrase read as `unknown` is
    /// never overdue, which the author should know, and may declare how to read.
    static func timing(_ plugin: Plugin, fixtures: [FixtureRoadmap]) -> [DoctorFinding] {
        guard !fixtures.isEmpty else { return [] }
        var findings: [DoctorFinding] = []
        var phrases = 0
        for fixture in fixtures {
            let parser = plugin.scheduleParser(period: fixture.roadmap.period)
            var locations: [String: (line: Int, column: Int)]?
            for (path, activity) in paths(fixture.roadmap.activities, prefix: "") {
                guard let phrase = activity.schedule?.text, !phrase.allSatisfy(\.isWhitespace) else { continue }
                phrases += 1
                guard parser.parse(phrase).kind == .unknown else { continue }
                if locations == nil {
                    let text = (try? String(contentsOfFile: fixture.file, encoding: .utf8)) ?? ""
                    locations = RoadmapFile.locations(in: text)
                }
                let at = RoadmapFile.location(of: "\(path).timing", in: locations ?? [:])
                let entry = "schedules = { [\(luaString(phrase))] = \(suggestion(for: phrase)) }"
                findings.append(DoctorFinding(
                    .warning, .timing,
                    "activity \(activity.key): the host does not understand the timing «\(phrase)», so it is never overdue",
                    advice: "declare how to read it in \(plugin.location.entry), e.g. \(entry) "
                        + "(kinds: \(ScheduleInterpretation.Kind.allCases.map(\.rawValue).joined(separator: ", "))); "
                        + "karta schedule parse shows how a phrase reads",
                    file: fixture.file, line: at?.line, column: at?.column))
            }
        }
        if findings.isEmpty {
            findings.append(DoctorFinding(.ok, .timing, phrases == 1 ? "the only timing phrase of the fixtures is understood"
                : "all \(phrases) timing phrases of the fixtures are understood"))
        }
        return findings
    }

    /// Each activity, sub-activities included, with its field path in the file (0-based:
    /// `activities[11].activities[2]`), in document order.
    private static func paths(_ activities: [Activity], prefix: String) -> [(String, Activity)] {
        activities.enumerated().flatMap { index, activity -> [(String, Activity)] in
            let path = "\(prefix)activities[\(index)]"
            return [(path, activity)] + paths(activity.children, prefix: path + ".")
        }
    }

    /// A reading to start from for a phrase the host does not understand: the days it
    /// writes as `DD.MM.YYYY` — one day, a deadline when it says «до» or «не позднее», the
    /// span from the first to the last of several — or else someone else's schedule
    /// (`external`, never overdue, as an unknown phrase is).
    static func suggestion(for phrase: String) -> String {
        let dates = writtenDates(phrase)
        let lower = phrase.lowercased()
        switch dates.count {
        case 0:
            return #"{ kind = "external" }"#
        case 1:
            if lower.contains("до ") || lower.contains("не позднее") {
                return #"{ kind = "deadline", ["end"] = "\#(dates[0])" }"#
            }
            return #"{ kind = "date", start = "\#(dates[0])", ["end"] = "\#(dates[0])" }"#
        default:
            return #"{ kind = "range", start = "\#(dates.min()!)", ["end"] = "\#(dates.max()!)" }"#
        }
    }

    /// The days a phrase writes as `DD.MM.YYYY` (or `DD.MM.YY`), in order.
    private static func writtenDates(_ phrase: String) -> [CalendarDate] {
        guard let pattern = try? NSRegularExpression(pattern: #"(?<!\d)(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})(?!\d)"#) else { return [] }
        let text = phrase as NSString
        return pattern.matches(in: phrase, range: NSRange(location: 0, length: text.length)).compactMap { match in
            let parts = (1...3).map { Int(text.substring(with: match.range(at: $0))) ?? 0 }
            let year = parts[2] < 100 ? 2000 + parts[2] : parts[2]
            return CalendarDate(year: year, month: parts[1], day: parts[0])
        }
    }

    /// A Lua string literal of `text` (the one writer of Lua literals, `LuaValue.luaSource`).
    static func luaString(_ text: String) -> String {
        LuaValue.string(text).luaSource
    }
}
