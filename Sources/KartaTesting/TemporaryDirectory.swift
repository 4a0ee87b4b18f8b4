public import Foundation

/// A fresh folder under the system's temporary directory, removed when released.
public final class TemporaryDirectory: @unchecked Sendable {
    /// The folder's URL.
    public let url: URL

    /// Creates an empty folder.
    public init(prefix: String = "karta-test") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    /// The folder's path.
    public var path: String { url.path }

    /// A path inside the folder.
    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Writes a text file inside the folder (creating sub-folders) and returns its path.
    @discardableResult
    public func write(_ name: String, _ text: String) throws -> String {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
        return file.path
    }

    /// Writes `regions/<plugin>/<file>` with a one-activity roadmap `<id>` of region 99 for
    /// `plugin`: the fixture of the tests that put a hand-written plugin beside it.
    @discardableResult
    public func writeOneActivityRoadmap(plugin: String, id: String, file: String = "roadmap.yaml") throws -> String {
        try write("regions/\(plugin)/\(file)", """
            karta: 1
            id: \(id)
            plugin: \(plugin)
            region: 99
            municipality: Тест
            period: "2021"
            title: Тест
            activities:
              - number: "1"
                title: Первое
                timing: март

            """)
    }
}
