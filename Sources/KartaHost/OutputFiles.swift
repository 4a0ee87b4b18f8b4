internal import Foundation

/// Files that appear together: each is written aside, into a hidden folder inside
/// ``directory`` (the same file system), and ``commit()`` moves them all into place, one
/// rename each. A process killed before the commit leaves the files already in place as they
/// were (and a `.karta-partial-*` folder beside them); a killed commit leaves only the
/// renames not yet done.
///
/// ```swift
/// let files = try OutputFiles(directory: "out")
/// try files.add(markdown, as: "pskov/pskov-2021.execution.md")
/// try files.add(docx, as: "pskov/pskov-2021.execution.docx")
/// try files.commit()      // both appear, or (on an error before) neither changes
/// ```
public final class OutputFiles {
    /// The folder the files are for.
    public let directory: String
    /// Where they wait for ``commit()``.
    private let staging: String
    private var added: [String] = []
    private var finished = false

    /// Prepares to write files under `directory` (created if needed).
    public init(directory: String) throws {
        self.directory = directory
        staging = (directory as NSString).appendingPathComponent(".karta-partial-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
        } catch {
            throw HostError("\(directory): cannot write files there: \(error.localizedDescription)")
        }
    }

    deinit { if !finished { discard() } }

    /// Writes one file aside; `name` is a path relative to ``directory`` (`pskov/x.md`), without
    /// `..`. Nothing appears in ``directory`` until ``commit()``.
    public func add(_ bytes: [UInt8], as name: String) throws {
        precondition(!finished, "OutputFiles: add after commit or discard")
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        guard !name.hasPrefix("/"), !parts.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }), !added.contains(name) else {
            throw HostError("\(name): not a file name inside \(directory), or named twice")
        }
        let url = URL(fileURLWithPath: (staging as NSString).appendingPathComponent(name))
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        } catch {
            throw HostError("\((directory as NSString).appendingPathComponent(name)): cannot write: \(error.localizedDescription)")
        }
        added.append(name)
    }

    /// Moves every file added into place (replacing a file of the same name), each by one
    /// rename, after creating the folders they need; returns their paths.
    @discardableResult
    public func commit() throws -> [String] {
        precondition(!finished, "OutputFiles: commit twice")
        defer { discard() }
        let manager = FileManager.default
        let targets = added.map { (directory as NSString).appendingPathComponent($0) }
        for folder in Set(targets.map { ($0 as NSString).deletingLastPathComponent }) {
            do {
                try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw HostError("\(folder): cannot create the folder: \(error.localizedDescription)")
            }
        }
        for (name, target) in zip(added, targets) {
            let source = (staging as NSString).appendingPathComponent(name)
            guard rename(source, target) == 0 else {
                throw HostError("\(target): cannot move into place: \(String(cString: strerror(errno)))")
            }
        }
        return targets
    }

    /// Removes the files written aside; nothing in ``directory`` changes.
    public func discard() {
        finished = true
        try? FileManager.default.removeItem(atPath: staging)
    }
}
