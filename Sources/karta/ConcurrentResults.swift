import Foundation

/// One result per index, filled in by `DispatchQueue.concurrentPerform` workers.
final class ConcurrentResults<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Value?]

    init(count: Int) { values = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Value) { lock.withLock { values[index] = value } }

    /// Every result, in index order; a slot no worker filled is an error in the caller.
    var all: [Value] { lock.withLock { values.map { $0! } } }

    /// Runs `body` for each index on all cores and returns the results in index order.
    static func map(_ count: Int, _ body: @Sendable (Int) -> Value) -> [Value] {
        let results = ConcurrentResults(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { results.set($0, body($0)) }
        return results.all
    }
}
