import Foundation

/// The outcome of running the `karta` executable.
public struct KartaRun: Sendable {
    /// Exit status.
    public var status: Int32
    /// Standard output as text.
    public var stdout: String
    /// Standard error as text.
    public var stderr: String

    /// Standard output and error together.
    public var output: String { stdout + stderr }
}

/// Runs the built `karta` binary as a user would.
public enum KartaProcess {
    /// Runs `karta ARGUMENTS` in `directory` (default: the package root) with a clean `KARTA_DB`.
    public static func run(_ arguments: [String], in directory: String? = nil, environment: [String: String] = [:]) throws -> KartaRun {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: PackagePaths.kartaExecutable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory ?? PackagePaths.root.path)
        var env = ProcessInfo.processInfo.environment
        env["KARTA_DB"] = nil
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return KartaRun(
            status: process.terminationStatus,
            stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }
}
