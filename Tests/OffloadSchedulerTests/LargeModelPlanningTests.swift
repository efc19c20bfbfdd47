import OffloadModel
import Testing
@testable import OffloadScheduler

/// Models far larger than the bundled ones go through the whole planner. (Not timed: the
/// time is `offload bench`'s business, case candidates-random-1000.)
@Suite struct LargeModelPlanningTests {
    /// A 1,000-layer randomly wired model (each layer reads one to three of the ten before
    /// it), whose cost hull is too large to enumerate within the budget: every algorithm
    /// plans it, with closed cuts from the candidates and feasible charts.
    @Test func plansA1000LayerRandomlyWiredModel() throws {
        let model = SyntheticGraphs.randomlyWiredModel(layers: 1_000, seed: 2026)
        let graph = CandidateCuts.cutGraph(of: model)
        let scenario = Scenario(name: "randomly wired", environment: Environment(bandwidthMbps: 200, latencyMs: 1), models: [model],
                                jobs: (0..<6).map { Job(id: "j\($0)", modelIndex: 0) })
        let planner = Planner(scenario: scenario)
        let candidates = try #require(planner.candidates.first)
        #expect(candidates.count > model.layers.count / 2)
        #expect(candidates.contains { $0.deviceLayerCount == 0 })
        for algorithm in Algorithm.allCases {
            let plan = try planner.plan(algorithm, in: scenario.environment)
            #expect(plan.cuts.count == scenario.jobs.count, "\(algorithm)")
            #expect(plan.makespanMs.isFinite && plan.makespanMs > 0, "\(algorithm)")
            #expect(plan.lowerBoundMs <= plan.makespanMs * (1 + 1e-9), "\(algorithm)")
            for cut in plan.cuts {
                #expect(graph.isClosed(onDevice: cut.onDevice), "\(algorithm)")
                #expect(graph.profile(onDevice: cut.onDevice) == cut, "\(algorithm)")
            }
            if algorithm != .layerLevel {
                #expect(Feasibility.violations(segments: plan.segments, times: plan.times, order: plan.order).isEmpty, "\(algorithm)")
            }
        }
        // Joint is never worse than planning each job alone.
        let joint = try planner.plan(.joint, in: scenario.environment)
        let partitionOnly = try planner.plan(.partitionOnly, in: scenario.environment)
        #expect(joint.makespanMs <= partitionOnly.makespanMs * (1 + 1e-9))
    }
}
