import Testing
import OffloadModel
import OffloadScheduler
@testable import OffloadSimulator
import OffloadTestSupport

@Suite struct SimulatorTests {
    /// a reads the input; b and c read a; d reads b and c. At 8 Mbps (8,000 bits/ms)
    /// a's 1,000 bytes take 1 ms, b's 500 bytes 0.5 ms, the 4,000-byte input 4 ms.
    static let diamond = try! ModelGraph(name: "diamond", inputBytes: 4000, layers: [
        Layer(name: "a", inputs: ["input"], deviceMs: 2, cloudMs: 1, outputBytes: 1000),
        Layer(name: "b", inputs: ["a"], deviceMs: 4, cloudMs: 0.5, outputBytes: 500),
        Layer(name: "c", inputs: ["a"], deviceMs: 3, cloudMs: 0.25, outputBytes: 2000),
        Layer(name: "d", inputs: ["b", "c"], deviceMs: 1, cloudMs: 0.5, outputBytes: 10),
    ])
    static let environment = Environment(bandwidthMbps: 8)
    static let pair = Scenario(name: "pair", environment: environment, models: [diamond],
                               jobs: [Job(id: "j0", modelIndex: 0), Job(id: "j1", modelIndex: 0)])

    /// Job j0 runs a and b on the device and sends both; j1 sends its input and runs
    /// everything in the cloud. The lanes interleave the two jobs.
    static func handWrittenLayerLevelPlan(cloud: [Segment]? = nil) -> Plan {
        let cuts = [diamond.cut(onDevice: [true, true, false, false]) ?? diamond.localCut, diamond.cloudCut]
        var plan = Plan(algorithm: .layerLevel, environment: environment, cuts: cuts, order: [0, 1], lowerBoundMs: 0)
        func segment(_ lane: Lane, _ job: Int, _ at: Double, _ items: [Int]) -> Segment {
            Segment(lane: lane, job: job, startMs: at, endMs: at, work: .items(items))
        }
        plan.segments = [
            segment(.device, 0, 0, [0]), segment(.device, 0, 1, [1]),
            segment(.uplink, 1, 0, [Cut.rawInput]), segment(.uplink, 0, 1, [0]), segment(.uplink, 0, 2, [1]),
        ] + (cloud ?? [
            segment(.cloud, 1, 0, [0]), segment(.cloud, 0, 1, [2]), segment(.cloud, 1, 2, [1, 2]),
            segment(.cloud, 0, 3, [3]), segment(.cloud, 1, 4, [3]),
        ])
        return plan
    }

    @Test func handWrittenLayerLevelPlanFollowsTheItems() throws {
        let plan = Self.handWrittenLayerLevelPlan()
        let timeline = try Simulator.play(plan: plan, scenario: Self.pair, environment: Self.environment)
        // device: j0.a 0–2, j0.b 2–6.
        // uplink: j1.input 0–4; j0.a waits for the lane until 4, 4–5; j0.b waits for b, 6–6.5.
        // cloud: j1.a after the input 4–5; j0.c after tensor a 5–5.25; j1.b,c after j1.a
        //        and the lane 5.25–6; j0.d after tensor b 6.5–7; j1.d after the lane 7–7.5.
        let times = timeline.segments.map { [$0.startMs, $0.endMs] }
        #expect(times == [[0, 2], [2, 6], [0, 4], [4, 5], [6, 6.5], [4, 5], [5, 5.25], [5.25, 6], [6.5, 7], [7, 7.5]])
        #expect(timeline.makespanMs == 7.5)
        #expect(timeline.finishMs == [7, 7.5])
        // The critical path: j0.a, j0.b (lane), tensor b (input), j0.d (input), j1.d (lane).
        #expect(timeline.criticalPath.map(\.segment) == [0, 1, 4, 8, 9])
        #expect(timeline.criticalPath.map(\.cause) == [.start, .lane, .input, .input, .lane])
        #expect(TimelineCheck.violations(timeline, plan: plan, scenario: Self.pair, environment: Self.environment).isEmpty)
        // Lane metrics: the device is busy 6 of the 7.5 ms; the uplink idles 5–6 and 6.5–7.5.
        #expect(timeline.metrics(.device).busyMs == 6)
        #expect(timeline.metrics(.device).idleGaps == [IdleGap(startMs: 6, endMs: 7.5)])
        #expect(timeline.metrics(.uplink).idleGaps == [IdleGap(startMs: 5, endMs: 6), IdleGap(startMs: 6.5, endMs: 7.5)])
        #expect(timeline.metrics(.cloud).idleGaps == [IdleGap(startMs: 0, endMs: 4), IdleGap(startMs: 6, endMs: 6.5)])
        #expect(timeline.metrics(.uplink).utilisation == 5.5 / 7.5)
    }

    @Test func laneOrderAgainstTheInputsIsADeadlock() {
        // j0.d is queued on the cloud before j0.c, which it reads.
        func segment(_ job: Int, _ at: Double, _ items: [Int]) -> Segment {
            Segment(lane: .cloud, job: job, startMs: at, endMs: at, work: .items(items))
        }
        let plan = Self.handWrittenLayerLevelPlan(cloud: [segment(1, 0, [0, 1, 2, 3]), segment(0, 1, [3]), segment(0, 2, [2])])
        #expect(throws: SimulationError.deadlock(lane: .cloud, job: "j0")) {
            try Simulator.play(plan: plan, scenario: Self.pair, environment: Self.environment)
        }
    }

    @Test func planThatDoesNotFitIsRefusedWithASentence() {
        func segment(_ job: Int, _ items: [Int]) -> Segment {
            Segment(lane: .cloud, job: job, startMs: 0, endMs: 0, work: .items(items))
        }
        // j1's cloud layers run b before its input a.
        let backwards = Self.handWrittenLayerLevelPlan(cloud: [segment(1, [1, 0, 2, 3]), segment(0, [2, 3])])
        // j0's cloud layer d reads c, which nothing runs or sends.
        let missing = Self.handWrittenLayerLevelPlan(cloud: [segment(1, [0, 1, 2, 3]), segment(0, [3])])
        var tooMany = Self.handWrittenLayerLevelPlan()
        tooMany.segments.append(Segment(lane: .device, job: 7, startMs: 0, endMs: 0, work: .wholeStage))
        for (plan, expected) in [(backwards, #"runs layer "b" before its input layer "a""#),
                                 (missing, #"the cloud layer "d" reads layer "c", which is neither run in the cloud nor sent"#),
                                 (tooMany, "segment 10 names job 7")] {
            do {
                _ = try Simulator.play(plan: plan, scenario: Self.pair, environment: Self.environment)
                Issue.record("accepted a plan that does not fit")
            } catch {
                #expect(error.description.hasPrefix("the plan does not fit the scenario: "))
                #expect(error.description.contains(expected), "\(error)")
            }
        }
    }

    /// docs/FORMATS.md §5: under a constant environment the simulator and the scheduler agree. This
    /// loops over every algorithm the planner offers, so new ones are covered as they come.
    @Test func constantEnvironmentReproducesTheSchedulerForEveryAlgorithm() throws {
        var rng = SplitMix64(seed: 2024)
        var played = Set<Algorithm>()
        for _ in 0..<60 {
            let scenario = RandomInstances.scenario(&rng)
            let planner = Planner(scenario: scenario)
            var environments = [scenario.environment]
            var traced = scenario.environment
            traced.bandwidthTrace = [TracePoint(atMs: 0, mbps: traced.bandwidthMbps), TracePoint(atMs: 3, mbps: traced.bandwidthMbps)]
            environments.append(traced)
            for environment in environments {
                for algorithm in Algorithm.allCases {
                    guard let plan = try? planner.plan(algorithm, in: environment) else { continue }
                    played.insert(algorithm)
                    let timeline = try Simulator.play(plan: plan, scenario: scenario, environment: environment)
                    let jobLevel = plan.segments.allSatisfy { $0.work == .wholeStage }
                    if jobLevel {
                        // Bit for bit: the same arithmetic in the same order.
                        #expect(timeline.makespanMs == plan.makespanMs, "\(algorithm)")
                        #expect(timeline.finishMs == plan.finishMs, "\(algorithm)")
                        #expect(timeline.segments == plan.segments, "\(algorithm)")
                    } else {
                        // A layer-level planner may sum a segment's layers in another order.
                        #expect(abs(timeline.makespanMs - plan.makespanMs) <= 1e-9 * max(1, plan.makespanMs), "\(algorithm)")
                    }
                    #expect(TimelineCheck.violations(timeline, plan: plan, scenario: scenario, environment: environment) == [])
                }
            }
        }
        #expect(played.isSuperset(of: [.local, .cloud, .partitionOnly]))
    }

    @Test func aSlowerLinkNeverHelpsAJobLevelPlan() throws {
        var rng = SplitMix64(seed: 77)
        for _ in 0..<100 {
            let scenario = RandomInstances.scenario(&rng)
            let plan = RandomInstances.jobLevelPlan(scenario, &rng)
            var slower = scenario.environment
            slower.bandwidthTrace = [TracePoint(atMs: 0, mbps: slower.bandwidthMbps),
                                     TracePoint(atMs: Double.random(in: 0.5...20, using: &rng), mbps: slower.bandwidthMbps / 3)]
            let timeline = try Simulator.play(plan: plan, scenario: scenario, environment: slower)
            #expect(timeline.makespanMs >= plan.makespanMs)
        }
    }

    @Test func zeroLengthWorkDoesNotHoldItsLane() throws {
        // j0's device layer takes no time but waits for nothing; j1's transfer of 0 bytes
        // takes no time either: neither appears busy.
        let free = try ModelGraph(name: "free", inputBytes: 0, layers: [
            Layer(name: "a", inputs: ["input"], deviceMs: 0, cloudMs: 2, outputBytes: 0),
        ])
        let scenario = Scenario(name: "free", environment: Environment(latencyMs: 5), models: [free],
                                jobs: [Job(id: "j0", modelIndex: 0), Job(id: "j1", modelIndex: 0)])
        let cuts = [free.localCut, free.cloudCut]
        var plan = Plan(algorithm: .layerLevel, environment: scenario.environment, cuts: cuts, order: [0, 1], lowerBoundMs: 0)
        plan.segments = [
            Segment(lane: .device, job: 0, startMs: 0, endMs: 0, work: .items([0])),
            Segment(lane: .uplink, job: 1, startMs: 0, endMs: 0, work: .items([Cut.rawInput])),
            Segment(lane: .cloud, job: 1, startMs: 0, endMs: 2, work: .items([0])),
        ]
        let timeline = try Simulator.play(plan: plan, scenario: scenario, environment: scenario.environment)
        #expect(timeline.segments.map(\.endMs) == [0, 0, 2])
        #expect(timeline.metrics(.uplink).busyMs == 0)
        #expect(timeline.makespanMs == 2)
    }

    @Test func invalidJitterIsRefused() {
        let plan = Self.handWrittenLayerLevelPlan()
        #expect(throws: SimulationError.self) {
            try Simulator.play(plan: plan, scenario: Self.pair, environment: Self.environment,
                               options: SimulationOptions(jitter: Jitter(percent: 100, seed: 1)))
        }
    }
}
