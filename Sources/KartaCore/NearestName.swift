/// The declared name a misspelt one was most likely meant to be, for "did you mean"
/// messages (`calender` → `calendar`, `responsibel` → `responsible`).
public enum NearestName {
    /// The closest of `names` to `name` by edit distance (a swap of two neighbouring
    /// letters counts as one edit), if it is close enough to be a slip of the keyboard: at
    /// most one edit in a name of up to four letters, two up to eight, three beyond. Case
    /// is ignored; ties go to the earlier name.
    public static func nearest(to name: String, in names: [String]) -> String? {
        let typed = Array(name.lowercased())
        guard !typed.isEmpty, typed.count <= 64 else { return nil }
        let allowed = typed.count <= 4 ? 1 : typed.count <= 8 ? 2 : 3
        var best: (name: String, distance: Int)?
        for candidate in names where candidate != name {
            let letters = Array(candidate.lowercased())
            guard abs(letters.count - typed.count) <= allowed, letters.count <= 64 else { continue }
            let distance = editDistance(typed, letters)
            if distance <= allowed, distance < (best?.distance ?? .max) { best = (candidate, distance) }
        }
        return best?.name
    }

    /// The " — did you mean 'x'?" part of a message, or "" when no name is close.
    public static func suggestion(for name: String, in names: [String]) -> String {
        nearest(to: name, in: names).map { ", did you mean '\($0)'?" } ?? ""
    }

    /// Optimal string alignment distance: insertions, deletions, substitutions and
    /// transpositions of neighbours, each one edit.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var before = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { value = min(value, before[j - 2] + 1) }
                current[j] = value
            }
            (before, previous, current) = (previous, current, before)
        }
        return previous[b.count]
    }
}
