import Foundation
import ZIPFoundation

extension OfficeFixture {
    /// The entries of a zip archive in the order stored, each with its uncompressed bytes: for
    /// checking what the builders wrote. Throws when the bytes are not a readable zip.
    public static func entries(of zip: [UInt8]) throws -> [(path: String, bytes: [UInt8])] {
        let archive = try Archive(data: Data(zip), accessMode: .read)
        var result: [(path: String, bytes: [UInt8])] = []
        for entry in archive {
            var data = Data()
            _ = try archive.extract(entry, skipCRC32: false) { data.append($0) }
            result.append((entry.path, [UInt8](data)))
        }
        return result
    }

    /// The text of one entry of a zip archive, or nil when there is no such entry.
    public static func text(of path: String, in zip: [UInt8]) throws -> String? {
        try entries(of: zip).first { $0.path == path }.map { String(decoding: $0.bytes, as: UTF8.self) }
    }
}

/// LibreOffice's `soffice`, when installed: converts files headless, to check that what the
/// builders write opens in a real office suite.
public enum LibreOffice {
    /// The `soffice` executable on `PATH`, or nil when there is none.
    public static var path: String? {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        return folders.map { "\($0)/soffice" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Converts `file` with `soffice --headless --convert-to FORMAT` into `folder` (with a
    /// profile of its own there, so conversions may run side by side) and returns the path of
    /// the converted file. Throws with LibreOffice's output when it fails or writes nothing.
    public static func convert(_ file: String, to format: String, in folder: String) throws -> String {
        guard let soffice = path else { throw OfficeFixtureError(description: "soffice is not on PATH") }
        let profile = URL(fileURLWithPath: folder).appendingPathComponent("lo-profile-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        let log = URL(fileURLWithPath: folder).appendingPathComponent("soffice-\(UUID().uuidString).log").path
        defer { try? FileManager.default.removeItem(atPath: log) }
        let arguments = [soffice, "-env:UserInstallation=\(profile.absoluteString)", "--headless", "--norestore",
                         "--convert-to", format, "--outdir", folder, file]
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid = pid_t()
        // posix_spawn and waitpid, not Process: see TestPostgres.tool for why.
        let spawned = posix_spawn(&pid, soffice, &actions, nil, argv, environ)
        guard spawned == 0 else {
            throw OfficeFixtureError(description: "cannot start soffice: \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1, errno == EINTR {}
        let printed = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        let base = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        let extensionName = String(format.split(separator: ":").first ?? Substring(format))
        let output = URL(fileURLWithPath: folder).appendingPathComponent("\(base).\(extensionName)").path
        guard status == 0, FileManager.default.fileExists(atPath: output) else {
            throw OfficeFixtureError(description: "soffice --convert-to \(format) \(file) failed (status \(status)): \(printed)")
        }
        return output
    }
}
