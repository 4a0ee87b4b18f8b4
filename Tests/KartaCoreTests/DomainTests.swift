import KartaCore
import Testing

@Suite struct PeriodTests {
    @Test func calendarAndSchoolYears() {
        #expect(Period("2021") == .year(2021))
        #expect(Period("2020-2021") == .schoolYear(startYear: 2020))
        #expect(Period("2020–2021") == .schoolYear(startYear: 2020))
        #expect(Period("2020-2022") == nil)
        #expect(Period(" \t2021\u{00A0}") == .year(2021))
        #expect(Period("2021\n") == nil)
        #expect(Period("весна") == nil)
        #expect(Period.schoolYear(startYear: 2020).description == "2020-2021")
    }
}

@Suite struct EvidenceTests {
    @Test func linksAndReferences() {
        #expect(Evidence(parsing: "http://uo.pskovadmin.ru/mon") == Evidence(url: "http://uo.pskovadmin.ru/mon"))
        let order = "Приказ департамента образования от 14 мая 2021 года № 560"
        #expect(Evidence(parsing: order) == Evidence(title: order))
        #expect(Evidence(title: "Графики", url: "https://disk.yandex.ru/i/x").printed == "Графики https://disk.yandex.ru/i/x")
    }
}

@Suite struct RoadmapValidationTests {
    let roles = [Role(id: "mk", abbreviation: "МК", name: "Муниципальный координатор")]
    let stages = [Stage(id: "1", number: "1.", title: "Организационные мероприятия")]

    func roadmap(_ activities: [Activity]) -> Roadmap {
        Roadmap(id: "x-2021", plugin: "x", regionCode: 60, municipality: "Псков", period: .year(2021), title: "T",
                activities: activities)
    }

    @Test func soundRoadmapHasNoProblems() {
        let activity = Activity(key: "1", number: "1", stage: "1", title: "A", roles: ["mk"])
        #expect(roadmap([activity]).problems(roles: roles, stages: stages).isEmpty)
    }

    @Test func unknownRoleStageAndDuplicateKeysAreKeyedByPath() {
        let problems = roadmap([
            Activity(key: "1", number: "1", stage: "9", title: "A", roles: ["mk", "zz"]),
            Activity(key: "1", number: "1", title: "B", children: [Activity(key: "1.1", number: "", title: " ")]),
        ]).problems(roles: roles, stages: stages)
        let paths = problems.map(\.path)
        #expect(paths == ["activities[0].stage", "activities[0].roles[1]", "activities[1]", "activities[1].activities[0].title"])
        #expect(problems[1].message.contains("unknown role 'zz'"))
    }

    @Test func flattenedKeepsDocumentOrder() {
        let parent = Activity(key: "12", number: "12", title: "P", children: [
            Activity(key: "12.1", number: "", title: "a"), Activity(key: "12.2", number: "", title: "b"),
        ])
        #expect(roadmap([parent]).allActivities.map(\.key) == ["12", "12.1", "12.2"])
    }
}
