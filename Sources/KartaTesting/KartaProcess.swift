public import Foundation

/// The outcome of running the `karta` executable.
public struct KartaRun: Sendable {
    /// Exit status (or the signal number when ``signaled``).
    public var status: Int32
    /// Standard output as text.
    public var stdout: String
    /// Standard error as text.
    public var stderr: String
    /// The process was ended by a signal (a crash, or the runner's timeout).
    public var signaled = false
    /// The runner killed the process because it outlived its timeout.
    public var timedOut = false
    /// Peak resident memory of the process (not of its plugin workers) in KiB, sampled
    /// every few milliseconds from `/proc` while it ran.
    public var peakKiB = 0

    /// Standard output and error together.
    public var output: String { stdout + stderr }
}

/// Runs the built `karta` binary as a user would.
public enum KartaProcess {
    /// Starts `karta ARGUMENTS` in `directory` (default: the package root) with a clean
    /// `KARTA_DB`; output goes to the pipes given (default: discarded).
    public static func start(_ arguments: [String], in directory: String? = nil, environment: [String: String] = [:],
                             stdout: Pipe? = nil, stderr: Pipe? = nil) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: PackagePaths.kartaExecutable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory ?? PackagePaths.root.path)
        var env = ProcessInfo.processInfo.environment
        env["KARTA_DB"] = nil
        for (key, value) in environment { env[key] = value }
        process.environment = env
        process.standardOutput = stdout ?? FileHandle.nullDevice
        process.standardError = stderr ?? FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Runs `karta ARGUMENTS` to the end and collects its output; a process still running
    /// after `timeout` seconds is killed and reported as ``KartaRun/timedOut``.
    public static func run(_ arguments: [String], in directory: String? = nil, environment: [String: String] = [:],
                           timeout: Double = 120) throws -> KartaRun {
        let out = Pipe()
        let err = Pipe()
        let process = try start(arguments, in: directory, environment: environment, stdout: out, stderr: err)
        let timer = DispatchSource.makeTimerSource(queue: .global())
        let killed = Flag()
        timer.schedule(deadline: .now() + timeout)
        timer.setEventHandler {
            if process.isRunning {
                killed.set()
                kill(process.processIdentifier, SIGKILL)
            }
        }
        timer.resume()
        let peak = PeakSampler(pid: process.processIdentifier)
        // Read both pipes at once, so a full stderr pipe cannot stall the child.
        let errorData = Box()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { errorData.data = err.fileHandleForReading.readDataToEndOfFile() }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        timer.cancel()
        let peakKiB = peak.stop()
        return KartaRun(
            status: process.terminationStatus,
            stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errorData.data, as: UTF8.self),
            signaled: process.terminationReason == .uncaughtSignal,
            timedOut: killed.isSet,
            peakKiB: peakKiB)
    }
}

private final class Box: @unchecked Sendable {
    var data = Data()
}

private final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}

/// Samples a running process's `VmHWM` until stopped (the process has exited by then).
private final class PeakSampler: @unchecked Sendable {
    private let lock = NSLock()
    private var peak = 0
    private var running = true
    private let done = DispatchSemaphore(value: 0)

    init(pid: Int32) {
        Thread.detachNewThread { [self] in
            while lock.withLock({ running }) {
                if let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
                   let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
                   let kib = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") {
                    lock.withLock { peak = max(peak, kib) }
                }
                usleep(5_000)
            }
            done.signal()
        }
    }

    /// Stops sampling and returns the peak seen, in KiB.
    func stop() -> Int {
        lock.withLock { running = false }
        done.wait()
        return lock.withLock { peak }
    }
}
