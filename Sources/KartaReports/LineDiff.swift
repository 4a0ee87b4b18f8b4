/// The lines that differ between an expected and an actual text, for golden tests: what a
/// plugin author reads when a report changed.
///
/// Myers' algorithm after the common first and last lines are set aside, in time
/// O((N + M) · D) for D changed lines, with D bounded by ``maximumEdits``: past that bound
/// the report shows the first lines that differ side by side instead. The report is bounded
/// too: at most `limit` lines, each at most ``lineBytes`` bytes.
public enum LineDiff {
    /// The most changed lines searched for an exact shortest edit.
    public static let maximumEdits = 256
    /// The most bytes of one line shown.
    public static let lineBytes = 1024

    /// One line of the report: a line of the expected text that is not in the actual one,
    /// or the other way round.
    public struct Change: Sendable, Equatable {
        /// 1-based line number in its own text.
        public var line: Int
        /// True for a line of the expected text, false for one of the actual text.
        public var expected: Bool
        /// The line.
        public var text: String
    }

    /// The changes from `expected` to `actual` in the order of a shortest edit script; nil
    /// when more than `maximumEdits` lines change.
    public static func changes(expected: [Substring], actual: [Substring], maximumEdits: Int = maximumEdits) -> [Change]? {
        // Lines as numbers: equal lines, equal numbers, each line hashed once.
        var numbers: [Substring: Int] = [:]
        let a = expected.map { line in numbers[line] ?? { numbers[line] = numbers.count; return numbers.count - 1 }() }
        let b = actual.map { line in numbers[line] ?? { numbers[line] = numbers.count; return numbers.count - 1 }() }
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        let middleA = Array(a[prefix..<(a.count - suffix)])
        let middleB = Array(b[prefix..<(b.count - suffix)])
        guard let script = editScript(middleA, middleB, maximumEdits: maximumEdits) else { return nil }
        return script.map { edit in
            switch edit {
            case .delete(let index): Change(line: prefix + index + 1, expected: true, text: String(expected[prefix + index]))
            case .insert(let index): Change(line: prefix + index + 1, expected: false, text: String(actual[prefix + index]))
            }
        }
    }

    /// `  line 12 expected: …` / `  line 12 actual:   …`, at most `limit` lines, then
    /// `  … (N more differences)`; nil when the texts are equal.
    public static func describe(expected: String, actual: String, limit: Int = 40) -> String? {
        if expected == actual { return nil }
        let old = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let new = actual.split(separator: "\n", omittingEmptySubsequences: false)
        func show(_ change: Change) -> String {
            "  line \(change.line) \(change.expected ? "expected:" : "actual:  ") \(cut(change.text))"
        }
        var lines: [String]
        if let changes = changes(expected: old, actual: new) {
            lines = changes.prefix(limit).map(show)
            if changes.count > limit { lines.append("  … (\(changes.count - limit) more differences)") }
        } else {
            // Too many changes for an edit script: the first lines that differ, side by side.
            var first = 0
            while first < old.count, first < new.count, old[first] == new[first] { first += 1 }
            lines = []
            var line = first
            while lines.count < limit, line < max(old.count, new.count) {
                if line < old.count { lines.append(show(Change(line: line + 1, expected: true, text: String(old[line])))) }
                if line < new.count { lines.append(show(Change(line: line + 1, expected: false, text: String(new[line])))) }
                line += 1
            }
            lines.append("  … (more than \(maximumEdits) lines differ: \(old.count) lines expected, \(new.count) actual)")
        }
        if lines.isEmpty { lines.append("  files differ in bytes only (line endings or byte-order mark)") }
        return lines.joined(separator: "\n")
    }

    private static func cut(_ text: String) -> String {
        guard text.utf8.count > lineBytes else { return text }
        var end = text.utf8.index(text.utf8.startIndex, offsetBy: lineBytes)
        while end > text.utf8.startIndex, text.utf8[end] & 0xC0 == 0x80 { end = text.utf8.index(before: end) }
        return String(text[..<end]) + "… (\(text.utf8.count - text.utf8.distance(from: text.utf8.startIndex, to: end)) more bytes)"
    }

    enum Edit: Equatable {
        /// A line of the first sequence, by index, that the second lacks.
        case delete(Int)
        /// A line of the second sequence, by index, that the first lacks.
        case insert(Int)
    }

    /// A shortest edit script from `a` to `b` (Myers 1986), in order along both sequences;
    /// nil when it needs more than `maximumEdits` edits.
    static func editScript(_ a: [Int], _ b: [Int], maximumEdits: Int) -> [Edit]? {
        let n = a.count
        let m = b.count
        let bound = min(n + m, maximumEdits)
        let offset = bound + 1
        var v = [Int](repeating: 0, count: 2 * bound + 3)
        // trace[d] holds v[-d...d] as it was before step d.
        var trace: [[Int]] = []
        for d in 0...bound {
            trace.append(Array(v[(offset - d)...(offset + d)]))
            for k in stride(from: -d, through: d, by: 2) {
                var x = (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])) ? v[offset + k + 1] : v[offset + k - 1] + 1
                var y = x - k
                while x < n, y < m, a[x] == b[y] {
                    x += 1
                    y += 1
                }
                v[offset + k] = x
                if x >= n, y >= m { return backtrack(trace, d: d, n: n, m: m) }
            }
        }
        return nil
    }

    private static func backtrack(_ trace: [[Int]], d last: Int, n: Int, m: Int) -> [Edit] {
        var edits: [Edit] = []
        var x = n
        var y = m
        for d in stride(from: last, to: 0, by: -1) {
            let v = trace[d]  // v[k] is v[k + d] here
            let k = x - y
            let down = k == -d || (k != d && v[k - 1 + d] < v[k + 1 + d])
            let previousK = down ? k + 1 : k - 1
            let previousX = v[previousK + d]
            let previousY = previousX - previousK
            while x > previousX, y > previousY {
                x -= 1
                y -= 1
            }
            if down {
                edits.append(.insert(previousY))
            } else {
                edits.append(.delete(previousX))
            }
            x = previousX
            y = previousY
        }
        return edits.reversed()
    }
}
