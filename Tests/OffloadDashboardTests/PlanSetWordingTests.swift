import OffloadModel
import OffloadScheduler
import Testing
@testable import OffloadDashboard

/// The dashboard words its own remedy for a refused algorithm (a key, never a flag), and
/// plans with the interactive effort.
@Suite struct PlanSetWordingTests {
    static func planner(jobs: Int) throws -> Planner {
        let model = try ModelGraph(name: "m", inputBytes: 100, layers: [
            Layer(name: "a", inputs: ["input"], deviceMs: 1, cloudMs: 0.1, outputBytes: 50),
        ])
        return Planner(scenario: Scenario(name: "s", environment: Environment(bandwidthMbps: 10), models: [model],
                                          jobs: (0..<jobs).map { Job(id: "j\($0)", modelIndex: 0) }))
    }

    @Test func aRefusalNamesTheKeyNotTheFlag() throws {
        let planner = try Self.planner(jobs: ExactSolver.maximumJobs + 1)
        let plans = PlanSet(planner: planner, environment: planner.scenario.environment, now: [.exact, .joint])
        #expect(plans.failure(.exact) == "exact search refused 13 jobs: it handles at most 12; joint plans it (a)")
        #expect(plans.failure(.joint) == nil)
    }
}
