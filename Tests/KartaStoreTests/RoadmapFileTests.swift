import Foundation
import KartaCore
@testable import KartaStore
import KartaTesting
import Testing

let minimalYAML = """
    karta: 1
    id: test-2021
    plugin: pskov
    region: 60
    municipality: Псков
    period: 2021
    title: |
      Отчет
      за 2021 год
    signatures:
      - kind: signature
        label: "Согласовано:"
        position: И.о. начальника
        name: Г.А. Козеряцкая
    activities:
      - number: "1"
        title: Назначен  муниципальный координатор
        timing: "До 31.032021"
        roles: [mk]
        status: done
        evidence:
          - http://uo.pskovadmin.ru/mon
          - Приказ от 14.05.2021 № 560
          - {title: Графики, url: "https://disk.yandex.ru/i/x"}
      - number: "12"
        title: Комплекс
        activities:
          - title: подпункт а
          - title: подпункт б
    """

@Suite struct RoadmapFileTests {
    @Test func decodesTheFormat() throws {
        let roadmap = try RoadmapFile.decode(minimalYAML, file: "t.yaml")
        #expect(roadmap.id == "test-2021")
        #expect(roadmap.period == .year(2021))
        #expect(roadmap.title == "Отчет\nза 2021 год")
        #expect(roadmap.activities[0].title == "Назначен  муниципальный координатор")
        #expect(roadmap.activities[0].schedule?.text == "До 31.032021")
        #expect(roadmap.activities[0].status == .done)
        #expect(roadmap.activities[0].evidence == [
            Evidence(url: "http://uo.pskovadmin.ru/mon"), Evidence(title: "Приказ от 14.05.2021 № 560"),
            Evidence(title: "Графики", url: "https://disk.yandex.ru/i/x"),
        ])
        #expect(roadmap.activities[1].children.map(\.key) == ["12.1", "12.2"])
        #expect(roadmap.signatures.first?.name == "Г.А. Козеряцкая")
    }

    @Test func malformedYAMLNamesFileAndLine() {
        let broken = "karta: 1\nid: x\nactivities:\n  - title: [unclosed\n"
        do {
            _ = try RoadmapFile.decode(broken, file: "regions/x/bad.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.errors.count == 1)
            #expect(error.errors[0].file == "regions/x/bad.yaml")
            #expect(error.errors[0].line != nil)
            #expect(error.description.hasPrefix("regions/x/bad.yaml:"))
        }
    }

    @Test func unknownFieldsWrongTypesAndMissingFieldsAreAllReportedWithLines() {
        let text = minimalYAML
            .replacingOccurrences(of: "    timing: \"До 31.032021\"", with: "    timming: x")
            .replacingOccurrences(of: "status: done", with: "status: Готово")
            .replacingOccurrences(of: "municipality: Псков\n", with: "")
        do {
            _ = try RoadmapFile.decode(text, file: "f.yaml")
            Issue.record("expected errors")
        } catch {
            let described = error.errors.map(\.description)
            #expect(described.contains { $0.hasPrefix("f.yaml:1:1: municipality: missing") })
            #expect(described.contains { $0.contains("activities[0].timming: unknown field") && $0.hasPrefix("f.yaml:17:") })
            // Which statuses exist is the plugin's to say (checked at import); an id must look like one.
            #expect(described.contains { $0.contains("activities[0].status: 'Готово' is not a status id") })
        }
    }

    @Test func emptyFileIsAnError() {
        #expect(throws: DataFileErrors.self) { try RoadmapFile.decode("", file: "empty.yaml") }
        #expect(throws: DataFileErrors.self) { try RoadmapFile.decode("# only a comment\n", file: "empty.yaml") }
    }

    /// What the reader refuses beyond plain syntax errors, each at its line and column.
    @Test(arguments: [
        (minimalYAML.replacingOccurrences(of: "plugin: pskov", with: "plugin: &p pskov\nextra: {x: *p}"),
         "f.yaml:4:12: aliases (*name) are not allowed"),
        (minimalYAML + "\n---\nkarta: 1\n", "f.yaml:30:1: invalid YAML: expected a single document"),
        ("activities: " + String(repeating: "[", count: 70) + String(repeating: "]", count: 70),
         "f.yaml:1:76: nesting deeper than 64 levels"),
        (minimalYAML.replacingOccurrences(of: "region: 60", with: "region: 60\nregion: 61"), "f.yaml:5:1: region: duplicate key"),
        (minimalYAML.replacingOccurrences(of: "name: Г.А. Козеряцкая", with: #"name: "Г.А.\a""#),
         "f.yaml:14:11: signatures[0].name: control character U+0007 is not allowed in text"),
        (minimalYAML.replacingOccurrences(of: "name: Г.А. Козеряцкая", with: "name: Г.А.\u{7}"),
         "f.yaml:14:15: unreadable text: control characters are not allowed"),
        (minimalYAML.replacingOccurrences(of: "name: Г.А. Козеряцкая", with: #"name: "Г.А.\Nx""#),
         "f.yaml:14:11: signatures[0].name: control character U+0085 is not allowed in text (NEL, character 5)"),
        (minimalYAML.replacingOccurrences(of: "region: 60", with: "region: 60\nextra: {\"ключ\\e[2J\": x}"),
         "f.yaml:5:9: extra (a key): control character U+001B is not allowed in text (ESC, character 5)"),
        (minimalYAML.replacingOccurrences(of: "name: Г.А. Козеряцкая", with: #"name: "Г.А.\r\nИванова\x7F""#),
         "f.yaml:14:11: signatures[0].name: control character U+007F is not allowed in text (DEL, character 13)"),
    ])
    func refusals(text: String, expected: String) {
        do {
            _ = try RoadmapFile.decode(text, file: "f.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.errors.contains { $0.description.hasPrefix(expected) }, "\(error)")
        }
    }

    @Test func anchorsWithoutAliasesAndTagsAreRead() throws {
        let text = minimalYAML.replacingOccurrences(of: "plugin: pskov", with: "plugin: &p !!str pskov")
        #expect(try RoadmapFile.decode(text, file: "f.yaml").plugin == "pskov")
    }
}

@Suite struct DatabaseTests {
    @Test func saveAndLoadRoundTrip() throws {
        let directory = try TemporaryDirectory()
        let database = try KartaDatabase(path: directory.path("k.sqlite"))
        let roadmap = try RoadmapFile.decode(minimalYAML, file: "t.yaml")
        try database.save(roadmap)
        #expect(try database.roadmap(id: "test-2021") == roadmap)
        let list = try database.roadmaps()
        #expect(list.map(\.id) == ["test-2021"])
        #expect(list.first?.activityCount == 2)
        #expect(try database.appliedMigrations() == ["v1: roadmaps, activities, evidence", "v2: history of changes",
                                                  "v3: workflow transitions, amendments, submissions", "v4: accounts",
                                                  "v5: evidence files", "v6: roadmaps by region and municipality",
                                                  "v7: Karta's application id"])
    }

    @Test func secondImportIsRefusedAndChangesNothing() throws {
        let directory = try TemporaryDirectory()
        let database = try KartaDatabase(path: directory.path("k.sqlite"))
        let roadmap = try RoadmapFile.decode(minimalYAML, file: "t.yaml")
        try database.save(roadmap)
        var changed = roadmap
        changed.title = "Другое"
        #expect(throws: StoreError.self) { try database.save(changed) }
        #expect(try database.roadmap(id: "test-2021")?.title == roadmap.title)
        try database.save(changed, replace: true)
        #expect(try database.roadmap(id: "test-2021")?.title == "Другое")
    }

    @Test func aFailingSaveLeavesNoHalfWrittenRoadmap() throws {
        let directory = try TemporaryDirectory()
        let database = try KartaDatabase(path: directory.path("k.sqlite"))
        var roadmap = try RoadmapFile.decode(minimalYAML, file: "t.yaml")
        // Two activities with the same key violate the primary key half-way through the insert.
        roadmap.activities.append(roadmap.activities[0])
        #expect(throws: StoreError.self) { try database.save(roadmap) }
        #expect(try database.roadmap(id: "test-2021") == nil)
        #expect(try database.roadmaps().isEmpty)
    }
}

@Suite struct RoadmapEncodeTests {
    @Test(arguments: ["pskov/roadmap-2021.yaml", "krasnodar/roadmap-2020-2021.yaml", "shakhty/roadmap-2022.yaml", "spb/roadmap-2021.yaml"])
    func encodedFixtureReadsBackEqual(_ fixture: String) throws {
        let text = try String(contentsOfFile: PackagePaths.path("regions/" + fixture), encoding: .utf8)
        let roadmap = try RoadmapFile.decode(text, file: fixture)
        let again = try RoadmapFile.decode(RoadmapFile.encode(roadmap), file: "encoded")
        #expect(again == roadmap)
    }
}

@Suite struct JSONStringListTests {
    @Test(arguments: [#"[]"#, #"["uo"]"#, #"["uo","mk"]"#, #"[ "a" , "b,c" ]"#, #"["кураторы","ОО"]"#, #"["a\"b","c\\d","e\/f","g\nh"]"#])
    func agreesWithFoundation(_ text: String) throws {
        let expected = try JSONDecoder().decode([String].self, from: Data(text.utf8))
        #expect(JSONStringList.parse(text) == expected)
    }

    @Test(arguments: [#"["a"#, #"[1]"#, #"{"a":1}"#, #"["a",]"#, #"["\u0041"]"#, #"["a"] x"#])
    func leavesAnythingElseToTheDecoder(_ text: String) {
        #expect(JSONStringList.parse(text) == nil)
    }

    @Test(arguments: [[], ["uo"], ["uo", "mk"], ["кураторы", "a\"b", "c\\d", "e/f", "g\nh\ti\r", "\u{1}"]])
    func writtenListsReadBack(_ list: [String]) throws {
        let text = stringListText(list)
        #expect(try JSONDecoder().decode([String].self, from: Data(text.utf8)) == list)
        if !list.contains("\u{1}") { #expect(JSONStringList.parse(text) == list) }
    }

    @Test(arguments: [[:], ["reporting_stage": "2"], ["b": "тел. / факс", "a": "a\"b\\c\nd\te\r", "ключ": "\u{1}"]])
    func writtenMapsReadBack(_ map: [String: String]) throws {
        let text = stringMapText(map)
        #expect(try JSONDecoder().decode([String: String].self, from: Data(text.utf8)) == map)
        if !map.values.contains("\u{1}") { #expect(JSONStringList.parseMap(text) == map) }
        #expect(stringMapText(map) == text)
    }

    @Test(arguments: [#"{}"#, #"{"a":"b"}"#, #"{ "letterhead" : "Управление\nобразования", "x":"y\"z" }"#])
    func mapsAgreeWithFoundation(_ text: String) throws {
        let expected = try JSONDecoder().decode([String: String].self, from: Data(text.utf8))
        #expect(JSONStringList.parseMap(text) == expected)
    }

    @Test(arguments: [#"[]"#, #"[{"kind":"signature","name":"Г.А. Козеряцкая","position":"И.о.\nначальника"}]"#,
                      #"[{"a":"b"},{"c":"d\"e"}]"#])
    func mapListsAgreeWithFoundation(_ text: String) throws {
        let expected = try JSONDecoder().decode([[String: String]].self, from: Data(text.utf8))
        #expect(JSONStringList.parseMapList(text) == expected)
    }

    @Test(arguments: [#"[{"a":1}]"#, #"[{"a":"b"},]"#, #"[{"a":"b"}] x"#, #"[{"a":"b","a":"c"}]"#, #"{"a":"b"}"#])
    func mapListsLeaveAnythingElseToTheDecoder(_ text: String) {
        #expect(JSONStringList.parseMapList(text) == nil)
    }

    @Test(arguments: [#"{"a":1}"#, #"{"a":"b",}"#, #"{"a"}"#, #"["a"]"#, #"{"a":"\u0041"}"#, #"{"a":"b"} x"#, "{\"a\":\"b\nc\"}", #"{"a":"1","a":"2"}"#])
    func mapsLeaveAnythingElseToTheDecoder(_ text: String) {
        #expect(JSONStringList.parseMap(text) == nil)
    }
}
