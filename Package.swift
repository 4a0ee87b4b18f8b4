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
                           .product(name: "GRDBSQLite", package: "GRDB.swift"), "CYAML"],
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
            dependencies: ["KartaCore", "KartaStore", "KartaLua", "KartaPlugins", "KartaReports"],
            swiftSettings: swiftSettings
        ),
        .target(name: "KartaTesting", dependencies: ["KartaCore", "KartaStore"], swiftSettings: swiftSettings),
        .executableTarget(
            name: "karta",
            dependencies: [
                "KartaCore", "KartaHost", "KartaStore", "KartaLua", "KartaPlugins", "KartaReports",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "KartaCoreTests", dependencies: ["KartaCore"], swiftSettings: swiftSettings),
        .testTarget(name: "KartaStoreTests", dependencies: ["KartaStore", "KartaCore", "KartaTesting"], swiftSettings: swiftSettings),
        .testTarget(name: "KartaLuaTests", dependencies: ["KartaLua"], swiftSettings: swiftSettings),
        .testTarget(name: "KartaReportsTests", dependencies: ["KartaReports", "ZIPFoundation"], swiftSettings: swiftSettings),
        .testTarget(
            name: "KartaPluginsTests",
            dependencies: ["KartaPlugins", "KartaStore", "KartaTesting"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "KartaCLITests",
            dependencies: ["KartaTesting", "KartaStore", "KartaCore", "KartaPlugins", "KartaReports", "KartaLua"],
            swiftSettings: swiftSettings
        ),
    ]
)
