import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import KartaCore
import KartaHost
import KartaStore

/// The web application under load: `karta serve` on the bench's database, a coordinator of
/// one municipality signed in, and wrk (Debian's) with 32 connections against the dashboard
/// and a roadmap page.
struct ServeBench {
    /// One page's figures.
    struct Page: Encodable {
        var path: String
        var requestsPerSecond: Double
        var p50Ms: Double
        var p99Ms: Double
        var requests: Int
        var errors: Int

        enum CodingKeys: String, CodingKey {
            case path, requestsPerSecond = "requests_per_s", p50Ms = "p50_ms", p99Ms = "p99_ms", requests, errors
        }
    }

    let karta: String
    let db: String
    let root: String
    let seconds: Int
    let connections = 32
    let wrk = "/usr/bin/wrk"

    /// Runs the step: the figures of each page and the server's peak memory (KiB).
    func run() throws -> (pages: [Page], peakKiB: Int) {
        guard FileManager.default.isExecutableFile(atPath: wrk) else {
            throw CLIError("bench: no wrk at \(wrk) (install Debian's wrk)")
        }
        let database = try StoreLocation(db).open(.readWrite)
        guard let roadmap = try database.roadmaps().first(where: { $0.plugin == "pskov" }) else {
            throw CLIError("bench: no Pskov roadmap in \(db)")
        }
        var workspace = Workspace(pluginDirectories: ["plugins"], isolation: .inProcess)
        let password = "bench-\(UUID().uuidString)"
        if try database.account(login: "bench") == nil {
            try workspace.addAccount(Account(login: "bench", name: "Нагрузка Н.Н.", plugin: "pskov", role: "mk",
                                             scope: .municipality(roadmap.municipality)),
                                     password: password, cost: 4, in: database)
        } else {
            try database.setPasswordHash(login: "bench", Passwords.hash(password, cost: 4))
        }

        let port = try Self.freePort()
        let server = Process()
        server.executableURL = URL(fileURLWithPath: karta)
        server.arguments = ["serve", "--db", db, "--port", String(port)]
        _ = FileManager.default.createFile(atPath: root + "/serve.log", contents: nil)
        guard let log = FileHandle(forWritingAtPath: root + "/serve.log") else {
            throw CLIError("bench: cannot write \(root)/serve.log")
        }
        server.standardOutput = log
        server.standardError = log
        try server.run()
        defer {
            if server.isRunning {
                server.terminate()
                server.waitUntilExit()
            }
        }
        let base = "http://127.0.0.1:\(port)"
        var ready = false
        for _ in 0..<200 where !ready {
            ready = (try? HTTP.get(base + "/healthz"))?.status == 200
            if !ready { usleep(50_000) }
        }
        guard ready else { throw CLIError("bench: karta serve did not answer on \(base)/healthz (see \(root)/serve.log)") }

        let cookie = try HTTP.signIn(base: base, login: "bench", password: password)
        var pages: [Page] = []
        for path in ["/", "/roadmaps/\(roadmap.id)"] {
            // The page must be the page, not a redirect to the sign-in (wrk counts 3xx as success).
            let check = try HTTP.get(base + path, cookie: cookie)
            guard check.status == 200, check.body.contains(roadmap.municipality) else {
                throw CLIError("bench: \(path) answered \(check.status) for the signed-in coordinator")
            }
            pages.append(try load(base + path, path: path, cookie: cookie))
        }
        let status = (try? String(contentsOfFile: "/proc/\(server.processIdentifier)/status", encoding: .utf8)) ?? ""
        let peak = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") }
            .flatMap { Int($0.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") } ?? 0
        server.terminate()
        server.waitUntilExit()
        return (pages, peak)
    }

    /// wrk against one URL; its latency distribution and request rate.
    private func load(_ url: String, path: String, cookie: String) throws -> Page {
        let output = root + "/wrk.txt"
        let result = try spawn(wrk, ["-t2", "-c\(connections)", "-d\(seconds)s", "--latency", "-H", "Cookie: \(cookie)", url],
                               errorFile: root + "/wrk.err", sampleMemory: false)
        try? result.output.write(toFile: output, atomically: true, encoding: .utf8)
        guard result.status == 0 else { throw CLIError("bench: wrk failed (exit \(result.status)) on \(url)") }
        func latency(_ percent: String) -> Double {
            guard let line = result.output.split(separator: "\n").first(where: {
                $0.trimmingCharacters(in: .whitespaces).hasPrefix(percent + "%")
            }) else { return .nan }
            let value = line.split(separator: " ", omittingEmptySubsequences: true).last.map(String.init) ?? ""
            let units: [(String, Double)] = [("us", 0.001), ("ms", 1), ("s", 1000)]
            for (unit, scale) in units where value.hasSuffix(unit) {
                return (Double(value.dropLast(unit.count)) ?? .nan) * scale
            }
            return .nan
        }
        let rate = result.output.split(separator: "\n").first { $0.hasPrefix("Requests/sec:") }
            .flatMap { Double($0.split(separator: " ", omittingEmptySubsequences: true).last ?? "") } ?? 0
        let requests = result.output.split(separator: "\n").first { $0.contains("requests in") }
            .flatMap { Int($0.trimmingCharacters(in: .whitespaces).split(separator: " ").first ?? "") } ?? 0
        let errors = result.output.split(separator: "\n").first { $0.contains("Non-2xx or 3xx responses:") }
            .flatMap { Int($0.split(separator: " ").last ?? "") } ?? 0
        return Page(path: path, requestsPerSecond: rate, p50Ms: latency("50"), p99Ms: latency("99"), requests: requests, errors: errors)
    }

    private static func freePort() throws -> Int {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0 }
        }
        guard bound else { throw CLIError("bench: no free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// Just enough HTTP for the bench to sign in: URLSession, cookies kept by hand.
enum HTTP {
    struct Answer {
        var status: Int
        var body: String
        var cookie: String?
    }

    final class NoRedirects: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
        func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                        newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
            completionHandler(nil)
        }
    }

    static func request(_ url: String, method: String = "GET", cookie: String? = nil, form: String? = nil) throws -> Answer {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = method
        request.httpShouldHandleCookies = false
        if let cookie { request.setValue(cookie, forHTTPHeaderField: "Cookie") }
        if let form {
            request.httpBody = Data(form.utf8)
            request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        }
        let session = URLSession(configuration: .ephemeral, delegate: NoRedirects(), delegateQueue: nil)
        defer { session.finishTasksAndInvalidate() }
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var answer: Answer?
        nonisolated(unsafe) var failure: (any Error)?
        session.dataTask(with: request) { data, response, error in
            if let http = response as? HTTPURLResponse {
                let set = http.value(forHTTPHeaderField: "Set-Cookie")
                answer = Answer(status: http.statusCode, body: String(decoding: data ?? Data(), as: UTF8.self),
                                cookie: set.flatMap { $0.split(separator: ";").first.map(String.init) })
            }
            failure = error
            done.signal()
        }.resume()
        done.wait()
        guard let answer else { throw CLIError("bench: \(url): \(failure.map { "\($0)" } ?? "no answer")") }
        return answer
    }

    static func get(_ url: String, cookie: String? = nil) throws -> Answer { try request(url, cookie: cookie) }

    /// The session cookie of a signed-in account.
    static func signIn(base: String, login: String, password: String) throws -> String {
        let page = try get(base + "/login")
        guard let cookie = page.cookie, let range = page.body.range(of: #"name="csrf" value=""#) else {
            throw CLIError("bench: the sign-in page gave no session")
        }
        let token = String(page.body[range.upperBound...].prefix { $0 != "\"" })
        let answer = try request(base + "/login", method: "POST", cookie: cookie,
                                 form: "csrf=\(token)&login=\(login)&password=\(password)")
        guard answer.status == 303, let signedIn = answer.cookie else {
            throw CLIError("bench: signing in as \(login) failed (\(answer.status))")
        }
        return signedIn
    }
}
