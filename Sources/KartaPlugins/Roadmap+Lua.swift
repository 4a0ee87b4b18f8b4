import KartaCore
import KartaLua

/// How host records look to Lua (see docs/plugin-authoring.md). Pushed straight onto the
/// stack: building a ``LuaValue`` tree first cost more than the report itself.
/// What a plugin function sees beside the roadmap's own data: its region's status labels,
/// and the reporting stage a report is built for.
struct RoadmapContext: Sendable, Hashable {
    /// Status labels by id (`status_text`).
    var labels: [String: String] = [:]
    /// The reporting stage, when a report is built for one (`roadmap.reporting`).
    var reporting: ReportingPeriod?
}

extension LuaTableBuilder {
    /// Pushes the roadmap as the table a report function receives.
    func push(_ roadmap: Roadmap, _ context: RoadmapContext = RoadmapContext()) throws(LuaError) {
        try pushTable(fields: 19) { t throws(LuaError) in
            t.set("id", roadmap.id)
            t.set("plugin", roadmap.plugin)
            try t.set("region") { w throws(LuaError) in try w.pushTable(fields: 1) { $0.set("code", roadmap.regionCode) } }
            t.set("municipality", roadmap.municipality)
            t.set("period", roadmap.period.description)
            switch roadmap.period {
            case .year(let year):
                t.set("period_kind", "year")
                t.set("year", year)
            case .schoolYear(let start):
                t.set("period_kind", "school_year")
                t.set("year", start)
            }
            t.set("title", roadmap.title)
            t.set("subtitle", roadmap.subtitle)
            t.set("goal", roadmap.goal)
            try t.set("tasks") { $0.pushList(roadmap.tasks) }
            if let approval = roadmap.approval {
                try t.set("approval") { w throws(LuaError) in
                    try w.pushTable(fields: 4) { a in
                        a.set("by", approval.by)
                        a.set("number", approval.number)
                        a.set("date", approval.date)
                        a.set("text", approval.printed)
                    }
                }
            }
            try t.set("blocks") { $0.pushMap(roadmap.blocks) }
            try t.set("signatures") { w throws(LuaError) in
                try w.pushTable(sequence: roadmap.signatures.count) { list throws(LuaError) in
                    for (offset, signature) in roadmap.signatures.enumerated() {
                        try list.set(offset + 1) { w throws(LuaError) in
                            try w.pushTable(fields: 5) { s in
                                s.set("kind", signature.kind.rawValue)
                                s.set("label", signature.label)
                                s.set("position", signature.position)
                                s.set("name", signature.name)
                                s.set("date", signature.date)
                            }
                        }
                    }
                }
            }
            if let stage = context.reporting {
                try t.set("reporting") { w throws(LuaError) in
                    try w.pushTable(fields: 4) { r in
                        r.set("id", stage.id)
                        r.set("title", stage.title)
                        if let dates = stage.dates(in: roadmap.period) {
                            r.set("start", dates.start.description)
                            r.set("end", dates.end.description)
                        }
                    }
                }
            }
            try t.set("extra") { $0.pushMap(roadmap.extra) }
            try t.set("activities") { w throws(LuaError) in try w.push(roadmap.activities, labels: context.labels) }
        }
    }

    /// Pushes a list of activities.
    func push(_ activities: [Activity], labels: [String: String]) throws(LuaError) {
        try pushTable(sequence: activities.count) { list throws(LuaError) in
            for (offset, activity) in activities.enumerated() {
                try list.set(offset + 1) { w throws(LuaError) in try w.push(activity, labels: labels) }
            }
        }
    }

    /// Pushes an activity; absent optional fields are nil; `status_text` is the region's
    /// label of its status.
    func push(_ activity: Activity, labels: [String: String]) throws(LuaError) {
        try pushTable(fields: 18) { t throws(LuaError) in
            t.set("key", activity.key)
            t.set("number", activity.number)
            t.set("stage", activity.stage)
            t.set("title", activity.title)
            t.set("description", activity.description)
            t.set("timing", activity.schedule?.text)
            t.set("fact", activity.fact)
            t.set("responsible", activity.responsible)
            try t.set("roles") { $0.pushList(activity.roles) }
            t.set("audience", activity.audience)
            t.set("level", activity.level)
            t.set("indicator", activity.indicator)
            t.set("status", activity.status.rawValue)
            t.set("status_text", labels[activity.status.rawValue] ?? activity.status.rawValue)
            t.set("report", activity.report)
            try t.set("evidence") { w throws(LuaError) in
                try w.pushTable(sequence: activity.evidence.count) { list throws(LuaError) in
                    for (offset, item) in activity.evidence.enumerated() {
                        try list.set(offset + 1) { w throws(LuaError) in
                            try w.pushTable(fields: 4) { e in
                                e.set("title", item.title)
                                e.set("url", item.url)
                                e.set("text", item.printed)
                                e.set("file", item.file)
                            }
                        }
                    }
                }
            }
            try t.set("extra") { $0.pushMap(activity.extra) }
            try t.set("activities") { w throws(LuaError) in try w.push(activity.children, labels: labels) }
        }
    }
}
