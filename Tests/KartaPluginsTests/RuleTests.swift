import KartaCore
import KartaPlugins
import Testing

@Suite struct RuleTests {
    /// The demo plugin with a rule, a phrase of its own, and `report` for МК only.
    let source = validPlugin.replacingOccurrences(of: "\nreturn M", with: """

        M.rules = {
          { id = "report-needs-text", text = "отчет о выполнении пишется словами", check = function(change, activity, roadmap)
              assert(activity.key == change.key and roadmap.id == "demo-2021")
              if change.to == "done" and not change.report then return false end
              if change.report == "плохо" then return "так не пишут" end
              return true
            end },
        }
        M.schedules = { ["в период каникул"] = { kind = "recurring", recurrence = "school holidays" },
                        ["к дню учителя"] = { kind = "deadline", ["end"] = "2021-10-05" } }
        return M
        """)

    func check(_ plugin: Plugin, _ change: ActivityChange) throws {
        _ = try plugin.resolve(change, roadmap: demoRoadmap, before: demoRoadmap.activities[0])
    }

    @Test func rolesAndRulesRefuseByName() throws {
        let (directory, location) = try makePlugin(source)
        let plugin = try Plugin.load(location)
        try check(plugin, ActivityChange(status: .done, report: "проведено", actor: Actor(role: "мк")))
        #expect(throws: RuleRefusal.self) { try check(plugin, ActivityChange(status: .done, actor: Actor(role: "МК"))) }
        do {
            try check(plugin, ActivityChange(status: .done, actor: Actor(role: "МК")))
        } catch let refusal as RuleRefusal {
            #expect(refusal.description == "refused by rule 'report-needs-text' of transition 'done' of plugin 'demo': отчет о выполнении пишется словами")
        }
        do {
            try check(plugin, ActivityChange(report: "плохо", actor: Actor(role: "МК")))
        } catch let refusal as RuleRefusal {
            #expect(refusal.message == "так не пишут")
        }
        do {
            // УО declares no permissions; МК may report but not plan.
            try check(plugin, ActivityChange(status: .inProgress, actor: Actor(role: "УО")))
            Issue.record("expected a refusal")
        } catch let refusal as RuleRefusal {
            #expect(refusal.rule == "roles")
            #expect(refusal.message == "роль «УО» не может выполнить переход «начать» (→ выполняется); его выполняют: МК")
        }
        #expect(throws: RuleRefusal.self) { try check(plugin, ActivityChange(status: .cancelled, actor: Actor(role: "МК"))) }
        _ = directory
    }

    @Test func aRuleThatFailsIsAPluginError() throws {
        let broken = source.replacingOccurrences(of: "return true\n", with: "return 42\n")
        let (directory, location) = try makePlugin(broken)
        let plugin = try Plugin.load(location)
        #expect(throws: PluginError.self) {
            try check(plugin, ActivityChange(status: .inProgress, actor: Actor(role: "МК")))
        }
        _ = directory
    }

    @Test func pluginPhrasesComeFirst() throws {
        let (directory, location) = try makePlugin(source)
        let parser = try Plugin.load(location).scheduleParser(period: .schoolYear(startYear: 2021))
        #expect(parser.parse("В период каникул").kind == .recurring)
        #expect(parser.parse("В период каникул").recurrence == "school holidays")
        #expect(parser.parse("к дню учителя").end == CalendarDate(year: 2021, month: 10, day: 5))
        #expect(parser.parse("март").kind == .monthRange)
        _ = directory
    }

    @Test func badRulesAndPhrasesNameTheirPaths() throws {
        let broken = source
            .replacingOccurrences(of: #"id = "report-needs-text", text"#, with: #"id = "report-needs-text", txt"#)
            .replacingOccurrences(of: #"kind = "deadline", ["end"] = "2021-10-05""#, with: #"kind = "soon", ["end"] = "05.10.2021""#)
            .replacingOccurrences(of: #"kind = "recurring", recurrence"#, with: #"recurrence"#)
        let lines = try manifestProblems(broken).lines
        #expect(lines.contains { $0.hasPrefix("rules[1].txt: unknown field") }, "\(lines)")
        #expect(lines.contains("rules[1].text: missing"))
        #expect(lines.contains { $0.hasPrefix(#"schedules["к дню учителя"].kind: expected one of"#) }, "\(lines)")
        // Every field of a reading is checked, whatever its kind; a reading without one is an error, not dropped.
        #expect(lines.contains(#"schedules["к дню учителя"].end: '05.10.2021' is not a date YYYY-MM-DD"#), "\(lines)")
        #expect(lines.contains(#"schedules["в период каникул"].kind: missing"#), "\(lines)")
    }
}
