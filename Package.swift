// swift-tools-version:6.0
import PackageDescription

/// One settings list for every Swift target: Swift 6 language mode is the package default;
/// warnings are not tolerated (CI builds with `-warnings-as-errors` through the Makefile).
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "Karta",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "karta", targets: ["karta"]),
        .library(name: "KartaCore", targets: ["KartaCore"]),
        .library(name: "KartaPlugins", targets: ["KartaPlugins"]),
        .library(name: "KartaHost", targets: ["KartaHost"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", exact: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "4.5.2"),
        .package(url: "https://github.com/vapor/multipart-kit", exact: "4.7.1"),
        .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.81.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLua",
            pkgConfig: "lua5.4",
            providers: [.apt(["liblua5.4-dev"])]
        ),
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        .systemLibrary(
            name: "CXlsxWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]
        ),
        .target(name: "KartaCore", swiftSettings: swiftSettings),
        .target(
            name: "KartaStore",
            dependencies: ["KartaCore", .product(name: "GRDB", package: "GRDB.swift"),
                           .product(name: "GRDBSQLite", package: "GRDB.swift"), "CYAML",
                           .product(name: "PostgresNIO", package: "postgres-nio"),
                           .product(name: "NIOPosix", package: "swift-nio"),
                           .product(name: "NIOCore", package: "swift-nio"),
                           .product(name: "Logging", package: "swift-log"),
                           .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        .target(name: "KartaLua", dependencies: ["CLua"], swiftSettings: swiftSettings),
        .target(
            name: "KartaReports",
            dependencies: ["KartaCore", "CXlsxWriter", "ZIPFoundation"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "KartaPlugins",
            dependencies: ["KartaCore", "KartaLua", "KartaReports"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "KartaHost",
            dependencies: ["KartaCore", "KartaStore", "KartaLua", "KartaPlugins", "KartaReports",
                           .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                           .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "KartaServer",
            dependencies: ["KartaCore", "KartaHost", "KartaStore", "KartaPlugins", "KartaReports",
                           .product(name: "Hummingbird", package: "hummingbird"),
                           .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                           .product(name: "Mustache", package: "swift-mustache"),
                           .product(name: "MultipartKit", package: "multipart-kit"),
                           .product(name: "Logging", package: "swift-log")],
            resources: [.copy("Templates")],
            swiftSettings: swiftSettings
        ),
        .target(name: "KartaTesting", dependencies: ["KartaCore", "KartaStore", "KartaReports", "ZIPFoundation"], swiftSettings: swiftSettings),
        .executableTarget(
            name: "karta",
            dependencies: [
                "KartaCore", "KartaHost", "KartaServer", "KartaStore", "KartaLua", "KartaPlugins", "KartaReports",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "KartaCoreTests", dependencies: ["KartaCore"], swiftSettings: swiftSettings),
        .testTarget(
            name: "KartaStoreTests",
            dependencies: ["KartaStore", "KartaCore", "KartaTesting", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "KartaHostTests", dependencies: ["KartaHost", "KartaTesting"], swiftSettings: swiftSettings),
        .testTarget(name: "KartaLuaTests", dependencies: ["KartaLua"], swiftSettings: swiftSettings),
        .testTarget(name: "KartaReportsTests", dependencies: ["KartaReports", "ZIPFoundation"], swiftSettings: swiftSettings),
        .testTarget(
            name: "KartaPluginsTests",
            dependencies: ["KartaPlugins", "KartaStore", "KartaTesting"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "KartaServerTests",
            dependencies: ["KartaServer", "KartaHost", "KartaStore", "KartaCore", "KartaPlugins", "KartaTesting",
                           .product(name: "HummingbirdTesting", package: "hummingbird")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "KartaCLITests",
            dependencies: ["KartaTesting", "KartaStore", "KartaCore", "KartaPlugins", "KartaReports", "KartaLua",
                           .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
    ]
)
