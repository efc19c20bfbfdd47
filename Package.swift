// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "offload",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "offload", targets: ["offload"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // ncursesw is linked by name in the module map: pkg-config's cflags for it
        // (-D_DEFAULT_SOURCE, -D_XOPEN_SOURCE) are prohibited flags that make SwiftPM warn.
        .systemLibrary(name: "CNcurses", providers: [.apt(["libncurses-dev"]), .brew(["ncurses"])]),
        .target(name: "OffloadModel"),
        .target(name: "OffloadScheduler", dependencies: ["OffloadModel"]),
        .target(name: "OffloadSimulator", dependencies: ["OffloadModel", "OffloadScheduler"]),
        .target(name: "OffloadReport", dependencies: ["OffloadModel", "OffloadScheduler", "OffloadSimulator"]),
        .target(
            name: "OffloadDashboard",
            dependencies: ["OffloadModel", "OffloadScheduler", "OffloadSimulator", "OffloadReport", "CNcurses"]
        ),
        .executableTarget(
            name: "offload",
            dependencies: [
                "OffloadModel", "OffloadScheduler", "OffloadSimulator", "OffloadReport", "OffloadDashboard",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The fuzz harness (a library, so that the tests replay what the fuzzer found) and
        // its libFuzzer entry point; README, "Fuzzing", says how to build and run it.
        .target(
            name: "OffloadFuzzing",
            dependencies: ["OffloadModel", "OffloadScheduler", "OffloadSimulator", "OffloadReport", "OffloadDashboard"]
        ),
        .executableTarget(name: "offload-fuzz", dependencies: ["OffloadFuzzing", "OffloadModel"]),
        // What every test target shares: the seeded random instances, the brute-force
        // references, the repository's folder and the runner of the built binary. A regular
        // target (test targets cannot depend on one another), kept under Tests/ because
        // nothing that ships uses it; it uses only public API, so it builds in any mode.
        .target(name: "OffloadTestSupport", dependencies: ["OffloadModel", "OffloadScheduler"], path: "Tests/OffloadTestSupport"),
        .testTarget(name: "OffloadModelTests", dependencies: ["OffloadModel", "OffloadTestSupport"]),
        .testTarget(name: "OffloadSchedulerTests", dependencies: ["OffloadModel", "OffloadScheduler", "OffloadTestSupport"]),
        .testTarget(
            name: "OffloadSimulatorTests",
            dependencies: ["OffloadModel", "OffloadScheduler", "OffloadSimulator", "OffloadTestSupport"]
        ),
        .testTarget(name: "OffloadReportTests", dependencies: ["OffloadModel", "OffloadScheduler", "OffloadReport", "OffloadTestSupport"]),
        .testTarget(name: "OffloadCLITests", dependencies: ["offload", "OffloadModel", "OffloadScheduler", "OffloadTestSupport"]),
        .testTarget(
            name: "OffloadFuzzTests",
            dependencies: ["OffloadFuzzing", "OffloadModel", "OffloadTestSupport"],
            exclude: ["Regressions", "offload.dict"]
        ),
        .testTarget(
            name: "OffloadDashboardTests",
            dependencies: ["OffloadDashboard", "OffloadModel", "OffloadScheduler", "OffloadSimulator", "OffloadTestSupport"],
            exclude: ["Golden"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
