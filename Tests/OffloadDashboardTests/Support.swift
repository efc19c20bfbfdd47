import Foundation
import OffloadModel
import Testing
@testable import OffloadDashboard
import OffloadTestSupport

/// The repository's files, found from this source file.
enum Fixtures {
    static let root = Repository.root.path
    static let samples = root + "/sample-jobs"
    static let themes = root + "/themes"
    static let golden = root + "/Tests/OffloadDashboardTests/Golden"

    static func scenarioPath(_ name: String) -> String { "\(samples)/\(name).json" }

    static func scenario(_ name: String) throws -> Scenario { try ScenarioFile.load(path: scenarioPath(name)) }

    /// Options with the repository's folders: plain colours and UTF-8 unless told otherwise;
    /// `e` exports to the system's temporary folder, never into the repository.
    static func options(theme: String = "default", colorMode: ColorMode = .full, unicode: Bool = true) -> DashboardOptions {
        DashboardOptions(themeName: theme, themesFolder: themes, samplesFolder: samples, colorMode: colorMode, unicode: unicode,
                         exportFolder: NSTemporaryDirectory())
    }

    /// A dashboard on a sample scenario, told its size.
    static func dashboard(_ name: String = "default", options: DashboardOptions = options(), width: Int = 120, height: Int = 40) throws -> Dashboard {
        var dashboard = try Dashboard(scenario: scenario(name), scenarioPath: scenarioPath(name), options: options)
        _ = dashboard.handle(.resize(width: width, height: height))
        return dashboard
    }

    /// A fresh empty folder under the system's temporary folder.
    static func temporaryFolder() throws -> String {
        let path = NSTemporaryDirectory() + "offload-dashboard-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

/// Compares `text` with `Golden/NAME.txt`; with `OFFLOAD_UPDATE_GOLDEN=1` in the
/// environment, writes it there instead (review the diff by eye before committing).
func expectGolden(_ name: String, _ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let path = "\(Fixtures.golden)/\(name).txt"
    let body = text.hasSuffix("\n") ? text : text + "\n"
    if ProcessInfo.processInfo.environment["OFFLOAD_UPDATE_GOLDEN"] == "1" {
        try body.write(toFile: path, atomically: true, encoding: .utf8)
        return
    }
    guard let expected = try? String(contentsOfFile: path, encoding: .utf8) else {
        Issue.record("missing golden file \(path); run OFFLOAD_UPDATE_GOLDEN=1 swift test --scratch-path .build-ui --filter OffloadDashboardTests", sourceLocation: sourceLocation)
        return
    }
    if expected != body {
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let actualLines = body.split(separator: "\n", omittingEmptySubsequences: false)
        let first = (0..<min(expectedLines.count, actualLines.count)).first { expectedLines[$0] != actualLines[$0] } ?? min(expectedLines.count, actualLines.count)
        Issue.record("""
            \(name): differs from the golden file from line \(first + 1)
            expected: \(first < expectedLines.count ? String(expectedLines[first]) : "(end)")
            actual:   \(first < actualLines.count ? String(actualLines[first]) : "(end)")
            (regenerate with OFFLOAD_UPDATE_GOLDEN=1 swift test --scratch-path .build-ui --filter OffloadDashboardTests)
            """, sourceLocation: sourceLocation)
    }
}

extension Dashboard {
    /// Sends keys typed as a string, one character each (without the ticks that would
    /// finish the comparison: call `settle()` for that).
    mutating func type(_ text: String) {
        for character in text { _ = handle(.key(.character(character))) }
    }

    /// The frame once the comparison has caught up.
    mutating func settledFrame(width: Int, height: Int) -> Canvas {
        settle()
        return render(width: width, height: height)
    }
}
