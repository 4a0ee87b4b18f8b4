import Foundation
import KartaLua

/// One end of the socket between a host and a plugin worker: length-prefixed frames.
struct WorkerChannel {
    let fd: Int32

    /// Why no frame came.
    enum Failure: Error {
        /// The other side closed the socket (the worker ended).
        case closed
        /// Nothing came before the deadline.
        case timedOut
        /// The frame is larger than any message the protocol sends.
        case tooLarge(Int)
    }

    /// Larger frames are refused (a roadmap file has at most 32 MiB).
    static let maxFrameBytes = 512 << 20
    /// Larger answers from a worker are refused: what leaves Lua is at most 8 MiB and 2 million
    /// values (``LuaState/maxOutputBytes``), a few bytes of framing each, plus the log's 64 KiB.
    static let maxAnswerBytes = 64 << 20

    /// Sends one frame; false when the other side is gone.
    func send(_ payload: [UInt8]) -> Bool {
        var frame: [UInt8] = []
        frame.reserveCapacity(payload.count + 4)
        withUnsafeBytes(of: UInt32(payload.count).littleEndian) { frame.append(contentsOf: $0) }
        frame.append(contentsOf: payload)
        return frame.withUnsafeBytes { buffer in
            var sent = 0
            while sent < buffer.count {
                // MSG_NOSIGNAL: a worker that died must not end the host with SIGPIPE.
                let count = Glibc.send(fd, buffer.baseAddress! + sent, buffer.count - sent, Int32(MSG_NOSIGNAL))
                if count < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                sent += count
            }
            return true
        }
    }

    /// Receives one frame, waiting until `deadline` (monotonic seconds) or for ever when nil.
    func receive(deadline: Double?, maxBytes: Int = maxFrameBytes) throws(Failure) -> [UInt8] {
        var header = [UInt8](repeating: 0, count: 4)
        try read(into: &header, deadline: deadline)
        let length = Int(UInt32(header[0]) | UInt32(header[1]) << 8 | UInt32(header[2]) << 16 | UInt32(header[3]) << 24)
        guard length <= maxBytes else { throw .tooLarge(length) }
        var payload = [UInt8](repeating: 0, count: length)
        try read(into: &payload, deadline: deadline)
        return payload
    }

    private func read(into buffer: inout [UInt8], deadline: Double?) throws(Failure) {
        var filled = 0
        while filled < buffer.count {
            if let deadline {
                let left = deadline - monotonicSeconds()
                guard left > 0 else { throw .timedOut }
                var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                let ready = poll(&poller, 1, Int32(min(left * 1000 + 1, 3_600_000)))
                if ready < 0 && errno == EINTR { continue }
                if ready == 0 { continue }
            }
            let count = buffer.withUnsafeMutableBytes { raw in
                recv(fd, raw.baseAddress! + filled, raw.count - filled, 0)
            }
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                throw .closed
            }
            if count == 0 { throw .closed }
            filled += count
        }
    }
}

/// Seconds of the monotonic clock.
func monotonicSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}
