import Foundation
import KartaHost
import KartaTesting
import Testing

@Suite struct OutputFilesTests {
    @Test func nothingAppearsUntilTheCommitAndThenEverythingDoes() throws {
        let directory = try TemporaryDirectory()
        let out = directory.path("out")
        let files = try OutputFiles(directory: out)
        try files.add(Array("# отчет".utf8), as: "pskov/r.md")
        try files.add([0x50, 0x4B, 3, 4], as: "pskov/r.docx")
        try files.add(Array("a,b".utf8), as: "r.csv")
        // Only the hidden staging folder exists so far.
        let staged = FolderSnapshot(out).files.keys
        #expect(staged.allSatisfy { $0.hasPrefix(".karta-partial-") }, "\(Array(staged))")
        #expect(!FileManager.default.fileExists(atPath: out + "/pskov/r.md"))
        let paths = try files.commit()
        #expect(paths == ["pskov/r.md", "pskov/r.docx", "r.csv"].map { out + "/" + $0 })
        #expect(FolderSnapshot(out).files == [
            "pskov/r.md": Data("# отчет".utf8), "pskov/r.docx": Data([0x50, 0x4B, 3, 4]), "r.csv": Data("a,b".utf8),
        ])
    }

    /// A batch that fails after some files are written aside — a refused name, an error of the
    /// caller (a plugin failing on the next format), a batch given up — changes no file in place.
    @Test(arguments: ["refused name", "caller's error", "discarded", "released"])
    func aFailureMidwayLeavesThePreviousFilesUntouched(_ failure: String) throws {
        let directory = try TemporaryDirectory()
        let out = directory.path("out")
        let previous = try OutputFiles(directory: out)
        try previous.add(Array("old md".utf8), as: "pskov/r.md")
        try previous.add(Array("old csv".utf8), as: "pskov/r.csv")
        try previous.commit()
        let before = FolderSnapshot(out)

        struct RenderFailed: Error {}
        func render() throws {
            let files = try OutputFiles(directory: out)
            try files.add(Array("new md".utf8), as: "pskov/r.md")
            try files.add(Array("new html".utf8), as: "pskov/r.html")
            switch failure {
            case "refused name": try files.add(Array("x".utf8), as: "../escape.md")
            case "caller's error": throw RenderFailed()
            case "discarded": files.discard(); return
            default: return
            }
            try files.commit()
        }
        let threw = (try? render()) == nil
        #expect(threw == ["refused name", "caller's error"].contains(failure))
        #expect(FolderSnapshot(out) == before, "\(FolderSnapshot(out))")
        #expect(!FileManager.default.fileExists(atPath: directory.path("escape.md")))
    }

    @Test func aCommitReplacesFilesOfTheSameName() throws {
        let directory = try TemporaryDirectory()
        for text in ["first", "second"] {
            let files = try OutputFiles(directory: directory.path)
            try files.add(Array(text.utf8), as: "r.md")
            try files.commit()
        }
        #expect(FolderSnapshot(directory.path).files == ["r.md": Data("second".utf8)])
    }

    @Test(arguments: ["/etc/x", "a/../b", "./a", "a//b", ""])
    func namesOutsideTheFolderAreRefused(_ name: String) throws {
        let directory = try TemporaryDirectory()
        let files = try OutputFiles(directory: directory.path)
        #expect(throws: HostError.self) { try files.add([1], as: name) }
    }
}
