public import Foundation

/// Every file in a folder and its sub-folders with its bytes: two snapshots are equal when
/// nothing changed, appeared (a `-wal`, `-shm` or `-journal` file) or went away.
public struct FolderSnapshot: Equatable, Sendable, CustomStringConvertible {
    /// Bytes by path relative to the folder.
    public let files: [String: Data]

    /// Reads the folder now.
    public init(_ path: String) {
        var files: [String: Data] = [:]
        let names = (FileManager.default.enumerator(atPath: path)?.allObjects as? [String]) ?? []
        for name in names {
            let full = (path as NSString).appendingPathComponent(name)
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: full, isDirectory: &isFolder), !isFolder.boolValue else { continue }
            files[name] = FileManager.default.contents(atPath: full) ?? Data()
        }
        self.files = files
    }

    /// `name (bytes)` per file, sorted.
    public var description: String {
        files.keys.sorted().map { "\($0) (\(files[$0]!.count) bytes)" }.joined(separator: ", ")
    }
}
