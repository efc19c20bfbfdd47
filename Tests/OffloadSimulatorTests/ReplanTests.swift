import Testing
import OffloadModel
import OffloadScheduler
@testable import OffloadSimulator
import OffloadTestSupport

@Suite struct ReplanTests {
    /// One layer: 10 ms on the device, 1 ms in the cloud, a 10,000-byte input. At 80 Mbps
    /// (80,000 bits/ms) sending it takes 1 ms, so partition-only sends every job; at 0.8 Mbps
    /// it takes 100 ms, so partition-only keeps every job on the device.
    static let model = try! ModelGraph(name: "one", inputBytes: 10_000, layers: [
        Layer(name: "a", inputs: ["input"], deviceMs: 10, cloudMs: 1, outputBytes: 10),
    ])
    static let scenario = Scenario(name: "drop", environment: Environment(bandwidthMbps: 80), models: [model],
                                   jobs: (0..<10).map { Job(id: "j\($0)", modelIndex: 0) })

    static func environment(_ trace: [TracePoint]) -> Environment {
        Environment(bandwidthMbps: 80, bandwidthTrace: trace)
    }

    static var plan: Plan { get throws { try Planner(scenario: scenario).plan(.partitionOnly, in: scenario.environment) } }

    @Test func replanningWorkedByHand() throws {
        let environment = Self.environment([TracePoint(atMs: 0, mbps: 80), TracePoint(atMs: 2.5, mbps: 0.8)])
        let plan = try Self.plan
        #expect(plan.makespanMs == 11)  // ten 1 ms uploads, the last cloud run ends at 11
        // Static: j0 and j1 send in 1 ms each; j2 sends 40,000 bits by 2.5 ms and the rest
        // at 800 bits/ms (50 ms), ending at 52.5; j3…j9 take 100 ms each: 752.5, then 1 ms of cloud.
        let staticRun = try Simulator.play(plan: plan, scenario: Self.scenario, environment: environment)
        #expect(staticRun.makespanMs == 753.5)
        // Re-planned at 2.5 ms: j3…j9 have not started and go to the device, 2.5 + 7 × 10.
        let replanned = try Simulator.play(plan: plan, scenario: Self.scenario, environment: environment,
                                           options: SimulationOptions(replan: true))
        #expect(replanned.replans == [Replan(atMs: 2.5, mbps: 0.8, jobs: Array(3..<10))])
        #expect(replanned.makespanMs == 72.5)
        #expect(replanned.finishMs[2] == 53.5)
        #expect((3..<10).allSatisfy { replanned.cuts[$0].deviceLayerCount == 1 })
        // The re-planned work waited for the re-planning: the critical path says so.
        let first = try #require(replanned.criticalPath.first { $0.cause == .replan })
        #expect(replanned.segments[first.segment].startMs == 2.5)
        #expect(first.waitMs == 2.5)
        #expect(TimelineCheck.criticalPathViolations(replanned) == [])
    }

    @Test func aConstantLinkNeverReplans() throws {
        let plan = try Self.plan
        for environment in [Self.scenario.environment, Self.environment([TracePoint(atMs: 0, mbps: 80), TracePoint(atMs: 4, mbps: 80)])] {
            let replanned = try Simulator.play(plan: plan, scenario: Self.scenario, environment: environment,
                                               options: SimulationOptions(replan: true))
            #expect(replanned.replans.isEmpty)
            #expect(replanned.segments == plan.segments)
        }
    }

    @Test func aTraceThatStartsOffNominalReplansAtZero() throws {
        let environment = Self.environment([TracePoint(atMs: 0, mbps: 0.8)])
        let replanned = try Simulator.play(plan: try Self.plan, scenario: Self.scenario, environment: environment,
                                           options: SimulationOptions(replan: true))
        #expect(replanned.replans.map(\.atMs) == [0])
        #expect(replanned.makespanMs == 100)  // all ten on the device
    }

    @Test func anOutageTriggersNoReplanning() throws {
        let environment = Self.environment([TracePoint(atMs: 0, mbps: 80), TracePoint(atMs: 2.5, mbps: 0), TracePoint(atMs: 5, mbps: 0.8)])
        let replanned = try Simulator.play(plan: try Self.plan, scenario: Self.scenario, environment: environment,
                                           options: SimulationOptions(replan: true))
        #expect(replanned.replans.map(\.atMs) == [5])
        // j2 was sending when the link went down; j3… are re-planned when it comes back.
        #expect(replanned.replans.first?.jobs == Array(3..<10))
    }

    @Test func workStartedBeforeAReplanIsUntouched() throws {
        try RandomRuns.plannedUnderTraces(seed: 21, rounds: 60) { scenario, environment, _, plan in
            let staticRun = try Simulator.play(plan: plan, scenario: scenario, environment: environment)
            let replanned = try Simulator.play(plan: plan, scenario: scenario, environment: environment,
                                               options: SimulationOptions(replan: true))
            let firstReplan = replanned.replans.first?.atMs ?? .infinity
            let early = { (timeline: Timeline) in Set(timeline.segments.filter { $0.startMs < firstReplan }) }
            #expect(early(staticRun) == early(replanned))
            #expect(Self.violations(replanned, scenario: scenario, environment: environment) == [])
        }
    }

    @Test func committedWorkBehindReplannedWorkStartsAtTheReplanning() throws {
        // a: 10 ms on the device, its 1,000-byte output 1 ms at 8 Mbps (2 ms at 4 Mbps); b: 1 ms.
        let model = try ModelGraph(name: "m", inputBytes: 40_000, layers: [
            Layer(name: "a", inputs: ["input"], deviceMs: 10, cloudMs: 1, outputBytes: 1000),
            Layer(name: "b", inputs: ["a"], deviceMs: 1, cloudMs: 1, outputBytes: 10),
        ])
        let environment = Environment(bandwidthMbps: 8, bandwidthTrace: [TracePoint(atMs: 0, mbps: 8), TracePoint(atMs: 15, mbps: 4)])
        let scenario = Scenario(name: "queue", environment: environment, models: [model],
                                jobs: ["x", "z", "y"].map { Job(id: $0, modelIndex: 0) })
        let cut = model.prefixCut(1)
        var plan = Plan(algorithm: .partitionOnly, environment: Environment(bandwidthMbps: 8), cuts: [cut, cut, cut],
                        order: [0, 1, 2], lowerBoundMs: 0)
        func segment(_ lane: Lane, _ job: Int, _ at: Double, _ item: Int) -> Segment {
            Segment(lane: lane, job: job, startMs: at, endMs: at, work: .items([item]))
        }
        // Device x, z, y; the uplink sends y's tensor before x's.
        plan.segments = [segment(.device, 0, 0, 0), segment(.device, 1, 1, 0), segment(.device, 2, 2, 0),
                         segment(.uplink, 2, 0, 0), segment(.uplink, 0, 1, 0), segment(.uplink, 1, 2, 0),
                         segment(.cloud, 0, 0, 1), segment(.cloud, 2, 1, 1), segment(.cloud, 1, 2, 1)]
        let staticRun = try Simulator.play(plan: plan, scenario: scenario, environment: environment)
        // x's tensor, ready at 10, waits behind y's, which waits for y's device work (20–30).
        #expect(staticRun.segments[4].startMs == 32 && staticRun.makespanMs == 37)
        // At 15 ms y has not started and is re-planned onto the device (11 ms beats 13 ms
        // split and 82 ms sent whole): x's tensor goes at once — at 15 ms, not back at 10.
        let replanned = try Simulator.play(plan: plan, scenario: scenario, environment: environment,
                                           options: SimulationOptions(replan: true))
        #expect(replanned.replans.map(\.jobs) == [[2]])
        let sendX = try #require(replanned.segments.first { $0.lane == .uplink && $0.job == 0 })
        #expect(sendX.startMs == 15 && sendX.endMs == 17)
        #expect(replanned.finishMs == [18, 23, 31])
        #expect(ReplanTests.violations(replanned, scenario: scenario, environment: environment) == [])
    }

    /// Layer-level work can wait in a lane's queue behind work of a job that is then
    /// re-planned; once that work is gone it starts at the re-planning, not in the past.
    @Test func layerLevelPlansReplannedKeepTheirPast() throws {
        var replannedRuns = 0
        try RandomRuns.playedUnderTraces(seed: 33, rounds: 300, plan: RandomInstances.layerLevelPlan) { scenario, environment, plan, staticRun in
            let replanned = try Simulator.play(plan: plan, scenario: scenario, environment: environment,
                                               options: SimulationOptions(replan: true, replanAlgorithm: .partitionOnly))
            guard let firstReplan = replanned.replans.first?.atMs else { return }
            replannedRuns += 1
            let early = { (timeline: Timeline) in Set(timeline.segments.filter { $0.startMs < firstReplan }) }
            #expect(early(staticRun) == early(replanned))
            #expect(Self.violations(replanned, scenario: scenario, environment: environment) == [])
            #expect(TimelineCheck.criticalPathViolations(replanned) == [])
        }
        #expect(replannedRuns > 100)
    }

    @Test func jitteredReplanningIsReproducible() throws {
        let environment = Self.environment([TracePoint(atMs: 0, mbps: 80), TracePoint(atMs: 2.5, mbps: 0.8), TracePoint(atMs: 40, mbps: 60)])
        let options = SimulationOptions(jitter: Jitter(percent: 20, seed: 3), replan: true)
        let plan = try Self.plan
        let first = try Simulator.play(plan: plan, scenario: Self.scenario, environment: environment, options: options)
        let second = try Simulator.play(plan: plan, scenario: Self.scenario, environment: environment, options: options)
        #expect(first.segments == second.segments && first.replans == second.replans)
    }

    /// Checks that hold with re-planning: lanes never overlap, every job's work is its
    /// final cut's, each job's stages follow each other, re-planned work starts no
    /// earlier than its re-planning.
    static func violations(_ timeline: Timeline, scenario: Scenario, environment: Environment) -> [String] {
        var problems: [String] = []
        for lane in Lane.allCases {
            let busy = timeline.segments.filter { $0.lane == lane && $0.durationMs > 0 }.sorted { $0.startMs < $1.startMs }
            for (a, b) in zip(busy, busy.dropFirst()) where b.startMs < a.endMs { problems.append("\(lane) overlaps") }
        }
        for job in scenario.jobs.indices {
            let mine = timeline.segments.filter { $0.job == job }
            let times = timeline.cuts[job].stageTimes(in: environment)
            let device = mine.filter { $0.lane == .device }.reduce(0) { $0 + $1.durationMs }
            let cloud = mine.filter { $0.lane == .cloud }.reduce(0) { $0 + $1.durationMs }
            if abs(device - times.device) > 1e-9 * max(1, device) || abs(cloud - times.cloud) > 1e-9 * max(1, cloud) {
                problems.append("job \(job): work differs from its cut")
            }
            var ready = 0.0
            for lane in Lane.allCases {
                // Stage order holds for job-level work; layer-level work is checked layer by layer elsewhere.
                for segment in mine where segment.lane == lane && segment.work == .wholeStage {
                    if segment.startMs < ready - 1e-9 { problems.append("job \(job) \(lane) starts before its input") }
                }
                if let end = mine.filter({ $0.lane == lane }).map(\.endMs).max() { ready = end }
            }
            if let replan = timeline.replans.last(where: { $0.jobs.contains(job) }),
               let start = mine.map(\.startMs).min(), start < replan.atMs {
                problems.append("job \(job) started before its re-planning")
            }
        }
        return problems
    }
}
