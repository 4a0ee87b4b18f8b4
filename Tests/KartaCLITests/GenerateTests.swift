import Foundation
import KartaStore
import KartaTesting
import Testing

/// Issue 23: `karta generate` names each region's roadmaps after that region's own
/// municipalities, so that a roll-up prints Kuban cities under Krasnodar's code, not towns
/// of the Pskov oblast.
@Suite struct GenerateTests {
    /// The municipality of every generated file, by plugin, in order.
    static func generated(_ count: Int) throws -> [String: [String]] {
        let folder = try TemporaryDirectory()
        let run = try KartaProcess.run(["generate", "--municipalities", String(count), "--activities", "1", "--seed", "7",
                                        "--output", folder.path("gen")])
        #expect(run.status == 0, "\(run.output)")
        var result: [String: [String]] = [:]
        for index in 0..<count {
            for plugin in ["pskov", "krasnodar", "shakhty", "spb"] {
                let path = folder.path("gen/\(plugin)/\(plugin)-gen-\(index + 1).yaml")
                guard FileManager.default.fileExists(atPath: path) else { continue }
                let roadmap = try RoadmapFile.decode(String(contentsOfFile: path, encoding: .utf8), file: path)
                result[plugin, default: []].append(roadmap.municipality)
            }
        }
        return result
    }

    @Test func eachRegionsRoadmapsAreNamedAfterItsOwnMunicipalities() throws {
        let names = try Self.generated(12)
        #expect(names["pskov"] == ["Великие Луки", "Остров", "Опочка"])
        #expect(names["krasnodar"] == ["Армавир", "Ейск", "Туапсе"])
        #expect(names["shakhty"] == ["г. Азов", "г. Батайск", "г. Новочеркасск"])
        // The fixture's own district (Василеостровский) is not generated again.
        #expect(names["spb"] == ["Адмиралтейский район", "Выборгский район", "Калининский район"])
    }

    @Test func manyMunicipalitiesOfARegionAreStillDistinct() throws {
        let names = try Self.generated(200)
        for (plugin, list) in names {
            #expect(list.count == 50, "\(plugin)")
            #expect(Set(list).count == list.count, "\(plugin): \(list)")
        }
        #expect(names["pskov"]?.contains("Остров (2)") == true, "\(names["pskov"] ?? [])")
    }
}
