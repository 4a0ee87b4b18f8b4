import Foundation
import KartaCore

/// Roadmap files read and decoded in the background, taken in file order with ``next()``
/// while later files are still being parsed: import stores one roadmap while the next ones
/// are parsed.
///
/// Call ``stop()`` when done (also after an error): it skips the files not yet started and
/// waits for the workers.
public final class ParsedRoadmapFiles: @unchecked Sendable {
    typealias Parsed = (file: String, text: String, roadmap: Roadmap)

    private enum Slot {
        case pending
        case ready(Result<Parsed, any Error>)
        case taken
    }

    private let files: [String]
    private let parse: @Sendable (String) throws -> (text: String, roadmap: Roadmap)
    private let condition = NSCondition()
    private var slots: [Slot]
    private var started = 0
    private var nextIndex = 0
    private var stopped = false
    private var running = true

    /// Starts parsing `files` with `parse` (which must not touch shared state) on `workers`
    /// threads, in file order. The default leaves one core to the caller, which stores what
    /// the workers parse and parses too whenever the file it needs has not been started.
    init(files: [String], workers: Int = max(1, ProcessInfo.processInfo.activeProcessorCount - 1),
         parse: @escaping @Sendable (String) throws -> (text: String, roadmap: Roadmap)) {
        self.files = files
        self.parse = parse
        slots = Array(repeating: .pending, count: files.count)
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            DispatchQueue.concurrentPerform(iterations: min(workers, files.count)) { _ in
                while let index = condition.withLock({ claim() }) { run(index) }
            }
            condition.withLock {
                running = false
                condition.broadcast()
            }
        }
    }

    /// The next file's roadmap in file order, nil after the last; throws that file's problem.
    func next() throws -> Parsed? {
        condition.lock()
        defer { condition.unlock() }
        guard nextIndex < slots.count, !stopped else { return nil }
        while true {
            if case .ready(let result) = slots[nextIndex] {
                slots[nextIndex] = .taken
                nextIndex += 1
                return try result.get()
            }
            if let index = claim() {
                condition.unlock()
                run(index)
                condition.lock()
            } else {
                condition.wait()
            }
        }
    }

    /// Skips the files not yet started and waits until every worker has finished.
    public func stop() {
        condition.withLock {
            stopped = true
            while running { condition.wait() }
        }
    }

    /// The first file nobody has started; call with the lock held.
    private func claim() -> Int? {
        guard !stopped, started < files.count else { return nil }
        started += 1
        return started - 1
    }

    /// Parses one claimed file and publishes the result.
    private func run(_ index: Int) {
        let result = Result { () throws -> Parsed in
            let (text, roadmap) = try parse(files[index])
            return (files[index], text, roadmap)
        }
        condition.withLock {
            slots[index] = .ready(result)
            condition.broadcast()
        }
    }
}
