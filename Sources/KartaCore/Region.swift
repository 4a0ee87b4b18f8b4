/// A region of the Russian Federation, identified by its code (Псковская область is 60).
public struct Region: Sendable, Hashable, Codable {
    /// The region code as used in federal forms.
    public var code: Int
    /// The region's name as printed.
    public var name: String

    /// Creates a region.
    public init(code: Int, name: String) {
        self.code = code
        self.name = name
    }
}

/// A municipality (city, district) whose coordinator keeps a roadmap.
public struct Municipality: Sendable, Hashable, Codable {
    /// The name as printed (`Псков`, `Василеостровский район`).
    public var name: String
    /// The code of the region it belongs to.
    public var regionCode: Int

    /// Creates a municipality.
    public init(name: String, regionCode: Int) {
        self.name = name
        self.regionCode = regionCode
    }
}
