import Testing
import OffloadModel
import OffloadScheduler
@testable import OffloadSimulator
import OffloadTestSupport

/// Random plans under random traces: lanes never overlap and keep the plan's order,
/// work starts as soon as its lane and inputs allow and never before, every transfer
/// moves exactly its bytes, every duration is the cost model's (see `TimelineCheck`).
@Suite struct InvariantTests {
    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func randomJobLevelPlansUnderRandomTraces(seed: UInt64) throws {
        try RandomRuns.playedUnderTraces(seed: seed, rounds: 150, plan: RandomInstances.jobLevelPlan) { scenario, environment, plan, timeline in
            #expect(TimelineCheck.violations(timeline, plan: plan, scenario: scenario, environment: environment) == [])
        }
    }

    @Test(arguments: [5, 6, 7, 8] as [UInt64])
    func randomLayerLevelPlansUnderRandomTraces(seed: UInt64) throws {
        try RandomRuns.playedUnderTraces(seed: seed, rounds: 150, plan: RandomInstances.layerLevelPlan) { scenario, environment, plan, timeline in
            #expect(TimelineCheck.violations(timeline, plan: plan, scenario: scenario, environment: environment) == [])
        }
    }

    @Test func plannersPlansUnderRandomTraces() throws {
        try RandomRuns.plannedUnderTraces(seed: 9, rounds: 80) { scenario, environment, algorithm, plan in
            let timeline = try Simulator.play(plan: plan, scenario: scenario, environment: environment)
            #expect(TimelineCheck.violations(timeline, plan: plan, scenario: scenario, environment: environment) == [], "\(algorithm)")
        }
    }

    @Test func handBuiltLayerLevelPlansAreFeasibleAndExactOnAConstantLink() throws {
        try RandomRuns.handBuiltPlays(seed: 10, rounds: 100, scenario: RandomInstances.scenario) { scenario, _, plan, timeline in
            #expect(TimelineCheck.violations(timeline, plan: plan, scenario: scenario, environment: scenario.environment) == [])
        }
    }
}
