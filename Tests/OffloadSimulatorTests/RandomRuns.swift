import OffloadModel
import OffloadScheduler
@testable import OffloadSimulator
import OffloadTestSupport

/// The random rounds the simulator's suites share.
enum RandomRuns {
    /// `rounds` random scenarios (seeded by `seed`), each with a random trace: `body` gets
    /// the scenario, its environment with the trace, and the plan of each algorithm that
    /// plans it (planned without the trace).
    static func plannedUnderTraces(seed: UInt64, rounds: Int,
                                   _ body: (Scenario, Environment, Algorithm, Plan) throws -> Void) throws {
        var rng = SplitMix64(seed: seed)
        for _ in 0..<rounds {
            let scenario = RandomInstances.scenario(&rng)
            var environment = scenario.environment
            environment.bandwidthTrace = RandomInstances.trace(&rng)
            let planner = Planner(scenario: scenario)
            for algorithm in Algorithm.allCases {
                guard let plan = try? planner.plan(algorithm, in: scenario.environment) else { continue }
                try body(scenario, environment, algorithm, plan)
            }
        }
    }

    /// `rounds` random scenarios, each with a random trace and a plan made by `makePlan`,
    /// played under the trace: `body` gets the plan, the timeline and the environment.
    static func playedUnderTraces(seed: UInt64, rounds: Int, plan makePlan: (Scenario, inout SplitMix64) -> Plan,
                                  _ body: (Scenario, Environment, Plan, Timeline) throws -> Void) throws {
        var rng = SplitMix64(seed: seed)
        for _ in 0..<rounds {
            let scenario = RandomInstances.scenario(&rng)
            var environment = scenario.environment
            environment.bandwidthTrace = RandomInstances.trace(&rng)
            let plan = makePlan(scenario, &rng)
            try body(scenario, environment, plan, try Simulator.play(plan: plan, scenario: scenario, environment: environment))
        }
    }

    /// A layer-level plan built by hand over random cuts of `scenario`'s jobs
    /// (`LayerLevelPlan.handBuilt`), and its play on the scenario's constant link.
    static func handBuiltPlay(_ scenario: Scenario, _ rng: inout SplitMix64) throws -> (cuts: [Cut], plan: Plan, timeline: Timeline) {
        let cuts = scenario.jobs.indices.map { RandomInstances.cut(scenario.model(ofJob: $0), &rng) }
        let plan = LayerLevelPlan.handBuilt(scenario: scenario, cuts: cuts, environment: scenario.environment)
        return (cuts, plan, try Simulator.play(plan: plan, scenario: scenario, environment: scenario.environment))
    }
}
