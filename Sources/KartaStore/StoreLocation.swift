/// Where Karta's data is, as `--db` (or `KARTA_DB`) says: a `postgres://` (or
/// `postgresql://`) URL means a PostgreSQL database; anything else is an SQLite file's path.
public enum StoreLocation: Sendable, Equatable, CustomStringConvertible {
    /// An SQLite file.
    case file(String)
    /// A PostgreSQL database: `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?host=/socket/dir]`.
    case postgres(url: String)

    /// The location `text` names.
    public init(_ text: String) {
        self = PostgresAddress.isURL(text) ? .postgres(url: text) : .file(text)
    }

    /// For messages: the path, or the URL without its password.
    public var description: String {
        switch self {
        case .file(let path): path
        case .postgres(let url): PostgresAddress(url: url)?.display ?? url
        }
    }

    /// Opens the store as `mode` allows (see ``KartaDatabase/OpenMode``).
    public func open(_ mode: KartaDatabase.OpenMode) throws(StoreError) -> any RoadmapStore {
        switch self {
        case .file(let path): try KartaDatabase(path: path, mode: mode)
        case .postgres(let url): try PostgresStore(url: url, mode: mode)
        }
    }

    /// A store for `karta demo`: emptied (or made) when it holds nothing but an earlier demo's
    /// data, or when `force` is set; anything else is refused and left as it is.
    public func replacingDemo(force: Bool) throws(StoreError) -> any RoadmapStore {
        switch self {
        case .file(let path): try KartaDatabase.replacingDemo(path: path, force: force)
        case .postgres(let url): try PostgresStore.replacingDemo(url: url, force: force)
        }
    }
}
