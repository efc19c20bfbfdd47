import Testing
import OffloadModel
import OffloadScheduler
@testable import OffloadSimulator
import OffloadTestSupport

@Suite struct JitterTests {
    static func setting(_ seed: UInt64) -> (Scenario, Plan, Environment) {
        var rng = SplitMix64(seed: seed)
        let scenario = RandomInstances.scenario(&rng)
        var environment = scenario.environment
        environment.bandwidthTrace = RandomInstances.trace(&rng)
        return (scenario, Bool.random(using: &rng) ? RandomInstances.jobLevelPlan(scenario, &rng) : RandomInstances.layerLevelPlan(scenario, &rng), environment)
    }

    @Test func theSameSeedGivesTheSameTimelineBitForBit() throws {
        for seed in 1...40 as ClosedRange<UInt64> {
            let (scenario, plan, environment) = Self.setting(seed)
            let options = SimulationOptions(jitter: Jitter(percent: 15, seed: seed * 31))
            let first = try Simulator.play(plan: plan, scenario: scenario, environment: environment, options: options)
            let second = try Simulator.play(plan: plan, scenario: scenario, environment: environment, options: options)
            #expect(first.segments == second.segments)
            #expect(first.makespanMs.bitPattern == second.makespanMs.bitPattern)
            #expect(first.criticalPath == second.criticalPath)
        }
    }

    @Test func otherSeedsGiveOtherTimelines() throws {
        let (scenario, plan, environment) = Self.setting(3)
        var makespans = Set<Double>()
        for seed in 0..<10 as Range<UInt64> {
            let options = SimulationOptions(jitter: Jitter(percent: 20, seed: seed))
            makespans.insert(try Simulator.play(plan: plan, scenario: scenario, environment: environment, options: options).makespanMs)
        }
        #expect(makespans.count > 5)
    }

    @Test func zeroJitterIsNoJitter() throws {
        for seed in 1...20 as ClosedRange<UInt64> {
            let (scenario, plan, environment) = Self.setting(seed)
            let plain = try Simulator.play(plan: plan, scenario: scenario, environment: environment)
            let zero = try Simulator.play(plan: plan, scenario: scenario, environment: environment,
                                          options: SimulationOptions(jitter: Jitter(percent: 0, seed: 99)))
            #expect(plain.segments == zero.segments)
        }
    }

    @Test func everyDurationStaysWithinTheFactorRange() throws {
        var rng = SplitMix64(seed: 12)
        for _ in 0..<40 {
            let scenario = RandomInstances.scenario(&rng)
            let plan = RandomInstances.jobLevelPlan(scenario, &rng)
            let environment = scenario.environment  // constant: a transfer scales with its factor too
            let jittered = try Simulator.play(plan: plan, scenario: scenario, environment: environment,
                                              options: SimulationOptions(jitter: Jitter(percent: 10, seed: 5)))
            let nominal = try Simulator.play(plan: plan, scenario: scenario, environment: environment)
            for (a, b) in zip(jittered.segments, nominal.segments) where b.durationMs > 0 {
                let ratio = a.durationMs / b.durationMs
                #expect(ratio >= 0.9 - 1e-9 && ratio <= 1.1 + 1e-9)
            }
        }
    }

    @Test func factorsAreUniformInTheRangeAndDependOnTheirKeyAlone() {
        let jitter = Jitter(percent: 25, seed: 42)
        var sum = 0.0
        for job in 0..<2000 {
            let factor = jitter.factor(job: job, lane: .uplink, ordinal: 0)
            #expect(factor >= 0.75 && factor < 1.25)
            sum += factor
        }
        #expect(abs(sum / 2000 - 1) < 0.02)
        #expect(jitter.factor(job: 3, lane: .cloud, ordinal: 2) == Jitter(percent: 25, seed: 42).factor(job: 3, lane: .cloud, ordinal: 2))
        #expect(jitter.factor(job: 3, lane: .cloud, ordinal: 2) != jitter.factor(job: 3, lane: .device, ordinal: 2))
    }

    @Test func jitterRunsUseConsecutiveSeeds() throws {
        let (scenario, plan, environment) = Self.setting(8)
        let runs = try Simulator.jitterRuns(plan: plan, scenario: scenario, environment: environment,
                                            percent: 10, firstSeed: 7, count: 4, replan: false)
        #expect(runs.map(\.seed) == [7, 8, 9, 10])
        let third = try Simulator.play(plan: plan, scenario: scenario, environment: environment,
                                       options: SimulationOptions(jitter: Jitter(percent: 10, seed: 9)))
        #expect(runs[2].makespanMs == third.makespanMs)
        #expect(runs.allSatisfy { $0.staticMakespanMs == nil })
    }

    @Test func distributionSummaries() throws {
        let distribution = try #require(MakespanDistribution([5, 1, 4, 2, 3, 10, 7, 6, 9, 8]))
        #expect(distribution.minMs == 1 && distribution.maxMs == 10)
        #expect(distribution.medianMs == 5.5)
        #expect(distribution.p95Ms == 10)  // nearest rank: ceil(0.95 × 10) = 10th
        let twenty = try #require(MakespanDistribution((1...20).map(Double.init)))
        #expect(twenty.p95Ms == 19 && twenty.medianMs == 10.5)
        #expect(MakespanDistribution([3])?.p95Ms == 3)
        #expect(MakespanDistribution([]) == nil)
    }
}
