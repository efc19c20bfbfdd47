import Foundation
import OffloadModel
import Testing
@testable import OffloadDashboard

/// Names with control characters are shown escaped on the dashboard, as in every other
/// output (docs/FORMATS.md, "Names on a terminal").
@Suite struct HostileNameTests {
    /// Every C0 control, DEL, every C1 control and the bidi overrides.
    static let hostile = String(String.UnicodeScalarView(
        ((0x00...0x1F).map { $0 } + [0x7F] + (0x80...0x9F).map { $0 } + [0x202E, 0x2066]).compactMap(Unicode.Scalar.init)))

    @Test func theDashboardShowsNamesEscaped() throws {
        let model = try ModelGraph(name: "m" + Self.hostile, inputBytes: 1000, layers: [
            Layer(name: "l\u{1b}[31m", inputs: ["input"], deviceMs: 1, cloudMs: 0.5, outputBytes: 10),
        ])
        let scenario = Scenario(name: "evil\u{1b}[2J" + Self.hostile, environment: Environment(bandwidthMbps: 10), models: [model],
                                jobs: [Job(id: "a\n\u{1b}]0;x\u{7}" + Self.hostile, modelIndex: 0), Job(id: "b", modelIndex: 0)])
        var dashboard = try Dashboard(scenario: scenario, scenarioPath: nil, options: Fixtures.options())
        _ = dashboard.handle(.resize(width: 200, height: 50))
        let text = dashboard.settledFrame(width: 200, height: 50).text
        #expect(!text.unicodeScalars.contains { $0 != "\n" && TerminalText.needsEscape($0) })
        #expect(text.contains(#"evil\u001b[2J\u0000"#), "the header names the scenario escaped")
        #expect(text.contains(#"a\n\u001b]0;x\u0007"#), "the job table names the job escaped")
        // The plain chart printed without a terminal is drawn by the same widgets.
        let plain = try PlainChart.render(scenario: scenario, width: 160)
        #expect(!plain.unicodeScalars.contains { $0 != "\n" && TerminalText.needsEscape($0) })
        #expect(plain.contains(#"evil\u001b[2J"#))
    }
}
