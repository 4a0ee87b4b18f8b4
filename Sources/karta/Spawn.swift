import Foundation

/// A child process run to the end, with the figures the benchmark needs.
struct SpawnResult {
    var seconds: Double
    /// Peak resident memory of the child, in KiB.
    var peakKiB: Int
    var status: Int32
    /// What the child wrote to standard output.
    var output: String
}

/// Runs a program and waits for it, taking its wall time and peak memory.
/// Standard output is captured through a file; standard error goes to `errorFile`.
/// With `sampleMemory` false the child is simply waited for (no sampling overhead on the
/// wall time) and its peak memory is not taken.
func spawn(_ executable: String, _ arguments: [String], errorFile: String = "/dev/null",
           sampleMemory: Bool = true) throws -> SpawnResult {
    let outputFile = FileManager.default.temporaryDirectory.appendingPathComponent("karta-spawn-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: outputFile) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outputFile, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(&actions, 2, errorFile, O_WRONLY | O_CREAT | O_APPEND, 0o644)
    let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    var pid = pid_t()
    let started = DispatchTime.now().uptimeNanoseconds
    let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
    guard spawned == 0 else { throw CLIError("cannot start \(executable): \(String(cString: strerror(spawned)))") }
    // Peak memory: the child's VmHWM, sampled until it exits. (wait4's ru_maxrss would
    // include this process's own peak, which Linux carries across the child's exec.)
    var status: Int32 = 0
    var peakKiB = 0
    var seconds = 0.0
    while true {
        let waited = waitpid(pid, &status, WNOHANG)
        if waited == pid {
            seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
            break
        }
        if waited == -1 && errno != EINTR { throw CLIError("waiting for \(executable): \(String(cString: strerror(errno)))") }
        if sampleMemory {
            peakKiB = max(peakKiB, highWaterKiB(pid))
            usleep(2_000)
        } else {
            while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
            seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
            break
        }
    }
    let exit = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    let output = (try? String(contentsOfFile: outputFile, encoding: .utf8)) ?? ""
    return SpawnResult(seconds: seconds, peakKiB: peakKiB, status: exit, output: output)
}

/// `VmHWM` of a running process in KiB (0 when it cannot be read).
private func highWaterKiB(_ pid: pid_t) -> Int {
    guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return 0 }
    return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") ?? 0
}

/// The path of the running executable.
func currentExecutable() -> String {
    (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
}

/// Median, minimum and maximum of repeated measurements.
struct Spread: Encodable {
    var median: Double
    var min: Double
    var max: Double

    init(_ values: [Double]) {
        let sorted = values.sorted()
        median = sorted.isEmpty ? 0 : sorted.count % 2 == 1
            ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        min = sorted.first ?? 0
        max = sorted.last ?? 0
    }

    func text(_ unit: String, digits: Int = 1) -> String {
        let format = "%.\(digits)f"
        return "\(String(format: format, median)) \(unit) (min \(String(format: format, min)), max \(String(format: format, max)))"
    }
}

/// The first executable file named `name` in the folders of `$PATH`, or nil.
func executableInPath(_ name: String) -> String? {
    let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":")
    for folder in folders where !folder.isEmpty {
        let path = (String(folder) as NSString).appendingPathComponent(name)
        if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return nil
}
