public import KartaCore
import KartaLua

/// What a region report is built for, beside its roadmaps: the third argument of its
/// `build(roadmaps, figures, context)`.
public struct RegionReportContext: Sendable, Hashable {
    /// The day the figures are for.
    public var asOf: CalendarDate
    /// The period of the roadmaps («2021», «2020-2021»).
    public var period: String

    /// Creates a context.
    public init(asOf: CalendarDate, period: String) {
        self.asOf = asOf
        self.period = period
    }

    /// The table `context` as `build` receives it (``LuaShape/regionContext``).
    func luaValue(region: Region, count: Int) -> LuaValue {
        .table(LuaTable(fields: [
            "as_of": .string(asOf.description), "as_of_text": .string(asOf.printed), "period": .string(period),
            "region": .table(LuaTable(fields: ["code": .integer(Int64(region.code)), "name": .string(region.name)])),
            "municipalities": .integer(Int64(count)),
        ]))
    }
}

extension RoadmapFigures {
    /// The table of one roadmap's figures as `build` receives it (``LuaShape/figures``).
    var luaValue: LuaValue {
        var fields: [String: LuaValue] = [
            "roadmap": .string(roadmap), "municipality": .string(municipality), "planned": .integer(Int64(planned)),
            "done": .integer(Int64(done)), "in_progress": .integer(Int64(inProgress)), "not_started": .integer(Int64(notStarted)),
            "postponed": .integer(Int64(postponed)), "cancelled": .integer(Int64(cancelled)), "overdue": .integer(Int64(overdue)),
            "done_without_evidence": .integer(Int64(doneWithoutEvidence)),
            "stages": .table(LuaTable(sequence: stages.map { stage in
                .table(LuaTable(fields: [
                    "id": .string(stage.id), "title": .string(stage.title), "done": .integer(Int64(stage.done)),
                    "planned": .integer(Int64(stage.total)),
                ]))
            })),
        ]
        if let review { fields["review"] = .integer(Int64(review)) }
        return .table(LuaTable(fields: fields))
    }
}

extension [RoadmapFigures] {
    /// The list `figures` as `build` receives it.
    var luaValue: LuaValue { .table(LuaTable(sequence: map(\.luaValue))) }
}
