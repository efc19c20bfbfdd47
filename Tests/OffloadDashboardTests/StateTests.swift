import OffloadModel
import OffloadScheduler
import Testing
@testable import OffloadDashboard
import OffloadSimulator

/// What every key does to the state, and what it makes the dashboard recompute.
@Suite struct StateTests {
    func dashboard(_ name: String = "default") throws -> Dashboard { try Fixtures.dashboard(name) }

    func makespan(_ dashboard: Dashboard) -> Double? { dashboard.derived.plan(dashboard.state)?.makespanMs }

    @Test func everyMainBindingDoesSomethingVisible() throws {
        for binding in KeyBindings.main {
            for key in binding.keys {
                var dashboard = try dashboard("commute-handover")
                for _ in 0..<3 { _ = dashboard.handle(.key(.down)) }
                let before = dashboard.render(width: 120, height: 40)
                let effect = dashboard.handle(.key(key))
                if binding.action == .quit {
                    #expect(effect == .quit, "\(key)")
                    continue
                }
                #expect(effect == .redraw, "\(key) should redraw")
                let after = dashboard.render(width: 120, height: 40)
                #expect(before != after || dashboard.state.status != nil, "\(key) (\(binding.description)) changed nothing on screen")
            }
        }
    }

    @Test func bandwidthStepsWalkTheLadderAndReplan() throws {
        var dashboard = try dashboard()
        let start = makespan(dashboard)
        #expect(dashboard.state.environment.bandwidthMbps == 18.88)
        dashboard.type("B")
        #expect(dashboard.state.environment.bandwidthMbps == 20)
        #expect(makespan(dashboard) != start)
        #expect(dashboard.derived.plans.environment.bandwidthMbps == 20)
        dashboard.type("B")
        #expect(dashboard.state.environment.bandwidthMbps == 25)
        dashboard.type("bbb")
        #expect(dashboard.state.environment.bandwidthMbps == 12.5)
        // What changed: the step and what it did to the makespan.
        #expect(dashboard.state.status?.text.hasPrefix("bandwidth 15 Mbps → 12.5 Mbps: makespan ") == true)
    }

    @Test func speedAndLatencyKnobs() throws {
        var dashboard = try dashboard()
        dashboard.type("D")
        #expect(dashboard.state.environment.deviceSpeed == 1.25)
        dashboard.type("dd")
        #expect(dashboard.state.environment.deviceSpeed == 0.8)
        dashboard.type("C")
        #expect(dashboard.state.environment.cloudSpeed == 1.25)
        dashboard.type("c")
        #expect(dashboard.state.environment.cloudSpeed == 1)
        dashboard.type("L")
        #expect(dashboard.state.environment.latencyMs == 1)
        dashboard.type("LLL")
        #expect(dashboard.state.environment.latencyMs == 10)
        dashboard.type("llll")
        #expect(dashboard.state.environment.latencyMs == 0)
        #expect(dashboard.state.status?.text.contains("minimum") == true)
    }

    @Test func knobsClampAtTheirDocumentedRanges() throws {
        var dashboard = try dashboard()
        // Keys alone: the comparison is left to the ticks, which this test does not send.
        func press(_ key: Character, _ times: Int) {
            for _ in 0..<times { _ = dashboard.handle(.key(.character(key))) }
        }
        press("5", 1)
        press("B", 25)
        #expect(dashboard.state.environment.bandwidthMbps == 100_000)
        #expect(dashboard.state.status?.kind == .warning)
        #expect(dashboard.state.status?.text.hasPrefix("bandwidth is at its maximum of 100,000 Mbps") == true)
        press("1", 1)
        press("b", 25)
        #expect(dashboard.state.environment.bandwidthMbps == 0.01)
        press("d", 25)
        #expect(dashboard.state.environment.deviceSpeed == 0.01)
        #expect(dashboard.state.status?.text.contains("minimum") == true)
        press("C", 25)
        #expect(dashboard.state.environment.cloudSpeed == 100)
        press("L", 15)
        #expect(dashboard.state.environment.latencyMs == 10_000)
        #expect(makespan(dashboard) != nil)
    }

    @Test func presetsLandExactlyOnTheirRates() throws {
        var dashboard = try dashboard()
        for (index, expected) in [1.1, 5.85, 18.88, 40, 1000].enumerated() {
            dashboard.type(String(index + 1))
            #expect(dashboard.state.environment.bandwidthMbps == expected)
            #expect(dashboard.derived.plans.environment.bandwidthMbps == expected)
        }
        dashboard.type("2")
        #expect(dashboard.state.status?.text.hasPrefix("bandwidth 1,000 Mbps → 5.85 Mbps (4G") == true, "\(dashboard.state.status?.text ?? "")")
    }

    @Test func resetRestoresTheScenariosEnvironment() throws {
        var dashboard = try dashboard()
        let start = makespan(dashboard)
        dashboard.type("1DDcL")
        #expect(dashboard.state.environment != dashboard.state.scenario.environment)
        dashboard.type("r")
        #expect(dashboard.state.environment == dashboard.state.scenario.environment)
        #expect(makespan(dashboard) == start)
    }

    @Test func algorithmCyclesSkippingThoseThatCannotPlan() throws {
        var dashboard = try dashboard()
        var seen: [Algorithm] = [dashboard.state.algorithm]
        for _ in 0..<Algorithm.allCases.count {
            dashboard.type("a")
            seen.append(dashboard.state.algorithm)
        }
        let planning = Algorithm.allCases.filter { dashboard.derived.plans.plan($0) != nil }
        #expect(Set(seen) == Set(planning))
        #expect(seen.first == .joint)
        if dashboard.derived.plans.plan(.layerLevel) == nil {
            #expect(!seen.contains(.layerLevel))
        }
        dashboard.type("A")
        #expect(dashboard.state.algorithm == seen[seen.count - 2])
        #expect(makespan(dashboard) == dashboard.derived.plans.makespan(dashboard.state.algorithm))
    }

    @Test func anAlgorithmThatCannotPlanFallsBackToJointAndSaysWhy() throws {
        var options = Fixtures.options()
        options.algorithm = .exact
        let dashboard = try Dashboard(scenario: Fixtures.scenario("phone-camera-burst-4g"), scenarioPath: nil, options: options)
        #expect(dashboard.state.algorithm == .joint)
        #expect(dashboard.state.status?.kind == .error)
        #expect(dashboard.state.status?.text.contains("exact") == true)
        #expect(dashboard.state.status?.text.contains("showing joint") == true)
    }

    @Test func duplicateAndDeleteJobs() throws {
        var dashboard = try dashboard()
        #expect(dashboard.state.scenario.jobs.count == 8)
        dashboard.type("n")
        #expect(dashboard.state.scenario.jobs.count == 8 + 1)
        #expect(dashboard.state.scenario.jobs[1].id == "scene-5")
        #expect(dashboard.state.selectedJob == 1)
        #expect(dashboard.derived.plan(dashboard.state)?.cuts.count == 9)
        #expect(dashboard.derived.planner.scenario.jobs.count == 9)
        dashboard.type("x")
        #expect(dashboard.state.scenario.jobs.map(\.id) == ["scene-1", "scene-2", "scene-3", "scene-4", "objects-1", "objects-2", "objects-3", "objects-4"])
        for _ in 0..<7 { dashboard.type("x") }
        #expect(dashboard.state.scenario.jobs.count == 1)
        dashboard.type("x")
        #expect(dashboard.state.scenario.jobs.count == 1)
        #expect(dashboard.state.status?.kind == .warning)
        #expect(makespan(dashboard) ?? 0 > 0)
    }

    @Test func duplicatingReusesTheCandidateCuts() throws {
        var dashboard = try dashboard()
        let candidates = dashboard.derived.rootPlanner.candidates
        dashboard.type("nn")
        #expect(dashboard.derived.planner.candidates.map(\.count) == candidates.map(\.count))
        #expect(dashboard.derived.rootPlanner.scenario.jobs.count == 8)
    }

    @Test func selectionKeys() throws {
        var dashboard = try dashboard()
        _ = dashboard.handle(.key(.down))
        #expect(dashboard.state.selectedJob == 1)
        dashboard.type("j")
        #expect(dashboard.state.selectedJob == 2)
        dashboard.type("k")
        _ = dashboard.handle(.key(.up))
        #expect(dashboard.state.selectedJob == 0)
        #expect(dashboard.handle(.key(.up)) == .none)
        _ = dashboard.handle(.key(.end))
        #expect(dashboard.state.selectedJob == 7)
        _ = dashboard.handle(.key(.home))
        _ = dashboard.handle(.key(.pageDown))
        #expect(dashboard.state.selectedJob == 7)
        _ = dashboard.handle(.key(.pageUp))
        #expect(dashboard.state.selectedJob == 0)
    }

    @Test func selectionRecomputesNothing() throws {
        let dashboard = try dashboard()
        var state = dashboard.state
        #expect(state.apply(.moveSelection(.next), derived: dashboard.derived, viewport: Viewport()).recompute == [])
        #expect(state.apply(.zoom(in: true), derived: dashboard.derived, viewport: Viewport()).recompute == [])
        #expect(state.apply(.cycleTheme, derived: dashboard.derived, viewport: Viewport()).recompute == [])
        #expect(state.apply(.step(.bandwidth, up: true), derived: dashboard.derived, viewport: Viewport()).recompute == [.plans, .simulation])
        #expect(state.apply(.chooseAlgorithm(.scheduleOnly), derived: dashboard.derived, viewport: Viewport()).recompute == [.simulation])
        #expect(state.apply(.duplicateJob, derived: dashboard.derived, viewport: Viewport()).recompute == [.jobs, .plans, .simulation])
    }

    @Test func zoomAndPan() throws {
        var dashboard = try dashboard()
        dashboard.type(">")
        #expect(dashboard.state.chart == ChartView())
        #expect(dashboard.state.status?.text.contains("zoom in") == true)
        dashboard.type("+=")
        #expect(dashboard.state.chart.zoom == 4)
        _ = dashboard.handle(.key(.left))
        #expect(dashboard.state.chart.centre == 0.4375)
        for _ in 0..<10 { _ = dashboard.handle(.key(.right)) }
        #expect(dashboard.state.chart.centre == 0.875)
        dashboard.type("-")
        #expect(dashboard.state.chart.zoom == 2)
        dashboard.type("0")
        #expect(dashboard.state.chart == ChartView())
        dashboard.type("-")
        #expect(dashboard.state.status?.kind == .warning)
        for _ in 0..<12 { dashboard.type("+") }
        #expect(dashboard.state.chart.zoom == ChartView.maximumZoom)
    }

    @Test func colourByModel() throws {
        var dashboard = try dashboard()
        #expect(dashboard.state.colourIndices == Array(0..<8))
        dashboard.type("m")
        #expect(dashboard.state.colourIndices == [0, 0, 0, 0, 1, 1, 1, 1])
    }

    @Test func playModeSweepsThenStops() throws {
        var dashboard = try dashboard()
        #expect(!dashboard.wantsTicks)
        #expect(dashboard.handle(.tick(elapsedMs: 33)) == .none)
        dashboard.type(" ")
        #expect(dashboard.wantsTicks)
        #expect(dashboard.state.playback.cursorMs == 0)
        #expect(dashboard.handle(.tick(elapsedMs: 600)) == .redraw)
        let total = dashboard.derived.totalSpanMs(dashboard.state)
        #expect(abs((dashboard.state.playback.cursorMs ?? 0) - total / 10) < 1e-9)
        dashboard.type(" ")
        #expect(!dashboard.wantsTicks)
        #expect(dashboard.handle(.tick(elapsedMs: 33)) == .none)
        dashboard.type(" ")
        for _ in 0..<20 { _ = dashboard.handle(.tick(elapsedMs: 1000)) }
        #expect(!dashboard.wantsTicks)
        #expect(dashboard.state.playback.cursorMs == total)
        dashboard.type(" ")
        #expect(dashboard.state.playback.cursorMs == 0)
    }

    @Test func realisedViewAndReplanningNeedATrace() throws {
        var plain = try dashboard()
        plain.type("v")
        #expect(!plain.state.showRealised)
        #expect(plain.state.status?.text.contains("no bandwidth trace") == true)
        plain.type("R")
        #expect(!plain.state.replanning)

        var traced = try dashboard("commute-handover")
        let planned = traced.derived.planned?.makespanMs
        traced.type("v")
        #expect(traced.state.showRealised)
        let realised = traced.derived.realised?.makespanMs
        #expect(realised != nil && realised != planned)
        traced.type("R")
        #expect(traced.state.replanning)
        #expect(traced.derived.realised?.timeline.replans.isEmpty == false)
        #expect(traced.derived.planned?.makespanMs == planned)
    }

    @Test func helpOpensScrollsAndCloses() throws {
        var dashboard = try Fixtures.dashboard(width: 80, height: 24)
        dashboard.type("?")
        #expect(dashboard.state.overlay == .help(scroll: 0))
        _ = dashboard.handle(.key(.down))
        #expect(dashboard.state.overlay == .help(scroll: 1))
        _ = dashboard.handle(.key(.end))
        guard case let .help(bottom) = dashboard.state.overlay else { Issue.record("help closed"); return }
        #expect(bottom > 1)
        _ = dashboard.handle(.key(.pageDown))
        #expect(dashboard.state.overlay == .help(scroll: bottom))
        dashboard.type("b")  // unbound in help: ignored
        #expect(dashboard.state.environment.bandwidthMbps == 18.88)
        #expect(dashboard.handle(.key(.escape)) == .redraw)
        #expect(dashboard.state.overlay == .none)
    }

    @Test func escapeAndQQuitFromTheMainView() throws {
        var dashboard = try dashboard()
        #expect(dashboard.handle(.key(.escape)) == .quit)
        #expect(dashboard.handle(.key(.character("q"))) == .quit)
        #expect(dashboard.handle(.key(.function(10))) == .quit)
    }

    @Test func unboundKeysSaySo() throws {
        var dashboard = try dashboard()
        #expect(dashboard.handle(.key(.character("Z"))) == .redraw)
        #expect(dashboard.state.status?.text.contains("? lists every key") == true)
        #expect(dashboard.handle(.key(.tab)) == .redraw)
    }

    @Test func themesCycle() throws {
        var dashboard = try dashboard()
        var names: [String] = []
        for _ in 0..<5 {
            dashboard.type("t")
            names.append(dashboard.state.themeName)
            #expect(dashboard.state.status?.kind == .info)
        }
        #expect(names == ["colorblind", "high-contrast", "light", "mono", "default"])
    }

    @Test func resizeIsRememberedForClicksAndPaging() throws {
        var dashboard = try dashboard()
        #expect(dashboard.handle(.resize(width: 33, height: 7)) == .redraw)
        #expect(dashboard.state.width == 33 && dashboard.state.height == 7)
        #expect(dashboard.handle(.mouseClick(x: 5, y: 3)) == .none)
    }
}

/// A knob step plans the current algorithm at once and the rest of the comparison on the
/// ticks that follow; idle, nothing ticks.
@Suite struct BackgroundPlanningTests {
    @Test func theComparisonCatchesUpOnTicks() throws {
        var dashboard = try Fixtures.dashboard()
        #expect(!dashboard.wantsTicks)
        _ = dashboard.handle(.key(.character("B")))
        #expect(dashboard.derived.plans.isFresh(.joint) && dashboard.derived.plans.isFresh(.partitionOnly))
        #expect(dashboard.wantsTicks)
        #expect(dashboard.derived.plans.pending == [.local, .cloud, .scheduleOnly, .exact, .layerLevel])
        // Stale bars are still drawn, dimmed.
        _ = dashboard.render(width: 120, height: 40)
        var ticks = 0
        while dashboard.derived.hasPendingPlans && ticks < 20 {
            #expect(dashboard.handle(.tick(elapsedMs: 33)) == .redraw)
            ticks += 1
        }
        #expect(ticks == 5)
        #expect(dashboard.derived.plans.pending.isEmpty)
        // The marks on the cuts that moved fade after a moment, then nothing ticks.
        var fading = 0
        while dashboard.wantsTicks && fading < 200 {
            _ = dashboard.handle(.tick(elapsedMs: 33))
            fading += 1
        }
        #expect(!dashboard.wantsTicks)
        #expect(dashboard.state.changedCuts.isEmpty)
        #expect(dashboard.handle(.tick(elapsedMs: 33)) == .none)
    }

    @Test func choosingAnAlgorithmFinishesTheComparisonFirst() throws {
        var dashboard = try Fixtures.dashboard()
        _ = dashboard.handle(.key(.character("1")))
        _ = dashboard.handle(.key(.character("a")))
        #expect(dashboard.derived.plans.pending.isEmpty)
        #expect(dashboard.state.algorithm == .exact)
        #expect(!dashboard.wantsTicks)
    }
}

/// `v`'s third view: a run measured by offload-testbed (`--measured`).
@Suite struct MeasuredViewTests {
    /// A measured run of `dashboard`'s current plan, every time × `factor`.
    func measured(of dashboard: Dashboard, factor: Double) throws -> MeasuredRun {
        let plan = try #require(dashboard.derived.plan(dashboard.state))
        let scenario = dashboard.state.scenario
        return MeasuredRun(file: "run.json", pieces: plan.segments.map {
            MeasuredRun.Piece(lane: $0.lane, job: scenario.jobs[$0.job].id, startMs: $0.startMs * factor, endMs: $0.endMs * factor,
                              plannedStartMs: $0.startMs, plannedEndMs: $0.endMs)
        })
    }

    func dashboard(_ name: String, measuredBy factor: Double) throws -> Dashboard {
        let probe = try Fixtures.dashboard(name)
        var options = Fixtures.options()
        options.measured = try measured(of: probe, factor: factor)
        return try Fixtures.dashboard(name, options: options)
    }

    @Test func vCyclesPlannedRealisedMeasured() throws {
        var plain = try dashboard("default", measuredBy: 1.2)
        let planned = try #require(plain.derived.planned?.makespanMs)
        #expect(abs((plain.derived.measured?.makespanMs ?? 0) - planned * 1.2) < 1e-9)
        plain.type("v")
        #expect(plain.state.showMeasured && !plain.state.showRealised)
        #expect(plain.derived.shown(plain.state)?.makespanMs == plain.derived.measured?.makespanMs)
        #expect(plain.state.status?.text.contains("measured run (run.json)") == true)
        let frame = plain.render(width: 120, height: 40).text
        #expect(frame.contains("ms measured") && frame.contains("  planned "))
        plain.type("v")
        #expect(!plain.state.showMeasured && !plain.state.showRealised)

        var traced = try dashboard("commute-handover", measuredBy: 1.0)
        traced.type("v")
        #expect(traced.state.showRealised && !traced.state.showMeasured)
        traced.type("v")
        #expect(traced.state.showMeasured && !traced.state.showRealised)
        traced.type("v")
        #expect(!traced.state.showMeasured && !traced.state.showRealised)
    }

    @Test func anotherPlanHasNoMeasuredTimeline() throws {
        var dashboard = try dashboard("default", measuredBy: 1.0)
        #expect(dashboard.derived.measured != nil)
        // A slower link changes the plan's times: the run was not measured for it.
        dashboard.type("b")
        dashboard.settle()
        #expect(dashboard.derived.measured == nil)
        #expect(dashboard.derived.measuredMismatch?.contains("run.json") == true)
        dashboard.type("v")
        #expect(dashboard.state.showMeasured)
        #expect(dashboard.derived.shown(dashboard.state)?.makespanMs == dashboard.derived.planned?.makespanMs)
        let frame = dashboard.render(width: 120, height: 40).text
        #expect(frame.contains("measured: not of this plan"))
    }
}
