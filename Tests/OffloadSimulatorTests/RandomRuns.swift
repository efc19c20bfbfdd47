import OffloadModel
import Testing
import OffloadScheduler
@testable import OffloadSimulator
import OffloadTestSupport

/// The random rounds the simulator's suites share.
enum RandomRuns {
    /// `rounds` random scenarios (seeded by `seed`), each with a random trace: `body` gets
    /// the scenario, its environment with the trace, and the generator.
    static func underTraces(seed: UInt64, rounds: Int,
                            _ body: (Scenario, Environment, inout SplitMix64) throws -> Void) throws {
        var rng = SplitMix64(seed: seed)
        for _ in 0..<rounds {
            let scenario = RandomInstances.scenario(&rng)
            var environment = scenario.environment
            environment.bandwidthTrace = RandomInstances.trace(&rng)
            try body(scenario, environment, &rng)
        }
    }

    /// ``underTraces(seed:rounds:_:)`` with the plan of each algorithm that plans the
    /// scenario (planned without the trace).
    static func plannedUnderTraces(seed: UInt64, rounds: Int,
                                   _ body: (Scenario, Environment, Algorithm, Plan) throws -> Void) throws {
        try underTraces(seed: seed, rounds: rounds) { scenario, environment, _ in
            let planner = Planner(scenario: scenario)
            for algorithm in Algorithm.allCases {
                guard let plan = try? planner.plan(algorithm, in: scenario.environment) else { continue }
                try body(scenario, environment, algorithm, plan)
            }
        }
    }

    /// ``underTraces(seed:rounds:_:)`` with a plan made by `makePlan`, played under the
    /// trace: `body` gets the plan and the timeline too.
    static func playedUnderTraces(seed: UInt64, rounds: Int, plan makePlan: (Scenario, inout SplitMix64) -> Plan,
                                  _ body: (Scenario, Environment, Plan, Timeline) throws -> Void) throws {
        try underTraces(seed: seed, rounds: rounds) { scenario, environment, rng in
            let plan = makePlan(scenario, &rng)
            try body(scenario, environment, plan, try Simulator.play(plan: plan, scenario: scenario, environment: environment))
        }
    }

    /// `rounds` scenarios made by `makeScenario`, each with a layer-level plan built by
    /// hand over random cuts of its jobs (`LayerLevelPlan.handBuilt`), which must replay
    /// exactly on the scenario's constant link; `body` checks the rest.
    static func handBuiltPlays(seed: UInt64, rounds: Int, scenario makeScenario: (inout SplitMix64) -> Scenario,
                               _ body: (Scenario, [Cut], Plan, Timeline) throws -> Void) throws {
        var rng = SplitMix64(seed: seed)
        for _ in 0..<rounds {
            let scenario = makeScenario(&rng)
            let cuts = scenario.jobs.indices.map { RandomInstances.cut(scenario.model(ofJob: $0), &rng) }
            let plan = LayerLevelPlan.handBuilt(scenario: scenario, cuts: cuts, environment: scenario.environment)
            let timeline = try Simulator.play(plan: plan, scenario: scenario, environment: scenario.environment)
            #expect(timeline.segments == plan.segments)
            #expect(timeline.makespanMs == plan.makespanMs)
            try body(scenario, cuts, plan, timeline)
        }
    }
}
