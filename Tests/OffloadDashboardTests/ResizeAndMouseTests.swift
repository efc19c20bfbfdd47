import OffloadModel
import Testing
@testable import OffloadDashboard

/// Rendering never fails at any size, in any mode or overlay; clicks select what they hit.
@Suite struct ResizeAndMouseTests {
    static let sizes: [(Int, Int)] = [(0, 0), (1, 1), (2, 1), (1, 2), (5, 3), (20, 5), (39, 9), (39, 30), (40, 9), (40, 10), (41, 11),
                                      (60, 12), (80, 24), (99, 30), (100, 30), (132, 43), (200, 60), (300, 100), (1000, 12)]

    @Test(arguments: ["default", "commute-handover", "stress-mixed"])
    func rendersAtEverySizeAndOverlay(name: String) throws {
        var dashboards: [Dashboard] = []
        for options in [Fixtures.options(), Fixtures.options(theme: "mono", colorMode: .none, unicode: false)] {
            let base = try Fixtures.dashboard(name, options: options)
            var help = base
            help.type("?")
            var picker = base
            picker.type("o")
            var save = base
            save.type("s")
            var busy = base
            busy.type("v++> m")
            _ = busy.handle(.tick(elapsedMs: 2000))
            dashboards += [base, help, picker, save, busy]
        }
        for var dashboard in dashboards {
            for (width, height) in Self.sizes {
                _ = dashboard.handle(.resize(width: width, height: height))
                let canvas = dashboard.render(width: width, height: height)
                #expect(canvas.width == width && canvas.height == height)
                #expect(canvas.cells.count == width * height)
                // Clicking anywhere and paging never crash either.
                _ = dashboard.handle(.mouseClick(x: width / 2, y: height / 2))
                _ = dashboard.handle(.key(.pageDown))
            }
        }
    }

    @Test func theTooSmallScreenSaysTheSizeNeeded() throws {
        let dashboard = try Fixtures.dashboard()
        let text = dashboard.render(width: 39, height: 20).text
        #expect(text.contains("39×20"))
        #expect(text.contains("40×10"))
        #expect(!dashboard.render(width: 40, height: 10).text.contains("too small"))
    }

    @Test func theHeaderAlwaysShowsTheEssentials() throws {
        for (width, height) in [(40, 10), (60, 15), (80, 24), (120, 40), (200, 60)] {
            let dashboard = try Fixtures.dashboard(width: width, height: height)
            let text = dashboard.render(width: width, height: height).text
            for needle in ["Photo tagging over Wi-Fi", "joint", "device ×1", "cloud ×1", "18.88 Mbps", "lat", " 0 ms", "makespan 219.40 ms", "gain 38.7%"] {
                #expect(text.contains(needle), "\(width)×\(height) lacks \(needle)")
            }
        }
    }

    @Test func panelsGiveWayInOrder() throws {
        let dashboard = try Fixtures.dashboard()
        func layout(_ width: Int, _ height: Int) -> ScreenLayout {
            ScreenLayout(width: width, height: height, state: dashboard.state, derived: dashboard.derived)
        }
        let big = layout(120, 40)
        #expect(big.table != nil && big.comparison != nil && big.details != nil && big.shape.markers && big.shape.blockRows == 3)
        let medium = layout(120, 24)
        #expect(medium.details == nil && medium.comparison != nil && medium.table != nil)
        let classic = layout(80, 24)
        #expect(classic.table != nil && classic.shape.markers)
        #expect(classic.comparison == nil && classic.details == nil)
        let small = layout(60, 12)
        #expect(small.table == nil || small.table?.height ?? 0 <= 3)
        #expect(!small.tooSmall && small.keyBar.height == 1 && small.status.height == 1)
        #expect(layout(39, 24).tooSmall && layout(80, 9).tooSmall)
        for height in 10...70 {
            let current = layout(120, height)
            let used = current.header.height + current.gantt.height + (current.table.map { _ in 0 } ?? 0) + 2
            #expect(used <= height)
            for rect in [current.table, current.comparison, current.details].compactMap({ $0 }) {
                #expect(rect.maxY <= height - 2, "\(height): a panel overlaps the status line")
            }
        }
    }

    @Test func clickingABlockSelectsItsJobOnEveryLane() throws {
        var dashboard = try Fixtures.dashboard(width: 120, height: 40)
        let layout = ScreenLayout(width: 120, height: 40, state: dashboard.state, derived: dashboard.derived)
        let geometry = GanttWidget.Geometry(rect: layout.gantt, shape: layout.shape)
        guard let view = dashboard.derived.planned else { Issue.record("no timeline"); return }
        let (start, span) = dashboard.state.chart.window(totalMs: dashboard.derived.totalSpanMs(dashboard.state))
        let msPerColumn = span / Double(geometry.chartWidth)
        for lane in 0..<3 {
            let index = view.lanes[lane]
            for position in 0..<index.count where index.ends[position] - index.starts[position] > 3 * msPerColumn {
                let middle = (index.starts[position] + index.ends[position]) / 2
                let x = geometry.chartX + Int((middle - start) / msPerColumn)
                #expect(dashboard.handle(.mouseClick(x: x, y: geometry.laneY(lane))) == .redraw)
                #expect(dashboard.state.selectedJob == index.jobs[position])
            }
        }
    }

    @Test func clickingARowTheComparisonOrTheKeyBar() throws {
        var dashboard = try Fixtures.dashboard(width: 120, height: 40)
        let layout = ScreenLayout(width: 120, height: 40, state: dashboard.state, derived: dashboard.derived)
        guard let table = layout.table, let comparison = layout.comparison else { Issue.record("panels missing"); return }
        _ = dashboard.handle(.mouseClick(x: table.x + 5, y: table.y + 2 + 5))
        #expect(dashboard.state.selectedJob == 5)
        // Local is the first algorithm row.
        _ = dashboard.handle(.mouseClick(x: comparison.x + 4, y: comparison.y + 1))
        #expect(dashboard.state.algorithm == .local)
        // The layer-level row cannot plan: the click says why and keeps the algorithm.
        if dashboard.derived.plans.plan(.layerLevel) == nil {
            _ = dashboard.handle(.mouseClick(x: comparison.x + 4, y: comparison.y + 7))
            #expect(dashboard.state.algorithm == .local)
            #expect(dashboard.state.status?.kind == .error)
        }
        let items = KeyBarWidget.items(width: 120, unicode: true)
        guard let help = items.first(where: { $0.action == .showHelp }) else { Issue.record("no help entry"); return }
        _ = dashboard.handle(.mouseClick(x: help.x, y: 39))
        #expect(dashboard.state.overlay == .help(scroll: 0))
    }

    @Test func clicksInThePickerSelectThenOpen() throws {
        var dashboard = try Fixtures.dashboard(width: 120, height: 40)
        dashboard.type("o")
        guard case let .picker(picker) = dashboard.state.overlay else { Issue.record("no picker"); return }
        let frame = PickerWidget.frame(width: 120, height: 40, entries: picker.entries.count)
        let firstRowY = frame.y + 1
        _ = dashboard.handle(.mouseClick(x: frame.x + 4, y: firstRowY))
        guard case let .picker(after) = dashboard.state.overlay else { Issue.record("picker closed"); return }
        #expect(after.selected == 0)
        _ = dashboard.handle(.mouseClick(x: frame.x + 4, y: firstRowY))
        #expect(dashboard.state.overlay == .none)
        #expect(dashboard.state.scenarioPath == picker.entries[0].path)
    }
}

@Suite struct EdgeCaseTests {
    @Test func aScenarioWithoutJobsStillRenders() throws {
        let empty = Scenario(name: "empty", environment: Environment(), models: [], jobs: [])
        var dashboard = try Dashboard(scenario: empty, scenarioPath: nil, options: Fixtures.options())
        for key in "bBdDnx a ?" { _ = dashboard.handle(.key(.character(key))) }
        _ = dashboard.handle(.key(.escape))
        dashboard.settle()
        for (width, height) in [(1, 1), (80, 24), (120, 40)] {
            #expect(dashboard.render(width: width, height: height).width == width)
        }
        #expect(try PlainChart.render(scenario: empty, width: 80).contains("no jobs"))
    }

    @Test func anInvalidEnvironmentIsRefused() throws {
        var scenario = try Fixtures.scenario("default")
        scenario.environment.bandwidthMbps = 0
        #expect(throws: InputError.self) { _ = try Dashboard(scenario: scenario, scenarioPath: "x.json", options: Fixtures.options()) }
        scenario.environment.bandwidthMbps = 10
        scenario.environment.latencyMs = .nan
        #expect(throws: InputError.self) { _ = try PlainChart.render(scenario: scenario, width: 80) }
    }

    @Test func plainChartIsASCIIAndFitsItsWidth() throws {
        for width in [1, 40, 73, 100, 240] {
            let text = try PlainChart.render(scenario: Fixtures.scenario("default"), width: width)
            #expect(text.unicodeScalars.allSatisfy { $0.isASCII })
            #expect(text.split(separator: "\n").allSatisfy { $0.count <= max(40, width) })
            #expect(text.contains("makespan 219.40 ms"))
        }
    }

    @Test func manyJobsStayQuickToDraw() throws {
        var scenario = try Fixtures.scenario("stress-mixed")
        scenario.jobs = Array(scenario.jobs.prefix(200))
        var dashboard = try Dashboard(scenario: scenario, scenarioPath: nil, options: Fixtures.options())
        _ = dashboard.handle(.resize(width: 200, height: 60))
        _ = dashboard.handle(.key(.end))
        let text = dashboard.render(width: 200, height: 60).text
        #expect(text.contains(scenario.jobs[199].id))
    }
}
