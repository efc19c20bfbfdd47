import Foundation
import OffloadModel
import Testing
@testable import OffloadDashboard

/// The sweep panel (`w`) and export (`e`).
@Suite struct SweepPanelTests {
    @Test func sweepPanelGolden() throws {
        var dashboard = try Fixtures.dashboard(options: Fixtures.options(colorMode: .none), width: 120, height: 40)
        dashboard.type("w")
        try expectGolden("sweep-panel-120x40", dashboard.settledFrame(width: 120, height: 40).text)
    }

    /// The panel fills in a point per tick, never on the keystroke: `w` computes nothing.
    @Test func theSweepFillsInOnTicks() throws {
        var dashboard = try Fixtures.dashboard(width: 120, height: 40)
        dashboard.settle()
        #expect(!dashboard.wantsTicks)
        dashboard.type("w")
        let sweep = try #require(dashboard.derived.sweep)
        #expect(sweep.points.isEmpty)
        #expect(dashboard.wantsTicks)
        _ = dashboard.handle(.tick(elapsedMs: 33))
        #expect(dashboard.derived.sweep?.points.count == 1)
        var ticks = 1
        while dashboard.wantsTicks && ticks < 1000 {
            _ = dashboard.handle(.tick(elapsedMs: 33))
            ticks += 1
        }
        #expect(ticks == Derived.sweepPoints)
        #expect(dashboard.derived.sweep?.isComplete == true)
        // Closed, it asks for no more work.
        dashboard.type("w")
        #expect(!dashboard.wantsTicks)
    }

    /// `b`/`B` move the marker and keep the computed points (the bandwidth stays in range).
    @Test func theMarkerFollowsTheBandwidth() throws {
        var dashboard = try Fixtures.dashboard(options: Fixtures.options(colorMode: .none), width: 120, height: 40)
        dashboard.type("w")
        func markerColumn() -> Int? {
            let lines = dashboard.settledFrame(width: 120, height: 40).text.split(separator: "\n", omittingEmptySubsequences: false)
            let counts = (0..<120).map { x in lines.filter { Array($0).indices.contains(x) && Array($0)[x] == "┊" }.count }
            return counts.indices.max { counts[$0] < counts[$1] }.flatMap { counts[$0] > 0 ? $0 : nil }
        }
        let before = try #require(markerColumn())
        let points = dashboard.derived.sweep?.points
        dashboard.type("BB")
        let after = try #require(markerColumn())
        #expect(after > before)
        #expect(dashboard.derived.sweep?.points == points)
        let frame = dashboard.settledFrame(width: 120, height: 40).text
        #expect(frame.contains("\(Knob.number(dashboard.state.environment.bandwidthMbps)) Mbps"))
        #expect(frame.contains("under partition-only"))
    }

    @Test func exportWritesTheCurrentView() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var dashboard = try Fixtures.dashboard(width: 120, height: 40)
        dashboard.state.exportFolder = folder
        dashboard.type("e")
        for ext in ["svg", "html", "mmd"] {
            #expect(FileManager.default.fileExists(atPath: "\(folder)/default-joint.\(ext)"), "no .\(ext)")
        }
        let status = try #require(dashboard.state.status)
        #expect(status.kind == .info && status.text.contains("\(folder)/default-joint.svg"))
        let svg = try String(contentsOfFile: "\(folder)/default-joint.svg", encoding: .utf8)
        #expect(svg.contains("Photo tagging over Wi-Fi — joint"))
    }

    @Test func exportIntoAFolderThatDoesNotExistSaysWhy() throws {
        var dashboard = try Fixtures.dashboard(width: 120, height: 40)
        dashboard.state.exportFolder = "/nonexistent-offload-folder"
        dashboard.type("e")
        let status = try #require(dashboard.state.status)
        #expect(status.kind == .error && status.text.contains("cannot be written"))
    }
}

extension SweepPanelTests {
    /// On a classic terminal the panel still draws curves; at the minimum size it says what it needs.
    @Test func smallTerminals() throws {
        var classic = try Fixtures.dashboard(options: Fixtures.options(colorMode: .none), width: 80, height: 24)
        classic.type("w")
        try expectGolden("sweep-panel-80x24-nocolor", classic.settledFrame(width: 80, height: 24).text)
        var ascii = try Fixtures.dashboard(options: Fixtures.options(theme: "mono", colorMode: .none, unicode: false), width: 40, height: 10)
        ascii.type("w")
        let frame = ascii.settledFrame(width: 40, height: 10).text
        let ascii7 = frame.unicodeScalars.allSatisfy { $0.isASCII }
        #expect(ascii7)
    }
}
