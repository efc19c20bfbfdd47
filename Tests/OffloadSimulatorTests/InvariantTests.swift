import Testing
import OffloadModel
import OffloadScheduler
@testable import OffloadSimulator

/// Random plans under random traces: lanes never overlap and keep the plan's order,
/// work starts as soon as its lane and inputs allow and never before, every transfer
/// moves exactly its bytes, every duration is the cost model's (see `TimelineCheck`).
@Suite struct InvariantTests {
    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func randomJobLevelPlansUnderRandomTraces(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        for _ in 0..<150 {
            let scenario = Random.scenario(&rng)
            var environment = scenario.environment
            environment.bandwidthTrace = Random.trace(&rng)
            let plan = Random.jobLevelPlan(scenario, &rng)
            let timeline = try Simulator.play(plan: plan, scenario: scenario, environment: environment)
            #expect(TimelineCheck.violations(timeline, plan: plan, scenario: scenario, environment: environment) == [])
        }
    }

    @Test(arguments: [5, 6, 7, 8] as [UInt64])
    func randomLayerLevelPlansUnderRandomTraces(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        for _ in 0..<150 {
            let scenario = Random.scenario(&rng)
            var environment = scenario.environment
            environment.bandwidthTrace = Random.trace(&rng)
            let plan = Random.layerLevelPlan(scenario, &rng)
            let timeline = try Simulator.play(plan: plan, scenario: scenario, environment: environment)
            #expect(TimelineCheck.violations(timeline, plan: plan, scenario: scenario, environment: environment) == [])
        }
    }

    @Test func plannersPlansUnderRandomTraces() throws {
        var rng = SplitMix64(seed: 9)
        for _ in 0..<80 {
            let scenario = Random.scenario(&rng)
            var environment = scenario.environment
            environment.bandwidthTrace = Random.trace(&rng)
            let planner = Planner(scenario: scenario)
            for algorithm in Algorithm.allCases {
                guard let plan = try? planner.plan(algorithm, in: scenario.environment) else { continue }
                let timeline = try Simulator.play(plan: plan, scenario: scenario, environment: environment)
                #expect(TimelineCheck.violations(timeline, plan: plan, scenario: scenario, environment: environment) == [], "\(algorithm)")
            }
        }
    }

    @Test func handBuiltLayerLevelPlansAreFeasibleAndExactOnAConstantLink() throws {
        var rng = SplitMix64(seed: 10)
        for _ in 0..<100 {
            let scenario = Random.scenario(&rng)
            let cuts = scenario.jobs.indices.map { Random.cut(scenario.model(ofJob: $0), &rng) }
            let plan = LayerLevelPlan.handBuilt(scenario: scenario, cuts: cuts, environment: scenario.environment)
            let timeline = try Simulator.play(plan: plan, scenario: scenario, environment: scenario.environment)
            #expect(timeline.segments == plan.segments)
            #expect(timeline.makespanMs == plan.makespanMs)
            #expect(TimelineCheck.violations(timeline, plan: plan, scenario: scenario, environment: scenario.environment) == [])
        }
    }
}
