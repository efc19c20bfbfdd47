import OffloadModel
import Testing
@testable import OffloadScheduler

@Suite("Hand-worked examples")
struct LayerExampleTests {
    /// 8 Mbps: 1000 bytes take exactly 1 ms.
    static let speeds = Environment(deviceSpeed: 1, cloudSpeed: 1, bandwidthMbps: 8, latencyMs: 0)

    /// One job: v0 (device 10 ms, 10 000 B out) → v1 (device 10 ms, 1000 B out);
    /// v2 in the cloud (1 ms) reads both. The job-level plan sends 11 000 B after
    /// both device layers: 20 + 11 + 1 = 32 ms. At layer level v0's tensor leaves
    /// at 10 ms while v1 runs, v1's at 20 ms: 20 + 1 + 1 = 22 ms.
    static let skip = LayerJob(inputBytes: 50_000, deviceMs: [10, 10, 99], cloudMs: [99, 99, 1],
                               outputBytes: [10_000, 1000, 8], inputs: [[-1], [0], [0, 1]], onDevice: [true, true, false])

    @Test("a transfer overlaps a later device layer: 22 ms instead of 32 ms")
    func skipConnection() throws {
        let jobLevel = try LayerLevelScheduler.jobLevelSegments(jobs: [Self.skip], speeds: Self.speeds, order: [0])
        #expect(jobLevel.makespan == 32)
        #expect(jobLevel.segments == [
            LayerSegment(lane: .device, job: 0, startMs: 0, endMs: 20, items: [0, 1]),
            LayerSegment(lane: .uplink, job: 0, startMs: 20, endMs: 31, items: [0, 1]),
            LayerSegment(lane: .cloud, job: 0, startMs: 31, endMs: 32, items: [2]),
        ])
        let plan = try LayerLevelScheduler.schedule(jobs: [Self.skip], speeds: Self.speeds, jobOrder: [0])
        #expect(plan.makespan == 22)
        #expect(plan.segments == [
            LayerSegment(lane: .device, job: 0, startMs: 0, endMs: 20, items: [0, 1]),
            LayerSegment(lane: .uplink, job: 0, startMs: 10, endMs: 20, items: [0]),
            LayerSegment(lane: .uplink, job: 0, startMs: 20, endMs: 21, items: [1]),
            LayerSegment(lane: .cloud, job: 0, startMs: 21, endMs: 22, items: [2]),
        ])
        #expect(LayerFeasibility.violations(jobs: [Self.skip], speeds: Self.speeds, plan: plan) == [])
    }

    /// Job A: a0 (1 ms, 5 ms tensor) → a1 (8 ms, 1 ms tensor). Job B: b0 (4 ms,
    /// 4 ms tensor). Cloud layers take no time. Either job order gives 19 ms at
    /// job level; interleaving a0, b0, a1 gives 14 ms = all device work (13 ms)
    /// plus the last 1 ms transfer, which is optimal.
    static let a = LayerJob(inputBytes: 1, deviceMs: [1, 8, 0], cloudMs: [0, 0, 0], outputBytes: [5000, 1000, 1],
                            inputs: [[-1], [0], [0, 1]], onDevice: [true, true, false])
    static let b = LayerJob(inputBytes: 1, deviceMs: [4, 0], cloudMs: [0, 0], outputBytes: [4000, 1],
                            inputs: [[-1], [0]], onDevice: [true, false])

    @Test("Johnson strings interleave two jobs: 14 ms instead of 19 ms")
    func interleaving() throws {
        let jobs = [Self.a, Self.b]
        for order in [[0, 1], [1, 0]] {
            #expect(try LayerLevelScheduler.jobLevelSegments(jobs: jobs, speeds: Self.speeds, order: order).makespan == 19)
        }
        #expect(try TreeRule.guarantee(jobs: jobs, speeds: Self.speeds) == .optimal)
        let tree = try TreeRule.schedule(jobs: jobs, speeds: Self.speeds)
        #expect(tree.makespan == 14)
        #expect(tree.segments.filter { $0.lane == .device } == [
            LayerSegment(lane: .device, job: 0, startMs: 0, endMs: 1, items: [0]),
            LayerSegment(lane: .device, job: 1, startMs: 1, endMs: 5, items: [0]),
            LayerSegment(lane: .device, job: 0, startMs: 5, endMs: 13, items: [1]),
        ])
        #expect(LayerBruteForce.treeSettingOptimum(jobs: jobs, speeds: Self.speeds) == 14)
        #expect(try LayerLevelScheduler.schedule(jobs: jobs, speeds: Self.speeds, jobOrder: [0, 1]).makespan == 14)
    }
}
