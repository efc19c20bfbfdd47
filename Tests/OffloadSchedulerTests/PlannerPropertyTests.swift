import OffloadModel
import Testing
@testable import OffloadScheduler
import OffloadTestSupport

/// The planner's algorithms against brute force and each other on seeded random scenarios.
@Suite struct PlannerPropertyTests {
    /// A random model: a chain, or a small DAG where layers read one or two earlier layers.
    static func randomModel(_ random: inout SplitMix64, layers: Int, chain: Bool) -> ModelGraph {
        var list: [Layer] = []
        for index in 0..<layers {
            let inputs = RandomInstances.inputs(of: index, chain: chain) {
                var inputs = ["l\(random.integer(0...(index - 1)))"]
                if random.chance(0.3) { inputs.append(random.chance(0.5) ? "input" : "l\(random.integer(0...(index - 1)))") }
                return inputs
            }
            list.append(Layer(name: "l\(index)", inputs: Array(Set(inputs)).sorted(), deviceMs: random.uniform(0.5...30),
                              cloudMs: random.uniform(0.05...6), outputBytes: random.integer(1_000...120_000)))
        }
        // Valid by construction: inputs name earlier layers.
        return (try? ModelGraph(name: "m", inputBytes: random.integer(20_000...150_000), layers: list))
            ?? (try? ModelGraph(name: "m", inputBytes: 1, layers: [Layer(name: "a", inputs: ["input"], deviceMs: 1, cloudMs: 1, outputBytes: 1)]))!
    }

    static func randomScenario(_ random: inout SplitMix64, jobs: Int, models: Int, chain: Bool) -> Scenario {
        let graphs = (0..<models).map { _ in randomModel(&random, layers: random.integer(2...6), chain: chain) }
        let environment = RandomInstances.plannerEnvironment(&random)
        return Scenario(name: "random", environment: environment, models: graphs,
                        jobs: (0..<jobs).map { Job(id: "j\($0)", modelIndex: random.integer(0...(models - 1))) })
    }

    /// The best makespan over every candidate of every job and every order.
    static func bruteForce(_ planner: Planner, _ environment: Environment) -> Double {
        let times = planner.candidateTimes(in: environment)
        let options = planner.scenario.jobs.map { times[$0.modelIndex] }
        return BruteForce.bestPlan(options)
    }

    @Test func exactEqualsBruteForceOverTheCandidates() throws {
        try Self.expectBruteForceOptimum(.exact, seed: 11, jobs: 1...4, models: 2) { $0 % 2 == 0 }
    }

    @Test func jointIsOptimalOnHomogeneousChains() throws {
        try Self.expectBruteForceOptimum(.joint, seed: 12, jobs: 2...5, models: 1) { _ in true }
    }

    /// 40 rounds of random scenarios (chains in the rounds `chain` picks): `algorithm`'s
    /// makespan is brute force's over the candidate cuts.
    static func expectBruteForceOptimum(_ algorithm: Algorithm, seed: UInt64, jobs: ClosedRange<Int>, models: Int,
                                        chain: (Int) -> Bool, sourceLocation: SourceLocation = #_sourceLocation) throws {
        var random = SplitMix64(seed: seed)
        for round in 0..<40 {
            let scenario = randomScenario(&random, jobs: random.integer(jobs), models: models, chain: chain(round))
            let planner = Planner(scenario: scenario)
            let plan = try planner.plan(algorithm, in: scenario.environment)
            let best = bruteForce(planner, scenario.environment)
            #expect(abs(plan.makespanMs - best) <= 1e-9 * max(1, best), "round \(round)", sourceLocation: sourceLocation)
        }
    }

    @Test func jointIsNearOptimalAndNeverWorseThanTheBaselines() throws {
        var random = SplitMix64(seed: 13)
        var within1Percent = 0
        let rounds = 60
        for round in 0..<rounds {
            let scenario = Self.randomScenario(&random, jobs: random.integer(3...8), models: 3, chain: round % 3 == 0)
            let planner = Planner(scenario: scenario)
            let environment = scenario.environment
            let joint = try planner.plan(.joint, in: environment)
            let exact = try planner.plan(.exact, in: environment)
            for baseline in [Algorithm.local, .cloud, .partitionOnly, .scheduleOnly] {
                #expect(joint.makespanMs <= (try planner.plan(baseline, in: environment)).makespanMs + 1e-9)
            }
            #expect(exact.makespanMs <= joint.makespanMs + 1e-9)
            #expect(joint.makespanMs <= exact.makespanMs * 1.03, "round \(round)")
            if joint.makespanMs <= exact.makespanMs * 1.01 { within1Percent += 1 }
        }
        #expect(Double(within1Percent) >= 0.95 * Double(rounds))
    }

    @Test func everyPlanIsFeasibleAndRespectsTheBound() throws {
        var random = SplitMix64(seed: 14)
        for round in 0..<30 {
            let scenario = Self.randomScenario(&random, jobs: random.integer(1...9), models: 3, chain: round % 2 == 0)
            let planner = Planner(scenario: scenario)
            for algorithm in Algorithm.allCases {
                guard let plan = try? planner.plan(algorithm, in: scenario.environment) else { continue }
                if algorithm == .layerLevel {
                    let layerJobs = planner.layerJobs(cuts: plan.cuts)
                    let segments = plan.segments.map { segment in
                        guard case let .items(items) = segment.work else {
                            return LayerSegment(lane: segment.lane, job: segment.job, startMs: segment.startMs, endMs: segment.endMs, items: [])
                        }
                        return LayerSegment(lane: segment.lane, job: segment.job, startMs: segment.startMs, endMs: segment.endMs, items: items)
                    }
                    #expect(LayerFeasibility.violations(jobs: layerJobs, speeds: scenario.environment, segments: segments).isEmpty,
                            "layer-level round \(round)")
                    #expect(plan.makespanMs <= (try planner.plan(.joint, in: scenario.environment)).makespanMs + 1e-9)
                } else {
                    #expect(plan.times == plan.cuts.map { $0.stageTimes(in: scenario.environment) })
                    #expect(Feasibility.violations(segments: plan.segments, times: plan.times, order: plan.order).isEmpty,
                            "\(algorithm) round \(round)")
                }
                #expect(plan.lowerBoundMs <= plan.makespanMs + 1e-9)
                #expect(plan.cuts.indices.allSatisfy { scenario.model(ofJob: $0).cut(onDevice: plan.cuts[$0].onDevice) != nil })
            }
        }
    }

    @Test func scheduleOnlyKeepsPartitionOnlysCutsAndNeverLosesToIt() throws {
        var random = SplitMix64(seed: 15)
        for _ in 0..<30 {
            let scenario = Self.randomScenario(&random, jobs: random.integer(2...9), models: 3, chain: false)
            let planner = Planner(scenario: scenario)
            let fifo = try planner.plan(.partitionOnly, in: scenario.environment)
            let ordered = try planner.plan(.scheduleOnly, in: scenario.environment)
            #expect(fifo.cuts == ordered.cuts)
            #expect(ordered.makespanMs <= fifo.makespanMs + 1e-9)
        }
    }

    @Test func exactRefusesBeyondItsSizeWithAClearMessage() {
        var random = SplitMix64(seed: 16)
        let scenario = Self.randomScenario(&random, jobs: 13, models: 2, chain: true)
        #expect(throws: PlanError.self) { try Planner(scenario: scenario).plan(.exact, in: scenario.environment) }
        do {
            _ = try Planner(scenario: scenario).plan(.exact, in: scenario.environment)
        } catch {
            // The typed cause says joint can plan it; each front end words that itself.
            #expect(error.description.contains("13 jobs") && error.cause == .tooManyJobs(jobs: 13, maximum: 12))
            #expect(error.cause.jointCanPlan)
        }
    }
}
