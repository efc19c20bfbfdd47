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
        .testTarget(name: "OffloadModelTests", dependencies: ["OffloadModel"]),
        .testTarget(name: "OffloadSchedulerTests", dependencies: ["OffloadModel", "OffloadScheduler"]),
        .testTarget(name: "OffloadSimulatorTests", dependencies: ["OffloadModel", "OffloadScheduler", "OffloadSimulator"]),
        .testTarget(name: "OffloadReportTests", dependencies: ["OffloadModel", "OffloadScheduler", "OffloadReport"]),
        .testTarget(name: "OffloadCLITests", dependencies: ["offload", "OffloadModel"]),
        .testTarget(name: "OffloadFuzzTests", dependencies: ["OffloadFuzzing", "OffloadModel"], exclude: ["Regressions", "offload.dict"]),
        .testTarget(
            name: "OffloadDashboardTests",
            dependencies: ["OffloadDashboard", "OffloadModel", "OffloadScheduler", "OffloadSimulator"],
            exclude: ["Golden"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
