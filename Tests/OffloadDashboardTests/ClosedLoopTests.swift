import Foundation
import OffloadModel
import OffloadScheduler
import Testing
@testable import OffloadDashboard

/// `apply` is pure and `refresh` only reads the state: what each needs from outside comes
/// in as a value (`Viewport`), and what each wants done goes out as one (`FileRequest`,
/// `Derived.Notes`).
@Suite struct ClosedLoopTests {
    @Test func refreshComputesForTheFallbackAndLeavesTheChoiceToTheCaller() throws {
        var options = Fixtures.options()
        options.algorithm = .exact
        let scenario = try Fixtures.scenario("phone-camera-burst-4g")
        let state = DashboardState(scenario: scenario, scenarioPath: nil, options: options, themes: ThemeCatalog(folder: nil), theme: BuiltinTheme.dark)
        var derived = Derived(state: state)
        let notes = derived.refresh(.simulation, state: state)
        #expect(state.algorithm == .exact)
        #expect(notes.fellBackTo == .joint)
        #expect(notes.planFailure?.hasPrefix("exact") == true)
        let joint = try Planner(scenario: scenario).plan(.joint, in: scenario.environment)
        #expect(derived.planned?.makespanMs == joint.makespanMs, "the timeline played is joint's")
    }

    @Test func savingAsksForTheFileCheckInsteadOfMakingIt() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/taken.json"
        #expect(FileManager.default.createFile(atPath: path, contents: Data("{}".utf8)))
        let dashboard = try Fixtures.dashboard()
        var state = dashboard.state
        state.overlay = .save(SavePrompt(field: path))
        let viewport = Viewport()
        #expect(state.apply(.dialogConfirm, derived: dashboard.derived, viewport: viewport).request == .saveScenario(path, then: nil, replacing: false))
        #expect(state.overlay == .save(SavePrompt(field: path)), "apply does not look at the file system")
        state.saveTargetExists(path)
        #expect(state.status?.text.contains("exists") == true)
        #expect(state.apply(.dialogConfirm, derived: dashboard.derived, viewport: viewport).request == .saveScenario(path, then: nil, replacing: true))
        // Another path typed: asked again.
        _ = state.apply(.dialogInsert("x"), derived: dashboard.derived, viewport: viewport)
        #expect(state.apply(.dialogConfirm, derived: dashboard.derived, viewport: viewport).request == .saveScenario(path + "x", then: nil, replacing: false))
        // Tab asks for the completion; the answer comes back through pathCompleted.
        #expect(state.apply(.dialogComplete, derived: dashboard.derived, viewport: viewport).request == .completePath(path + "x"))
        state.pathCompleted(path + "x", as: path + "x", candidates: [])
        #expect(state.status?.text == "nothing matches \(path)x")
    }

    @Test func pagesComeFromTheViewport() throws {
        let dashboard = try Fixtures.dashboard()
        var state = dashboard.state
        #expect(state.scenario.jobs.count == 8)
        _ = state.apply(.moveSelection(.pageDown), derived: dashboard.derived, viewport: Viewport(tablePageSize: 3))
        #expect(state.selectedJob == 3)
        _ = state.apply(.moveSelection(.pageDown), derived: dashboard.derived, viewport: Viewport(tablePageSize: 6))
        #expect(state.selectedJob == 7)
        state.overlay = .help(scroll: 0)
        let help = Viewport(helpPageSize: 10, helpLineCount: 25)
        _ = state.apply(.scrollHelp(.pageDown), derived: dashboard.derived, viewport: help)
        #expect(state.overlay == .help(scroll: 10))
        _ = state.apply(.scrollHelp(.last), derived: dashboard.derived, viewport: help)
        #expect(state.overlay == .help(scroll: 15))
        _ = state.apply(.scrollHelp(.next), derived: dashboard.derived, viewport: help)
        #expect(state.overlay == .help(scroll: 15), "the last page shows whole")
        // The dashboard hands apply the layout's numbers at its size.
        let layout = ScreenLayout.viewport(width: 120, height: 40, state: dashboard.state, derived: dashboard.derived)
        #expect(layout.tablePageSize == ScreenLayout(width: 120, height: 40, state: dashboard.state, derived: dashboard.derived).tablePageSize)
        #expect(layout.helpLineCount == HelpWidget.lineCount(width: 120, unicode: true))
    }
}
