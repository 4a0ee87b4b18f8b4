import Foundation
import KartaCore
import KartaLua
import KartaPlugins
import KartaReports
import KartaStore
import KartaTesting
import Testing

/// One process, as a server would be: every hostile case of the suite 20 times in a row
/// through the library (plugins in worker processes), then a good report. The report must
/// still be right, resident memory must end within 10 % of where it stood after the first
/// round, and no file descriptor, thread or child process may be left over.
///
/// Run on its own (`make test` runs it in a second `swift test`), so that no other test's
/// threads, files or memory are counted.
@Suite struct LongRunningHostTests {
    static let rounds = 20
    /// Short limits keep 20 rounds quick; the attacks are the same.
    static let limits = LuaLimits(memoryBytes: 16 << 20, instructions: 5_000_000, seconds: 0.1)

    /// Resident memory in KiB, open descriptors, threads and child processes of this process.
    struct Footprint: CustomStringConvertible {
        var residentKiB: Int
        var descriptors: Int
        var threads: Int
        var children: Int

        static func now() -> Footprint {
            let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
            let rss = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") }
                .flatMap { Int($0.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") } ?? 0
            let count = { (path: String) in (try? FileManager.default.contentsOfDirectory(atPath: path).count) ?? -1 }
            let me = getpid()
            let children = (try? FileManager.default.contentsOfDirectory(atPath: "/proc"))?.compactMap(Int32.init).filter { pid in
                guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                      let close = stat.lastIndex(of: ")") else { return false }
                let fields = stat[stat.index(after: close)...].split(separator: " ")
                return fields.count > 1 && Int32(fields[1]) == me
            }.count ?? -1
            return Footprint(residentKiB: rss, descriptors: count("/proc/self/fd"), threads: count("/proc/self/task"), children: children)
        }

        var description: String { "\(residentKiB) KiB resident, \(descriptors) descriptors, \(threads) threads, \(children) children" }
    }

    /// Limits of one case: the suite's, with the case's own options applied.
    func limits(for hostile: HostileCase) -> LuaLimits {
        var limits = Self.limits
        var options = hostile.options[...]
        while let name = options.popFirst(), let value = options.popFirst() {
            switch name {
            case "--lua-instructions": limits.instructions = Int64(value)
            case "--lua-memory": limits.memoryBytes = Int(value).map { $0 << 20 }
            default: break
            }
        }
        return limits
    }

    /// Loads the case's plugin and builds its report; the error that stopped it, if any.
    func attack(_ hostile: HostileCase, in directory: TemporaryDirectory, roadmap: Roadmap, isolation: PluginIsolation) -> String? {
        let location = PluginLocation(id: "hostile", directory: directory.path("plugins/hostile"))
        do {
            let plugin = try Plugin.load(location, limits: limits(for: hostile), isolation: isolation)
            let document = try plugin.render(report: "r", roadmap: roadmap)
            _ = MarkdownRenderer().render(document)
            // A second call to the same plugin: its worker must have been started again.
            _ = try plugin.render(report: "r", roadmap: roadmap)
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func everyHostileCaseTwentyTimesThenAGoodReport() throws {
        let isolation = PluginIsolation.process(command: [PackagePaths.kartaExecutable, "lua-worker"])
        let suite = HostileTests()
        var prepared: [(HostileCase, TemporaryDirectory, Roadmap)] = []
        for hostile in hostileCases {
            let directory = try suite.setUp(hostile)
            let file = directory.path("regions/hostile/roadmap-2021.yaml")
            prepared.append((hostile, directory, try RoadmapFile.decode(String(contentsOfFile: file, encoding: .utf8), file: file)))
        }
        let pskovFile = PackagePaths.path("regions/pskov/roadmap-2021.yaml")
        let pskovRoadmap = try RoadmapFile.decode(String(contentsOfFile: pskovFile, encoding: .utf8), file: pskovFile)
        let expected = try String(contentsOfFile: PackagePaths.path("regions/pskov/expected/pskov-2021.execution.md"), encoding: .utf8)

        var afterFirst: Footprint?
        for round in 1...Self.rounds {
            for (hostile, directory, roadmap) in prepared {
                let error = attack(hostile, in: directory, roadmap: roadmap, isolation: isolation)
                // Bad returns (cycles, NaN …) fail in the host's checks; every other case fails in Lua.
                #expect(error?.contains("plugin 'hostile'") == true, "round \(round), \(hostile.name): \(error ?? "no error")")
                // With the soak's 0.1 s deadline, slow attacks (recursion under a 512 MiB cap) may
                // meet the deadline before the limit the suite expects: stopped either way.
                let stoppedInTime = error?.contains("time limit exceeded") == true
                for fragment in hostile.expected where !stoppedInTime {
                    #expect(error?.contains(fragment) == true, "round \(round), \(hostile.name): «\(fragment)» missing in \(error ?? "")")
                }
            }
            if round == 1 { afterFirst = Footprint.now() }
        }
        let afterLast = Footprint.now()
        let first = try #require(afterFirst)
        print("long-running host: after round 1: \(first); after round \(Self.rounds): \(afterLast)")

        // Still answering, and still right.
        let pskov = try Plugin.load(PluginLocation(id: "pskov", directory: PackagePaths.path("plugins/pskov")), isolation: isolation)
        let markdown = MarkdownRenderer().render(try pskov.render(report: "execution", roadmap: pskovRoadmap))
        #expect(markdown == expected)

        #expect(Double(afterLast.residentKiB) <= Double(first.residentKiB) * 1.10, "memory grew: \(first) → \(afterLast)")
        #expect(afterLast.descriptors <= first.descriptors, "descriptors leaked: \(first) → \(afterLast)")
        #expect(afterLast.threads <= first.threads, "threads leaked: \(first) → \(afterLast)")
        #expect(afterLast.children == 0, "worker processes left: \(afterLast)")
    }
}
