public import Foundation

/// Paths of the package under test, found from this source file's location.
public enum PackagePaths {
    /// The package root (the folder holding Package.swift).
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A path relative to the package root.
    public static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    /// The built `karta` executable next to the test bundle.
    public static var kartaExecutable: String {
        let bundle = Bundle.main.bundleURL
        let candidates = [
            bundle.deletingLastPathComponent().appendingPathComponent("karta"),
            bundle.appendingPathComponent("karta"),
            root.appendingPathComponent(".build/debug/karta"),
        ]
        return (candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[2]).path
    }
}
