import OffloadModel
import OffloadReport
import OffloadSimulator
import Testing
@testable import OffloadDashboard

/// Golden screens of the modes that tell the story (ghost, realised over planned, the
/// unsaved-changes prompt, wide characters), at 80×24 and 160×48, and the rules behind them.
@Suite struct StoryScreensTests {
    static let sizes = [(80, 24), (160, 48)]

    @Test func comparisonGhost() throws {
        for (width, height) in Self.sizes {
            var dashboard = try Fixtures.dashboard(options: Fixtures.options(colorMode: .none), width: width, height: height)
            dashboard.type("g")
            let canvas = dashboard.settledFrame(width: width, height: height)
            try expectGolden("story-ghost-\(width)x\(height)", canvas.text)
            // Both makespans, in words.
            #expect(canvas.text.contains("joint 219.4 ms vs partition-only 357.8 ms"), "\(canvas.text)")
        }
    }

    @Test func realisedOverPlanned() throws {
        for (width, height) in Self.sizes {
            var dashboard = try Fixtures.dashboard("commute-handover", options: Fixtures.options(colorMode: .none), width: width, height: height)
            dashboard.type("vR")
            let canvas = dashboard.settledFrame(width: width, height: height)
            try expectGolden("story-realised-\(width)x\(height)", canvas.text)
            #expect(canvas.text.contains("realised"))
            #expect(canvas.text.contains("planned 219.40 ms"))
        }
    }

    /// The ghost compares like with like: in the realised view both plans are played under
    /// the trace (re-planning as the view does), in the planned and measured views both are
    /// planned, and the verdict line says which.
    @Test func theGhostComparesLikeWithLike() throws {
        var dashboard = try Fixtures.dashboard("commute-handover", width: 160, height: 48)
        dashboard.type("g")
        var frame = dashboard.settledFrame(width: 160, height: 48).text
        let planned = try #require(dashboard.derived.plan(dashboard.state)?.makespanMs)
        let ghostPlan = try #require(dashboard.derived.plans.plan(.partitionOnly))
        #expect(dashboard.derived.ghost?.makespanMs == ghostPlan.makespanMs)
        #expect(frame.contains("joint \(NumberFormat.fixed(planned, decimals: 1)) ms vs partition-only \(NumberFormat.fixed(ghostPlan.makespanMs, decimals: 1)) ms"))
        #expect(frame.contains(", both planned"))

        // The realised view as it opens, then with re-planning switched (`R`).
        for key in ["v", "R"] {
            dashboard.type(key)
            frame = dashboard.settledFrame(width: 160, height: 48).text
            let state = dashboard.state
            let replanning = state.replanning
            #expect(state.showRealised)
            let realised = try #require(dashboard.derived.realised?.makespanMs)
            let ghostRealised = try Simulator.play(plan: ghostPlan, scenario: state.scenario, environment: state.environment,
                                                   options: SimulationOptions(replan: replanning)).makespanMs
            #expect(ghostRealised != ghostPlan.makespanMs, "the trace changes the ghost's makespan")
            #expect(dashboard.derived.ghostIsRealised)
            #expect(dashboard.derived.ghost?.makespanMs == ghostRealised)
            #expect(frame.contains("joint \(NumberFormat.fixed(realised, decimals: 1)) ms vs partition-only \(NumberFormat.fixed(ghostRealised, decimals: 1)) ms"), "\(frame)")
            #expect(frame.contains(", both realised" + (replanning ? " re-planning" : "")))
        }
        // Back to the planned view: the ghost is planned again.
        dashboard.type("v")
        frame = dashboard.settledFrame(width: 160, height: 48).text
        #expect(!dashboard.derived.ghostIsRealised && dashboard.derived.ghost?.makespanMs == ghostPlan.makespanMs)
        #expect(frame.contains(", both planned"))
    }

    @Test func unsavedChangesPrompt() throws {
        for (width, height) in Self.sizes {
            var dashboard = try Fixtures.dashboard(options: Fixtures.options(colorMode: .none), width: width, height: height)
            dashboard.type("nnBq")
            try expectGolden("story-unsaved-\(width)x\(height)", dashboard.settledFrame(width: width, height: height).text)
        }
    }

    /// Item 13: CJK and emoji take two columns, truncation never splits them, rows stay aligned.
    @Test func wideCharacters() throws {
        var scenario = try Fixtures.scenario("default")
        scenario.name = "摄像头 📷 été"
        let names = ["摄像头", "📷cam", "été", "カメラ-長い名前の仕事"]
        for index in scenario.jobs.indices { scenario.jobs[index].id = names[index % names.count] + "-\(index + 1)" }
        for (width, height) in Self.sizes {
            var dashboard = try Dashboard(scenario: scenario, scenarioPath: nil, options: Fixtures.options(colorMode: .none))
            _ = dashboard.handle(.resize(width: width, height: height))
            let canvas = dashboard.settledFrame(width: width, height: height)
            try expectGolden("story-wide-\(width)x\(height)", canvas.text)
            #expect(!canvas.text.contains("??") && !canvas.text.contains("?cam"), "no wide character became ?:\n\(canvas.text)")
            #expect(canvas.text.contains("摄像头") && canvas.text.contains("📷cam"))
            // Every row is exactly as wide as the screen.
            for row in canvas.rows { #expect(row.displayWidth == width, "\(row)") }
        }
    }

    @Test func aWideCharacterIsNeverSplit() {
        var canvas = Canvas(width: 5, height: 1)
        #expect(canvas.write("ab摄像", x: 0, y: 0, style: .plain) == 4)
        #expect(canvas.rows[0] == "ab摄 ")
        #expect(canvas.write("摄像头", x: 0, y: 0, style: .plain, maxWidth: 5) == 4)
        #expect(canvas.rows[0] == "摄像 ")
        // Overwriting half of a wide character blanks the other half.
        canvas.put("x", x: 1, y: 0, style: .plain)
        #expect(canvas.rows[0] == " x像 ")
        #expect(Glyphs.utf8.truncate("摄像头abc", to: 4) == "摄…")
        #expect("📷cam".displayWidth == 5)
        #expect("été".displayWidth == 3)
    }

    /// Item 3: makespan and gain survive at every width down to the minimum (they wrap).
    @Test func theHeadlineAlwaysSurvives() throws {
        for width in [40, 60, 80, 100, 160] {
            var dashboard = try Fixtures.dashboard(width: width, height: 24)
            let header = dashboard.settledFrame(width: width, height: 24).rows.prefix(4).joined(separator: "\n")
            #expect(header.contains("makespan 219.40 ms"), "\(width):\n\(header)")
            #expect(header.contains("gain 38.7%"), "\(width):\n\(header)")
        }
    }

    /// Item 2: the planned view's axis fits the plan, not the realised run.
    @Test func thePlannedViewFitsThePlan() throws {
        var dashboard = try Fixtures.dashboard("commute-handover", width: 80, height: 24)
        dashboard.settle()
        let planned = try #require(dashboard.derived.plan(dashboard.state)?.makespanMs)
        #expect(abs(dashboard.derived.totalSpanMs(dashboard.state) - planned) <= planned * 0.05)
        dashboard.type("v")
        let realised = try #require(dashboard.derived.realised?.makespanMs)
        #expect(dashboard.derived.totalSpanMs(dashboard.state) >= realised)
        // Space in the planned view plays to the planned makespan.
        dashboard.type("v ")
        var ticks = 0
        while dashboard.state.playback.playing && ticks < 100 {
            _ = dashboard.handle(.tick(elapsedMs: 1000))
            ticks += 1
        }
        let cursor = try #require(dashboard.state.playback.cursorMs)
        #expect(abs(cursor - planned) < 1e-6)
    }

    @Test func algorithmBarsStartAtTheLowerBoundAndClipOutliers() {
        let scale = ComparisonWidget.scale(makespans: [4122, 336, 304, 300], lowerBound: 290)
        #expect(scale.base == 290)
        #expect(abs(scale.top - (290 + 1.25 * (336 - 290))) < 1e-9)
        let plain = ComparisonWidget.scale(makespans: [511, 516, 357, 318, 219], lowerBound: 219)
        #expect(plain.base == 219 && plain.top == 516)
    }

    @Test func whatChangedAfterAKnob() throws {
        var dashboard = try Fixtures.dashboard()
        dashboard.type("BB")
        let text = try #require(dashboard.state.status?.text)
        #expect(text.hasPrefix("bandwidth 20 Mbps → 25 Mbps: makespan "), "\(text)")
        #expect(text.contains(" %)"))
    }

    @Test func theViewFollowsTheSelection() throws {
        var dashboard = try Fixtures.dashboard(width: 120, height: 40)
        dashboard.type("++++++")
        _ = dashboard.handle(.key(.home))
        _ = dashboard.handle(.key(.end))
        let view = try #require(dashboard.derived.shown(dashboard.state))
        let (start, span) = dashboard.state.chart.window(totalMs: dashboard.derived.totalSpanMs(dashboard.state))
        let last = dashboard.state.selectedJob
        let visible = view.lanes.contains { lane in
            (0..<lane.count).contains { lane.jobs[$0] == last && lane.ends[$0] > start && lane.starts[$0] < start + span }
        }
        #expect(visible)
        #expect(dashboard.render(width: 120, height: 40).text.contains("Jobs 8/8"))
    }

    @Test func slashFiltersTheJobsByIdOrModel() throws {
        var dashboard = try Fixtures.dashboard(width: 120, height: 40)
        dashboard.type("/resnet")
        #expect(dashboard.state.visibleJobs.count == 4, "matches")
        #expect(dashboard.state.scenario.jobs[dashboard.state.selectedJob].id == "objects-1", "first match selected")
        _ = dashboard.handle(.key(.enter))
        _ = dashboard.handle(.key(.end))
        #expect(dashboard.state.scenario.jobs[dashboard.state.selectedJob].id == "objects-4", "End: the last match")
        let text = dashboard.render(width: 120, height: 40).text
        #expect(text.contains("Jobs 4/4 of 8 matching resnet"), "title")
        #expect(!text.split(separator: "\n").contains { $0.hasPrefix("    scene-2") }, "scene-2 filtered out of the table")
        // `/` then Esc clears it.
        dashboard.type("/")
        _ = dashboard.handle(.key(.escape))
        #expect(dashboard.state.visibleJobs.count == 8)
    }

    @Test func theWheelZoomsAboutThePointerAndScrollsTheTable() throws {
        var dashboard = try Fixtures.dashboard(width: 120, height: 40)
        let layout = ScreenLayout(width: 120, height: 40, state: dashboard.state, derived: dashboard.derived)
        let geometry = GanttWidget.Geometry(rect: layout.gantt, shape: layout.shape)
        let x = geometry.chartX + geometry.chartWidth * 3 / 4
        _ = dashboard.handle(.mouseWheel(up: true, x: x, y: geometry.laneY(0)))
        #expect(dashboard.state.chart.zoom == 2)
        #expect(dashboard.state.chart.centre > 0.5, "the zoom keeps the right part under the pointer")
        let table = try #require(layout.table)
        _ = dashboard.handle(.mouseWheel(up: false, x: table.x + 2, y: table.y + 3))
        #expect(dashboard.state.selectedJob == 1)
    }

    /// Every new mode under every theme, without colour and in ASCII: the words that tell
    /// the story are there, and every row is as wide as the screen.
    @Test func everyModeUnderEveryThemeAndMode() throws {
        let setups: [(String, ColorMode, Bool)] = ["default", "light", "high-contrast", "colorblind", "mono"].map { ($0, .full, true) }
            + [("default", .none, true), ("mono", .none, false)]
        for (theme, colour, unicode) in setups {
            for (keys, needle) in [("g", "vs partition-only"), ("vR", "realised"), ("nq", "Unsaved changes"), ("/obj", "filter jobs"), ("m", "resnet50")] {
                var dashboard = try Fixtures.dashboard("commute-handover", options: Fixtures.options(theme: theme, colorMode: colour, unicode: unicode),
                                                       width: 80, height: 24)
                dashboard.type(keys)
                let canvas = dashboard.settledFrame(width: 80, height: 24)
                #expect(canvas.text.contains(needle), "\(theme) \(colour) \(keys)")
                #expect(canvas.text.contains("gain"), "\(theme) \(keys): the headline keeps the gain")
                for row in canvas.rows { #expect(row.displayWidth == 80) }
            }
        }
    }
}
