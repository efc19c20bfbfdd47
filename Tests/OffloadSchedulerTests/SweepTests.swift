import OffloadModel
import Testing
@testable import OffloadScheduler

/// The bandwidth sweep: log-spaced points, and curves of the optimising algorithms that
/// never rise (docs/FORMATS.md, "Sweep output").
@Suite struct SweepTests {
    @Test func bandwidthsAreLogSpacedWithBothEnds() {
        let points = Sweep.logSpaced(from: 1, to: 1000, steps: 4)
        #expect(points.count == 4)
        #expect(points.first == 1 && points.last == 1000)
        for (value, expected) in zip(points, [1.0, 10, 100, 1000]) { #expect(abs(value / expected - 1) < 1e-12) }
        #expect(Sweep.logSpaced(from: 5, to: 5, steps: 3) == [5, 5, 5])
        #expect(Sweep.logSpaced(from: 2, to: 8, steps: 1) == [2])
    }

    @Test func theDefaultRangeHoldsTheBandwidth() {
        for bandwidth in [1e-6, 0.003, 1, 18.88, 999, 5000, 1e6] {
            let (low, high) = Sweep.defaultRange(around: bandwidth)
            #expect(low <= bandwidth && bandwidth <= high, "\(bandwidth): \(low)...\(high)")
            #expect(low >= 1e-6 && high <= 1e6)
        }
    }

    /// On random scenarios, chains and DAGs, with and without latency: the curves of joint,
    /// exact and layer-level never rise; no value is below the best job-level plan there
    /// (brute force) for joint and exact, and exact is that optimum at every point.
    @Test func optimisingCurvesNeverRiseOnRandomScenarios() throws {
        var random = SplitMix64(seed: 1313)
        for round in 0..<24 {
            let scenario = PlannerPropertyTests.randomScenario(&random, jobs: random.integer(1...4), models: 2, chain: round % 2 == 0)
            let planner = Planner(scenario: scenario)
            let low = random.uniform(0.2...5), high = low * random.uniform(20...2000)
            var sweep = Sweep(planner: planner, environment: scenario.environment, algorithms: Algorithm.allCases,
                              bandwidths: Sweep.logSpaced(from: low, to: high, steps: 12))
            sweep.computeAll()
            #expect(sweep.points.count == 12)
            for algorithm in Sweep.monotone {
                var previous = Double.infinity
                for index in sweep.points.indices {
                    let value = try #require(sweep.makespan(algorithm, at: index), "round \(round): \(algorithm) has no value")
                    #expect(value <= previous, "round \(round): \(algorithm) rises at point \(index): \(previous) → \(value)")
                    previous = value
                }
            }
            for (index, point) in sweep.points.enumerated() {
                var environment = scenario.environment
                environment.bandwidthMbps = point.bandwidthMbps
                let optimum = PlannerPropertyTests.bruteForce(planner, environment)
                let joint = try #require(sweep.makespan(.joint, at: index))
                let exact = try #require(sweep.makespan(.exact, at: index))
                #expect(joint >= optimum * (1 - 1e-9), "round \(round): joint \(joint) below the optimum \(optimum)")
                #expect(abs(exact - optimum) <= 1e-9 * optimum, "round \(round): exact \(exact), optimum \(optimum)")
                // Never worse than what the algorithm plans at that bandwidth by itself.
                for algorithm in Sweep.monotone {
                    let own = try planner.plan(algorithm, in: environment).makespanMs
                    #expect(try #require(sweep.makespan(algorithm, at: index)) <= own * (1 + 1e-12))
                }
            }
        }
    }

    /// A plan carried from a lower bandwidth takes over when the algorithm's own plan at a
    /// higher bandwidth is worse: the sweep is the running best, point by point.
    @Test func carriedPlansAreRescheduledAtTheHigherBandwidth() throws {
        var random = SplitMix64(seed: 77)
        let scenario = PlannerPropertyTests.randomScenario(&random, jobs: 3, models: 2, chain: true)
        let planner = Planner(scenario: scenario)
        var sweep = Sweep(planner: planner, environment: scenario.environment, algorithms: [.joint],
                          bandwidths: [4, 2, 8])
        #expect(sweep.bandwidths == [2, 4, 8])
        sweep.computeAll()
        var environment = scenario.environment
        environment.bandwidthMbps = 2
        let first = try planner.plan(.joint, in: environment)
        for index in 1..<3 {
            environment.bandwidthMbps = sweep.bandwidths[index]
            let carried = Pipeline.makespan(order: first.order, times: first.cuts.map { $0.stageTimes(in: environment) })
            #expect(try #require(sweep.makespan(.joint, at: index)) <= carried)
        }
    }
}
