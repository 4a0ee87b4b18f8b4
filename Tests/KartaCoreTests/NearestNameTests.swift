import KartaCore
import Testing

/// The "did you mean" of unknown-field messages: a slip of the keyboard is named, a
/// different word is not.
@Suite struct NearestNameTests {
    @Test(arguments: [
        ("calender", "calendar"),        // one letter wrong
        ("responsibel", "responsible"),  // two neighbours swapped: one edit
        ("blokcs", "blocks"),
        ("stage", "stages"),             // singular for plural
        ("Title", "title"),              // case is ignored
        ("umo", "uo"),
    ])
    func aSlipIsNamed(typed: String, meant: String) {
        #expect(NearestName.nearest(to: typed, in: ["id", "title", "blocks", "calendar", "stages", "responsible", "uo", "rk"]) == meant)
    }

    @Test(arguments: ["colour", "zz_bogus", "", "x"])
    func aDifferentWordIsNot(typed: String) {
        #expect(NearestName.nearest(to: typed, in: ["id", "title", "blocks", "calendar", "stages", "responsible"]) == nil)
        #expect(NearestName.suggestion(for: typed, in: ["id", "title"]) == "")
    }

    @Test func theSameNameIsNoSuggestion() {
        #expect(NearestName.nearest(to: "title", in: ["title"]) == nil)
    }
}
