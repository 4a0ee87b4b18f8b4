import CLua

/// Chunks compiled once and loaded again as bytecode in later states, and the text of the
/// files they came from, read once.
///
/// A plugin's calls each run in a fresh state that loads the prelude, `plugin.lua` and its
/// modules again (docs/security.md); parsing them was half of that cost. The bytecode is the
/// host's own: dumped from text it compiled itself in this process, never bytes a plugin gave
/// (plugin code can load text only). Not thread-safe: one cache per plugin's states.
public final class LuaChunkCache {
    private var files: [String: String] = [:]
    private var compiled: [String: (source: String, bytecode: [UInt8])] = [:]

    /// An empty cache.
    public init() {}

    /// The text of the file at `path`: read by `read` the first time, kept after that, so
    /// that every state of a plugin runs the code the first one ran.
    public func text(of path: String, read: () throws -> String) rethrows -> String {
        if let text = files[path] { return text }
        let text = try read()
        files[path] = text
        return text
    }

    /// The bytecode of `source` compiled as `chunkName`, if it was compiled before.
    func bytecode(_ chunkName: String, source: String) -> [UInt8]? {
        guard let entry = compiled[chunkName], entry.source == source else { return nil }
        return entry.bytecode
    }

    /// Keeps the bytecode of `source` compiled as `chunkName`.
    func keep(_ chunkName: String, source: String, bytecode: [UInt8]) {
        compiled[chunkName] = (source, bytecode)
    }
}

extension LuaState {
    /// Dumps the function on top of the stack, or nil when Lua cannot.
    func dumpTop() -> [UInt8]? {
        var buffer = karta_dump_buffer()
        defer { free(buffer.bytes) }
        guard karta_dump_top(L, &buffer) == 0, let bytes = buffer.bytes else { return nil }
        return bytes.withMemoryRebound(to: UInt8.self, capacity: buffer.length) { Array(UnsafeBufferPointer(start: $0, count: buffer.length)) }
    }
}
