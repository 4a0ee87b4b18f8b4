import Foundation
import KartaCore
import KartaStore
import KartaTesting
import Testing

/// What a coordinator's data must survive: a killed import and several people at once.
@Suite struct StorageTests {
    /// SIGKILL `karta import` of a large file at random moments: afterwards SQLite finds the
    /// file intact and the roadmap is either wholly there or wholly absent.
    @Test func killedImportLeavesAllOrNothing() throws {
        let directory = try TemporaryDirectory()
        let count = 3000
        try directory.write("big.yaml", LargeRoadmap.yaml(id: "big-2021", activities: count))
        // How long one whole import takes here, to spread the kills over it.
        let timed = directory.path("timed.sqlite")
        let started = Date()
        let whole = try KartaProcess.run(["import", directory.path("big.yaml"), "--db", timed])
        #expect(whole.status == 0, "\(whole.output)")
        let duration = max(Date().timeIntervalSince(started), 0.2)

        var generator = SystemRandomNumberGenerator()
        var outcomes: [String: Int] = [:]
        for attempt in 1...20 {
            let db = directory.path("kill-\(attempt).sqlite")
            #expect(try KartaProcess.run(["init", "--db", db]).status == 0)
            let process = try KartaProcess.start(["import", directory.path("big.yaml"), "--db", db])
            // Most of an import is reading the YAML; kills gather in the later part, where it writes.
            usleep(useconds_t(Double.random(in: (duration * 0.5)...(duration * 1.05), using: &generator) * 1_000_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()

            let database = try KartaDatabase(path: db)
            #expect(try database.integrityCheck() == "ok", "attempt \(attempt)")
            let stored = try database.roadmaps()
            if let summary = stored.first {
                #expect(stored.count == 1)
                #expect(summary.activityCount == count, "attempt \(attempt): a partial import is visible")
                #expect(try database.roadmap(id: "big-2021")?.activities.count == count)
                outcomes["whole", default: 0] += 1
            } else {
                outcomes["absent", default: 0] += 1
            }
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) }
        }
        print("kill test: \(outcomes) over 20 kills within \(String(format: "%.2f", duration)) s imports")
        #expect(outcomes.values.reduce(0, +) == 20, "\(outcomes)")
    }

    /// Eight `karta mark` processes at once, each recording its own activities: every change
    /// lands in the activity table and in the history, and none fails with "database is locked".
    @Test func concurrentProcessesLoseNothing() throws {
        let directory = try TemporaryDirectory()
        let db = directory.path("karta.sqlite")
        #expect(try KartaProcess.run(["import", PackagePaths.path("regions/spb/roadmap-2021.yaml"), "--db", db]).status == 0)
        let keys = ["1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7", "1.8", "1.9", "1.10", "1.11", "1.12", "1.13", "1.14",
                    "1.15", "1.16", "2.1.1", "2.1.2", "2.2.1", "2.2.2", "2.3.1", "2.3.2", "2.3.3", "2.3.4"]
        let workers = 8
        let results = ResultsBox(count: workers)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var failures: [String] = []
            for key in keys.enumerated().filter({ $0.offset % workers == worker }).map(\.element) {
                for step in [["in_progress"], ["done", "--fact", "01.03.2021", "--evidence", "https://imc.spb.ru/500/\(key)"]] {
                    do {
                        let run = try KartaProcess.run(["mark", "spb-vo-2021", key] + step + ["--as", "ИМЦ", "--db", db])
                        if run.status != 0 { failures.append("\(key) \(step[0]): \(run.output)") }
                    } catch {
                        failures.append("\(key): \(error)")
                    }
                }
            }
            results.set(worker, failures)
        }
        let failures = results.all.flatMap { $0 }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
        #expect(!failures.contains { $0.contains("locked") })

        let database = try KartaDatabase(path: db)
        let roadmap = try #require(try database.roadmap(id: "spb-vo-2021"))
        for key in keys {
            let activity = roadmap.activity(key: key)
            #expect(activity?.status == .done, "\(key)")
            #expect(activity?.evidence.count == 1, "\(key)")
        }
        let history = try database.history(roadmap: "spb-vo-2021").filter { $0.field != "roadmap" }
        // Per activity: status twice, fact once, evidence once.
        #expect(history.count == keys.count * 4)
        #expect(try database.integrityCheck() == "ok")
    }
}

private final class ResultsBox: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [[String]]
    init(count: Int) { values = Array(repeating: [], count: count) }
    func set(_ index: Int, _ value: [String]) { lock.withLock { values[index] = value } }
    var all: [[String]] { lock.withLock { values } }
}
