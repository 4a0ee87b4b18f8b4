import KartaCore
import KartaPlugins
import Testing

/// What `karta plugin check` says about a workflow: every problem keyed by its path.
@Suite struct WorkflowDeclarationTests {
    /// The demo plugin with a review step: МК reports, УО accepts or returns with a comment.
    static let reviewed = validPlugin
        .replacingOccurrences(of: #"{ id = "uo", abbr = "УО", name = "Управление образования" }"#,
                              with: #"{ id = "uo", abbr = "УО", name = "Управление образования", can = { "approve" } }"#)
        .replacingOccurrences(of: "\nreturn M", with: """

        M.workflow = {
          statuses = {
            { id = "planned", label = "запланировано", class = "not_started" },
            { id = "review", label = "на проверке", class = "in_progress" },
            { id = "returned", label = "на доработке", class = "in_progress" },
            { id = "done", label = "выполнено", class = "finished" },
          },
          transitions = {
            { id = "report", label = "сдать на проверку", from = { "planned", "returned" }, to = "review", roles = { "mk" },
              requires = { "report" } },
            { id = "accept", label = "принять", from = "review", to = "done", roles = { "uo" },
              guards = { { id = "not-on-sunday", text = "не в воскресенье", check = function(change) return change.comment ~= "воскресенье" end } } },
            { id = "return", label = "вернуть", from = "review", to = "returned", roles = { "uo" }, requires = { "comment" } },
          },
        }
        M.reporting = { { id = "1", title = "Первое полугодие", start = "01-01", ["end"] = "06-30" },
                        { id = "2", title = "Второе полугодие", start = "07-01", ["end"] = "12-31" } }
        return M
        """)

    @Test func aDeclaredWorkflowLoads() throws {
        let (directory, location) = try makePlugin(Self.reviewed)
        defer { _ = directory }
        let plugin = try Plugin.load(location)
        #expect(plugin.workflow.statuses.map(\.label) == ["запланировано", "на проверке", "на доработке", "выполнено"])
        #expect(plugin.workflow.transitions.map(\.id) == ["report", "accept", "return"])
        #expect(plugin.workflow.transitions(from: Status("review")).map(\.id) == ["accept", "return"])
        #expect(plugin.manifest.reporting.map(\.id) == ["1", "2"])

        let before = demoRoadmap.activities[0]
        let reported = try plugin.resolve(ActivityChange(move: "review", report: "проведено", actor: Actor(role: "МК")),
                                          roadmap: demoRoadmap, before: before)
        #expect(reported.transition == "report" && reported.status == Status("review"))
        var review = before
        review.status = Status("review")
        #expect(throws: RuleRefusal.self) {
            try plugin.resolve(ActivityChange(move: "accept", reason: "воскресенье", actor: Actor(role: "УО")), roadmap: demoRoadmap, before: review)
        }
        let accepted = try plugin.resolve(ActivityChange(move: "accept", actor: Actor(role: "УО")), roadmap: demoRoadmap, before: review)
        #expect(accepted.status == .done)
        // A reporting stage: the one named, else the one holding the day.
        let june = CalendarDate(year: 2021, month: 6, day: 1)!
        #expect(try plugin.reportingPeriod(nil, roadmap: demoRoadmap, today: june).id == "1")
        #expect(try plugin.reportingPeriod("2", roadmap: demoRoadmap, today: june).title == "Второе полугодие")
        #expect(throws: PluginError.self) { try plugin.reportingPeriod("3", roadmap: demoRoadmap, today: june) }
    }

    @Test func withoutAWorkflowTheStandardOneMatchesThePermissions() throws {
        let (directory, location) = try makePlugin(validPlugin)
        defer { _ = directory }
        let workflow = try Plugin.load(location).workflow
        #expect(workflow.statuses.map(\.id) == [.planned, .inProgress, .done, .postponed, .cancelled])
        // МК may report: start and finish; nobody may plan, postpone or cancel.
        #expect(workflow.transitions.first { $0.to == .done }?.roles == ["mk"])
        #expect(workflow.transitions.first { $0.to == .cancelled }?.roles == [])
    }

    @Test func badWorkflowsNameEveryPath() throws {
        let broken = Self.reviewed
            .replacingOccurrences(of: #"from = "review", to = "done""#, with: #"from = "reviewing", to = "done""#)
            .replacingOccurrences(of: #"to = "returned", roles = { "uo" }"#, with: #"to = "returned", roles = { "uo", "boss" }"#)
            .replacingOccurrences(of: #"check = function(change) return change.comment ~= "воскресенье" end"#, with: #"check = "нет""#)
            .replacingOccurrences(of: #"{ id = "done", label = "выполнено", class = "finished" },"#,
                                  with: #"{ id = "done", label = "выполнено", class = "finished" }, { id = "archived", label = "в архиве", class = "gone" },"#)
            .replacingOccurrences(of: #"requires = { "comment" }"#, with: #"requires = { "signature" }"#)
        let lines = try manifestProblems(broken).lines
        #expect(lines.contains("workflow.transitions[2].from: unknown status 'reviewing' (the workflow declares: archived, done, planned, returned, review)"), "\(lines)")
        #expect(lines.contains { $0.hasPrefix("workflow.transitions[3].roles[2]: unknown role 'boss'") }, "\(lines)")
        #expect(lines.contains("workflow.transitions[2].guards[1].check: expected a function, found string"), "\(lines)")
        #expect(lines.contains { $0.hasPrefix("workflow.statuses[5].class: expected one of") && $0.contains("found 'gone'") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("workflow.transitions[3].requires[1]: expected one of") }, "\(lines)")

        // A status nothing leads to, a role that may act but has no transition, no `planned`.
        let dead = Self.reviewed
            .replacingOccurrences(of: #"{ id = "returned", label = "на доработке", class = "in_progress" },"#,
                                  with: #"{ id = "returned", label = "на доработке", class = "in_progress" }, { id = "lost", label = "потеряно", class = "not_done" },"#)
            .replacingOccurrences(of: #"roles = { "uo" }, requires = { "comment" }"#, with: #"roles = { "uo" }, requires = { "comment" }, due = "yes""#)
            .replacingOccurrences(of: #"to = "review", roles = { "mk" }"#, with: #"to = "review", roles = { "uo" }"#)
        let deadLines = try manifestProblems(dead).lines
        #expect(deadLines.contains("workflow.statuses[4].id: status 'lost' cannot be reached: no transition leads to it"), "\(deadLines)")
        #expect(deadLines.contains { $0.hasPrefix("roles[1]: role 'mk' may report but takes no transition of the workflow") }, "\(deadLines)")
        #expect(deadLines.contains("workflow.transitions[3].due: expected true or false, found string"), "\(deadLines)")
        let noPlanned = Self.reviewed.replacingOccurrences(of: #"{ id = "planned", label = "запланировано", class = "not_started" },"#, with: "")
        #expect(try manifestProblems(noPlanned).lines.contains { $0.hasPrefix("workflow.statuses: declare 'planned'") })

        let badStages = Self.reviewed.replacingOccurrences(of: #"start = "07-01""#, with: #"start = "07-32""#)
        #expect(try manifestProblems(badStages).lines.contains("reporting[2].start: '07-32' is not a day of every year (MM-DD)"))
    }

    @Test func validateHookProblemsAreKeyedByActivityAndField() throws {
        let source = validPlugin.replacingOccurrences(of: "\nreturn M", with: """

            function M.validate(roadmap)
              return { { key = roadmap.activities[1].key, field = "level", message = "укажите ФП или РП" }, { message = "целиком" } }
            end
            return M
            """)
        let (directory, location) = try makePlugin(source)
        defer { _ = directory }
        let plugin = try Plugin.load(location)
        let problems = try plugin.problems(in: demoRoadmap).map(\.description)
        #expect(problems == ["activities[0].level: укажите ФП или РП", "целиком"], "\(problems)")

        let wrong = validPlugin.replacingOccurrences(of: "\nreturn M", with: "\nfunction M.validate() return { { key = \"99\", message = \"x\" } } end\nreturn M")
        let (other, badLocation) = try makePlugin(wrong)
        defer { _ = other }
        #expect(throws: PluginError.self) { try Plugin.load(badLocation).problems(in: demoRoadmap) }
    }
}
