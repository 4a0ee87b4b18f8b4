import Foundation

/// The PostgreSQL server tests run against: the one `make test` started (its URL in
/// `KARTA_TEST_PG`), else one this helper starts with `scripts/postgres.sh start
/// .build/test-pg` (left running for the next test run; `scripts/postgres.sh stop` ends it).
/// Each test takes a database of its own (``freshDatabase(_:)``).
public enum TestPostgres {
    /// A failure to reach or prepare the test server.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var cachedURL: String?
    nonisolated(unsafe) private static var counter = 0

    /// The folder of the server this helper starts when `KARTA_TEST_PG` is not set.
    public static var folder: String {
        ProcessInfo.processInfo.environment["KARTA_TEST_PG_DIR"] ?? PackagePaths.path(".build/test-pg")
    }

    /// The server's URL (its database `karta`), starting the server when needed.
    public static func serverURL() throws -> String {
        try lock.withLock {
            if let cachedURL { return cachedURL }
            if let url = ProcessInfo.processInfo.environment["KARTA_TEST_PG"], !url.isEmpty {
                cachedURL = url
                return url
            }
            let started = try script("start")
            cachedURL = started
            return started
        }
    }

    /// Runs `scripts/postgres.sh COMMAND folder` and returns what it printed on stdout.
    @discardableResult
    public static func script(_ command: String) throws -> String {
        try tool(PackagePaths.path("scripts/postgres.sh"), [command, folder])
    }

    /// A new, empty database on the test server, named for `label`; its URL.
    public static func freshDatabase(_ label: String = "t") throws -> String {
        let base = try serverURL()
        let name = lock.withLock { () -> String in
            counter += 1
            let safe = label.lowercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber) }.prefix(20)
            return "t_\(safe)_\(getpid())_\(counter)"
        }
        try psql(base, "DROP DATABASE IF EXISTS \(name)")
        try psql(base, "CREATE DATABASE \(name)")
        guard let slash = base.lastIndex(of: "/") else { throw Failure(description: "not a database URL: \(base)") }
        return base[..<slash] + "/" + name
    }

    /// Runs one SQL command with `psql` against `url`; returns its unaligned output.
    @discardableResult
    public static func psql(_ url: String, _ sql: String) throws -> String {
        try tool("/usr/bin/psql", ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", url, "-c", sql])
    }

    /// Runs a program to its end; what it printed on stdout, trimmed, or a failure with its stderr.
    ///
    /// Spawned and waited for with `posix_spawn` and `waitpid`, output through files: Foundation's
    /// `Process.waitUntilExit` needs a Dispatch thread to see the child end, and with every
    /// cooperative thread blocked (one test here, another waiting for the lock) none comes.
    private static func tool(_ path: String, _ arguments: [String]) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("karta-tool-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out").path, err = folder.appendingPathComponent("err").path
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, err, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, path, &actions, nil, argv, environ)
        guard spawned == 0 else { throw Failure(description: "cannot start \(path): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1, errno == EINTR {}
        let printed = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
        let complaint = (try? String(contentsOfFile: err, encoding: .utf8)) ?? ""
        // Exited normally with status 0 (WIFEXITED and WEXITSTATUS, spelt out for Swift).
        guard status & 0x7F == 0, (status >> 8) & 0xFF == 0 else {
            throw Failure(description: "\((path as NSString).lastPathComponent) \(arguments.joined(separator: " ")): \(complaint)")
        }
        return printed.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
