import Foundation
import OffloadModel
import Testing
@testable import OffloadDashboard

/// Whole screens and single widgets rendered into a `Canvas` and compared with
/// `Golden/*.txt`. Regenerate with
/// `OFFLOAD_UPDATE_GOLDEN=1 swift test --scratch-path .build-ui --filter OffloadDashboardTests`
/// and review the diff by eye.
@Suite struct GoldenTests {
    /// A map of the cells' background colours: `.` for the terminal's default, then a
    /// letter per colour in order of first appearance — to review colour screens as text.
    static func backgroundMap(_ canvas: Canvas) -> String {
        var letters: [TerminalColor: Character] = [:]
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        var rows: [String] = []
        for y in 0..<canvas.height {
            var row = ""
            for x in 0..<canvas.width {
                let colour = canvas[x, y]?.style.background ?? .terminalDefault
                if colour == .terminalDefault { row.append("."); continue }
                if letters[colour] == nil { letters[colour] = alphabet[letters.count % alphabet.count] }
                row.append(letters[colour] ?? "?")
            }
            rows.append(row)
        }
        return rows.joined(separator: "\n")
    }

    @Test func defaultScreenInColour() throws {
        var dashboard = try Fixtures.dashboard(width: 120, height: 40)
        let canvas = dashboard.settledFrame(width: 120, height: 40)
        try expectGolden("screen-default-120x40", canvas.text)
        try expectGolden("screen-default-120x40-background", Self.backgroundMap(canvas))
    }

    @Test func wideScreen() throws {
        var dashboard = try Fixtures.dashboard(width: 200, height: 60)
        try expectGolden("screen-default-200x60", dashboard.settledFrame(width: 200, height: 60).text)
    }

    @Test func classicTerminalWithoutColour() throws {
        var dashboard = try Fixtures.dashboard(options: Fixtures.options(colorMode: .none), width: 80, height: 24)
        try expectGolden("screen-default-80x24-nocolor", dashboard.settledFrame(width: 80, height: 24).text)
    }

    @Test func asciiWhenTheLocaleIsNotUTF8() throws {
        var dashboard = try Fixtures.dashboard(options: Fixtures.options(theme: "mono", colorMode: .none, unicode: false), width: 100, height: 30)
        try expectGolden("screen-default-100x30-ascii", dashboard.settledFrame(width: 100, height: 30).text)
    }

    @Test func minimumSize() throws {
        var dashboard = try Fixtures.dashboard(width: 40, height: 10)
        try expectGolden("screen-default-40x10", dashboard.settledFrame(width: 40, height: 10).text)
    }

    @Test func tooSmall() throws {
        var dashboard = try Fixtures.dashboard(width: 30, height: 8)
        try expectGolden("screen-too-small-30x8", dashboard.settledFrame(width: 30, height: 8).text)
    }

    @Test func helpScreen() throws {
        var dashboard = try Fixtures.dashboard(width: 120, height: 40)
        dashboard.type("?")
        try expectGolden("help-120x40", dashboard.settledFrame(width: 120, height: 40).text)
        var narrow = try Fixtures.dashboard(width: 80, height: 24)
        narrow.type("?")
        _ = narrow.handle(.key(.pageDown))
        try expectGolden("help-80x24-page2", narrow.settledFrame(width: 80, height: 24).text)
    }

    @Test func realisedTimelineWithTrace() throws {
        var dashboard = try Fixtures.dashboard("commute-handover", options: Fixtures.options(colorMode: .none), width: 120, height: 36)
        dashboard.type("v")
        try expectGolden("screen-commute-realised-120x36", dashboard.settledFrame(width: 120, height: 36).text)
    }

    @Test func zoomedAndPanned() throws {
        var dashboard = try Fixtures.dashboard(options: Fixtures.options(colorMode: .none), width: 100, height: 30)
        dashboard.type("++>")
        try expectGolden("screen-default-zoomed-100x30", dashboard.settledFrame(width: 100, height: 30).text)
    }

    @Test func playModeHalfWay() throws {
        var dashboard = try Fixtures.dashboard(options: Fixtures.options(colorMode: .none), width: 100, height: 30)
        dashboard.type(" ")
        _ = dashboard.handle(.tick(elapsedMs: Playback.sweepMs / 2))
        dashboard.type(" ")
        try expectGolden("screen-default-paused-100x30", dashboard.settledFrame(width: 100, height: 30).text)
    }

    @Test func saveDialog() throws {
        var dashboard = try Dashboard(scenario: Fixtures.scenario("default"), scenarioPath: "sample-jobs/default.json",
                                      options: Fixtures.options(colorMode: .none))
        _ = dashboard.handle(.resize(width: 100, height: 30))
        dashboard.type("s")
        try expectGolden("dialog-save-100x30", dashboard.settledFrame(width: 100, height: 30).text)
    }

    @Test func openDialog() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try #"{"name": "First", "description": "The first sample.", "jobs": []}"#.write(toFile: folder + "/a.json", atomically: true, encoding: .utf8)
        try #"{"name": "Second", "description": "The second sample, with a description far too long to fit the dialog on one line so that it must be cut short with an ellipsis.", "jobs": []}"#
            .write(toFile: folder + "/b.json", atomically: true, encoding: .utf8)
        try "not json".write(toFile: folder + "/c.json", atomically: true, encoding: .utf8)
        var options = Fixtures.options(colorMode: .none)
        options.samplesFolder = folder
        var dashboard = try Dashboard(scenario: Fixtures.scenario("default"), scenarioPath: nil, options: options)
        _ = dashboard.handle(.resize(width: 90, height: 24))
        dashboard.type("o")
        _ = dashboard.handle(.key(.down))
        dashboard.type("my.json")
        try expectGolden("dialog-open-90x24", dashboard.settledFrame(width: 90, height: 24).text)
    }

    // MARK: - Widgets alone

    static func widgetCanvas(width: Int, height: Int, draw: (inout Canvas, Rect) -> Void) -> Canvas {
        var canvas = Canvas(width: width, height: height)
        draw(&canvas, canvas.bounds)
        return canvas
    }

    @Test func comparisonWidget() throws {
        let dashboard = try Fixtures.dashboard(options: Fixtures.options(colorMode: .none))
        let palette = dashboard.state.palette
        let canvas = Self.widgetCanvas(width: 64, height: ComparisonWidget.naturalHeight) { canvas, rect in
            ComparisonWidget(state: dashboard.state, derived: dashboard.derived, palette: palette).draw(into: &canvas, in: rect)
        }
        try expectGolden("widget-comparison-64", canvas.text)
    }

    @Test func comparisonWidgetShortKeepsTheCurrentAlgorithm() throws {
        var dashboard = try Fixtures.dashboard(options: Fixtures.options(colorMode: .none))
        dashboard.type("AA")  // partition-only, near the top of the list
        let palette = dashboard.state.palette
        let canvas = Self.widgetCanvas(width: 50, height: 4) { canvas, rect in
            ComparisonWidget(state: dashboard.state, derived: dashboard.derived, palette: palette).draw(into: &canvas, in: rect)
        }
        try expectGolden("widget-comparison-short", canvas.text)
    }

    @Test func detailsWidget() throws {
        var dashboard = try Fixtures.dashboard(options: Fixtures.options(colorMode: .none))
        _ = dashboard.handle(.key(.end))
        let palette = dashboard.state.palette
        let canvas = Self.widgetCanvas(width: 72, height: 12) { canvas, rect in
            DetailsWidget(state: dashboard.state, derived: dashboard.derived, palette: palette).draw(into: &canvas, in: rect)
        }
        try expectGolden("widget-details-objects-4", canvas.text)
    }

    /// A model with constants: counted apart in the title and summary, marked in the list.
    @Test func detailsWidgetMarksConstants() throws {
        let dashboard = try Fixtures.dashboard("gallery-transformers-wifi", options: Fixtures.options(colorMode: .none))
        let palette = dashboard.state.palette
        let canvas = Self.widgetCanvas(width: 90, height: 20) { canvas, rect in
            DetailsWidget(state: dashboard.state, derived: dashboard.derived, palette: palette).draw(into: &canvas, in: rect)
        }
        try expectGolden("widget-details-constants", canvas.text)
    }

    @Test func jobTableNarrowDropsColumns() throws {
        let dashboard = try Fixtures.dashboard(options: Fixtures.options(colorMode: .none))
        let palette = dashboard.state.palette
        var text = ""
        for width in [90, 60, 40, 20] {
            let canvas = Self.widgetCanvas(width: width, height: 6) { canvas, rect in
                JobTableWidget(state: dashboard.state, derived: dashboard.derived, palette: palette).draw(into: &canvas, in: rect)
            }
            text += "width \(width)\n" + canvas.text + "\n"
        }
        try expectGolden("widget-job-table-widths", text)
    }

    @Test func headerAtManyWidths() throws {
        let dashboard = try Fixtures.dashboard(options: Fixtures.options(colorMode: .none))
        var text = ""
        for width in [200, 120, 80, 60, 40] {
            let header = HeaderWidget(state: dashboard.state, derived: dashboard.derived)
            let rows = header.rows(width: width).count
            let canvas = Self.widgetCanvas(width: width, height: rows) { canvas, rect in header.draw(into: &canvas, in: rect) }
            text += "width \(width)\n" + canvas.text + "\n"
        }
        try expectGolden("widget-header-widths", text)
    }

    @Test func keyBarAtManyWidths() throws {
        let dashboard = try Fixtures.dashboard(options: Fixtures.options(colorMode: .none))
        var text = ""
        for width in [160, 100, 80, 40] {
            let canvas = Self.widgetCanvas(width: width, height: 1) { canvas, rect in
                KeyBarWidget(palette: dashboard.state.palette).draw(into: &canvas, in: rect)
            }
            text += canvas.text + "\n"
        }
        try expectGolden("widget-key-bar-widths", text)
    }

    @Test func plainChart() throws {
        try expectGolden("plain-default-100", PlainChart.render(scenario: Fixtures.scenario("default"), width: 100))
        try expectGolden("plain-commute-80", PlainChart.render(scenario: Fixtures.scenario("commute-handover"), width: 80))
    }
}
